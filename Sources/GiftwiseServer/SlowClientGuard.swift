import Foundation
import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers `408 Request Timeout` (a problem document) and closes the connection when a client
/// sends a request too slowly: headers not complete within the read timeout of their first byte
/// (slowloris), or a body that stalls for the read timeout. An idle keep-alive connection is
/// closed without a word after the same time. A request whose body has arrived is never cut off
/// while the server works on it (an import of a large catalog may take a while to answer).
///
/// Works with NIO's `IdleStateHandler(readTimeout:)` placed before it (stalls between reads), and
/// puts a small handler of its own at the front of the pipeline: it sees raw bytes (a request
/// head that has not finished parsing yet) and writes the 408 past the HTTP handlers, which
/// would refuse a response to a request they never saw. A stalled upload closed here ends the
/// body stream with an error, so the import never starts and the catalog is unchanged.
final class SlowClientGuard: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private enum Phase {
        /// Between requests: nothing received.
        case idle
        /// Bytes of a request head arrived, the head is not complete.
        case readingHead
        /// The head arrived; its body has not ended.
        case readingBody
        /// The request is complete; the server is answering.
        case responding
    }
    private var phase = Phase.idle
    private var responseStarted = false
    private let headerTimeout: TimeAmount
    private var headerDeadline: Scheduled<Void>?
    private let socketSide = SocketSide()
    /// Writes the request log line for a 408 (the responder never saw the request), given its id.
    private let logTimeout: @Sendable (String) -> Void

    init(headerTimeout: TimeAmount, logTimeout: @escaping @Sendable (String) -> Void = { _ in }) {
        self.headerTimeout = headerTimeout
        self.logTimeout = logTimeout
    }

    func handlerAdded(context: ChannelHandlerContext) {
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        socketSide.onBytes = {
            let (guardHandler, context) = loopBound.value
            guardHandler.bytesArrived(context: context)
        }
        try? context.pipeline.syncOperations.addHandler(socketSide, position: .first)
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        headerDeadline?.cancel()
        socketSide.onBytes = nil
    }

    private func bytesArrived(context: ChannelHandlerContext) {
        guard phase == .idle else { return }
        phase = .readingHead
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        headerDeadline = context.eventLoop.scheduleTask(in: headerTimeout) {
            let (guardHandler, context) = loopBound.value
            if guardHandler.phase == .readingHead { guardHandler.timeOut(context: context) }
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            headerDeadline?.cancel()
            headerDeadline = nil
            phase = .readingBody
        case .body: break
        case .end: phase = .responding
        }
        context.fireChannelRead(data)
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        switch unwrapOutboundIn(data) {
        case .head(let head) where head.status.kind != .informational:
            responseStarted = true
        case .end:
            responseStarted = false
            if phase == .responding { phase = .idle }
        default: break
        }
        context.write(data, promise: promise)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if let idle = event as? IdleStateHandler.IdleStateEvent, idle == .read {
            switch phase {
            case .idle:
                context.close(promise: nil)
                return
            case .readingHead, .readingBody:
                timeOut(context: context)
                return
            case .responding:
                break
            }
        }
        context.fireUserInboundEventTriggered(event)
    }

    /// 408 with a problem document, unless a response has already begun; then the connection closes.
    private func timeOut(context: ChannelHandlerContext) {
        headerDeadline?.cancel()
        headerDeadline = nil
        phase = .responding
        let requestID = "timeout-\(UUID().uuidString.prefix(8).lowercased())"
        guard !responseStarted,
            let written = socketSide.writeRaw(Self.requestTimeout(context.channel.allocator, requestID: requestID))
        else {
            context.close(promise: nil)
            return
        }
        logTimeout(requestID)
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        written.whenComplete { _ in loopBound.value.close(promise: nil) }
    }

    /// The whole 408 response as bytes on the wire.
    static func requestTimeout(_ allocator: ByteBufferAllocator, requestID: String) -> ByteBuffer {
        let body = Problem.requestTimeout.body(requestID: requestID)
        var buffer = allocator.buffer(capacity: body.count + 160)
        buffer.writeString(
            "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/problem+json\r\n"
                + "Content-Length: \(body.count)\r\nConnection: close\r\nX-Request-Id: \(requestID)\r\n\r\n")
        buffer.writeBytes(body)
        return buffer
    }
}

/// The guard's eyes and mouth at the socket end of the pipeline: tells it when bytes arrive, and
/// writes its 408 straight to the socket.
final class SocketSide: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    var onBytes: (() -> Void)?
    private var context: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
        onBytes = nil
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        onBytes?()
        context.fireChannelRead(data)
    }

    func writeRaw(_ buffer: ByteBuffer) -> EventLoopFuture<Void>? {
        context?.writeAndFlush(wrapOutboundOut(buffer))
    }
}
