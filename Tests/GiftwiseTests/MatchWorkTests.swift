import Foundation
import GRDB
import Testing

@testable import Giftwise

/// The matcher does no work twice within one read, and none for products that cannot be listed:
/// a question-flow step runs each statement once, vectors and products are read only for
/// candidates that can be good, and the shortcuts give exactly what the plain reads give.
/// Statements are counted through SQLite's trace hook, never timed.
struct MatchWorkTests {
    private func query(_ profile: RecipientProfile, _ catalog: GiftCatalog, memo: MatchMemo = MatchMemo())
        throws -> MatchQuery
    {
        try MatchQuery(
            profile: profile, history: .none, critique: Critique(), taxonomy: catalog.taxonomy, weights: .default,
            semantic: catalog.semantic, memo: memo)
    }

    /// Statements with their arguments, leaving out FTS5's own reads of its shadow tables.
    private func statements(in catalog: GiftCatalog, _ body: () throws -> Void) throws -> [String] {
        try TestSupport.statements(in: catalog, expanded: true, body).filter { !$0.contains("'main'.") }
    }

    /// Products whose rows `run` read for candidates (the pks of each product read).
    private func productReads(_ run: [String]) -> [Int64] {
        run.filter { $0.hasPrefix("SELECT p.pk, p.id, p.name") }.flatMap { statement -> [Int64] in
            guard let open = statement.range(of: "json_each('["), let close = statement.range(of: "]')") else {
                return []
            }
            return statement[open.upperBound..<close.lowerBound].split(separator: ",").compactMap { Int64($0) }
        }
    }

    @Test func aFlowStepRunsEachStatementOnce() throws {
        let catalog = try TestSupport.defaultCatalog()
        var flow = QuestionFlow()
        for answer in ["7", "dinosaurs, drawing", "educational", "40"] { try flow.answer(answer, in: catalog) }
        // Skipping "anything to avoid?" chooses the first follow-up: the count, the survey of the
        // candidates, the list before and the list (or count) each answer would give.
        let run = try statements(in: catalog) { try flow.answer("", in: catalog) }
        guard case .followUp = flow.currentQuestion?.id else {
            Issue.record("no follow-up chosen: \(String(describing: flow.currentQuestion?.id))")
            return
        }
        var seen: [String: Int] = [:]
        // (The semantic index's one-row check that it is current is left out: it is not a read of
        // products.)
        for statement in run where statement.hasPrefix("SELECT") && !statement.contains("FROM meta") {
            seen[statement, default: 0] += 1
        }
        let repeated = seen.filter { $0.value > 1 }
        // Before: each tag's best products were read again for every list (a dozen repeats), and
        // each candidate's vector once per interest.
        #expect(repeated.isEmpty, "\(repeated.map { "\($0.value)× \($0.key.prefix(300))" }.joined(separator: "\n"))")
    }

    @Test func vectorsAreReadOnlyForGoodCandidates() throws {
        let catalog = try TestSupport.defaultCatalog()
        // A wished purpose leaves many retrieved candidates not good (other purposes, related tags).
        let profile = RecipientProfile(
            ageYears: 7, interests: ["dinosaurs", "drawing"], purposes: [.educational], budgetMax: Money(40))
        let good = try catalog.database.read { db in
            try query(profile, catalog).candidates(db, limit: 500).filter(\.isGood).map(\.pk)
        }
        let all = try catalog.database.read { db in try query(profile, catalog).candidates(db, limit: 500).count }
        #expect(good.count < all)
        let run = try TestSupport.statements(in: catalog, expanded: false) {
            _ = try catalog.database.read { db in
                try Matcher(catalog: catalog).survey(db, for: profile, critique: Critique(), limit: 500)
            }
        }
        let vectorReads = run.filter { $0.contains("FROM product_vector WHERE product_pk IN") }
        #expect(!vectorReads.isEmpty)
        for read in vectorReads {
            // One placeholder per product whose vector is read (once per thing they said).
            let listed = read.filter { $0 == "?" }.count
            #expect(listed <= good.count, "\(listed) vectors read for \(good.count) good candidates of \(all)")
        }
    }

