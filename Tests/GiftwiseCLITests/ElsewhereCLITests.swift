import Foundation
import Testing

/// Gift ideas from elsewhere through the built binary: `recommend` in text and JSON, and a shop's
/// own ideas file stored with `catalog ideas import`.
struct ElsewhereCLITests {
    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "giftwise-elsewhere-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    /// Writes `csv` into `folder` and imports it, replacing the catalog, through the binary.
    static func importCSV(_ csv: String, named name: String, into db: String, in folder: URL) throws {
        let file = folder.appendingPathComponent(name)
        try csv.write(to: file, atomically: true, encoding: .utf8)
        let imported = try CLIHarness.run(["catalog", "import", file.path, "--db", db, "--replace"], in: folder)
        #expect(imported.status == 0, "\(imported.summary)")
    }

    static func json(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    @Test func jsonCarriesElsewhereEmptyWhenGoodAndIdeasWhenNothingFits() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("catalog.sqlite").path
        let good = try CLIHarness.run(
            ["recommend", "--format", "json", "--db", db, "--age", "7", "--interest", "dinosaurs"], in: folder)
        #expect(good.status == 0, "\(good.summary)")
        let goodJSON = try Self.json(good.stdout)
        #expect(goodJSON["fit"] as? String == "good")
        #expect(
            (goodJSON["elsewhere"] as? [String])?.isEmpty == true, "present and empty when the catalog is the answer")

