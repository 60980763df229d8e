import Foundation

/// The built `giftwise` and `giftwise-server` binaries (next to the test bundle, else .build/debug).
enum Binaries {
    static func url(_ name: String) throws -> URL {
        var candidates: [URL] = []
        if name == "giftwise", let path = ProcessInfo.processInfo.environment["GIFTWISE_BIN"], !path.isEmpty {
            candidates.append(URL(fileURLWithPath: path))
        }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent(name))
            folder = folder.deletingLastPathComponent()
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(name))
        var root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while root.path != "/"
            && !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path)
        {
            root = root.deletingLastPathComponent()
        }
        candidates.append(root.appendingPathComponent(".build/debug/\(name)"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw CocoaError(
                .fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates.map(\.path).joined(separator: ", ")])
        }
        return found
    }

    /// Runs `giftwise arguments…` to completion; stdout bytes and exit status.
    static func runCLI(_ arguments: [String]) async throws -> (status: Int32, stdout: Data) {
        let executable = try url("giftwise")
        return try await RawHTTP.blocking {
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            var environment = ProcessInfo.processInfo.environment
            environment["NO_COLOR"] = "1"
            process.environment = environment
            let output = FileManager.default.temporaryDirectory.appendingPathComponent(
                "giftwise-cli-\(UUID().uuidString)")
            _ = FileManager.default.createFile(atPath: output.path, contents: nil)
            defer { try? FileManager.default.removeItem(at: output) }
            let handle = try FileHandle(forWritingTo: output)
            process.standardOutput = handle
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            try handle.close()
            return (process.terminationStatus, try Data(contentsOf: output))
        }
    }
}
