import GRDB

/// Named requests for the catalog's bookkeeping: the `meta` key-value table and counts.
extension CatalogDatabase {
    /// Keys of the `meta` table that the API reads and writes.
    enum MetaKey: String {
        /// Set once a catalog has been filled or imported into (an emptied catalog is not refilled).
        case seeded
        /// A shop's own gift ideas file, as imported.
        case giftIdeas = "gift_ideas"
    }

    /// The value stored under `key`, if any.
    static func metaValue(_ db: Database, _ key: MetaKey) throws -> String? {
        try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = ?", arguments: [key.rawValue])
    }

    /// Stores `value` under `key`, replacing an earlier one.
    static func setMetaValue(_ db: Database, _ key: MetaKey, _ value: String) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", arguments: [key.rawValue, value])
    }

    /// Forgets the value under `key`.
    static func removeMetaValue(_ db: Database, _ key: MetaKey) throws {
        try db.execute(sql: "DELETE FROM meta WHERE key = ?", arguments: [key.rawValue])
    }

    /// How many products the catalog holds.
    static func productCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product") ?? 0
    }

    /// Whether a product with this id exists.
    static func productExists(_ db: Database, id: String) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM product WHERE id = ?)", arguments: [id]) ?? false
    }

    /// A catalog that has never held products (and was never imported into) is filled with the
    /// bundled default catalog on first use.
    static func needsDefaultCatalog(_ db: Database) throws -> Bool {
        try metaValue(db, .seeded) == nil && productCount(db) == 0
    }
}

extension CatalogDatabase {
    /// Copies the write-ahead log into the database file and empties it, so erased rows leave no
    /// copy in the `-wal` file (with `secure_delete`, forgetting a recipient leaves no trace).
    static func truncateWAL(_ db: Database) throws {
        _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
    }
}
