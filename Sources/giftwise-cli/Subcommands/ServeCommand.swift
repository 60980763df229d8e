import ArgumentParser
import Foundation

/// `giftwise serve`: hands over to the `giftwise-server` binary next to this one.
///
/// The HTTP server is its own executable so that the CLI does not link SwiftNIO and Hummingbird
/// (which would slow every `giftwise` start); `GiftwiseCommand.main` execs it before parsing,
/// so `giftwise serve --help` shows the server's own options.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve recommendations, the question flow and catalog updates over HTTP.",
        discussion:
            "giftwise serve [--host 127.0.0.1] [--port 8080] [--db PATH] [--allow-origin ORIGIN]… (see giftwise serve --help)"
    )

    @Argument(parsing: .captureForPassthrough, help: "Options for the server (see giftwise serve --help).")
    var arguments: [String] = []

    func run() throws { Self.handOver(arguments) }

    /// Replaces this process with `giftwise-server ARGUMENTS`; returns only by exiting on failure.
    static func handOver(_ arguments: [String]) -> Never {
        let candidates =
            [siblingPath()]
            + (ProcessInfo.processInfo.environment["PATH"] ?? "")
            .split(separator: ":").map { String($0) + "/giftwise-server" }
        guard
            let server = candidates.compactMap({ $0 }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }
            )
        else {
            FileHandle.standardError.write(
                Data(
                    """
                    error: giftwise-server was not found next to giftwise or on PATH. Build it with \
                    `swift build --product giftwise-server` (a plain `swift build` builds it too).\n
                    """.utf8))
            Foundation.exit(1)
        }
        let argv = ([server] + arguments).map { strdup($0) } + [nil]
        execv(server, argv)
        FileHandle.standardError.write(
            Data("error: cannot start \(server): \(String(cString: strerror(errno)))\n".utf8))
        Foundation.exit(1)
    }

    private static func siblingPath() -> String? {
        guard let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") else {
            return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent(
                "giftwise-server"
            ).path
        }
        return URL(fileURLWithPath: executable).deletingLastPathComponent().appendingPathComponent("giftwise-server")
            .path
    }
}
