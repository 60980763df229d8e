import NIOCore
import NIOHTTPTypes

/// Closes a connection whose client stops sending while the server waits for it: headers that
/// never finish (slowloris), a body that stalls mid-upload, or an idle keep-alive connection.
/// A request whose body has arrived is never cut off while the server works on it (an import of
/// a large catalog may take a while to answer).
///
/// Works with NIO's `IdleStateHandler(readTimeout:)` placed before it. A stalled upload closed
/// here ends the body stream with an error, so the import never starts and the catalog is unchanged.
final class SlowClientGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private enum Phase { case waitingForRequest, readingRequest, responding }
    private var phase = Phase.waitingForRequest

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head: phase = .readingRequest
        case .body: break
        case .end: phase = .responding
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), phase == .responding { phase = .waitingForRequest }
        context.write(data, promise: promise)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read, phase != .responding {
            context.close(promise: nil)
            return
        }
        context.fireUserInboundEventTriggered(event)
    }
}
