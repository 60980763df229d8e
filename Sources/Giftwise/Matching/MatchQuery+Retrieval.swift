import Foundation
import GRDB

extension MatchQuery {
    // MARK: Retrieval

    /// Whether any product passes the hard limits (age, budget, exclusions, stock): what tells
    /// "nothing here is about what they enjoy" (partial, empty) from "nothing passes" (none).
    func anythingPassesLimits(_ db: Database) throws -> Bool {
        let limits = hardLimits(profile, currency: try currencyContext(db))
        return try !MatchRequests.pks(
            db, MatchRequests.anyRequest(limits: limits, purposeMask: 0, ageMonths: profile.ageMonths, count: 1)
        ).isEmpty
    }

    /// The best candidates, scored exactly, good ones first, then by score, then by id.
    /// - Parameters:
    ///   - includeWeak: also retrieve products that only match a related interest.
    ///   - goodOnly: return only the good candidates (the same ones, in the same order, as
    ///     filtering the full list), for callers that keep nothing else.
    func candidates(_ db: Database, limit: Int, includeWeak: Bool = true, goodOnly: Bool = false) throws
        -> [Candidate]
    {
        // Meaning finds what words cannot: consulted when their words and tags found few good
        // matches, by the same rule as the count, so the list and the count agree.
        let wordsGood = try goodPKs(db, profile: profile, useMeaning: false)
        let consultMeaning = semantic != nil && wordsGood.count < weights.semanticWhenFewerThan
        let mask = Purpose.mask(profile.purposes)
        // Rows weighed per source: enough for the list and room to choose (a list of 5 weighs 60
        // of a tag's products, not 120: at 100k products the weighing was half of the time).
        let perSource = min(Self.perSource, max(limit + 20, 60))
        let limits = hardLimits(profile, currency: try currencyContext(db))
        var pks = Set<Int64>()
        var relevance: [Int: [Int64: Double]] = [:]
        var meaning: [Int: [Int64: Double]] = [:]
        /// Products known to have no wished purpose (only looked for with `goodOnly`).
        var unwished = Set<Int64>()
        func take(_ request: SQL) throws -> [Int64] {
            let found = try memoPKs(db, request)
            pks.formUnion(found)
            return found
        }
        /// With `goodOnly`: purpose-less tag ranges not read (yet), with the wished rows of their tag.
        var deferred: [(request: SQL, wished: Set<Int64>, count: Int)] = []
        /// - Parameter asCounted: the tag is a wish's own interest, whose range
        ///   ``tagSuffices(_:_:limits:purposeMask:)`` reads (`Self.perSource` rows, once per memo):
        ///   that range is read and its first `count` taken (the same rows, no second statement).
        func takeTag(_ tag: String, _ count: Int, asCounted: Bool = false) throws {
            let read = asCounted ? Self.perSource : count
            let wished = Array(
                try memoPKs(db, MatchRequests.taggedRequest(tag, limits: limits, purposeMask: mask, count: read))
                    .prefix(count))
            pks.formUnion(wished)
            // Those without a wished purpose only matter when the good ones are few.
            if mask != 0 && wished.count < limit * 2 {
                let request = MatchRequests.taggedRequest(tag, limits: limits, purposeMask: 0, count: count)
                // The same order with the purpose left out: whichever of these has a wished
                // purpose is among the wished ones, so the others have none and are never good.
                // For the good ones alone they matter only through how many were found.
                if goodOnly {
                    deferred.append((request, Set(wished), count))
                } else {
                    _ = try take(request)
                }
            }
        }
        /// Reads the deferred ranges (their products are counted as found, never read).
        func takeDeferred() throws {
            for range in deferred { unwished.formUnion(Set(try take(range.request)).subtracting(range.wished)) }
            deferred = []
        }
        if requests.isEmpty && profile.interests.isEmpty {
            // No interests: purpose and age are the whole fit.
            _ = try take(
                MatchRequests.anyRequest(
                    limits: limits, purposeMask: mask, ageMonths: profile.ageMonths, count: limit * 8))
        }
        for (index, request) in requests.enumerated() {
            // The interests inside theirs share one source's worth of rows between them (each its
            // best few, most central first): "animals" reads horses, pets, birds … without
            // weighing six times as many products.
            let narrowerShare = max(limit * 4, perSource / (request.narrowerTags.count + 1))
            for tag in request.exactTags {
                try takeTag(
                    tag, request.narrowerTags.contains(tag) ? narrowerShare : perSource,
                    asCounted: request.specificity == .same && tag == request.interest?.id)
            }
            if let query = request.textQuery, try !tagSuffices(db, request, limits: limits, purposeMask: mask) {
                // The most relevant hits, and the most relevant of those the good count found (their
                // words really there): matches the stemmer merely hears cannot crowd those out.
                var rows = try rankedText(db, query, limits: limits, count: perSource)
                let ranked = Set(rows.map(\.pk))
                rows += try rankedText(db, query, limits: limits, count: perSource, among: wordsGood)
                    .filter { !ranked.contains($0.pk) }
                let scores = Self.normalised(rows)
                pks.formUnion(scores.keys)
                relevance[index] = scores
            }
            if consultMeaning {
                let near = try nearest(db, to: request.said, limits: limits, purposeMask: 0)
                var found: [Int64: Double] = [:]
                for (pk, similarity) in near where similarity >= weights.semanticFloor { found[pk] = similarity }
                pks.formUnion(found.keys)
                meaning[index] = found
            }
        }
        for favoured in critique.favouredInterests.sorted() { try takeTag(favoured, perSource) }
        // Broader and related interests only fill weak lists; retrieve them when the good ones
        // are few, so a weak list can still be offered honestly.
        var lookForWeak = includeWeak && pks.count < limit * 4
        if lookForWeak, !deferred.isEmpty, pks.count + deferred.reduce(0, { $0 + $1.count }) >= limit * 4 {
            // The ranges not read could reach the threshold: read them, and decide as the full list does.
            try takeDeferred()
            lookForWeak = pks.count < limit * 4
        }
        if lookForWeak {
            for request in requests {
                if let broader = request.broaderTag { try takeTag(broader, Self.perRelatedSource) }
                for related in request.relatedInterests.keys.sorted() {
                    try takeTag(related, Self.perRelatedSource)
                }
            }
        }
        // A several-word wish's kind word ("sand" for "art sand"), best by BM25: partial matches,
        // looked for whenever a weak list may be shown (they say more than a theme does).
        var someWords: [Int: [Int64: Double]] = [:]
        if includeWeak && !goodOnly {
            for (index, request) in requests.enumerated() {
                if let query = request.someWordsQuery {
                    let scores = Self.normalised(
                        try rankedText(db, query, limits: limits, count: Self.perRelatedSource))
                    pks.formUnion(scores.keys)
                    someWords[index] = scores
                }
            }
        }
        // Nothing touches their interests: the list stays empty rather than padded with gifts that
        // only fit the age and budget (the relaxations say what would open some up).
        guard !pks.isEmpty else { return [] }
        // Every source above still counts towards how many were found (which decides whether
        // weak matches are looked for); products that cannot be good are then not read.
        var wanted = goodOnly ? pks.subtracting(unwished) : pks
        if goodOnly, !requests.isEmpty {
            // A good match has a strong hit for one of their interests: their tag (known from the
            // product's tags alone), a text hit or a meaning hit (known from the searches). Products
            // with none of these (most of a related tag's range) are never good: their rows are
            // not read, nor are they weighed.
            let tags = try self.tags(db, pks: wanted)
            wanted = wanted.filter { pk in
                Self.mayBeGood(
                    pk, tags: tags[pk] ?? [], requestTags: requestTags, relevance: relevance, meaning: meaning,
                    goodSimilarity: weights.semanticGoodSimilarity)
            }
        }
        let products = try products(db, pks: wanted)
        func weigh(_ pk: Int64, closeness: Double, passing: Set<Int> = []) -> Candidate {
            memo.weighings += 1
            let entry = products[pk]!
            return score(
                pk: pk, product: entry.product, suppliedTags: entry.suppliedTags, isAccessory: entry.isAccessory,
                isDeviceBound: entry.isDeviceBound,
                servesAThing: entry.servesAThing || (entry.mayHoldAnotherThing && wishesAnObject),
                relevance: relevance,
                meaning: meaning, someWords: someWords, closeness: closeness, purposeMask: mask, passing: passing)
        }
        // Products already weighed for this very query in this read (the survey, then the list
        // before, weigh the same products for the same profile): their candidates are reused.
        let scoredKey = self.scoredKey(someWords: !someWords.isEmpty)
        var known = scoredKey.flatMap { memo.scored[$0] } ?? [:]
        var scored: [Candidate] = []
        if goodOnly {
            // Whether a product is good never depends on its closeness in meaning (that only
            // ranks; a mention in the description is checked against the wish on its own): weigh
            // it, and read vectors, for the good ones alone.
            var fresh: [Candidate] = []
            for pk in products.keys {
                switch known[pk] {
                case .weighed(let candidate)?:
                    if candidate.isGood { scored.append(candidate) }
                case .neverGood?:
                    continue
                case nil:
                    let candidate = weigh(pk, closeness: 0)
                    if candidate.isGood { fresh.append(candidate) } else { known[pk] = .neverGood }
                }
            }
            let settled = try settlingMentions(db, fresh) { weigh($0.pk, closeness: 0, passing: $1) }
            fresh = []
            for candidate in settled {
                if candidate.isGood { fresh.append(candidate) } else { known[candidate.pk] = .neverGood }
            }
            let closeness = try self.closeness(db, pks: Set(fresh.map(\.pk)))
            for index in fresh.indices {
                if let value = closeness[fresh[index].pk], value > 0 {
                    if history.lessons.isEmpty {
                        // Closeness adds its share last (no lessons follow it): the same sum as
                        // weighing again, without doing so.
                        if Self.foundOtherwise(fresh[index].hits) {
                            fresh[index].score += weights.meaningRanking * value
                        }
                    } else {
                        fresh[index] = weigh(fresh[index].pk, closeness: value)
                    }
                }
                known[fresh[index].pk] = .weighed(fresh[index])
            }
            scored += fresh
        } else {
            let unweighed = products.keys.filter {
                if case .weighed = known[$0] { false } else { true }
            }
            let closeness = try self.closeness(db, pks: Set(unweighed))
            scored.reserveCapacity(products.count)
            var fresh: [Candidate] = []
            for pk in products.keys {
                if case .weighed(let candidate)? = known[pk] {
                    scored.append(candidate)
                } else {
                    fresh.append(weigh(pk, closeness: closeness[pk] ?? 0))
                }
            }
            let settled = try settlingMentions(db, fresh) { candidate, passing in
                weigh(candidate.pk, closeness: closeness[candidate.pk] ?? 0, passing: passing)
            }
            for candidate in settled {
                known[candidate.pk] = .weighed(candidate)
                scored.append(candidate)
            }
        }
        if let scoredKey { memo.scored[scoredKey] = known }
        // A search's hit whose words turn out not to be theirs at all (FTS5 found "pop" for
        // "k-pop", the kind word alone was never there): nothing touches their interests, and
        // the list is not padded with it. Nor with what only loosely resembles their words in
        // meaning and holds none of them: the distilled vectors put a spinning top near
        // "gymnastics", a mushroom pâté near "cooking" and "Star Wars: Wicket" near "cricket";
        // such closeness still ranks products found otherwise, but never offers one on its own.
        // Nor with a passing mention alone: a Barbie Dream House whose description mentions a
        // kitchen "for cooking" is no cook's gift, and said so, but a trial read such fillers as
        // a list padded rather than "nothing fits".
        if !requests.isEmpty {
            scored.removeAll { Self.foundOnlyByLooseMeaning($0.hits) || Self.foundOnlyInPassing($0.hits) }
        }
        markOutsideTheShopsLabel(&scored)
        lowerAgeUnstatedAmongStated(&scored)
        return scored.sorted { lhs, rhs in
            if lhs.isGood != rhs.isGood { return lhs.isGood }
            // A game for a console they may not own, or a toddler's toy, comes after every gift of
            // the same kind of match, however plainly its name holds their wish ("The Lord of the
            // Rings Video Game", Duplo "Horses, ages 2+" for a 9-year-old).
            if lhs.comesLater != rhs.comesLater { return rhs.comesLater }
            if lhs.score != rhs.score { return lhs.score > rhs.score }
            return lhs.product.id < rhs.product.id
        }
    }

