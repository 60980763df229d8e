import Foundation
import GRDB

/// Ranks a catalog's products for one recipient: filter → score → diversify → explain → relax.
///
/// Hard limits (age range, budget, exclusions, stock, gifts already given) are SQL conditions that
/// no score can outweigh. The score is fit only: interests (exact tag > related tag > text),
/// purpose and how well the age range targets this age; never popularity, rating or price.
/// Ties break on product id, so the same catalog and profile always give the same list.
public struct Matcher: Sendable {
    let catalog: GiftCatalog
    let weights: ScoringWeights
    /// Fewer good matches than this and relaxations are suggested.
    static let handful = 3
    /// How many top candidates are explained and offered to the diversifier.
    static let explainedPool = 60

    /// What finds products by meaning, when there is one.
    let semantic: (any SemanticSignal)?

    /// Creates a matcher over a catalog.
    public init(catalog: GiftCatalog, weights: ScoringWeights = .default) {
        self.init(catalog: catalog, weights: weights, semantic: catalog.semantic)
    }

    init(catalog: GiftCatalog, weights: ScoringWeights, semantic: (any SemanticSignal)?) {
        self.catalog = catalog
        self.weights = weights
        self.semantic = semantic
    }

    /// Recommends up to `limit` gifts for `profile`.
    /// - Parameters:
    ///   - profile: who the gift is for.
    ///   - limit: how many gifts to list (1–100).
    ///   - history: what past gifts to this recipient taught (never repeats, loved/returned).
    ///   - critique: extra steering from a refining conversation.
    public func recommend(
        for profile: RecipientProfile, limit: Int = 5, history: HistorySignals = .none,
        critique: Critique = Critique()
    ) throws -> Recommendations {
        try catalog.database.read { db in
            try recommendAsTyped(db, for: profile, limit: limit, history: history, critique: critique)
        }
    }

    /// Recommends up to `limit` gifts for `profile`, reading on GRDB's asynchronous read (the
    /// calling task is suspended, not blocked).
    public func recommend(
        for profile: RecipientProfile, limit: Int = 5, history: HistorySignals = .none,
        critique: Critique = Critique()
    ) async throws -> Recommendations {
        try await catalog.database.read { db in
            try recommendAsTyped(db, for: profile, limit: limit, history: history, critique: critique)
        }
    }

    /// ``recommend(_:for:limit:history:critique:memo:)`` for interests as typed: a clear slip of
    /// one interest's name that no product's text holds ("dinosuars", "harry poter") is read as
    /// that interest, and a note says so — as the question flow does. A word the catalog holds
    /// ("axolotls") is theirs, however close to an interest it is spelt. Every way in that takes
    /// interests as typed (library, CLI, HTTP, web) comes through here; the question flow reads
    /// slips itself, with the person there to say `back`.
    package func recommendAsTyped(
        _ db: Database, for profile: RecipientProfile, limit: Int = 5, history: HistorySignals = .none,
        critique: Critique = Critique()
    ) throws -> Recommendations {
        var read = profile
        // Two wishes in one ("harry poter or star wars"), each read on its own, as the question
        // flow reads them, without who and the verb ("she loves …"); a wish with a dislike in it
        // is read whole (the matcher takes it apart).
        read.interests = try profile.interests.flatMap { typed in
            // "something educational": what the gift is for (the matcher reads it so).
            guard AnswerParser.dislikes(typed).avoided.isEmpty, QuestionFlow.purposesSaid(typed) == nil else {
                return [typed]
            }
            let parts = try AnswerParser.list(typed).flatMap { AnswerParser.likings($0) }.flatMap {
                try QuestionFlow.splittingInterest($0, taxonomy: catalog.taxonomy, catalog: db)
            }
            return parts.contains { $0.contains(where: { $0.isLetter || $0.isNumber }) } ? parts : [typed]
        }
        var notes: [String] = []
        // Slips too far to read for them ("dinasours": two letters off): asked about, not read.
        var unsure: [(index: Int, typed: String, label: String)] = []
        for (index, typed) in read.interests.enumerated() {
            let phrase: String
            let verdict = InterestSpelling.check(typed, taxonomy: catalog.taxonomy)
            if case .unsure(let labels) = verdict, let label = labels.first,
                try !MatchRequests.textHolds(db, TextNormalizer.key(typed))
            {
                unsure.append((index, typed, label))
            }
            if case .corrected(let corrected) = verdict, try !MatchRequests.textHolds(db, TextNormalizer.key(typed)) {
                phrase = corrected
            } else if let corrected = try CatalogSpelling.correction(of: typed, taxonomy: catalog.taxonomy, db) {
                // A name the taxonomy does not know, as the shop writes it ("hello kity").
                phrase = corrected
            } else {
                continue
            }
            read.interests[index] = phrase
            notes.append("read \"\(typed)\" as \"\(phrase)\"")
        }
        var result = try recommend(db, for: read, limit: limit, history: history, critique: critique)
        // Nothing at all as typed: a slip's likely reading is what they meant ("dinosors" listed
        // nothing, and only a suggestion said "dinosaurs"), said so.
        // Only a word long enough to be one word's slip: "kity" may be a kite or a kitty.
        if result.items.isEmpty, !unsure.isEmpty, unsure.allSatisfy({ Self.readsAsOneSlip($0.typed) }) {
            var changed = read
            var readNotes: [String] = []
            for slip in unsure {
                changed.interests[slip.index] = slip.label.lowercased()
                readNotes.append(
                    "read \"\(slip.typed)\" as \"\(slip.label.lowercased())\" (nothing here is \"\(slip.typed)\")")
            }
            let corrected = try recommend(db, for: changed, limit: limit, history: history, critique: critique)
            if !corrected.items.isEmpty {
                read = changed
                notes += readNotes
                unsure = []
                result = corrected
            }
        }
        result.notes.insert(contentsOf: notes, at: 0)
        // "did you mean Dinosaurs?", offered as a change of answer with what it opens, when the
        // list as typed has few good matches.
        if result.goodMatchCount < Self.handful {
            var offered: [Relaxation] = []
            for slip in unsure {
                var changed = read
                changed.interests[slip.index] = slip.label.lowercased()
                let count = try goodMatchCount(db, for: changed, history: history, critique: critique)
                guard count > result.goodMatchCount else { continue }
                offered.append(
                    Relaxation(
                        suggestion: "read \"\(slip.typed)\" as \"\(slip.label.lowercased())\"", matches: count,
                        changes: ProfileChanges(interests: changed.interests)))
            }
            result.relaxations.insert(contentsOf: offered, at: 0)
        }
        return result
    }

