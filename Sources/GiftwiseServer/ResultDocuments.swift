import Foundation
import Giftwise

// Until the library carries the `recommend --format json` document (issue 11, RecommendationDocument),
// this is the CLI's encoder, kept byte for byte (the server test compares against the real binary).
enum ResultDocuments {
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
            try container.encode(ageMin, forKey: .ageMin)
            try container.encode(ageMax, forKey: .ageMax)
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
        var changes: [String: ChangeValue]
    }

    enum ChangeValue: Encodable {
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
    }

    static func document(_ result: Recommendations) -> JSONResult {
        let items = result.items.map { item in
            JSONRecommendation(
                id: item.product.id, name: item.product.name, price: item.product.price.major, currency: item.product.currency,
                ageMin: item.product.ages.minMonths.map { Double($0) / 12 }, ageMax: item.product.ages.maxMonths.map { Double($0) / 12 },
                interests: item.product.interests, purposes: item.product.purposes.map(\.rawValue), score: item.score,
                reasons: item.reasons, mismatches: item.mismatches, url: item.product.url)
        }
        let relaxations = result.relaxations.map { relaxation in
            var changes: [String: ChangeValue] = [:]
            if let budget = relaxation.changes.budget { changes["budget"] = .number(budget.major) }
            if let purposes = relaxation.changes.purposes { changes["purposes"] = .strings(purposes.map(\.rawValue)) }
            if let interests = relaxation.changes.interests { changes["interests"] = .strings(interests) }
            if let exclude = relaxation.changes.exclude { changes["exclude"] = .strings(exclude) }
            if relaxation.changes.dropBudgetMin == true { changes["budgetMin"] = .null }
            return JSONRelaxation(suggestion: relaxation.suggestion, matches: relaxation.matches, changes: changes)
        }
        return JSONResult(fit: result.fit.rawValue, goodMatches: result.goodMatchCount, recommendations: items, relaxations: relaxations)
    }

    /// Exactly the bytes `giftwise recommend --format json` prints.
    static func recommendationsJSON(_ result: Recommendations) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(document(result)) + Data("\n".utf8)
    }

    /// Exactly the bytes `giftwise catalog import --report json` prints.
    static func importReportJSON(_ report: ImportReport) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(report) + Data("\n".utf8)
    }

    /// Exactly the bytes `giftwise catalog stats --format json` prints.
    static func statsJSON(_ stats: CatalogStats) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(stats) + Data("\n".utf8)
    }
}
