import Foundation
import GRDB
import Testing

@testable import Giftwise

struct GiftCountTests {
    @Test func aCountAtTheCapReadsAsAtLeastThatMany() {
        #expect(GiftCount.phrase(1) == "1 gift")
        #expect(GiftCount.phrase(221) == "221 gifts")
        #expect(GiftCount.phrase(999) == "999 gifts")
        #expect(GiftCount.phrase(GiftCount.cap) == "1,000+ gifts")
        #expect(GiftCount.phrase(GiftCount.cap, "good match", "good matches") == "1,000+ good matches")
    }

    @Test func theLiveCountOfALargeCatalogStopsAtTheCapAndSaysSo() throws {
        let catalog = try TestSupport.emptyCatalog()
        var rows = TestSupport.header
        for index in 0..<(GiftCount.cap + 200) {
            rows +=
                "kite-\(index),Stunt Kite No. \(index),A kite,\(10 + index % 30),USD,6,12,outdoor-play,sporty,,true\n"
        }
        _ = try TestSupport.importCSV(rows, into: catalog)
        var flow = QuestionFlow()
        try flow.answer("8", in: catalog)
        let count = try flow.remainingCount(in: catalog)
        // 1,200 kites fit an 8-year-old; the count stops at the cap and reads as a floor.
        #expect(count == GiftCount.cap)
        #expect(GiftCount.isCapped(count))
        #expect(GiftCount.phrase(count) == "1,000+ gifts")
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 8, interests: ["kites"]))
        #expect(GiftCount.isCapped(result.goodMatchCount))
    }

    @Test func aProductTaggedWithTwoOfTheirInterestsCountsOnceTowardsTheCap() throws {
        // 600 fossil kits tagged science and dinosaurs, 600 lab sets tagged science only: 1,200
        // gifts. Read tag by tag, the first 1,000 rows hold each fossil kit twice; counted once,
        // the count still reaches the cap.
        // Names differ by a word (not a number), so no two are variants of one gift.
        func word(_ index: Int) -> String {
            let letters = Array("bcdfghjklmnpqrstvwxz")
            return String([letters[index / 400], letters[index / 20 % 20], letters[index % 20]]) + "o"
        }
        let catalog = try TestSupport.emptyCatalog()
        var rows = TestSupport.header
        for index in 0..<600 {
            rows += "k-\(index),Fossil Kit \(word(index)),A kit,12,USD,6,12,science|dinosaurs,educational,,true\n"
        }
        for index in 600..<1200 {
            rows += "o-\(index),Lab Set \(word(index)),A set,12,USD,6,12,science,educational,,true\n"
        }
        _ = try TestSupport.importCSV(rows, into: catalog)
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 8, interests: ["dinosaurs", "science"]))
        #expect(result.goodMatchCount == GiftCount.cap)
    }
}

/// Variants of one gift (years, editions, sizes) count once; the key that says so is stored with
/// each product at import, and a catalog imported before it learns the key from its names.
struct GiftKeyTests {
    static let rows =
        TestSupport.header + """
            d-1,Dinosaur Puzzle 2019,A puzzle,12,USD,6,12,dinosaurs,fun,,true
            d-2,Dinosaur Puzzle 2020 Edition,A puzzle,12,USD,6,12,dinosaurs,fun,,true
            d-3,Dinosaur Fossil Dig Kit,A kit,12,USD,6,12,dinosaurs,educational,,true

            """

    @Test func variantsOfOneGiftCountOnceWhetherOrNotTheirKeyIsStored() throws {
        let catalog = try TestSupport.emptyCatalog()
        _ = try TestSupport.importCSV(Self.rows, into: catalog)
        let profile = RecipientProfile(ageYears: 8, interests: ["dinosaurs"])
        let keys = try catalog.database.read { db in
            try Int64?.fetchAll(db, sql: "SELECT gift_key FROM product ORDER BY id")
        }
        #expect(keys.allSatisfy { $0 != nil })
        #expect(keys[0] == keys[1] && keys[0] != keys[2])
        #expect(try catalog.recommend(for: profile).goodMatchCount == 2)
        // A row without a stored key is read from its name, by the same rule.
        try catalog.database.write { db in try db.execute(sql: "UPDATE product SET gift_key = NULL") }
        #expect(try catalog.recommend(for: profile).goodMatchCount == 2)
        // A product renamed as another variant of the puzzle is that gift once imported again.
        let renamed = Self.rows.replacingOccurrences(of: "Dinosaur Fossil Dig Kit", with: "Dinosaur Puzzle 2021")
        _ = try TestSupport.importCSV(renamed, into: catalog)
        #expect(try catalog.recommend(for: profile).goodMatchCount == 1)
    }

    @Test func aCatalogImportedBeforeLearnsEachProductsGiftKey() throws {
        let queue = try TestSupport.migrated(
            from: "v10-product-other-thing",
            rows: """
                INSERT INTO product (pk, id, name, price_minor, inferred, content_hash, purposes) VALUES
                    (1, 'a', 'Stunt Kite 2019', 500, 0, 1, 8), (2, 'b', 'Stunt Kite (Large)', 900, 0, 2, 8),
                    (3, 'c', 'Box Kite', 900, 0, 3, 8);
                """)
        let keys = try queue.read { db in try Int64?.fetchAll(db, sql: "SELECT gift_key FROM product ORDER BY pk") }
        #expect(
            keys == [
                Diversifier.giftKey("Stunt Kite"), Diversifier.giftKey("Stunt Kite"), Diversifier.giftKey("Box Kite"),
            ])
        #expect(keys[0] != keys[2])
    }

    @Test func aNameHoldingAnIePluralLearnsItsNewGiftKey() throws {
        // Keys stored by the folding before "zombies" meant "zombie" (here: 7, 8, 9) are read
        // again for the names holding "ies"; the others are left as they were.
        let queue = try TestSupport.migrated(
            from: "v11-product-gift-key",
            rows: """
                INSERT INTO product (pk, id, name, price_minor, inferred, content_hash, purposes, gift_key) VALUES
                    (1, 'a', 'Plants vs ZOMBIES Pack', 500, 0, 1, 8, 7), (2, 'b', 'Box Kite', 900, 0, 2, 8, 8),
                    (3, 'c', 'Cookies & Pies Play Food', 900, 0, 3, 8, 9);
                """)
        let keys = try queue.read { db in try Int64?.fetchAll(db, sql: "SELECT gift_key FROM product ORDER BY pk") }
        #expect(
            keys == [Diversifier.giftKey("Plants vs Zombie Pack"), 8, Diversifier.giftKey("Cookie & Pie Play Food")])
    }
}
