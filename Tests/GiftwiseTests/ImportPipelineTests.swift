import Foundation
import GRDB
import Testing

@testable import Giftwise

/// Parsing on a second thread and the bulk load into an empty catalog change nothing but speed.
struct ImportPipelineTests {
    static func bigCSV(rows: Int, badLine: Int? = nil) -> String {
        var csv = "id,name,description,price,age_min,interests,purposes\n"
        for index in 0..<rows {
            if let badLine, index + 2 == badLine {
                csv += "bad-\(index),\"Never closed,,5,6,,\n"
                continue
            }
            let price = index % 97 == 0 ? "" : "\(index % 90 + 3).99"
            csv +=
                "p-\(index),Puzzle number \(index),A jigsaw of \(index % 500) pieces; ages \(index % 9 + 3)+,\(price),,\(index % 3 == 0 ? "puzzles|art" : ""),\n"
        }
        return csv
    }

    static func importBoth(_ csv: String, options: ImportOptions) throws -> [(snapshot: String, outcome: String)] {
        try [true, false].map { parallel in
            let catalog = try TestSupport.emptyCatalog()
            var chosen = options
            chosen.parallelParsing = parallel
            chosen.format = .csv
            let outcome: String
            do {
                let report = try catalog.importData(Data(csv.utf8), options: chosen)
                outcome = String(decoding: try GiftwiseJSON.encode(report), as: UTF8.self)
            } catch GiftwiseError.invalidImport(let report) {
                outcome = "failed " + String(decoding: try GiftwiseJSON.encode(report), as: UTF8.self)
            }
            return (try TestSupport.snapshot(catalog), outcome)
        }
    }

    @Test(arguments: [false, true])
    func parsingOnASecondThreadGivesTheSameCatalogAndReport(_ skipInvalid: Bool) throws {
        let results = try Self.importBoth(
            Self.bigCSV(rows: 5_000), options: ImportOptions(skipInvalidRows: skipInvalid))
        #expect(results[0].snapshot == results[1].snapshot)
        #expect(results[0].outcome == results[1].outcome)
    }

    @Test func aBrokenFilePartWayThroughWritesNothingInEitherMode() throws {
        let results = try Self.importBoth(
            Self.bigCSV(rows: 5_000, badLine: 4_000), options: ImportOptions(skipInvalidRows: true))
        for result in results {
            #expect(result.outcome.hasPrefix("failed "))
            #expect(result.outcome.contains(#""line":4000"#))
            #expect(result.snapshot.isEmpty)
        }
    }

    @Test func aBulkLoadRebuildsEveryIndexAndTheRelationInKeyOrder() throws {
        let catalog = try TestSupport.emptyCatalog()
        let before = try Self.indexes(catalog)
        try catalog.importData(
            Data(Self.bigCSV(rows: 3_000).utf8), options: ImportOptions(format: .csv, skipInvalidRows: true))
        #expect(try Self.indexes(catalog) == before)
        let (integrity, tags) = try catalog.database.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA integrity_check"),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product_interest") ?? 0
            )
        }
        #expect(integrity == "ok")
        #expect(tags > 2_000)
        // An update import into the now non-empty catalog takes the row-by-row path and agrees.
        let report = try catalog.importData(
            Data(Self.bigCSV(rows: 3_000).utf8), options: ImportOptions(format: .csv, skipInvalidRows: true))
        #expect(report.added == 0 && report.updated == 0 && report.unchanged > 2_900)
    }

    @Test func aFailedBulkLoadLeavesTheIndexesInPlace() throws {
        let catalog = try TestSupport.emptyCatalog()
        let before = try Self.indexes(catalog)
        #expect(throws: GiftwiseError.self) {
            try catalog.importData(Data(Self.bigCSV(rows: 2_000).utf8), options: ImportOptions(format: .csv))  // empty prices
        }
        #expect(try Self.indexes(catalog) == before)
        #expect(try catalog.productCount() == 0)
    }

    @Test func aBulkLoadIndexesTheTextOfEveryRowAcrossFullTextChunks() throws {
        // Given more rows than two full-text chunks, some skipped as invalid (whether chunks
        // run during the load depends on the parsing thread's pace; the result must not)
        let rows = ImportWriter.fullTextChunkRows * 2 + 123
        let catalog = try TestSupport.emptyCatalog()
        // When they are loaded into an empty catalog
        try catalog.importData(
            Data(Self.bigCSV(rows: rows).utf8), options: ImportOptions(format: .csv, skipInvalidRows: true))
        // Then the full-text index holds exactly the written rows: the first, the last, and one
        // on each side of a chunk boundary are found by their own words
        let products = try catalog.productCount()
        #expect(products > ImportWriter.fullTextChunkRows * 2)
        try catalog.database.write { db in
            // (FTS5's integrity check is run as a write; it changes nothing.)
            try db.execute(sql: "INSERT INTO product_fts (product_fts) VALUES ('integrity-check')")
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product_fts_docsize") == products)
            #expect(
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product_fts WHERE product_fts MATCH 'puzzle'")
                    == products)
            for index in [1, ImportWriter.fullTextChunkRows, ImportWriter.fullTextChunkRows + 1, rows - 1] {
                let found = try String.fetchAll(
                    db,
                    sql: """
                        SELECT p.id FROM product_fts JOIN product p ON p.pk = product_fts.rowid
                        WHERE product_fts MATCH ?
                        """, arguments: ["name:\"\(index)\""])
                #expect(found == ["p-\(index)"])
            }
        }
    }

    static func indexes(_ catalog: GiftCatalog) throws -> [String] {
        try catalog.database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name")
        }
    }
}
