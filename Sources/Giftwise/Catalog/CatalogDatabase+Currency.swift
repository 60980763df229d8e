import GRDB

/// The currencies a catalog's products are priced in, and the exchange rates its shop supplied.
///
/// The importer records each currency's product count in `meta` when an import commits, so the
/// matcher reads the main currency without scanning products on every recommendation.
extension CatalogDatabase {
    /// The currency a catalog's prices are in when nothing says otherwise (DESIGN §3).
    package static let defaultCurrency = "USD"

    /// Products per currency code.
    package static func currencyCounts(_ db: Database) throws -> [String: Int] {
        if let stored = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'currency_counts'") {
            return Self.decodeCounts(stored)
        }
        return try Self.countCurrencies(db)
    }

    /// The catalog's main currency: the one most products are priced in (ties: the code first
    /// alphabetically; an empty catalog: USD). Budgets are read in it unless the person says otherwise.
    package static func mainCurrency(_ db: Database) throws -> String {
        Self.mainCurrency(of: try currencyCounts(db))
    }

    static func mainCurrency(of counts: [String: Int]) -> String {
        counts.max { lhs, rhs in lhs.value != rhs.value ? lhs.value < rhs.value : lhs.key > rhs.key }?.key
            ?? defaultCurrency
    }

    /// The shop's exchange rates (none supplied: an empty set against the main currency).
    package static func exchangeRates(_ db: Database) throws -> ExchangeRates {
        let base = try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'rate_base'")
        var rates: [String: Double] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT currency, rate FROM currency_rate") {
            rates[row[0]] = row[1]
        }
        return ExchangeRates(base: try base ?? mainCurrency(db), rates: rates)
    }

    /// Replaces every stored rate with `rates` (a rates file is the whole set).
    package static func replaceExchangeRates(_ rates: ExchangeRates, db: Database) throws {
        try db.execute(sql: "DELETE FROM currency_rate")
        let insert = try db.makeStatement(sql: "INSERT INTO currency_rate (currency, rate) VALUES (?, ?)")
        for (currency, rate) in rates.rates.sorted(by: { $0.key < $1.key }) where currency != rates.base {
            try insert.execute(arguments: [currency, rate])
        }
        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('rate_base', ?)", arguments: [rates.base])
    }

    /// Counts products per currency and stores the counts for ``currencyCounts(_:)``; the
    /// importer calls this once per committed import.
    /// - Parameter known: the counts when the caller knows them without a scan (an import into
    ///   an empty catalog counted every row it wrote: the scan was 0.27 s at 1M products).
    static func refreshCurrencyCounts(_ db: Database, known: [String: Int]? = nil) throws {
        let counts = try known ?? countCurrencies(db)
        try db.execute(
            sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('currency_counts', ?)",
            arguments: [encodeCounts(counts)])
    }

    private static func countCurrencies(_ db: Database) throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT currency, COUNT(*) FROM product GROUP BY currency") {
            counts[row[0]] = row[1]
        }
        return counts
    }

    /// "EUR=12;USD=800": currency codes are three letters, so no escaping is needed.
    private static func encodeCounts(_ counts: [String: Int]) -> String {
        counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
    }

    private static func decodeCounts(_ text: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for pair in text.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1)
            if parts.count == 2, let count = Int(parts[1]) { counts[String(parts[0])] = count }
        }
        return counts
    }
}
