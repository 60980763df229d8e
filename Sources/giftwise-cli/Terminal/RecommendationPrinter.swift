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
        return lines.joined(separator: "\n") + "\n"
    }

    static func json(_ result: Recommendations) throws -> String {
        try GiftwiseJSON.text(RecommendationDocument(result))
    }
}
