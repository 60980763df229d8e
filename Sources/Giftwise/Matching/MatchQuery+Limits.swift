import Foundation
import GRDB

extension MatchQuery {
    // MARK: Hard limits and currency

    /// The budget's currency and how the catalog's other currencies compare with it.
    struct CurrencyContext {
        var budgetCurrency: String
        var catalogCurrencies: [String]
        var rates: ExchangeRates
        /// Currencies a budget can be read in: its own and those the shop gave a rate for.
        var comparable: [String] {
            catalogCurrencies.filter { $0 == budgetCurrency || rates.rate(from: budgetCurrency, to: $0) != nil }
        }
    }

    func currencyContext(_ db: Database) throws -> CurrencyContext { try currencyContext(db, for: profile) }

    /// The currencies of `profile`'s budget (a relaxation may read it in another currency).
    func currencyContext(_ db: Database, for profile: RecipientProfile) throws -> CurrencyContext {
        if let known = memo.currency[profile.currency] { return known }
        let counts = try CatalogDatabase.currencyCounts(db)
        let main = CatalogDatabase.mainCurrency(of: counts)
        let budgetCurrency = profile.currency.map { $0.uppercased() } ?? main
        let currencies = counts.keys.sorted()
        let single = currencies.allSatisfy { $0 == budgetCurrency }
        let rates = single ? ExchangeRates(base: budgetCurrency) : try CatalogDatabase.exchangeRates(db)
        let context = CurrencyContext(budgetCurrency: budgetCurrency, catalogCurrencies: currencies, rates: rates)
        memo.currency[profile.currency] = context
        return context
    }

    func hardLimits(_ profile: RecipientProfile, currency: CurrencyContext) -> HardLimits {
        var ranges: [String: ClosedRange<Int64>]?
        if profile.budgetMax != nil || profile.budgetMin != nil {
            var map: [String: ClosedRange<Int64>] = [:]
            let currencies = currency.catalogCurrencies.isEmpty ? [currency.budgetCurrency] : currency.comparable
            for code in currencies {
                guard let rate = currency.rates.rate(from: currency.budgetCurrency, to: code) else { continue }
                let low = profile.budgetMin.map { Int64((Double($0.minorUnits) * rate).rounded(.up)) } ?? 0
                let high = profile.budgetMax.map { Int64((Double($0.minorUnits) * rate).rounded(.down)) } ?? Int64.max
                if low <= high { map[code] = low...high }
            }
            ranges = map
        }
        let single = currency.catalogCurrencies.allSatisfy { $0 == currency.budgetCurrency }
        return HardLimits(
            ageMonths: profile.ageMonths, priceRanges: ranges, singleCurrency: single,
            excluded: excluded(profile))
    }

    /// The words to avoid that no product in the whole catalog holds (as text, under another
    /// name of the thing, or as a tag): avoiding them changes nothing, and a person who asked
    /// to avoid "prequels" should know that no gift here says so.
    func wordsAvoidingNothing(_ db: Database) throws -> [String] {
        var idle: [String] = []
        for word in profile.excludedWords {
            let (tags, phrases) = avoided([word])
            guard let request = MatchRequests.excluded(ids: [], phrases: phrases, tags: tags, avoidedTags: [])
            else { continue }
            if try !MatchRequests.givesAny(db, request) { idle.append(word) }
        }
        return idle
    }

    /// Products never to show: words to avoid (as text and as tags), ids they own or were given,
    /// and kinds the conversation turned down.
    func excluded(_ profile: RecipientProfile) -> SQL? {
        let ids = profile.excludedProductIDs.union(history.givenProductIDs).union(critique.rejectedProductIDs).sorted()
        let (tagIDs, phrases) = avoided(profile.excludedWords)
        return MatchRequests.excluded(
            ids: ids, phrases: phrases, tags: tagIDs, avoidedTags: critique.avoidedInterests.sorted())
    }

    /// The tags and full-text phrases that avoid each of `said` (``Taxonomy/avoidance(of:)``).
    private func avoided(_ said: [String]) -> (tags: [String], phrases: [String]) {
        var tagIDs: [String] = []
        var phrases: [String] = []
        for word in said {
            let (names, interestID) = taxonomy.avoidance(of: word)
            guard let key = names.first else { continue }
            tagIDs.append(key)
            if let interestID { tagIDs.append(interestID) }
            for name in names {
                // Several words are a thing, whatever stands between them: "fossil kit" avoids
                // the "Fossil Dig Kit" they already have.
                let words = name.split(separator: " ").prefix(8)
                if words.count > 1 {
                    phrases.append("NEAR(" + words.map { "\"\($0)\"" }.joined(separator: " ") + ", 2)")
                } else if let phrase = MatchRequests.ftsPhrase(name) {
                    phrases.append(phrase)
                }
            }
        }
        return (tagIDs, phrases)
    }

