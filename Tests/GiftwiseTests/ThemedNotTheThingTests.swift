import Foundation
import Testing

@testable import Giftwise

/// A product can carry a wish's word without being the thing: found on the real Amazon UK
/// exports, where a "12ft Football Happy Birthday Banner" was a football fan's first gift,
/// "Fairy Princess Invitations" a good match for fairies, "Magic Drawing Board" and "Magic the
/// Gathering" good matches for magic tricks, and "k-pop" listed a pop-up kite and an
/// "eye-popping" puzzle as the closest gifts.
struct ThemedNotTheThingTests {
    @Test func partySuppliesWithTheirThemeAreNeverGoodMatchesForIt() throws {
        let catalog = try TestSupport.catalog(
            rows: """
                p-1,12ft Football Happy Birthday Banner,"Hang it up for the party.",4.99,USD,3,,,,,true
                p-2,Junior Football,"A size 3 football for small feet.",9.99,USD,4,,,,,true
                p-3,Football Party Invitations (Pack of 8),"Invite the team.",3.50,USD,3,,,,,true
                p-4,Football Goal Set,"Two pop-up goals and a football.",24,USD,4,,,,,true

                """)
        // Their text names football, but nothing is read from a party supply's text.
        for id in ["p-1", "p-3"] {
            #expect(try catalog.product(id: id)?.interests == [])
        }
        #expect(try catalog.product(id: "p-2")?.interests == ["soccer"])
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 8, interests: ["football"]), limit: 5)
        #expect(result.goodMatchCount == 2)
        let good = result.items.filter(\.isGoodMatch).map(\.product.id)
        #expect(Set(good) == ["p-2", "p-4"])
        #expect(result.items.map(\.product.id).sorted() == ["p-2", "p-4"])
        // At 3 the ball and the goals are too old: the party things are listed for what they are.
        let younger = try catalog.recommend(for: RecipientProfile(ageYears: 3, interests: ["football"]), limit: 5)
        #expect(younger.fit == .partial)
        #expect(younger.goodMatchCount == 0)
        let banner = try #require(younger.items.first { $0.product.id == "p-1" })
        #expect(banner.reasons.contains("\"football\"-themed party supplies, for a party more than a gift"))
        #expect(banner.mismatches.contains("not what they asked for (football), only close to it"))
    }

    @Test func partySuppliesNeverFillAPartialListWithTheWishsKindWord() throws {
        let catalog = try TestSupport.catalog(
            rows: """
                f-1,Cow Foil Balloon - Farmyard Animals Party,"A 32 inch foil balloon.",4.99,USD,3,,,,,true
                f-2,Safari Animals Figure Set,"Six wild animals to play with.",12,USD,3,,,,,true

                """)
        // "farm animals": nothing is good, so products named for its kind word ("animals") fill the
        // list; a balloon for a farm party is not one of them (it may be near in meaning, and says so).
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 5, interests: ["farm animals"]), limit: 5)
        #expect(result.goodMatchCount == 0)
        #expect(result.items.first?.product.id == "f-2")
        let balloon = result.items.first { $0.product.id == "f-1" }
        #expect(balloon.map { $0.reasons.allSatisfy { !$0.hasPrefix("its name has") } } ?? true)
    }

    @Test func aWishForPartyThingsFindsPartySuppliesAsGood() throws {
        let catalog = try TestSupport.catalog(
            rows: """
                b-1,Happy Birthday Dumper Truck Foil Balloon,"A 33 inch foil balloon.",6.49,USD,3,,,,,true
                b-2,Dumper Truck,"A yellow tipper truck.",12,USD,3,,,,,true

                """)
        let balloons = try catalog.recommend(for: RecipientProfile(ageYears: 5, interests: ["balloons"]), limit: 5)
        #expect(balloons.items.filter(\.isGoodMatch).map(\.product.id) == ["b-1"])
        let trucks = try catalog.recommend(for: RecipientProfile(ageYears: 5, interests: ["trucks"]), limit: 5)
        #expect(trucks.items.filter(\.isGoodMatch).map(\.product.id) == ["b-2"])
        #expect(trucks.goodMatchCount == 1)
    }

    @Test func partySuppliesAreToldFromToysByTheirNames() {
        for name in [
            "Dinosaur Party Invitations Notelets - Pack of 10", "Contented Cow 32\" Foil Balloon - Farmyard Animals",
            "12ft Football Happy Birthday Banner", "Princess Purse - Ideal Party Bag Filler", "Pirate Napkins x20",
            "Unicorn Birthday Party Plates",
            // A name that ends by saying it is a balloon (found on the Amazon exports).
            "Black Single Music Note Foil Supershape Balloon", "Amscan International Super/ Shape Peppa Pig Balloon",
            "Disney Ariel Little Mermaid 22 Inch Qualatex Bubble Balloon",
            // A holiday's and a foil's (a sixth trial found them good for "easter" and "wwe").
            "Happy Easter Letter Banner", "Easter Cupcake Decorations Kit - Pack of 24",
            "Amscan WWE 12-Foil Swirl Decorations",
        ] {
            #expect(PartySupplies.named(by: name), "\(name)")
        }
        for name in [
            "Water Balloons (100 pack)", "Marvel Bruce Banner Figure", "Stacking Cups", "Party Game: Charades",
            "Birthday Cake Playset", "Polly Pocket Wall Party - Cafe", "Wooden Hot Air Balloon",
            "Balloon Modelling Kit", "Water Balloon", "Balloon Pump", "Playmobil 4937 Easter egg - Axe knight",
            "Easter Egg Felt Stickers", "Christmas Train Set",
        ] {
            #expect(!PartySupplies.named(by: name), "\(name)")
        }
    }

    @Test func anAmbiguousWordIsTheirThingOnlyWhereItMeansTheirInterest() throws {
        let catalog = try TestSupport.catalog(
            rows: """
                m-1,Marvin's Magic Energised Coin,"A coin trick that amazes every audience.",9.99,USD,8,,,,,true
                m-2,Beginner Magic Set,"Twenty tricks with cards, cups and balls.",19.99,USD,8,,,,,true
                m-3,Magic Drawing Board,"Draw with water; the picture fades away like magic. A set of two pens.",12,USD,3,,,,,true
                m-4,Dream Castle Playset,"Bring the magic home: a castle set with a ballroom and a tower.",49,USD,3,,,,,true

                """)
        // "magic" is the taxonomy's ambiguous word for magic tricks: in a description it is as
        // often "like magic", and a "Magic Drawing Board" is a known name that is not about it.
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 8, interests: ["magic"]), limit: 5)
        #expect(Set(result.items.filter(\.isGoodMatch).map(\.product.id)) == ["m-1", "m-2"])
        #expect(result.goodMatchCount == 2)
        // Their unambiguous words still count in a description.
        let tricks = try catalog.recommend(for: RecipientProfile(ageYears: 8, interests: ["magic tricks"]), limit: 5)
        #expect(tricks.items.filter(\.isGoodMatch).contains { $0.product.id == "m-2" })
        #expect(!tricks.items.filter(\.isGoodMatch).contains { $0.product.id == "m-4" })
    }

    @Test func aWishNothingMatchesIsNotPaddedWithWhatTheSearchHeard() throws {
        let catalog = try TestSupport.catalog(
            rows: """
                k-1,3D Pop-Up Butterfly Kite,"The kite pops into shape.",16.76,USD,6,,,,,true
                k-2,3D Magna Puzzle,"An eye-popping lenticular tile puzzle.",4.50,USD,8,,,,,true

                """)
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 8, interests: ["k-pop"]), limit: 5)
        #expect(result.fit == .partial)
        #expect(result.goodMatchCount == 0)
        #expect(result.items.isEmpty)
        // One written word has no kind word of its own to look for.
        #expect(MatchQuery.resolve(["k-pop"], taxonomy: catalog.taxonomy).requests.first?.someWordsQuery == nil)
    }

    @Test func aKindWordOnlyTheStemmerHearsListsNothing() throws {
        // FTS5's stemmer finds "sand" in "Sanding": the search returns it, but the word is not
        // there, so it touches nothing of "sequin sand" and is not listed.
        let catalog = try TestSupport.catalog(
            rows: """
                w-1,Wooden Sanding Block,"Smooth rough edges before painting.",4.50,USD,8,,,,,true

                """)
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 8, interests: ["sequin sand"]), limit: 5)
        #expect(result.fit == .partial)
        #expect(result.items.isEmpty)
    }
}