    /// Marks the good candidates that match a wish only by its words while the shop labels other
    /// products with the wish itself (a free tag of that name: a LEGO subtheme "Frozen"): the
    /// shop's own filing is the surer sign, so those come after the ones it labels, still good.
    func markOutsideTheShopsLabel(_ candidates: inout [Candidate]) {
        for (index, request) in requests.enumerated() {
            // Free tags come only from the shop, so a product holding one was filed under it.
            let labels = (request.freeTag.map { [$0] } ?? []) + request.shopLabels.map(\.id)
            func isFiled(_ candidate: Candidate) -> Bool {
                labels.contains(where: candidate.product.interests.contains)
            }
            guard candidates.contains(where: isFiled) else { continue }
            for position in candidates.indices where candidates[position].isGood {
                let matched = candidates[position].hits.contains { $0.request == index && $0.hit.isStrong }
                if matched && !isFiled(candidates[position]) {
                    candidates[position].outsideTheShopsLabel = true
                }
            }
        }
    }

    /// For a child, lowers the good candidates whose seller states no age when it states one for
    /// most of the good ones: a stated range says the product was made for children of some age,
    /// so among matches as close, those lead (a 10-year-old horse lover was offered an unlabelled
    /// DUPLO stable before an "8+" horse set). The cost is small: a name holding their words
    /// keeps its place before a looser match of a stated age (the Amazon sample's "Shopping List
    /// Memo Card Game", no age, stays before "D20 Polyhedral Dice, 7+" for card games), though a
    /// near tie may turn. Where a shop seldom states an age, a stated one says nothing of fit and
    /// changes nothing.
    func lowerAgeUnstatedAmongStated(_ candidates: inout [Candidate]) {
        guard profile.ageMonths < AgeRange.teenFromMonths else { return }
        let good = candidates.indices.filter { candidates[$0].isGood }
        let unstated = good.filter { candidates[$0].product.ages.minMonths == nil }
        guard !unstated.isEmpty, unstated.count * 2 < good.count else { return }
        for position in unstated { candidates[position].score -= Self.unstatedAmongStatedPenalty }
    }