    // MARK: Counting

    /// Counting stops here: past it the exact number changes no list, label or suggestion, and
    /// stopping early keeps counts cheap on catalogs of millions.
    static let countCap = GiftCount.cap

    func countGood(_ db: Database) throws -> Int { try countGood(db, profile: profile) }

    /// Good matches for a profile: their interest by tag, their words in the text, or (with the
    /// semantic signal) a product that is their thing by meaning; a wished-for purpose (any, if
    /// none); within every hard limit.
    /// Variants of one gift (years, colours, sizes) count once, as the list shows them once.
    func countGood(_ db: Database, profile: RecipientProfile) throws -> Int {
        let pks = try goodPKs(db, profile: profile)
        // Past the cap the exact number changes nothing, and variants need not be told apart.
        guard pks.count < Self.countCap else { return pks.count }
        return Set(try distinctKeys(db, pks: pks)).count
    }

    /// The pks of good matches (at most `countCap`).
    /// - Parameter useMeaning: consult the semantic signal (when words and tags found fewer than
    ///   `semanticWhenFewerThan`).
    func goodPKs(_ db: Database, profile: RecipientProfile, ignoringAge: Bool = false, useMeaning: Bool = true) throws
        -> Set<Int64>
    {
        let currency = try currencyContext(db, for: profile)
        var limits = hardLimits(profile, currency: currency)
        limits.ignoresAge = ignoringAge
        let mask = Purpose.mask(profile.purposes)
        let requests = try requests(db, for: profile)
        if requests.isEmpty {
            // Interests were given but none understood: nothing is a match for them.
            if !profile.interests.isEmpty { return [] }
            return Set(
                try MatchRequests.goodPKs(
                    db, sources: [MatchRequests.anyWithin(limits, purposeMask: mask)], cap: Self.countCap))
        }
        var pks = try wordsGood(db, profile: profile, requests: requests, limits: limits)
        if useMeaning, semantic != nil, pks.count < weights.semanticWhenFewerThan {
            for request in requests {
                let close = try nearest(db, to: request.said, limits: limits, purposeMask: mask)
                    .filter { $0.similarity >= weights.semanticGoodSimilarity }.map(\.pk)
                // A product that shares only part of a wish's words is close in meaning because
                // of that word: "Widow Spider Figure" to "spider-man". Not their thing.
                // Party supplies and dolls-house miniatures are close to the theme they carry, and
                // not their thing either.
                let unsure = close.filter { !pks.contains($0) }
                let notTheirs =
                    unsure.isEmpty
                    ? []
                    : Set(
                        try MatchRequests.filed(db, pks: unsure, under: request.otherThingTags)
                            .union(
                                MatchRequests.texts(db, pks: unsure).filter { text in
                                    let nameTokens = TextNormalizer.tokens(text.name)
                                    return Self.holdsPartOf(request, name: text.name, description: text.description)
                                        || Self.themedPlace(nameTokens, for: request) != nil
                                        || Self.namesAnotherThing(request, nameTokens: nameTokens)
                                        || Self.performsTheirActivity(request, nameTokens: nameTokens)
                                }.map(\.pk)))
                for pk in close where !notTheirs.contains(pk) { pks.insert(pk) }
            }
        }
        // A young child's toy is never good for a teenager or an adult (as the list labels it).
        if profile.ageMonths >= AgeRange.teenFromMonths, !Self.wishesChildrensThings(requests), !pks.isEmpty {
            for product in try MatchRequests.mayBeForYoungChildren(
                db, pks: pks.sorted(), toddlerBelowMonths: AgeRange.toddlerToyBelowMonths,
                adultFromMonths: AgeRange.adultFromMonths, nameMarks: Self.childrensNameMarks,
                marksBelowMonths: AgeRange.adultRangeFromMonths)
            where Self.isForYoungChildren(
                product.ages, nameTokens: TextNormalizer.tokens(product.name), ageMonths: profile.ageMonths)
            {
                pks.remove(product.pk)
            }
        }
        return pks
    }

