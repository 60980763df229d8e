import Foundation
import GRDB
import Testing

@testable import Giftwise

/// Product vectors are computed at import, inside its transaction, and kept in step with the
/// products: added, re-embedded when the text changes, removed with the product.
struct ProductVectorTests {
    static func vectorCount(_ catalog: GiftCatalog) throws -> Int {
        try catalog.database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product_vector") ?? 0 }
    }

    static func storedVector(_ catalog: GiftCatalog, id: String) throws -> Data? {
        try catalog.database.read { db in
            try Data.fetchOne(
                db, sql: "SELECT v.vector FROM product_vector v JOIN product p ON p.pk = v.product_pk WHERE p.id = ?",
                arguments: [id])
        }
    }

    @Test func anImportEmbedsEveryProduct() throws {
        // Given an empty catalog
        let catalog = try TestSupport.emptyCatalog()
        // When three products are imported
        try TestSupport.importCSV(TestSupport.seedCSV, into: catalog)
        // Then each has a vector, close to its own name
        #expect(try Self.vectorCount(catalog) == 3)
        let stored = try #require(try Self.storedVector(catalog, id: "toy-1"))
        let vector = try #require(ProductVectors.decode(stored))
        let name = try #require(TextEmbedder.bundled.embed("Dinosaur Fossil Dig"))
        #expect(vector.cosine(name) > 0.8)
    }

    @Test func theDefaultCatalogIsEmbeddedAtFirstFill() throws {
        let catalog = try TestSupport.defaultCatalog()
        #expect(try Self.vectorCount(catalog) == catalog.productCount())
        #expect(try catalog.productCount() > 0)
    }

    @Test func aChangedNameIsEmbeddedAgainAndUnchangedProductsKeepTheirVectors() throws {
        let catalog = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(TestSupport.seedCSV, into: catalog)
        let before1 = try Self.storedVector(catalog, id: "toy-1")
        let before2 = try Self.storedVector(catalog, id: "toy-2")
        // When toy-1 is renamed
        let changed = TestSupport.seedCSV.replacingOccurrences(of: "Dinosaur Fossil Dig", with: "Fire Station Playset")
        try TestSupport.importCSV(changed, into: catalog)
        // Then its vector follows the new name; toy-2's is untouched
        let after1 = try #require(try Self.storedVector(catalog, id: "toy-1"))
        #expect(after1 != before1)
        #expect(try Self.storedVector(catalog, id: "toy-2") == before2)
        let vector = try #require(ProductVectors.decode(after1))
        #expect(vector.cosine(try #require(TextEmbedder.bundled.embed("Fire Station Playset"))) > 0.8)
    }

    @Test func replacingRemovesTheVectorsOfRemovedProducts() throws {
        let catalog = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(TestSupport.seedCSV, into: catalog)
        let onlyOne =
            TestSupport.header
            + "toy-1,Dinosaur Fossil Dig,Dig three skeletons out of plaster,16.99,USD,6,10,dinosaurs,educational,,true\n"
        try TestSupport.importCSV(onlyOne, into: catalog, options: ImportOptions(format: .csv, replace: true))
        #expect(try Self.vectorCount(catalog) == 1)
    }

    @Test func aFailedOrDryRunImportWritesNoVectors() throws {
        let catalog = try TestSupport.emptyCatalog()
        let invalid = TestSupport.seedCSV + "toy-4,Broken,,not-a-price,USD,,,,,,true\n"
        #expect(throws: GiftwiseError.self) { try TestSupport.importCSV(invalid, into: catalog) }
        #expect(try Self.vectorCount(catalog) == 0)
        try TestSupport.importCSV(
            TestSupport.seedCSV, into: catalog, options: ImportOptions(format: .csv, dryRun: true))
        #expect(try Self.vectorCount(catalog) == 0)
    }

    @Test func aCatalogWithoutVectorsIsEmbeddedWhenOpened() throws {
        // Given a catalog file whose vectors are missing (made before vectors existed)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("gw-sem-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("catalog.sqlite").path
        do {
            let catalog = try GiftCatalog(path: path)
            try TestSupport.importCSV(TestSupport.seedCSV, into: catalog)
            try catalog.database.write { db in
                try db.execute(sql: "DELETE FROM product_vector")
                try db.execute(sql: "UPDATE meta SET value = 'none' WHERE key = 'semantic_table'")
            }
            #expect(try Self.vectorCount(catalog) == 0)
        }
        // When it is opened again
        let reopened = try GiftCatalog(path: path)
        // Then every product has its vector back
        #expect(try Self.vectorCount(reopened) == 3)
    }

    @Test func fillingTwiceEmbedsNothingTheSecondTime() throws {
        let catalog = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(TestSupport.seedCSV, into: catalog)
        let again = try catalog.database.write { db in try ProductVectors.fillMissing(db) }
        #expect(again == 0)
    }

    /// Every stored vector, by product id.
    static func allVectors(_ catalog: GiftCatalog) throws -> [String: Data] {
        try catalog.database.read { db in
            var result: [String: Data] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT p.id, v.vector FROM product_vector v JOIN product p ON p.pk = v.product_pk")
            {
                result[row[0]] = row[1]
            }
            return result
        }
    }

    @Test func vectorsMadeWhileParsingEqualTheOnesMadeFromTheStoredRows() throws {
        // Given products whose descriptions run past the embedded opening, in several scripts,
        // with combining marks and emoji sequences (a character is not a Unicode scalar)
        let long = String(repeating: "Cafe\u{301} dinosaur fossils 👩‍👩‍👧 ", count: 20)
        let csv =
            TestSupport.header
            + "a-1,Dinosaur Fossil Dig,\(long),16.99,USD,6,10,,,,true\n"
            + "a-2,Kit de pintura,\(String(repeating: "acuarela y pinceles para niños ", count: 15)),12.50,USD,5,,,,,true\n"
            + "a-3,Ball,,9.99,USD,4,8,soccer,sporty,,true\n"
            + "a-4,∑∑∑,ü\(String(repeating: "x", count: 300)) trailing,9.99,USD,4,8,,,,true\n"
        // When they are imported into an empty catalog (vectors made on the parsing thread) and
        // into a catalog that already has a product (the update path)
        let bulk = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(csv, into: bulk)
        let update = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(TestSupport.seedCSV, into: update)
        try TestSupport.importCSV(csv, into: update)
        // Then each equals the vector made afterwards from the written row
        let fromParsing = try Self.allVectors(bulk)
        #expect(fromParsing.count == 4)
        #expect(try Self.allVectors(update).filter { $0.key.hasPrefix("a-") } == fromParsing)
        try bulk.database.write { db in
            try db.execute(sql: "DELETE FROM product_vector")
            #expect(try ProductVectors.fillMissing(db) == 4)
        }
        #expect(try Self.allVectors(bulk) == fromParsing)
    }
}

extension ProductVectorTests {
    @Test func theDefaultCatalogsVectorsEqualTheOnesMadeFromItsStoredRows() throws {
        let catalog = try TestSupport.defaultCatalog()
        let fromParsing = try Self.allVectors(catalog)
        try catalog.database.write { db in
            try db.execute(sql: "DELETE FROM product_vector")
            try ProductVectors.fillMissing(db)
        }
        let refilled = try Self.allVectors(catalog)
        #expect(refilled.count == fromParsing.count)
        let differing = refilled.filter { fromParsing[$0.key] != $0.value }.map(\.key).sorted()
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }
}
