import Foundation
import Testing

@testable import Giftwise

/// A specific wish counts under the other names shops give it (the taxonomy's `covers`). Found on
/// the Amazon UK export: "costumes" for an 8-year-old listed an action figure and a badge set,
/// because the shop's "… Animal Fancy Dress" and "Fancy Dress Accessory" never say "costume".
struct OtherNamesOfAWishTests {
    /// A round-20 trial's "ice cream van" on the LEGO export with its themes: the Ice Cream
    /// Trucks were good, but said the shop filed them under "Fire vs. Ice" (a label ending in
    /// their first word). The reason names the other name the product holds.
    @Test func anotherNameInTheNameIsSaidAsSuchNotAsAFilingItDoesNotHave() throws {
        let catalog = try TestSupport.catalog(
            rows: """
                iv-1,Ice Cream Truck,A truck with a freezer.,19.99,USD,5,,town,fun,,true
                iv-2,Frost Tower,A tower of ice.,29.99,USD,8,,fire vs. ice,fun,,true

                """)
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 6, interests: ["ice cream van"]), limit: 5)
        let truck = try #require(result.items.first { $0.product.id == "iv-1" })
        #expect(truck.isGoodMatch)
        #expect(truck.reasons.first == "you mentioned \"ice cream van\" (\"ice cream truck\" is in the name)")
    }

    @Test func aProductNamingTheWishAnotherWayIsAGoodMatchAndSaysWhichName() throws {
        let catalog = try TestSupport.catalog(
            rows: """
                c-1,Overhead Goat Mask Animal Fancy Dress,"A latex mask.",12.83,GBP,3,,,,,true
                c-2,Pirate Captain Costume with Hat,"",15.99,GBP,3,,,,,true
                c-3,Wooden Toy Kitchen with Oven,"For pretend cooking.",49.99,GBP,3,,,,,true
                c-4,Knight Dress Up Outfit,"Tunic and cape.",14.99,GBP,3,,,,,true

                """)
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 8, interests: ["costumes"]), limit: 5)
        #expect(Set(result.items.filter(\.isGoodMatch).map(\.product.id)) == ["c-1", "c-2", "c-4"])
        #expect(result.goodMatchCount == 3)
        // Each says which name it holds: never "it's in the name" where their word is not.
        let costume = try #require(result.items.first { $0.product.id == "c-2" })
        #expect(costume.reasons.first == "you mentioned \"costumes\" (it's in the name)")
        let mask = try #require(result.items.first { $0.product.id == "c-1" })
        #expect(mask.reasons.first == "you mentioned \"costumes\" (\"fancy dress\" is in the name)")
        // The toy kitchen is pretend play, not a costume: at most a partial match.
        #expect(result.items.first { $0.product.id == "c-3" }?.isGoodMatch != true)
    }

    @Test func otherNamesCountOnlyForTheSpecificWishTheyNameAndOnlyWhole() throws {
        let taxonomy = Taxonomy(interests: [
            Interest(
                id: "pretend-play", label: "Pretend Play", phrase: "loves pretend play",
                aliases: ["costume", "costumes", "toy kitchen"], synonyms: ["role play"],
                covers: ["costumes": ["fancy dress", "Fancy Dress", "costume"]]),
            Interest(
                id: "fashion", label: "Fashion", phrase: "loves fashion", aliases: ["dress"],
                covers: ["costume": ["cosplay"]]),
        ])
        // Folded like any wish (case, plurals); the wish itself and repeats are not listed again;
        // the first interest to list a wish keeps it.
        #expect(taxonomy.otherNames(of: "Costume") == ["fancy dress"])
        #expect(taxonomy.otherNames(of: "toy kitchen").isEmpty)
        // Two wishes of one interest that fold alike: the first in alphabetical order, every time.
        let twice = Taxonomy(interests: [
            Interest(
                id: "pretend-play", label: "Pretend Play", phrase: "loves pretend play",
                covers: ["costumes": ["dress up outfit"], "costume": ["fancy dress"]])
        ])
        #expect(twice.otherNames(of: "costumes") == ["fancy dress"])
        let (requests, _) = MatchQuery.resolve(["costumes", "pretend play", "fancy"], taxonomy: taxonomy)
        #expect(requests[0].phrases == ["costume", "fancy dress"])
        #expect(requests[0].otherNames.map(\.written) == ["fancy dress"])
        // The interest itself already takes every alias; a word inside a name is not the name.
        #expect(requests[1].otherNames.isEmpty)
        #expect(requests[2].otherNames.isEmpty)
        #expect(MatchQuery.place(of: requests[0], name: "Fancy Party Dress", description: "") != .name)
        #expect(MatchQuery.place(of: requests[0], name: "Tiger Fancy Dress Outfit", description: "") == .name)
        #expect(
            MatchQuery.place(of: requests[0], name: "Tiger Outfit", description: "For fancy dress parties.")
                == .description)
    }

    @Test func aCatalogMadeBeforeOtherNamesGetsThemWhenOpened() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("covers-\(UUID().uuidString).sqlite")
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            let catalog = try GiftCatalog(path: url.path)
            _ = try catalog.recommend(for: RecipientProfile(ageYears: 8, interests: ["costumes"]), limit: 1)
        }
        // As a catalog from the previous release: no stored other names, an older taxonomy mark.
        let database = try CatalogDatabase(path: url.path)
        try database.write { db in
            try db.execute(sql: "DELETE FROM interest_cover")
            try db.execute(sql: "UPDATE meta SET value = 'older' WHERE key = 'taxonomy'")
        }
        _ = try GiftCatalog(path: url.path)
        try database.read { db in
            let stored = try String.fetchAll(
                db, sql: "SELECT name FROM interest_cover WHERE interest_id = 'pretend-play' AND wish_key = 'costume'")
            #expect(stored.contains("fancy dress"))
        }
    }
}