    /// Good matches by their interests' tags and their words (no meaning), within `limits` and
    /// with a wished purpose; at most `countCap`: the tags' first `countCap` products, then for
    /// each interest whose tag does not suffice, its text matches (by pk) whose words are really
    /// there (not only the stemmer's), until the cap.
    ///
    /// The same sets the plain statements give, read cheaper: their own profile's text matches
    /// come from the memo's hits (the candidates read them too; a relaxation that only changes
    /// the purpose searches nothing again); a changed profile's are streamed, through the price
    /// index when the budget leaves few products; each product's words are weighed once.
    private func wordsGood(
        _ db: Database, profile: RecipientProfile, requests: [InterestRequest], limits: HardLimits
    ) throws -> Set<Int64> {
        let mask = Purpose.mask(profile.purposes)
        let key = WordsKey(profile: profile, limits: try StatementKey(limits.condition(on: .product), db))
        if let known = memo.wordsGood[key] { return known }
        let tags = Array(Set(requests.flatMap(\.exactTags))).sorted()
        var pks = tags.isEmpty ? Set<Int64>() : try tagMatches(db, tags, limits: limits, purposeMask: mask)
        try dropServing(db, from: &pks, requests: requests)
        for request in requests where pks.count < Self.countCap {
            guard let query = request.textQuery, try !tagSuffices(db, request, limits: limits, purposeMask: mask)
            else { continue }
            // FTS5's stemmer hears "fish" in "fishing": a match only when their words (or the
            // interest's) are really there, by the rule the list labels with. Matches are weighed
            // a batch at a time until the cap is reached, so a capped count is never an
            // undercount read as exact.
            try forEachTextMatchBatch(db, query, profile: profile, limits: limits, purposeMask: mask) { batch in
                try addHeard(db, request, query: query, candidates: batch.filter { !pks.contains($0) }, to: &pks)
                return pks.count < Self.countCap
            }
        }
        memo.wordsGood[key] = pks
        return pks
    }

    /// Takes out of a tag's matches the parts and things made for their thing that their tag alone
    /// put there (the list labels them partial, see ``servingPlace(_:for:)``): a product stays
    /// when it holds the tag of a wish it does not merely serve.
    private func dropServing(_ db: Database, from pks: inout Set<Int64>, requests: [InterestRequest]) throws {
        guard !pks.isEmpty, requests.contains(where: { !$0.wantsParts }) else { return }
        let orOtherThing = Self.wishAnObject(requests)
        if memo.hasServing == nil { memo.hasServing = try MatchRequests.hasServing(db) }
        guard memo.hasServing == true else { return }
        // Read once a query: a memo of one kind of read (serving alone, or with other things).
        let unread = pks.filter { (orOtherThing ? memo.otherThingNames[$0] : memo.servingNames[$0]) == nil }
        if !unread.isEmpty {
            var read: [Int64: String] = [:]
            for (pk, name) in try MatchRequests.servingNames(db, pks: unread.sorted(), orOtherThing: orOtherThing) {
                read[pk] = name
            }
            for pk in unread {
                if orOtherThing {
                    memo.otherThingNames[pk] = .some(read[pk])
                } else {
                    memo.servingNames[pk] = .some(read[pk])
                }
            }
        }
        let serving: [(pk: Int64, name: String)] = pks.sorted().compactMap { pk in
            (orOtherThing ? memo.otherThingNames[pk] : memo.servingNames[pk]).flatMap { $0 }.map { (pk, $0) }
        }
        guard !serving.isEmpty else { return }
        let tags = try self.tags(db, pks: Set(serving.map(\.pk)))
        for (pk, name) in serving {
            let held = tags[pk] ?? []
            let nameTokens = TextNormalizer.tokens(name)
            let isTheirs = requests.contains { request in
                request.exactTags.contains(where: held.contains) && Self.servingPlace(nameTokens, for: request) == nil
            }
            if !isTheirs { pks.remove(pk) }
        }
    }

    /// The first `countCap` rows of the tags' statement (as a set): read from the tags' rows
    /// within the limits when the budget leaves few products and they are fewer than the cap.
    private func tagMatches(_ db: Database, _ tags: [String], limits: HardLimits, purposeMask mask: Int) throws
        -> Set<Int64>
    {
        if try fewPriced(db, limits: limits) {
            var rows: [Int64] = []
            for tag in tags {
                for row in try tagRows(db, tag, limits: limits) where mask == 0 || row.purposes & mask != 0 {
                    rows.append(row.pk)
                }
            }
            // Every row fits under the cap: the statement would give them all.
            if rows.count <= Self.countCap { return Set(rows) }
        }
        // The statement over all the tags gives each tag's rows in turn (tags in order, each
        // range in key order), up to the cap: each tag's first `countCap` rows, read once per
        // memo (a follow-up's answers keep some of their interests), give the same set.
        var pks = Set<Int64>()
        for tag in tags.sorted() {
            let range = MatchRequests.goodPKsRequest(
                sources: [MatchRequests.goodByTags([tag], limits: limits, purposeMask: mask)], cap: Self.countCap)
            for pk in try memoPKs(db, range) {
                pks.insert(pk)
                if pks.count == Self.countCap { return pks }
            }
        }
        return pks
    }

