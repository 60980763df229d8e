import Foundation
import GRDB
import Testing

@testable import Giftwise

/// The matcher's queries use indexes: checked with EXPLAIN QUERY PLAN on the exact statements a
/// recommendation runs (captured with SQLite's trace hook).
struct QueryPlanTests {

    private func statements(for profile: RecipientProfile, in catalog: GiftCatalog) throws -> [String] {
        try TestSupport.statements(in: catalog, expanded: true) { _ = try catalog.recommend(for: profile, limit: 5) }
            .filter { $0.hasPrefix("SELECT") && !$0.contains("sqlite_master") }
    }

    private func plan(_ sql: String, in catalog: GiftCatalog) throws -> [String] {
        try catalog.database.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { $0["detail"] as String }
        }
    }

    @Test func interestProfilesNeverScanWholeTablesOrSortATagRange() throws {
        let catalog = try TestSupport.defaultCatalog()
        let profiles = [
            RecipientProfile(ageYears: 7, interests: ["dinosaurs"], purposes: [.educational], budgetMax: Money(30)),
            RecipientProfile(ageYears: 12, interests: ["board games", "pirates"], excludedWords: ["dice"]),
            RecipientProfile(ageYears: 35, interests: ["coffee"], budgetMax: Money(40), excludedProductIDs: ["d-001"]),
        ]
        for profile in profiles {
            let statements = try statements(for: profile, in: catalog)
            #expect(!statements.isEmpty)
            for sql in statements {
                let details = try plan(sql, in: catalog)
                for detail in details {
                    // A full scan of a catalog table, or sorting a whole tag range, would not scale.
                    let scansTable =
                        detail.range(
                            of: #"^SCAN (p|pi|product|product_interest|product_purpose)\b"#, options: .regularExpression
                        ) != nil
                    // The partial indexes of products that serve a thing, or may hold one on
                    // another thing, hold only those.
                    let scansTheFewServing =
                        detail.contains("INDEX product_serving") || detail.contains("INDEX product_other_thing")
                    #expect(!scansTable || scansTheFewServing, "\(detail)\n in: \(sql.prefix(300))")
                }
                if sql.contains("FROM product_interest pi WHERE pi.interest_id = ") && sql.contains("ORDER BY pi.rank")
                {
                    #expect(details.contains { $0.contains("SEARCH pi USING PRIMARY KEY") }, "\(details)")
                    #expect(!details.contains { $0.contains("TEMP B-TREE FOR ORDER BY") }, "\(details)")
                }
            }
        }
    }

    @Test func productLookupsUseTheirIndexes() throws {
        let catalog = try TestSupport.defaultCatalog()
        // The parts and things made for a thing are read through their partial index, which
        // SQLite uses only when the condition is the index's own text with the flag's value
        // (`INDEXED BY` makes any other text an error, "no query solution").
        #expect(ProductFlags.servesAThingCondition == "(inferred & \(ProductFlags.servesAThing)) != 0")
        #expect(
            try plan(
                "SELECT pk FROM product INDEXED BY product_serving WHERE \(ProductFlags.servesAThingCondition)"
                    + " AND pk IN (1, 2)", in: catalog
            ).contains { $0.contains("product_serving") })
        #expect(
            try plan("SELECT pk FROM product WHERE id = 'a-001'", in: catalog).contains {
                $0.contains("INDEX sqlite_autoindex_product_1")
            })
        #expect(
            try plan("SELECT interest_id FROM product_interest WHERE product_pk = 5", in: catalog)
                .contains { $0.contains("product_interest_by_product") })
        #expect(
            try plan("SELECT pk FROM product WHERE price_minor <= 500", in: catalog).contains {
                $0.contains("product_by_price")
            })
    }
}
