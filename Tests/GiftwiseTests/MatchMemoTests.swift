import Foundation
import GRDB
import Testing

@testable import Giftwise

/// The matcher's shortcuts give exactly what the plain statements give: the streamed good-match
/// union, the relevance ranking read from one search's hits, and a memo shared between queries.
/// Statement counts (from SQLite's trace hook) show each full-text search runs once per read.
struct MatchMemoTests {
    static let profiles: [RecipientProfile] = [
        RecipientProfile(ageYears: 7, interests: ["dinosaurs"], purposes: [.educational], budgetMax: Money(30)),
        RecipientProfile(ageYears: 7, interests: ["dinosaurs", "drawing"], budgetMax: Money(40)),
        RecipientProfile(ageYears: 12, interests: ["board games", "pirates"], excludedWords: ["dice"]),
        RecipientProfile(ageYears: 35, interests: ["coffee", "scuba diving"], purposes: [.fun]),
        RecipientProfile(ageYears: 6, interests: ["dinosaurs"], purposes: [.sporty], budgetMax: Money(3)),
        RecipientProfile(ageYears: 9, interests: ["famous buildings", "space"], budgetMax: Money(25)),
        RecipientProfile(ageYears: 4, interests: ["trains"], purposes: [.fun, .crafty]),
    ]

    /// The statements `body` runs on `catalog`.
    private func statements(in catalog: GiftCatalog, _ body: () throws -> Void) throws -> [String] {
        try TestSupport.statements(in: catalog, expanded: false, body)
    }

    private func query(_ profile: RecipientProfile, _ catalog: GiftCatalog, memo: MatchMemo = MatchMemo()) throws
        -> MatchQuery
    {
        try MatchQuery(
            profile: profile, history: .none, critique: Critique(), taxonomy: catalog.taxonomy, weights: .default,
            semantic: catalog.semantic, memo: memo)
    }

    /// Many dinosaur gifts, few of them tagged: counts reach the cap through tags and text together.
    private func largeCatalog() throws -> GiftCatalog {
        let catalog = try TestSupport.emptyCatalog()
        var csv = TestSupport.header
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        for index in 0..<2_400 {
            // Distinct names ("Dinosaur Kit bcd"): no two are variants of one gift.
            let word = String([letters[index % 26], letters[(index / 26) % 26], letters[(index / 676) % 26]])
            let tags = index % 30 == 0 ? "dinosaurs" : "crafts"
            let purpose = ["educational", "fun", "crafty", "sporty"][index % 4]
            let price = Double(2 + index % 50)
            csv += "d-\(index),Dinosaur Kit \(word),A dinosaur to build,\(price),USD,5,10,\(tags),\(purpose),,true\n"
        }
        try TestSupport.importCSV(csv, into: catalog)
        return catalog
    }

    @Test func goodMatchesEqualThePlainStatements() throws {
        for catalog in [try TestSupport.defaultCatalog(), try largeCatalog()] {
            var profiles = Self.profiles
            profiles.append(RecipientProfile(ageYears: 7, interests: ["dinosaurs"], budgetMax: Money(45)))
            profiles.append(RecipientProfile(ageYears: 7, interests: ["dinosaurs", "crafts"]))
            for profile in profiles {
                try catalog.database.read { db in
                    // Their own profile, then changed ones (as relaxations count them) on one memo.
                    let query = try query(profile, catalog)
                    var variants = [profile]
                    for budget in [nil, 3.0, 12, 60] {
                        var changed = profile
                        changed.budgetMax = budget.map { Money($0) }
                        variants.append(changed)
                        changed.purposes = []
                        variants.append(changed)
                    }
                    for variant in variants {
                        let plain = try query.plainGood(db, variant)
                        #expect(try query.goodPKs(db, profile: variant, useMeaning: false) == plain, "\(variant)")
                    }
                }
            }
        }
    }

