import Foundation

extension GiftCatalog {
    /// The currency most of the catalog's products are priced in (ties: the first code
    /// alphabetically; an empty catalog: USD). Budgets are read in it unless the person names another.
    public func mainCurrency() throws -> String {
        try database.read { db in try CatalogDatabase.mainCurrency(db) }
    }

    /// How many products are priced in each currency.
    public func currencyCounts() throws -> [String: Int] {
        try database.read { db in try CatalogDatabase.currencyCounts(db) }
    }

    /// The exchange rates the shop supplied (empty when none: other currencies do not convert).
    public func exchangeRates() throws -> ExchangeRates {
        try database.read { db in try CatalogDatabase.exchangeRates(db) }
    }

    /// Replaces the catalog's exchange rates with those of a rates file (CSV, header
    /// `currency,rate_to_XXX`; see ``ExchangeRates``). All or nothing.
    /// - Throws: ``GiftwiseError/invalidImport(_:)`` listing every problem with its line.
    @discardableResult
    public func importExchangeRates(at url: URL) throws -> ExchangeRates {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw GiftwiseError.unreadableFile(path: url.path, reason: "it does not exist or cannot be read")
        }
        return try importExchangeRates(data: data)
    }

    /// Replaces the catalog's exchange rates with those of rates-file data already in memory.
    @discardableResult
    public func importExchangeRates(data: Data) throws -> ExchangeRates {
        let base = try mainCurrency()
        let rates = try ExchangeRatesReader(defaultBase: base).read(data: data)
        try setExchangeRates(rates)
        return rates
    }

    /// Replaces the catalog's exchange rates.
    public func setExchangeRates(_ rates: ExchangeRates) throws {
        try database.write { db in try CatalogDatabase.replaceExchangeRates(rates, db: db) }
    }
}
