import Foundation
import GRDB
import Testing

@testable import Giftwise

/// Into an empty catalog the full-text index is built on a thread and connection of its own and
/// copied in at the end: the same index as the writer builds itself, and all or nothing.
struct FullTextBuilderTests {
    static func field(_ text: String) -> String {
        text.contains(where: { ",\"\n".contains($0) })
            ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
    }

    /// Rows with accents, emoji, non-Latin scripts, punctuation, quotes, line breaks, empty
    /// descriptions, shop tags and tags read from the text.
    static func trickyCSV(rows: Int) -> String {
        let words = [
            "Dinosaur", "Café crème", "naïve Ärger", "ŒUVRE", "emoji 🦖 rex", "rocket's", "Lego®", "日本語 テキスト",
            "  spaced  out ", "x-ray/vision", "don't", "\"quoted, comma\"", "Straße", "puzzles",
        ]
        var csv = TestSupport.header
        for index in 0..<rows {
            let first = words[index % words.count]
            let second = words[(index * 7 + 3) % words.count]
            let description =
                index % 11 == 0
                ? "" : "A \(second) kit\(index % 4 == 0 ? "\nwith a second line" : ""); ages \(index % 9 + 3)+ \(first)"
            let interests = index % 3 == 0 ? "dinosaurs|art" : index % 5 == 0 ? "Brand \(index % 4)" : ""
            csv +=
                [
                    "t-\(index)", "\(first) \(second) \(index)", description, "\(index % 50 + 2).99", "USD",
                    "\(index % 6 + 1)", "", interests, "", "", "true",
                ].map(Self.field).joined(separator: ",") + "\n"
        }
        return csv
    }

    static func importTricky(rows: Int, onTheSide: Bool) throws -> GiftCatalog {
        let catalog = try TestSupport.emptyCatalog()
        var options = ImportOptions(format: .csv, skipInvalidRows: true)
        options.fullTextOnTheSide = onTheSide
        try catalog.importData(Data(Self.trickyCSV(rows: rows).utf8), options: options)
        return catalog
    }

    /// What a search can see of the index: every term's instances, each row's token counts, the
    /// totals, and the integrity check against the product rows.
    static func fullTextContents(_ catalog: GiftCatalog) throws -> [String] {
        try catalog.database.write { db in
            try db.execute(sql: "INSERT INTO product_fts (product_fts) VALUES ('integrity-check')")
            try db.execute(
                sql:
                    "CREATE VIRTUAL TABLE IF NOT EXISTS temp.fts_instances USING fts5vocab(main, product_fts, instance)"
            )
            var contents = try Row.fetchAll(db, sql: "SELECT * FROM temp.fts_instances ORDER BY 1, 2, 3, 4")
                .map(\.description)
            contents += try Row.fetchAll(db, sql: "SELECT id, hex(sz) FROM product_fts_docsize ORDER BY id")
                .map(\.description)
            contents += try Row.fetchAll(db, sql: "SELECT hex(block) FROM product_fts_data WHERE id = 1")
                .map(\.description)
            contents += try Row.fetchAll(db, sql: "SELECT k, v FROM product_fts_config ORDER BY k")
                .map(\.description)
            return contents
        }
    }