/// Themed accessories stay good matches but rank after the toys of the same theme: on the LEGO
/// export "firefighters" listed a key chain, a backpack and a watch before any fire station.
struct ThemedAccessoryTests {
    @Test func aThemedAccessoryRanksAfterTheToysOfItsThemeAndStaysGood() throws {
        let catalog = try TestSupport.catalog(
            rows: """
                f-1,Firefighter Key Chain,"",6.99,USD,7,10,,,,true
                f-2,Firefighter Station Playset with Ladder and Hose,"",49.99,USD,4,,,,,true
                f-3,Firefighter Backpack,"",24.99,USD,7,10,,,,true
                f-4,Firefighter Rescue Truck with Water Cannon,"",29.99,USD,4,,,,,true

                """)
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 8, interests: ["firefighters"]), limit: 4)
        #expect(result.goodMatchCount == 4)
        #expect(result.items.allSatisfy { $0.isGoodMatch })
        #expect(Set(result.items.prefix(2).map(\.product.id)) == ["f-2", "f-4"])
        #expect(Set(result.items.suffix(2).map(\.product.id)) == ["f-1", "f-3"])
    }

    @Test func anAccessoryWithTheShopsOwnTagsIsNotCountedAsTaggedFromText() throws {
        let catalog = try TestSupport.catalog(
            rows: """
                a-1,Firefighter Key Chain,"",6.99,USD,6,,firefighters,fun,,true
                a-2,Fire Station,"",49.99,USD,6,,,,,true

                """)
        // The accessory mark is kept beside the inferred-tag marks, not counted as one.
        #expect(try catalog.stats().autoTagged == 1)
    }

    @Test func accessoriesAreToldFromToysByTheirNames() {
        for name in [
            "City Firefighter Key Chain", "Darth Vader Adult Watch", "Peppa Pig Pencil Case", "Yoda T-Shirt",
            "4 x \"I HEART LOVE PIANO\" BADGES BUTTON PINS",
            "SmartDealsPro 10 Pack of Random Color D20 Polyhedral Dice",
        ] {
            #expect(ThemedAccessories.named(by: name), "\(name)")
        }
        for name in [
            "BEN 10 Puzzle - 45 Pieces - Watch and 2 Characters", "Munchkin Bookmark Collection Card Game",
            "Vilac Alphabet Magnets", "Fire Station", "Pocket / Travel Yatzy dice game",
        ] {
            #expect(!ThemedAccessories.named(by: name), "\(name)")
        }
    }

    @Test func partsAndRefillsAreAccessoriesOfTheThingTheyBelongTo() {
        for name in [
            "Rocking Horse Replacement Mane & Tail Set (Pink)", "Stomp Rocket Super Refill Pack",
            "Parrot Bebop Drone and Sky Controller Battery Charger", "Tamiya Dual Block Tyres K Rear (2pcs)",
        ] {
            #expect(ThemedAccessories.named(by: name), "\(name)")
        }
        // The thing itself is not.
        for name in ["Orchard Toys Dolls House", "Dolls House Storage Box Set of Dolls", "Stomp Rocket Junior Glow"] {
            #expect(!ThemedAccessories.named(by: name), "\(name)")
        }
    }

    @Test func aThingMadeForTheirThingIsNotOneAndSaysSo() throws {
        // On the Amazon export, "rc cars" opened with a roof rack and a light set "for RC Car";
        // at £15 a trial found nothing but such add-ons, all labelled good.
        let catalog = try TestSupport.catalog(
            rows: """
                r-1,Austar Roof Luggage Rack with LED Light Bar for 1/10 RC Crawler Cars,"",19.99,USD,8,,,,,true
                r-2,Seben Nitro 1:10 RC Car Ready to Run,"",89.99,USD,8,,,,,true
                r-3,LED Light Set Headlight Taillight for RC Car Truck,"",9.99,USD,8,,,,,true
                r-4,Desert Buggy RC Car with Remote,"",39.99,USD,8,,,,,true

                """)
        // When they ask for RC cars, the cars are the good gifts, and the count says the same
        for said in ["rc cars", "remote control cars"] {
            let result = try catalog.recommend(for: RecipientProfile(ageYears: 10, interests: [said]), limit: 4)
            #expect(Set(result.items.filter(\.isGoodMatch).map(\.product.id)) == ["r-2", "r-4"], "\(said)")
            #expect(result.goodMatchCount == 2, "\(said)")
        }
        // And when the budget leaves only the add-ons, the list says they are not what was asked
        // for, and what budget would open a car
        let cheap = try catalog.recommend(
            for: RecipientProfile(ageYears: 10, interests: ["rc cars"], budgetMax: Money(20)), limit: 4)
        #expect(cheap.fit == .partial)
        #expect(cheap.goodMatchCount == 0)
        #expect(Set(cheap.items.map(\.product.id)) == ["r-1", "r-3"])
        #expect(
            cheap.items.allSatisfy { $0.reasons.contains("made for \"rc cars\", not the thing itself") },
            "\(cheap.items.map(\.reasons))")
        #expect(cheap.relaxations.contains { $0.suggestion.contains("raise the budget") })
        // Nor does the tag of their interest make them one ("cars": both add-ons are tagged
        // with vehicles from their names), in the list or in the count
        #expect(try #require(try catalog.product(id: "r-3")).interests.contains("vehicles"))
        let tagged = try catalog.recommend(
            for: RecipientProfile(ageYears: 10, interests: ["cars"], budgetMax: Money(20)), limit: 4)
        #expect(tagged.goodMatchCount == 0)
        #expect(!tagged.items.contains { $0.isGoodMatch }, "\(tagged.items.map(\.reasons))")
    }

    @Test func aThingMadeForAPastimeIsStillAGiftForIt() throws {
        // "Sand Timer for Cooking" is a cook's gift, after the things of cooking itself; a wish
        // that asks for parts ("tyres") takes them as its thing.
        let catalog = try TestSupport.catalog(
            rows: """
                c-1,Sand Timer for Cooking and Games,"",6.99,USD,8,,,,,true
                c-2,Junior Cooking Set with Apron,"",19.99,USD,8,,,,,true
                c-3,Tamiya Dual Block Tyres (2pcs) - RC Car Spares,"",9.99,USD,8,,,,,true

                """)
        let cooking = try catalog.recommend(for: RecipientProfile(ageYears: 10, interests: ["cooking"]), limit: 4)
        #expect(cooking.items.map(\.product.id) == ["c-2", "c-1"])
        #expect(cooking.items.allSatisfy { $0.isGoodMatch })
        let parts = try catalog.recommend(for: RecipientProfile(ageYears: 10, interests: ["tyres"]), limit: 4)
        #expect(parts.items.filter(\.isGoodMatch).map(\.product.id) == ["c-3"], "\(parts.items.map(\.reasons))")
    }

    @Test func partsComeAfterEveryThingItselfHoweverDiverseTheListWants() throws {
        // On the 10k export "remote control cars" listed tyres and a speed controller before a
        // second RC car: their lower score was not enough once the list chose for variety.
        let catalog = try TestSupport.catalog(
            rows: """
                p-1,Tamiya Dual Block Tyres K Rear (2pcs) - RC Car Spares,"",7.99,USD,8,,,,,true
                p-2,Hobbypower 20A ESC Brushed Motor Speed Controller for RC Car,"",12.99,USD,8,,,,,true
                c-1,RC Racing Drift Car 1:14 4WD Remote Control Car,"",49.99,USD,8,,,,,true
                c-2,Remote Control Invincible Tornado Twister RC Car,"",39.99,USD,8,,,,,true
                c-3,Seben Nitro 1:10 RC Car Ready to Run,"",89.99,USD,8,,,,,true

                """)
        let result = try catalog.recommend(
            for: RecipientProfile(ageYears: 10, interests: ["remote control cars"]), limit: 5)
        #expect(result.items.allSatisfy { $0.isGoodMatch })
        #expect(Set(result.items.prefix(3).map(\.product.id)) == ["c-1", "c-2", "c-3"])
        // A spare part is not their thing: under £15 the tyres and the speed controller are all
        // there is, and the list says so instead of calling them good
        let cheap = try catalog.recommend(
            for: RecipientProfile(ageYears: 10, interests: ["rc car"], budgetMax: Money(15)), limit: 5)
        #expect(cheap.goodMatchCount == 0)
        #expect(cheap.fit == .partial)
        #expect(Set(cheap.items.map(\.product.id)) == ["p-1", "p-2"])
        #expect(!cheap.items.contains { $0.isGoodMatch })
    }

    @Test func spareBladesAreNoHelicopter() throws {
        // The 10k export: "rc helicopter" under £15 listed replacement blades and a tail motor
        // mount as good.
        let catalog = try TestSupport.catalog(
            rows: """
                h-1,Full Set Replacement Parts for Syma S107 RC Helicopter Main Blades,"",8.99,USD,10,,,,,true
                h-2,XT-XINTE 1 Pair Propeller Rotors Spare Parts for X380 RC Helicopter,"",4.99,USD,10,,,,,true
                h-3,Syma S107G 3 Channel RC Helicopter with Gyro,"",14.99,USD,10,,,,,true
                h-4,Twin-rotor RC Helicopter,"",19.99,USD,10,,,,,true

                """)
        let result = try catalog.recommend(
            for: RecipientProfile(ageYears: 10, interests: ["rc helicopter"]), limit: 5)
        // A rotor in the name of a helicopter is the helicopter's own
        #expect(Set(result.items.filter(\.isGoodMatch).map(\.product.id)) == ["h-3", "h-4"])
        #expect(result.goodMatchCount == 2)
        let cheap = try catalog.recommend(
            for: RecipientProfile(ageYears: 10, interests: ["rc helicopter"], budgetMax: Money(10)), limit: 5)
        #expect(cheap.goodMatchCount == 0)
        #expect(
            cheap.items.allSatisfy { $0.reasons.contains("a spare part for \"rc helicopter\", not the thing itself") },
            "\(cheap.items.map(\.reasons))")
    }

    /// On the 10k export "water pistols" listed "The Sooty Show - Pop-Up Sooty Puppet Show With
    /// Water Pistol" among the water pistols: a thing that comes with a product ranks after the
    /// things themselves, as one made for it does.
    @Test func aThingThatComesWithAProductRanksAfterTheThingsThemselves() throws {
        func tokens(_ name: String) -> [String] { TextNormalizer.tokens(name) }
        let pistol: [Set<String>] = [["water", "pistol"]]
        #expect(
            ThemedAccessories.comesWith(
                wishNames: pistol, nameTokens: tokens("The Sooty Show - Pop-Up Sooty Puppet Show With Water Pistol")))
        #expect(!ThemedAccessories.comesWith(wishNames: [["brick"]], nameTokens: tokens("Fun With Bricks")))
        #expect(
            !ThemedAccessories.comesWith(
                wishNames: [["dinosaur"], ["dino"]],
                nameTokens: tokens("Playmobil 5230 Dinos Volcano with T-Rex Dinosaur")))
        let catalog = try TestSupport.catalog(
            rows: """
                w-1,Sooty Puppet Show With Water Pistol,"",14.99,USD,3,,,,,true
                w-2,Spaceboy Blue Plastic Summer Garden Outdoor Squirt Water Pistol Toy,"",4.99,USD,3,,,,,true

                """)
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 8, interests: ["water pistols"]), limit: 2)
        // (Round 20: for water pistols, a show that comes with one is not one: never good.)
        #expect(result.items.filter(\.isGoodMatch).map(\.product.id) == ["w-2"])
        #expect(result.goodMatchCount == 1)
        // Offered when nothing else is, it says what it is.
        let show = try catalog.recommend(
            for: RecipientProfile(ageYears: 8, interests: ["water pistols"], excludedProductIDs: ["w-2"]), limit: 2)
        #expect(
            show.items.first?.reasons.contains(
                "its name has \"water pistols\", but on another thing, not the thing itself") == true)
    }

    @Test func madeForIsReadOnlyWhereTheirWordsFollowForAlone() {
        let rc: Set<String> = ["rc", "car"]
        #expect(
            ThemedAccessories.isMadeFor(
                wishWords: rc, nameTokens: TextNormalizer.tokens("Roof Rack for 1/10 1/8 RC Cars")))
        #expect(
            ThemedAccessories.isMadeFor(
                wishWords: ["lego"], nameTokens: TextNormalizer.tokens("1000 Building Bricks Compatible with LEGO")))
        let dinosaur: Set<String> = ["dinosaur"]
        for name in [
            "Dinosaur Costume for Kids", "Puzzle for Dinosaur Fans", "Dress Up Costume for Boys and Girls Dinosaur",
            "The 1 for U Very Large Dinosaur", "Gift for Dinosaur Lovers", "For Dinosaur Lovers",
        ] {
            #expect(
                !ThemedAccessories.isMadeFor(wishWords: dinosaur, nameTokens: TextNormalizer.tokens(name)), "\(name)")
        }
        #expect(!ThemedAccessories.isMadeFor(wishWords: [], nameTokens: TextNormalizer.tokens("Stand for Dinosaur")))
    }
}

