import GRDB

/// What the question flow needs to choose its next question: the good candidates, best first,
/// with which of the recipient's interests each one strongly matches.
package struct CandidateSurvey {
    /// A good candidate and the interests (indexes into `interests`) it strongly matches, best first.
    package struct Item {
        package var product: Product
        package var strongInterests: [Int]
    }

    /// How many good matches there are in all.
    package var count: Int
    /// The best good candidates (at most the limit asked for).
    package var items: [Item]
    /// The interests as resolved: what they said and the taxonomy interest, if any, and how a
    /// question names it: the interest's label when it is what they said ("dinos" → Dinosaurs),
    /// their own words when they asked for something inside it ("unicorns", not Fantasy & Magic
    /// Worlds).
    package var interests: [(said: String, interest: Interest?, tag: String?, label: String)]
    /// The shop's own labels of the candidates' tags the taxonomy does not hold, as the shop
    /// writes them ("The Clone Wars" for the tag "the clone war").
    package var shopLabels: [String: String] = [:]
}

extension Matcher {
    /// Surveys the good candidates for a profile and a critique, inside a read the caller holds.
    package func survey(
        _ db: Database, for profile: RecipientProfile, critique: Critique, limit: Int,
        memo: MatchMemo = MatchMemo()
    ) throws -> CandidateSurvey {
        let query = try MatchQuery(
            profile: profile, history: .none, critique: critique, taxonomy: catalog.taxonomy,
            weights: weights, semantic: semantic, memo: memo, db: db)
        let count = try query.countGood(db)
        let good = try query.candidates(db, limit: limit, goodOnly: true)
        let items = good.map { candidate -> CandidateSurvey.Item in
            var best: [Int: Double] = [:]
            for hit in candidate.hits where hit.hit.isStrong && hit.request < query.requests.count {
                best[hit.request] = max(best[hit.request] ?? 0, hit.weight)
            }
            let strong = best.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }.map(\.key)
            return CandidateSurvey.Item(product: candidate.product, strongInterests: strong)
        }
        let free = Set(items.flatMap(\.product.interests)).filter { catalog.taxonomy.interest(id: $0) == nil }
        let shopLabels = try CatalogDatabase.freeTagLabels(db, ids: free.sorted())
        var survey = CandidateSurvey(
            count: count, items: items,
            interests: query.requests.map { request in
                let label =
                    request.specificity == .same ? request.interest?.label : nil
                return (
                    request.said, request.interest, request.interest?.id ?? request.freeTag,
                    label ?? request.said.prefix(1).uppercased() + request.said.dropFirst()
                )
            })
        survey.shopLabels = shopLabels
        return survey
    }
}
