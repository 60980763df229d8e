import ArgumentParser
import Foundation
import Giftwise
import GiftwiseServer
import Logging

/// `giftwise serve` hands over to this binary (its own executable, so the CLI does not pay for
/// SwiftNIO at every start).
@main
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "giftwise serve",
        abstract: "Serve recommendations, the question flow and catalog updates over HTTP (JSON).",
        discussion: """
            Binds to loopback unless --host says otherwise. Catalog writes (PUT /v1/catalog) need \
            Authorization: Bearer TOKEN, where TOKEN is GIFTWISE_ADMIN_TOKEN in the server's \
            environment; without it they are refused (403). GET /openapi.json describes every endpoint. \
            SIGTERM or SIGINT stops it gracefully.
            """
    )

    @Option(help: "The address to bind (loopback by default; 0.0.0.0 for every interface).")
    var host = "127.0.0.1"

    @Option(help: "The port (0 picks a free one).")
    var port = 8080

    @Option(name: .long, help: ArgumentHelp("The catalog database file.", valueName: "path"))
    var db: String?

    @Option(
        name: .customLong("allow-origin"),
        help: ArgumentHelp(
            "Allow browser pages from this origin (repeatable; * for any) to call the API (CORS).", valueName: "origin")
    )
    var allowedOrigins: [String] = []

    @Option(
        name: .customLong("read-timeout"),
        help: ArgumentHelp("Seconds a client may stay silent while its request is due.", valueName: "seconds"))
    var readTimeout: Double = 30

    @Option(name: .customLong("max-catalog-mb"), help: ArgumentHelp("Largest catalog upload, in MB.", valueName: "MB"))
    var maxCatalogMB = 100

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel = "info"

    @Option(
        name: .customLong("log-format"),
        help: "text (a line for people) or json (one JSON object per line: method, path, status, duration, request id)."
    )
    var logFormat = "text"

    @Option(
        name: .customLong("cache-mb"),
        help: ArgumentHelp(
            "Memory for cached recommendation and flow answers, in MB (0: no cache).", valueName: "MB"))
    var cacheMB = 16

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535.") }
        guard readTimeout > 0, readTimeout <= 3600 else {
            throw ValidationError("--read-timeout must be between 0 and 3600 seconds.")
        }
        guard maxCatalogMB > 0, maxCatalogMB <= 10_000 else {
            throw ValidationError("--max-catalog-mb must be between 1 and 10000.")
        }
        guard LogFormat(rawValue: logFormat) != nil else {
            throw ValidationError("--log-format must be text or json.")
        }
        guard cacheMB >= 0, cacheMB <= 4096 else { throw ValidationError("--cache-mb must be between 0 and 4096.") }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical.")
        }
        for origin in allowedOrigins
        where origin != "*" && !(origin.hasPrefix("http://") || origin.hasPrefix("https://")) {
            throw ValidationError(
                "--allow-origin takes an origin such as https://shop.example (or *), not \"\(origin)\".")
        }
    }

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        let format = LogFormat(rawValue: logFormat) ?? .text
        LoggingSystem.bootstrap { label in
            switch format {
            case .json:
                return JSONLogHandler(label: label, level: level)
            case .text:
                var handler = StreamLogHandler.standardError(label: label)
                handler.logLevel = level
                return handler
            }
        }
        let environment = ProcessInfo.processInfo.environment
        var configuration = ServerConfiguration(
            host: host, port: port, databasePath: db ?? GiftCatalog.defaultPath(),
            adminToken: environment["GIFTWISE_ADMIN_TOKEN"], allowedOrigins: allowedOrigins,
            catalogBodyLimit: maxCatalogMB * 1024 * 1024,
            readTimeout: .milliseconds(Int64(readTimeout * 1000)))
        configuration.cacheBytes = cacheMB * 1024 * 1024
        configuration.logFormat = format
        let server: GiftwiseServer
        do {
            server = try GiftwiseServer(configuration: configuration, logger: Logger(label: "giftwise"))
        } catch {
            FileHandle.standardError.write(Data("error: \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
        do {
            // Printed whatever the log level: scripts and tests wait for this line (with --port 0
            // it is the only way to learn the port).
            let host = host.contains(":") ? "[\(host)]" : host
            try await server.run { port in
                FileHandle.standardError.write(Data("giftwise serving on http://\(host):\(port)\n".utf8))
            }
        } catch {
            FileHandle.standardError.write(
                Data("error: cannot serve on \(host):\(port): \(error.localizedDescription)\n".utf8))
            throw ExitCode(1)
        }
    }
}
