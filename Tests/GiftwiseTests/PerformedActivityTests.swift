import Foundation
import Testing

@testable import Giftwise

/// What a figure does is not what it is for: "Disney Dancing Plush Doll", "Tobar Singing Bird
/// Cage" and "Dinosaur - Running Tyrannosaurus" were listed as good for "dancing", "music" and
/// "running" on the Amazon UK 10k export ("(it's in the name)").
struct PerformedActivityTests {
    /// Products without interests, so every tag is read from the name.
    static func catalog() throws -> GiftCatalog {
        let catalog = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(
            """
            id,name,price,age_min
            pa-1,Disney Dancing Plush Doll Minnie Mouse,14.99,3
            pa-2,Tobar Singing Bird Cage,9.99,3
            pa-3,Dinosaur - Running Tyrannosaurus,7.99,3
            pa-4,Ballet Dancing Shoes,12.99,3
            pa-5,Karaoke Singing Machine,29.99,5
            pa-6,Kids Running Shoes,24.99,8
            pa-7,Just Play Singing Olivia Bedtime Plush,19.99,3

            """, into: catalog)
        return catalog
    }

    @Test func anActivityAFigureInTheNameDoesTagsNothing() throws {
        let catalog = try Self.catalog()
        func tags(_ id: String) throws -> [String] { try #require(try catalog.product(id: id)).interests }
        #expect(try !tags("pa-1").contains("dance"))
        #expect(try !tags("pa-2").contains("music"))
        #expect(try !tags("pa-3").contains("running"))
        #expect(try !tags("pa-7").contains("music"))
        // The figure is still what it is
        #expect(try tags("pa-2").contains("birds"))
        #expect(try tags("pa-3").contains("dinosaurs"))
        // Gear for the activity is the activity
        #expect(try tags("pa-4").contains("dance"))
        #expect(try tags("pa-5").contains("music"))
        #expect(try tags("pa-6").contains("running"))
    }

    @Test(arguments: [
        ("dancing", ["pa-4"]), ("music", ["pa-5"]), ("singing", ["pa-5"]), ("running", ["pa-6"]),
    ])
    func aWishForTheActivityIsNeverGoodOnAFigureThatDoesIt(said: String, good: [String]) throws {
        // Given the shop's own unrelated tag on every product, so only their words can match
        let untagged = try Self.catalog()
        var rows = TestSupport.header
        for id in (1...7).map({ "pa-\($0)" }) {
            let product = try #require(try untagged.product(id: id))
            rows += "\(id),\(product.name),,\(product.price.major),USD,3,,collecting,fun,,true\n"
        }
        let catalog = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(rows, into: catalog)
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 9, interests: [said]))
        let goodIDs = result.items.filter(\.isGoodMatch).map(\.product.id).sorted()
        #expect(goodIDs == good, "\(result.items.map { ($0.product.name, $0.isGoodMatch, $0.reasons) })")
        #expect(result.goodMatchCount == good.count)
    }

    @Test func aWishForTheFigureThatDoesItFindsIt() throws {
        let result = try Self.catalog().recommend(for: RecipientProfile(ageYears: 5, interests: ["dancing dolls"]))
        #expect(result.items.first?.product.id == "pa-1")
        #expect(result.items.first?.isGoodMatch == true)
    }
}