    @Test func readingByPriceFindsTheSameTextMatches() throws {
        var sufficed = 0
        defer { #expect(sufficed > 0) }
        for catalog in [try TestSupport.defaultCatalog(), try largeCatalog()] {
            for budget in [3.0, 8, 20] {
                // "crafts" fills the large catalog's tag range: enough within the budget to suffice.
                for profile in Self.profiles + [RecipientProfile(ageYears: 7, interests: ["crafts"])] {
                    var profile = profile
                    profile.budgetMax = Money(budget)
                    let query = try query(profile, catalog)
                    try catalog.database.read { db in
                        let limits = query.hardLimits(profile, currency: try query.currencyContext(db))
                        #expect(try query.fewPriced(db, limits: limits))
                        let mask = Purpose.mask(profile.purposes)
                        for request in query.requests {
                            guard let text = request.textQuery else { continue }
                            let byHits = try MatchRequests.pks(
                                db, MatchRequests.goodByText(text, limits: limits, purposeMask: mask))
                            let byPrice = try MatchRequests.pks(
                                db, MatchRequests.goodByTextWithinPrice(text, limits: limits, purposeMask: mask))
                            #expect(Set(byHits) == Set(byPrice), "\(request.said) \(budget)")
                            #expect(byPrice.count == Set(byPrice).count)
                            // A tag's range read once for every purpose says what the counting statement says.
                            if let interest = request.interest, request.specificity == .same {
                                let counted = try MatchRequests.count(
                                    db,
                                    MatchRequests.taggedRequest(
                                        interest.id, limits: limits, purposeMask: mask, count: MatchQuery.perSource))
                                let suffices = try query.tagSuffices(db, request, limits: limits, purposeMask: mask)
                                #expect(suffices == (counted >= MatchQuery.perSource), "\(request.said)")
                                if counted >= MatchQuery.perSource { sufficed += 1 }
                            }
                        }
                    }
                }
            }
        }
    }

    @Test func countsReachTheCapOnALargeCatalog() throws {
        let catalog = try largeCatalog()
        let profile = RecipientProfile(ageYears: 7, interests: ["dinosaurs"])
        #expect(try catalog.recommend(for: profile).goodMatchCount == MatchQuery.countCap)
    }

    @Test func relevanceFromTheSearchHitsEqualsTheRankedStatement() throws {
        for catalog in [try TestSupport.defaultCatalog(), try largeCatalog()] {
            for profile in Self.profiles {
                let query = try query(profile, catalog)
                try catalog.database.read { db in
                    let limits = query.hardLimits(profile, currency: try query.currencyContext(db))
                    for request in query.requests {
                        guard let text = request.textQuery else { continue }
                        for count in [1, 3, 120] {
                            let rows = try MatchRequests.rows(
                                db, MatchRequests.textRequest(text, limits: limits, weights: .default, count: count))
                            let ranked = try query.rankedText(db, text, limits: limits, count: count)
                            #expect(rows.map { $0[0] as Int64 } == ranked.map(\.pk), "\(request.said) \(count)")
                            #expect(rows.map { $0[1] as Double } == ranked.map(\.relevance), "\(request.said)")
                        }
                    }
                }
            }
        }
    }

    @Test func aSharedMemoChangesNoRecommendation() throws {
        let catalog = try TestSupport.defaultCatalog()
        let matcher = Matcher(catalog: catalog)
        let critiques = [
            Critique(), Critique(avoidedInterests: ["camping", "hiking"]), Critique(favouredPurposes: [.crafty]),
            Critique(rejectedProductIDs: ["d-001"], favouredInterests: ["art"]),
        ]
        try catalog.database.read { db in
            let shared = MatchMemo()
            for profile in Self.profiles {
                for critique in critiques {
                    let alone = try matcher.recommend(db, for: profile, limit: 5, critique: critique)
                    let sharing = try matcher.recommend(db, for: profile, limit: 5, critique: critique, memo: shared)
                    #expect(alone == sharing, "\(profile) \(critique)")
                }
            }
        }
    }

    @Test func relaxationsThatChangeOnlyThePurposeSearchTheTextOnce() throws {
        let catalog = try TestSupport.defaultCatalog()
        // Sporty dinosaur gifts for 3 dollars: none. The relaxations drop or swap the purpose
        // (same limits: one search) and raise the budget (other limits: one more).
        let profile = RecipientProfile(ageYears: 6, interests: ["dinosaurs"], purposes: [.sporty], budgetMax: Money(3))
        var result: Recommendations?
        let run = try statements(in: catalog) { result = try catalog.recommend(for: profile) }
        #expect(result.map { !$0.relaxations.isEmpty } == true)
        let dinosaurSearches = run.filter { $0.contains("product_fts MATCH") && $0.contains("JOIN product p") }
        // Before the memo: one per count and one per candidate list, a dozen or more.
        #expect(dinosaurSearches.count <= 6, "\(dinosaurSearches.joined(separator: "\n"))")
    }

    @Test func choosingAFollowUpSearchesEachTextOnce() throws {
        let catalog = try TestSupport.defaultCatalog()
        var flow = QuestionFlow()
        for answer in ["7", "dinosaurs, drawing", "educational"] { try flow.answer(answer, in: catalog) }
        let run = try statements(in: catalog) { try flow.answer("40", in: catalog) }
        let searches = run.filter { $0.contains("product_fts MATCH") && $0.contains("JOIN product p") }
        // Two interests, one set of limits: the count, the survey, the list before and each
        // answer's list all read the same two searches.
        #expect(searches.count <= 2, "\(searches.count) searches")
        #expect(run.filter { $0.hasPrefix("BEGIN") }.count == 1)
    }
}

extension MatchQuery {
    /// Good matches by words and tags as the plain statements give them (for the tests): the
    /// tags' first rows, then each interest's first text matches whose words are really there.
    fileprivate func plainGood(_ db: Database, _ profile: RecipientProfile) throws -> Set<Int64> {
        let limits = hardLimits(profile, currency: try currencyContext(db))
        let mask = Purpose.mask(profile.purposes)
        let requests = try requests(db, for: profile)
        let tags = Array(Set(requests.flatMap(\.exactTags))).sorted()
        var pks =
            tags.isEmpty
            ? Set<Int64>()
            : Set(
                try MatchRequests.goodPKs(
                    db, sources: [MatchRequests.goodByTags(tags, limits: limits, purposeMask: mask)],
                    cap: Self.countCap))
        for request in requests where pks.count < Self.countCap {
            guard let text = request.textQuery else { continue }
            let range = MatchRequests.taggedRequest(
                request.interest?.id ?? "", limits: limits, purposeMask: mask, count: Self.perSource)
            if request.specificity == .same, request.interest != nil,
                try MatchRequests.count(db, range) >= Self.perSource
            {
                continue
            }
            let found = try MatchRequests.goodPKs(
                db, sources: [MatchRequests.goodByText(text, limits: limits, purposeMask: mask)], cap: Self.countCap)
            let unseen = found.filter { !pks.contains($0) }
            for product in try MatchRequests.texts(db, pks: unseen) where pks.count < Self.countCap {
                switch Self.place(of: request, name: product.name, description: product.description) {
                case .name: pks.insert(product.pk)
                case .description:
                    // Once, in a product not about it by meaning: a passing mention (the rule itself
                    // is tested in PassingMentionTests).
                    let similarity =
                        try similarities(db, to: [request.meaningText], pks: [product.pk])[request.meaningText]?[
                            product.pk] ?? 0
                    if semantic == nil
                        || !isPassingMention(
                            of: request, name: product.name, description: product.description, similarity: similarity)
                    {
                        pks.insert(product.pk)
                    }
                case .stem, .passing, .partySupply, .miniature, .apart, .part, .madeFor, .carrier: break
                }
            }
        }
        return pks
    }
}
