import Foundation
import Giftwise

/// The whole state of a results page, in its URL: the profile, the refinements made so far and
/// how many gifts to show. Any replica can render it; a person can bookmark or share it.
///
/// `/gifts?age=7&interest=dinosaurs&purpose=educational&budget=30&currency=GBP&exclude=slime&not=sku-3`
struct FinderQuery: Equatable {
    var profile: RecipientProfile
    var critique: Critique
    var limit: Int

    static let defaultLimit = 5
    static let maxLimit = 50
    /// Longest list accepted per repeated field, and longest value, so a crafted URL stays cheap.
    static let maxItems = 20
    static let maxLength = 80

    /// Why a results URL could not be read.
    struct Invalid: Error, Equatable {
        var message: String
    }

    /// The fields, in a stable order (sets sorted), so the same state always has the same URL.
    var fields: [(name: String, value: String)] {
        var fields: [(name: String, value: String)] = [("age", Self.ageText(profile.ageMonths))]
        fields += profile.interests.map { ("interest", $0) }
        fields += profile.purposes.sorted().map { ("purpose", $0.rawValue) }
        if let max = profile.budgetMax { fields.append(("budget", Self.amountText(max))) }
        if let min = profile.budgetMin { fields.append(("budgetMin", Self.amountText(min))) }
        if let currency = profile.currency { fields.append(("currency", currency)) }
        fields += profile.excludedWords.map { ("exclude", $0) }
        fields += critique.rejectedProductIDs.sorted().map { ("not", $0) }
        fields += critique.avoidedInterests.sorted().map { ("notkind", $0) }
        fields += critique.favouredInterests.sorted().map { ("likekind", $0) }
        if let like = critique.favouredLike { fields.append(("like", like)) }
        if limit != Self.defaultLimit { fields.append(("limit", String(limit))) }
        return fields
    }

    /// `/gifts?…` for this state.
    var url: String { "/gifts?" + FormEncoding.encode(fields) }

    /// Reads the state back; unknown fields (such as `refine`) are left to the caller.
    init(fields: [(name: String, value: String)]) throws {
        func values(_ name: String) throws -> [String] {
            let found = fields.filter { $0.name == name }.map {
                $0.value.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            .filter { !$0.isEmpty }
            guard found.count <= Self.maxItems else {
                throw Invalid(message: "Too many \(name) values (at most \(Self.maxItems)).")
            }
            return found.map { String($0.prefix(Self.maxLength)) }
        }
        guard let ageText = try values("age").first else {
            throw Invalid(message: "The link has no age. Start again and tell me how old they are.")
        }
        guard let months = Self.ageMonths(ageText) else {
            throw Invalid(
                message: "The age in the link is not one I can read. Start again and tell me how old they are.")
        }
        var purposes = Set<Purpose>()
        for word in try values("purpose") {
            guard let purpose = Purpose(rawValue: word.lowercased()) ?? Purpose(word: word) else {
                throw Invalid(message: "\"\(word)\" is not a purpose: use educational, crafty, sporty or fun.")
            }
            purposes.insert(purpose)
        }
        func amount(_ name: String) throws -> Money? {
            guard let text = try values(name).first else { return nil }
            guard let value = Double(text), value.isFinite, value >= 0, value <= 1_000_000_000 else {
                throw Invalid(message: "The \(name) in the link is not an amount.")
            }
            return Money(value)
        }
        profile = RecipientProfile(
            ageMonths: months, interests: try values("interest"), purposes: purposes,
            budgetMax: try amount("budget"), budgetMin: try amount("budgetMin"),
            excludedWords: try values("exclude"))
        if let code = try values("currency").first {
            let upper = code.uppercased()
            guard ExchangeRates.isCurrencyCode(upper) else {
                throw Invalid(message: "The currency in the link is not a three-letter code such as GBP.")
            }
            profile.currency = upper
        }
        critique = Critique(
            rejectedProductIDs: Set(try values("not")), avoidedInterests: Set(try values("notkind")),
            favouredInterests: Set(try values("likekind")), favouredLike: try values("like").first)
        let limitText = try values("limit").first
        limit = min(max(Int(limitText ?? "") ?? Self.defaultLimit, 1), Self.maxLimit)
    }

    init(profile: RecipientProfile, critique: Critique, limit: Int = Self.defaultLimit) {
        self.profile = profile
        self.critique = critique
        self.limit = limit
    }

    /// "7" for whole years, "18 months" otherwise: exact either way.
    static func ageText(_ months: Int) -> String {
        months % 12 == 0 ? String(months / 12) : "\(months) months"
    }

    static func ageMonths(_ text: String) -> Int? {
        let lowered = text.lowercased()
        if lowered.hasSuffix("months") {
            guard let months = Int(lowered.dropLast("months".count).trimmingCharacters(in: .whitespaces)),
                (0...1_440).contains(months)
            else { return nil }
            return months
        }
        guard let years = Double(lowered), years.isFinite, (0...120).contains(years) else { return nil }
        return Int((years * 12 + 1e-9).rounded(.down))
    }

    /// "30" or "24.99".
    static func amountText(_ money: Money) -> String {
        money.minorUnits % 100 == 0 ? String(money.minorUnits / 100) : String(format: "%.2f", money.major)
    }
}