/// A wish for one kind of thing inside an interest is never widened to the whole interest and
/// still called good: on the Amazon export "dolls house" listed rag dolls and a Barbie doll as
/// good ('loves dolls ("dolls house") (it's in the name)').
struct NarrowerAliasTests {
    @Test func anAliasWithAnotherWordInItIsANarrowerKind() throws {
        let taxonomy = try TestSupport.emptyCatalog().taxonomy
        for said in ["dolls house", "doll's house", "fire trucks", "pirates of the caribbean", "golf balls"] {
            #expect(taxonomy.resolution(said)?.specificity == .narrower, "\(said)")
        }
        // Spelling variants and the interest with a word that adds nothing stay the interest.
        for said in ["dolls", "dinos", "chess set", "robot kit", "super hero", "building blocks"] {
            #expect(taxonomy.resolution(said)?.specificity == .same, "\(said)")
        }
    }

    @Test func aDollsHouseWishFindsDollsHousesNotDolls() throws {
        let catalog = try TestSupport.catalog(
            rows: """
                d-1,Wooden Dolls House with Furniture,"Three floors and twelve pieces of furniture.",89,USD,3,,,,,true
                d-2,Rag Doll Ella,"A soft rag doll in a flowery dress.",19,USD,3,,,,,true
                d-3,Fashion Doll with Accessories,"A doll with three outfits.",15,USD,3,,,,,true

                """)
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 6, interests: ["dolls house"]), limit: 5)
        #expect(result.goodMatchCount == 1)
        #expect(result.items.map(\.product.id) == ["d-1"])
        // "dolls" is the whole interest: every doll is good.
        let dolls = try catalog.recommend(for: RecipientProfile(ageYears: 6, interests: ["dolls"]), limit: 5)
        #expect(dolls.goodMatchCount == 3)
    }
}

