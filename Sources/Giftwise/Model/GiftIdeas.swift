import Foundation

/// A gift idea to look for outside the catalog ("a dive logbook"): a kind of gift, not a product
/// or a brand, with the ages it suits.
public struct GiftIdea: Hashable, Sendable, Codable {
    /// The idea as shown, lower-case and with its article: "a dive logbook".
    public var idea: String
    /// Youngest age in years it suits; `nil` in the file means 3 (as for products, an idea with
    /// no stated minimum is never shown to an under-3).
    public var ageMin: Double?
    /// Oldest age in years it suits (a 9 covers 9 years and 11 months); `nil`: no limit.
    public var ageMax: Double?

    /// Creates an idea.
    public init(idea: String, ageMin: Double? = nil, ageMax: Double? = nil) {
        self.idea = idea
        self.ageMin = ageMin
        self.ageMax = ageMax
    }

    /// The range as a product label reads it (a maximum of 9 covers 9 years and 11 months).
    public var ages: AgeRange {
        AgeRange(minMonths: ageMin.map { Int(($0 * 12).rounded()) }, maxMonths: ageMax.map { Int(($0 * 12).rounded()) })
    }

    /// Whether it suits someone of this age: the same strict rule as a product's age range.
    public func suits(ageMonths: Int) -> Bool { ages.admits(ageMonths: ageMonths) }

    /// How many years the range spans: narrower is more targeted. Open ranges ("13 and up") are
    /// all alike and come after every bounded one, in file order (an adult's "18 and up" is not more
    /// for them than "13 and up").
    var span: Double { ageMax.map { $0 + 1 - (ageMin ?? 3) } ?? .infinity }
}

/// Gift ideas per interest id: what to look for elsewhere when the catalog has nothing that fits.
///
/// The bundled set comes from `catalog/ideas.json`; a shop stores its own file in a catalog with
/// ``GiftCatalog/importGiftIdeas(data:)``, and an app can set any set on ``GiftCatalog/giftIdeas``.
public struct GiftIdeas: Sendable, Equatable {
    /// Ideas by interest id, in file order.
    public let byInterest: [String: [GiftIdea]]

    /// Creates a set of ideas.
    public init(byInterest: [String: [GiftIdea]]) {
        self.byInterest = byInterest
    }

    /// No ideas at all: nothing is ever suggested elsewhere.
    public static let none = GiftIdeas(byInterest: [:])

    /// The ideas compiled in from `catalog/ideas.json`.
    public static var bundled: GiftIdeas { DefaultCatalog.giftIdeas }

    /// Reads an ideas file: a JSON object keyed by interest id, each an array of
    /// `{"idea": "…", "ageMin": 6, "ageMax": 12}`.
    /// - Parameters:
    ///   - jsonData: the file's bytes.
    ///   - taxonomy: when given, every key must be one of its interest ids.
    /// - Throws: ``GiftwiseError/invalidGiftIdeas(_:)`` listing every problem found.
    public init(jsonData: Data, taxonomy: Taxonomy? = nil) throws {
        let decoded: [String: [GiftIdea]]
        do {
            decoded = try JSONDecoder().decode([String: [GiftIdea]].self, from: jsonData)
        } catch {
            throw GiftwiseError.invalidGiftIdeas([
                "not a JSON object of interest ids to arrays of {\"idea\", \"ageMin\", \"ageMax\"}"
            ])
        }
        var problems: [String] = []
        for (interest, ideas) in decoded.sorted(by: { $0.key < $1.key }) {
            if let taxonomy, taxonomy.interest(id: interest) == nil {
                problems.append("\"\(interest)\" is not an interest id of the taxonomy")
            }
            for (index, idea) in ideas.enumerated() {
                let place = "\(interest)[\(index)]"
                if idea.idea.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    problems.append("\(place): the idea is empty")
                }
                for age in [idea.ageMin, idea.ageMax].compactMap({ $0 }) where !(0...120).contains(age) {
                    problems.append("\(place): age \(age) is outside 0…120")
                }
                if let low = idea.ageMin, let high = idea.ageMax, low > high {
                    problems.append("\(place): ageMin \(low) is above ageMax \(high)")
                }
            }
        }
        guard problems.isEmpty else { throw GiftwiseError.invalidGiftIdeas(problems) }
        self.init(byInterest: decoded)
    }

    /// These ideas with `other`'s replacing them for every interest `other` names.
    public func overridden(by other: GiftIdeas) -> GiftIdeas {
        GiftIdeas(byInterest: byInterest.merging(other.byInterest) { _, replacement in replacement })
    }

    /// The ideas as a file laid out like `catalog/ideas.json`: one idea a line, interests in
    /// `interestOrder` (the taxonomy's order) and then alphabetically.
    public func jsonData(interestOrder: [String] = []) -> Data {
        let rank = Dictionary(
            interestOrder.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let ids = byInterest.keys.sorted { (rank[$0] ?? Int.max, $0) < (rank[$1] ?? Int.max, $1) }
        func number(_ value: Double) -> String {
            value == value.rounded() && abs(value) < 1e9 ? String(Int(value)) : String(value)
        }
        let interests = ids.map { id in
            let lines = (byInterest[id] ?? []).map { idea in
                var fields = ["\"idea\": " + GiftCatalog.jsonString(idea.idea)]
                if let low = idea.ageMin { fields.append("\"ageMin\": " + number(low)) }
                if let high = idea.ageMax { fields.append("\"ageMax\": " + number(high)) }
                return "    {" + fields.joined(separator: ", ") + "}"
            }
            let body = lines.isEmpty ? "[]" : "[\n" + lines.joined(separator: ",\n") + "\n  ]"
            return "  " + GiftCatalog.jsonString(id) + ": " + body
        }
        return Data(("{\n" + interests.joined(separator: ",\n") + "\n}\n").utf8)
    }

    /// The ideas for an interest that suit this age: those with an upper age first, narrowest
    /// range first, then the open-ended ones; file order breaks ties.
    public func ideas(for interestID: String, ageMonths: Int) -> [GiftIdea] {
        let suitable = (byInterest[interestID] ?? []).enumerated().filter { $0.element.suits(ageMonths: ageMonths) }
        return suitable.sorted { ($0.element.span, $0.offset) < ($1.element.span, $1.offset) }.map(\.element)
    }
}
