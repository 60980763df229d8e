import Foundation
import GRDB

/// Adaptive follow-ups: after the core questions, the flow looks at the current good candidates and
/// asks the question whose answer splits them best (the entropy of the split, in bits), as long as
/// the split is informative, there are more than a handful of candidates, and the answer would
/// change the top of the list.
extension QuestionFlow {
    /// A follow-up question with how well it splits the current candidates.
    struct FollowUp {
        var key: String
        var question: Question
        /// Entropy of the candidates' split over the answers, in bits.
        var gain: Double
        /// Whether some answer would change the current top five.
        var changesTop: Bool
    }

    /// A good candidate with the interests (request indexes) it strongly matches, best first.
    struct CandidateProduct {
        var product: Product
        var strongRequests: [Int]
    }

    /// The current good candidates, best first (at most `limit`), their total count, and the
    /// resolved interests.
    struct CandidateSet {
        var count: Int
        var items: [CandidateProduct]
        var requests: [InterestRequest]
    }

    /// Interest tags of gifts that are mainly used outdoors.
    static let outdoorTags: Set<String> = [
        "outdoor-play", "camping", "hiking", "cycling", "running", "swimming", "fishing", "climbing", "soccer",
        "basketball", "baseball", "racket-sports", "golf", "skateboarding", "winter-sports", "gardening",
    ]

    static func profile(of state: State) -> RecipientProfile? {
        guard let months = state.ageMonths else { return nil }
        return RecipientProfile(ageMonths: months, interests: state.interests, purposes: state.purposes,
                                budgetMax: state.budgetMax, budgetMin: state.budgetMin, excludedWords: state.excludedWords)
    }

    /// Good candidates for a state, in the matcher's order (good first, then score, then id).
    func candidates(in state: State, limit: Int = 500) throws -> CandidateSet? {
        guard let profile = Self.profile(of: state) else { return nil }
        let query = MatchQuery(profile: profile, history: .none, critique: state.steering,
                               taxonomy: catalog.taxonomy, weights: .default, semantic: catalog.semantic)
        return try catalog.database.read { db in
            let count = try query.countGood(db)
            let good = try query.candidates(db, limit: limit).filter(\.isGood)
            let items = good.map { candidate -> CandidateProduct in
                var best: [Int: Double] = [:]
                for hit in candidate.hits where hit.hit.isStrong && hit.request < query.requests.count {
                    best[hit.request] = max(best[hit.request] ?? 0, hit.weight)
                }
                let strong = best.sorted { ($0.value, -$0.key) > ($1.value, -$1.key) }.map(\.key)
                return CandidateProduct(product: candidate.product, strongRequests: strong)
            }
            return CandidateSet(count: count, items: items, requests: query.requests)
        }
    }

    /// The best follow-up to ask now, or `nil` when asking more would not help.
    func nextFollowUp(in state: State) throws -> FollowUp? {
        guard state.followUpsAsked.count < Self.maxFollowUps,
              let set = try candidates(in: state), set.count > Self.enoughCandidates, set.items.count > Self.enoughCandidates
        else { return nil }
        var best: FollowUp?
        for followUp in followUps(for: set, in: state) where !state.followUpsAsked.contains(followUp.key) {
            guard followUp.gain >= Self.minimumInformationGain, followUp.changesTop else { continue }
            if best == nil || followUp.gain > best!.gain + 1e-9 { best = followUp }
        }
        return best
    }

    /// Every follow-up that makes sense for these candidates, scored.
    func followUps(for set: CandidateSet, in state: State) -> [FollowUp] {
        var result: [FollowUp] = []
        let items = set.items

        // Which of their interests matters most?
        if set.requests.count >= 2 {
            let options = set.requests.map { QuestionOption(label: $0.interest?.label ?? $0.said, value: $0.said) }
            let question = Question(
                id: .followUp("focus"), prompt: "Which of their interests matters most for this gift?", kind: .multipleChoice,
                options: options, canSkip: true,
                help: "Pick one or more (\"1\", \"1,2\"); I'll look only at gifts for those. Skip to keep them all.")
            result.append(score(key: "focus", question: question, items: items,
                                bucket: { $0.strongRequests.first.map { set.requests[$0].said } ?? "other" },
                                compatible: { item, value in
                                    item.strongRequests.contains { set.requests[$0].said == value }
                                }))
        }

        // Making things or playing? Only where it narrows the purpose.
        if state.purposes.isEmpty || state.purposes.isSuperset(of: [.crafty, .fun]) {
            let question = Question(
                id: .followUp("making"), prompt: "Making things or playing?", kind: .singleChoice,
                options: [QuestionOption(label: "making things", value: Purpose.crafty.rawValue),
                          QuestionOption(label: "playing", value: Purpose.fun.rawValue),
                          QuestionOption(label: "a bit of both", value: "both")],
                canSkip: true,
                help: "Something to make (crafts, building, art) or something to play with. Skip if either is fine.")
            result.append(score(key: "making", question: question, items: items,
                                bucket: { item in
                                    let crafty = item.product.purposes.contains(.crafty), fun = item.product.purposes.contains(.fun)
                                    return crafty && fun ? "both" : crafty ? "crafty" : fun ? "fun" : "other"
                                },
                                compatible: { item, value in
                                    switch value {
                                    case Purpose.crafty.rawValue: item.product.purposes.contains(.crafty)
                                    case Purpose.fun.rawValue: item.product.purposes.contains(.fun)
                                    default: item.product.purposes.contains(.crafty) || item.product.purposes.contains(.fun)
                                    }
                                }))
        }

        // Indoors or outdoors?
        let question = Question(
            id: .followUp("setting"), prompt: "Indoors or outdoors?", kind: .singleChoice,
            options: [QuestionOption(label: "outdoors", value: "outdoors"), QuestionOption(label: "indoors", value: "indoors")],
            canSkip: true,
            help: "Outdoors favours gifts for being outside (sport, camping, garden); indoors leaves those out. Skip if either is fine.")
        let setting: (CandidateProduct) -> String = { Self.outdoorTags.contains($0.product.interests.first ?? "") ? "outdoors" : "indoors" }
        result.append(score(key: "setting", question: question, items: items, bucket: setting,
                            compatible: { item, value in setting(item) == value }))

        // A theme: the interest tags that split the candidates best.
        if let theme = themeQuestion(for: set) {
            let tags = theme.options.map(\.value)
            result.append(score(key: "theme", question: theme, items: items,
                                bucket: { item in tags.first(where: item.product.interests.contains) ?? "other" },
                                compatible: { item, value in item.product.interests.contains(value) }))
        }
        return result
    }

