import GRDB

/// Results reused within one read: a recommendation's count and candidates, the relaxations'
/// re-counts of changed profiles, and (shared by the question flow) the survey and the lists a
/// follow-up's answers would give. Every entry is keyed by the exact statement it stands for
/// (SQL and arguments), or by everything its result depends on, so sharing one memo between
/// queries never changes a result. Valid only inside the read it was filled in: the catalog may
/// change between reads.
package final class MatchMemo {
    typealias StatementKey = MatchQuery.StatementKey
    typealias TextHit = MatchQuery.TextHit

    /// Products nearest in meaning to each thing said (by age), within the age and stock limits only.
    var nearest: [MatchQuery.NearestKey: [(pk: Int64, similarity: Double)]] = [:]
    /// Good matches by words and tags alone, per profile and hard limits.
    var wordsGood: [MatchQuery.WordsKey: Set<Int64>] = [:]
    /// Full-text hits of one search within one set of hard limits (any purpose).
    var textHits: [StatementKey: [TextHit]] = [:]
    struct HeardKey: Hashable {
        var wish: String
        var pk: Int64
    }
    /// Whether a wish's words are really in a product's text (see `MatchQuery.wordsHeard`).
    var heard: [HeardKey: Bool] = [:]
    /// A tag's rows within one set of hard limits (any purpose), when the budget leaves few products.
    var tagRows: [StatementKey: [(pk: Int64, purposes: Int)]] = [:]
    /// Row counts of statements (whether a tag's range suffices).
    var counts: [StatementKey: Int] = [:]
    /// The currency context, per budget currency asked for.
    var currency: [String?: MatchQuery.CurrencyContext] = [:]
    /// The gift each product stands for (``Diversifier/giftKey(name:tokens:)``), for counts.
    var distinctKeys: [Int64: Int64] = [:]
    /// Cosine of each thing said with each product weighed so far (see `MatchQuery.closeness`).
    var closeness: [String: [Int64: Double]] = [:]
    /// Products read for candidates, with what their import recorded (``WeighedProduct``).
    var products: [Int64: WeighedProduct] = [:]
    /// The interest tags of products (best first; empty: none), read before their rows so that
    /// candidates that cannot be good need no row read (see `MatchQuery.candidates`).
    var tags: [Int64: [String]] = [:]
    /// The names of products marked as serving a thing (``ProductFlags/servesAThing``), by pk:
    /// `nil` inside when a pk was read and is not one (the good count asks again for each
    /// relaxation). `hasServing` says whether the catalog holds any at all.
    var servingNames: [Int64: String?] = [:]
    /// The same, read with the names marked as maybe holding another thing (a wish for an object).
    var otherThingNames: [Int64: String?] = [:]
    var hasServing: Bool?
    /// Rows of retrieval statements (a tag's best products within the limits), in their order.
    var pks: [StatementKey: [Int64]] = [:]
    /// A product's words, folded (see ``MatchQuery/place(of:nameTokens:nameSet:allSet:product:)``).
    struct Words {
        var nameTokens: [String] = []
        var nameSet: Set<String> = []
        var descriptionTokens: [String] = []
        /// The words of the name and the description.
        var allSet: Set<String> = []
    }
    /// The words of each product weighed so far: the survey, the list before and each
    /// follow-up answer's list weigh mostly the same products.
    var words: [Int64: Words] = [:]
    /// Everything a candidate's weighing depends on besides its product, for one query.
    struct ScoredKey: Hashable {
        var profile: RecipientProfile
        var rejected: Set<String>
        var avoided: Set<String>
        var favoured: Set<String>
        var favouredLike: String?
        var favouredPurposes: Set<Purpose>
        var hasSemantic: Bool
        /// Whether a wish's kind word was searched too (partial matches, see `InterestRequest.someWordsQuery`).
        var someWords: Bool
    }
    /// A product weighed for one query.
    enum Scored {
        /// Its candidate, exactly as weighing it again would give.
        case weighed(Candidate)
        /// Weighed without its closeness in meaning and found not good (closeness never makes a
        /// product good): enough for a list of good ones only.
        case neverGood
    }
    /// Products weighed per query (see `MatchQuery.candidates`).
    var scored: [ScoredKey: [Int64: Scored]] = [:]
    /// Interests as resolved through the catalog's taxonomy (one catalog per memo).
    var resolved: [[String]: (requests: [InterestRequest], notUnderstood: [String])] = [:]
    /// Interests with their "and"s read against the catalog, by the interests as read before.
    var splitInterests: [[String]: [String]] = [:]
    /// How many candidates recommendations explained through this memo (what tests count).
    var explanations = 0
    /// How many products were weighed through this memo (what tests count instead of time).
    var weighings = 0
    /// The weights `scored` was filled with (a memo shared by matchers with other weights keeps
    /// no weighed products for them).
    var scoringWeights: ScoringWeights?

    package init() {}

    /// Whether the hits of `query` within `limits` were searched already.
    func hasTextHits(_ db: Database, _ query: String, limits: HardLimits, weights: ScoringWeights) throws -> Bool {
        let request = MatchRequests.textHitsRequest(query, limits: limits, weights: weights)
        return textHits[try StatementKey(request, db)] != nil
    }
}

