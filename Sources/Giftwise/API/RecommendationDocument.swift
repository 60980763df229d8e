/// The JSON document of `recommend --format json` and `GET /v1/recommendations` (DESIGN §4).
///
/// Build it from a result with ``init(_:)`` and print it with ``GiftwiseJSON/encode(_:)``:
/// ```swift
/// let document = RecommendationDocument(try catalog.recommend(for: profile, limit: 5))
/// let data = try GiftwiseJSON.encode(document)
/// ```
public struct RecommendationDocument: GiftwiseDocument, Equatable {
    /// `good`, `partial` or `none`.
    public var fit: Fit
    /// How many good matches the catalog holds (counting stops at 1,000).
    public var goodMatches: Int
    /// The gifts, best first.
    public var recommendations: [Item]
    /// Changes of answers that would open up more good gifts.
    public var relaxations: [Suggestion]
    /// Gift ideas to look for outside this catalog when it has no good match (empty when `fit` is
    /// `good` or no idea is worth giving).
    public var elsewhere: [String]
    /// The same ideas grouped by the interest they answer.
    public var elsewhereFor: [ElsewhereIdeas]
    /// Things the person should know about this answer (interests not understood, products left
    /// out because their currency cannot be compared with the budget).
    public var notes: [String]

    /// Creates a document from its parts.
    public init(
        fit: Fit, goodMatches: Int, recommendations: [Item], relaxations: [Suggestion], elsewhere: [String] = [],
        elsewhereFor: [ElsewhereIdeas] = [], notes: [String] = []
    ) {
        self.fit = fit
        self.goodMatches = goodMatches
        self.recommendations = recommendations
        self.relaxations = relaxations
        self.elsewhere = elsewhere
        self.elsewhereFor = elsewhereFor
        self.notes = notes
    }

    /// The document for a result.
    public init(_ result: Recommendations) {
        self.init(
            fit: result.fit, goodMatches: result.goodMatchCount,
            recommendations: result.items.map(Item.init), relaxations: result.relaxations.map(Suggestion.init),
            elsewhere: result.elsewhere, elsewhereFor: result.elsewhereFor, notes: result.notes)
    }

    /// One recommended gift.
    public struct Item: Codable, Sendable, Equatable {
        /// The product id (SKU).
        public var id: String
        /// The product's name.
        public var name: String
        /// The product's description (may be empty).
        public var description: String
        /// The price in major units.
        public var price: Double
        /// ISO 4217 currency code.
        public var currency: String
        /// Youngest suitable age in years; `nil` (JSON `null`) when unknown.
        public var ageMin: Double?
        /// Oldest suitable age in years; `nil` (JSON `null`) when unbounded.
        public var ageMax: Double?
        /// Interest ids, most central first.
        public var interests: [String]
        /// Purposes.
        public var purposes: [Purpose]
        /// Fit to the profile in 0…1.
        public var score: Double
        /// Why it fits, from their answers.
        public var reasons: [String]
        /// What it does not match (weak matches only).
        public var mismatches: [String]
        /// The product page; `nil` (JSON `null`) when the catalog has none.
        public var url: String?

        /// Creates an item.
        public init(
            id: String, name: String, description: String, price: Double, currency: String, ageMin: Double?,
            ageMax: Double?, interests: [String], purposes: [Purpose], score: Double, reasons: [String],
            mismatches: [String], url: String?
        ) {
            self.id = id
            self.name = name
            self.description = description
            self.price = price
            self.currency = currency
            self.ageMin = ageMin
            self.ageMax = ageMax
            self.interests = interests
            self.purposes = purposes
            self.score = score
            self.reasons = reasons
            self.mismatches = mismatches
            self.url = url
        }

        /// The item for a recommendation.
        public init(_ recommendation: Recommendation) {
            let product = recommendation.product
            self.init(
                id: product.id, name: product.name, description: product.description, price: product.price.major,
                currency: product.currency, ageMin: product.ages.minMonths.map { Double($0) / 12 },
                ageMax: product.ages.maxMonths.map { Double($0) / 12 }, interests: product.interests,
                purposes: product.purposes, score: recommendation.score, reasons: recommendation.reasons,
                mismatches: recommendation.mismatches, url: product.url)
        }

