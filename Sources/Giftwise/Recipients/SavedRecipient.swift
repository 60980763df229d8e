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
    public init(
        id: Int64 = 0, name: String, birthDate: Date? = nil, ageMonthsWhenGiven: Int? = nil, ageGivenOn: Date? = nil,
        interests: [String] = [], purposes: Set<Purpose> = [], budgetMax: Money? = nil, budgetMin: Money? = nil,
        excludedWords: [String] = []
    ) {
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
        return RecipientProfile(
            ageMonths: months, interests: interests, purposes: purposes, budgetMax: budgetMax,
            budgetMin: budgetMin, excludedWords: excludedWords)
    }

    /// A recipient saved from a profile's answers, with the age as given on `date`.
    public init(name: String, profile: RecipientProfile, on date: Date) {
        self.init(
            name: name, ageMonthsWhenGiven: profile.ageMonths, ageGivenOn: ISODay.startOfDay(date),
            interests: profile.interests, purposes: profile.purposes, budgetMax: profile.budgetMax,
            budgetMin: profile.budgetMin, excludedWords: profile.excludedWords)
    }

    /// Sets how the age is known: a birth date (the age follows it), or an age in years given on `date`.
    public mutating func setAge(birthDate: Date?, ageYears: Double?, on date: Date) {
        if let birthDate {
            self.birthDate = ISODay.startOfDay(birthDate)
            ageMonthsWhenGiven = nil
            ageGivenOn = nil
        } else if let ageYears {
            self.birthDate = nil
            ageMonthsWhenGiven = Int((ageYears * 12).rounded(.down))
            ageGivenOn = ISODay.startOfDay(date)
        }
    }

    /// What is wrong with a birth date (and an age given with it) on `date`, if anything: a day
    /// in the future, or an age a year or more away from the one the birth date makes.
    public static func birthDateProblem(_ birthDate: Date, ageYears: Double?, on date: Date) -> String? {
        if ISODay.startOfDay(birthDate) > date { return "The birth date is in the future." }
        guard let ageYears else { return nil }
        let months = ISODay.calendar.dateComponents([.month], from: birthDate, to: date).month ?? 0
        guard abs(Double(months) / 12 - ageYears) >= 1 else { return nil }
        let shown = ageYears == ageYears.rounded() ? String(Int(ageYears)) : String(ageYears)
        return "The age \(shown) does not match the birth date (that makes them \(months / 12)). Give one of them."
    }
}
