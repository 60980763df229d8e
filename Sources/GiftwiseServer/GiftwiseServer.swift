import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import NIOCore
import ServiceLifecycle
import UnixSignals

/// `giftwise serve`: the library over HTTP/1.1 (DESIGN §5).
///
/// Stateless: the catalog file is the only state, so any number of replicas can serve copies of
/// it behind a load balancer. A catalog published at the same path (`giftwise catalog publish`)
/// is picked up within ``ServerConfiguration/catalogCheckInterval``.
public struct GiftwiseServer: Sendable {
    /// How it runs.
    public let configuration: ServerConfiguration
    let catalogs: CatalogHandle
    let logger: Logger

    /// Opens the catalog (creating and seeding it on first use, as the CLI does).
    /// - Throws: ``GiftwiseError`` when the catalog cannot be opened.
    public init(configuration: ServerConfiguration, logger: Logger = Logger(label: "giftwise")) throws {
        self.configuration = configuration
        self.logger = logger
        self.catalogs = try CatalogHandle(
            path: configuration.databasePath, readers: configuration.readers, cacheBytes: configuration.cacheBytes)
    }

    /// Serves until SIGTERM or SIGINT (or cancellation), then stops accepting connections, lets
    /// requests in flight finish, and closes the catalog.
    /// - Parameters:
    ///   - gracefulShutdownSignals: the signals that start a graceful shutdown (none in tests).
    ///   - onListening: called with the bound port once the server accepts connections.
    public func run(
        gracefulShutdownSignals: [UnixSignal] = [.sigterm, .sigint],
        onListening: @escaping @Sendable (Int) async -> Void = { _ in }
    ) async throws {
        let readTimeout = TimeAmount(configuration.readTimeout)
        // The guard closes idle connections itself (and answers 408 to slow requests), so
        // Hummingbird's own idle timeout is off: it would close a half-sent request silently.
        let (logger, format) = (logger, configuration.logFormat)
        let logTimeout: @Sendable (String) -> Void = { requestID in
            switch format {
            case .text:
                logger.info("- - 408 (request too slow)", metadata: ["request.id": "\(requestID)"])
            case .json:
                logger.info(
                    "request",
                    metadata: [
                        "status": .stringConvertible(408), "request_id": "\(requestID)", "error": "request timeout",
                    ])
            }
        }
        let http = HTTP1Channel.Configuration(
            additionalChannelHandlers: [
                IdleStateHandler(readTimeout: readTimeout),
                SlowClientGuard(headerTimeout: readTimeout, logTimeout: logTimeout),
            ],
            idleTimeout: nil)
        let responder = APIResponder(configuration: configuration, catalogs: catalogs, logger: logger)
        var app = Application(
            responder: responder,
            server: .http1(configuration: http),
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "giftwise"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        app.addServices(CatalogWatcher(handle: catalogs, interval: configuration.catalogCheckInterval, logger: logger))
        var group = ServiceGroupConfiguration(
            services: [app], gracefulShutdownSignals: gracefulShutdownSignals, logger: logger)
        // Requests in flight get this long to finish after SIGTERM; then they are cancelled, so a
        // stuck client (or request) cannot keep the process from stopping.
        group.maximumGracefulShutdownDuration = configuration.shutdownGracePeriod
        group.maximumCancellationDuration = configuration.cancellationLimit
        try await ServiceGroup(configuration: group).run()
        logger.info("giftwise stopped; catalog closed")
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