    /// What an unstated age costs a child's good match when the shop states most ages: about
    /// what a product made for much younger children loses.
    static let unstatedAmongStatedPenalty = 0.12

    /// Text hits' BM25 relevance normalised per query so the best is 1 (FTS5's `bm25` is
    /// negative, lower is better).
    static func normalised(_ rows: [(pk: Int64, relevance: Double)]) -> [Int64: Double] {
        let best = rows.map(\.relevance).min() ?? 0
        var scores: [Int64: Double] = [:]
        for (pk, value) in rows { scores[pk] = best < 0 ? max(0, value / best) : 1 }
        return scores
    }

    /// What a candidate's weighing depends on besides the product (everything the searches,
    /// limits and scoring read from the query); `nil` when it is not kept (a history, or a memo
    /// first used with other weights).
    func scoredKey(someWords: Bool) -> MatchMemo.ScoredKey? {
        guard history == HistorySignals.none else { return nil }
        if let used = memo.scoringWeights, used != weights { return nil }
        memo.scoringWeights = weights
        return MatchMemo.ScoredKey(
            profile: profile, rejected: critique.rejectedProductIDs, avoided: critique.avoidedInterests,
            favoured: critique.favouredInterests, favouredLike: critique.favouredLike,
            favouredPurposes: critique.favouredPurposes, hasSemantic: semantic != nil, someWords: someWords)
    }

