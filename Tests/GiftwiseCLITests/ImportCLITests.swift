import Foundation
import Testing

/// `catalog import` and `catalog rates` through the built binary.
struct ImportCLITests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("giftwise-importcli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func ratesImportStoresRatesAndListShowsThem() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("shop.sqlite").path
        let rates = folder.appendingPathComponent("rates.csv")
        try "currency,rate_to_USD\nEUR,1.08\nJPY,0.0067\n".write(to: rates, atomically: true, encoding: .utf8)
        let imported = try CLIHarness.run(["catalog", "rates", "import", rates.path, "--db", db], in: folder)
        #expect(imported.status == 0, "\(imported.summary)")
        #expect(imported.stdout.contains("Imported 2 exchange rates against USD"))
        let listed = try CLIHarness.run(["catalog", "rates", "list", "--format", "json", "--db", db], in: folder)
        let object = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any]
        #expect(object?["base"] as? String == "USD")
        #expect((object?["rates"] as? [String: Double])?["EUR"] == 1.08)
    }

    @Test func aBadRatesFileExitsOneNamingTheLine() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rates = folder.appendingPathComponent("rates.csv")
        try "currency,rate_to_USD\nEUR,one\n".write(to: rates, atomically: true, encoding: .utf8)
        let run = try CLIHarness.run(["catalog", "rates", "import", rates.path, "--db", folder.appendingPathComponent("c.sqlite").path], in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.contains("line 2"), "\(run.summary)")
    }
}
