import Foundation
import GRDB

/// A profile as the HTTP service and the flow's finished step write it: the body of
/// `POST /v1/recommendations` (DESIGN §5) and the `profile` of a finished ``FlowStep``.
///
/// `{"age":7,"interests":["dinosaurs"],"purposes":["educational"],"budget":30,"budgetMin":10,
/// "exclude":["slime"],"limit":5,"currency":"GBP"}`; every key but `age` may be left out.
public struct RecommendationRequest: Codable, Sendable, Equatable {
    /// Age in years (1.5 = 18 months).
    public var age: Double
    /// Interests in their own words.
    public var interests: [String]
    /// What the gift is for; empty means no preference.
    public var purposes: [Purpose]
    /// The most to spend, in ``currency`` (the catalog's main currency when `nil`).
    public var budget: Double?
    /// The least to spend.
    public var budgetMin: Double?
    /// Words to avoid, or ids of products they own.
    public var exclude: [String]
    /// How many gifts to list (1–100).
    public var limit: Int?
    /// The budget's currency (ISO 4217, e.g. "GBP"); `nil`: the catalog's main currency.
    public var currency: String?

    /// Creates a request.
    public init(
        age: Double, interests: [String] = [], purposes: [Purpose] = [], budget: Double? = nil,
        budgetMin: Double? = nil, exclude: [String] = [], limit: Int? = nil, currency: String? = nil
    ) {
        self.age = age
        self.interests = interests
        self.purposes = purposes
        self.budget = budget
        self.budgetMin = budgetMin
        self.exclude = exclude
        self.limit = limit
        self.currency = currency
    }

    /// The request that asks for `profile` (its excluded product ids join the words to avoid).
    public init(_ profile: RecipientProfile, limit: Int? = nil) {
        self.init(
            age: Double(profile.ageMonths) / 12, interests: profile.interests, purposes: profile.purposes.sorted(),
            budget: profile.budgetMax?.major, budgetMin: profile.budgetMin?.major,
            exclude: profile.excludedWords + profile.excludedProductIDs.sorted(), limit: limit,
            currency: profile.currency)
    }

    enum CodingKeys: String, CodingKey { case age, interests, purposes, budget, budgetMin, exclude, limit, currency }

    /// Reads a request; missing lists are empty.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        age = try container.decode(Double.self, forKey: .age)
        interests = try container.decodeIfPresent([String].self, forKey: .interests) ?? []
        purposes = try container.decodeIfPresent([Purpose].self, forKey: .purposes) ?? []
        budget = try container.decodeIfPresent(Double.self, forKey: .budget)
        budgetMin = try container.decodeIfPresent(Double.self, forKey: .budgetMin)
        exclude = try container.decodeIfPresent([String].self, forKey: .exclude) ?? []
        limit = try container.decodeIfPresent(Int.self, forKey: .limit)
        currency = try container.decodeIfPresent(String.self, forKey: .currency)
    }

    /// What is wrong with the request, if anything: the age, budgets and limit in range.
    public var problem: String? {
        if !age.isFinite || !(0...120).contains(age) { return "age must be a number of years from 0 to 120" }
        for (name, value) in [("budget", budget), ("budgetMin", budgetMin)] {
            if let value, !value.isFinite || !(0...1_000_000_000).contains(value) {
                return "\(name) must be an amount from 0 to 1000000000"
            }
        }
        if let budget, let budgetMin, budgetMin > budget { return "budgetMin is above budget" }
        if let limit, !(1...100).contains(limit) { return "limit must be from 1 to 100" }
        if let currency, !ExchangeRates.isCurrencyCode(currency.uppercased()) {
            return "currency must be a three-letter ISO 4217 code such as GBP"
        }
        return nil
    }

    /// The profile to match, telling product ids from words: an `exclude` entry that is a product
    /// id in `catalog` leaves that product out; anything else is avoided as a word.
    /// - Throws: ``GiftwiseError/invalidProfile(_:)`` naming what is out of range; database errors.
    public func profile(in catalog: GiftCatalog) throws -> RecipientProfile {
        if let problem { throw GiftwiseError.invalidProfile(problem) }
        var profile = RecipientProfile(
            ageYears: age, interests: interests, purposes: Set(purposes), budgetMax: budget.map { Money($0) },
            budgetMin: budgetMin.map { Money($0) })
        profile.currency = currency?.uppercased()
        try profile.exclude(exclude, in: catalog)
        return profile
    }

    /// ``profile(in:)`` inside a read the caller already holds (one transaction for a server's
    /// whole request).
    package func profile(_ db: Database) throws -> RecipientProfile {
        if let problem { throw GiftwiseError.invalidProfile(problem) }
        var profile = RecipientProfile(
            ageYears: age, interests: interests, purposes: Set(purposes), budgetMax: budget.map { Money($0) },
            budgetMin: budgetMin.map { Money($0) })
        profile.currency = currency?.uppercased()
        for entry in exclude {
            if try CatalogDatabase.productExists(db, id: entry) {
                profile.excludedProductIDs.insert(entry)
            } else if !profile.excludedWords.contains(entry) {
                profile.excludedWords.append(entry)
            }
        }
        return profile
    }
}

extension RecipientProfile {
    /// Adds things to avoid, telling product ids from words: a product id in `catalog` leaves that
    /// product out; anything else is avoided as a word.
    public mutating func exclude(_ entries: [String], in catalog: GiftCatalog) throws {
        for entry in entries {
            if try catalog.product(id: entry) != nil {
                excludedProductIDs.insert(entry)
            } else if !excludedWords.contains(entry) {
                excludedWords.append(entry)
            }
        }
    }
}