    /// How close in meaning each candidate is to what they said (the best of their interests),
    /// when the catalog has the semantic signal: one indexed read per candidate for all they said,
    /// once per memo (the question flow weighs mostly the same candidates for every answer).
    func closeness(_ db: Database, pks: Set<Int64>) throws -> [Int64: Double] {
        guard semantic != nil, weights.meaningRanking > 0, !requests.isEmpty else { return [:] }
        let said = saidTexts
        let known = try similarities(db, to: meaningTexts, pks: pks)
        var best: [Int64: Double] = [:]
        for text in said {
            let known = known[text] ?? [:]
            for pk in pks { best[pk] = max(best[pk] ?? 0, known[pk] ?? 0) }
        }
        return best
    }

    /// Candidates whose best evidence for a wish is its words in their description alone, checked:
    /// a description that names the wish once and is not about it by meaning (see
    /// ``isPassingMention(of:name:description:similarity:)``) is weighed again (`weigh`, with the wishes it
    /// mentions in passing), never their thing. Without the semantic signal every mention stands.
    func settlingMentions(
        _ db: Database, _ candidates: [Candidate], weigh: (Candidate, Set<Int>) -> Candidate
    ) throws -> [Candidate] {
        guard semantic != nil else { return candidates }
        var asked: [Int: Set<Int64>] = [:]
        for candidate in candidates {
            for match in candidate.hits where match.hit == .text(.description) && match.request < requests.count {
                asked[match.request, default: []].insert(candidate.pk)
            }
        }
        guard !asked.isEmpty else { return candidates }
        // Each vector is read once for everything they said (as for closeness).
        let known = try similarities(db, to: meaningTexts, pks: asked.values.reduce(into: Set()) { $0.formUnion($1) })
        var similarity: [Int: [Int64: Double]] = [:]
        for index in asked.keys { similarity[index] = known[requests[index].meaningText] }
        return candidates.map { candidate in
            var passing = Set<Int>()
            for (index, pks) in asked where pks.contains(candidate.pk) {
                if isPassingMention(
                    of: requests[index], name: candidate.product.name, description: candidate.product.description,
                    similarity: similarity[index]?[candidate.pk] ?? 0)
                {
                    passing.insert(index)
                }
            }
            return passing.isEmpty ? candidate : weigh(candidate, passing)
        }
    }

