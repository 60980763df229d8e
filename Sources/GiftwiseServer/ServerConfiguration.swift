import Foundation

/// How `giftwise serve` runs: where it listens, which catalog it serves, its limits.
public struct ServerConfiguration: Sendable {
    /// The address to bind; loopback unless told otherwise.
    public var host: String
    /// The port; 0 picks a free one (tests).
    public var port: Int
    /// The catalog file.
    public var databasePath: String
    /// The bearer token for catalog writes (`GIFTWISE_ADMIN_TOKEN`); `nil` refuses every write with 403.
    public var adminToken: String?
    /// Origins allowed by CORS (`--allow-origin`); empty: no CORS headers at all.
    public var allowedOrigins: [String]
    /// Largest catalog upload (`PUT /v1/catalog`), in bytes.
    public var catalogBodyLimit: Int
    /// Largest body anywhere else, in bytes.
    public var bodyLimit: Int
    /// A connection that sends nothing for this long while a request is due (or mid-body) is closed.
    public var readTimeout: Duration
    /// How often the catalog path is checked for a newly published file.
    public var catalogCheckInterval: Duration
    /// Where uploads are spooled before the import reads them.
    public var spoolDirectory: URL
    /// Bytes of recommendation and flow responses kept in memory (0 turns the cache off).
    public var cacheBytes: Int = 16 * 1024 * 1024
    /// SQLite reader connections: one per core (at least two).
    public var readers: Int = ProcessInfo.processInfo.activeProcessorCount
    /// How the one line per request is written.
    public var logFormat: LogFormat = .text
    /// How long requests in flight may take to finish after SIGTERM or SIGINT.
    public var shutdownGracePeriod: Duration = .seconds(30)
    /// How long the server may take to stop once cancelled (after the grace period, or when the
    /// task running it is cancelled) before the process is stopped hard. `nil` waits as long as
    /// it takes: for a server running inside another program (an app, a test run), which must
    /// never be brought down with it.
    public var cancellationLimit: Duration? = .seconds(5)

    /// Creates a configuration; the defaults follow DESIGN §5.
    public init(
        host: String = "127.0.0.1", port: Int = 8080, databasePath: String,
        adminToken: String? = nil, allowedOrigins: [String] = [],
        catalogBodyLimit: Int = 100 * 1024 * 1024, bodyLimit: Int = 64 * 1024,
        readTimeout: Duration = .seconds(30), catalogCheckInterval: Duration = .milliseconds(200),
        spoolDirectory: URL = FileManager.default.temporaryDirectory
    ) {
        self.host = host
        self.port = port
        self.databasePath = databasePath
        self.adminToken = adminToken.flatMap { $0.isEmpty ? nil : $0 }
        self.allowedOrigins = allowedOrigins
        self.catalogBodyLimit = catalogBodyLimit
        self.bodyLimit = bodyLimit
        self.readTimeout = readTimeout
        self.catalogCheckInterval = catalogCheckInterval
        self.spoolDirectory = spoolDirectory
    }
}

/// How request log lines are written.
public enum LogFormat: String, Sendable, CaseIterable {
    /// `GET /health 200 0.41ms request.id=…`, for people.
    case text
    /// One JSON object per line (``JSONLogHandler``), for log collectors.
    case json
}