    /// Whether a slip too far to read for them is long enough to stand for one word when the
    /// catalog holds nothing as typed ("dinosors", "dinasours"; not "kity" or "lgeo").
    package static func readsAsOneSlip(_ typed: String) -> Bool {
        TextNormalizer.key(typed).filter(\.isLetter).count >= 6
    }

    /// Recommends inside a read the caller already holds.
    /// - Parameter memo: searches to share with other calls inside the same read (the question
    ///   flow weighing a follow-up's answers); a fresh one by default.
    package func recommend(
        _ db: Database, for profile: RecipientProfile, limit: Int = 5, history: HistorySignals = .none,
        critique: Critique = Critique(), memo: MatchMemo = MatchMemo()
    ) throws -> Recommendations {
        let limit = max(1, min(limit, 100))
        let (query, goodCount, candidates) = try ranked(
            db, for: profile, limit: limit, history: history, critique: critique, memo: memo)
        let fit: Fit
        if goodCount > 0 {
            fit = .good
        } else {
            // Gifts pass the limits but none is about what they enjoy: partial, with nothing listed.
            fit = try candidates.isEmpty && !query.anythingPassesLimits(db) ? .none : .partial
        }
        let currency = try query.currencyContext(db)
        let explainer = Explainer(
            query: query, budgetCurrency: profile.budgetMax == nil ? nil : currency.budgetCurrency)
        // Candidates arrive best first, history already counted: explaining the best few dozen
        // (more than the diversity pool) is enough.
        let explained = candidates.prefix(max(Self.explainedPool, limit * 2)).map { explainer.explain($0) }
        memo.explanations += explained.count
        var items = diversified(
            explained, from: candidates.prefix(explained.count), interests: query.requests.count, count: limit,
            favoured: critique.favouredLike)
        // A loved past gift is recalled once, on the best gift it relates to, not on every one.
        var recalled = Set<String>()
        for index in items.indices {
            items[index].reasons.removeAll { $0.hasPrefix("they loved the ") && !recalled.insert($0).inserted }
        }
        var relaxations: [Relaxation] = []
        if goodCount < Self.handful {
            relaxations = try Relaxer(query: query, currency: currency).relaxations(db, currentGood: goodCount)
        }
        var notes: [String] = []
        if let (said, isOccasion) = query.budgetSaid, let budget = query.profile.budgetMax {
            let amount = budget.formatted(currency: currency.budgetCurrency)
            notes.append(
                isOccasion
                    ? "\"\(said)\" read as small gifts up to \(amount) (give a budget to change it)"
                    : "budget up to \(amount), as \"\(said)\" says")
        }
        if let said = query.purposeSaid {
            let purposes = query.profile.purposes.map(\.rawValue).sorted().joined(separator: ", ")
            notes.append("what the gift is for: \(purposes), as \"\(said)\" says")
        }
        // A word that no gift here holds is said once: that avoiding it changes nothing.
        let avoidingNothing = try query.wordsAvoidingNothing(db)
        let disliked = query.disliked.filter { !avoidingNothing.contains($0) }
        if !disliked.isEmpty {
            let shown = disliked.map { "\"\($0)\"" }
            notes.append("avoiding \(AnswerParser.orList(shown)): you said they dislike it")
        }
        if !avoidingNothing.isEmpty {
            let shown = AnswerParser.orList(avoidingNothing.map { "\"\($0)\"" })
            let them = avoidingNothing.count == 1 ? "it" : "them"
            notes.append("no gift here mentions \(shown), so avoiding \(them) changes nothing")
        }
        if !query.notUnderstood.isEmpty {
            let shown = query.notUnderstood.map { "\"\($0)\"" }.joined(separator: ", ")
            notes.append("not understood, so ignored: \(shown) (say what they enjoy in words)")
        }
        let covered = Set(candidates.filter(\.isGood).flatMap { $0.hits.filter(\.hit.isStrong).map(\.request) })
        let whyNone =
            try query.removedByLimitsNotes(db, goodCount: goodCount, covered: covered)
            + [query.currencyNote(db)].compactMap { $0 }
        notes += whyNone
        // An empty list always says why: a trial met fourteen that said nothing at all.
        if items.isEmpty, goodCount == 0, whyNone.isEmpty, fit == .none || !query.requests.isEmpty {
            if fit == .none {
                // Nothing passes the hard limits at all.
                let limits =
                    ["age"] + (profile.budgetMax == nil && profile.budgetMin == nil ? [] : ["budget"])
                    + (profile.excludedWords.isEmpty ? [] : ["what to avoid"])
                let joined = AnswerParser.andList(limits)
                let unstated =
                    profile.ageMonths < AgeRange.unknownMinimumSafeFromMonths
                    ? " (a gift whose seller states no age is never offered under 3)" : ""
                notes.append("no gift in this catalog fits their \(joined)\(unstated)")
            } else {
                // No limit removed a good match (that would be said above): their age or budget
                // is not why, so it is not named ("brownies" had read as the age's fault).
                let said = AnswerParser.orList(query.requests.map { "\"\($0.said)\"" })
                // What they avoid as the query read it ("no books" is "books"; "but not star
                // wars" said in a wish is avoided too).
                let avoiding = query.profile.excludedWords
                var unlimited = query.profile
                (unlimited.budgetMax, unlimited.budgetMin, unlimited.excludedWords) = (nil, nil, [])
                if !avoiding.isEmpty, try !query.goodPKs(db, profile: unlimited, ignoringAge: true).isEmpty {
                    let avoided = AnswerParser.orList(avoiding.map { "\"\($0)\"" })
                    notes.append("the gifts that match \(said) all mention \(avoided), which you asked to avoid")
                } else {
                    notes.append("no gift in this catalog matches \(said) closely enough to list")
                }
            }
        }
        var result = Recommendations(
            fit: fit, items: items, relaxations: relaxations, goodMatchCount: goodCount,
            unrecognisedInterests: query.unrecognised, notUnderstoodInterests: query.notUnderstood,
            notes: notes)
        result.budgetCurrency = explainer.budgetCurrency
        // Ideas elsewhere only when nothing here is good (and only then are they read).
        return fit == .good
            ? result
            : Elsewhere(catalog: catalog).adding(
                to: result, for: profile, avoiding: query.profile.excludedWords)
    }

