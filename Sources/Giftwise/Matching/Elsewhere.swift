/// Points elsewhere when the catalog is not the answer: gift ideas (not products) for the
/// recipient's interests, to look for outside this catalog.
///
/// Shown only when `fit` is `partial` or `none`: then no gift here matches any of their interests
/// with the answers they gave, so every change that would find one here either bends another
/// answer or gives up (or broadens) an interest, and the ideas are the way to keep it. Never when
/// `fit` is `good`: the catalog is the answer.
///
/// An interest is resolved through the taxonomy. When what they said is only *inside* a known
/// interest's words ("cave diving" holds "diving") the ideas are marked as an approximation
/// ("closest we know: …"). Words the taxonomy does not know at all go to the semantic signal:
/// the interest clearly nearest in meaning ("cricket" → baseball) stands in, also marked as an
/// approximation; when none is clearly nearest, nothing is said rather than a guess.
/// Ideas are filtered strictly by age, with the same rule as a product's age range.
struct Elsewhere {
    let ideas: GiftIdeas
    let taxonomy: Taxonomy
    /// The interest closest in meaning to words the taxonomy does not know, if any is close
    /// enough; its ideas are then marked as an approximation.
    let nearestByMeaning: ((String) -> Interest?)?
    /// At most this many ideas for one interest, and in all.
    static let perInterest = 3
    static let total = 6

    init(ideas: GiftIdeas, taxonomy: Taxonomy, nearestByMeaning: ((String) -> Interest?)? = nil) {
        self.ideas = ideas
        self.taxonomy = taxonomy
        self.nearestByMeaning = nearestByMeaning
    }

    /// The catalog's own ideas and taxonomy, with the semantic signal for words the taxonomy
    /// does not know.
    init(catalog: GiftCatalog) {
        let semantic = catalog.semantic
        let taxonomy = catalog.taxonomy
        self.init(ideas: catalog.giftIdeas, taxonomy: taxonomy) { said in
            Self.clearlyNearest(to: said, semantic: semantic, taxonomy: taxonomy)
        }
    }

    /// How close in meaning an interest must be, and by how much closer than the next one, to
    /// stand in for words the taxonomy does not know. Static word vectors rate even nonsense
    /// 0.7+ against some interest, so only a clear, unrivalled neighbour counts.
    static let minimumSimilarity: Float = 0.85
    static let minimumLead: Float = 0.15

    /// The one interest clearly closest in meaning to `said`, or nil: every word must be a whole
    /// word of the model's vocabulary (a made-up or misspelt word splits into pieces whose
    /// vectors mean little), the best interest must be very close and well ahead of the next.
    static func clearlyNearest(to said: String, semantic: SemanticSearch, taxonomy: Taxonomy) -> Interest? {
        let words = WordPieceTokenizer.basicWords(said).filter { $0.contains(where: \.isLetter) }
        let tokenizer = semantic.embedder.tokenizer
        guard !words.isEmpty,
            words.allSatisfy({ word in
                let ids = tokenizer.ids(for: word)
                return ids.count == 1 && ids[0] != tokenizer.unknown
            })
        else { return nil }
        let nearest = semantic.nearestInterests(to: said, in: taxonomy, limit: 2, minimumSimilarity: 0)
        guard let best = nearest.first, best.similarity >= minimumSimilarity else { return nil }
        let runnerUp = nearest.dropFirst().first?.similarity ?? 0
        return best.similarity - runnerUp >= minimumLead ? best.interest : nil
    }

    /// `result` with `elsewhere` filled in for `profile` when the catalog has no good match,
    /// leaving out ideas that hold what they asked to avoid (`avoiding`: the words as the
    /// matcher read them, with those said inside a wish).
    func adding(to result: Recommendations, for profile: RecipientProfile, avoiding: [String]) -> Recommendations {
        guard result.fit != .good else { return result }
        var result = result
        result.elsewhereFor = groups(for: profile, avoiding: avoiding)
        result.elsewhere = result.elsewhereFor.flatMap(\.ideas)
        return result
    }

    /// One group per interest they named (first mention wins), ideas dealt in turns so that a
    /// later interest is not crowded out by an earlier one; none holding a word of `avoiding`.
    func groups(for profile: RecipientProfile, avoiding: [String] = []) -> [ElsewhereIdeas] {
        var candidates: [(group: ElsewhereIdeas, pool: [String])] = []
        // What they asked to avoid is avoided here too, as the list avoids it: "no books" had
        // been offered "a picture book that names each dinosaur". An interest they avoid whole
        // gives no ideas.
        let avoided = avoiding.map(taxonomy.avoidance(of:))
        var seenInterests = Set(avoided.compactMap(\.interestID))
        let avoidedNames = avoided.flatMap { $0.names.map { $0.split(separator: " ").map(String.init) } }
        func isAvoided(_ idea: String) -> Bool {
            let tokens = TextNormalizer.tokens(idea)
            let set = Set(tokens)
            return avoidedNames.contains { name in
                // One word also in its forms, as the list's search hears them: "snorkel" avoids
                // "a snorkelling trip".
                if name.count == 1 { return tokens.contains { Self.isAForm($0, of: name[0]) } }
                return MatchQuery.contains(tokens, nameSet: set, words: name)
            }
        }
        for said in profile.interests {
            let trimmed = ValueParsers.trim(said)
            guard !trimmed.isEmpty, let (interest, approximate) = nearestInterest(to: trimmed),
                seenInterests.insert(interest.id).inserted
            else { continue }
            let pool = ideas.ideas(for: interest.id, ageMonths: profile.ageMonths).map(\.idea).filter { !isAvoided($0) }
            guard !pool.isEmpty else { continue }
            let group = ElsewhereIdeas(
                said: trimmed, interestID: interest.id, interestLabel: interest.label,
                isApproximate: approximate, ideas: [])
            candidates.append((group, pool))
        }
        var shown = Set<String>()
        var count = 0
        var round = 0
        while count < Self.total, round < Self.perInterest {
            for index in candidates.indices where count < Self.total {
                // The next idea of this interest not already shown for another one.
                while let next = candidates[index].pool.first {
                    candidates[index].pool.removeFirst()
                    if shown.insert(TextNormalizer.key(next)).inserted {
                        candidates[index].group.ideas.append(next)
                        count += 1
                        break
                    }
                }
            }
            round += 1
        }
        return candidates.map(\.group).filter { !$0.ideas.isEmpty }
    }

    /// Whether `token` is `word` or one of its forms ("snorkelling" of "snorkel", "painted" of
    /// "paint"; not "bookmark" of "book").
    static func isAForm(_ token: String, of word: String) -> Bool {
        guard token != word else { return true }
        guard word.count >= 3, token.hasPrefix(word) else { return false }
        return ["s", "es", "ed", "er", "ers", "ing", "ings", "led", "ling", "lings"].contains(
            String(token.dropFirst(word.count)))
    }

    /// The taxonomy interest for what they said, and whether it is only an approximation.
    func nearestInterest(to said: String) -> (Interest, approximate: Bool)? {
        guard let interest = taxonomy.resolve(said) else {
            return nearestByMeaning?(said).map { ($0, true) }
        }
        let key = TextNormalizer.key(said)
        let named = ([interest.id, interest.label] + interest.aliases).contains { TextNormalizer.key($0) == key }
        return (interest, !named)
    }
}
