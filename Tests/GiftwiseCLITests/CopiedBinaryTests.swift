import Foundation
import Testing

/// The default catalog is compiled into the binary (no resource bundle beside it), so a binary
/// copied anywhere still fills a new catalog and recommends.
struct CopiedBinaryTests {
    @Test func aCopiedBinaryFindsTheBundledCatalog() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("giftwise-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("giftwise")
        try FileManager.default.copyItem(at: try CLIHarness.binary(), to: copy)

        let process = Process()
        process.executableURL = copy
        process.arguments = [
            "recommend", "--age", "7", "--interest", "dinosaurs", "--format", "json",
            "--db", folder.appendingPathComponent("new.sqlite").path,
        ]
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = folder.path
        environment["XDG_DATA_HOME"] = folder.path
        process.environment = environment
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()

        #expect(process.terminationReason == .exit && process.terminationStatus == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["fit"] as? String == "good")
        #expect((object["recommendations"] as? [Any])?.isEmpty == false)
    }
}