    /// The ids `recommend(_:for:limit:history:critique:memo:)` would list (with no history), and
    /// its good-match count, without the rest of its work: no reasons, relaxations, notes or
    /// ideas elsewhere. The question flow compares lists this way for every answer it weighs.
    package func topProductIDs(
        _ db: Database, for profile: RecipientProfile, limit: Int = 5, critique: Critique = Critique(),
        memo: MatchMemo = MatchMemo()
    ) throws -> (goodMatchCount: Int, ids: [String]) {
        let limit = max(1, min(limit, 100))
        let (query, goodCount, candidates) = try ranked(
            db, for: profile, limit: limit, history: .none, critique: critique, memo: memo)
        // The diversifier weighs a recommendation's product and shown score only (and which come
        // later): the same pool, without reasons, selects the same items.
        let pool = candidates.prefix(max(Self.explainedPool, limit * 2))
        let ranked = pool.map {
            Recommendation(product: $0.product, score: Explainer.shownScore($0), reasons: [], isGoodMatch: $0.isGood)
        }
        let items = diversified(
            ranked, from: pool, interests: query.requests.count, count: limit, favoured: critique.favouredLike)
        return (goodCount, items.map(\.product.id))
    }

    /// The query, its good-match count and its candidates best first: what a list and the flow's
    /// comparison of lists both start from.
    private func ranked(
        _ db: Database, for profile: RecipientProfile, limit: Int, history: HistorySignals, critique: Critique,
        memo: MatchMemo
    ) throws -> (query: MatchQuery, goodCount: Int, candidates: [Candidate]) {
        let query = try MatchQuery(
            profile: profile, history: history, critique: critique, taxonomy: catalog.taxonomy,
            weights: weights, semantic: semantic, memo: memo, db: db)
        let goodCount = try query.countGood(db)
        var candidates = try query.candidates(db, limit: limit, goodOnly: goodCount > 0)
        // A kind word no product holds their way is the last resort (see
        // ``Candidate/restsOnAnUnpairedKindWord``).
        if candidates.contains(where: { !$0.restsOnAnUnpairedKindWord }) {
            candidates.removeAll(where: \.restsOnAnUnpairedKindWord)
        }
        return (query, goodCount, Self.takingTurns(candidates, interests: query.requests.count))
    }

