import Foundation
import Giftwise

/// Renders recommendations as readable text or the JSON of the CLI contract.
enum RecommendationPrinter {
    static func text(_ result: Recommendations, profile: RecipientProfile) -> String {
        var lines: [String] = []
        switch result.fit {
        case .good:
            let more = result.goodMatchCount > result.items.count ? " (of \(result.goodMatchCount) good matches)" : ""
            lines.append(Output.bold("Gifts for \(profile.ageDescriptionWithArticle)\(more):"))
        case .partial:
            lines.append(Output.yellow("Nothing fits everything you said. These come closest — each says what it misses:"))
        case .none:
            lines.append(Output.yellow("Nothing in the catalog fits these answers (age, budget and things to avoid are never bent)."))
        }
        if !result.unrecognisedInterests.isEmpty {
            lines.append(Output.dim("(\"\(result.unrecognisedInterests.joined(separator: "\", \""))\" matched as plain words: not in the interest list)"))
        }
        for (index, item) in result.items.enumerated() {
            let product = item.product
            lines.append("")
            lines.append("\(index + 1). " + Output.bold(product.name) + "  " + product.price.formatted(currency: product.currency) + "  "
                         + Output.dim(product.ages.label + "  [\(product.id)]"))
            lines.append("   " + Output.green("✓ ") + item.reasons.joined(separator: "; "))
            if !item.mismatches.isEmpty {
                lines.append("   " + Output.yellow("✗ ") + item.mismatches.joined(separator: "; "))
            }
            if !product.description.isEmpty {
                lines.append("   " + Output.dim(String(product.description.prefix(160)) + (product.description.count > 160 ? "…" : "")))
            }
        }
        if !result.relaxations.isEmpty {
            lines.append("")
            lines.append(result.fit == .good ? "Only a few fit. Changes that would open up more:" : "What would help:")
            for relaxation in result.relaxations {
                lines.append("  • \(relaxation.suggestion): \(relaxation.matches) gift\(relaxation.matches == 1 ? "" : "s")")
            }
        } else if result.fit != .good {
            lines.append("")
            lines.append("No single change of answers would help with this catalog.")
        }
        lines += elsewhereLines(result, profile: profile)
        return lines.joined(separator: "\n") + "\n"
    }

    /// "Nothing here fits a 30-year-old who enjoys scuba diving, under $40. Worth looking for elsewhere: …"
    static func elsewhereLines(_ result: Recommendations, profile: RecipientProfile) -> [String] {
        guard !result.elsewhereFor.isEmpty else { return [] }
        let interests = result.elsewhereFor.map(\.said)
        let listed = interests.count == 1 ? interests[0]
            : interests.dropLast().joined(separator: ", ") + " or " + interests[interests.count - 1]
        let budget = profile.budgetMax.map { ", under " + $0.formatted() } ?? ""
        var lines = ["", "Nothing here fits \(profile.ageDescriptionWithArticle) who enjoys \(listed)\(budget). Worth looking for elsewhere:"]
        for group in result.elsewhereFor {
            let closest = group.isApproximate ? " (closest we know: \(group.interestLabel.lowercased()))" : ""
            let heading = result.elsewhereFor.count > 1 || group.isApproximate ? "\(group.said)\(closest): " : ""
            lines.append("  • " + heading + group.ideas.joined(separator: "; "))
        }
        return lines
    }

    struct JSONRecommendation: Encodable {
        var id: String, name: String, price: Double, currency: String
        var ageMin: Double?, ageMax: Double?
        var interests: [String], purposes: [String], score: Double, reasons: [String], mismatches: [String]
        var url: String?

        enum CodingKeys: String, CodingKey { case id, name, price, currency, ageMin, ageMax, interests, purposes, score, reasons, mismatches, url }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(name, forKey: .name)
            try container.encode(price, forKey: .price)
            try container.encode(currency, forKey: .currency)
            try container.encode(ageMin, forKey: .ageMin)  // null when unknown
            try container.encode(ageMax, forKey: .ageMax)  // null when unbounded
            try container.encode(interests, forKey: .interests)
            try container.encode(purposes, forKey: .purposes)
            try container.encode(score, forKey: .score)
            try container.encode(reasons, forKey: .reasons)
            try container.encode(mismatches, forKey: .mismatches)
            try container.encodeIfPresent(url, forKey: .url)
        }
    }

    struct JSONRelaxation: Encodable {
        var suggestion: String
        var matches: Int
        var changes: [String: JSONValue]
    }

    enum JSONValue: Encodable {
        case number(Double), strings([String]), null
        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .number(let value): try container.encode(value)
            case .strings(let values): try container.encode(values)
            case .null: try container.encodeNil()
            }
        }
    }

    struct JSONResult: Encodable {
        var fit: String
        var goodMatches: Int
        var recommendations: [JSONRecommendation]
        var relaxations: [JSONRelaxation]
        var elsewhere: [String]
        var elsewhereFor: [JSONElsewhere]
    }

    struct JSONElsewhere: Encodable {
        var said: String, interest: String, approximate: Bool, ideas: [String]
    }

    static func json(_ result: Recommendations) throws -> String {
        let items = result.items.map { item in
            JSONRecommendation(
                id: item.product.id, name: item.product.name, price: item.product.price.major, currency: item.product.currency,
                ageMin: item.product.ages.minMonths.map { Double($0) / 12 }, ageMax: item.product.ages.maxMonths.map { Double($0) / 12 },
                interests: item.product.interests, purposes: item.product.purposes.map(\.rawValue), score: item.score,
                reasons: item.reasons, mismatches: item.mismatches, url: item.product.url)
        }
        let relaxations = result.relaxations.map { relaxation in
            var changes: [String: JSONValue] = [:]
            if let budget = relaxation.changes.budget { changes["budget"] = .number(budget.major) }
            if let purposes = relaxation.changes.purposes { changes["purposes"] = .strings(purposes.map(\.rawValue)) }
            if let interests = relaxation.changes.interests { changes["interests"] = .strings(interests) }
            if let exclude = relaxation.changes.exclude { changes["exclude"] = .strings(exclude) }
            if relaxation.changes.dropBudgetMin == true { changes["budgetMin"] = .null }  // no minimum
            return JSONRelaxation(suggestion: relaxation.suggestion, matches: relaxation.matches, changes: changes)
        }
        let elsewhereFor = result.elsewhereFor.map {
            JSONElsewhere(said: $0.said, interest: $0.interestID, approximate: $0.isApproximate, ideas: $0.ideas)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(JSONResult(fit: result.fit.rawValue, goodMatches: result.goodMatchCount, recommendations: items, relaxations: relaxations,
                                                elsewhere: result.elsewhere, elsewhereFor: elsewhereFor))
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