/// A phrase the taxonomy knows counts in a description only as the phrase: on the Amazon export
/// a container truck whose text has "a fire extinguisher … The truck" was a good "fire trucks"
/// match, and a rag doll one for "farm animals".
struct KnownPhraseInDescriptionTests {
    @Test func aKnownPhraseCountsInADescriptionOnlyStandingTogether() throws {
        let catalog = try TestSupport.catalog(
            rows: """
                t-1,Container Truck,"Comes with a fire extinguisher and a driver. The truck has clear windows.",25,USD,4,,,,,true
                t-2,Rescue Vehicle,"A red fire truck with a ladder that turns.",30,USD,4,,,,,true
                t-3,Magnetic Dartboard,"Board and six darts; hours of games for the family.",15,USD,6,,,,,true
                t-4,Family Fun Pack,"A board game and a card game for rainy days.",20,USD,6,,,,,true

                """)
        let trucks = try catalog.recommend(for: RecipientProfile(ageYears: 6, interests: ["fire trucks"]), limit: 5)
        #expect(trucks.items.filter(\.isGoodMatch).map(\.product.id) == ["t-2"])
        #expect(trucks.goodMatchCount == 1)
        let games = try catalog.recommend(for: RecipientProfile(ageYears: 8, interests: ["board games"]), limit: 5)
        #expect(games.items.filter(\.isGoodMatch).map(\.product.id) == ["t-4"])
        #expect(games.goodMatchCount == 1)
    }
}

