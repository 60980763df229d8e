import Foundation
import GRDB
import Testing

@testable import Giftwise

/// What a list costs: it weighs as many products per source as it needs, not the most any list
/// needs, and reads each range once.
struct SearchCostTests {
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