        let none = try CLIHarness.run(
            ["recommend", "--format", "json", "--db", db, "--age", "7", "--interest", "dinosaurs", "--budget", "1"],
            in: folder)
        let noneJSON = try Self.json(none.stdout)
        #expect(noneJSON["fit"] as? String == "none")
        let ideas = try #require(noneJSON["elsewhere"] as? [String])
        #expect(ideas.count == 3)
        #expect(ideas.contains("a fossil dig kit to chip out a skeleton"))
    }

    @Test func aDescriptionThatOnlyRepeatsTheNameIsNotPrintedTwice() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("catalog.sqlite").path
        // Real rows from the Amazon UK export copy the name into the description
        try Self.importCSV(
            """
            id,name,description,price,age_min
            p1,Ravensburger Jigsaw Puzzle 1000 Pieces - Phra Nang Beach,Ravensburger Jigsaw Puzzle 1000 Pieces - Phra Nang Beach ,13,8
            p2,Gibsons Jigsaw Puzzle Our House,A 1000-piece jigsaw of a 1970s house,12,8

            """, named: "puzzles.csv", into: db, in: folder)
        let shown = try CLIHarness.run(
            ["recommend", "--db", db, "--age", "9", "--interest", "jigsaw puzzles"], in: folder)
        #expect(shown.stdout.components(separatedBy: "Phra Nang Beach").count == 2, "\(shown.stdout)")
        #expect(shown.stdout.contains("A 1000-piece jigsaw of a 1970s house"), "\(shown.stdout)")
    }

    @Test func ideasElsewhereGiveTheBudgetInItsOwnCurrency() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("catalog.sqlite").path
        try Self.importCSV(
            """
            id,name,price,age_min
            p1,Wooden Train Set,£24.99,3

            """, named: "pounds.csv", into: db, in: folder)
        // A plain amount in a pound shop is pounds, and the ideas elsewhere say so
        let plain = try CLIHarness.run(
            ["recommend", "--db", db, "--age", "30", "--interest", "scuba diving", "--budget", "5"], in: folder)
        #expect(plain.stdout.contains("under £5."), "\(plain.stdout)")
        // A budget that names its currency keeps it
        let euros = try CLIHarness.run(
            ["recommend", "--db", db, "--age", "30", "--interest", "scuba diving", "--budget", "5 EUR"], in: folder)
        #expect(euros.stdout.contains("under €5."), "\(euros.stdout)")
        // A saved budget and a --budget-min above it: both said in pounds
        let saved = try CLIHarness.run(
            ["recipients", "add", "Zed", "--db", db, "--age", "7", "--budget", "10"], in: folder)
        #expect(saved.status == 0, "\(saved.summary)")
        let clash = try CLIHarness.run(["recommend", "--db", db, "--for", "Zed", "--budget-min", "20"], in: folder)
        #expect(clash.stderr.contains("The least to spend (£20) is above the most (£10)."), "\(clash.stderr)")
    }

    @Test func aBudgetWithACurrencySymbolIsInThatCurrency() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("catalog.sqlite").path
        // The default catalog prices in dollars: "£20" is pounds, and no rate links them
        let pounds = try CLIHarness.run(
            ["recommend", "--db", db, "--age", "7", "--interest", "dinosaurs", "--budget", "£20"], in: folder)
        #expect(pounds.status == 0, "\(pounds.summary)")
        #expect(pounds.stdout.contains("left out: the budget is in GBP"), "\(pounds.stdout)")
        #expect(pounds.stdout.contains("give the budget in USD ($20)"), "\(pounds.stdout)")
        // A budget that names one currency and a --currency naming another is a usage error
        let clash = try CLIHarness.run(
            ["recommend", "--db", db, "--age", "7", "--budget", "£20", "--currency", "USD"], in: folder)
        #expect(clash.status == 2)
        #expect(clash.stderr.contains("--budget £20 is in GBP but --currency says USD"), "\(clash.stderr)")
        // Saved budgets are in the catalog's currency: "£20" is refused, "$20" saved and shown as dollars
        let saved = try CLIHarness.run(
            ["recipients", "add", "Maya", "--db", db, "--age", "7", "--budget", "£20"], in: folder)
        #expect(saved.status == 2)
        #expect(saved.stderr.contains("Saved budgets are in the catalog's currency, USD"), "\(saved.stderr)")
        let dollars = try CLIHarness.run(
            ["recipients", "add", "Maya", "--db", db, "--age", "7", "--budget", "$20"], in: folder)
        #expect(dollars.status == 0, "\(dollars.summary)")
        let shown = try CLIHarness.run(["recipients", "show", "Maya", "--db", db], in: folder)
        #expect(shown.stdout.contains("Budget:     up to $20"), "\(shown.stdout)")
    }

    @Test func textSaysPlainlyWhenNothingIsAboutWhatTheyEnjoy() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("catalog.sqlite").path
        let run = try CLIHarness.run(["recommend", "--db", db, "--age", "7", "--interest", "zqxvw"], in: folder)
        #expect(run.status == 0, "\(run.summary)")
        #expect(run.stdout.contains("Nothing in the catalog is about what they enjoy within these answers"))
        #expect(!run.stdout.contains("✓"), "no gift listed: \(run.stdout)")
        #expect(run.stdout.contains("What would help"))
    }

    @Test func textSaysWhatToLookForElsewhereOnlyWhenNothingFits() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("catalog.sqlite").path
        let none = try CLIHarness.run(
            ["recommend", "--db", db, "--age", "30", "--interest", "scuba diving", "--budget", "2"], in: folder)
        #expect(none.status == 0, "\(none.summary)")
        // Long lines may be wrapped to the terminal's width: compare the words.
        let flowing = none.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(
            flowing.contains(
                "Nothing here fits a 30-year-old who enjoys scuba diving, under $2. Worth looking for elsewhere:"),
            "\(none.stdout)")
        #expect(none.stdout.contains("  • "))
        let good = try CLIHarness.run(["recommend", "--db", db, "--age", "7", "--interest", "dinosaurs"], in: folder)
        #expect(!good.stdout.contains("elsewhere"))
    }

    @Test func aShopsIdeasFileReplacesTheBundledIdeasForItsInterests() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("shop.sqlite").path
        let file = folder.appendingPathComponent("ideas.json")
        try #"{"dinosaurs": [{"idea": "a dinosaur cake from the bakery next door", "ageMin": 3}]}"#.write(
            to: file, atomically: true, encoding: .utf8)
        let imported = try CLIHarness.run(["catalog", "ideas", "import", file.path, "--db", db], in: folder)
        #expect(imported.status == 0, "\(imported.summary)")
        let run = try CLIHarness.run(
            [
                "recommend", "--format", "json", "--db", db, "--age", "7", "--interest", "dinosaurs", "--interest",
                "chess", "--budget", "1",
            ], in: folder)
        let ideas = try #require(try Self.json(run.stdout)["elsewhere"] as? [String])
        #expect(ideas.first == "a dinosaur cake from the bakery next door")
        #expect(ideas.count == 4, "chess keeps the bundled ideas: \(ideas)")

        try #"{"scuba-diving": [{"idea": "a dive logbook"}]}"#.write(to: file, atomically: true, encoding: .utf8)
        let refused = try CLIHarness.run(["catalog", "ideas", "import", file.path, "--db", db], in: folder)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("\"scuba-diving\" is not an interest id"), "\(refused.summary)")

        let reset = try CLIHarness.run(["catalog", "ideas", "reset", "--db", db], in: folder)
        #expect(reset.status == 0)
        let after = try CLIHarness.run(
            ["recommend", "--format", "json", "--db", db, "--age", "7", "--interest", "dinosaurs", "--budget", "1"],
            in: folder)
        #expect(
            (try Self.json(after.stdout)["elsewhere"] as? [String])?.contains(
                "a dinosaur cake from the bakery next door") == false)
    }
}
