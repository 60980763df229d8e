import Foundation

/// A person the user buys for, remembered locally so next year's gift is better.
public struct SavedRecipient: Sendable, Codable, Equatable, Identifiable {
    /// Database id.
    public var id: Int64
    /// The name the user calls them (unique, case-insensitive).
    public var name: String
    /// Birth date, if known: the age then advances by itself.
    public var birthDate: Date?
    /// Age in months on `ageGivenOn`, when no birth date was given.
    public var ageMonthsWhenGiven: Int?
    /// The day the age was given.
    public var ageGivenOn: Date?
    /// Interests as the user said them.
    public var interests: [String]
    /// Purposes wished for.
    public var purposes: Set<Purpose>
    /// Budget maximum.
    public var budgetMax: Money?
    /// Budget minimum.
    public var budgetMin: Money?
    /// Words to avoid.
    public var excludedWords: [String]

    /// Creates a saved recipient.
    public init(id: Int64 = 0, name: String, birthDate: Date? = nil, ageMonthsWhenGiven: Int? = nil, ageGivenOn: Date? = nil,
                interests: [String] = [], purposes: Set<Purpose> = [], budgetMax: Money? = nil, budgetMin: Money? = nil,
                excludedWords: [String] = []) {
        self.id = id
        self.name = name
        self.birthDate = birthDate
        self.ageMonthsWhenGiven = ageMonthsWhenGiven
        self.ageGivenOn = ageGivenOn
        self.interests = interests
        self.purposes = purposes
        self.budgetMax = budgetMax
        self.budgetMin = budgetMin
        self.excludedWords = excludedWords
    }

    /// Age in months on `date`: from the birth date, or the given age advanced by the time since.
    public func ageMonths(on date: Date, calendar: Calendar = Calendar(identifier: .gregorian)) -> Int? {
        if let birthDate {
            return max(0, calendar.dateComponents([.month], from: birthDate, to: date).month ?? 0)
        }
        guard let months = ageMonthsWhenGiven, let givenOn = ageGivenOn else { return nil }
        let elapsed = calendar.dateComponents([.month], from: givenOn, to: date).month ?? 0
        return months + max(0, elapsed)
    }

    /// The profile to match with on `date`.
    public func profile(on date: Date) -> RecipientProfile? {
        guard let months = ageMonths(on: date) else { return nil }
        return RecipientProfile(ageMonths: months, interests: interests, purposes: purposes, budgetMax: budgetMax,
                                budgetMin: budgetMin, excludedWords: excludedWords)
    }
}
