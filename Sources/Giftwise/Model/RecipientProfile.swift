/// What we know about the person a gift is for. Built by the question flow or directly.
public struct RecipientProfile: Hashable, Sendable, Codable {
    /// Age in months (ages under two are often given in months).
    public var ageMonths: Int
    /// Interests as the person said them ("dinos", "baking", "k-pop"); resolved through the
    /// taxonomy when matching, and matched as text when the taxonomy does not know them.
    public var interests: [String]
    /// What the gift should be for; empty means no preference.
    public var purposes: Set<Purpose>
    /// The most to spend, if any.
    public var budgetMax: Money?
    /// The least to spend, if any (a gift should not look like an afterthought).
    public var budgetMin: Money?
    /// Words to avoid: anything whose name or description holds one (or the shop's other name for
    /// it) is never suggested; a word that names an interest itself ("dinosaurs") also avoids what
    /// is tagged with it, a narrower thing ("slime") never the whole interest around it.
    public var excludedWords: [String]
    /// Product ids they already own or were given: never suggested.
    public var excludedProductIDs: Set<String>
    /// The currency of the budget (ISO 4217); `nil`: the catalog's main currency. Products priced
    /// in another currency are compared only through exchange rates the shop supplied.
    public var currency: String?

    /// Creates a profile.
    /// - Parameters:
    ///   - ageYears: age in years; fractions allowed (`1.5` is 18 months).
    ///   - interests: what they enjoy, in their own words.
    ///   - purposes: what the gift should be for; empty for no preference.
    ///   - budgetMax: the most to spend, if any.
    ///   - budgetMin: the least to spend, if any.
    ///   - excludedWords: words to avoid.
    ///   - excludedProductIDs: products they already have.
    public init(
        ageYears: Double, interests: [String] = [], purposes: Set<Purpose> = [],
        budgetMax: Money? = nil, budgetMin: Money? = nil, excludedWords: [String] = [],
        excludedProductIDs: Set<String> = []
    ) {
        self.init(
            ageMonths: Int((ageYears * 12).rounded(.down)), interests: interests, purposes: purposes,
            budgetMax: budgetMax, budgetMin: budgetMin, excludedWords: excludedWords,
            excludedProductIDs: excludedProductIDs)
    }

    /// Creates a profile with the age in months.
    public init(
        ageMonths: Int, interests: [String] = [], purposes: Set<Purpose> = [],
        budgetMax: Money? = nil, budgetMin: Money? = nil, excludedWords: [String] = [],
        excludedProductIDs: Set<String> = []
    ) {
        self.ageMonths = ageMonths
        self.interests = interests
        self.purposes = purposes
        self.budgetMax = budgetMax
        self.budgetMin = budgetMin
        self.excludedWords = excludedWords
        self.excludedProductIDs = excludedProductIDs
    }

    /// Age in whole years.
    public var ageYears: Int { ageMonths / 12 }

    /// "an 8-year-old", "a 7-year-old", "an 18-month-old".
    public var ageDescriptionWithArticle: String {
        let number = ageMonths < 24 ? ageMonths : ageYears
        let vowelSound = number == 8 || number == 11 || number == 18 || (80...89).contains(number)
        return (vowelSound ? "an " : "a ") + ageDescription
    }

    /// "7-year-old", "18-month-old".
    public var ageDescription: String {
        ageMonths < 24 ? "\(ageMonths)-month-old" : "\(ageYears)-year-old"
    }
}
