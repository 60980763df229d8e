/// Exchange rates a shop supplied, all quoted against one base currency.
///
/// `rates["EUR"] = 1.08` with `base == "USD"` means one euro is worth 1.08 US dollars. Any two
/// currencies with a rate (or the base itself) convert through the base; a currency without a
/// rate does not convert at all — Giftwise never guesses a rate.
public struct ExchangeRates: Sendable, Equatable, Codable {
    /// Whether `code` has an ISO 4217 code's form: three ASCII letters, any case. The one check
    /// for budgets, price columns, rates files and every `currency` the CLI, server and web take.
    package static func isCurrencyCode(_ code: String) -> Bool {
        // Three ASCII letters, read as bytes (the same as three characters that are ASCII
        // letters; asked for every imported row, where characters cost 1 % of the import's CPU).
        code.utf8.count == 3 && code.utf8.allSatisfy { (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }
    }

    /// The currency every rate is quoted in (ISO 4217).
    public var base: String
    /// Units of ``base`` that one unit of each currency is worth. The base itself is implicit (1).
    public var rates: [String: Double]

    /// Creates rates against `base`.
    public init(base: String, rates: [String: Double] = [:]) {
        self.base = base
        self.rates = rates
    }

    /// How many units of `target` one unit of `source` is worth, or `nil` without the rates.
    public func rate(from source: String, to target: String) -> Double? {
        if source == target { return 1 }
        guard let sourceInBase = source == base ? 1 : rates[source],
            let targetInBase = target == base ? 1 : rates[target]
        else { return nil }
        return sourceInBase / targetInBase
    }

    /// `amount` in `source` currency expressed in `target` currency (rounded to the cent),
    /// or `nil` when no rate links the two.
    public func convert(_ amount: Money, from source: String, to target: String) -> Money? {
        guard let rate = rate(from: source, to: target) else { return nil }
        if rate == 1 { return amount }
        return Money(amount.major * rate)
    }

    /// Whether `currency` can be converted to and from every other currency with a rate.
    public func covers(_ currency: String) -> Bool { currency == base || rates[currency] != nil }
}
