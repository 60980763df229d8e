import Foundation
import Testing

@testable import Giftwise

/// Seeded random profiles, on the default catalog and on a real retailer export: every hard limit
/// holds for every item, fit labels are honest, and every relaxation delivers what it promises.
struct MatcherPropertyTests {
    static let words = [
        "dinosaurs", "space", "drawing", "football", "lego", "baking", "coffee", "trains", "puzzles",
        "music", "k-pop", "slime", "horses", "robots", "yoga", "knitting", "chess", "magic", "pirates",
        "underwater basket weaving", "dolls", "cars", "gardening", "reading", "video games",
    ]

    static func randomProfile(_ rng: inout SplitMix64) -> RecipientProfile {
        let age = rng.pick([0.3, 1, 2, 3, 4, 6, 7, 9, 11, 13, 15, 17, 25, 40, 66, 80])
        var interests: [String] = []
        for _ in 0..<Int.random(in: 0...3, using: &rng) { interests.append(rng.pick(words)) }
        var purposes = Set<Purpose>()
        for purpose in Purpose.allCases where rng.chance(0.25) { purposes.insert(purpose) }
        let budget: Money? = rng.chance(0.7) ? Money(Double(rng.pick([3, 8, 15, 25, 40, 60, 120, 400]))) : nil
        let exclude = rng.chance(0.3) ? [rng.pick(words)] : []
        return RecipientProfile(
            ageYears: age, interests: interests, purposes: purposes, budgetMax: budget, excludedWords: exclude)
    }

    static func check(_ catalog: GiftCatalog, seed: UInt64, count: Int) throws {
        var rng = SplitMix64(seed: seed)
        for _ in 0..<count {
            let profile = randomProfile(&rng)
            let result = try catalog.recommend(for: profile, limit: 5)
            let context = "\(profile)"
            for item in result.items {
                #expect(item.product.ages.admits(ageMonths: profile.ageMonths), "\(item.product.id) \(context)")
                if let budget = profile.budgetMax { #expect(item.product.price <= budget, "\(context)") }
                #expect(item.product.inStock)
                for word in profile.excludedWords {
                    let text = Set(TextNormalizer.tokens(item.product.name + " " + item.product.description))
                    #expect(!Set(TextNormalizer.tokens(word)).isSubset(of: text), "\(item.product.name) has \(word)")
                }
                #expect(!item.reasons.isEmpty)
            }
            switch result.fit {
            case .good: #expect(result.goodMatchCount > 0 && result.items.allSatisfy { $0.isGoodMatch }, "\(context)")
            case .partial:
                #expect(result.goodMatchCount == 0 && result.items.allSatisfy { !$0.mismatches.isEmpty }, "\(context)")
            case .none: #expect(result.items.isEmpty)
            }
            for relaxation in result.relaxations {
                let rerun = try catalog.recommend(for: relaxation.changes.applied(to: profile), limit: 5)
                #expect(rerun.goodMatchCount == relaxation.matches, "\(relaxation.suggestion) \(context)")
                #expect(rerun.items.count == min(relaxation.matches, 5), "\(relaxation.suggestion) \(context)")
            }
        }
    }

    @Test func randomProfilesOnTheDefaultCatalogKeepEveryPromise() throws {
        try Self.check(TestSupport.defaultCatalog(), seed: 0x5EED_0001, count: 200)
    }

    @Test func randomProfilesOnARealRetailerExportKeepEveryPromise() throws {
        let catalog = try TestSupport.emptyCatalog()
        let options = ImportOptions(
            columnMap: [
                "id": "product_id", "name": "product_name", "description": "product_description",
                "age": "product_information",
            ], skipInvalidRows: true)
        try catalog.importFile(at: TestSupport.fixture("amazon_uk_toys_sample_150.csv"), options: options)
        try Self.check(catalog, seed: 0x5EED_0002, count: 200)
    }
}