    /// Whether a description that holds a wish's words (not the name) mentions it only in passing:
    /// once, in a product not about it by meaning (cosine below
    /// ``ScoringWeights/mentionSimilarity``): "great fun on the beach" in a dart game's text, a
    /// maker's "science & discovery" range under dominoes. A description that comes back to the
    /// wish is about it ("1000-piece jigsaw … this jigsaw") whatever the vector says.
    /// So is any mention in a product whose own name its interest disowns: "Chinese Checkers"
    /// tells the story of "Chinese chess" in its description, and is still no chess set.
    func isPassingMention(of request: InterestRequest, name: String, description: String, similarity: Double) -> Bool {
        // A specific thing ("dogs", "trucks") is what a product is, and such a product names it:
        // a description that says their word once (other names for it aside) under a name sharing
        // none of its words, with no closeness in meaning, is about something else (a monkey
        // puppet blanket whose range has a "Pink Poodle, Yellow Dog"). A kind of toy, as they said
        // it ("garden toys", "bath toys"), is a class, not a thing: a sandpit bucket is one without
        // saying so.
        // A name the taxonomy does not know may be a character, and a figure pack whose
        // description lists "Batman, Superman and Green Lantern" holds him.
        let mayBeAnotherThing =
            request.specificity == .narrower && request.interest != nil && !request.saidTokens.contains("toy")
            && similarity < weights.thingMentionSimilarity
        let nameTokens = TextNormalizer.tokens(name)
        if !request.namesNotAbout.isEmpty || mayBeAnotherThing {
            if request.namesNotAbout.contains(where: { Taxonomy.holds(run: $0, in: nameTokens) }) { return true }
            if mayBeAnotherThing, !Self.nameSharesAWord(of: request, nameTokens),
                Self.mentions(of: request, in: description, ownWordsOnly: true) < 2
            {
                return true
            }
        }
        let (count, first) = Self.mentionsAndFirst(of: request, in: description)
        // Deep in a long text, under a name that shares none of its words, their thing is theirs
        // only when the product is close to it in meaning, however often it comes back: a sea
        // puzzle (close to "birds" as any animal picture is) whose picture has "a bird hovering
        // on the sea breeze" and whose artist is known for "conservation work with rare birds"
        // led a list for "birds".
        if first >= Taxonomy.descriptionOpening, !Self.nameSharesAWord(of: request, nameTokens) {
            return similarity < weights.thingMentionSimilarity
        }
        return similarity < weights.mentionSimilarity && count < 2
    }