    @Test func similaritiesForSeveralTextsEqualOneCallPerText() throws {
        let catalog = try TestSupport.defaultCatalog()
        let texts = ["dinosaurs", "scuba diving", "k-pop", "axolotls", "board games"]
        try catalog.database.read { db in
            let pks = Array(1...80).map(Int64.init)
            let together = try catalog.semantic.similarities(db, to: texts, productPKs: pks)
            #expect(together.count == texts.count)
            for (text, values) in zip(texts, together) {
                #expect(values == (try catalog.semantic.similarities(db, to: text, productPKs: pks)), "\(text)")
            }
        }
    }

    @Test func goodCandidatesAloneAreTheGoodOnesOfTheFullList() throws {
        let profiles =
            MatchMemoTests.profiles + [
                RecipientProfile(ageYears: 9, interests: ["lego", "space"], purposes: [.crafty, .fun]),
                RecipientProfile(ageYears: 40, interests: ["coffee"], purposes: [.fun], budgetMax: Money(20)),
            ]
        let critiques = [
            Critique(), Critique(avoidedInterests: ["camping", "hiking"]), Critique(favouredPurposes: [.crafty]),
            Critique(favouredInterests: ["art", "science"]),
        ]
        let catalog = try TestSupport.defaultCatalog()
        var skipped = 0
        try catalog.database.read { db in
            let shared = MatchMemo()
            for profile in profiles {
                for critique in critiques {
                    for limit in [5, 500] {
                        let make = {
                            try MatchQuery(
                                profile: profile, history: .none, critique: critique, taxonomy: catalog.taxonomy,
                                weights: .default, semantic: catalog.semantic, memo: shared)
                        }
                        let full = try make().candidates(db, limit: limit).filter(\.isGood)
                        let good = try make().candidates(db, limit: limit, goodOnly: true)
                        #expect(full.map(\.pk) == good.map(\.pk), "\(profile) \(critique) \(limit)")
                        #expect(full.map(\.score) == good.map(\.score), "\(profile) \(critique) \(limit)")
                        #expect(full.map(\.hits.count) == good.map(\.hits.count))
                    }
                }
            }
        }
        // Products without a wished purpose found only by the purpose-less tag ranges are never
        // read for the good list.
        for profile in profiles where !profile.purposes.isEmpty {
            let alone = try productReads(
                statements(in: catalog) {
                    _ = try catalog.database.read { db in try query(profile, catalog).candidates(db, limit: 500) }
                })
            let goodOnly = try productReads(
                statements(in: catalog) {
                    _ = try catalog.database.read { db in
                        try query(profile, catalog).candidates(db, limit: 500, goodOnly: true)
                    }
                })
            #expect(Set(goodOnly).isSubset(of: Set(alone)))
            if goodOnly.count < alone.count { skipped += 1 }
        }
        #expect(skipped > 0)
    }

    @Test func theSurveyReadsNoTagRangeWithoutTheWishedPurpose() throws {
        let catalog = try TestSupport.defaultCatalog()
        let profile = RecipientProfile(
            ageYears: 7, interests: ["dinosaurs", "drawing"], purposes: [.educational], budgetMax: Money(40))
        let run = try TestSupport.statements(in: catalog, expanded: false) {
            _ = try catalog.database.read { db in
                try Matcher(catalog: catalog).survey(db, for: profile, critique: Critique(), limit: 500)
            }
        }
        // A tag's best products (`ORDER BY … LIMIT`), not its rows read once for every purpose.
        let ranges = run.filter {
            $0.hasPrefix("SELECT pi.product_pk FROM product_interest pi WHERE pi.interest_id = ?")
                && $0.contains("LIMIT")
        }
        #expect(!ranges.isEmpty)
        // Before: each tag's range was read a second time with the purpose left out (products
        // that can never be good); how many they are cannot change what is retrieved here.
        let purposeless = ranges.filter { !$0.contains("pi.purposes &") }
        #expect(purposeless.isEmpty, "\(purposeless)")
    }

    /// Two shop tags, the first with few products, together past the count's cap.
    private func twoTagCatalog() throws -> GiftCatalog {
        let catalog = try TestSupport.emptyCatalog()
        var csv = TestSupport.header
        let letters = Array("abcdefghijklmnopqrstuvwxyz")
        for index in 0..<1_500 {
            let word = String([letters[index % 26], letters[(index / 26) % 26], letters[(index / 676) % 26]])
            // 300 "alpha" products (a third of them also "beta"), 1,300 "beta" ones.
            let tags = index < 300 ? (index % 3 == 0 ? "alphaworks|betaworks" : "alphaworks") : "betaworks"
            let purpose = ["educational", "fun", "crafty"][index % 3]
            csv += "t-\(index),Widget \(word),A thing,\(2 + index % 40),USD,5,12,\(tags),\(purpose),,true\n"
        }
        try TestSupport.importCSV(csv, into: catalog)
        return catalog
    }

