import Foundation
import Testing

@testable import Giftwise

/// The `recommend --format json` document as a library type, printed by the one encoder.
struct RecommendationDocumentTests {
    @Test func everyItemCarriesDescriptionAndURLEvenWhenAbsent() throws {
        // Given a catalog where one product has a page and one has none
        let catalog = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(
            TestSupport.header + """
                dig-1,Dinosaur Fossil Dig,Dig three skeletons out of plaster,16.99,USD,6,10,dinosaurs,educational,https://shop.example/dig-1,true
                dig-2,Dinosaur Puzzle,,9.99,USD,5,,dinosaurs,educational,,true

                """, into: catalog)
        // When the document is encoded
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 7, interests: ["dinosaurs"]), limit: 5)
        let data = try GiftwiseJSON.encode(RecommendationDocument(result))
        // Then every item has both keys, null when the product has no page, slashes unescaped
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let items = try #require(json["recommendations"] as? [[String: Any]])
        #expect(items.count == 2)
        for item in items {
            #expect(item.keys.contains("description") && item.keys.contains("url"))
        }
        let dig = try #require(items.first { $0["id"] as? String == "dig-1" })
        #expect(dig["url"] as? String == "https://shop.example/dig-1")
        #expect(dig["description"] as? String == "Dig three skeletons out of plaster")
        #expect(items.first { $0["id"] as? String == "dig-2" }?["url"] is NSNull)
        #expect(String(decoding: data, as: UTF8.self).contains("https://shop.example/dig-1"))
    }

    @Test func droppedMinimumBudgetIsWrittenAsNullAndReadBack() throws {
        let changes = RecommendationDocument.Changes(ProfileChanges(budget: Money(35), dropBudgetMin: true))
        let text = String(decoding: try GiftwiseJSON.encode(changes, layout: .compact), as: UTF8.self)
        #expect(text == #"{"budget":35,"budgetMin":null}"#)
        let decoded = try GiftwiseJSON.decode(RecommendationDocument.Changes.self, from: Data(text.utf8))
        #expect(decoded == changes)
        #expect(decoded.profileChanges == ProfileChanges(budget: Money(35), dropBudgetMin: true))
    }

    @Test func documentSurvivesAnEncodeDecodeRoundTrip() throws {
        let catalog = try TestSupport.defaultCatalog()
        let profile = RecipientProfile(ageYears: 6, interests: ["dinosaurs"], purposes: [.sporty], budgetMax: Money(4))
        let document = RecommendationDocument(try catalog.recommend(for: profile, limit: 5))
        #expect(!document.relaxations.isEmpty)
        let decoded = try GiftwiseJSON.decode(RecommendationDocument.self, from: try GiftwiseJSON.encode(document))
        #expect(decoded == document)
    }

    @Test func importReportIsOneLineWithSortedKeys() throws {
        var report = ImportReport()
        report.added = 2
        let text = try GiftwiseJSON.text(report)
        #expect(text.hasPrefix(#"{"added":2,"autoTagged":0,"currencies":{},"dryRun":false,"#))
        #expect(text.hasSuffix("}\n") && text.filter { $0 == "\n" }.count == 1)
    }

    @Test func statsDocumentIsIndentedWithSortedKeys() throws {
        let text = try GiftwiseJSON.text(try TestSupport.defaultCatalog().stats())
        #expect(text.hasPrefix("{\n  \"ageBands\" : {"))
    }
}
