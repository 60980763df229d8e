import Foundation

/// An amount of money in minor units (cents), so sums and comparisons are exact.
public struct Money: Hashable, Comparable, Sendable, Codable {
    /// The amount in minor units (cents for USD).
    public var minorUnits: Int64

    /// Creates an amount from minor units.
    public init(minorUnits: Int64) { self.minorUnits = minorUnits }

    /// Creates an amount from a decimal major-unit value, rounding to the nearest minor unit.
    public init(_ major: Double) { self.minorUnits = Int64((major * 100).rounded()) }

    /// The amount in major units.
    public var major: Double { Double(minorUnits) / 100 }

    /// "$24" for whole amounts, "$24.99" otherwise (or "24.99 EUR" for other currencies).
    public func formatted(currency: String = "USD") -> String {
        let number =
            minorUnits % 100 == 0
            ? String(minorUnits / 100)
            : String(format: "%.2f", major)
        switch currency {
        case "USD": return "$" + number
        case "GBP": return "£" + number
        case "EUR": return "€" + number
        default: return number + " " + currency
        }
    }

    /// Orders by amount.
    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.minorUnits < rhs.minorUnits }
}
