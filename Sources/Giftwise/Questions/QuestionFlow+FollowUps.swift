import Foundation
import GRDB

/// Adaptive follow-ups: after the core questions, the flow looks at the current good candidates and
/// asks the question whose answer splits them best (the entropy of the split, in bits), as long as
/// the split is informative, there are more than a handful of candidates, and the answer would
/// change the top of the list.
extension QuestionFlow {
    /// A follow-up question with how well it splits the current candidates.
    struct FollowUp {
        var key: FollowUpKey
        var question: Question
        /// Entropy of the candidates' split over the answers, in bits.
        var gain: Double
        /// Whether some answer would change the current top five.
        var changesTop: Bool
    }

    typealias CandidateProduct = CandidateSurvey.Item
    typealias CandidateSet = CandidateSurvey

    /// Interest tags of gifts that are mainly used outdoors.
    static let outdoorTags: Set<String> = [
        "outdoor-play", "camping", "hiking", "cycling", "running", "swimming", "fishing", "climbing", "soccer",
        "basketball", "baseball", "racket-sports", "golf", "skateboarding", "winter-sports", "gardening",
    ]

    /// Good candidates for a state, from the matcher, in its order (score, then id).
    func candidates(in state: State, _ reader: CatalogReader, limit: Int = 500) throws -> CandidateSet? {
        guard let profile = Self.profile(of: state) else { return nil }
        return try reader.read { db in
            try Matcher(catalog: reader.catalog).survey(
                db, for: profile, critique: state.steering, limit: limit, memo: reader.memo ?? MatchMemo())
        }
    }

    /// The best follow-up to ask now, or `nil` when asking more would not help.
    ///
    /// The most informative split is tried first; it is asked with only the answers that would
    /// really change the list (fewer gifts, or a different top five), checked with the matcher.
    func nextFollowUp(in state: State, _ reader: CatalogReader) throws -> FollowUp? {
        guard state.followUpsAsked.count < Self.maxFollowUps,
            let set = try candidates(in: state, reader), set.count > Self.enoughCandidates,
            set.items.count > Self.enoughCandidates,
            let profile = Self.profile(of: state)
        else { return nil }
        let eligible = followUps(for: set, in: state, taxonomy: reader.taxonomy)
            .filter {
                !state.followUpsAsked.contains($0.key) && $0.gain >= Self.minimumInformationGain && $0.changesTop
            }
            .enumerated().sorted { ($0.element.gain, -$0.offset) > ($1.element.gain, -$1.offset) }.map(\.element)
        guard !eligible.isEmpty else { return nil }
        // Only the lists' ids and counts are compared: nothing is explained.
        let before = try reader.topProductIDs(for: profile, limit: Self.enoughCandidates, critique: state.steering)
        let beforeTop = before.ids
        for var followUp in eligible {
            var effective: [QuestionOption] = []
            for option in followUp.question.options {
                var trial = state
                trial.notes = []
                try applyFollowUp(
                    key: followUp.key, text: option.value, question: followUp.question, state: &trial,
                    taxonomy: reader.taxonomy)
                guard let trialProfile = Self.profile(of: trial) else { continue }
                // Fewer gifts: the list need not be made (the count is the list's own, shared).
                if try reader.goodMatchCount(for: trialProfile, critique: trial.steering) < before.goodMatchCount {
                    effective.append(option)
                    continue
                }
                let after = try reader.topProductIDs(
                    for: trialProfile, limit: Self.enoughCandidates, critique: trial.steering)
                if after.goodMatchCount < before.goodMatchCount || after.ids != beforeTop {
                    effective.append(option)
                }
            }
            guard effective.count >= 2 else { continue }
            followUp.question.options = effective
            return followUp
        }
        return nil
    }

