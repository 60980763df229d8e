/// How well a result fits the profile overall.
public enum Fit: String, Sendable, Codable {
    /// Strong matches were found.
    case good
    /// Only weak matches: each says what it does not match. Empty when gifts pass the hard
    /// limits but none is even close to what they enjoy (the list is never padded).
    case partial
    /// Nothing passes the hard limits (age, budget, exclusions, stock).
    case none
}

/// One suggested gift with the reasons it was chosen.
public struct Recommendation: Sendable, Codable, Equatable {
    /// The product.
    public var product: Product
    /// Fit to the profile in 0…1 (not a popularity or price signal).
    public var score: Double
    /// Why it fits, phrased from the recipient's answers ("loves dinosaurs", "$24 of your $30").
    public var reasons: [String]
    /// What it does not match (weak matches only).
    public var mismatches: [String]
    /// Whether it meets every soft wish (interest and purpose), not just the hard limits.
    public var isGoodMatch: Bool

    /// Creates a recommendation.
    public init(product: Product, score: Double, reasons: [String], mismatches: [String] = [], isGoodMatch: Bool) {
        self.product = product
        self.score = score
        self.reasons = reasons
        self.mismatches = mismatches
        self.isGoodMatch = isGoodMatch
    }
}

/// A change of answers that would open up more good gifts.
public struct Relaxation: Sendable, Codable, Equatable {
    /// In words: "raise the budget to $35".
    public var suggestion: String
    /// How many good matches the changed profile has.
    public var matches: Int
    /// The changed answers, each with its whole new value.
    public var changes: ProfileChanges
    /// What the change opens, in their words: "1 gift that matches scuba diving" (budget changes).
    public var detail: String?

    /// Creates a relaxation.
    public init(suggestion: String, matches: Int, changes: ProfileChanges, detail: String? = nil) {
        self.suggestion = suggestion
        self.matches = matches
        self.changes = changes
        self.detail = detail
    }
}

/// Changed answers; `nil` means unchanged. Age is never changed: it is a safety limit.
public struct ProfileChanges: Sendable, Codable, Equatable {
    /// New maximum budget.
    public var budget: Money?
    /// New purposes (empty: no preference).
    public var purposes: [Purpose]?
    /// New interests.
    public var interests: [String]?
    /// New words to avoid.
    public var exclude: [String]?
    /// Drop the minimum budget.
    public var dropBudgetMin: Bool?
    /// The budget's new currency (ISO 4217), the same amount read in the shop's currency.
    public var currency: String?

    /// Creates changes.
    public init(
        budget: Money? = nil, purposes: [Purpose]? = nil, interests: [String]? = nil, exclude: [String]? = nil,
        dropBudgetMin: Bool? = nil, currency: String? = nil
    ) {
        self.budget = budget
        self.purposes = purposes
        self.interests = interests
        self.exclude = exclude
        self.dropBudgetMin = dropBudgetMin
        self.currency = currency
    }

    /// The profile with these changes applied.
    public func applied(to profile: RecipientProfile) -> RecipientProfile {
        var changed = profile
        if let budget { changed.budgetMax = budget }
        if let purposes { changed.purposes = Set(purposes) }
        if let interests { changed.interests = interests }
        if let exclude { changed.excludedWords = exclude }
        if dropBudgetMin == true { changed.budgetMin = nil }
        if let currency { changed.currency = currency }
        return changed
    }

    /// How many answers change.
    public var count: Int {
        [budget != nil, purposes != nil, interests != nil, exclude != nil, dropBudgetMin == true, currency != nil]
            .filter { $0 }.count
    }

    func merged(with other: ProfileChanges) -> ProfileChanges {
        ProfileChanges(
            budget: budget ?? other.budget, purposes: purposes ?? other.purposes,
            interests: interests ?? other.interests, exclude: exclude ?? other.exclude,
            dropBudgetMin: dropBudgetMin ?? other.dropBudgetMin, currency: currency ?? other.currency)
    }
}

/// The answer to "what should I give them?".
public struct Recommendations: Sendable, Codable, Equatable {
    /// Overall fit.
    public var fit: Fit
    /// The gifts, best first, diversified.
    public var items: [Recommendation]
    /// Smallest changes of answers that would help, fewest changes first (when few good matches).
    public var relaxations: [Relaxation]
    /// How many good matches the catalog holds for this profile (may exceed `items.count`).
    public var goodMatchCount: Int
    /// Interests the catalog's taxonomy did not know, matched as text instead.
    public var unrecognisedInterests: [String]
    /// Interests that meant nothing (only punctuation: `"`, `*`): ignored, never read as "anything".
    public var notUnderstoodInterests: [String] = []
    /// Things the person should know about this answer ("12 products priced in EUR left out: …").
    public var notes: [String] = []

    /// Gift ideas to look for outside this catalog ("a dive logbook"), for their ages; empty when
    /// `fit` is `good` or no idea is worth giving. Every entry of ``elsewhereFor``, in order.
    public var elsewhere: [String] = []
    /// The same ideas grouped by the interest they answer, saying when that interest is only the
    /// closest one the taxonomy knows to what they said.
    public var elsewhereFor: [ElsewhereIdeas] = []
    /// The currency the budget was read in (the one it named, else the catalog's); `nil` without
    /// a budget. What to show the budget in: "under £25" in a pound shop.
    public var budgetCurrency: String?

    /// Creates recommendations.
    public init(
        fit: Fit, items: [Recommendation], relaxations: [Relaxation], goodMatchCount: Int,
        unrecognisedInterests: [String] = [], notUnderstoodInterests: [String] = [], notes: [String] = [],
        elsewhereFor: [ElsewhereIdeas] = []
    ) {
        self.fit = fit
        self.items = items
        self.relaxations = relaxations
        self.goodMatchCount = goodMatchCount
        self.unrecognisedInterests = unrecognisedInterests
        self.notUnderstoodInterests = notUnderstoodInterests
        self.notes = notes
        self.elsewhereFor = elsewhereFor
        self.elsewhere = elsewhereFor.flatMap(\.ideas)
    }
}

/// Gift ideas from outside the catalog for one interest they named.
public struct ElsewhereIdeas: Sendable, Codable, Equatable {
    /// The interest as they said it ("scuba diving").
    public var said: String
    /// The taxonomy interest the ideas belong to ("swimming").
    public var interestID: String
    /// Its label ("Swimming").
    public var interestLabel: String
    /// The interest is only the closest the taxonomy knows to what they said: say so
    /// ("closest we know: swimming").
    public var isApproximate: Bool
    /// The ideas, most age-targeted first.
    public var ideas: [String]

    /// Creates a group of ideas.
    public init(said: String, interestID: String, interestLabel: String, isApproximate: Bool, ideas: [String]) {
        self.said = said
        self.interestID = interestID
        self.interestLabel = interestLabel
        self.isApproximate = isApproximate
        self.ideas = ideas
    }
}
