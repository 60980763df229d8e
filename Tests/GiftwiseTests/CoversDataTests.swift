import Foundation
import Testing

@testable import Giftwise

/// The bundled taxonomy's `covers` (the other names shops give a specific wish: "fibre tip" for
/// "felt tip pens", "bin lorry" for "garbage truck"): every entry is one the matcher can use, and
/// none widens a wish to something broader or to another interest's thing.
struct CoversDataTests {
    let taxonomy = DefaultCatalog.taxonomy

    /// Every (interest, wish, other name) of the bundled file, in file order.
    var entries: [(interest: Interest, wish: String, names: [String])] {
        taxonomy.interests.flatMap { interest in
            interest.covers.sorted { $0.key < $1.key }.map { (interest, $0.key, $0.value) }
        }
    }

    /// Folded phrase → the interest whose id, label or alias it is (the first, as the taxonomy reads them).
    var ownerOfPhrase: [String: String] {
        var owner: [String: String] = [:]
        for interest in taxonomy.interests {
            for phrase in [interest.id, interest.label] {
                let key = TextNormalizer.key(phrase)
                if owner[key] == nil { owner[key] = interest.id }
            }
        }
        for interest in taxonomy.interests {
            for alias in interest.aliases {
                let key = TextNormalizer.key(alias)
                if owner[key] == nil { owner[key] = interest.id }
            }
        }
        return owner
    }