    static func ranked(_ catalog: GiftCatalog, _ query: String) throws -> [String] {
        try catalog.database.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT p.id, bm25(product_fts, 10.0, 2.0, 0.0) AS score FROM product_fts
                    JOIN product p ON p.pk = product_fts.rowid WHERE product_fts MATCH ? ORDER BY score, p.pk
                    """, arguments: [query]
            ).map(\.description)
        }
    }

    @Test func theIndexBuiltOnTheSideIsTheOneTheWriterBuilds() throws {
        // Given a file of tricky text, more rows than the side thread's queue holds
        let rows = FullTextBuilder.maxQueuedRows + 1_234
        // When it is imported into an empty catalog with the index built on the side, and by the writer
        let side = try Self.importTricky(rows: rows, onTheSide: true)
        let writer = try Self.importTricky(rows: rows, onTheSide: false)
        // Then the catalogs, the indexes' terms, token counts and totals are the same, each
        // index passes FTS5's integrity check against the product rows, and searches rank alike
        #expect(try catalogCount(side) > rows / 2)
        #expect(try TestSupport.snapshot(side) == TestSupport.snapshot(writer))
        let contents = try Self.fullTextContents(side)
        #expect(contents.count > rows)
        TestSupport.expectSameRows(contents, try Self.fullTextContents(writer))
        for query in [
            "dinosaur", "cafe", "naive OR arger", "rex AND rocket*", "\"quoted comma\"", "日本語", "strasse", "name:lego",
        ] {
            let ranked = try Self.ranked(side, query)
            #expect(ranked == (try Self.ranked(writer, query)), "\(query)")
        }
        #expect(try !Self.ranked(side, "dinosaur").isEmpty)
        // And later row-by-row updates keep it sound
        try TestSupport.importCSV(
            TestSupport.header + "t-1,Renamed Rocket,A new description,9.99,USD,4,,,,,true\n", into: side,
            options: ImportOptions(format: .csv, skipInvalidRows: true))
        #expect(try Self.ranked(side, "renamed").count == 1)
        _ = try Self.fullTextContents(side)
    }

    private func catalogCount(_ catalog: GiftCatalog) throws -> Int { try catalog.productCount() }

    /// The side index's shadow tables as stored (segment by segment).
    static func storedIndex(_ catalog: GiftCatalog) throws -> [String] {
        try catalog.database.read { db in
            try Row.fetchAll(db, sql: "SELECT id, hex(block) FROM product_fts_data ORDER BY id").map(\.description)
                + Row.fetchAll(db, sql: "SELECT segid, hex(term), pgno FROM product_fts_idx ORDER BY 1, 2")
                .map(\.description)
        }
    }

    @Test(arguments: [0.3, 1.0])
    func rowsIndexedAsTheyArriveGiveTheIndexOfRowsStagedFirst(directShare: Double) throws {
        // Given a file of tricky text read 16 kB at a time, so the share of it read grows row by row
        let rows = FullTextBuilder.maxQueuedRows + 1_234
        let csv = Data(Self.trickyCSV(rows: rows).utf8)
        func imported(directShare: Double) throws -> GiftCatalog {
            let catalog = try TestSupport.emptyCatalog()
            var options = ImportOptions(format: .csv, skipInvalidRows: true)
            options.readChunkBytes = 16_384
            options.fullTextSide.directShare = directShare
            try catalog.importData(csv, options: options)
            return catalog
        }
        // When the first rows (or all of them) are indexed as they arrive, and when every row is
        // staged and indexed in one statement at the end
        let direct = try imported(directShare: directShare)
        let staged = try imported(directShare: 0)
        // Then the catalogs, the indexes' terms, token counts and totals are the same, both pass
        // FTS5's integrity check, and searches rank alike
        #expect(try TestSupport.snapshot(direct) == TestSupport.snapshot(staged))
        TestSupport.expectSameRows(try Self.fullTextContents(direct), try Self.fullTextContents(staged))
        for query in ["dinosaur", "cafe", "naive OR arger", "rex AND rocket*", "\"quoted comma\"", "日本語", "name:lego"] {
            #expect(try Self.ranked(direct, query) == (try Self.ranked(staged, query)), "\(query)")
        }
        if directShare == 1 {
            // And every row indexed as it arrives, one statement each, stores the very same
            // segments as one statement over the staged rows
            #expect(try Self.storedIndex(direct) == (try Self.storedIndex(staged)))
        } else {
            // (Rows of both kinds: the statement over the staged rows starts a segment of its own.)
            #expect(try Self.storedIndex(direct) != (try Self.storedIndex(staged)))
        }
    }

    @Test func aFullTextThreadThatFailsFailsTheImportPlainlyAndKeepsNothing() throws {
        // Given an empty catalog whose side index cannot grow past a few pages (a full temporary folder)
        let catalog = try TestSupport.emptyCatalog()
        let indexes = try ImportPipelineTests.indexes(catalog)
        var options = ImportOptions(format: .csv, skipInvalidRows: true)
        options.fullTextSide.maxPages = 8
        // When a file of thousands of rows is imported
        var message = ""
        do {
            try catalog.importData(Data(Self.trickyCSV(rows: 6_000).utf8), options: options)
            Issue.record("the import should have failed")
        } catch let error as GiftwiseError {
            message = error.localizedDescription
            guard case .cannotWrite = error else {
                Issue.record("unexpected error \(error)")
                return
            }
        }
        // Then it fails with a message naming the temporary folder (no SQLite text), keeps
        // nothing, and the next import (its thread ended, nothing waits) succeeds
        #expect(message.contains("temporary folder"))
        #expect(!message.contains("SQLite error") && !message.contains("database or disk is full"))
        #expect(try catalog.productCount() == 0)
        #expect(try ImportPipelineTests.indexes(catalog) == indexes)
        #expect(try ImportPipelineTests.fullTextMerging(catalog) == [])
        try catalog.importData(
            Data(Self.trickyCSV(rows: 500).utf8), options: ImportOptions(format: .csv, skipInvalidRows: true))
        #expect(try catalog.productCount() > 400)
        _ = try Self.fullTextContents(catalog)
    }

    @Test func aFileThatFailsAfterManyRowsStopsTheFullTextThreadAndKeepsNothing() throws {
        // Given a file that breaks after more rows than the side thread's queue holds
        let rows = FullTextBuilder.maxQueuedRows * 2
        let csv = Self.trickyCSV(rows: rows) + "broken,\"never closed,1,USD\n"
        let catalog = try TestSupport.emptyCatalog()
        // When it is imported (with and without skipping invalid rows)
        for skip in [false, true] {
            #expect(throws: GiftwiseError.self) {
                try catalog.importData(Data(csv.utf8), options: ImportOptions(format: .csv, skipInvalidRows: skip))
            }
        }
        // Then nothing is kept and the full-text index is still empty and sound
        #expect(try catalog.productCount() == 0)
        let contents = try Self.fullTextContents(catalog)
        #expect(contents.allSatisfy { !$0.contains("dinosaur") })
    }

    @Test func theSideIndexsFileIsGoneFromTheFolderWhileItIsInUse() throws {
        // Given a file big enough for the side index to spill from its page cache (64 KiB here) to its file
        let seen = Locked<[String]>([])
        var options = ImportOptions(format: .csv, skipInvalidRows: true)
        options.fullTextSide.cacheKiB = 64
        options.progress = { _ in
            // When the import is under way, the process's open files are listed
            let fds = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            let targets = fds.compactMap {
                try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/" + $0)
            }
            seen.update { $0.append(contentsOf: targets.filter { $0.contains("etilqs_") }) }
        }
        let catalog = try TestSupport.emptyCatalog()
        try catalog.importData(Data(Self.trickyCSV(rows: 20_000).utf8), options: options)
        // Then every SQLite temporary file open was already unlinked (kill -9 leaves none behind)
        let files = seen.value
        #expect(!files.isEmpty)
        #expect(files.allSatisfy { $0.hasSuffix("(deleted)") }, "\(Set(files))")
    }
}

/// A value shared with a `@Sendable` callback.
final class Locked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func update(_ body: (inout Value) -> Void) { lock.withLock { body(&stored) } }
}