/// On the LEGO export with names only, "star wars" for a 10-year-old opened with three console
/// games, and "horses" with Duplo stables for ages 2+: a game for one console pleases only someone
/// who owns it, and a toddler toy is made for much younger children. Both stay good matches and
/// rank after the toys of the same fit made for their age.
struct DeviceAndAgeRankingTests {
    @Test func gamesForOneDeviceAreToldByTheirNames() {
        for name in [
            "LEGO Star Wars: The Force Awakens - PlayStation 4", "Marvel PS3", "LEGO Batman 3 Beyond Gotham Xbox One",
            "LEGO Harry Potter: Years 1-4 (Wii)", "VTech InnoTab Software: Thomas & Friends - Exploring Sodor",
            "VTech Electronics V.Smile Motion Software Cars", "Mario Kart 8 Deluxe (Nintendo Switch)",
            // Found on the LEGO export: no console in the name, but it ends by saying what it is.
            "The Lord of the Rings Video Game", "LEGO Harry Potter: Years 1-4 Video Game",
            "Legends of Chima Laval's Journey PS Vita Video Game",
            // Found on the Amazon export: a handheld's cartridge, and a video game named in Italian.
            "LeapFrog Leapster Learning Game Batman", "CARS VIDEOGIOCO-HOT WHEELS - 5",
            "VTech Storio Software: Hello Kitty", "Pokemon Yellow (Game Boy)", "Batman™ 2: DC Super Heroes - 3DS",
            "Batman™ 2: DC Super Heroes - DS", "Batman 2: DC Super Heroes - PSV",
            // Found on the LEGO export (theme Gear, subtheme "Video Games/PC").
            "Marvel PC", "LEGO Star Wars: The Complete Saga - PC",
        ] {
            #expect(DeviceBound.named(by: name), "\(name)")
        }
        for name in [
            "Star Wars X-Wing Starfighter", "Official Nintendo Super Mario Plush", "Kids Video Camera", "Switch Track",
            // A book about making games is not a game for a console.
            "Make Your Own Video Games Coding Book", "Video Game", "Video Game Themed Cake Toppers",
            "LeapFrog Chat and Count Mobile Phone", "Vtech Storio V.Reader Animated E-Book Reader - Penguins",
            // "DS" is a console only where the name ends with it.
            "DS Racing Car Set with Track",
            // "PC" after a count is pieces.
            "Ravensburger Jigsaw Puzzle 1000 PC", "Wooden Blocks 100 pc", "PC Building Set",
        ] {
            #expect(!DeviceBound.named(by: name), "\(name)")
        }
    }

    @Test func aGameForOneConsoleRanksAfterToysOfTheSameFitUnlessTheyWantGames() throws {
        let catalog = try TestSupport.catalog(
            rows: """
                g-1,LEGO Star Wars: The Force Awakens - PlayStation 4,"",19.99,USD,7,,,,,true
                g-2,Star Wars Republic Gunship Building Set,"",59.99,USD,8,,,,,true
                g-3,Star Wars Snowspeeder Building Set,"",29.99,USD,8,,,,,true

                """)
        let fan = try catalog.recommend(for: RecipientProfile(ageYears: 10, interests: ["star wars"]), limit: 3)
        #expect(fan.items.count == 3)
        #expect(fan.items.allSatisfy { $0.isGoodMatch })
        func score(_ id: String, _ result: Recommendations) -> Double {
            result.items.first { $0.product.id == id }?.score ?? .nan
        }
        #expect(fan.items.first?.product.id == "g-2")
        #expect(score("g-1", fan) < score("g-3", fan))
        // The list says why, on the game alone.
        let caveat = "plays only on the console or device it is made for: check they have one"
        #expect(fan.items.filter { $0.reasons.contains(caveat) }.map(\.product.id) == ["g-1"])
        // For someone who plays on a PlayStation, the game is what they asked for.
        let player = try catalog.recommend(
            for: RecipientProfile(ageYears: 10, interests: ["star wars", "playstation"]), limit: 3)
        #expect(score("g-1", player) > score("g-3", player))
        #expect(player.items.allSatisfy { !$0.reasons.contains(caveat) })
    }

    @Test func aGameForOneConsoleComesAfterEveryToyOfTheirWishHoweverPlainlyItIsNamed() throws {
        // Found on the LEGO export with names only: "The Lord of the Rings Video Game" was second
        // for a Lord of the Rings fan, above every set, since its name holds the whole wish.
        let catalog = try TestSupport.catalog(
            rows: """
                r-1,The Lord of the Rings Video Game,"",19.99,USD,7,,,,,true
                r-2,The Mines of Moria,"",29.99,USD,9,,,,,true
                r-3,Escape from Mirkwood Spiders,"",39.99,USD,8,,,,,true
                r-4,Lord of the Rings Magnet Set,"",9.99,USD,7,,,,,true
                r-5,Frodo and Gollum Minifigure Pack,"",12.99,USD,7,,,,,true

                """)
        let fan = try catalog.recommend(for: RecipientProfile(ageYears: 10, interests: ["lord of the rings"]), limit: 5)
        #expect(fan.items.count == 5)
        #expect(fan.items.allSatisfy { $0.isGoodMatch })
        #expect(fan.items.last?.product.id == "r-1")
        // The question flow compares lists the same way.
        let ids = try catalog.database.read { db in
            try Matcher(catalog: catalog).topProductIDs(
                db, for: RecipientProfile(ageYears: 10, interests: ["lord of the rings"]), limit: 5)
        }
        #expect(ids.ids == fan.items.map(\.product.id))
        // Someone who plays games gets it first among equals.
        let player = try catalog.recommend(
            for: RecipientProfile(ageYears: 10, interests: ["lord of the rings", "video games"]), limit: 5)
        #expect(player.items.first?.product.id == "r-1")
    }

