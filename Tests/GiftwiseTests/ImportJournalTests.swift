import Foundation
import GRDB
import Testing

@testable import Giftwise

/// The first import into an empty file catalog that nothing else has open runs with a rollback
/// journal (each page written once); any other import keeps the write-ahead log, so readers
/// that have the catalog open keep reading. Either way the catalog ends in WAL mode with the
/// same contents.
@Suite(.serialized)
struct ImportJournalTests {
    /// What the import's progress callback saw of the files beside the database.
    final class FilesSeen: @unchecked Sendable {
        private let lock = NSLock()
        private var journal = false
        private var log = false
        private var readerCounts: [Int] = []

        func note(path: String, reader: DatabaseQueue?) {
            let fileManager = FileManager.default
            let journalNow = fileManager.fileExists(atPath: path + "-journal")
            let size = (try? fileManager.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            let count = reader.flatMap {
                try? $0.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product") }
            }
            lock.withLock {
                journal = journal || journalNow
                log = log || size > 0
                if let count { readerCounts.append(count) }
            }
        }

        var sawJournal: Bool { lock.withLock { journal } }
        var sawLog: Bool { lock.withLock { log } }
        var counts: [Int] { lock.withLock { readerCounts } }
    }

    static func folder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    static func bigCSV(rows: Int) -> String {
        var text = TestSupport.header
        for index in 0..<rows {
            text +=
                "j-\(index),Dinosaur model \(index),A kit with \(index % 97) parts,\(5 + index % 40).99,USD,\(3 + index % 5),12,dinosaurs|science,educational,,true\n"
        }
        return text
    }

    static func importWatching(
        _ text: String, into catalog: GiftCatalog, path: String, reader: DatabaseQueue? = nil
    ) throws -> FilesSeen {
        let seen = FilesSeen()
        var options = ImportOptions(format: .csv)
        options.progress = { _ in seen.note(path: path, reader: reader) }
        try TestSupport.importCSV(text, into: catalog, options: options)
        return seen
    }

    static func journalMode(_ path: String) throws -> String? {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
    }

    /// Every stored row the matcher reads, table by table, and what a text search finds.
    static func tables(_ path: String) throws -> [[DatabaseValue]] {
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        return try queue.read { db in
            var rows: [[DatabaseValue]] = []
            for sql in [
                "SELECT * FROM product ORDER BY pk", "SELECT * FROM product_interest",
                "SELECT * FROM product_vector ORDER BY product_pk", "SELECT * FROM interest ORDER BY id",
                "SELECT rowid FROM product_fts WHERE product_fts MATCH 'dinosaur OR watercolour' ORDER BY rank, rowid",
            ] {
                rows += try Row.fetchAll(db, sql: sql).map { Array($0.databaseValues) }
            }
            return rows
        }
    }

    @Test func aFirstImportIntoAnEmptyCatalogAloneWritesWithoutTheLogAndEndsInWALMode() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("catalog.sqlite").path
        let catalog = try GiftCatalog(path: path, singleConnection: true)

        let seen = try Self.importWatching(Self.bigCSV(rows: 3_000), into: catalog, path: path)

        #expect(seen.sawJournal, "the import should have run with a rollback journal")
        #expect(!seen.sawLog, "the import wrote to the write-ahead log")
        #expect(try catalog.productCount() == 3_000)
        #expect(try Self.journalMode(path) == "wal")
        // Foreign keys, not checked row by row during it, hold; and checking is back on.
        let state = try catalog.database.writer.writeWithoutTransaction { db in
            try (
                Row.fetchAll(db, sql: "PRAGMA foreign_key_check").count, Bool.fetchOne(db, sql: "PRAGMA foreign_keys"),
                String.fetchOne(db, sql: "PRAGMA journal_mode")
            )
        }
        #expect(state.0 == 0 && state.1 == true && state.2 == "wal", "\(state)")
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
    }

    @Test func anImportIntoACatalogAnotherConnectionHasOpenKeepsTheLogAndItsReaderReading() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("catalog.sqlite").path
        let catalog = try GiftCatalog(path: path, singleConnection: true)
        let reader = try DatabaseQueue(path: path)
        #expect(try reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product") } == 0)

        let seen = try Self.importWatching(Self.bigCSV(rows: 3_000), into: catalog, path: path, reader: reader)

        #expect(seen.sawLog, "with a reader open the import must keep the write-ahead log")
        #expect(!seen.sawJournal)
        #expect(!seen.counts.isEmpty && seen.counts.allSatisfy { $0 == 0 }, "the reader saw \(seen.counts)")
        #expect(try reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product") } == 3_000)
        try reader.close()
        #expect(try Self.journalMode(path) == "wal")
    }

    @Test func anImportIntoACatalogWithProductsKeepsTheLog() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("catalog.sqlite").path
        let catalog = try GiftCatalog(path: path, singleConnection: true)
        try TestSupport.importCSV(TestSupport.seedCSV, into: catalog)

        let seen = try Self.importWatching(Self.bigCSV(rows: 3_000), into: catalog, path: path)

        #expect(!seen.sawJournal, "an import into a catalog with products must keep the write-ahead log")
        #expect(try catalog.productCount() == 3_003)
    }

    @Test func bothJournalsGiveTheSameCatalog() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = Self.bigCSV(rows: 5_000) + "extra,Watercolour set,Paints for a budding artist,12,USD,5,,,,,true\n"
        let alonePath = folder.appendingPathComponent("alone.sqlite").path
        let alone = try GiftCatalog(path: alonePath, singleConnection: true)
        #expect(try Self.importWatching(text, into: alone, path: alonePath).sawJournal)
        let sharedPath = folder.appendingPathComponent("shared.sqlite").path
        let shared = try GiftCatalog(path: sharedPath, singleConnection: true)
        let reader = try DatabaseQueue(path: sharedPath)
        _ = try reader.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product") }
        #expect(try Self.importWatching(text, into: shared, path: sharedPath, reader: reader).sawLog)

        try reader.close()
        #expect(try TestSupport.snapshot(alone) == TestSupport.snapshot(shared))
        #expect(try Self.tables(alonePath) == Self.tables(sharedPath))
    }

    @Test func aFailedFirstImportLeavesTheCatalogEmptyInWALModeWithNoJournal() throws {
        let folder = try Self.folder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("catalog.sqlite").path
        let catalog = try GiftCatalog(path: path, singleConnection: true)
        let text = Self.bigCSV(rows: 2_000) + "bad,No price here,,,USD,3,,,,,true\n"

        #expect(throws: GiftwiseError.self) { try TestSupport.importCSV(text, into: catalog) }

        #expect(try catalog.productCount() == 0)
        #expect(try Self.journalMode(path) == "wal")
        #expect(!FileManager.default.fileExists(atPath: path + "-journal"))
        // And the next import works.
        try TestSupport.importCSV(TestSupport.seedCSV, into: catalog)
        #expect(try catalog.productCount() == 3)
    }
}
