import Foundation
import GRDB
import Testing

@testable import Giftwise

/// Starting a catalog file's write-back early is only a hint to the operating system: the file
/// reads the same, and a file that cannot be opened gets no hint at all.
struct CatalogFileWritebackTests {
    @Test func hintingAFilesWritebackLeavesItsContentsAsTheyWere() throws {
        // Given a catalog file with rows written in an open transaction
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("writeback-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("catalog.sqlite").path
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE t (id INTEGER PRIMARY KEY, text TEXT)")
            for id in 0..<2_000 {
                try db.execute(
                    sql: "INSERT INTO t (id, text) VALUES (?, ?)", arguments: [id, String(repeating: "x", count: 200)])
            }
            // When write-back is hinted twice while the transaction is open
            let writeback = try #require(CatalogFileWriteback(path: path))
            writeback.start()
            writeback.start()
        }

        // Then every row reads back
        let count = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM t") }
        #expect(count == 2_000)
    }

    @Test func aFileThatCannotBeOpenedGetsNoHint() {
        #expect(CatalogFileWriteback(path: "/nonexistent-\(UUID().uuidString)/catalog.sqlite") == nil)
    }
}
