import Foundation
import GRDB
import Testing

@testable import Giftwise

/// Hostile input and a bad environment get clear errors, never crashes, raw SQLite text or changes.
struct ReliabilityTests {
    static let hostile: [String] = [
        "\"", "\"unbalanced", "dino*", "NEAR(dinosaurs science)", "dinosaurs AND science", "OR", "NOT dinosaurs",
        "-dinosaurs", "(dinosaurs", "dinosaurs)", "'; DROP TABLE product; --", "name:dinosaurs", "^dino", "{name} : x",
        String(repeating: "dinosaur ", count: 600), "🦕🦖", "\u{202E}sruasonid", "\u{0}\u{1}\u{7}bell", "", "   ", "%",
        "_",
    ]

    static let catalog: GiftCatalog = try! TestSupport.defaultCatalog()

    @Test(arguments: hostile)
    func hostileInterestAndExclusionTextIsMatchedLiterallyAndChangesNothing(_ text: String) throws {
        let catalog = Self.catalog
        let before = try catalog.productCount()
        let asInterest = try catalog.recommend(for: RecipientProfile(ageYears: 7, interests: [text]))
        let asExclusion = try catalog.recommend(
            for: RecipientProfile(ageYears: 7, interests: ["dinosaurs"], excludedWords: [text]))
        // Text with no words in it is never read as "anything"; every gift stays within the age.
        if TextNormalizer.tokens(text).isEmpty {
            #expect(asInterest.fit != .good, "\(text.debugDescription) was read as anything")
        }
        #expect(asInterest.items.allSatisfy { $0.product.ages.admits(ageMonths: 84) })
        #expect(asInterest.items.allSatisfy { !$0.reasons.isEmpty })
        for item in asExclusion.items {
            let words = TextNormalizer.tokens(text)
            if !words.isEmpty && words.count < 5 {
                let productWords = Set(TextNormalizer.tokens(item.product.name + " " + item.product.description))
                #expect(!Set(words).isSubset(of: productWords) || words.isEmpty)
            }
        }
        #expect(try catalog.productCount() == before)
    }

    @Test func hostileProductTextImportsAndSearchesLiterally() throws {
        let catalog = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(
            TestSupport.header + "h1,\"NEAR( \"\"x\"\" ) AND * -- '; DROP TABLE product;\",🦕 emoji,3,USD,5,,,,,true\n",
            into: catalog)
        #expect(try catalog.product(id: "h1")?.name == "NEAR( \"x\" ) AND * -- '; DROP TABLE product;")
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 7, interests: ["DROP TABLE"]))
        #expect(result.items.first?.product.id == "h1")
    }

    @Test func aFileThatIsNotADatabaseGivesAClearError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("not-a-db-\(UUID().uuidString).sqlite")
            .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data(String(repeating: "this is not sqlite\n", count: 300).utf8).write(to: URL(fileURLWithPath: path))
        let original = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(throws: GiftwiseError.notACatalog(path: path)) { try GiftCatalog(path: path) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == original)
    }

    @Test func aCatalogFromANewerVersionIsRefused() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("newer-\(UUID().uuidString).sqlite")
            .path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        _ = try GiftCatalog(path: path)
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        try queue.close()
        #expect(throws: GiftwiseError.newerCatalogVersion(path: path)) { try GiftCatalog(path: path) }
    }

    @Test func aMissingFolderIsCreatedPrivateAndTheDatabaseIsUserOnly() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gw-\(UUID().uuidString)/nested")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let path = folder.appendingPathComponent("catalog.sqlite").path
        _ = try GiftCatalog(path: path)
        let folderMode = try FileManager.default.attributesOfItem(atPath: folder.path)[.posixPermissions] as? Int
        let fileMode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(folderMode == 0o700)
        #expect(fileMode == 0o600)
    }

    @Test func aFolderThatCannotHoldTheCatalogGivesAClearError() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("ro-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: base) }
        // A "folder" that is a plain file stops everyone, root included (CI runs as root).
        let plainFile = base.appendingPathComponent("not-a-folder")
        try Data("x".utf8).write(to: plainFile)
        let path = plainFile.appendingPathComponent("c.sqlite").path
        #expect(throws: GiftwiseError.self) { try GiftCatalog(path: path) }
        do {
            _ = try GiftCatalog(path: path)
        } catch let error as GiftwiseError {
            #expect(error.errorDescription?.contains("Cannot write the catalog") == true, "\(error)")
        }
        // A read-only folder stops everyone but root (the CLI suite checks it as an unprivileged user).
        if getuid() != 0 {
            let readOnly = base.appendingPathComponent("read-only")
            try FileManager.default.createDirectory(
                at: readOnly, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o500])
            #expect(throws: GiftwiseError.self) {
                try GiftCatalog(path: readOnly.appendingPathComponent("c.sqlite").path)
            }
        }
    }

    @Test func aFullDiskFailsTheImportCleanlyAndKeepsTheCatalog() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("full-\(UUID().uuidString).sqlite")
            .path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let catalog = try GiftCatalog(path: path)
        try TestSupport.importCSV(TestSupport.seedCSV, into: catalog)
        let before = try TestSupport.snapshot(catalog)
        // Simulate a full disk: the database may not grow past its current size.
        try catalog.database.writer.writeWithoutTransaction { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            try db.execute(sql: "PRAGMA max_page_count = \(pages)")
        }
        var big = TestSupport.header
        for index in 0..<3_000 {
            big +=
                "big-\(index),Big product \(index),\(String(repeating: "long description ", count: 20)),5,USD,3,,,,,true\n"
        }
        #expect(throws: GiftwiseError.diskFull(path: path)) { try TestSupport.importCSV(big, into: catalog) }
        #expect(try TestSupport.snapshot(catalog) == before)
    }

    @Test func concurrentReadersDuringAnImportSeeOldOrNewNeverAMix() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("conc-\(UUID().uuidString).sqlite")
            .path
        defer { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        let catalog = try GiftCatalog(path: path)
        try TestSupport.importCSV(TestSupport.seedCSV, into: catalog)
        var big = TestSupport.header
        for index in 0..<5_000 { big += "n-\(index),Dinosaur model \(index),,5,USD,3,,dinosaurs,fun,,true\n" }
        let bigText = big
        try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                try TestSupport.importCSV(bigText, into: catalog)
                return -1
            }
            for _ in 0..<20 {
                group.addTask { try catalog.productCount() }
            }
            for try await count in group where count >= 0 {
                #expect(count == 3 || count == 5_003, "a reader saw a half-written catalog: \(count)")
            }
        }
        #expect(try catalog.productCount() == 5_003)
    }
}