    /// "Any of these themes?" built from the most frequent tags among the candidates that are
    /// neither their stated interests nor on nearly every candidate.
    func themeQuestion(for set: CandidateSet) -> Question? {
        let stated = Set(set.requests.map { $0.interest?.id ?? $0.freeTag ?? "" })
        var counts: [String: Int] = [:]
        for item in set.items {
            for tag in Set(item.product.interests) where !stated.contains(tag) { counts[tag, default: 0] += 1 }
        }
        let n = set.items.count
        let floor = max(2, n / 10)
        let tags = counts.filter { $0.value >= floor && Double($0.value) <= 0.6 * Double(n) }
            .sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            .prefix(4).map(\.key)
        guard tags.count >= 2 else { return nil }
        let options = tags.map { QuestionOption(label: catalog.taxonomy.interest(id: $0)?.label.lowercased() ?? $0, value: $0) }
        return Question(id: .followUp("theme"), prompt: "Would any of these themes suit them?", kind: .singleChoice,
                        options: options, canSkip: true,
                        help: "Gifts with that theme move to the top of the list. Skip if none of them.")
    }

    /// Scores a follow-up: the entropy of its split, and whether an answer changes the top five.
    func score(key: String, question: Question, items: [CandidateProduct], bucket: (CandidateProduct) -> String,
               compatible: (CandidateProduct, String) -> Bool) -> FollowUp {
        var counts: [String: Int] = [:]
        for item in items { counts[bucket(item), default: 0] += 1 }
        let total = Double(items.count)
        let entropy = counts.values.reduce(0.0) { sum, count in
            let p = Double(count) / total
            return p > 0 ? sum - p * log2(p) : sum
        }
        let top = items.prefix(Self.enoughCandidates).map(\.product.id)
        let changesTop = question.options.contains { option in
            var narrowed: [String] = []
            for item in items where compatible(item, option.value) {
                narrowed.append(item.product.id)
                if narrowed.count == Self.enoughCandidates { break }
            }
            return !narrowed.isEmpty && narrowed != top
        }
        return FollowUp(key: key, question: question, gain: items.isEmpty ? 0 : entropy, changesTop: changesTop)
    }

    /// Applies a follow-up answer to the state: it narrows interests or purposes, or steers.
    func applyFollowUp(key: String, text: String, question: Question, state next: inout State) throws {
        let values = try Self.choices(text, for: question, multiple: question.kind == .multipleChoice)
        switch key {
        case "focus":
            let chosen = Set(values)
            let kept = next.interests.filter { chosen.contains($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if !kept.isEmpty { next.interests = kept }
        case "making":
            switch values.first {
            case Purpose.crafty.rawValue:
                if next.purposes.isEmpty { next.purposes = [.crafty] } else { next.purposes.remove(.fun) }
            case Purpose.fun.rawValue:
                if next.purposes.isEmpty { next.purposes = [.fun] } else { next.purposes.remove(.crafty) }
            default:
                if next.purposes.isEmpty { next.purposes = [.crafty, .fun] }
            }
        case "setting":
            if values.first == "indoors" {
                next.steering.avoidedInterests.formUnion(Self.outdoorTags)
            } else {
                favour(Self.outdoorTags.filter { catalog.taxonomy.interest(id: $0) != nil }.sorted(), state: &next)
            }
        case "theme":
            favour(values, state: &next)
        default:
            break
        }
    }

    /// Moves gifts with these tags up. With no interests given they become the interests (which
    /// narrows "anything" to them); otherwise they are favoured without dropping the others.
    func favour(_ tags: [String], state next: inout State) {
        if next.interests.isEmpty {
            next.interests = tags.map { catalog.taxonomy.interest(id: $0)?.label.lowercased() ?? $0 }
        } else {
            next.steering.favouredInterests.formUnion(tags)
        }
    }
}