    @Test func aToddlerToyRanksAfterToysForTheirAgeFromSixOn() throws {
        let catalog = try TestSupport.catalog(
            rows: """
                h-1,Horse Stable and Pony Care,"",39.99,USD,2,,,,,true
                h-2,Horse Riding Centre,"",49.99,USD,7,,,,,true
                h-3,Horse Trailer with Two Horses,"",19.99,USD,2,5,,,,true

                """)
        let older = try catalog.recommend(for: RecipientProfile(ageYears: 10, interests: ["horses"]), limit: 3)
        #expect(older.items.map(\.product.id) == ["h-2", "h-1"])
        #expect(older.items.allSatisfy { $0.isGoodMatch })
        // Its reason says so, instead of "suits a 10-year-old".
        #expect(older.items.last?.reasons.contains("made for younger children (ages 2+)") == true)
        // For a 3-year-old it is their age's toy: the rule does not touch it.
        let toddler = try catalog.recommend(for: RecipientProfile(ageYears: 3, interests: ["horses"]), limit: 3)
        #expect(Set(toddler.items.map(\.product.id)) == ["h-1", "h-3"])
    }

    @Test func aToddlerToyComesAfterEveryToyForTheirAgeHoweverPlainlyItIsNamed() throws {
        // Found in the terminal on the LEGO export: "horses" at 9 listed Duplo "Horses, ages 2+"
        // third, above "Princess and Horse, ages 3+", its name being all their wish.
        let catalog = try TestSupport.catalog(
            rows: """
                d-1,Horses,"",14.99,USD,2,,,,,true
                d-2,Horse Stables,"",39.99,USD,2,,,,,true
                d-3,Princess and Horse,"",9.99,USD,3,,,,,true
                d-4,Heartlake Riding Club with a Horse Trailer,"",49.99,USD,6,,,,,true

                """)
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 9, interests: ["horses"]), limit: 4)
        #expect(result.items.count == 4)
        #expect(Set(result.items.prefix(2).map(\.product.id)) == ["d-3", "d-4"])
        #expect(Set(result.items.suffix(2).map(\.product.id)) == ["d-1", "d-2"])
    }

    @Test func aToyFiledAsAToddlersWithNoAgeComesAfterTheToysForTheirAge() throws {
        // The LEGO export with themes: "dinosaurs but nothing scary" for a 9-year-old listed a
        // DUPLO "Dino Trap" (no age stated) third, and "she loves horses" a DUPLO stable first.
        let catalog = try TestSupport.catalog(
            rows: """
                t-1,Dino Trap,"",24.99,USD,,,"dinosaurs,duplo",fun,,true
                t-2,Toddler Dinosaur Stacker,"",9.99,USD,,,dinosaurs,fun,,true
                t-3,Raptor Chase,"",19.99,USD,7,,dinosaurs,fun,,true
                t-4,Mighty Dinosaurs,"",14.99,USD,7,,dinosaurs,fun,,true

                """)
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 9, interests: ["dinosaurs"]), limit: 4)
        #expect(Set(result.items.prefix(2).map(\.product.id)) == ["t-3", "t-4"], "\(result.items.map(\.product.name))")
        #expect(result.items.allSatisfy { $0.isGoodMatch })
        #expect(
            result.items.last?.reasons.contains(
                "the seller gives no age range, and it is named or filed as a toddler's toy") == true)
        // Nor when the wish names DUPLO itself
        let duplo = try catalog.recommend(for: RecipientProfile(ageYears: 9, interests: ["duplo dinosaurs"]), limit: 4)
        let trap = try #require(duplo.items.first { $0.product.id == "t-1" })
        #expect(!trap.reasons.joined().contains("toddler's toy"), "\(trap.reasons)")
        // For a 4-year-old they are their age's toys
        let young = try catalog.recommend(for: RecipientProfile(ageYears: 4, interests: ["dinosaurs"]), limit: 4)
        #expect(young.items.allSatisfy { !$0.reasons.joined().contains("toddler's toy") })
    }

    /// A round-20 trial's "a pirate ship" for a 12-year-old listed a DUPLO pirate ship "4+"
    /// second: a toddler's range is one whatever age its box starts at.
    @Test func aToddlersRangeWithAStatedAgeComesAfterTheToysForTheirAge() throws {
        let catalog = try TestSupport.catalog(
            rows: """
                p-1,Big Pirate Ship,"",99.99,USD,4,,"pirates,duplo",fun,,true
                p-2,Pirate Ship Ambush,"",59.99,USD,9,,pirates,fun,,true
                p-3,Punk Pirate Ship,"",49.99,USD,8,,pirates,fun,,true

                """)
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 12, interests: ["pirate ship"]), limit: 3)
        #expect(result.items.last?.product.id == "p-1", "\(result.items.map(\.product.name))")
        #expect(result.items.last?.reasons.contains("a toddler's range, made for younger children (ages 4+)") == true)
        // For a 4-year-old it is their age's toy.
        let young = try catalog.recommend(for: RecipientProfile(ageYears: 4, interests: ["pirate ship"]), limit: 3)
        #expect(young.items.map(\.product.id) == ["p-1"])
    }

    /// The LEGO export, names only: "horses" for a 10-year-old listed a stable with no stated age
    /// (a DUPLO set) first, before the "6+" and "8+" horse sets, where the shop states most ages.
    /// Where it seldom states one, a stated age says nothing of fit (a dice game "ages 8 and up"
    /// would have led the Amazon export's card games, whose names hold "card game" and no age).
    @Test func whereTheShopStatesMostAgesAChildsUnstatedOneLosesGroundToTheStatedOnes() throws {
        func catalog(clubAge: String) throws -> GiftCatalog {
            try TestSupport.catalog(
                rows: """
                    a-1,Horse Stable,"A stable for horses and a rider.",29.99,USD,,,,,,true
                    a-2,Horse Barn,"",99.99,USD,8,,,,,true
                    a-3,Horse Club,"",59.99,USD,\(clubAge),,,,,true

                    """)
        }
        func scores(_ catalog: GiftCatalog, age: Double) throws -> [String: Double] {
            let result = try catalog.recommend(for: RecipientProfile(ageYears: age, interests: ["horses"]), limit: 3)
            #expect(result.items.count == 3)
            #expect(result.items.allSatisfy { $0.isGoodMatch })
            return Dictionary(uniqueKeysWithValues: result.items.map { ($0.product.id, $0.score) })
        }
        let mostStated = try catalog(clubAge: "7")
        let seldomStated = try catalog(clubAge: "")
        let child = try scores(mostStated, age: 10)
        let childElsewhere = try scores(seldomStated, age: 10)
        // The stable, the same product in both shops, loses ground only where most ages are stated.
        #expect(try #require(child["a-1"]) < (try #require(childElsewhere["a-1"])) - 0.1)
        #expect(child["a-2"] == childElsewhere["a-2"])
        let order = try mostStated.recommend(for: RecipientProfile(ageYears: 10, interests: ["horses"]), limit: 3)
        #expect(order.items.last?.product.id == "a-1", "\(order.items.map(\.product.name))")
        #expect(order.items.last?.reasons.contains("the seller gives no age range") == true)
        // An adult's gifts seldom carry an age: nothing changes for them.
        #expect(try scores(mostStated, age: 30)["a-1"] == (try scores(seldomStated, age: 30)["a-1"]))
    }

    /// Losing ground is not losing their words: a card game with no age still leads a board that
    /// only the shop's label makes a card game, "8+".
    @Test func aNameWithTheirWordsAndNoAgeStaysBeforeALabelOnlyMatchWithOne() throws {
        let stated = try TestSupport.catalog(
            rows: """
                d-1,Snap Card Game,"",4.99,USD,,,,,,true
                d-2,Cribbage Board,"",12.99,USD,8,,card games,fun,,true
                d-3,Travel Peg Board,"",6.99,USD,8,,card games,fun,,true

                """)
        let words = try stated.recommend(for: RecipientProfile(ageYears: 10, interests: ["card games"]), limit: 3)
        #expect(words.items.first?.product.id == "d-1", "\(words.items.map(\.product.name))")
    }

    /// A first version of round 21 ranked a range open from six years below a 10-to-12-year-old
    /// after their age's toys: the Amazon sample's "Hornby Caledonian Belle 00 Gauge Electric Train
    /// Set, ages 5+" then came after every "3+" toy train for an 11-year-old. A stated range that
    /// holds them is never put after one that says less.
    @Test func aModelRailwayFiveUpStaysBeforeToyTrainsThreeUpForAnOlderChild() throws {
        let catalog = try TestSupport.catalog(
            rows: """
                t-1,Hornby Caledonian Belle 00 Gauge Electric Train Set,"",149.99,USD,5,,,,,true
                t-2,Rail & Road Loading Set,"A loading set for your wooden railway.",24.99,USD,3,,,,,true
                t-3,Plan Toys Modern Train,"",19.99,USD,3,,,,,true
                t-4,Express Train Set,"",99.99,USD,8,,,,,true

                """)
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 11, interests: ["trains"]), limit: 4)
        #expect(result.items.prefix(2).map(\.product.id).contains("t-1"), "\(result.items.map(\.product.name))")
        #expect(result.items.allSatisfy { !$0.reasons.joined().contains("younger children") })
    }
}

