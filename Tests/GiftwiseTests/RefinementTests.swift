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
