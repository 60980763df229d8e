import GRDB
import GRDBSQLite

/// Runs the first import into an empty file catalog that no other connection has open with a
/// rollback journal instead of the write-ahead log, then puts the log back.
///
/// In WAL mode every page an import writes is written twice: into the `-wal` file, then by the
/// checkpoint into the database. With a rollback journal only pages that existed before the
/// transaction are copied to the journal; pages appended past the old end of the file (nearly
/// all of an import into an empty catalog) are written once. `kill -9` stays safe: the next
/// connection finds the hot journal and rolls the file back, and ``CatalogDatabase`` puts a
/// file it finds out of WAL mode back into it on open.
///
/// Foreign keys are not checked row by row meanwhile: the only one the import writes is each
/// vector's product, inserted just before it in the same transaction (a tenth of the CPU of a
/// 200k-row import went to those checks).
///
/// While such an import runs, other processes cannot read the catalog (they are told an import
/// is running) — which is why it is only taken for a catalog with no products yet, where there
/// is nothing to read. SQLite lets a connection leave WAL mode only when no other connection
/// has the file open, so when a server or another process has it open the switch is refused
/// and the import keeps the WAL path: those readers keep reading during the import.
struct ImportJournal {
    /// Whether `database` could be imported into alone: a file opened with one connection
    /// (the CLI), not a reader pool (a server) or memory.
    static func mayWriteAlone(_ database: CatalogDatabase) -> Bool {
        !database.isReadOnly && database.path != ":memory:" && database.writer is DatabaseQueue
    }

    /// Switches the connection to a rollback journal, outside any transaction, when the catalog
    /// has no products and no other connection has the file open; nil when it stays in WAL mode.
    static func takeOver(_ db: Database) throws -> ImportJournal? {
        guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM product)") == false else { return nil }
        // Asking must not wait: a refusal means someone else has the file open.
        sqlite3_busy_timeout(db.sqliteConnection, 0)
        defer { sqlite3_busy_timeout(db.sqliteConnection, CatalogDatabase.busyTimeoutMilliseconds) }
        do {
            guard try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")?.lowercased() == "delete" else {
                return nil
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
            return nil
        }
        try db.execute(sql: "PRAGMA foreign_keys = OFF")
        return ImportJournal()
    }

    /// Puts the connection back as it was, after success or failure alike. Should WAL mode not
    /// come back (a reader holding the file past the busy timeout), the next open sets it.
    func handBack(_ db: Database) {
        try? db.execute(sql: "PRAGMA foreign_keys = ON")
        try? db.execute(sql: "PRAGMA journal_mode = WAL")
    }
}