extension MatchQuery {
    typealias Memo = MatchMemo

    /// A statement as SQLite runs it: two equal keys give the same rows within one read.
    struct StatementKey: Hashable {
        var sql: String
        var arguments: StatementArguments

        init(_ request: SQL, _ db: Database) throws {
            (sql, arguments) = try request.build(db)
        }
    }

    struct NearestKey: Hashable {
        var said: String
        var ageMonths: Int
    }

    struct WordsKey: Hashable {
        var profile: RecipientProfile
        /// The hard limits as SQL (they carry the exclusions of history and critique).
        var limits: StatementKey
    }

    /// A full-text hit within the hard limits: its purposes (to apply a wished purpose without
    /// searching again) and its BM25 relevance (negative, lower is better).
    struct TextHit {
        var pk: Int64
        var purposes: Int
        var relevance: Double
    }

    /// Every full-text hit of `query` within `limits`, whatever its purpose, searched once per
    /// memo: the good-match count, the candidates' relevance and the relaxations' purpose
    /// changes all read the same hits.
    func textHits(_ db: Database, _ query: String, limits: HardLimits) throws -> [TextHit] {
        let request = MatchRequests.textHitsRequest(query, limits: limits, weights: weights)
        let key = try StatementKey(request, db)
        if let known = memo.textHits[key] { return known }
        var read = request
        if try fewPriced(db, limits: limits) {
            // Few products within the budget: find which hits pass through the price index, then
            // weigh only those (the same rows, without looking up every hit's product).
            let passing = try MatchRequests.pks(
                db, MatchRequests.goodByTextWithinPrice(query, limits: limits, purposeMask: 0))
            read = MatchRequests.textHitsRequest(query, limits: limits, weights: weights, among: passing)
        }
        // In pk order, as the search gives its rows (the count takes the first of them).
        let hits = try MatchRequests.rows(db, read).map { row in
            TextHit(pk: row[0], purposes: row[1], relevance: row[2])
        }.sorted { $0.pk < $1.pk }
        memo.textHits[key] = hits
        return hits
    }

    /// The `count` most relevant full-text hits of `query` within `limits` (only those in
    /// `among`, when given), best first (ties by pk): the rows `ORDER BY relevance, pk LIMIT
    /// count` would give.
    func rankedText(_ db: Database, _ query: String, limits: HardLimits, count: Int, among: Set<Int64>? = nil)
        throws -> [(pk: Int64, relevance: Double)]
    {
        var hits = try textHits(db, query, limits: limits)
        if let among { hits = hits.filter { among.contains($0.pk) } }
        return Self.best(hits, count: count).map { ($0.pk, $0.relevance) }
    }