/// Words that describe other products or mean something else in a description never make a
/// product their thing: on the Amazon export a dinosaur puppet "also available in monkey,
/// crocodile, giraffe and penguin designs" was good for someone who loves birds, and a rabbit
/// ride-on "made of stable beechwood" for someone who loves horses.
struct OwnDescriptionTests {
    @Test func aSentenceAboutOtherVersionsIsNotTheProductsOwn() {
        let puppet =
            "A green dinosaur puppet. The puppet is also available in monkey and penguin designs. Box Contains 1 x Puppet"
        #expect(
            TextNormalizer.tokens(OwnDescription.of(puppet))
                == TextNormalizer.tokens("A green dinosaur puppet. The puppet is Box Contains 1 x Puppet"))
        #expect(OwnDescription.of("Two kites. Also Available are the range of 3D Pop Up Kites") == "Two kites. ")
        #expect(OwnDescription.of("Available now in red.") == "Available now in red.")
        #expect(OwnDescription.of("") == "")
    }

    /// A seller's words about their shop are not about the product: on the Amazon export a bag of
    /// peacock feathers was "technology-themed" from "We sell Consumer Electronics & Gadgets".
    @Test func everyMarkerStartsWithALetterTheScanLooksFor() {
        // The scan rules out every byte but these first letters before looking markers up.
        #expect(OwnDescription.markers.allSatisfy { Array("awop".utf8).contains($0[0]) })
    }

    @Test func aSentenceAboutTheSellersRangeIsNotTheProductsOwn() {
        let feathers =
            "Natural peacock feathers. We sell Consumer Electronics & Gadgets at wholesale prices. Product Line: Accessories for PC, Video Game & Mobile phone"
        #expect(OwnDescription.of(feathers) == "Natural peacock feathers.   ")
        #expect(
            OwnDescription.of(
                "A ventriloquist puppet! Please see our other listings as we have loads more. Bow included")
                == "A ventriloquist puppet! Please see   Bow included")
        // Only as words of their own: "your other" and "flour store" are the product's.
        #expect(
            OwnDescription.of("Keep your other toys in the flour store.") == "Keep your other toys in the flour store.")
        #expect(OwnDescription.of("Here we have a large 26\" puppet.") == "Here we have a large 26\" puppet.")
        #expect(OwnDescription.of("Our Ranges: OUR STORE has more") == "Our Ranges: ")
    }

    /// Found by a trial on the Amazon exports: a 1:12 porcelain baby was a "baby doll" and a
    /// 1:12 pram a "dolls pram"; scooters were skateboards; a Castle MacLellan pâté was a castle;
    /// chess pieces of "Weight: 500 grams" were fitness.
    @Test func thingsThatOnlyLookLikeTheWishAreNotIt() throws {
        let catalog = try TestSupport.catalog(
            header: "id,name,description,price,age_min\n",
            rows: """
                m-1,Dolls House Miniature 1:12 Scale Porcelain Baby,,4.99,14
                m-2,Reborn Baby Doll 22 Inch,,29.99,3
                m-3,Galt Safety Scooter,,24.99,3
                m-4,Skateboard Deck 31 Inch,,39.99,8
                m-5,Castle MacLellan Mushroom Pate,,2.99,3
                m-6,Wooden Knights Castle,,49.99,3
                m-7,Sheesham Chess Pieces,"32 chessmen in a box. Weight: 500 grams. The weight of the set is added by hand, so the final weight may vary.",39.99,8

                """)
        func good(_ wish: String, age: Double = 14) throws -> [String] {
            try catalog.recommend(for: RecipientProfile(ageYears: age, interests: [wish]), limit: 8).items
                .filter(\.isGoodMatch).map(\.product.id)
        }
        #expect(try good("baby dolls") == ["m-2"])
        #expect(try good("dolls house").contains("m-1"))
        #expect(try good("skateboard") == ["m-4"])
        #expect(try good("knights and castles") == ["m-6"])
        // A product's weight is no fitness: chess pieces of "Weight: 500 grams" are chess.
        let chess = try catalog.recommend(for: RecipientProfile(ageYears: 14, interests: ["chess"])).items.first
        #expect(chess?.product.id == "m-7")
        #expect(chess?.product.interests == ["chess"])
    }

    @Test func anElectronicToyOrABrandNamedElectronicsIsNoElectronicsKit() throws {
        let catalog = try TestSupport.catalog(
            rows: """
                e-1,Yahtzee Electronic Hand Held Game,"Beep and roll.",14.99,USD,8,,,,,true
                e-2,VTech Electronics V.Smile Motion Software,"Cars game cartridge.",9.99,USD,8,,,,,true
                e-3,Snap Circuits Junior Kit,"Over 100 electronics projects.",29.99,USD,8,,,,,true
                e-4,Peacock Feathers,"Twelve feathers. We sell Consumer Electronics & Gadgets at wholesale prices.",4.99,USD,8,,,,,true

                """)
        let result = try catalog.recommend(for: RecipientProfile(ageYears: 10, interests: ["electronics"]), limit: 5)
        #expect(result.items.filter(\.isGoodMatch).map(\.product.id) == ["e-3"])
        #expect(!result.items.map(\.product.id).contains("e-4"))
    }

    @Test func otherVersionsAndLooseWordsInADescriptionDoNotMakeItTheirThing() throws {
        let catalog = try TestSupport.catalog(
            rows: """
                o-1,Green Dinosaur Hand Puppet,"A roaring dinosaur puppet. The puppet is also available in monkey, crocodile and penguin designs.",14.99,USD,3,,,,,true
                o-2,Penguin Soft Toy,"A cuddly penguin.",9.99,USD,3,,,,,true
                o-3,Rabbit Ride-On Cart,"A stable speedster made of stable beechwood with rubber tyres.",49.99,USD,2,,,,,true
                o-4,Horse Stables Playset,"Two ponies and a stable.",29.99,USD,3,,,,,true

                """)
        let birds = try catalog.recommend(for: RecipientProfile(ageYears: 6, interests: ["birds"]), limit: 5)
        #expect(birds.items.filter(\.isGoodMatch).map(\.product.id) == ["o-2"])
        #expect(
            try catalog.recommend(for: RecipientProfile(ageYears: 6, interests: ["dinosaurs"]), limit: 5).items.first?
                .product.id == "o-1")
        let horses = try catalog.recommend(for: RecipientProfile(ageYears: 6, interests: ["horses"]), limit: 5)
        #expect(horses.items.filter(\.isGoodMatch).map(\.product.id) == ["o-4"])
    }
}

