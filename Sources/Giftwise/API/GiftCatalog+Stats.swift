import GRDB

extension GiftCatalog {
    /// Counts products by purpose, age band and interest.
    public func stats() throws -> CatalogStats {
        try database.read { db in try CatalogDatabase.stats(db) }
    }

    /// ``stats()`` on GRDB's asynchronous read, for servers.
    public func stats() async throws -> CatalogStats {
        try await database.read { db in try CatalogDatabase.stats(db) }
    }
}