    /// The `count` hits with the lowest (relevance, pk), in that order, without sorting them all.
    static func best(_ hits: [TextHit], count: Int) -> [TextHit] {
        guard count > 0 else { return [] }
        func before(_ a: TextHit, _ b: TextHit) -> Bool {
            a.relevance != b.relevance ? a.relevance < b.relevance : a.pk < b.pk
        }
        var kept: [TextHit] = []
        kept.reserveCapacity(min(count, hits.count) + 1)
        for hit in hits {
            if kept.count == count, let worst = kept.last, !before(hit, worst) { continue }
            // Binary search for the place, then drop the worst beyond `count`.
            var low = 0
            var high = kept.count
            while low < high {
                let middle = (low + high) / 2
                if before(kept[middle], hit) { low = middle + 1 } else { high = middle }
            }
            kept.insert(hit, at: low)
            if kept.count > count { kept.removeLast() }
        }
        return kept
    }

    /// The products of `pks` (those that exist), each read once per memo: the survey, the list
    /// before and each follow-up answer's list mostly weigh the same products.
    func products(_ db: Database, pks: Set<Int64>) throws -> [Int64: WeighedProduct] {
        let missing = pks.filter { memo.products[$0] == nil }
        if !missing.isEmpty {
            let tags = try self.tags(db, pks: missing)
            for (pk, entry) in try MatchRequests.products(db, pks: missing, tags: tags) { memo.products[pk] = entry }
        }
        var found: [Int64: WeighedProduct] = [:]
        found.reserveCapacity(pks.count)
        for pk in pks {
            if let entry = memo.products[pk] { found[pk] = entry }
        }
        return found
    }

    /// The interest tags of each of `pks`, best first (empty for a product without tags), each
    /// product's read once per memo (with its row, when that is read).
    func tags(_ db: Database, pks: Set<Int64>) throws -> [Int64: [String]] {
        let missing = pks.filter { memo.tags[$0] == nil && memo.products[$0] == nil }
        if !missing.isEmpty {
            let read = try MatchRequests.tags(db, pks: missing)
            for pk in missing { memo.tags[pk] = read[pk] ?? [] }
        }
        var found: [Int64: [String]] = [:]
        found.reserveCapacity(pks.count)
        for pk in pks {
            if let tags = memo.tags[pk] ?? memo.products[pk]?.product.interests { found[pk] = tags }
        }
        return found
    }

    /// The gift each of `pks` stands for (variants of one gift share it), each key read once per
    /// memo: relaxations and follow-ups count overlapping sets.
    func distinctKeys(_ db: Database, pks: Set<Int64>) throws -> [Int64] {
        let missing = pks.filter { memo.distinctKeys[$0] == nil }.sorted()
        if !missing.isEmpty {
            for (pk, key) in try MatchRequests.giftKeys(db, pks: missing) { memo.distinctKeys[pk] = key }
        }
        return pks.compactMap { memo.distinctKeys[$0] }
    }

