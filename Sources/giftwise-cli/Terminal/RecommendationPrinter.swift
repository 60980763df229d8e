import Foundation
import Giftwise

/// Renders recommendations as readable text or the JSON of the CLI contract.
enum RecommendationPrinter {
    /// The list as text.
    /// - Parameters:
    ///   - name: the saved recipient's name, for the header ("Gifts for Maya (7)").
    ///   - canPickRelaxations: whether `try N` applies a suggested change (the ask command).
    static func text(
        _ result: Recommendations, profile: RecipientProfile, name: String? = nil,
        canPickRelaxations: Bool = false
    ) -> String {
        var lines: [String] = []
        switch result.fit {
        case .good:
            let more =
                result.goodMatchCount > result.items.count
                ? " (of \(GiftCount.phrase(result.goodMatchCount, "good match", "good matches")))" : ""
            let whom =
                name.map { "\($0) (\(profile.ageMonths < 24 ? "\(profile.ageMonths) months" : "\(profile.ageYears)"))" }
                ?? profile.ageDescriptionWithArticle
            lines.append(Output.bold("Gifts for \(whom)\(more):"))
        case .partial where result.items.isEmpty:
            lines.append(
                Output.yellow(
                    "Nothing in the catalog is about what they enjoy within these answers, so nothing is listed."))
        case .partial:
            lines.append(
                Output.yellow("Nothing fits everything you said. These come closest — each says what it misses:"))
        case .none:
            lines.append(
                Output.yellow(
                    "Nothing in the catalog fits these answers (age, budget and things to avoid are never bent)."))
        }
        for note in result.notes { lines.append(Output.dim("(" + note + ")")) }
        if !result.unrecognisedInterests.isEmpty {
            lines.append(
                Output.dim(
                    "(\"\(result.unrecognisedInterests.joined(separator: "\", \""))\" matched as plain words: not in the interest list)"
                ))
        }
        for (index, item) in result.items.enumerated() {
            let product = item.product
            lines.append("")
            lines.append(
                "\(index + 1). " + Output.bold(product.name) + "  "
                    + product.price.formatted(currency: product.currency) + "  "
                    + Output.dim(product.ages.label + "  [\(product.id)]"))
            lines.append("   " + Output.green("✓ ") + item.reasons.joined(separator: "; "))
            if !item.mismatches.isEmpty {
                lines.append("   " + Output.yellow("✗ ") + item.mismatches.joined(separator: "; "))
            }
            let description = product.descriptionBeyondName
            if !description.isEmpty {
                lines.append(
                    "   " + Output.dim(String(description.prefix(160)) + (description.count > 160 ? "…" : "")))
            }
        }
        if !result.relaxations.isEmpty {
            lines.append("")
            let pick = canPickRelaxations ? " (type `try 1` to apply the first)" : ""
            lines.append(
                (result.fit == .good ? "Only a few fit. Changes that would open up more" : "What would help") + pick
                    + ":")
            for (index, relaxation) in result.relaxations.enumerated() {
                lines.append(
                    "  \(index + 1). \(relaxation.suggestion): \(GiftCount.phrase(relaxation.matches))"
                )
            }
        } else if result.fit != .good {
            lines.append("")
            lines.append("No single change of answers would help with this catalog.")
        }
        lines += elsewhereLines(result, profile: profile)
        return lines.joined(separator: "\n") + "\n"
    }

    /// "Nothing here fits a 30-year-old who enjoys scuba diving, under $40. Worth looking for elsewhere:"
    /// and the ideas, one a line (grouped by interest when there are several).
    static func elsewhereLines(_ result: Recommendations, profile: RecipientProfile) -> [String] {
        let groups = result.elsewhereFor
        guard !groups.isEmpty else { return [] }
        let said = groups.map(\.said)
        let listed = said.count == 1 ? said[0] : said.dropLast().joined(separator: ", ") + " or " + said[said.count - 1]
        let budget =
            profile.budgetMax.map { ", under " + $0.formatted(currency: result.budgetCurrency ?? "USD") } ?? ""
        func closest(_ group: ElsewhereIdeas) -> String {
            group.isApproximate ? " (closest we know: \(group.interestLabel.lowercased()))" : ""
        }
        let intro =
            "Nothing here fits \(profile.ageDescriptionWithArticle) who enjoys \(listed)\(budget). Worth looking for elsewhere"
        guard groups.count > 1 else {
            return ["", intro + closest(groups[0]) + ":"] + groups[0].ideas.map { "  • " + $0 }
        }
        var lines = ["", intro + ":"]
        for group in groups {
            lines.append("  for \(group.said)\(closest(group)):")
            lines += group.ideas.map { "    • " + $0 }
        }
        return lines
    }

    static func json(_ result: Recommendations) throws -> String {
        try GiftwiseJSON.text(RecommendationDocument(result))
    }
}
