import Foundation
import GRDB

extension CatalogDatabase {
    /// Writes a consistent snapshot of the whole database to a new file at `path` (`VACUUM INTO`:
    /// one read transaction, so a concurrent import is either all in it or not at all), then
    /// switches the snapshot to WAL mode, so a server opening it needs no write to start.
    package func writeSnapshot(to path: String) throws {
        do {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "VACUUM INTO ?", arguments: [path])
            }
            let snapshot = try DatabaseQueue(path: path)
            try snapshot.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
            try snapshot.close()
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// Number of products in the database file at `path` (a snapshot just written).
    package static func productCount(atPath path: String) throws -> Int {
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            defer { try? queue.close() }
            return try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product") ?? 0 }
        } catch {
            throw translate(error, path: path)
        }
    }
}