    @Test func tagCountsReadTagByTagEqualTheStatementOverAllTags() throws {
        let catalog = try twoTagCatalog()
        var capped = 0
        for profile in [
            RecipientProfile(ageYears: 8, interests: ["alphaworks", "betaworks"]),
            RecipientProfile(ageYears: 8, interests: ["betaworks", "alphaworks"], purposes: [.fun, .crafty]),
            RecipientProfile(ageYears: 8, interests: ["alphaworks", "betaworks"], budgetMax: Money(30)),
            RecipientProfile(ageYears: 8, interests: ["alphaworks"]),
        ] {
            try catalog.database.read { db in
                let query = try query(profile, catalog)
                let limits = query.hardLimits(profile, currency: try query.currencyContext(db))
                let tags = Array(Set(query.requests.flatMap(\.exactTags))).sorted()
                let plain = Set(
                    try MatchRequests.goodPKs(
                        db,
                        sources: [
                            MatchRequests.goodByTags(tags, limits: limits, purposeMask: Purpose.mask(profile.purposes))
                        ],
                        cap: MatchQuery.countCap))
                let read = try query.goodPKs(db, profile: profile, useMeaning: false)
                #expect(read == plain, "\(profile)")
                if plain.count == MatchQuery.countCap { capped += 1 }
            }
        }
        #expect(capped >= 2)
    }

    @Test func aFollowUpAnswerKeepingOneInterestReusesItsTagCount() throws {
        let catalog = try twoTagCatalog()
        let both = RecipientProfile(ageYears: 8, interests: ["betaworks", "alphaworks"])
        let one = RecipientProfile(ageYears: 8, interests: ["alphaworks"])
        let tagReads = { (profiles: [RecipientProfile]) in
            try statements(in: catalog) {
                try catalog.database.read { db in
                    let memo = MatchMemo()
                    for profile in profiles { _ = try query(profile, catalog, memo: memo).countGood(db) }
                }
            }.filter { $0.contains("FROM product_interest") }
        }
        // "alphaworks" alone was read (tag by tag) for both: nothing is read again.
        let first = try tagReads([both])
        #expect(!first.isEmpty)
        #expect(try tagReads([both, one]) == first)
    }

    @Test func phraseWordsFollowThePhrases() {
        var request = InterestRequest(
            said: "model trains", interest: nil, freeTag: nil, phrases: ["model trains", "train set"],
            ownWords: ["model", "trains"], textQuery: nil)
        #expect(request.otherPhraseWords == [["train", "set"]])
        #expect(request.ownSet == ["model", "trains"])
        request.phrases.append("steam  engine")
        request.ownWords = ["trains"]
        #expect(request.otherPhraseWords == [["train", "set"], ["steam", "engine"]])
        #expect(request.ownSet == ["trains"])
        #expect(
            MatchQuery.place(of: request, name: "Wooden Steam Engine", description: "") == .name)
        #expect(MatchQuery.place(of: request, name: "Toy", description: "a real steam engine") == .description)
        // A phrase counts only as a phrase: its words apart say nothing.
        #expect(MatchQuery.place(of: request, name: "Engine", description: "a steam thing") == .stem)
        #expect(MatchQuery.place(of: request, name: "Engine steam", description: "") == .stem)
    }
}

/// Round 5: a good-only list reads and weighs only products that can be good, a query's weighed
/// products are reused within a read, a tag's range is read once for its count and its candidates,
/// and tag rows test the cheap conditions first. Each shortcut gives what the plain path gives.
struct MatchWorkRound5Tests {
    private func query(
        _ profile: RecipientProfile, _ catalog: GiftCatalog, critique: Critique = Critique(),
        history: HistorySignals = .none, memo: MatchMemo = MatchMemo()
    ) throws -> MatchQuery {
        try MatchQuery(
            profile: profile, history: history, critique: critique, taxonomy: catalog.taxonomy, weights: .default,
            semantic: catalog.semantic, memo: memo)
    }

