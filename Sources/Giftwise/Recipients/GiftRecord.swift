import Foundation

/// How a gift went down: what the recipient's own history teaches the next recommendation.
public enum GiftOutcome: String, Sendable, Codable, CaseIterable, Equatable {
    /// A hit: gifts sharing its interests rank higher, with the reason "they loved the … last year".
    case loved
    /// Fine: remembered (never given again) but it steers nothing.
    case liked
    /// Sent back: gifts sharing its interests rank lower, with a note saying so.
    case returned
}

/// A gift given to a saved recipient, as it was at the time.
public struct GiftRecord: Sendable, Codable, Equatable, Identifiable {
    /// Database id.
    public var id: Int64
    /// The catalog product id (the product may since have left the catalog).
    public var productID: String
    /// The product's name when it was given.
    public var productName: String
    /// The product's interest tags when it was given, most central first.
    public var interests: [String]
    /// The day it was given.
    public var date: Date
    /// "birthday", "Christmas"…, if said.
    public var occasion: String?
    /// How it went, once known.
    public var outcome: GiftOutcome?

    /// Creates a record.
    public init(
        id: Int64 = 0, productID: String, productName: String, interests: [String] = [], date: Date,
        occasion: String? = nil, outcome: GiftOutcome? = nil
    ) {
        self.id = id
        self.productID = productID
        self.productName = productName
        self.interests = interests
        self.date = date
        self.occasion = occasion
        self.outcome = outcome
    }
}

/// Calendar days as stored and typed: ISO `yyyy-MM-dd` in the local time zone, Gregorian.
package enum ISODay {
    /// The calendar days are counted in.
    package static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone.current
        return calendar
    }

    /// "2026-03-01" for any moment of that local day.
    package static func string(from date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year ?? 0, parts.month ?? 1, parts.day ?? 1)
    }

    /// The start of the local day written as `yyyy-MM-dd`, or `nil` if it is not a real day.
    package static func date(from text: String) -> Date? {
        let fields = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard fields.count == 3, fields[0].count == 4, fields[1].count == 2, fields[2].count == 2,
            let year = Int(fields[0]), let month = Int(fields[1]), let day = Int(fields[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        let calendar = calendar
        guard let date = calendar.date(from: DateComponents(year: year, month: month, day: day)) else { return nil }
        // Reject days that do not exist (2026-02-30 would otherwise roll over into March).
        let check = calendar.dateComponents([.year, .month, .day], from: date)
        guard check.year == year, check.month == month, check.day == day else { return nil }
        return date
    }

    /// The start of the local day containing `date`.
    package static func startOfDay(_ date: Date) -> Date {
        calendar.startOfDay(for: date)
    }

    /// "January" … "December" (reasons are written in English).
    static func monthName(_ month: Int) -> String {
        let names = [
            "January", "February", "March", "April", "May", "June", "July", "August", "September",
            "October", "November", "December",
        ]
        return names[max(1, min(12, month)) - 1]
    }
}
