import Foundation
import GRDB
import Testing

@testable import Giftwise

/// The query side: nearest products by meaning within the hard limits, scores of given
/// candidates, and nearest taxonomy interests.
struct SemanticSearchTests {
    static let csv =
        TestSupport.header + """
            fire-1,Fire Station Playset,Three storeys with a fire engine and a ladder,29.99,USD,3,7,,fun,,true
            fire-2,Fire Rescue Helicopter,Lights and sounds,19.99,USD,8,12,,fun,,true
            paint-1,Watercolour Paint Set,Twenty-four pans and two brushes,12.50,USD,5,,,crafty,,true
            ball-1,Junior Football,Size 3 ball for small feet,9.99,USD,4,8,,sporty,,true
            chess-1,Wooden Chess Set,Hand-carved pieces and a folding board,24.00,USD,6,,,educational,,true

            """

    static func catalog() throws -> GiftCatalog {
        let catalog = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(csv, into: catalog)
        return catalog
    }

    static func id(_ catalog: GiftCatalog, pk: Int64) throws -> String? {
        try catalog.database.read { db in
            try String.fetchOne(db, sql: "SELECT id FROM product WHERE pk = ?", arguments: [pk])
        }
    }

    static func limits(ageYears: Int) -> HardLimits {
        HardLimits(ageMonths: ageYears * 12, priceRanges: nil, singleCurrency: true, excluded: nil)
    }

    @Test func findsAProductByMeaningWhenNoWordMatches() throws {
        let catalog = try Self.catalog()
        let near = try catalog.database.read { db in
            try catalog.semantic.nearest(
                db, to: "firefighters", limits: Self.limits(ageYears: 5), purposeMask: 0, count: 3)
        }
        #expect(try near.first.flatMap { try Self.id(catalog, pk: $0.pk) } == "fire-1")
        #expect(near.map(\.similarity) == near.map(\.similarity).sorted(by: >))
    }

    @Test func neverReturnsAProductOutsideTheHardLimits() throws {
        let catalog = try Self.catalog()
        // A 10-year-old: the fire station (3-7) and the football (4-8) are out of range.
        let near = try catalog.database.read { db in
            try catalog.semantic.nearest(
                db, to: "firefighters", limits: Self.limits(ageYears: 10), purposeMask: 0, count: 5)
        }
        let ids = try near.compactMap { try Self.id(catalog, pk: $0.pk) }
        #expect(!ids.contains("fire-1"))
        #expect(!ids.contains("ball-1"))
        #expect(ids.first == "fire-2")
        // And a wished purpose is honoured.
        let crafty = try catalog.database.read { db in
            try catalog.semantic.nearest(
                db, to: "firefighters", limits: Self.limits(ageYears: 10), purposeMask: Purpose.mask([.crafty]),
                count: 5)
        }
        #expect(try crafty.compactMap { try Self.id(catalog, pk: $0.pk) } == ["paint-1"])
    }

    @Test func looksPastTheClosestProductsWhenNoneOfThemPassTheLimits() throws {
        // Given 80 fire toys for 3-5-year-olds and one chess set for 10+
        var csv = TestSupport.header
        for number in 1...80 {
            csv += "fire-\(number),Fire Truck \(number),A red fire engine with a ladder,9.99,USD,3,5,,fun,,true\n"
        }
        csv += "chess-1,Wooden Chess Set,Hand-carved pieces,24.00,USD,10,,,educational,,true\n"
        let catalog = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(csv, into: catalog)
        // When a 12-year-old's "firefighters" is searched, beyond the first window of 64
        let near = try catalog.database.read { db in
            try catalog.semantic.nearest(
                db, to: "firefighters", limits: Self.limits(ageYears: 12), purposeMask: 0, count: 1)
        }
        // Then the one product within the limits is found
        #expect(try near.compactMap { try Self.id(catalog, pk: $0.pk) } == ["chess-1"])
    }