    /// Every follow-up that makes sense for these candidates, scored.
    func followUps(for set: CandidateSet, in state: State, taxonomy: Taxonomy) -> [FollowUp] {
        var result: [FollowUp] = []
        let items = set.items

        // Which of their interests matters most?
        if set.interests.count >= 2 {
            let options = set.interests.map { QuestionOption(label: $0.label, value: $0.said) }
            let question = Question(
                id: .followUp(.focus), prompt: "Which of their interests matters most for this gift?",
                kind: .multipleChoice,
                options: options, canSkip: true,
                help: "Pick one or more (\"1\", \"1,2\"); I'll look only at gifts for those. Skip to keep them all.")
            result.append(
                score(
                    key: .focus, question: question, items: items,
                    bucket: { $0.strongInterests.first.map { set.interests[$0].said } ?? "other" },
                    compatible: { item, value in
                        item.strongInterests.contains { set.interests[$0].said == value }
                    }))
        }

        // Making things or playing? Only where it narrows the purpose.
        if state.purposes.isEmpty || state.purposes.isSuperset(of: [.crafty, .fun]) {
            let question = Question(
                id: .followUp(.making), prompt: "Making things or playing?", kind: .singleChoice,
                options: [
                    QuestionOption(label: "making things", value: Purpose.crafty.rawValue),
                    QuestionOption(label: "playing", value: Purpose.fun.rawValue),
                    QuestionOption(label: "a bit of both", value: "both"),
                ],
                canSkip: true,
                help:
                    "Something to make (crafts, building, art) or something to play with; those move to the top of the list, nothing is left out. Skip if either is fine."
            )
            result.append(
                score(
                    key: .making, question: question, items: items,
                    bucket: { item in
                        let crafty = item.product.purposes.contains(.crafty)
                        let fun = item.product.purposes.contains(.fun)
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
            id: .followUp(.setting), prompt: "Indoors or outdoors?", kind: .singleChoice,
            options: [
                QuestionOption(label: "outdoors", value: "outdoors"),
                QuestionOption(label: "indoors", value: "indoors"),
            ],
            canSkip: true,
            help:
                "Outdoors puts gifts for being outside (sport, camping, garden) first; indoors leaves those out, except for the interests they named. Skip if either is fine."
        )
        let setting: (CandidateProduct) -> String = {
            Self.outdoorTags.contains($0.product.interests.first ?? "") ? "outdoors" : "indoors"
        }
        result.append(
            score(
                key: .setting, question: question, items: items, bucket: setting,
                compatible: { item, value in setting(item) == value }))

        // A theme: the interest tags that split the candidates best.
        if let theme = themeQuestion(for: set, taxonomy: taxonomy) {
            let tags = theme.options.map(\.value)
            result.append(
                score(
                    key: .theme, question: theme, items: items,
                    bucket: { item in tags.first(where: item.product.interests.contains) ?? "other" },
                    compatible: { item, value in item.product.interests.contains(value) }))
        }
        return result
    }

    /// "Any of these themes?" built from the most frequent tags among the candidates that are
    /// neither their stated interests nor on nearly every candidate. For several wishes, among
    /// the candidates that meet the most of them, when there are enough of those: themes of the
    /// trains that are building sets for "trains and building things", not of every building set
    /// (a trial was offered "Bricks and More" and "The LEGO Batman Movie").
    func themeQuestion(for set: CandidateSet, taxonomy: Taxonomy) -> Question? {
        // Their interests' tags, and the words of the labels they named ("ninjago" of "ninjago dragons").
        let stated = Set(set.interests.compactMap(\.tag))
            .union(set.interests.flatMap { TextNormalizer.tokens($0.said) })
        let reach = set.items.map { Set($0.strongInterests).count }
        let most = reach.max() ?? 0
        let meetingMost = zip(set.items, reach).filter { $0.1 == most }.map(\.0)
        let counted = most > 1 && meetingMost.count >= Self.enoughForThemes ? meetingMost : set.items
        var counts: [String: Int] = [:]
        for item in counted {
            for tag in Set(item.product.interests) where !stated.contains(tag) { counts[tag, default: 0] += 1 }
        }
        // Read once a tag, not once a product.
        for tag in counts.keys where Self.isFilingTag(tag, taxonomy) { counts[tag] = nil }
        let n = counted.count
        let floor = max(2, n / 10)
        let tags = counts.filter { $0.value >= floor && Double($0.value) <= 0.6 * Double(n) }
            .sorted { ($0.value, $1.key) > ($1.value, $0.key) }
            .prefix(4).map(\.key)
        guard tags.count >= 2 else { return nil }
        let options = tags.map { tag in
            QuestionOption(
                label: taxonomy.interest(id: tag)?.label.lowercased() ?? set.shopLabels[tag] ?? tag, value: tag)
        }
        return Question(
            id: .followUp(.theme), prompt: "Would any of these themes suit them?", kind: .singleChoice,
            options: options, canSkip: true,
            help: "Gifts with that theme move to the top of the list. Skip if none of them.")
    }

    /// The fewest candidates meeting several wishes whose themes are worth asking about.
    static let enoughForThemes = 10

    /// Whether a tag of the shop's own (not the taxonomy's) files gifts by how they are sold, not
    /// what they are about: "Licensed", "Gear", "Storage", "9V", "Key Chains/Ninjago". A trial was
    /// offered each as a theme.
    static func isFilingTag(_ tag: String, _ taxonomy: Taxonomy) -> Bool {
        guard taxonomy.interest(id: tag) == nil else { return false }
        if tag.contains(where: \.isNumber) { return true }
        let words = TextNormalizer.tokens(tag)
        return words.contains { filingWords.contains($0) || ThemedAccessories.words.contains($0) }
    }

    /// Folded words of a shop's filing that say how a thing is sold, not what it is about.
    static let filingWords: Set<String> = [
        "licensed", "seasonal", "miscellaneous", "misc", "promotional", "supplementary",
        "accessory", "gear", "storage", "collectable", "collectible", "basic", "other", "various",
        "general", "assorted", "bulk", "service", "pack", "part", "spare", "magnet", "key", "book", "clothing",
        "stationery", "merchandise", "promo", "exclusive", "polybag", "bag",
    ]

    /// Scores a follow-up: the entropy of its split, and whether an answer changes the top five.
    func score(
        key: FollowUpKey, question: Question, items: [CandidateProduct], bucket: (CandidateProduct) -> String,
        compatible: (CandidateProduct, String) -> Bool
    ) -> FollowUp {
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

    /// Applies a follow-up answer to the state. A follow-up steers the ranking; it never drops one
    /// of their interests or turns into a wish they did not express, unless they pick that
    /// themselves (focus), and a note says what it did.
    func applyFollowUp(key: FollowUpKey, text: String, question: Question, state next: inout State, taxonomy: Taxonomy)
        throws
    {
        let values = try AnswerParser.choices(text, for: question, multiple: question.kind == .multipleChoice)
        switch key {
        case .focus:
            let chosen = Set(values)
            let kept = next.interests.filter { chosen.contains($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            let setAside = next.interests.filter { !kept.contains($0) }
            if !kept.isEmpty, !setAside.isEmpty {
                next.interests = kept
                next.notes.append(
                    "Looking at gifts for \(kept.joined(separator: ", ")) only (set aside: \(setAside.joined(separator: ", ")))."
                )
            }
        case .making:
            let purpose: Purpose? =
                switch values.first {
                case Purpose.crafty.rawValue: .crafty
                case Purpose.fun.rawValue: .fun
                default: nil
                }
            guard let purpose else { return }  // "a bit of both": either is fine, nothing changes
            if next.purposes.isEmpty {
                next.steering.favouredPurposes = [purpose]
                next.notes.append(
                    purpose == .crafty
                        ? "Gifts for making things come first; nothing is left out."
                        : "Gifts for playing come first; nothing is left out.")
            } else if next.purposes.contains(purpose) {
                // They asked for both crafty and fun: keep the one they now pick.
                let dropped = next.purposes.subtracting([purpose, .educational, .sporty])
                next.purposes.subtract(dropped)
                if !dropped.isEmpty {
                    next.notes.append(
                        "Only \(purpose.adjective) gifts now (not \(dropped.sorted().map(\.adjective).joined(separator: " or ")))."
                    )
                }
            }
        case .setting:
            let theirs = Set(next.interests.compactMap { taxonomy.resolve($0)?.id })
            if values.first == "indoors" {
                let avoided = Self.outdoorTags.subtracting(theirs)
                next.steering.avoidedInterests.formUnion(avoided)
                let kept = Self.outdoorTags.intersection(theirs).sorted().map {
                    taxonomy.interest(id: $0)?.label.lowercased() ?? $0
                }
                next.notes.append(
                    "Leaving out gifts mainly for outdoors"
                        + (kept.isEmpty ? "." : " (not \(kept.joined(separator: ", ")): they enjoy it)."))
            } else {
                next.steering.favouredInterests.formUnion(Self.outdoorTags.filter { taxonomy.interest(id: $0) != nil })
                next.notes.append("Gifts for being outdoors come first.")
            }
        case .theme:
            next.steering.favouredInterests.formUnion(values)
            let labels = values.map { taxonomy.interest(id: $0)?.label.lowercased() ?? $0 }
            next.notes.append("Gifts about \(labels.joined(separator: ", ")) come first.")
        }
    }
}
