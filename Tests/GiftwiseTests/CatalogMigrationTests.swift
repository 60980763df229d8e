import Foundation
import GRDB
import Testing

@testable import Giftwise

/// Shipped migrations stay frozen; later ones carry an existing catalog forward.
struct CatalogMigrationTests {
    @Test func aVersionOneCatalogKeepsItsTagsAndLearnsWhichWereSupplied() throws {
        // Given a catalog at the first schema, with one supplied and one inferred product
        let queue = try DatabaseQueue()
        try CatalogDatabase.migrator.migrate(queue, upTo: "v1-recipients")
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO product (pk, id, name, price_minor, inferred, content_hash, purposes) VALUES
                        (1, 'a', 'Kite', 500, 0, 1, 8), (2, 'b', 'Dino kit', 900, 1, 2, 1);
                    INSERT INTO product_interest (interest_id, rank, span_fit, product_pk, weight, price_minor, purposes, in_stock) VALUES
                        ('outdoor-play', 0, 1, 1, 1, 500, 8, 1), ('dinosaurs', 0, 1, 2, 1, 900, 1, 1);
                    INSERT INTO product_purpose (purpose, product_pk) VALUES ('fun', 1), ('educational', 2);
                    """)
        }
        // When it is migrated to the current schema
        try CatalogDatabase.migrator.migrate(queue)
        // Then the relation keeps its rows, knows which tags were supplied, and the dead schema is gone
        try queue.read { db in
            let rows = try Row.fetchAll(
                db, sql: "SELECT interest_id, supplied FROM product_interest ORDER BY product_pk")
            #expect(rows.map { $0[0] as String } == ["outdoor-play", "dinosaurs"])
            #expect(rows.map { $0[1] as Int } == [1, 0])
            let columns = try db.columns(in: "product_interest").map(\.name)
            #expect(!columns.contains("weight"))
            #expect(try !db.tableExists("product_purpose"))
            #expect(try db.indexes(on: "product_interest").contains { $0.name == "product_interest_by_product" })
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
        }
    }
}
