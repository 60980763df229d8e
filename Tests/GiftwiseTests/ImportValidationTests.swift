import Foundation
import Testing

@testable import Giftwise

/// Every validation rule of the catalog format (DESIGN §3): the import fails, names the line,
/// field and reason, and leaves the catalog exactly as it was.
struct ImportValidationTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var format: ImportOptions.Format
        var body: [UInt8]
        var line: Int
        var field: String?
        var messageContains: String
        var testDescription: String { name }

        init(
            _ name: String, _ format: ImportOptions.Format, _ text: String, line: Int, field: String?,
            _ messageContains: String
        ) {
            self.init(name, format, bytes: Array(text.utf8), line: line, field: field, messageContains)
        }

        init(
            _ name: String, _ format: ImportOptions.Format, bytes: [UInt8], line: Int, field: String?,
            _ messageContains: String
        ) {
            self.name = name
            self.format = format
            self.body = bytes
            self.line = line
            self.field = field
            self.messageContains = messageContains
        }
    }

    static func h(_ rows: String) -> String { TestSupport.header + rows }
    static func withHeader(_ before: String, _ bytes: [UInt8], _ after: String) -> [UInt8] {
        Array(h(before).utf8) + bytes + Array(after.utf8)
    }
    static let cases: [Case] = makeCases()

    static func makeCases() -> [Case] {
        var cases: [Case] = []
        cases += [
            Case("missing id column", .csv, "name,price\nBall,3\n", line: 1, field: "id", "missing"),
            Case("missing name column", .csv, "id,price\nb1,3\n", line: 1, field: "name", "missing"),
            Case("missing price column", .csv, "id,name\nb1,Ball\n", line: 1, field: "price", "missing"),
            Case("empty id", .csv, h(",Ball,,3,USD,,,,,,\n"), line: 2, field: "id", "empty"),
            Case("empty name", .csv, h("b1,,,3,USD,,,,,,\n"), line: 2, field: "name", "empty"),
        ]
        cases += [
            Case("empty price", .csv, h("b1,Ball,,,USD,,,,,,\n"), line: 2, field: "price", "empty"),
            Case(
                "same id twice", .csv, h("b1,Ball,,3,USD,,,,,,\nb1,Bat,,4,USD,,,,,,\n"), line: 3, field: "id",
                "used twice"),
            Case("price not a number", .csv, h("b1,Ball,,cheap,USD,,,,,,\n"), line: 2, field: "price", "number"),
            Case("price infinite", .csv, h("b1,Ball,,inf,USD,,,,,,\n"), line: 2, field: "price", "number"),
            Case("price negative", .csv, h("b1,Ball,,-2,USD,,,,,,\n"), line: 2, field: "price", "0 to 1000000000"),
        ]
        cases += [
            Case(
                "price too large", .csv, h("b1,Ball,,1000000001,USD,,,,,,\n"), line: 2, field: "price",
                "0 to 1000000000"),
            Case("age above 120", .csv, h("b1,Ball,,3,USD,121,,,,,\n"), line: 2, field: "age_min", "0 to 120"),
            Case("age negative", .csv, h("b1,Ball,,3,USD,,-1,,,,\n"), line: 2, field: "age_max", "0 to 120"),
            Case(
                "age_min above age_max", .csv, h("b1,Ball,,3,USD,9,4,,,,\n"), line: 2, field: "age_min",
                "above the maximum"),
            Case(
                "unknown purpose", .csv, h("b1,Ball,,3,USD,,,,sciencey,,\n"), line: 2, field: "purposes",
                "not a purpose"),
        ]
        cases += [
            Case(
                "more fields than header", .csv, h("b1,Ball,,3,USD,,,,,,true,extra\n"), line: 2, field: nil,
                "header has 11"),
            Case("unclosed quote", .csv, h("b1,\"Ball,,3,USD,,,,,,\n"), line: 2, field: nil, "never closed"),
            Case(
                "invalid UTF-8", .csv, bytes: withHeader("b1,Ba", [0xFF, 0xFE], "ll,,3,USD,,,,,,\n"), line: 2,
                field: nil, "UTF-8"),
            Case("NUL byte", .csv, bytes: withHeader("b1,Ba", [0x00], "ll,,3,USD,,,,,,\n"), line: 2, field: nil, "NUL"),
            Case("empty CSV file", .csv, "", line: 1, field: nil, "empty"),
        ]
        cases += [
            Case("empty JSON file", .json, "  \n", line: 0, field: nil, "empty"),
            Case("empty JSON Lines file", .jsonl, "", line: 1, field: nil, "empty"),
            Case("JSON that is not an array", .json, "{\"id\": \"b1\"}", line: 0, field: nil, "not an array"),
            Case(
                "JSON array of non-objects", .json, "[{\"id\":\"b1\",\"name\":\"Ball\",\"price\":3}, 42]", line: 1,
                field: nil, "not an object"),
            Case(
                "JSON value of the wrong type", .json, "[{\"id\":\"b1\",\"name\":[\"Ball\"],\"price\":3}]", line: 0,
                field: "name", "must be text"),
        ]
        cases += [
            Case(
                "JSON Lines price of the wrong type", .jsonl,
                "{\"id\":\"b1\",\"name\":\"Ball\",\"price\":{\"usd\":3}}\n", line: 1, field: "price", "must be a number"
            ),
            Case(
                "JSON Lines line that is not an object", .jsonl,
                "{\"id\":\"b1\",\"name\":\"Ball\",\"price\":3}\n[1,2]\n", line: 2, field: nil, "not a JSON object"),
            Case("invalid currency", .csv, h("b1,Ball,,3,dollars,,,,,,\n"), line: 2, field: "currency", "ISO 4217"),
            Case(
                "invalid in_stock", .csv, h("b1,Ball,,3,USD,,,,,,maybe\n"), line: 2, field: "in_stock", "true or false"),
            Case("price range", .csv, h("b1,Ball,,£12.60 - £16.00,,,,,,,\n"), line: 2, field: "price", "range"),
        ]
        return cases
    }

    @Test(arguments: cases)
    func invalidFileIsRejectedWithLineFieldAndReasonAndChangesNothing(_ testCase: Case) throws {
        // Given a catalog with products
        let catalog = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(TestSupport.seedCSV, into: catalog)
        let before = try TestSupport.snapshot(catalog)

        // When a bad file is imported
        let errors = TestSupport.importErrors(Data(testCase.body), into: catalog, format: testCase.format)

        // Then the error says where and why, and the catalog is byte-for-byte unchanged
        let error = try #require(errors.first, "expected the import to fail")
        #expect(error.line == testCase.line)
        #expect(error.field == testCase.field)
        #expect(error.message.contains(testCase.messageContains), "message was: \(error.message)")
        #expect(try TestSupport.snapshot(catalog) == before)
    }

    @Test func everyErrorIsCollectedNotJustTheFirst() throws {
        let catalog = try TestSupport.emptyCatalog()
        let text = TestSupport.header + "b1,Ball,,abc,USD,,,,,,\nb2,,,3,USD,,,,,,\nb3,Bat,,4,USD,200,,,,,\n"
        let errors = TestSupport.importErrors(Data(text.utf8), into: catalog, format: .csv)
        #expect(errors.map(\.line) == [2, 3, 4])
        #expect(errors.map(\.field) == ["price", "name", "age_min"])
    }

    @Test func validRowsBeforeAnInvalidOneAreNotWritten() throws {
        let catalog = try TestSupport.emptyCatalog()
        let text = TestSupport.header + "b1,Ball,,3,USD,,,,,,\nb2,Bat,,4,USD,,,,,,\nb3,Kite,,oops,USD,,,,,,\n"
        #expect(!TestSupport.importErrors(Data(text.utf8), into: catalog, format: .csv).isEmpty)
        #expect(try catalog.productCount() == 0)
    }

    @Test func failedImportLeavesATempFileCatalogUnchangedOnDisk() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("giftwise-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("catalog.sqlite").path
        do {
            let catalog = try GiftCatalog(path: path)
            try TestSupport.importCSV(TestSupport.seedCSV, into: catalog)
            _ = TestSupport.importErrors(
                Data((TestSupport.header + "toy-1,Changed,,1,USD,,,,,,\nbad,,,,,,,,,,\n").utf8), into: catalog,
                format: .csv)
        }
        let reopened = try GiftCatalog(path: path)
        #expect(try reopened.product(id: "toy-1")?.name == "Dinosaur Fossil Dig")
        #expect(try reopened.productCount() == 3)
    }

    @Test func aFailedImportReportsNothingWritten() throws {
        let catalog = try TestSupport.emptyCatalog()
        let text = TestSupport.header + "b1,Ball,,3,USD,,,,,,\nb2,,,4,USD,,,,,,\n"
        do {
            try TestSupport.importCSV(text, into: catalog)
            Issue.record("the import should fail")
        } catch GiftwiseError.invalidImport(let report) {
            #expect((report.added, report.updated, report.unchanged, report.removed) == (0, 0, 0, 0))
            #expect(report.errorCount == 1)
        }
    }
}
