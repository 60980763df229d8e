import Foundation
import GRDB
import Testing

@testable import Giftwise

/// What a text search costs, and that the cheaper searches find exactly what the full ones found.
/// FTS5's `bm25` weighs each phrase of a query across the whole index, so a phrase that can match
/// nothing another phrase does not is left out of the query; a list weighs as many products per
/// source as it needs, not the most any list needs.
struct SearchCostTests {
    @Test func aPhraseHoldingAnotherIsLeftOut() {
        #expect(
            MatchRequests.withoutHeldPhrases([
                "train", "train set", "steam train", "tank engine", "thoma the tank engine",
            ])
                == ["train", "tank engine"])
        // Their own words come first and always stay: the whole phrase in a name is relevance.
        #expect(MatchRequests.withoutHeldPhrases(["play shop", "shop", "toy shop"]) == ["play shop", "shop"])
        // Repeats go; words held apart or out of order are no phrase held.
        #expect(MatchRequests.withoutHeldPhrases(["rail", "rail", "railway"]) == ["rail", "railway"])
        #expect(
            MatchRequests.withoutHeldPhrases(["model train", "train model", "model big train"])
                == ["model train", "train model", "model big train"])
        #expect(MatchRequests.withoutHeldPhrases([]) == [])
        #expect(
            MatchRequests.ftsQuery(anyOf: ["train", "train set", "hornby"])
                == #"{name description} : ("train" OR "hornby")"#)
    }

    /// Every interest of the bundled taxonomy: the query without held phrases finds the very
    /// products the query with all of them finds, in the real index.
    @Test func theShorterQueryFindsTheSameProducts() throws {
        let catalog = try TestSupport.defaultCatalog()
        let taxonomy = catalog.taxonomy
        var compared = 0
        var shortened = 0
        try catalog.database.read { db in
            for interest in taxonomy.interests {
                let phrases = taxonomy.textPhrases(of: interest)
                guard let all = Self.query(phrases), let short = MatchRequests.ftsQuery(anyOf: phrases) else {
                    continue
                }
                let sql = "SELECT rowid FROM product_fts WHERE product_fts MATCH ? ORDER BY rowid"
                let full = try Int64.fetchAll(db, sql: sql, arguments: [all])
                let found = try Int64.fetchAll(db, sql: sql, arguments: [short])
                #expect(found == full, "\(interest.id): \(short)")
                compared += 1
                if short != all { shortened += 1 }
            }
        }
        #expect(compared >= 90)
        // The rule has work to do in the bundled taxonomy (trains, board games …).
        #expect(shortened > 10)
    }

    /// The query with every phrase (as built before phrases held by others were left out).
    private static func query(_ phrases: [String]) -> String? {
        let parts = phrases.compactMap(MatchRequests.ftsPhrase)
        return parts.isEmpty ? nil : "{name description} : (" + parts.joined(separator: " OR ") + ")"
    }

    /// A list of 5 weighs 60 of a large tag's products, a list of 100 still 120, and the tag's
    /// range is the one statement the count reads.
    @Test func aShortListWeighsFewerProductsOfALargeTag() throws {
        // 150 different games (numbered names would be variants of one gift).
        let firsts = [
            "Castle", "River", "Forest", "Harbour", "Desert", "Island", "Mountain", "Market", "Garden", "Temple",
        ]
        let seconds = [
            "Quest", "Race", "Heist", "Voyage", "Trade", "Siege", "Rescue", "Puzzle", "Builders", "Explorers",
            "Merchants", "Legends", "Escape", "Riddles", "Treasure",
        ]
        let names = firsts.flatMap { first in seconds.map { "\(first) \($0)" } }
        let rows = names.enumerated().map { index, name in
            "b\(index),\(name) Board Game,\(10 + index % 20),8,,board-games"
        }.joined(separator: "\n")
        let catalog = try TestSupport.catalog(header: "id,name,price,age_min,age_max,interests", rows: rows)
        let profile = RecipientProfile(ageYears: 10, interests: ["board games"])
        for (limit, weighed) in [(5, 60), (100, 120)] {
            let run = try TestSupport.statements(in: catalog, expanded: true) {
                _ = try catalog.recommend(for: profile, limit: limit)
            }
            let read = run.filter { $0.hasPrefix("SELECT p.pk, p.id, p.name") }.map { statement in
                statement.split(separator: "[").last.map { $0.split(separator: ",").count } ?? 0
            }
            // (A long list also reads a few more products to fill, beyond the tag's range.)
            #expect(limit == 5 ? read.reduce(0, +) == weighed : read.reduce(0, +) >= weighed, "limit \(limit): \(read)")
            let ranges = run.filter { $0.contains("FROM product_interest pi WHERE pi.interest_id = 'board-games'") }
            #expect(ranges.count == 1, "\(ranges.map { $0.prefix(200) })")
        }
        let list = try catalog.recommend(for: profile, limit: 100)
        #expect(list.items.count == 100)
    }
}
