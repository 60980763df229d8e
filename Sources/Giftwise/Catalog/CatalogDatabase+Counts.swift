import GRDB

extension CatalogDatabase {
    /// Products that can be bought now (the flow's count before the age is known).
    package static func inStockCount(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product WHERE in_stock") ?? 0
    }
}
