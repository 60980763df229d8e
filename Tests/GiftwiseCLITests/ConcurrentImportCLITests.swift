import Foundation
import Testing

/// Two processes on one catalog: a second import while one is running is refused plainly (or
/// waits its turn), and readers keep reading the last committed catalog.
struct ConcurrentImportCLITests {
    @Test func aSecondImportIsRefusedPlainlyAndReadersSeeTheOldCatalog() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("giftwise-two-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("catalog.sqlite").path

        // Given a catalog holding the default products, and a large file to import
        let before = try CLIHarness.run(["catalog", "stats", "--format", "json", "--db", db], in: folder)
        #expect(before.status == 0)
        var big = "id,name,description,price,age_min,interests,purposes\n"
        for index in 0..<60_000 {
            big +=
                "big-\(index),Wooden puzzle number \(index),A jigsaw of \(index % 500 + 20) pieces,\(index % 90 + 5).99,6,puzzles,fun\n"
        }
        let bigFile = folder.appendingPathComponent("big.csv")
        try big.write(to: bigFile, atomically: true, encoding: .utf8)
        let small = folder.appendingPathComponent("small.csv")
        try "id,name,price\nsmall-1,Yo-yo,4\n".write(to: small, atomically: true, encoding: .utf8)

        // When a second import and a reader start while the big import runs
        let first = try CLIHarness.start(["catalog", "import", bigFile.path, "--db", db], in: folder)
        Thread.sleep(forTimeInterval: 0.8)
        let second = try CLIHarness.run(["catalog", "import", small.path, "--db", db], in: folder)
        let reader = try CLIHarness.run(["catalog", "stats", "--format", "json", "--db", db], in: folder)
        let firstResult = try first.finish()

        // Then the big import succeeds, the second is refused with a clear message or waited its
        // turn, and the reader saw a whole catalog (the old one or the new one, nothing between)
        #expect(firstResult.status == 0, "\(firstResult.summary)")
        #expect(!second.signalled)
        if second.status != 0 {
            #expect(second.status == 1)
            #expect(second.stderr.contains("Another Giftwise process is writing"), "\(second.summary)")
        }
        #expect(reader.status == 0, "\(reader.summary)")
        let readerCount = try Self.products(reader.stdout)
        let oldCount = try Self.products(before.stdout)
        #expect(readerCount == oldCount || readerCount == oldCount + 60_000 || readerCount == oldCount + 60_001)
        let after = try CLIHarness.run(["catalog", "stats", "--format", "json", "--db", db], in: folder)
        #expect(try Self.products(after.stdout) == oldCount + 60_000 + (second.status == 0 ? 1 : 0))
    }

    static func products(_ json: String) throws -> Int {
        let object = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return try #require(object?["products"] as? Int)
    }
}
