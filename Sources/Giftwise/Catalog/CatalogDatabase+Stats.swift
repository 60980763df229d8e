import GRDB

/// The named requests behind ``GiftCatalog/stats()``.
extension CatalogDatabase {
    /// Counts products by purpose, age band and interest.
    static func stats(_ db: Database) throws -> CatalogStats {
        do {
            let products = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product") ?? 0
            let inStock = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product WHERE in_stock") ?? 0
            let textFlags = ProductFlags.interestsInferred | ProductFlags.purposesInferred
            let auto =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product WHERE inferred & \(textFlags) != 0") ?? 0
            // Each currency on its own: pounds and yen are never one range.
            var prices: [CatalogStats.CurrencyPrices] = []
            for row in try Row.fetchAll(
                db,
                sql: """
                    SELECT currency, COUNT(*), MIN(price_minor), MAX(price_minor) FROM product
                    GROUP BY currency ORDER BY COUNT(*) DESC, currency
                    """)
            {
                let code: String = row[0]
                let count: Int = row[1]
                let median =
                    try Int64.fetchOne(
                        db,
                        sql: "SELECT price_minor FROM product WHERE currency = ? ORDER BY price_minor LIMIT 1 OFFSET ?",
                        arguments: [code, count / 2]) ?? 0
                prices.append(
                    .init(
                        currency: code, products: count, min: Double(row[2] as Int64) / 100,
                        median: Double(median) / 100, max: Double(row[3] as Int64) / 100))
            }
            let main = prices.first
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
                bands[label] =
                    try Int.fetchOne(
                        db,
                        sql: """
                            SELECT COUNT(*) FROM product
                            WHERE COALESCE(age_min_months, 36) < ? AND (age_max_months IS NULL OR age_max_months >= ?)
                            """, arguments: [(high + 1) * 12, low * 12]) ?? 0
            }
            let top = try Row.fetchAll(
                db,
                sql: """
                    SELECT interest_id, COUNT(*) AS n FROM product_interest GROUP BY interest_id ORDER BY n DESC, interest_id LIMIT 20
                    """
            ).map { CatalogStats.InterestCount(interest: $0[0], products: $0[1]) }
            let taxonomyCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM interest WHERE is_free = 0") ?? 0
            let freeCount = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM interest WHERE is_free = 1") ?? 0
            return CatalogStats(
                products: products, inStock: inStock, autoTagged: auto, priceMin: main?.min ?? 0,
                priceMedian: main?.median ?? 0, priceMax: main?.max ?? 0, purposes: purposes,
                ageBands: bands, topInterests: top, taxonomyInterests: taxonomyCount, freeTags: freeCount,
                currency: main?.currency ?? "USD", prices: prices)
        }
    }
}
