import Foundation
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
