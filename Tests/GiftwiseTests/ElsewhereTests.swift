import Foundation
import Testing

@testable import Giftwise

/// When the catalog is not the answer, `Recommendations.elsewhere` names gift ideas to look for
/// outside it: for partial and none results, never for good ones, always for their age.
struct ElsewhereTests {
    /// The small seed catalog: a dinosaur dig (6–10, educational, $16.99), a paint set (5+,
    /// crafty, $12.50) and a junior football (4–8, sporty, $9.99).
    func seededCatalog() throws -> GiftCatalog {
        let catalog = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(TestSupport.seedCSV, into: catalog)
        return catalog
    }

    @Test func aGoodResultPointsNowhereElse() throws {
        // Given a catalog with a dinosaur gift for a 7-year-old
        let catalog = try seededCatalog()
        // When a dinosaur fan of 7 asks
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 7, interests: ["dinosaurs"]))
        // Then the catalog is the answer
        #expect(result.fit == .good)
        #expect(result.elsewhere.isEmpty)
        #expect(result.elsewhereFor.isEmpty)
    }

    @Test func aPartialResultNamesIdeasForTheirInterestAndAge() throws {
        // Given only an educational dinosaur gift, and a wish for something sporty
        let catalog = try seededCatalog()
        let profile = RecipientProfile(ageYears: 7, interests: ["dinosaurs"], purposes: [.sporty])
        let result = try catalog.recommend(for: profile)
        #expect(result.fit == .partial)
        // Then dinosaur ideas for a 7-year-old are named, exactly those the ideas file has for that age
        let expected = catalog.giftIdeas.ideas(for: "dinosaurs", ageMonths: 84).prefix(Elsewhere.perInterest).map(
            \.idea)
        #expect(result.elsewhere == expected)
        #expect(result.elsewhere.count == 3)
        #expect(
            result.elsewhereFor == [
                ElsewhereIdeas(
                    said: "dinosaurs", interestID: "dinosaurs", interestLabel: "Dinosaurs",
                    isApproximate: false, ideas: expected)
            ])
    }

    @Test func aNoneResultNamesIdeas() throws {
        // Given nothing under $5 for a dinosaur fan
        let catalog = try seededCatalog()
        let result = try catalog.recommend(
            for: RecipientProfile(ageYears: 7, interests: ["dinos"], budgetMax: Money(5)))
        #expect(result.fit == .none)
        #expect(result.elsewhere.count == 3)
        #expect(result.elsewhereFor.first?.said == "dinos")
        #expect(result.elsewhereFor.first?.isApproximate == false, "an alias names the interest itself")
    }

    /// "no books" had been offered "a picture book that names each dinosaur" elsewhere, while the
    /// list avoided books: what they avoid is avoided in the ideas too (in its forms), and an
    /// interest they avoid whole gives none.
    @Test func ideasAvoidWhatTheyAskedToAvoid() throws {
        let catalog = try seededCatalog()
        let all = catalog.giftIdeas.ideas(for: "dinosaurs", ageMonths: 48).map(\.idea)
        #expect(all.contains { $0.contains("book") }, "the ideas file has a dinosaur book at 4")
        let result = try catalog.recommend(
            for: RecipientProfile(ageYears: 4, interests: ["dinosaurs"], purposes: [.sporty], excludedWords: ["books"]))
        #expect(result.fit != .good)
        #expect(result.elsewhere.count == 3)
        #expect(result.elsewhere.allSatisfy { !TextNormalizer.tokens($0).contains { $0.hasPrefix("book") } })
        // Typed as people say it ("--exclude 'no books'"), as the list reads it.
        let typed = try catalog.recommend(
            for: RecipientProfile(
                ageYears: 4, interests: ["dinosaurs"], purposes: [.sporty], excludedWords: ["no books"]))
        #expect(typed.elsewhere == result.elsewhere)
        let whole = try catalog.recommend(
            for: RecipientProfile(
                ageYears: 7, interests: ["dinosaurs", "space"], purposes: [.sporty], excludedWords: ["dinosaurs"]))
        #expect(whole.elsewhereFor.map(\.interestID) == ["space"])
        #expect(Elsewhere.isAForm("snorkelling", of: "snorkel"))
        #expect(!Elsewhere.isAForm("bookmark", of: "book"))
    }

    @Test func ideasFollowTheAgeStrictly() throws {
        let catalog = try seededCatalog()
        for months in [6, 18, 30, 48, 84, 150, 200, 480, 900] {
            let result = try catalog.recommend(
                for: RecipientProfile(ageMonths: months, interests: ["space"], budgetMax: Money(1)))
            #expect(result.fit == .none)
            #expect(result.elsewhere.count == 3, "\(months) months")
            let suitable = Set(catalog.giftIdeas.ideas(for: "space", ageMonths: months).map(\.idea))
            #expect(result.elsewhere.allSatisfy(suitable.contains), "\(months) months: \(result.elsewhere)")
        }
    }

    @Test(arguments: [1, 2, 3, 5])
    func everyInterestShownToAYoungChildIsSafe(ageYears: Int) throws {
        // An empty catalog: nothing fits, so the ideas for every interest are shown.
        let catalog = try TestSupport.emptyCatalog()
        for interest in catalog.taxonomy.interests {
            let result = try catalog.recommend(
                for: RecipientProfile(ageYears: Double(ageYears), interests: [interest.label]))
            #expect(result.fit == .none)
            #expect(result.elsewhereFor.first?.interestID == interest.id, "\(interest.label) resolves to itself")
            #expect(result.elsewhere.count == 3, "\(interest.id) at \(ageYears)")
            for idea in result.elsewhere {
                #expect(GiftIdeasTests.unsafeWords(in: idea).isEmpty, "\(interest.id) at \(ageYears): \(idea)")
            }
        }
    }

    @Test func aWordOnlyInsideAnInterestIsMarkedAsTheClosestWeKnow() throws {
        // "cave diving" is not one of the taxonomy's words; "diving", inside it, is.
        let catalog = try TestSupport.emptyCatalog()
        let result = try catalog.recommend(
            for: RecipientProfile(ageYears: 35, interests: ["cave diving"], budgetMax: Money(40)))
        let group = try #require(result.elsewhereFor.first)
        #expect(group.said == "cave diving")
        #expect(group.isApproximate)
        #expect(catalog.taxonomy.interest(id: group.interestID) != nil)
        #expect(!result.elsewhere.isEmpty)
    }

    @Test func anInterestNobodyKnowsGetsNoGuess() throws {
        let catalog = try seededCatalog()
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 30, interests: ["zyxwv"]))
        #expect(result.fit != .good)
        #expect(result.elsewhere.isEmpty)
        #expect(result.unrecognisedInterests == ["zyxwv"])
    }

    @Test func severalInterestsTakeTurnsWithinTheCap() throws {
        let catalog = try TestSupport.emptyCatalog()
        let profile = RecipientProfile(ageYears: 10, interests: ["chess", "baking", "dinos", "dinosaurs", "birds"])
        let result = try catalog.recommend(for: profile)
        #expect(result.elsewhere.count == Elsewhere.total)
        // "dinos" and "dinosaurs" are one interest; each of the others gets a turn before any gets a third.
        #expect(result.elsewhereFor.map(\.interestID) == ["chess", "baking", "dinosaurs", "birds"])
        #expect(result.elsewhereFor.map(\.ideas.count) == [2, 2, 1, 1])
        #expect(result.elsewhere == result.elsewhereFor.flatMap(\.ideas))
        #expect(Set(result.elsewhere).count == result.elsewhere.count)
    }

    @Test func noInterestsMeansNoIdeas() throws {
        let catalog = try seededCatalog()
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 7, budgetMax: Money(1)))
        #expect(result.fit == .none)
        #expect(result.elsewhere.isEmpty)
    }

    @Test func anAppCanBringItsOwnIdeas() throws {
        var catalog = try seededCatalog()
        catalog.giftIdeas = try GiftIdeas(
            jsonData: Data(
                """
                {"dinosaurs": [{"idea": "a dinosaur-shaped cake from the bakery next door", "ageMin": 3}]}
                """.utf8), taxonomy: catalog.taxonomy)
        let result = try catalog.recommend(
            for: RecipientProfile(ageYears: 7, interests: ["dinosaurs"], budgetMax: Money(5)))
        #expect(result.elsewhere == ["a dinosaur-shaped cake from the bakery next door"])
        catalog.giftIdeas = .none
        #expect(
            try catalog.recommend(for: RecipientProfile(ageYears: 7, interests: ["dinosaurs"], budgetMax: Money(5)))
                .elsewhere.isEmpty)
    }
}