    /// Whether a product's name holds a word of the wish (or of another name for it) that says what
    /// it is about, or a longer word starting with one ("gardening" for "garden toys").
    /// So does a name holding another kind of the interest it lies in ("Train Set" for "model
    /// railway"), but not the interest's own name ("Snuggle Pets" is no dog).
    static func nameSharesAWord(of request: InterestRequest, _ nameTokens: [String]) -> Bool {
        var words = request.aboutWords
        for phrase in request.otherPhraseWords { words.formUnion(phrase) }
        words.subtract(InterestRequest.sharedByEveryProduct)
        if nameTokens.contains(where: { token in
            words.contains(token) || words.contains { $0.count >= 4 && token.hasPrefix($0) }
        }) {
            return true
        }
        return request.otherKindRuns.contains { Taxonomy.holds(run: $0, in: nameTokens) }
    }

    /// How many times a wish's words (or one of its interest's phrases) stand together in `text`,
    /// names that are not about the interest left out. Names right after one another are one
    /// mention ("a fancy dress costume" names a costume once). `ownWordsOnly`: their own words
    /// alone, not the other names of the thing ("poodle" for "dogs").
    static func mentions(of request: InterestRequest, in text: String, ownWordsOnly: Bool = false) -> Int {
        mentionsAndFirst(of: request, in: text, ownWordsOnly: ownWordsOnly).count
    }

    /// ``mentions(of:in:ownWordsOnly:)``, with the word position of the first (`Int.max` if none).
    static func mentionsAndFirst(of request: InterestRequest, in text: String, ownWordsOnly: Bool = false)
        -> (count: Int, first: Int)
    {
        let tokens = Taxonomy.removing(request.falseFriends, from: TextNormalizer.tokens(OwnDescription.of(text)))
        let phrases = [request.ownWords] + (ownWordsOnly ? [] : request.otherPhraseWords)
        var count = 0
        var first = Int.max
        var start = 0
        var lastEnd = -1
        while start < tokens.count {
            if let phrase = phrases.first(where: {
                !$0.isEmpty && start + $0.count <= tokens.count
                    && tokens[start..<(start + $0.count)].elementsEqual($0)
            }) {
                if start != lastEnd { count += 1 }
                if first == Int.max { first = start }
                start += phrase.count
                lastEnd = start
            } else {
                start += 1
            }
        }
        return (count, first)
    }

    /// Everything they said, once each, in order.
    var saidTexts: [String] {
        var said: [String] = []
        for request in requests where !said.contains(request.said) { said.append(request.said) }
        return said
    }

    /// ``saidTexts`` and each wish's ``InterestRequest/meaningText``: every text a product's
    /// vector is compared with, asked for together so that each vector is read once.
    var meaningTexts: [String] {
        var texts = saidTexts
        for request in requests where !texts.contains(request.meaningText) { texts.append(request.meaningText) }
        return texts
    }

    /// The cosine of each text with each of `pks` (0 for a product without a vector), each
    /// vector read once per memo for all texts.
    func similarities(_ db: Database, to said: [String], pks: Set<Int64>) throws -> [String: [Int64: Double]] {
        guard let semantic else { return [:] }
        // Products not weighed yet for some of what they said: each vector is read once for all.
        var needing: [String] = []
        var missing = Set<Int64>()
        for text in said {
            let known = memo.closeness[text]
            let unknown = pks.filter { known?[$0] == nil }
            if !unknown.isEmpty {
                needing.append(text)
                missing.formUnion(unknown)
            }
        }
        if !needing.isEmpty {
            let found = try semantic.similarities(db, to: needing, productPKs: missing.sorted())
            for (text, values) in zip(needing, found) {
                var known = memo.closeness.removeValue(forKey: text) ?? [:]
                // A product without a vector is as far as can be, and is not asked about again.
                for pk in missing where known[pk] == nil { known[pk] = values[pk] ?? 0 }
                memo.closeness[text] = known
            }
        }
        var result: [String: [Int64: Double]] = [:]
        for text in said { result[text] = memo.closeness[text] ?? [:] }
        return result
    }
}
