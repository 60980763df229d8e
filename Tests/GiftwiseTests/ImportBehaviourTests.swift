import Foundation
import Testing

@testable import Giftwise

struct ImportBehaviourTests {
    @Test func statsSummarisePricesPerCurrencyNeverAsOneMixedRange() throws {
        let catalog = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(
            """
            id,name,price,currency
            a,Kite,4.00,GBP
            b,Kite Line,2.00,GBP
            c,Kite Reel,6.00,GBP
            y,Kendama,1500,JPY

            """, into: catalog)
        let stats = try catalog.stats()
        #expect(stats.currency == "GBP")
        #expect(stats.prices.map(\.currency) == ["GBP", "JPY"])
        #expect(stats.prices.first == .init(currency: "GBP", products: 3, min: 2, median: 4, max: 6))
        #expect(stats.prices.last?.max == 1500)
        #expect((stats.priceMin, stats.priceMedian, stats.priceMax) == (2, 4, 6), "the main currency's, not 2 to 1500")
    }

    @Test func aDefaultCurrencyAppliesOnlyToPricesThatNameNone() throws {
        let catalog = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(
            """
            id,name,price,currency
            plain,Stunt Kite,4.99,
            euro,Kite,5.00,EUR
            pound,Kite Line,£2.50,

            """, into: catalog, options: ImportOptions(format: .csv, defaultCurrency: "GBP"))
        #expect(try catalog.product(id: "plain")?.currency == "GBP")
        #expect(try catalog.product(id: "euro")?.currency == "EUR")
        #expect(try catalog.product(id: "pound")?.currency == "GBP")
        // Not a currency code: refused before anything is read, and the catalog is unchanged.
        #expect(throws: GiftwiseError.self) {
            try TestSupport.importCSV(
                "id,name,price\nx,X,1\n", into: catalog, options: ImportOptions(defaultCurrency: "£"))
        }
        #expect(try catalog.product(id: "x") == nil)
    }

    @Test func acceptsBOMCRLFAndQuotedNewlines() throws {
        let catalog = try TestSupport.emptyCatalog()
        let text =
            "\u{FEFF}id,name,description,price\r\nq1,\"Puzzle, 500 pieces\",\"Line one\r\nline \"\"two\"\"\",12\r\nq2,Kite,,8\r\n"
        let report = try TestSupport.importCSV(text, into: catalog)
        #expect(report.added == 2)
        let puzzle = try #require(try catalog.product(id: "q1"))
        #expect(puzzle.name == "Puzzle, 500 pieces")
        #expect(puzzle.description == "Line one\r\nline \"two\"")
        #expect(try catalog.product(id: "q2")?.price == Money(8))
    }

    @Test func errorLineNumbersCountLinesInsideQuotedFields() throws {
        let catalog = try TestSupport.emptyCatalog()
        let text = TestSupport.header + "a,\"Two\nline name\",,3,USD,,,,,,\nb,Ball,,bad,USD,,,,,,\n"
        let errors = TestSupport.importErrors(Data(text.utf8), into: catalog, format: .csv)
        #expect(errors.first?.line == 4)
    }

    @Test func upsertCountsAddedUpdatedAndUnchanged() throws {
        let catalog = try TestSupport.emptyCatalog()
        #expect(try TestSupport.importCSV(TestSupport.seedCSV, into: catalog).added == 3)
        let second =
            TestSupport.header + """
                toy-1,Dinosaur Fossil Dig,Dig three skeletons out of plaster,16.99,USD,6,10,dinosaurs|science,educational,,true
                toy-2,Watercolour Paint Set,Twenty-four pans and two brushes,14.00,USD,5,,painting|art,crafty,,true
                toy-4,Kite,Diamond kite,11,USD,5,,outdoor-play,sporty,,true

                """
        let report = try TestSupport.importCSV(second, into: catalog)
        #expect((report.added, report.updated, report.unchanged, report.removed) == (1, 1, 1, 0))
        #expect(try catalog.product(id: "toy-2")?.price == Money(14))
        #expect(try catalog.productCount() == 4)
    }

    @Test func replaceRemovesProductsNotInTheFile() throws {
        let catalog = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(TestSupport.seedCSV, into: catalog)
        let only = TestSupport.header + "toy-9,Yo-yo,,4,USD,6,,,fun,,true\n"
        let report = try TestSupport.importCSV(only, into: catalog, options: ImportOptions(format: .csv, replace: true))
        #expect(report.removed == 3)
        #expect(report.added == 1)
        #expect(try catalog.productCount() == 1)
        // The removed products are gone from the full-text index too.
        #expect(
            try catalog.database.read { db in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product_fts WHERE product_fts MATCH 'dinosaur'")
            } == 0)
    }

    @Test func dryRunReportsWithoutWriting() throws {
        let catalog = try TestSupport.emptyCatalog()
        let report = try TestSupport.importCSV(
            TestSupport.seedCSV, into: catalog, options: ImportOptions(format: .csv, dryRun: true))
        #expect(report.added == 3)
        #expect(report.dryRun)
        #expect(try catalog.productCount() == 0)
    }

    @Test func untaggedProductsAreTaggedFromTheirText() throws {
        let catalog = try TestSupport.emptyCatalog()
        let text =
            "id,name,description,price\nx1,Glow in the Dark Solar System Kit,Paint your own planets and hang them up,19\nx2,Wooden Train Set with Bridge,Forty pieces of track,35\n"
        let report = try TestSupport.importCSV(text, into: catalog)
        #expect(report.autoTagged == 2)
        #expect(try catalog.product(id: "x1")?.interests.first == "space")
        #expect(try catalog.product(id: "x2")?.interests.first == "trains")
        #expect(try catalog.product(id: "x1")?.purposes.isEmpty == false)
    }

    @Test func unknownInterestsAreKeptAsFreeTagsWithOneWarning() throws {
        let catalog = try TestSupport.emptyCatalog()
        let text =
            TestSupport.header
            + "k1,Sticker Album,,5,USD,6,,k-pop|stickers,fun,,true\nk2,Light Stick,,25,USD,12,,k-pop,fun,,true\n"
        let report = try TestSupport.importCSV(text, into: catalog)
        #expect(report.warnings.filter { $0.contains("not in the taxonomy") }.count == 1)
        #expect(try catalog.product(id: "k2")?.interests == ["k pop"])
    }

    @Test func unknownColumnsAreIgnoredWithOneWarning() throws {
        let catalog = try TestSupport.emptyCatalog()
        let report = try TestSupport.importCSV("id,name,price,colour,weight\nz1,Ball,3,red,1kg\n", into: catalog)
        #expect(report.warnings.first == "ignored columns not in the catalog format: colour, weight")
    }

    @Test(arguments: [ExportFormat.csv, .json, .jsonl])
    func exportThenImportIntoAnEmptyCatalogIsARoundTrip(_ format: ExportFormat) throws {
        let original = try TestSupport.defaultCatalog()
        // Add awkward text and an auto-tagged product to the mix.
        try TestSupport.importCSV(
            "id,name,description,price,age_min\nodd-1,\"Quote \"\"this\"\", please\",\"Line\nbreak, comma\",3.5,0.5\nodd-2,Plain Puzzle,,7,\n",
            into: original)
        var exported = Data()
        try original.export(format: format) { exported.append($0) }

        let copy = try TestSupport.emptyCatalog()
        let report = try copy.importData(
            exported, options: ImportOptions(format: ImportOptions.Format(rawValue: format.rawValue)!))
        #expect(report.added == (try original.productCount()))
        #expect(try TestSupport.snapshot(copy) == TestSupport.snapshot(original))
    }

    @Test func mappingReadsARealRetailerExport() throws {
        // Given a real Amazon UK export: quoted multi-line reviews, £ prices, ages in free text
        let catalog = try TestSupport.emptyCatalog()
        let url = try TestSupport.fixture("amazon_uk_toys_sample_150.csv")
        let options = ImportOptions(
            columnMap: [
                "id": "product_id", "name": "product_name", "description": "product_description",
                "age": "product_information",
            ], skipInvalidRows: true)
        // When it is imported with a column map
        let report = try catalog.importFile(at: url, options: options)
        // Then the rows with a price are in, tagged from their text, ages read from the text
        #expect(report.added > 100)
        #expect(report.autoTagged == report.added)
        #expect(report.skipped > 0)  // empty prices and broken age ranges such as "4 - 3 years"
        #expect(report.warnings.first?.hasPrefix("ignored columns") == true)
        let stats = try catalog.stats()
        #expect(stats.products == report.added)
        let withAges = try catalog.database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product WHERE age_min_months IS NOT NULL") ?? 0
        }
        #expect(withAges > report.added / 2)
        // Without --skip-invalid the same file is refused whole.
        let strict = try TestSupport.emptyCatalog()
        var strictOptions = options
        strictOptions.skipInvalidRows = false
        #expect(throws: GiftwiseError.self) { try strict.importFile(at: url, options: strictOptions) }
        #expect(try strict.productCount() == 0)
    }

    @Test func legoExportWithBOMImportsWithMappedColumns() throws {
        let catalog = try TestSupport.emptyCatalog()
        let url = try TestSupport.fixture("lego_sets_sample_120.csv")
        let options = ImportOptions(
            columnMap: ["id": "set_id", "price": "US_retailPrice", "age_min": "agerange_min", "url": "bricksetURL"],
            skipInvalidRows: true)
        let report = try catalog.importFile(at: url, options: options)
        #expect(report.added + report.skipped == 120)
        #expect(report.added > 0)
        let linked = try catalog.database.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product WHERE url LIKE 'https://brickset.com/sets/%'") ?? 0
        }
        #expect(linked == report.added)
    }

    @Test(
        arguments: [
            ("24.99", 24.99, nil), ("£3.42", 3.42, "GBP"), ("$1,299.00", 1299.0, "USD"), ("1.299,50 €", 1299.5, "EUR"),
            ("12,50", 12.5, nil), ("USD 8", 8.0, "USD"), (" 7 ", 7.0, nil),
        ] as [(String, Double, String?)])
    func pricesWithSymbolsAndSeparatorsAreRead(_ raw: String, _ expected: Double, _ currency: String?) {
        #expect(ValueParsers.price(raw) == .price(expected, currency: currency))
    }

    @Test(arguments: ["£12.60 - £16,268.00", "10 to 20", "1,2,3", "12.3.4", "abc"])
    func ambiguousPricesAreRefused(_ raw: String) {
        if case .price = ValueParsers.price(raw) { Issue.record("\(raw) should be refused") }
    }

    @Test(
        arguments: [
            ("Manufacturer recommended age:3 years and up Item model number 80512", 3.0, nil),
            ("36 months - 8 years", 3.0, 8.0), ("4 - 10 years", 4.0, 10.0), ("18 months and up", 1.5, nil),
            ("8+", 8.0, nil),
        ] as [(String, Double?, Double?)])
    func ageTextIsRead(_ raw: String, _ low: Double?, _ high: Double?) throws {
        let range = try #require(AgePhraseReader.field(raw))
        #expect(range.min == low)
        #expect(range.max == high)
    }

    @Test(arguments: [
        ("id;name;price\ns1;Ball;3\n", "s1"), ("id\tname\tprice\nt1\tBall\t3\n", "t1"),
        ("id,name,price\nc1,\"Ball; red\",3\n", "c1"),
    ])
    func readsTheDelimiterFromTheHeaderLine(_ text: String, _ id: String) throws {
        let catalog = try TestSupport.emptyCatalog()
        let report = try TestSupport.importCSV(text, into: catalog)
        #expect(report.added == 1)
        #expect(try catalog.product(id: id)?.price == Money(3))
    }

    @Test func aJSONArraysErrorsNameTheItemNotALine() throws {
        let catalog = try TestSupport.emptyCatalog()
        let data = Data(#"[{"id":"a","name":"Ball","price":3},{"id":"b","name":"Kite"},{"id":"c","name":"Top"}]"#.utf8)
        do {
            _ = try catalog.importData(data, options: ImportOptions(format: .json))
            Issue.record("the import should fail")
        } catch GiftwiseError.invalidImport(let report) {
            // The numbers are the array's positions (the report's contract); the words say so
            #expect(report.errors.map(\.line) == [1, 2])
            #expect(report.errorSummary.contains("  item 1, price: is empty"), "\(report.errorSummary)")
            #expect(!report.errorSummary.contains("line 1"))
        }
        // JSON Lines and CSV keep counting lines
        let lines = TestSupport.importErrors(
            Data(#"{"id":"a","name":"Ball"}"#.utf8 + [0x0A]), into: catalog, format: .jsonl)
        #expect(
            lines.first?.description == "line 1, price: is empty; every product needs a price (a number such as 24.99)")
    }

    @Test func aColumnMapNamingAMissingColumnIsAnError() throws {
        let catalog = try TestSupport.emptyCatalog()
        let errors = TestSupport.importErrors(
            Data("id,name,price\na,Ball,3\n".utf8), into: catalog, format: .csv, columnMap: ["description": "blurb"])
        #expect(errors.first?.field == "description")
        #expect(errors.first?.message.contains("\"blurb\" is not in the file's header") == true)
    }

    @Test func interestsMayAlsoBeSeparatedByCommasOrSemicolons() throws {
        let catalog = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(
            TestSupport.header + "m1,Kit,,5,USD,6,,\"dinosaurs, science\",educational;fun,,true\n", into: catalog)
        let product = try #require(try catalog.product(id: "m1"))
        #expect(product.interests == ["dinosaurs", "science"])
        #expect(product.purposes == [.educational, .fun])
    }

    @Test func aMissingRequiredColumnSuggestsTheMapThatWouldFindIt() throws {
        let catalog = try TestSupport.emptyCatalog()
        let errors = TestSupport.importErrors(
            Data("set_id,product_name,US_retailPrice\n1,Ball,3\n".utf8), into: catalog, format: .csv)
        #expect(
            errors.map(\.message) == [
                "the required column \"id\" is missing; this file has \"set_id\": try --map id=set_id",
                "the required column \"name\" is missing; this file has \"product_name\": try --map name=product_name",
                "the required column \"price\" is missing; this file has \"US_retailPrice\": try --map price=US_retailPrice",
            ])
        // No column like a price (BoardGameGeek's games): what would make the file importable.
        let noPrices = TestSupport.importErrors(
            Data("id,name,min_age\ng1,Catan,10\n".utf8), into: catalog, format: .csv)
        #expect(
            noPrices.map(\.message) == [
                "the required column \"price\" is missing; every product needs a price (a budget is a hard limit),"
                    + " and no column here looks like one: add a price column, or name the one that holds it with"
                    + " --map price=COLUMN"
            ])
        #expect(try catalog.stats().products == 0)
    }
}