    @Test func scoresTheCandidatesItIsGiven() throws {
        let catalog = try Self.catalog()
        let pks = try catalog.database.read { db in try Int64.fetchAll(db, sql: "SELECT pk FROM product ORDER BY pk") }
        let scores = try catalog.database.read { db in
            try catalog.semantic.similarities(db, to: "firefighters", productPKs: Array(pks.prefix(2)))
        }
        #expect(Set(scores.keys) == Set(pks.prefix(2)))
        let query = try #require(catalog.semantic.vector(for: "firefighters"))
        let direct = try catalog.semantic.similarities(to: query, productPKs: pks)
        #expect(direct.count == pks.count)
        for (pk, value) in scores { #expect(abs(Double(direct[pk] ?? -2) - value) < 1e-5) }
    }

    @Test func seesProductsImportedAfterTheIndexWasLoaded() throws {
        let catalog = try Self.catalog()
        _ = try catalog.database.read { db in
            try catalog.semantic.nearest(
                db, to: "scuba diving", limits: Self.limits(ageYears: 9), purposeMask: 0, count: 1)
        }
        try TestSupport.importCSV(
            TestSupport.header
                + "dive-1,Snorkel and Dive Mask Set,For the pool and the sea,15.00,USD,6,,,sporty,,true\n",
            into: catalog)
        let near = try catalog.database.read { db in
            try catalog.semantic.nearest(
                db, to: "scuba diving", limits: Self.limits(ageYears: 9), purposeMask: 0, count: 1)
        }
        #expect(try near.first.flatMap { try Self.id(catalog, pk: $0.pk) } == "dive-1")
    }

    @Test func theSameQueryGivesTheSameOrder() throws {
        let catalog = try Self.catalog()
        let query = try #require(catalog.semantic.vector(for: "games"))
        let first = try catalog.semantic.nearestProducts(to: query, limit: 5).map(\.pk)
        let second = try catalog.semantic.nearestProducts(to: query, limit: 5).map(\.pk)
        #expect(first == second)
        #expect(first.count == 5)
    }

    @Test func nearestInterestsFindTheTaxonomyInterestByMeaning() throws {
        let catalog = try TestSupport.emptyCatalog()
        let near = catalog.semantic.nearestInterests(
            to: "fossil hunting", in: catalog.taxonomy, limit: 3, minimumSimilarity: 0)
        #expect(near.map(\.interest.id).contains("dinosaurs"))
        #expect(catalog.semantic.nearestInterests(to: "🦖", in: catalog.taxonomy).isEmpty)
    }
}

/// The large-catalog path: search by meaning through the full-text index.
struct SemanticTextPathTests {
    @Test func nearestWordsAreCloseInMeaningAndNeverCommonWordsOrPieces() throws {
        let embedder = TextEmbedder.bundled
        let words = embedder.nearestWords(
            to: try #require(embedder.embed("firefighters")), limit: 12, minimumSimilarity: 0.3)
        #expect(words.contains { $0.word.hasPrefix("fire") })
        #expect(!words.contains { $0.word.hasPrefix("##") || ["the", "and", "for"].contains($0.word) })
        #expect(words.map(\.similarity) == words.map(\.similarity).sorted(by: >))
    }

    @Test func findsProductsThroughNearbyWordsWithinTheHardLimits() throws {
        let catalog = try SemanticSearchTests.catalog()
        let query = try #require(catalog.semantic.vector(for: "firefighters"))
        let near = try catalog.database.read { db in
            try catalog.semantic.nearestThroughText(
                db, query: query, text: "firefighters",
                condition: SemanticSearchTests.limits(ageYears: 5).condition(on: .product), count: 3)
        }
        let ids = try near.compactMap { try SemanticSearchTests.id(catalog, pk: $0.pk) }
        #expect(ids.first == "fire-1")
        #expect(!ids.contains("fire-2"), "8-12 is outside a 5-year-old's limits")
    }

    @Test func hostileTextIsSearchedLiterally() throws {
        let catalog = try SemanticSearchTests.catalog()
        for text in ["\"fire\" OR *", "NEAR(fire station)", "'; DROP TABLE product; --", "fire-1 AND -station"] {
            guard let query = catalog.semantic.vector(for: text) else { continue }
            _ = try catalog.database.read { db in
                try catalog.semantic.nearestThroughText(
                    db, query: query, text: text,
                    condition: SemanticSearchTests.limits(ageYears: 5).condition(on: .product), count: 3)
            }
        }
        #expect(try catalog.productCount() == 5)
    }
}
