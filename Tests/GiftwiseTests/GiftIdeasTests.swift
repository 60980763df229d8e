import Foundation
import Testing

@testable import Giftwise

/// The bundled `catalog/ideas.json`: valid, complete for every interest and age, and safe.
struct GiftIdeasTests {
    let taxonomy = DefaultCatalog.taxonomy
    let ideas = DefaultCatalog.giftIdeas

    /// Words that must never reach a child under six: sharp or hot tools, projectiles, magnets,
    /// chemistry, choking hazards (small parts, beads, marbles, balloons, coins, button
    /// batteries, hard foods), flames, caffeine, alcohol and weighted blankets. ("Fire" alone is
    /// allowed: a fire engine is a fine toy.)
    static let unsafeForYoungChildren: Set<String> = [
        "dart", "darts", "knife", "knives", "blade", "blades", "razor", "sharp", "saw", "saws", "chisel", "chisels",
        "axe", "whittling", "scissors", "needle", "needles", "pin", "pins", "magnet", "magnets", "magnetic",
        "chemistry", "chemical", "chemicals", "acid", "solder", "soldering", "bead", "beads", "marble", "marbles",
        "balloon", "balloons", "coin", "coins", "battery", "batteries", "trampoline", "candle", "candles",
        "matches", "lighter", "campfire", "firelighter", "flame", "flames", "hook", "hooks", "lure", "lures",
        "slingshot",
        "catapult", "laser", "firework", "fireworks", "sparkler", "caffeine", "alcohol", "wine", "beer",
        "nut", "nuts", "peanut", "peanuts", "popcorn", "grape", "grapes", "sweets", "candy", "gum", "small", "tiny",
        "glass", "kiln", "hot", "archery", "arrows", "weighted",
    ]
    static let unsafePhrases = [
        "fire pit", "fire starter", "open fire", "glue gun", "essential oil", "button batter", "button cell",
        "bow and arrow",
    ]

    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
    }

    static func unsafeWords(in idea: String) -> [String] {
        let lowered = idea.lowercased()
        return words(idea).filter(unsafeForYoungChildren.contains) + unsafePhrases.filter(lowered.contains)
    }

    @Test func bundledFileParsesAndNamesOnlyKnownInterests() throws {
        let parsed = try GiftIdeas(jsonData: DefaultCatalog.ideasJSON, taxonomy: taxonomy)
        #expect(parsed == ideas)
        #expect(
            Set(parsed.byInterest.keys) == Set(taxonomy.interests.map(\.id)), "every interest has ideas, and only those"
        )
    }

    @Test func everyInterestHasThreeIdeasAtEveryAge() {
        let ages = [0, 6, 11] + (1...100).map { $0 * 12 }
        for interest in taxonomy.interests {
            for months in ages {
                let count = ideas.ideas(for: interest.id, ageMonths: months).count
                #expect(count >= 3, "\(interest.id) at \(months) months has \(count) ideas")
            }
        }
    }

    @Test(arguments: [1, 2, 3, 5])
    func noIdeaForAYoungChildIsUnsafe(ageYears: Int) {
        for interest in taxonomy.interests {
            // The last month of the year too: an idea "up to 5" still suits 5 years 11 months.
            for months in [ageYears * 12, ageYears * 12 + 11] {
                for idea in ideas.ideas(for: interest.id, ageMonths: months) {
                    #expect(Self.unsafeWords(in: idea.idea).isEmpty, "\(interest.id) at \(months) months: \(idea.idea)")
                }
            }
        }
    }

    @Test func ideasAreKindsOfGiftNotBrandsFillerOrStereotypes() {
        let brands: Set<String> = [
            "lego", "duplo", "nerf", "barbie", "playmobil", "nintendo", "playstation", "xbox", "minecraft", "pokemon",
            "marvel", "disney", "kindle", "polaroid", "instax", "fitbit", "garmin", "apple", "ipad", "arduino",
            "raspberry", "scrabble", "monopoly", "catan", "hornby", "brio", "rubik", "meccano", "sylvanian", "hogwarts",
            "spotify", "netflix", "audible", "duolingo", "gopro", "starbucks", "moleskine", "crayola",
        ]
        let filler: Set<String> = [
            "nice", "something", "anything", "stuff", "perfect", "awesome", "lovely", "cool", "gift",
        ]
        let gendered: Set<String> = [
            "boy", "boys", "girl", "girls", "he", "she", "him", "her", "his", "hers", "man", "men", "woman", "women",
            "lady", "ladies", "gentleman", "mum", "mom", "dad", "mother", "father", "husband", "wife", "princess",
            "pink",
        ]
        for (interest, list) in ideas.byInterest {
            for idea in list {
                let words = Set(Self.words(idea.idea))
                #expect(words.isDisjoint(with: brands), "\(interest): brand in \(idea.idea)")
                #expect(words.isDisjoint(with: filler), "\(interest): filler in \(idea.idea)")
                #expect(words.isDisjoint(with: gendered), "\(interest): gendered word in \(idea.idea)")
            }
        }
    }

    @Test func ideasReadAsPhrasesInsideASentence() {
        for (interest, list) in ideas.byInterest {
            var seen = Set<String>()
            for idea in list {
                let text = idea.idea
                #expect(
                    text.first.map { $0.isLowercase || $0.isNumber } == true,
                    "\(interest): \(text) starts in lower case")
                #expect(
                    !text.hasSuffix(".") && text == text.trimmingCharacters(in: .whitespaces), "\(interest): \(text)")
                #expect((10...90).contains(text.count), "\(interest): \(text) is \(text.count) characters")
                #expect(seen.insert(text).inserted, "\(interest): \(text) twice")
            }
        }
    }

    @Test func ageRangesAreStrictAtBothEnds() {
        let idea = GiftIdea(idea: "a fossil dig kit", ageMin: 6, ageMax: 12)
        #expect(!idea.suits(ageMonths: 6 * 12 - 1))
        #expect(idea.suits(ageMonths: 6 * 12))
        #expect(idea.suits(ageMonths: 12 * 12 + 11), "a maximum of 12 covers the whole twelfth year")
        #expect(!idea.suits(ageMonths: 13 * 12))
        let unstated = GiftIdea(idea: "a kit with unstated ages")
        #expect(!unstated.suits(ageMonths: 35), "no stated minimum: never for an under-3")
        #expect(unstated.suits(ageMonths: 36))
    }

    @Test func moreTargetedIdeasComeFirst() {
        let set = GiftIdeas(byInterest: [
            "dinosaurs": [
                GiftIdea(idea: "a dinosaur book for everyone", ageMin: 3),
                GiftIdea(idea: "a fossil dig kit", ageMin: 6, ageMax: 12),
            ]
        ])
        #expect(
            set.ideas(for: "dinosaurs", ageMonths: 84).map(\.idea) == [
                "a fossil dig kit", "a dinosaur book for everyone",
            ])
    }

    @Test func aBrokenIdeasFileIsRejectedWithEveryProblem() {
        let json = """
            {"dinosaurs": [{"idea": " ", "ageMin": 6}, {"idea": "a fossil dig kit", "ageMin": 12, "ageMax": 6}],
             "scuba-diving": [{"idea": "a dive logbook", "ageMin": 130}]}
            """
        #expect {
            try GiftIdeas(jsonData: Data(json.utf8), taxonomy: taxonomy)
        } throws: { error in
            guard case GiftwiseError.invalidGiftIdeas(let problems) = error else { return false }
            return problems.count == 4
                && problems.contains { $0.contains("scuba-diving") && $0.contains("not an interest id") }
        }
        #expect(throws: GiftwiseError.self) { try GiftIdeas(jsonData: Data("[1, 2]".utf8)) }
    }
}
