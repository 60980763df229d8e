import GRDB

/// Tells whether anyone (this process's writer, an import by another process) committed to a
/// catalog file since the last look: SQLite's `PRAGMA data_version` on a read-only connection of
/// its own, which changes whenever another connection commits. A server keys its response cache
/// on it, so a cached answer never outlives the catalog it was computed from.
package struct CatalogChangeProbe: Sendable {
    private let queue: DatabaseQueue

    /// Opens a read-only connection to the catalog file at `path`.
    package init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "Giftwise.changes"
        do { queue = try DatabaseQueue(path: path, configuration: configuration) } catch {
            throw CatalogDatabase.translate(error, path: path)
        }
    }

    /// A number that differs from the last one read whenever a commit happened in between.
    package func version() throws -> Int {
        try queue.read { db in try Int.fetchOne(db, sql: "PRAGMA data_version") ?? 0 }
    }
}
