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
/// While such an import runs, other processes cannot read the catalog (they are told an import
/// is running) — which is why it is only taken for a catalog with no products yet, where there
/// is nothing to read. SQLite lets a connection leave WAL mode only when no other connection
/// has the file open, so when a server or another process has it open the switch is refused
/// and the import keeps the WAL path: those readers keep reading during the import.
struct ImportJournal {
    private let queue: DatabaseQueue

    /// Switches `database` to a rollback journal when the import may have the file to itself;
    /// nil when it stays in WAL mode (products already there, another connection open, a
    /// reader pool, memory, a dry run).
    static func takeOver(_ database: CatalogDatabase, dryRun: Bool) throws -> ImportJournal? {
        guard !dryRun, !database.isReadOnly, database.path != ":memory:",
            let queue = database.writer as? DatabaseQueue
        else { return nil }
        let switched = try queue.writeWithoutTransaction { db -> Bool in
            guard try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM product)") == false else { return false }
            // Asking must not wait: a refusal means someone else has the file open.
            sqlite3_busy_timeout(db.sqliteConnection, 0)
            defer { sqlite3_busy_timeout(db.sqliteConnection, CatalogDatabase.busyTimeoutMilliseconds) }
            do {
                return try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")?.lowercased() == "delete"
            } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY {
                return false
            }
        }
        return switched ? ImportJournal(queue: queue) : nil
    }

    /// Puts the catalog back in WAL mode, after success or failure alike. Should that fail (a
    /// reader holding the file past the busy timeout), the next open does it.
    func handBack() {
        _ = try? queue.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
        }
    }
}