    /// The list from `items` (explained `candidates`, best first): varied by the diversifier and,
    /// with several interests, fair to each. Good matches that fit several of them lead; then
    /// each interest's own good matches, varied among themselves, take turns (the interest whose
    /// best scores highest first); weak matches last. Varied all together, the likeness of a
    /// product's other labels decided which interest got the places: Ninjago sets, with three
    /// labels each, looked less alike than Star Wars sets with two, and took five of six.
    private func diversified(
        _ items: [Recommendation], from candidates: ArraySlice<Candidate>, interests: Int, count: Int,
        favoured: String?
    ) -> [Recommendation] {
        let diversifier = Diversifier(weights: weights)
        let later = candidates.map(\.comesLater)
        guard interests > 1, candidates.contains(where: \.isGood) else {
            return diversifier.select(from: items, count: count, keepVariantsOf: favoured, later: later)
        }
        // Indexes into `items`: the several-interest matches, each interest's own, the weak ones.
        var several: [Int] = []
        var own = Array(repeating: [Int](), count: interests)
        var weak: [Int] = []
        for (index, candidate) in zip(items.indices, candidates) {
            let strong = candidate.strongRequests(of: interests)
            if !candidate.isGood || strong.isEmpty {
                weak.append(index)
            } else if strong.count > 1 {
                several.append(index)
            } else {
                own[strong.first!].append(index)
            }
        }
        func select(_ indexes: [Int]) -> [Recommendation] {
            diversifier.select(
                from: indexes.map { items[$0] }, count: count, keepVariantsOf: favoured,
                later: indexes.map { later[$0] })
        }
        var result = select(several)
        let lists = own.map(select)
        var heads = Array(repeating: 0, count: interests)
        var turn = 0
        var best = -Double.infinity
        for (index, list) in lists.enumerated() {
            if let score = list.first?.score, score > best {
                best = score
                turn = index
            }
        }
        while heads.indices.contains(where: { heads[$0] < lists[$0].count }) {
            if heads[turn] < lists[turn].count {
                let item = lists[turn][heads[turn]]
                heads[turn] += 1
                // The same gift twice (a variant of one already listed, under another interest): once.
                if !result.contains(where: { $0.product.id == item.product.id }) { result.append(item) }
            }
            turn = (turn + 1) % interests
        }
        // Whatever comes later (a game for one console, a toddler's toy) stays after every good
        // gift that does not, whichever interest's turn brought it.
        var comesLater = Set<String>()
        for (index, item) in items.enumerated() where later[index] { comesLater.insert(item.product.id) }
        result =
            result.filter { !comesLater.contains($0.product.id) } + result.filter { comesLater.contains($0.product.id) }
        for item in select(weak) where result.count < count { result.append(item) }
        return Array(result.prefix(count))
    }