/// A shop's ideas file stored in the catalog.
struct ShopGiftIdeasTests {
    @Test func aStoredFileOverridesPerInterestAndSurvivesReopening() throws {
        // Given a catalog file with the shop's own dinosaur ideas
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "giftwise-shopideas-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("shop.sqlite").path
        var catalog = try GiftCatalog(path: path)
        try catalog.importGiftIdeas(
            data: Data(
                """
                {"dinosaurs": [{"idea": "a dinosaur cake from the bakery next door", "ageMin": 3}], "chess": []}
                """.utf8))
        // When it is opened again
        var reopened = try GiftCatalog(path: path)
        // Then its ideas apply to the interests it names, and the bundled ones to the rest
        #expect(
            reopened.giftIdeas.ideas(for: "dinosaurs", ageMonths: 84).map(\.idea) == [
                "a dinosaur cake from the bakery next door"
            ])
        #expect(reopened.giftIdeas.ideas(for: "chess", ageMonths: 84).isEmpty)
        #expect(
            reopened.giftIdeas.ideas(for: "space", ageMonths: 84)
                == GiftIdeas.bundled.ideas(for: "space", ageMonths: 84))
        #expect(try reopened.shopGiftIdeas()?.byInterest.keys.sorted() == ["chess", "dinosaurs"])
        // And forgetting the file brings the bundled ideas back
        try reopened.removeShopGiftIdeas()
        #expect(try GiftCatalog(path: path).giftIdeas == .bundled)
    }

    @Test func anInvalidFileStoresNothing() throws {
        var catalog = try TestSupport.emptyCatalog()
        #expect(throws: GiftwiseError.self) {
            try catalog.importGiftIdeas(
                data: Data(#"{"dinosaurs": [{"idea": "a kit", "ageMin": 9, "ageMax": 3}]}"#.utf8))
        }
        #expect(try catalog.shopGiftIdeas() == nil)
        #expect(catalog.giftIdeas == .bundled)
    }

    @Test func theFileLayoutRoundTrips() throws {
        let order = DefaultCatalog.taxonomy.interests.map(\.id)
        let written = GiftIdeas.bundled.jsonData(interestOrder: order)
        #expect(try GiftIdeas(jsonData: written, taxonomy: DefaultCatalog.taxonomy) == .bundled)
        let fractional = GiftIdeas(byInterest: [
            "dinosaurs": [GiftIdea(idea: "a \"quoted\" idea", ageMin: 0.5, ageMax: 2)]
        ])
        #expect(try GiftIdeas(jsonData: fractional.jsonData()) == fractional)
    }
}

