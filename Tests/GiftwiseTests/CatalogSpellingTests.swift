import Foundation
import Testing

@testable import Giftwise

/// Slips of names the taxonomy does not know, read as the catalog writes them: a user trial found
/// nothing for "hello kity" with 22 Hello Kitty gifts in the catalog, and partial lists for
/// "paw patroll" and "footbal" (the full-text index stems "footbal" and "football" alike, so the
/// slip looked held).
struct CatalogSpellingTests {
    static func catalog() throws -> GiftCatalog {
        try TestSupport.catalog(
            header: "id,name,price,age_min\n",
            rows: """
                k-1,Hello Kitty Plush Bear,12.99,3
                k-2,Rainbow Kite,9.99,5
                k-3,Craft Kit for Kids,7.99,5
                k-4,Paw Patrol Lookout Tower,39.99,3
                k-5,Junior Football,9.99,4
                k-6,Blue Wooden Train,14.99,3
                k-7,Seeing Stars Jigsaw,8.99,6
                k-8,Thomas and Friends Wooden Engine,12.99,3
                k-9,Ben 10 Omnitrix Watch,19.99,5
                k-10,Pirate Roller Coaster,49.99,8
                k-11,Forest Treehouse Playset,29.99,4
                k-12,Ten Pin Bowling Set,14.99,4
                k-13,Beauty Salon Playset,19.99,4
                k-14,The Beast Monster Truck,24.99,5

                """)
    }

    @Test(arguments: [
        ("hello kity", "hello kitty", "k-1"), ("paw patroll", "paw patrol", "k-4"), ("footbal", "football", "k-5"),
    ])
    func aClearSlipOfANameTheCatalogHoldsIsReadAsTheCatalogWritesIt(typed: String, meant: String, id: String) throws {
        let result = try Self.catalog().recommend(for: RecipientProfile(ageYears: 8, interests: [typed]))
        #expect(result.notes.first == "read \"\(typed)\" as \"\(meant)\"", "\(result.notes)")
        #expect(result.items.filter(\.isGoodMatch).map(\.product.id) == [id])
    }

    /// A trial found nothing for "ben ten" beside 15 "Ben 10" gifts, and nothing for
    /// "rollercoaster" beside four "Roller Coaster" sets.
    @Test(arguments: [
        ("ben ten", "ben 10", "k-9"), ("rollercoaster", "roller coaster", "k-10"),
        ("tree house", "treehouse", "k-11"), ("10 pin bowling", "ten pin bowling", "k-12"),
    ])
    func aNumberOrWordsTheCatalogWritesAnotherWayAreReadAsItWritesThem(typed: String, meant: String, id: String)
        throws
    {
        let result = try Self.catalog().recommend(for: RecipientProfile(ageYears: 9, interests: [typed]))
        #expect(result.notes.first == "read \"\(typed)\" as \"\(meant)\"", "\(result.notes)")
        #expect(result.items.filter(\.isGoodMatch).map(\.product.id) == [id])
    }

    /// "a fast remote control car" listed propellers and a fuel tank, with RC cars in the shop:
    /// words that only describe the thing go when the shop holds the rest, and a note says so.
    @Test func aDescribingWordTheShopDoesNotWriteIsReadWithoutIt() throws {
        let result = try Self.catalog().recommend(
            for: RecipientProfile(ageYears: 9, interests: ["a big fast pirate roller coaster"]))
        #expect(result.notes.first == "read \"big fast pirate roller coaster\" as \"pirate roller coaster\"")
        #expect(result.items.filter(\.isGoodMatch).map(\.product.id) == ["k-10"])
        // A word that is part of the thing stays: "blue wooden train" is held as written, and a
        // colour or "toy" may start a name ("green lantern", "toy story").
        let held = try Self.catalog().recommend(for: RecipientProfile(ageYears: 9, interests: ["blue wooden train"]))
        #expect(!held.notes.contains { $0.hasPrefix("read ") })
        for name in ["green football", "toy train"] {
            let named = try Self.catalog().recommend(for: RecipientProfile(ageYears: 9, interests: [name]))
            #expect(!named.notes.contains { $0.hasPrefix("read ") }, "\(name)")
        }
    }

    @Test(arguments: ["bluey", "sewing", "kity", "axolotls"])
    func aWordThatIsNoClearSlipStaysTheirs(typed: String) throws {
        // "bluey" is short and a name of its own, "sewing" an interest ("seeing" is another
        // word), "kity" alone is one slip from both "kite" and "kitty".
        let result = try Self.catalog().recommend(for: RecipientProfile(ageYears: 8, interests: [typed]))
        #expect(!result.notes.contains { $0.hasPrefix("read ") }, "\(result.notes)")
    }

    @Test func theQuestionFlowReadsTheSlipTheSameWay() throws {
        let catalog = try Self.catalog()
        var flow = QuestionFlow()
        try flow.answer("6", in: catalog)
        try flow.answer("hello kity", in: catalog)
        #expect(flow.profile?.interests == ["hello kitty"])
        #expect(flow.lastAnswerNotes.first?.hasPrefix("Read \"hello kity\" as \"hello kitty\"") == true)
    }

    /// "she loves hello kity and dancing" was one wish no product holds: a name the catalog holds
    /// (or a slip of one) and an interest are two things; a title it holds stays one.
    @Test func theFlowSplitsAnInterestAndANameTheCatalogHolds() throws {
        let catalog = try Self.catalog()
        var flow = QuestionFlow()
        try flow.answer("6", in: catalog)
        try flow.answer("she loves hello kity and dancing", in: catalog)
        #expect(flow.profile?.interests == ["hello kitty", "dancing"])
        // An interest and a clear slip of another are two things as well.
        var slip = QuestionFlow()
        try slip.answer("6", in: catalog)
        try slip.answer("football and dinosuars", in: catalog)
        #expect(slip.profile?.interests == ["football", "dinosaurs"])
        var title = QuestionFlow()
        try title.answer("6", in: catalog)
        try title.answer("thomas and friends", in: catalog)
        #expect(title.profile?.interests == ["thomas and friends"])
    }

    /// A trial's "harry poter or star wars" and "ninjaggo and technik" found nothing: two names,
    /// neither an interest, joined by "and" or "or" are two wishes, each slip read, in `recommend`
    /// as in the flow. The tail of a title ("beauty and the beast") is no name of its own.
    @Test func twoNamesJoinedByAndOrOrAreTwoWishesEachReadAsTheCatalogWritesIt() throws {
        let catalog = try Self.catalog()
        for typed in ["hello kity and paw patroll", "she loves hello kity or paw patroll"] {
            let result = try catalog.recommend(for: RecipientProfile(ageYears: 6, interests: [typed]))
            #expect(Set(result.items.filter(\.isGoodMatch).map(\.product.id)) == ["k-1", "k-4"], "\(typed)")
            #expect(
                result.notes.prefix(2) == [
                    "read \"hello kity\" as \"hello kitty\"", "read \"paw patroll\" as \"paw patrol\"",
                ])
            var flow = QuestionFlow()
            try flow.answer("6", in: catalog)
            try flow.answer(typed, in: catalog)
            #expect(flow.profile?.interests == ["hello kitty", "paw patrol"])
        }
        let title = try catalog.database.read { db in
            try QuestionFlow.splittingInterest("beauty and the beast", taxonomy: catalog.taxonomy, catalog: db)
        }
        #expect(title == ["beauty and the beast"])
    }
}