    /// Adds to `pks`, in order and until the cap, each of `candidates` whose text really holds
    /// the words of `request` (not only what FTS5's stemmer hears: ``place(of:name:description:)``
    /// is not `.stem`). Texts not weighed yet are read in one statement; each product is
    /// weighed once per memo and wish.
    func addHeard(
        _ db: Database, _ request: InterestRequest, query: String, candidates: [Int64], to pks: inout Set<Int64>
    ) throws {
        let wish = query + "\u{1}" + request.ownWords.joined(separator: " ") + "\u{1}" + request.meaningText
        let missing = candidates.filter { memo.heard[MatchMemo.HeardKey(wish: wish, pk: $0)] == nil }
        var places: [Int64: TextPlace] = [:]
        var descriptions: [Int64: String] = [:]
        var names: [Int64: String] = [:]
        let filed = try MatchRequests.filed(db, pks: missing, under: request.otherThingTags)
        let labels = request.filedUnder == nil ? [:] : try tags(db, pks: Set(missing))
        for text in try MatchRequests.texts(db, pks: missing) {
            if let filedUnder = request.filedUnder,
                filedUnder.holds(tags: labels[text.pk] ?? [], nameSet: Set(TextNormalizer.tokens(text.name)))
            {
                places[text.pk] = .name
            } else {
                places[text.pk] =
                    filed.contains(text.pk)
                    ? .stem : Self.place(of: request, name: text.name, description: text.description)
            }
            descriptions[text.pk] = text.description
            names[text.pk] = text.name
        }
        // Words in the description alone: their thing only when the product is about them by
        // meaning (the rule the list labels with, see `settlingMentions`).
        let mentioned = Set(places.filter { $0.value == .description }.keys)
        // Read with everything they said (each vector once for all), and this wish, which a
        // changed profile (a relaxation's count) may have alone.
        let texts = meaningTexts.contains(request.meaningText) ? meaningTexts : meaningTexts + [request.meaningText]
        let similarity =
            mentioned.isEmpty || semantic == nil
            ? [:] : try similarities(db, to: texts, pks: mentioned)[request.meaningText] ?? [:]
        for pk in candidates where pks.count < Self.countCap {
            let key = MatchMemo.HeardKey(wish: wish, pk: pk)
            let heard: Bool
            if let known = memo.heard[key] {
                heard = known
            } else if let place = places[pk] {
                switch place {
                case .name: heard = true
                case .description:
                    heard =
                        semantic == nil
                        || !isPassingMention(
                            of: request, name: names[pk] ?? "", description: descriptions[pk] ?? "",
                            similarity: similarity[pk] ?? 0)
                case .stem, .passing, .partySupply, .miniature, .apart, .part, .madeFor, .carrier: heard = false
                }
                memo.heard[key] = heard
            } else {
                heard = false
            }
            if heard { pks.insert(pk) }
        }
    }

    /// Whether the budget leaves few products (see ``MatchRequests/fewPricedBound``), once per memo.
    func fewPriced(_ db: Database, limits: HardLimits) throws -> Bool {
        guard let request = MatchRequests.pricedWithinRequest(limits) else { return false }
        return try memoCount(db, request) < MatchRequests.fewPricedBound
    }

    /// A tag's rows within `limits` (any purpose), read once per memo.
    func tagRows(_ db: Database, _ tag: String, limits: HardLimits) throws -> [(pk: Int64, purposes: Int)] {
        let request = MatchRequests.tagRowsRequest(tag, limits: limits)
        let key = try StatementKey(request, db)
        if let known = memo.tagRows[key] { return known }
        let rows = try MatchRequests.rows(db, request).map { (pk: $0[0] as Int64, purposes: $0[1] as Int) }
        memo.tagRows[key] = rows
        return rows
    }

    /// The folded words of product `pk` (whose row is `product`), tokenised once per memo.
    func words(pk: Int64, product: Product) -> MatchMemo.Words {
        if let known = memo.words[pk] { return known }
        let nameTokens = TextNormalizer.tokens(product.name)
        let descriptionTokens = TextNormalizer.tokens(OwnDescription.of(product.description))
        let nameSet = Set(nameTokens)
        // Sized once for every word (no rehashing as the description's words go in); a name
        // alone (many exports have no descriptions) shares the name's set.
        var allSet = nameSet
        if !descriptionTokens.isEmpty {
            allSet = Set<String>(minimumCapacity: nameSet.count + descriptionTokens.count)
            allSet.formUnion(nameSet)
            allSet.formUnion(descriptionTokens)
        }
        let words = MatchMemo.Words(
            nameTokens: nameTokens, nameSet: nameSet, descriptionTokens: descriptionTokens, allSet: allSet)
        memo.words[pk] = words
        return words
    }

    /// The pks `request` gives, in its order, read once per memo.
    func memoPKs(_ db: Database, _ request: SQL) throws -> [Int64] {
        let key = try StatementKey(request, db)
        if let known = memo.pks[key] { return known }
        let found = try MatchRequests.pks(db, request)
        memo.pks[key] = found
        return found
    }

    /// How many rows `request` gives, counted once per memo.
    func memoCount(_ db: Database, _ request: SQL) throws -> Int {
        let key = try StatementKey(request, db)
        if let known = memo.counts[key] { return known }
        let count = try MatchRequests.count(db, request)
        memo.counts[key] = count
        return count
    }
}