        enum CodingKeys: String, CodingKey {
            case id, name, description, price, currency, ageMin, ageMax, interests, purposes, score, reasons,
                mismatches, url
        }

        /// Writes `ageMin`, `ageMax` and `url` as `null` when absent: the keys are always there.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(description, forKey: .description)
            try container.encode(price, forKey: .price)
            try container.encode(currency, forKey: .currency)
            try container.encode(ageMin, forKey: .ageMin)
            try container.encode(ageMax, forKey: .ageMax)
            try container.encode(interests, forKey: .interests)
            try container.encode(purposes, forKey: .purposes)
            try container.encode(score, forKey: .score)
            try container.encode(reasons, forKey: .reasons)
            try container.encode(mismatches, forKey: .mismatches)
            try container.encode(url, forKey: .url)
        }
    }

    /// A change of answers and how many good gifts it opens up.
    public struct Suggestion: Codable, Sendable, Equatable {
        /// In words: "raise the budget to $35".
        public var suggestion: String
        /// Good matches with the change applied.
        public var matches: Int
        /// The changed answers with their whole new values.
        public var changes: Changes

        /// Creates a suggestion.
        public init(suggestion: String, matches: Int, changes: Changes) {
            self.suggestion = suggestion
            self.matches = matches
            self.changes = changes
        }

        /// The suggestion for a relaxation.
        public init(_ relaxation: Relaxation) {
            self.init(
                suggestion: relaxation.suggestion, matches: relaxation.matches, changes: Changes(relaxation.changes))
        }
    }

    /// Changed profile fields; only the changed keys are written. A dropped minimum budget is
    /// written as `"budgetMin": null`.
    public struct Changes: Codable, Sendable, Equatable {
        /// New maximum budget in major units.
        public var budget: Double?
        /// New purposes.
        public var purposes: [Purpose]?
        /// New interests.
        public var interests: [String]?
        /// New words to avoid.
        public var exclude: [String]?
        /// Whether the minimum budget is dropped.
        public var dropsBudgetMin: Bool
        /// The budget's new currency.
        public var currency: String?

        /// Creates changes.
        public init(
            budget: Double? = nil, purposes: [Purpose]? = nil, interests: [String]? = nil, exclude: [String]? = nil,
            dropsBudgetMin: Bool = false, currency: String? = nil
        ) {
            self.budget = budget
            self.purposes = purposes
            self.interests = interests
            self.exclude = exclude
            self.dropsBudgetMin = dropsBudgetMin
            self.currency = currency
        }

        /// The document form of profile changes.
        public init(_ changes: ProfileChanges) {
            self.init(
                budget: changes.budget?.major, purposes: changes.purposes, interests: changes.interests,
                exclude: changes.exclude, dropsBudgetMin: changes.dropBudgetMin == true, currency: changes.currency)
        }

        /// The library form of these changes.
        public var profileChanges: ProfileChanges {
            ProfileChanges(
                budget: budget.map { Money($0) }, purposes: purposes, interests: interests, exclude: exclude,
                dropBudgetMin: dropsBudgetMin ? true : nil, currency: currency)
        }

        enum CodingKeys: String, CodingKey { case budget, purposes, interests, exclude, budgetMin, currency }

        /// Reads the changed keys; a `budgetMin` key (null) means the minimum is dropped.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            budget = try container.decodeIfPresent(Double.self, forKey: .budget)
            purposes = try container.decodeIfPresent([Purpose].self, forKey: .purposes)
            interests = try container.decodeIfPresent([String].self, forKey: .interests)
            exclude = try container.decodeIfPresent([String].self, forKey: .exclude)
            dropsBudgetMin = container.contains(.budgetMin)
            currency = try container.decodeIfPresent(String.self, forKey: .currency)
        }

        /// Writes only the changed keys.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(budget, forKey: .budget)
            try container.encodeIfPresent(purposes, forKey: .purposes)
            try container.encodeIfPresent(interests, forKey: .interests)
            try container.encodeIfPresent(exclude, forKey: .exclude)
            if dropsBudgetMin { try container.encodeNil(forKey: .budgetMin) }
            try container.encodeIfPresent(currency, forKey: .currency)
        }
    }
}