/// Found by the covers review on the Amazon UK export.
struct OtherNamesInTheirPlaceTests {
    @Test func namesRightAfterOneAnotherAreOneMention() throws {
        let (requests, _) = MatchQuery.resolve(["dress up"], taxonomy: DefaultCatalog.taxonomy)
        let request = try #require(requests.first)
        #expect(!request.otherNames.isEmpty)
        // "a fancy dress costume" names one costume: a bobblehead whose text says so once is a
        // passing mention, not their thing.
        #expect(MatchQuery.mentions(of: request, in: "Officially licensed wig to complete a fancy dress costume.") == 1)
        #expect(MatchQuery.mentions(of: request, in: "A costume for parties. Every costume is washable.") == 2)
    }

    @Test func anotherNameInTheNameCountsBeforeTheirWordsInTheDescription() throws {
        let catalog = try TestSupport.catalog(
            header: "id,name,description,price,age_min\n",
            rows: """
                p-1,Depesche Top Model Coloured Pencil Set,"Colouring pencils in 24 skin and hair shades.",12.99,6

                """)
        let result = try catalog.recommend(
            for: RecipientProfile(ageYears: 9, interests: ["colouring pencils"]), limit: 3)
        let set = try #require(result.items.first)
        #expect(set.isGoodMatch)
        #expect(set.reasons.first?.hasSuffix("is in the name)") == true, "\(set.reasons)")
        // The same for a wish the taxonomy knows only as a phrase inside an interest.
        let pens = try TestSupport.catalog(
            header: "id,name,description,price,age_min\n",
            rows: """
                f-1,Giotto Turbo Maxi Fibre Tip Pens 24-Piece Set,"Like felt tip pens, with a washable ink.",9.99,3

                """)
        let (requests, _) = MatchQuery.resolve(["felt tip pens"], taxonomy: pens.taxonomy)
        #expect(requests.first?.togetherness != nil)
        let listed = try #require(
            try pens.recommend(for: RecipientProfile(ageYears: 9, interests: ["felt tip pens"]), limit: 3).items.first)
        #expect(
            listed.reasons.first == "you mentioned \"felt tip pens\" (\"fibre tip\" is in the name)",
            "\(listed.reasons)")
    }

    @Test func aWishStackingTwoNamesOfOneThingIsThatThing() throws {
        // Found on the Amazon UK export: "trivia" listed six quiz games and "quizzes" eight, but
        // "trivia quizzes" none — two names of one thing never stand together in a name.
        let catalog = try TestSupport.catalog(
            rows: """
                q-1,Abbey Road Studios Music Trivia,"",19.99,GBP,12,,,,,true
                q-2,Ridley's Games Room Movie Buff Quiz,"",9.99,GBP,12,,,,,true
                q-3,Collectors Double 12 Colour Dot Dominoes In Tin,"",14.99,GBP,8,,,,,true
                c-1,Overhead Goat Mask Animal Fancy Dress,"A latex mask.",12.83,GBP,3,,,,,true
                c-2,Pirate Captain Costume with Hat,"",15.99,GBP,3,,,,,true

                """)
        for said in ["trivia quizzes", "quiz trivia"] {
            let result = try catalog.recommend(for: RecipientProfile(ageYears: 12, interests: [said]), limit: 5)
            #expect(Set(result.items.filter(\.isGoodMatch).map(\.product.id)) == ["q-1", "q-2"], "\(said)")
            // What they wrote stays theirs; the reason says which name the product holds.
            let trivia = try #require(result.items.first { $0.product.id == "q-1" })
            #expect(trivia.reasons.first == "you mentioned \"\(said)\" (\"trivia\" is in the name)")
        }
        let dressUp = try catalog.recommend(for: RecipientProfile(ageYears: 8, interests: ["fancy dress costumes"]))
        #expect(Set(dressUp.items.filter(\.isGoodMatch).map(\.product.id)) == ["c-1", "c-2"])
        // Two things, or a phrase the taxonomy knows, are never read as one name.
        let taxonomy = catalog.taxonomy
        #expect(MatchQuery.stackedName("trivia quizzes", taxonomy: taxonomy) == "trivia")
        for said in ["dinosaur trains", "knights and castles", "rock climbing", "star wars", "board games", "costumes"]
        {
            #expect(MatchQuery.stackedName(said, taxonomy: taxonomy) == nil, "\(said)")
        }
    }
}

