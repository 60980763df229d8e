import GRDB

/// A summary of what a catalog holds.
public struct CatalogStats: Sendable, Codable, Equatable {
    /// All products.
    public var products: Int
    /// Products that can be bought now.
    public var inStock: Int
    /// Products whose tags were inferred from their text.
    public var autoTagged: Int
    /// Cheapest, median and dearest price in major units (0 when empty).
    public var priceMin: Double, priceMedian: Double, priceMax: Double
    /// Products per purpose.
    public var purposes: [String: Int]
    /// Products suitable for each age band ("0-2", "3-5", … "65+").
    public var ageBands: [String: Int]
    /// Products per interest, most common first (top 20).
    public var topInterests: [InterestCount]
    /// Interests in the taxonomy, and the shop's own free tags in use.
    public var taxonomyInterests: Int, freeTags: Int

    /// Creates a summary.
    public init(products: Int, inStock: Int, autoTagged: Int, priceMin: Double, priceMedian: Double, priceMax: Double,
                purposes: [String: Int], ageBands: [String: Int], topInterests: [InterestCount], taxonomyInterests: Int,
                freeTags: Int) {
        self.products = products
        self.inStock = inStock
        self.autoTagged = autoTagged
        self.priceMin = priceMin
        self.priceMedian = priceMedian
        self.priceMax = priceMax
        self.purposes = purposes
        self.ageBands = ageBands
        self.topInterests = topInterests
        self.taxonomyInterests = taxonomyInterests
        self.freeTags = freeTags
    }

    /// An interest with its product count.
    public struct InterestCount: Sendable, Codable, Equatable {
        /// The interest id.
        public var interest: String
        /// How many products carry it.
        public var products: Int

        /// Creates a count.
        public init(interest: String, products: Int) {
            self.interest = interest
            self.products = products
        }
    }

    /// The age bands reported, as (label, youngest age in years, oldest age in years).
    public static let bands: [(String, Int, Int)] = [
        ("0-2", 0, 2), ("3-5", 3, 5), ("6-8", 6, 8), ("9-12", 9, 12), ("13-17", 13, 17), ("18-64", 18, 64), ("65+", 65, 120),
    ]
}

extension GiftCatalog {
    /// Counts products by purpose, age band and interest.
    public func stats() throws -> CatalogStats {
        try database.read { db in try stats(db) }
    }

    func stats(_ db: Database) throws -> CatalogStats {
        do {
            let products = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product") ?? 0
            let inStock = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product WHERE in_stock") ?? 0
            let auto = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product WHERE inferred != 0") ?? 0
            let priceMin = try Int64.fetchOne(db, sql: "SELECT MIN(price_minor) FROM product") ?? 0
            let priceMax = try Int64.fetchOne(db, sql: "SELECT MAX(price_minor) FROM product") ?? 0
            let median = try Int64.fetchOne(db, sql: "SELECT price_minor FROM product ORDER BY price_minor LIMIT 1 OFFSET ?", arguments: [products / 2]) ?? 0
            var purposes: [String: Int] = [:]
            // One pass over the purpose bits (educational 1, crafty 2, sporty 4, fun 8).
            let sums = Purpose.allCases.map { "SUM((purposes & \($0.bit)) != 0)" }.joined(separator: ", ")
            if let row = try Row.fetchOne(db, sql: "SELECT \(sums) FROM product") {
                for (index, purpose) in Purpose.allCases.enumerated() {
                    let count = row[index] as Int? ?? 0
                    if count > 0 { purposes[purpose.rawValue] = count }
                }
            }
            var bands: [String: Int] = [:]
            for (label, low, high) in CatalogStats.bands {
                // Overlaps the band: suitable for at least one age in it.
                bands[label] = try Int.fetchOne(db, sql: """
                    SELECT COUNT(*) FROM product
                    WHERE COALESCE(age_min_months, 36) < ? AND (age_max_months IS NULL OR age_max_months >= ?)
                    """, arguments: [(high + 1) * 12, low * 12]) ?? 0
            }
            let top = try Row.fetchAll(db, sql: """
                SELECT interest_id, COUNT(*) AS n FROM product_interest GROUP BY interest_id ORDER BY n DESC, interest_id LIMIT 20
                """).map { CatalogStats.InterestCount(interest: $0[0], products: $0[1]) }
            let taxonomyCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM interest WHERE is_free = 0") ?? 0
            let freeCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM interest WHERE is_free = 1") ?? 0
            return CatalogStats(
                products: products, inStock: inStock, autoTagged: auto, priceMin: Double(priceMin) / 100,
                priceMedian: Double(median) / 100, priceMax: Double(priceMax) / 100, purposes: purposes,
                ageBands: bands, topInterests: top, taxonomyInterests: taxonomyCount, freeTags: freeCount)
        }
    }
}

extension GiftCatalog {
    /// ``stats()`` on GRDB's asynchronous read, for servers.
    public func stats() async throws -> CatalogStats {
        try await database.read { [self] db in try self.stats(db) }
    }
}