/// Dolls-house miniatures carry a theme the way party supplies do: on the Amazon export a "Dolls
/// House Miniature Handmade Cup of Coffee" was a coffee lover's one good match, and a miniature
/// cooking pot led "cooking".
struct DollsHouseMiniatureTests {
    @Test func aMiniatureIsNeverGoodForItsThemeOnlyForDollsHouses() throws {
        let catalog = try TestSupport.catalog(
            rows: """
                m-1,Dolls House Miniature Handmade Cup of Coffee,"A 1:12 scale cup of coffee.",4.99,USD,14,,,,,true
                m-2,Barista Coffee Making Kit,"Grind, brew and pour coffee.",39.99,USD,14,,,,,true
                m-3,Dolls House Accessory Cats x2,"Two tiny cats.",5.99,USD,14,,,,,true

                """)
        #expect(DollsHouseMiniatures.named(by: TextNormalizer.tokens("Dolls House Miniature Handmade Cup of Coffee")))
        #expect(!DollsHouseMiniatures.named(by: TextNormalizer.tokens("Orchard Toys Dolls House")))
        #expect(!DollsHouseMiniatures.named(by: TextNormalizer.tokens("Playmobil Summer House Accessory Set")))
        #expect(DollsHouseMiniatures.named(by: TextNormalizer.tokens("1:12 Dollhouse Miniature Gold Fish Bowl")))
        // A maker's name between the house and the miniature (found on the 10k export, good for "dogs").
        #expect(
            DollsHouseMiniatures.named(
                by: TextNormalizer.tokens("Dolls House Falcon Miniature 1:12 Scale Pet Dog Standing White")))
        #expect(!DollsHouseMiniatures.named(by: TextNormalizer.tokens("Dolls House with Garden and Miniature Railway")))
        let coffee = try catalog.recommend(for: RecipientProfile(ageYears: 35, interests: ["coffee"]), limit: 5)
        #expect(coffee.items.filter(\.isGoodMatch).map(\.product.id) == ["m-2"])
        if let miniature = coffee.items.first(where: { $0.product.id == "m-1" }) {
            #expect(miniature.reasons.contains("\"coffee\" in miniature, for a dolls house more than a gift"))
        }
        let cats = try catalog.recommend(for: RecipientProfile(ageYears: 35, interests: ["cats"]), limit: 5)
        #expect(cats.items.allSatisfy { !$0.isGoodMatch })
        // For someone who loves dolls houses they are the thing.
        let dollsHouse = try catalog.recommend(
            for: RecipientProfile(ageYears: 35, interests: ["dolls house"]), limit: 5)
        #expect(Set(dollsHouse.items.filter(\.isGoodMatch).map(\.product.id)) == ["m-1", "m-3"])
    }
}

/// "Perfect for game night" says when to play, not what: on the Amazon export two dartboards
/// were tagged board games through the alias "game night".
struct GameNightTests {
    @Test func aDartboardForGameNightIsNotABoardGame() throws {
        let catalog = try TestSupport.catalog(
            rows: """
                d-1,Magnetic Dart Board with 6 Darts,"Safe magnetic darts, perfect for game night. Bring it out at every game night.",14.99,USD,6,,,,,true
                d-2,Family Strategy Board Game,"A board game for two to four players.",24.99,USD,8,,,,,true

                """)
        let games = try catalog.recommend(for: RecipientProfile(ageYears: 10, interests: ["board games"]), limit: 5)
        #expect(games.items.filter(\.isGoodMatch).map(\.product.id) == ["d-2"])
    }
}