/// Wishes a user trial found nothing for, though the catalog held them under another name.
struct OtherNamesFoundInATrialTests {
    @Test(arguments: [
        ("wolves", "Schleich Arctic Wolf"), ("egypt", "Rise of the Sphinx"), ("egypt", "Pharaoh's Quest Coin Bank"),
        ("skyscrapers", "Willis Tower"), ("elves", "Little Elf Helpers"),
        ("astronomy", "Planetarium Star Projector"), ("stargazing", "Telescope for Beginners"),
        ("sea creatures", "Folkmanis Whale Puppet"), ("colouring in", "Colouring Pencils 12 Pack"),
        ("marble race track", "Janod Marble Run Kubix"),
        ("telling the time", "Orchard Toys Tell The Time"),
    ])
    func aWishFindsWhatShopsCallItOtherwise(said: String, name: String) throws {
        let catalog = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(
            "id,name,price,age_min\nx-1,\"\(name)\",9.99,8\nx-2,Wooden Train Set,19.99,3\n", into: catalog)
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 10, interests: [said]))
        #expect(result.items.filter(\.isGoodMatch).map(\.product.id) == ["x-1"], "\(said): \(name)")
    }

    /// Astronomy is looking at the sky, not everything about space: a trial found a rocket swim
    /// ring and Buzz Lightyear listed as good for "stargazing" and "astronomy".
    @Test func stargazingIsNotEveryRocket() throws {
        let catalog = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(
            "id,name,price,age_min\ns-1,Telescope for Beginners,39.99,8\ns-2,Rocket Swim Ring,4.99,3\n", into: catalog)
        for said in ["stargazing", "astronomy"] {
            let result = try catalog.recommend(for: RecipientProfile(ageYears: 10, interests: [said]))
            #expect(result.items.filter(\.isGoodMatch).map(\.product.id) == ["s-1"], "\(said)")
        }
    }
}
