import Foundation
import Testing

/// `catalog import` and `catalog rates` through the built binary.
struct ImportCLITests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "giftwise-importcli-\(UUID().uuidString)")
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
        let run = try CLIHarness.run(
            ["catalog", "rates", "import", rates.path, "--db", folder.appendingPathComponent("c.sqlite").path],
            in: folder)
        #expect(run.status == 1)
        #expect(run.stderr.contains("line 2"), "\(run.summary)")
    }

    @Test func mappedThemeColumnsAreNotCalledTaggedFromTextAndEmptyPricesAreOneWarning() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var csv = "set_id,name,theme,subtheme,agerange_min,US_retailPrice\n"
        for index in 0..<30 {
            csv += "\(index)-1,Set \(index),Ninjago,Spinjitzu,8,\(index % 3 == 0 ? "" : "19.99")\n"
        }
        let file = folder.appendingPathComponent("lego.csv")
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let run = try CLIHarness.run(
            [
                "catalog", "import", file.path, "--db", folder.appendingPathComponent("l.sqlite").path,
                "--map", "id=set_id", "--map", "price=US_retailPrice", "--map", "age_min=agerange_min",
                "--map", "interests=theme,subtheme", "--skip-invalid",
            ], in: folder)
        #expect(run.status == 0, "\(run.summary)")
        #expect(run.stdout == "Imported: 20 added, 0 updated, 0 unchanged, 10 invalid rows skipped.\n")
        #expect(
            run.stderr.contains(
                "warning: price is empty; every product needs a price: 10 rows skipped, e.g. lines 2, 5, 8\n"))
        #expect(run.stderr.components(separatedBy: "price is empty").count == 2)
    }

    @Test func currencyGivesPlainPricesTheShopsCurrencyAndABadCodeIsAUsageError() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("uk.sqlite").path
        let file = folder.appendingPathComponent("uk.csv")
        try "id,name,price\nkite,Stunt Kite,4.99\ndollar,Imported Kite,$9.00\n".write(
            to: file, atomically: true, encoding: .utf8)
        let imported = try CLIHarness.run(["catalog", "import", file.path, "--db", db, "--currency", "gbp"], in: folder)
        #expect(imported.status == 0, "\(imported.summary)")
        let listed = try CLIHarness.run(
            ["recommend", "--db", db, "--age", "8", "--interest", "kites", "--format", "json"], in: folder)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [String: Any])
        let items = try #require(object["recommendations"] as? [[String: Any]])
        let currencies = Dictionary(uniqueKeysWithValues: items.map { ($0["id"] as? String ?? "", $0["currency"] as? String) })
        #expect(currencies["kite"] == "GBP")
        #expect(currencies["dollar"] == "USD", "a price that names its currency keeps it")

        let bad = try CLIHarness.run(["catalog", "import", file.path, "--db", db, "--currency", "pounds"], in: folder)
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--currency takes a three-letter ISO 4217 code"), "\(bad.summary)")
    }

    @Test func anUnknownMapFieldIsAUsageError() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try CLIHarness.run(["catalog", "import", "x.csv", "--map", "colour=theme"], in: folder)
        #expect(run.status == 2)
        #expect(run.stderr.contains("\"colour\" is not a catalog field"))
    }
}