/// Words the taxonomy does not know, resolved by meaning when a nearest-interest signal is given.
struct ElsewhereByMeaningTests {
    @Test func theNearestInterestByMeaningGivesIdeasMarkedAsAnApproximation() throws {
        let taxonomy = DefaultCatalog.taxonomy
        let diving = try #require(taxonomy.interest(id: "diving"))
        let elsewhere = Elsewhere(
            ideas: .bundled, taxonomy: taxonomy,
            nearestByMeaning: { $0 == "liveaboard" ? diving : nil })
        let groups = elsewhere.groups(for: RecipientProfile(ageYears: 30, interests: ["liveaboard", "qwzx"]))
        #expect(groups.map(\.interestID) == ["diving"])
        #expect(groups.first?.isApproximate == true)
        #expect(groups.first?.said == "liveaboard")
    }

    @Test func nothingCloseMeansNothingSaid() {
        let elsewhere = Elsewhere(ideas: .bundled, taxonomy: DefaultCatalog.taxonomy, nearestByMeaning: { _ in nil })
        #expect(elsewhere.groups(for: RecipientProfile(ageYears: 30, interests: ["qwzx"])).isEmpty)
    }
}

/// The semantic signal stands in only for a clear neighbour in meaning.
struct ElsewhereSemanticTests {
    @Test func aWordTheTaxonomyLacksGetsTheClearlyNearestInterestAsAnApproximation() throws {
        let catalog = try TestSupport.emptyCatalog()
        #expect(catalog.taxonomy.resolve("cricket") == nil)
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 9, interests: ["cricket"]))
        let group = try #require(result.elsewhereFor.first)
        #expect(group.isApproximate)
        #expect(
            ["baseball", "racket-sports", "soccer"].contains(group.interestID),
            "a bat-and-ball sport, not \(group.interestID)")
        #expect(result.elsewhere.count == 3)
    }

    @Test(arguments: ["xyzzy", "qwzx", "guns", "spreadsheets"])
    func nothingClearlyNearMeansNoIdeas(said: String) throws {
        let catalog = try TestSupport.emptyCatalog()
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 9, interests: [said]))
        #expect(result.elsewhere.isEmpty, "\(said): \(result.elsewhereFor.map(\.interestID))")
    }

    @Test func aClearSlipGetsTheIdeasOfWhatTheyMeant() throws {
        // "badmington" had no ideas (nothing near it by meaning); it is read as badminton now.
        let catalog = try TestSupport.emptyCatalog()
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 9, interests: ["badmington"]))
        #expect(result.notes.contains("read \"badmington\" as \"badminton\""))
        #expect(result.elsewhereFor.map(\.interestID) == ["racket-sports"])
    }
}