    /// The full-text matches of `query` within `limits` with a wished purpose, in pk order (as
    /// the search gives them), handed to `body` `countCap` at a time until it returns false.
    private func forEachTextMatchBatch(
        _ db: Database, _ query: String, profile: RecipientProfile, limits: HardLimits, purposeMask mask: Int,
        _ body: ([Int64]) throws -> Bool
    ) throws {
        var batch: [Int64] = []
        batch.reserveCapacity(Self.countCap)
        /// Hands over a full (or the last) batch; whether to go on.
        func handOver() throws -> Bool {
            defer { batch.removeAll(keepingCapacity: true) }
            return try batch.isEmpty || body(batch)
        }
        if try profile == self.profile || memo.hasTextHits(db, query, limits: limits, weights: weights) {
            // Their own profile: the candidates read these hits too.
            for hit in try textHits(db, query, limits: limits) where mask == 0 || hit.purposes & mask != 0 {
                batch.append(hit.pk)
                if batch.count == Self.countCap, try !handOver() { return }
            }
            _ = try handOver()
            return
        }
        let request =
            try fewPriced(db, limits: limits)
            ? MatchRequests.goodByTextWithinPrice(query, limits: limits, purposeMask: mask)
            : MatchRequests.goodByText(query, limits: limits, purposeMask: mask)
        var goOn = true
        try MatchRequests.forEachPK(db, request) { pk in
            batch.append(pk)
            if batch.count == Self.countCap { goOn = try handOver() }
            return goOn
        }
        if goOn { _ = try handOver() }
    }

    /// Whether their interest's tag alone already gives a full retrieval (`perSource` products
    /// within the limits): its products were tagged from the same words the text search would use,
    /// so on a large, well-tagged catalog the tag range stands in for the full-text search and
    /// the words are then weighed in Swift. Counting and retrieval use this one rule.
    func tagSuffices(_ db: Database, _ request: InterestRequest, limits: HardLimits, purposeMask: Int) throws -> Bool {
        guard request.specificity == .same, let interest = request.interest else { return false }
        if try fewPriced(db, limits: limits) {
            // Few products within the budget: the tag's rows within the limits, read once for
            // every purpose (relaxations try several).
            let rows = try tagRows(db, interest.id, limits: limits)
            return rows.lazy.filter { purposeMask == 0 || $0.purposes & purposeMask != 0 }.count >= Self.perSource
        }
        // The very range the candidates take for the tag: read once, counted here.
        let range = MatchRequests.taggedRequest(
            interest.id, limits: limits, purposeMask: purposeMask, count: Self.perSource)
        return try memoPKs(db, range).count >= Self.perSource
    }

    /// The `offset`-th cheapest good match priced above the budget (0 = the cheapest), ignoring
    /// the budget: what the budget must reach to open that many more. In the budget's currency.
    func goodPrice(_ db: Database, profile: RecipientProfile, offset: Int) throws -> Money? {
        guard let budget = profile.budgetMax else { return nil }
        var unlimited = profile
        unlimited.budgetMax = nil
        let currency = try currencyContext(db)
        let pks = try goodPKs(db, profile: unlimited)
        var prices: [Int64] = []
        for (code, price) in try MatchRequests.prices(db, pks: Array(pks)) {
            // Compared only through the shop's rates; other currencies cannot say what to raise to.
            guard let rate = currency.rates.rate(from: code, to: currency.budgetCurrency) else { continue }
            let converted = Int64((Double(price) * rate).rounded(.up))
            if converted > budget.minorUnits { prices.append(converted) }
        }
        prices.sort()
        // Fewer comparable than hoped for: the dearest one still opens something.
        return prices.isEmpty ? nil : Money(minorUnits: prices[min(offset, prices.count - 1)])
    }

    /// Resolved requests for a profile (relaxed profiles too).
    func requests(_ db: Database, for profile: RecipientProfile) throws -> [InterestRequest] {
        profile.interests == self.profile.interests
            ? requests : try Self.resolve(profile.interests, taxonomy: taxonomy, memo: memo, db: db).requests
    }