    @Test func theBundledFileHasCoversAndEveryWishNamesSomething() {
        #expect(entries.count >= 300, "the lexicon covers the whole taxonomy, not a sample")
        for entry in entries {
            #expect(!TextNormalizer.key(entry.wish).isEmpty, "\(entry.interest.id): an empty wish")
            #expect(!entry.names.isEmpty, "\(entry.interest.id): \"\(entry.wish)\" lists no other name")
            for name in entry.names {
                #expect(
                    !TextNormalizer.key(name).isEmpty, "\(entry.interest.id): \"\(entry.wish)\" lists an empty name")
            }
        }
    }

    @Test func everyWishIsSpecificSoItsOtherNamesAreUsed() {
        // The interest itself, a synonym or a spelling variant already matches every alias: the
        // matcher reads other names only for a narrower or unknown wish.
        for entry in entries {
            let wish = TextNormalizer.key(entry.wish)
            let own = ([entry.interest.id, entry.interest.label] + entry.interest.synonyms).map(TextNormalizer.key)
            #expect(!own.contains(wish), "\(entry.interest.id): \"\(entry.wish)\" is the interest itself")
            if let resolved = taxonomy.resolution(entry.wish) {
                #expect(
                    resolved.specificity == .narrower,
                    "\(entry.interest.id): \"\(entry.wish)\" reads as all of \(resolved.interest.id), so its covers are never used"
                )
            }
        }
    }

    @Test func aWishThatIsAnAliasIsListedUnderItsInterest() {
        let owner = ownerOfPhrase
        for entry in entries {
            guard let id = owner[TextNormalizer.key(entry.wish)] else { continue }
            #expect(id == entry.interest.id, "\"\(entry.wish)\" is listed under \(entry.interest.id) but is \(id)'s")
        }
    }

    @Test func noWishIsListedTwice() {
        // The first interest to list a wish keeps it: a second entry would be silently ignored.
        var seen: [String: String] = [:]
        for entry in entries {
            let wish = TextNormalizer.key(entry.wish)
            if let first = seen[wish] {
                Issue.record("\"\(entry.wish)\" is listed under \(first) and \(entry.interest.id)")
            }
            seen[wish] = entry.interest.id
        }
    }

    @Test func otherNamesAreDistinctAndNeverTheWishItself() {
        for entry in entries {
            var seen: Set<String> = [TextNormalizer.key(entry.wish)]
            for name in entry.names {
                #expect(
                    seen.insert(TextNormalizer.key(name)).inserted,
                    "\(entry.interest.id): \"\(entry.wish)\" lists \"\(name)\" twice or as itself (plurals and case fold)"
                )
            }
        }
    }

    @Test func noOtherNameIsAnotherInterestsWord() {
        // "vet" for "veterinarian" would be pets', "paddling pool" for "swimming pool" outdoor
        // play's: such a product is another interest's thing, not their wish by another name.
        let owner = ownerOfPhrase
        for entry in entries {
            for name in entry.names {
                if let id = owner[TextNormalizer.key(name)], id != entry.interest.id {
                    Issue.record("\(entry.interest.id): \"\(entry.wish)\" lists \"\(name)\", which is \(id)'s")
                }
            }
        }
    }

    @Test func noOtherNameIsBroaderThanTheWish() {
        // Never the whole interest ("board games" must not cover "games"), a word every toy shares,
        // a name the interest says is not about it, or a word too loose to tag a product on its own
        // ("magic", "space", "camp").
        let ambiguous = Set(taxonomy.interests.flatMap(\.ambiguous).map(TextNormalizer.key))
        for entry in entries {
            let whole = ([entry.interest.id, entry.interest.label] + entry.interest.synonyms).map(TextNormalizer.key)
            let notAbout = Set(entry.interest.notAbout.map(TextNormalizer.key))
            for name in entry.names {
                let folded = TextNormalizer.key(name)
                let words = TextNormalizer.tokens(name)
                #expect(
                    !whole.contains(folded),
                    "\(entry.interest.id): \"\(entry.wish)\" lists the whole interest, \"\(name)\"")
                #expect(
                    !words.allSatisfy(Taxonomy.genericWords.contains),
                    "\(entry.interest.id): \"\(entry.wish)\" lists \"\(name)\", words every product shares")
                #expect(!notAbout.contains(folded), "\(entry.interest.id): \"\(name)\" is listed as not about it")
                #expect(!ambiguous.contains(folded), "\(entry.interest.id): \"\(name)\" is too loose on its own")
            }
        }
    }

    @Test func theTaxonomyReadsTheFileAsWritten() {
        #expect(taxonomy.otherNames(of: "Felt Tip Pens").contains("fibre tip"))
        #expect(taxonomy.otherNames(of: "garbage trucks").contains("bin lorry"))
        #expect(taxonomy.otherNames(of: "colouring pencil").contains("coloured pencils"))
        // Covers run one way: the narrower name does not cover the broader one.
        #expect(!taxonomy.otherNames(of: "tech deck").contains("fingerboard"))
        #expect(!taxonomy.otherNames(of: "lorry").contains("truck"))
        #expect(taxonomy.otherNames(of: "truck").contains("lorry"))
    }

    /// Product names from the Amazon UK and LEGO exports that name a wish only another way.
    static let namedAnotherWay: [(wish: String, name: String)] = [
        ("felt tip pens", "Giotto Turbo Maxi 4550 00 Fibre-Tip Pens 24-Piece Set in Cardboard Case"),
        ("remote control cars", "Seben LXR XK11 Nitro 1:10 RC Car RTR 4WD 2.4 GHZ"),
        ("soft dolls", "Small Powell Craft Pink Flower Rag Doll 19cm"),
        ("trivia", "Ridley's Games Room Movie Buff Quiz"),
        ("coloured pencils", "Colouring Pencils Value Pack (Pack of 12)"),
        ("colouring pencils", "Crayola Long Barrel Colored Pencils, Assorted Colors, 12-Count"),
        ("costumes", "Overhead Goat Sheep Mask Animal Fancy Dress"),
        ("garbage truck", "Siku 2938 Model Vehicle Bin Lorry Assorted Colours"),
        ("digger", "Bruder 02438 Caterpillar Excavator Scale 1:20"),
        ("checkers", "14\" Pearl Wooden Chess and Draughts Set 35cm x 35cm"),
        ("hama beads", "SES Iron-On Beads Set (Large)"),
        ("rubik's cube", "Dayan GuHong 3x3x3 Speed Cube 6-Color Stickerless"),
        ("baby yoda", "Grogu Key Chain"),
        ("bullet train", "Plarail - AS-07 Shinkansen Series 700 (Model Train)"),
    ]

    @Test(arguments: namedAnotherWay)
    func aProductNamingTheWishAnotherWayIsAGoodMatch(wish: String, name: String) throws {
        // Given a product that never uses their words and a toy that is nothing like it
        let catalog = try TestSupport.catalog(
            rows: """
                other-1,"\(name.replacingOccurrences(of: "\"", with: "\"\""))","",14.99,GBP,6,,,,,true
                other-2,Wooden Stacking Rainbow,"Seven arches.",19.99,GBP,3,,,,,true

                """)
        // When an 8-year-old's wish is asked for
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 8, interests: [wish]), limit: 5)
        // Then the product is a good match, and its reason names the name it holds
        let item = try #require(result.items.first { $0.product.id == "other-1" })
        #expect(item.isGoodMatch, "\"\(name)\" for \"\(wish)\": \(item.reasons)")
        #expect(item.reasons.first?.contains("is in the name") == true, "\(item.reasons)")
        #expect(result.items.first { $0.product.id == "other-2" }?.isGoodMatch != true)
    }

    /// Broader or merely related names the covers leave out, each seen on the exports.
    static let notTheirWish: [(wish: String, name: String)] = [
        ("lorry", "Rocket Truck"),  // a truck, not a lorry
        ("sports car", "Ferrari F1 Fuel Stop"),  // a Ferrari, not a sports car
        ("costumes", "Princess Elise Magnetic Dress Up Playset"),  // dressing a doll
        ("prison", "Hard As Nails Nail Jail"),
        ("tech deck", "Finger Skateboard Fingerboard"),  // a fingerboard is broader than the brand
    ]

    @Test(arguments: notTheirWish)
    func aBroaderOrRelatedNameIsNotTheirWish(wish: String, name: String) throws {
        let catalog = try TestSupport.catalog(
            rows: """
                other-1,\(name),"",14.99,GBP,6,,,,,true

                """)
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 8, interests: [wish]), limit: 5)
        #expect(result.items.first { $0.product.id == "other-1" }?.isGoodMatch != true, "\"\(name)\" for \"\(wish)\"")
    }
}
