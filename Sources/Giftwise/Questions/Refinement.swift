import Foundation

/// A critique of the list shown, as a person gives it after seeing gifts ("cheaper", "more like
/// #2", "not like #3", "more crafty"). Applying one changes the profile or the critique, and the
/// next recommendation re-ranks from both (critiquing, as in Chen & Pu's recommender studies).
public enum Refinement: Sendable, Equatable {
    /// Under the middle price shown, at a round amount: the cheaper half of the list stays.
    case cheaper
    /// More of the kind of the gift at this 1-based position.
    case moreLike(position: Int)
    /// Not that gift, and nothing whose main kind is the same.
    case notLike(position: Int)
    /// Not that gift.
    case notThis(position: Int)
    /// Only gifts for this purpose.
    case moreOf(Purpose)

    /// Reads what a person typed: "cheaper", "more like 2", "not like #3", "not 1", "more crafty".
    /// Returns `nil` when the text is not a refinement.
    public init?(parsing text: String) {
        let command = text.lowercased().replacingOccurrences(of: "#", with: "")
            .split(separator: " ").joined(separator: " ")
        func number(after prefix: String) -> Int? {
            guard command.hasPrefix(prefix) else { return nil }
            return Int(command.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces))
        }
        if command == "cheaper" || command == "less expensive" {
            self = .cheaper
        } else if let position = number(after: "more like ") {
            self = .moreLike(position: position)
        } else if let position = number(after: "not like ") {
            self = .notLike(position: position)
        } else if let position = number(after: "not ") {
            self = .notThis(position: position)
        } else if command.hasPrefix("more "), let purpose = Purpose(word: String(command.dropFirst(5))) {
            self = .moreOf(purpose)
        } else {
            return nil
        }
    }

    /// Applies the refinement to the answers so far, given the gifts shown (best first).
    /// - Returns: a note to show, if any ("Budget now up to $12").
    /// - Throws: ``RefinementError`` when it cannot apply (no such gift, already cheapest).
    @discardableResult
    public func apply(
        shown: [Recommendation], to profile: inout RecipientProfile, critique: inout Critique,
        taxonomy: Taxonomy
    ) throws -> String? {
        func item(_ position: Int) throws -> Recommendation {
            guard shown.indices.contains(position - 1) else { throw RefinementError.noSuchGift(shown: shown.count) }
            return shown[position - 1]
        }
        switch self {
        case .cheaper:
            // Under the middle price shown, so the cheaper half stays: under the cheapest, a
            // trial's list from £1.39 to £19.99 went to "up to £1" and one gift.
            let prices = shown.map(\.product.price).sorted()
            guard !prices.isEmpty else { throw RefinementError.nothingShown }
            guard let newMax = Self.roundAmount(below: prices[prices.count / 2]),
                newMax.minorUnits >= profile.budgetMin?.minorUnits ?? 0
            else {
                throw RefinementError.alreadyCheapest
            }
            profile.budgetMax = min(profile.budgetMax ?? newMax, newMax)
            return "Budget now up to \(newMax.formatted(currency: Self.budgetCurrency(profile, shown: shown)))."
        case .moreLike(let position):
            let picked = try item(position)
            let tags = Array(picked.product.interests.prefix(2))
            if profile.interests.isEmpty {
                // No interests yet: that kind becomes what they like, as if they had said it.
                profile.interests = tags.map { taxonomy.interest(id: $0)?.label.lowercased() ?? $0 }
            } else {
                critique.favouredInterests.formUnion(tags)
            }
            critique.favouredLike = picked.product.name
            return "More gifts like the \(picked.product.name)."
        case .notLike(let position):
            let picked = try item(position)
            critique.rejectedProductIDs.insert(picked.product.id)
            guard let kind = picked.product.interests.first else { return "Left out the \(picked.product.name)." }
            critique.avoidedInterests.insert(kind)
            let label = taxonomy.interest(id: kind)?.label.lowercased() ?? kind
            return "Left out the \(picked.product.name) and other \(label) gifts."
        case .notThis(let position):
            let picked = try item(position)
            critique.rejectedProductIDs.insert(picked.product.id)
            return "Left out the \(picked.product.name)."
        case .moreOf(let purpose):
            let before = profile.purposes
            profile.purposes = [purpose]
            if before == [purpose] { return "Already only \(purpose.adjective) gifts." }
            let was = before.isEmpty ? "any purpose" : before.sorted().map(\.adjective).joined(separator: " or ")
            return "Only \(purpose.adjective) gifts now (instead of \(was))."
        }
    }
}

extension Refinement {
    /// The currency a budget set from the gifts shown is in: the one they named, else the shop's
    /// (the gifts' own).
    static func budgetCurrency(_ profile: RecipientProfile, shown: [Recommendation]) -> String {
        profile.currency ?? shown.first?.product.currency ?? "USD"
    }

    /// The round amount just below a price: whole units under 20, then steps of 5, 10, 50, 100.
    /// `nil` when nothing positive is below it.
    static func roundAmount(below price: Money) -> Money? {
        let major = price.minorUnits / 100
        let step: Int64 =
            switch major {
            case ..<20: 1
            case ..<100: 5
            case ..<500: 10
            case ..<2_000: 50
            default: 100
            }
        // Strictly below: $25.00 → $24 (steps of 1 under 20) or $20 (steps of 5).
        let below = (price.minorUnits - 1) / 100
        let rounded = below - below % step
        return rounded > 0 ? Money(minorUnits: rounded * 100) : nil
    }
}

/// Why a refinement could not be applied.
public enum RefinementError: LocalizedError, Sendable, Equatable {
    /// The number is not one of the gifts shown.
    case noSuchGift(shown: Int)
    /// No gifts are shown, so there is nothing to compare with.
    case nothingShown
    /// The gifts are already as cheap as the answers allow.
    case alreadyCheapest

    /// The message to show.
    public var errorDescription: String? {
        switch self {
        case .noSuchGift(let shown):
            shown == 0 ? "No gifts are shown." : "Give the number of a gift shown, 1 to \(shown)."
        case .nothingShown: "There are no gifts shown to compare prices with."
        case .alreadyCheapest: "These are already as cheap as your answers allow."
        }
    }
}