    /// When nothing matches their words, says whether the budget, what it is for or their age
    /// removed what did: "nothing within $40 matches scuba diving". With several interests and
    /// good matches for some, says so of each interest left with none: a trial answered
    /// "football and minecraft", "just for fun", and saw five football figures and no word of
    /// the Minecraft gifts, all of them educational or crafty.
    /// - Parameter covered: the interests (by index) a good candidate already matches: never
    ///   counted again.
    func removedByLimitsNotes(_ db: Database, goodCount: Int, covered: Set<Int> = []) throws -> [String] {
        guard !requests.isEmpty else { return [] }
        if goodCount == 0 {
            let said = requests.map(\.said).joined(separator: " or ")
            return try limitNote(db, for: profile, said: said).map { [$0] } ?? []
        }
        guard requests.count > 1 else { return [] }
        var notes: [String] = []
        /// Wishes no gift here matches well within any of their answers.
        var unmatched: [String] = []
        // A wish whose kind they set aside after a list ("not like 1": "other space gifts") is
        // theirs to have dropped: saying no gift matches it would be untrue.
        for (index, request) in requests.enumerated()
        where !covered.contains(index) && critique.avoidedInterests.isDisjoint(with: requestTags[index]) {
            var alone = profile
            alone.interests = [request.said]
            guard try goodPKs(db, profile: alone).isEmpty else { continue }
            if let note = try limitNote(db, for: alone, said: request.said) {
                notes.append(note)
            } else {
                unmatched.append(request.said)
            }
        }
        // Said, or a list for "titanic" alone reads as if "shipwrecks" had been heard and matched.
        if !unmatched.isEmpty {
            let listed = requests.indices.filter(covered.contains).map { "\"\(requests[$0].said)\"" }
            let missing = AnswerParser.orList(unmatched.map { "\"\($0)\"" })
            notes.append(
                "no gift here is a good match for \(missing)"
                    + (listed.isEmpty ? "" : ": the list is for \(AnswerParser.andList(listed))"))
        }
        return notes
    }

    /// Which limit removed every good match of `profile` (one of this query's, or this query's
    /// with fewer interests), said of `said`.
    private func limitNote(_ db: Database, for profile: RecipientProfile, said: String) throws -> String? {
        var unbudgeted = profile
        unbudgeted.budgetMax = nil
        unbudgeted.budgetMin = nil
        if let budget = profile.budgetMax, try !goodPKs(db, profile: unbudgeted).isEmpty {
            let currency = try currencyContext(db)
            // No price can be compared with the budget at all: the currency note says why, alone.
            if currency.comparable.isEmpty && !currency.catalogCurrencies.isEmpty { return nil }
            return "nothing within \(budget.formatted(currency: currency.budgetCurrency)) matches \(said)"
        }
        // What they want it to be for, before their age: a trial was told the train gifts were
        // "all made for other ages" when eleven suited the 3-year-old and none was educational.
        var anyPurpose = unbudgeted
        anyPurpose.purposes = []
        if !profile.purposes.isEmpty, try !goodPKs(db, profile: anyPurpose).isEmpty {
            let wanted = profile.purposes.sorted().map(\.adjective)
            return "none of the gifts that match \(said) for their age is \(AnswerParser.orList(wanted))"
        }
        let anyAge = try goodPKs(db, profile: unbudgeted, ignoringAge: true)
        if !anyAge.isEmpty {
            // Under 3, a gift whose seller states no age is never offered: say so when that is why.
            if profile.ageMonths < AgeRange.unknownMinimumSafeFromMonths {
                let unstated = try MatchRequests.countWithoutStatedAge(db, pks: Array(anyAge))
                if unstated == anyAge.count {
                    return "the gifts that match \(said) state no age, and a gift without one is never offered to a "
                        + "child under 3"
                }
                if unstated > 0 {
                    // One clause after another: the terminal shows a note in parentheses already.
                    return "the gifts that match \(said) are made for other ages or state none; under 3 a gift must "
                        + "state its age, and age is never relaxed"
                }
            }
            return "the gifts that match \(said) are all made for other ages (age is never relaxed)"
        }
        return nil
    }

    /// A note when products were left out because their currency cannot be compared with the budget.
    func currencyNote(_ db: Database) throws -> String? {
        guard profile.budgetMax != nil || profile.budgetMin != nil else { return nil }
        let currency = try currencyContext(db)
        let comparable = currency.comparable
        let others = currency.catalogCurrencies.filter { !comparable.contains($0) }
        guard !others.isEmpty else { return nil }
        let count = try MatchRequests.countUncomparable(
            db, currencies: comparable.isEmpty ? [currency.budgetCurrency] : comparable)
        guard count > 0 else { return nil }
        let noun = count == 1 ? "product" : "products"
        return
            "\(count) \(noun) priced in \(others.joined(separator: ", ")) left out: the budget is in \(currency.budgetCurrency) and the shop gave no exchange rate"
    }
}
