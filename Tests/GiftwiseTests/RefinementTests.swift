import Foundation
import Testing

@testable import Giftwise

/// Refining a shown list re-ranks from the same profile plus the critique.
struct RefinementTests {
    static let catalog: GiftCatalog = try! TestSupport.defaultCatalog()

    @Test(arguments: [
        ("cheaper", Refinement.cheaper), ("More like #2", .moreLike(position: 2)),
        ("not like 3", .notLike(position: 3)),
        ("not 1", .notThis(position: 1)), ("more crafty", .moreOf(.crafty)), ("more sport", .moreOf(.sporty)),
    ])
    func readsWhatPeopleType(_ text: String, _ expected: Refinement) {
        #expect(Refinement(parsing: text) == expected)
    }

    @Test(arguments: ["", "more", "not like", "nonsense", "more like two"])
    func ignoresWhatIsNotARefinement(_ text: String) {
        #expect(Refinement(parsing: text) == nil)
    }

    @Test func cheaperKeepsEveryGiftUnderTheMiddlePriceShown() throws {
        var profile = RecipientProfile(ageYears: 8, interests: ["science"])
        var critique = Critique()
        let before = try Self.catalog.recommend(for: profile).items
        let prices = before.map(\.product.price).sorted()
        try Refinement.cheaper.apply(shown: before, to: &profile, critique: &critique, taxonomy: Self.catalog.taxonomy)
        let after = try Self.catalog.recommend(for: profile, critique: critique).items
        #expect(!after.isEmpty)
        #expect(after.allSatisfy { $0.product.price < prices[prices.count / 2] })
        // The cheaper half shown stays: never a budget under the cheapest gift.
        #expect(try #require(profile.budgetMax) >= prices[0])
        #expect(after.contains { $0.product.id == before.first { $0.product.price == prices[0] }?.product.id })
    }

    @Test func notLikeDropsThatGiftAndItsKindMoreLikeFavoursItsKind() throws {
        var profile = RecipientProfile(ageYears: 9, interests: ["science", "space", "drawing"])
        var critique = Critique()
        let shown = try Self.catalog.recommend(for: profile).items
        let third = shown[2]
        try Refinement.notLike(position: 3).apply(
            shown: shown, to: &profile, critique: &critique, taxonomy: Self.catalog.taxonomy)
        let after = try Self.catalog.recommend(for: profile, limit: 10, critique: critique).items
        #expect(!after.contains { $0.product.id == third.product.id })
        #expect(!after.contains { $0.product.interests.first == third.product.interests.first })

        var liking = Critique()
        var sameProfile = RecipientProfile(ageYears: 9, interests: ["science", "space", "drawing"])
        try Refinement.moreLike(position: 2).apply(
            shown: shown, to: &sameProfile, critique: &liking, taxonomy: Self.catalog.taxonomy)
        let liked = try Self.catalog.recommend(for: sameProfile, critique: liking).items
        let kind = Set(shown[1].product.interests.prefix(2))
        #expect(
            liked.filter { !kind.isDisjoint(with: $0.product.interests) }.count
                >= shown.filter { !kind.isDisjoint(with: $0.product.interests) }.count)
        #expect(liked.contains { $0.reasons.contains("like the \(shown[1].product.name) you picked") })
    }

    @Test func aNumberThatIsNotShownIsRefusedWithTheRange() throws {
        var profile = RecipientProfile(ageYears: 9, interests: ["space"])
        var critique = Critique()
        let shown = try Self.catalog.recommend(for: profile).items
        #expect(throws: RefinementError.noSuchGift(shown: shown.count)) {
            try Refinement.notThis(position: 42).apply(
                shown: shown, to: &profile, critique: &critique, taxonomy: Self.catalog.taxonomy)
        }
    }
}

/// "More like #4" on the Amazon 10k export, for a 6-year-old who loves unicorns: every product
/// named for unicorns already had the highest fit, so being like the unicorn beanie baby they
/// picked added nothing (the like was inside the fit's cap) and a glitter puzzle came second.
struct MoreLikeThisTests {
    @Test func moreLikeOneCountsEvenWhenTheirWishIsAlreadyInEveryName() throws {
        let catalog = try TestSupport.catalog(
            header: "id,name,price,age_min\n",
            rows: """
                u-1,Unicorn Soft Toy,10.85,3
                u-2,Unicorn Stickers Sheet,1.35,3
                u-3,Unicorn Cuddly Toy with Rainbow Mane,14.99,3
                u-4,Unicorn Jigsaw Puzzle,7.99,3
                u-5,Unicorn Stickers Mega Pack,2.49,3

                """)
        let picked = try #require(try catalog.product(id: "u-1"))
        #expect(Set(picked.interests).count >= 2, "\(picked.interests)")
        let profile = RecipientProfile(ageYears: 6, interests: ["unicorns"])
        let liked = try catalog.recommend(
            for: profile, limit: 5,
            critique: Critique(favouredInterests: Set(picked.interests), favouredLike: picked.name))
        let ids = liked.items.map(\.product.id)
        // The other soft toy shares both of its interests: it comes right after it.
        #expect(Array(ids.prefix(2)).sorted() == ["u-1", "u-3"], "\(ids)")
    }
}