    /// Statements with their arguments, leaving out FTS5's own reads of its shadow tables.
    private func statements(in catalog: GiftCatalog, _ body: () throws -> Void) throws -> [String] {
        try TestSupport.statements(in: catalog, expanded: true, body).filter { !$0.contains("'main'.") }
    }

    /// The ids of the products whose rows a run read for candidates.
    private func productRowsRead(_ run: [String], _ catalog: GiftCatalog) throws -> Set<String> {
        let pks = run.filter { $0.hasPrefix("SELECT p.pk, p.id, p.name") }.flatMap { statement -> [Int64] in
            guard let open = statement.range(of: "json_each('["), let close = statement.range(of: "]')") else {
                return []
            }
            return statement[open.upperBound..<close.lowerBound].split(separator: ",").compactMap { Int64($0) }
        }
        guard !pks.isEmpty else { return [] }
        return try catalog.database.read { db in
            Set(
                try String.fetchAll(
                    db, sql: "SELECT id FROM product WHERE pk IN (\(pks.map(String.init).joined(separator: ",")))"))
        }
    }

    /// Dinosaur kits, and science kits (a related interest of dinosaurs) that say nothing of dinosaurs.
    private func relatedCatalog() throws -> GiftCatalog {
        let catalog = try TestSupport.emptyCatalog()
        var csv = TestSupport.header
        for index in 0..<8 {
            csv +=
                "dino-\(index),Dinosaur Dig Kit \(index),Dig out a skeleton,\(10 + index),USD,6,10,dinosaurs,educational,,true\n"
            csv +=
                "sci-\(index),Chemistry Set \(index),Mix safe crystals,\(10 + index),USD,6,10,science,educational,,true\n"
        }
        try TestSupport.importCSV(csv, into: catalog)
        return catalog
    }

    @Test func aGoodOnlyListReadsNoRowOfAProductThatCannotBeGood() throws {
        let catalog = try relatedCatalog()
        let profile = RecipientProfile(ageYears: 7, interests: ["dinosaurs"], purposes: [.educational])
        // The full list holds the science kits, weak (a related interest); they are retrieved.
        let full = try catalog.database.read { db in try query(profile, catalog).candidates(db, limit: 500) }
        let weak = Set(full.filter { !$0.isGood }.map(\.product.id))
        #expect(weak == Set((0..<8).map { "sci-\($0)" }))
        let run = try statements(in: catalog) {
            _ = try catalog.database.read { db in
                try Matcher(catalog: catalog).survey(db, for: profile, critique: Critique(), limit: 500)
            }
        }
        let read = try productRowsRead(run, catalog)
        // Before: every retrieved product's row was read and weighed, the science kits too.
        #expect(read == Set((0..<8).map { "dino-\($0)" }), "\(read.sorted())")
    }

