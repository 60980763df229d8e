/// A summary of what a catalog holds.
public struct CatalogStats: Sendable, Codable, Equatable {
    /// All products.
    public var products: Int
    /// Products that can be bought now.
    public var inStock: Int
    /// Products whose tags were inferred from their text.
    public var autoTagged: Int
    /// Cheapest, median and dearest price in major units of ``currency`` (0 when empty).
    public var priceMin: Double, priceMedian: Double, priceMax: Double
    /// The currency most products are priced in (the one of `priceMin` … `priceMax`).
    public var currency: String
    /// Prices per currency, the most common first: a catalog in several currencies is never
    /// summarised as one range of mixed numbers.
    public var prices: [CurrencyPrices]
    /// Products per purpose.
    public var purposes: [String: Int]
    /// Products suitable for each age band ("0-2", "3-5", … "65+").
    public var ageBands: [String: Int]
    /// Products per interest, most common first (top 20).
    public var topInterests: [InterestCount]
    /// Interests in the taxonomy, and the shop's own free tags in use.
    public var taxonomyInterests: Int, freeTags: Int

    /// Creates a summary.
    public init(
        products: Int, inStock: Int, autoTagged: Int, priceMin: Double, priceMedian: Double, priceMax: Double,
        purposes: [String: Int], ageBands: [String: Int], topInterests: [InterestCount], taxonomyInterests: Int,
        freeTags: Int, currency: String = "USD", prices: [CurrencyPrices] = []
    ) {
        self.currency = currency
        self.prices = prices
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

    /// The prices of the products in one currency.
    public struct CurrencyPrices: Sendable, Codable, Equatable {
        /// The ISO 4217 code.
        public var currency: String
        /// How many products are priced in it.
        public var products: Int
        /// Cheapest, median and dearest, in major units.
        public var min: Double, median: Double, max: Double

        /// Creates a summary of one currency's prices.
        public init(currency: String, products: Int, min: Double, median: Double, max: Double) {
            self.currency = currency
            self.products = products
            self.min = min
            self.median = median
            self.max = max
        }
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
        ("0-2", 0, 2), ("3-5", 3, 5), ("6-8", 6, 8), ("9-12", 9, 12), ("13-17", 13, 17), ("18-64", 18, 64),
        ("65+", 65, 120),
    ]
}
