/// Turns a scored candidate into a recommendation with reasons in the recipient's terms.
struct Explainer {
    let query: MatchQuery

    /// "loves dinosaurs"; when they said it differently, their word too: "loves fantasy (\"unicorns\")".
    static func phrase(for request: InterestRequest) -> String {
        guard let interest = request.interest else { return "likes \(request.said)" }
        let said = TextNormalizer.key(request.said)
        if said == TextNormalizer.key(interest.id) || said == TextNormalizer.key(interest.label) { return interest.phrase }
        return "\(interest.phrase) (\"\(request.said)\")"
    }

    func explain(_ candidate: Candidate, product: Product) -> Recommendation {
        let profile = query.profile
        var reasons: [String] = []
        var mismatches: [String] = []
        var score = candidate.score

        // Interests: the strongest hit per thing they said.
        var matchedRequests = Set<Int>()
        for hit in candidate.hits where hit.request < query.requests.count && !matchedRequests.contains(hit.request) {
            let request = query.requests[hit.request]
            switch hit.kind {
            case "exact":
                reasons.append(Self.phrase(for: request))
            case "text":
                let place = switch hit.tag {
                case "name": "it's in the name"
                case "stem": "a word like it is in the text"
                default: "it's in the description"
                }
                reasons.append(request.interest == nil ? "you mentioned \"\(request.said)\"" : Self.phrase(for: request) + " (\(place))")
            default:
                let relatedLabel = hit.tag.flatMap { query.taxonomy.interest(id: $0)?.label.lowercased() } ?? hit.tag ?? "a related interest"
                reasons.append("close to their love of \(request.interest?.label.lowercased() ?? request.said): it's about \(relatedLabel)")
            }
            matchedRequests.insert(hit.request)
        }
        if let liked = query.critique.favouredLike, candidate.hits.contains(where: { $0.kind == "like" }) {
            reasons.append("like the \(liked) you picked")
        }
        if !query.requests.isEmpty && !candidate.hits.contains(where: { $0.kind == "exact" || $0.kind == "text" }) {
            let said = query.requests.map(\.said).joined(separator: ", ")
            mismatches.append(candidate.hits.isEmpty ? "doesn't match their interests (\(said))" : "only loosely related to \(said)")
        }

        // Purpose.
        if !profile.purposes.isEmpty {
            let wanted = profile.purposes.sorted()
            if let match = wanted.first(where: product.purposes.contains) {
                reasons.append("you asked for something \(match.adjective)")
            } else {
                mismatches.append("not \(wanted.map(\.adjective).joined(separator: " or ")) (it's \(product.purposes.map(\.adjective).joined(separator: " and ")))")
            }
        }

        // Age.
        let ages = product.ages
        if let low = ages.minMonths, let high = ages.maxMonths, high - low <= 6 * 12 {
            reasons.append("made for \(ages.label)")
        } else if ages.minMonths == nil {
            reasons.append("the seller gives no age range")
        } else if profile.ageMonths < 18 * 12 || ages.minMonths ?? 0 >= 50 * 12 {
            reasons.append("suits \(profile.ageDescriptionWithArticle) (\(ages.label))")
        }

        // Budget: a limit, not a target.
        let price = product.price.formatted(currency: product.currency)
        if let budget = profile.budgetMax {
            reasons.append("\(price) of your \(budget.formatted(currency: product.currency))")
        } else {
            reasons.append(price)
        }

        // Their own history: what they loved or sent back.
        for lesson in query.history.lessons {
            let shared = Set(lesson.interests.prefix(2)).intersection(product.interests.prefix(2))
            guard !shared.isEmpty else { continue }
            if lesson.positive {
                score += 0.08
                reasons.append("they loved the \(lesson.productName) \(lesson.when)")
            } else {
                score -= 0.12
                mismatches.append("like the \(lesson.productName) they returned \(lesson.when)")
            }
        }
        return Recommendation(product: product, score: (score * 1000).rounded() / 1000, reasons: reasons,
                              mismatches: mismatches, isGoodMatch: candidate.isGood)
    }
}