    @Test func theListBeforeReusesTheSurveysWeighedProducts() throws {
        let catalog = try TestSupport.defaultCatalog()
        let profile = RecipientProfile(
            ageYears: 7, interests: ["dinosaurs", "drawing"], purposes: [.educational], budgetMax: Money(40))
        try catalog.database.read { db in
            let memo = MatchMemo()
            let survey = try Matcher(catalog: catalog).survey(
                db, for: profile, critique: Critique(), limit: 500, memo: memo)
            #expect(survey.items.count > 5)
            let afterSurvey = memo.weighings
            #expect(afterSurvey > 0)
            let list = try Matcher(catalog: catalog).recommend(db, for: profile, limit: 5, memo: memo)
            // Before: the list weighed every one of its candidates again.
            #expect(memo.weighings == afterSurvey)
            #expect(
                list.items.map(\.product.id)
                    == (try Matcher(catalog: catalog).recommend(db, for: profile, limit: 5)).items.map(\.product.id))
        }
    }

    @Test func aTagRangeIsReadOnceForItsCountAndItsCandidates() throws {
        let catalog = try TestSupport.defaultCatalog()
        // (No budget: a budget that leaves few products reads the tag's rows once for any purpose.)
        let profile = RecipientProfile(ageYears: 7, interests: ["dinosaurs"], purposes: [.educational])
        let run = try statements(in: catalog) { _ = try catalog.recommend(for: profile, limit: 5) }
        let ranges = run.filter {
            $0.contains("FROM product_interest pi WHERE pi.interest_id = 'dinosaurs' AND (pi.purposes & 1)")
        }
        // Before: the range was counted (whether the tag alone suffices), then read for the list.
        #expect(ranges.count == 1, "\(ranges.map { $0.prefix(200) })")
        #expect(!run.contains { $0.hasPrefix("SELECT COUNT(*) FROM (SELECT pi.product_pk FROM product_interest") })
    }

    @Test func tagRowsTestThePurposeAndPriceBeforeTheAge() throws {
        let catalog = try TestSupport.defaultCatalog()
        let profile = RecipientProfile(
            ageYears: 7, interests: ["dinosaurs", "drawing"], purposes: [.educational], budgetMax: Money(40))
        let run = try statements(in: catalog) {
            _ = try catalog.database.read { db in
                try Matcher(catalog: catalog).survey(db, for: profile, critique: Critique(), limit: 500)
            }
        }
        let tagRows = run.filter { $0.contains("FROM product_interest pi WHERE pi.interest_id") }
        #expect(!tagRows.isEmpty)
        #expect(tagRows.contains { $0.contains("pi.purposes &") })
        for sql in tagRows {
            guard let price = sql.range(of: "pi.price_minor BETWEEN"), let age = sql.range(of: "pi.age_min_months")
            else {
                Issue.record("missing a condition: \(sql.prefix(300))")
                continue
            }
            // Before: the age's arithmetic came first and the purpose last, on every row of a range.
            #expect(price.lowerBound < age.lowerBound, "\(sql.prefix(300))")
            if let purpose = sql.range(of: "pi.purposes &") {
                #expect(purpose.lowerBound < price.lowerBound, "\(sql.prefix(300))")
            }
        }
    }

    @Test(arguments: [0, 1, 4, 9, 12])
    func reorderedLimitsGiveTheSameRowsInTheSameOrder(purposeMask: Int) throws {
        let catalog = try TestSupport.defaultCatalog()
        try catalog.database.read { db in
            for age in [6, 30, 84, 150, 480] {
                for budget: Int64? in [nil, 1_500, 4_000] {
                    let limits = HardLimits(
                        ageMonths: age, priceRanges: budget.map { ["USD": 0...$0] }, singleCurrency: true, excluded: nil
                    )
                    for tag in ["dinosaurs", "drawing", "science", "lego"] {
                        // The statement as it was written before: limits first, the purpose last.
                        var old: SQL = "pi.in_stock = 1 AND \(AgeRange.admitsSQL(ageMonths: age, alias: "pi"))"
                        if let budget { old += " AND pi.price_minor BETWEEN 0 AND \(budget)" }
                        if purposeMask != 0 { old += " AND (pi.purposes & \(purposeMask)) != 0" }
                        let before = try Int64.fetchAll(
                            db,
                            SQLRequest<Int64>(
                                literal: """
                                    SELECT pi.product_pk FROM product_interest pi WHERE pi.interest_id = \(tag) AND \(old) \
                                    ORDER BY pi.rank, pi.span_fit DESC, pi.product_pk LIMIT 120
                                    """))
                        let now = try MatchRequests.pks(
                            db, MatchRequests.taggedRequest(tag, limits: limits, purposeMask: purposeMask, count: 120))
                        #expect(now == before, "\(tag) \(age) \(String(describing: budget))")
                        let counted = try MatchRequests.pks(
                            db,
                            MatchRequests.goodPKsRequest(
                                sources: [MatchRequests.goodByTags([tag], limits: limits, purposeMask: purposeMask)],
                                cap: 1_000))
                        let countedBefore = try Int64.fetchAll(
                            db,
                            SQLRequest<Int64>(
                                literal: """
                                    SELECT DISTINCT pk FROM (SELECT pi.product_pk AS pk FROM product_interest pi \
                                    WHERE pi.interest_id IN (\(tag)) AND \(old)) LIMIT 1000
                                    """))
                        #expect(counted == countedBefore)
                    }
                }
            }
        }
    }

    @Test func goodOnlyListsAndReusedWeighingsEqualTheFullListWeighedAfresh() throws {
        let catalog = try TestSupport.defaultCatalog()
        let loved = HistorySignals(
            givenProductIDs: [],
            lessons: [
                .init(interests: ["dinosaurs"], productName: "Fossil Kit", positive: true, when: "last year"),
                .init(interests: ["art"], productName: "Paint Set", positive: false, when: "in March"),
            ])
        let profiles =
            MatchMemoTests.profiles + [
                RecipientProfile(ageYears: 9, interests: ["lego", "space"], purposes: [.crafty, .fun]),
                RecipientProfile(
                    ageYears: 7, interests: ["dinosaurs", "drawing"], purposes: [.educational], budgetMax: Money(40)),
            ]
        let critiques = [
            Critique(), Critique(avoidedInterests: ["camping", "hiking"]), Critique(favouredPurposes: [.crafty]),
            Critique(favouredInterests: ["art", "science"]),
        ]
        try catalog.database.read { db in
            for profile in profiles {
                for critique in critiques {
                    for history in [HistorySignals.none, loved] {
                        for limit in [5, 500] {
                            let fresh = try query(profile, catalog, critique: critique, history: history)
                                .candidates(db, limit: limit)
                            let label = "\(profile) \(critique) \(history.lessons.count) \(limit)"
                            // A good-only list first, then the full list in the same memo (it must weigh
                            // again what the good-only list only marked as never good).
                            let memo = MatchMemo()
                            let goodOnly = try query(profile, catalog, critique: critique, history: history, memo: memo)
                                .candidates(db, limit: limit, goodOnly: true)
                            let again = try query(profile, catalog, critique: critique, history: history, memo: memo)
                                .candidates(db, limit: limit, goodOnly: true)
                            let full = try query(profile, catalog, critique: critique, history: history, memo: memo)
                                .candidates(db, limit: limit)
                            let good = fresh.filter(\.isGood)
                            for list in [goodOnly, again] {
                                #expect(list.map(\.pk) == good.map(\.pk), "\(label)")
                                #expect(list.map(\.score) == good.map(\.score), "\(label)")
                                #expect(list.map(\.hits.count) == good.map(\.hits.count), "\(label)")
                            }
                            #expect(full.map(\.pk) == fresh.map(\.pk), "\(label)")
                            #expect(full.map(\.score) == fresh.map(\.score), "\(label)")
                            #expect(full.map(\.isGood) == fresh.map(\.isGood), "\(label)")
                        }
                    }
                }
            }
        }
    }

    @Test func choosingAFollowUpExplainsNoCandidate() throws {
        let catalog = try TestSupport.defaultCatalog()
        var flow = QuestionFlow()
        for answer in ["7", "dinosaurs, drawing", "educational", "40"] { try flow.answer(answer, in: catalog) }
        var explained = -1
        var chosen: QuestionFlow.FollowUp?
        try CatalogReader(catalog).sharingSearches { reader in
            chosen = try flow.nextFollowUp(in: flow.state, reader)
            explained = reader.memo?.explanations ?? -1
        }
        #expect(chosen != nil)
        // Before: the list before and every answer's list were full recommendations, each
        // explaining its best 60 candidates, of which only the ids and the count were compared.
        #expect(explained == 0)
    }

    @Test func topProductIDsAreTheRecommendationsIDsAndCount() throws {
        let catalog = try TestSupport.defaultCatalog()
        let profiles =
            MatchMemoTests.profiles + [
                RecipientProfile(ageYears: 9, interests: ["lego", "space"], purposes: [.crafty, .fun]),
                RecipientProfile(ageYears: 40, interests: []),
                RecipientProfile(ageYears: 30, interests: ["zzzq"]),
            ]
        let critiques = [
            Critique(), Critique(avoidedInterests: ["camping", "hiking"]), Critique(favouredPurposes: [.crafty]),
            Critique(favouredInterests: ["art", "science"], favouredLike: "Dinosaur Fossil Dig Kit"),
        ]
        let matcher = Matcher(catalog: catalog)
        try catalog.database.read { db in
            let shared = MatchMemo()
            for profile in profiles {
                for critique in critiques {
                    for limit in [1, 5, 12] {
                        let full = try matcher.recommend(db, for: profile, limit: limit, critique: critique)
                        for memo in [MatchMemo(), shared] {
                            let top = try matcher.topProductIDs(
                                db, for: profile, limit: limit, critique: critique, memo: memo)
                            #expect(top.ids == full.items.map(\.product.id), "\(profile) \(critique) \(limit)")
                            #expect(top.goodMatchCount == full.goodMatchCount)
                        }
                    }
                }
            }
        }
    }

    @Test func interestsAreResolvedOncePerMemo() throws {
        let catalog = try TestSupport.defaultCatalog()
        let memo = MatchMemo()
        let interests = ["dinosaurs", "drawing", "star wars", "scuba diving", "!!"]
        let first = try query(RecipientProfile(ageYears: 7, interests: interests), catalog, memo: memo)
        let second = try query(
            RecipientProfile(ageYears: 9, interests: interests, purposes: [.fun]), catalog,
            critique: Critique(favouredPurposes: [.crafty]), memo: memo)
        // Before: every query (a flow step makes one per list and count) resolved them again.
        #expect(memo.resolved.count == 1)
        let fresh = MatchQuery.resolve(interests, taxonomy: catalog.taxonomy)
        for made in [first, second] {
            #expect(made.requests.map(\.said) == fresh.requests.map(\.said))
            #expect(made.requests.map(\.phrases) == fresh.requests.map(\.phrases))
            #expect(made.requests.map(\.textQuery) == fresh.requests.map(\.textQuery))
            #expect(made.requests.map(\.exactTags) == fresh.requests.map(\.exactTags))
            #expect(made.requests.map(\.falseFriends) == fresh.requests.map(\.falseFriends))
            #expect(made.notUnderstood == fresh.notUnderstood)
        }
    }

    @Test func wishesAreReadOnceForTheTaxonomysLife() throws {
        let catalog = try TestSupport.defaultCatalog()
        let taxonomy = catalog.taxonomy
        let interests = ["dinosaurs", "loves lego star wars", "scuba diving", "!!"]
        let first = MatchQuery.resolve(interests, taxonomy: taxonomy)
        // Kept, and shared by a copy of the taxonomy.
        let copy = taxonomy
        #expect(copy.readWishes[interests] != nil)
        let again = MatchQuery.resolve(interests, taxonomy: copy)
        // Another taxonomy (the same interests, read apart) reads them afresh, the same way.
        let other = Taxonomy(interests: taxonomy.interests)
        #expect(other.readWishes[interests] == nil)
        let fresh = MatchQuery.resolve(interests, taxonomy: other)
        for made in [again, fresh] {
            #expect(made.requests.map(\.said) == first.requests.map(\.said))
            #expect(made.requests.map(\.phrases) == first.requests.map(\.phrases))
            #expect(made.requests.map(\.textQuery) == first.requests.map(\.textQuery))
            #expect(made.requests.map(\.exactTags) == first.requests.map(\.exactTags))
            #expect(made.notUnderstood == first.notUnderstood)
        }
        #expect(first.notUnderstood.count == 1)
        #expect(first.requests.map(\.said) == ["dinosaurs", "lego star wars", "scuba diving"])
        // Bounded: a service hearing ever new words keeps at most the store's capacity.
        for number in 0...ReadWishes.capacity {
            _ = MatchQuery.resolve(["wish \(number)"], taxonomy: other)
        }
        #expect(other.readWishes.count <= ReadWishes.capacity)
        #expect(other.readWishes.count > 0)
    }

    @Test func variantKeysTakeTheASCIIShortcutExactly() {
        // The key as it was computed before the ASCII shortcut (a verbatim copy).
        let suffixes: Set<String> = ["pack", "piece", "pieces", "inch", "inche", "year", "month", "set", "count"]
        func isMeasure(_ word: String) -> Bool {
            let digits = word.filter(\.isNumber)
            guard !digits.isEmpty else { return false }
            let letters = word.filter { !$0.isNumber }
            return letters.count <= 3 || suffixes.contains(letters)
        }
        func reference(_ tokens: [String]) -> [String] {
            tokens.filter { word in
                !Diversifier.variantWords.contains(word) && !word.allSatisfy(\.isNumber) && !isMeasure(word)
            }
        }
        let words = [
            "dino", "2019", "10pc", "3pack", "x3", "4x", "1st", "v2", "12cm", "500ml", "red", "set", "kit", "½", "٣",
            "x٣", "café", "naïve", "1000pieces", "a1b2c3d4", "", "lego", "ABC", "\u{0}", "12345678901",
        ]
        for word in words {
            #expect(Diversifier.variantKey(tokens: [word]) == reference([word]), "\(word)")
        }
        #expect(Diversifier.variantKey(tokens: words) == reference(words))
    }
}
