import GRDB
import Testing

@testable import Giftwise

/// The CLI's process-wide SQLite settings are taken only before SQLite's first use: a process
/// already using SQLite (this test process, a host app) keeps its settings and its connections.
struct SQLiteProcessTests {
    @Test func configuringOnceSQLiteIsInUseChangesNothing() throws {
        // Given a process with an open catalog
        let catalog = try CatalogDatabase(inMemory: ())
        let before = try catalog.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM interest") }

        // When the CLI's settings are asked for now
        let applied = SQLiteProcess.configureOwnProcess()

        // Then nothing is set and the open catalog still reads and writes
        #expect(applied.isEmpty)
        try catalog.writer.write { db in
            try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('sqlite-process-test', 'yes')")
        }
        let after = try catalog.writer.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM interest") }
        #expect(after == before)
        let value = try catalog.writer.read { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'sqlite-process-test'")
        }
        #expect(value == "yes")
    }
}