    /// With several interests, the good matches take turns: those fitting several of them lead
    /// (they score higher), then the best of each interest in turn, each interest's own in
    /// score order. On the LEGO export with its themes, "ninjago" and "starwars" (every set of
    /// either scoring alike, by its tag) listed 30 Ninjago sets and no Star Wars one: the ties
    /// filled the list, and the diversity pool, with the lower ids. Weak matches keep their order,
    /// after.
    static func takingTurns(_ candidates: [Candidate], interests: Int) -> [Candidate] {
        guard interests > 1 else { return candidates }
        var queues = Array(repeating: [Candidate](), count: interests)
        var several: [Candidate] = []
        var rest: [Candidate] = []
        for candidate in candidates {
            let strong = candidate.strongRequests(of: interests)
            guard candidate.isGood, let first = strong.min() else {
                rest.append(candidate)
                continue
            }
            // A deck box "for Pokemon, YuGiOh" fits both by what it holds, not by what it is.
            if strong.count > 1, !candidate.isForTheThing {
                several.append(candidate)
            } else {
                queues[first].append(candidate)
            }
        }
        var ordered = several
        var heads = Array(repeating: 0, count: interests)
        // The interest whose best match scores highest goes first (ties: the one said first).
        var turn = 0
        var best = -Double.infinity
        for index in 0..<interests {
            if let score = queues[index].first?.score, score > best {
                best = score
                turn = index
            }
        }
        while heads.indices.contains(where: { heads[$0] < queues[$0].count }) {
            if heads[turn] < queues[turn].count {
                ordered.append(queues[turn][heads[turn]])
                heads[turn] += 1
            }
            turn = (turn + 1) % interests
        }
        return ordered + rest
    }

    /// How many good matches a profile has (used by the question flow and relaxations).
    public func goodMatchCount(for profile: RecipientProfile, history: HistorySignals = .none) throws -> Int {
        try catalog.database.read { db in try goodMatchCount(db, for: profile, history: history) }
    }

    /// How many good matches a profile (and a critique) has, inside a read the caller holds.
    package func goodMatchCount(
        _ db: Database, for profile: RecipientProfile, history: HistorySignals = .none,
        critique: Critique = Critique(), memo: MatchMemo = MatchMemo()
    ) throws -> Int {
        let query = try MatchQuery(
            profile: profile, history: history, critique: critique, taxonomy: catalog.taxonomy,
            weights: weights, semantic: semantic, memo: memo, db: db)
        return try query.countGood(db)
    }
}

extension GiftCatalog {
    /// Recommends up to `limit` gifts for `profile` with the default weights.
    public func recommend(
        for profile: RecipientProfile, limit: Int = 5, history: HistorySignals = .none,
        critique: Critique = Critique()
    ) throws -> Recommendations {
        try Matcher(catalog: self).recommend(for: profile, limit: limit, history: history, critique: critique)
    }

    /// Recommends up to `limit` gifts for `profile` on GRDB's asynchronous read, for servers.
    public func recommend(
        for profile: RecipientProfile, limit: Int = 5, history: HistorySignals = .none,
        critique: Critique = Critique()
    ) async throws -> Recommendations {
        try await Matcher(catalog: self).recommend(for: profile, limit: limit, history: history, critique: critique)
    }
}

/// Steering from a refining conversation ("cheaper", "not like #3", "more educational").
public struct Critique: Sendable, Equatable, Codable {
    /// Products to leave out ("not that one").
    public var rejectedProductIDs: Set<String>
    /// Interest tags to avoid ("not that kind").
    public var avoidedInterests: Set<String>
    /// Interest tags to favour ("more like #2").
    public var favouredInterests: Set<String>
    /// Names the favoured product, for the reason ("like the Crystal Growing Kit").
    public var favouredLike: String?
    /// Purposes to rank first when they stated no purpose ("making things" in a follow-up): they
    /// move gifts up, never filter, and no reason claims they asked for them.
    public var favouredPurposes: Set<Purpose>

    /// Creates a critique.
    public init(
        rejectedProductIDs: Set<String> = [], avoidedInterests: Set<String> = [],
        favouredInterests: Set<String> = [], favouredLike: String? = nil, favouredPurposes: Set<Purpose> = []
    ) {
        self.rejectedProductIDs = rejectedProductIDs
        self.avoidedInterests = avoidedInterests
        self.favouredInterests = favouredInterests
        self.favouredLike = favouredLike
        self.favouredPurposes = favouredPurposes
    }
}

extension Candidate {
    /// Which of their first `interests` interests (indexes) this candidate strongly matches.
    fileprivate func strongRequests(of interests: Int) -> Set<Int> {
        Set(hits.filter { $0.hit.isStrong && $0.request < interests }.map(\.request))
    }
}
