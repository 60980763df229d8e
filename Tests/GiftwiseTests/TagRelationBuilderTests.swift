import Foundation
import GRDB
import Testing

@testable import Giftwise

/// The tag relation of a bulk load, built from memory, holds exactly the rows a row-by-row insert
/// would, whatever order the pks came in and however many rows a group has.
struct TagRelationBuilderTests {
    static func draft(_ index: Int, tags: [String], supplied: Int, ages: AgeRange) -> ProductDraft {
        let product = Product(
            id: "t-\(index)", name: "Thing \(index)", price: Money(minorUnits: Int64(100 + index % 37)), ages: ages,
            purposes: index % 3 == 0 ? [.educational, .fun] : [.crafty], inStock: index % 4 != 0)
        return ProductDraft(
            product: product, tags: tags, suppliedTagCount: supplied, freeTags: [], inferred: 0, searchText: "",
            contentHash: Int64(index), giftKey: Int64(index))
    }

    /// `product_interest` in its key order, every column.
    static func relation(_ db: Database) throws -> [String] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT interest_id, rank, span_fit, product_pk, price_minor, age_min_months, age_max_months, purposes,
                       in_stock, supplied
                FROM product_interest ORDER BY interest_id, rank, span_fit DESC, product_pk
                """
        ).map(\.description)
    }

    /// The same rows, one plain INSERT each (the path of an import into a catalog with products).
    static func rowByRow(_ rows: [(pk: Int64, draft: ProductDraft)], _ db: Database) throws {
        for (pk, draft) in rows {
            let product = draft.product
            for (rank, tag) in draft.tags.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO product_interest (interest_id, rank, span_fit, product_pk, price_minor, age_min_months,
                                                      age_max_months, purposes, in_stock, supplied)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        tag, rank, product.ages.fit(forRecipientMonths: 0), pk, product.price.minorUnits,
                        product.ages.minMonths, product.ages.maxMonths, draft.purposeMask, product.inStock,
                        rank < draft.suppliedTagCount,
                    ])
            }
        }
    }

    /// Builds the relation both ways in two empty catalogs and returns both, in key order.
    static func bothWays(_ rows: [(pk: Int64, draft: ProductDraft)]) throws -> (built: [String], expected: [String]) {
        let built = try TestSupport.emptyCatalog()
        let expected = try TestSupport.emptyCatalog()
        let builtRelation = try built.database.write { db in
            var builder = TagRelationBuilder()
            for (pk, draft) in rows { builder.add(draft, pk: pk) }
            try builder.write(into: db, rowByRow: TagRowInserter(db))
            return try relation(db)
        }
        let expectedRelation = try expected.database.write { db in
            try rowByRow(rows, db)
            return try relation(db)
        }
        return (builtRelation, expectedRelation)
    }

    @Test(arguments: [1, 2, 31, 32, 33, 63, 64, 65, 70, 100])
    func everyRowOfAGroupIsWrittenWhateverItsSize(_ size: Int) throws {
        // Given groups of `size`, `size` + 1 and 1 rows (the batches are 32, 16, … 1 rows of one group)
        var rows: [(pk: Int64, draft: ProductDraft)] = []
        for index in 0..<(2 * size + 2) {
            let tags = index < size ? ["dinosaurs"] : index < 2 * size + 1 ? ["art", "space"] : ["zebra club"]
            rows.append(
                (
                    Int64(index + 1),
                    Self.draft(index, tags: tags, supplied: index % 2, ages: AgeRange(minMonths: 36, maxMonths: 95))
                ))
        }
        // When the relation is built from memory and row by row
        let (built, expected) = try Self.bothWays(rows)
        // Then it holds the same rows
        #expect(built.count == size + 2 * (size + 1) + 1)
        TestSupport.expectSameRows(built, expected)
    }

    @Test func rowsWhosePKsArriveOutOfOrderAreStillWrittenInKeyOrder() throws {
        // Given products whose pks do not rise in the order they were written, in many groups
        var generator = SystemRandomNumberGenerator()
        var pks = Array(Int64(1)...400)
        pks.shuffle(using: &generator)
        let tags = [["dinosaurs"], ["art", "puzzles"], ["space", "science", "robots"], ["Ünïcode Fans", "art"], []]
        let rows = pks.enumerated().map { offset, pk in
            (
                pk,
                Self.draft(
                    offset, tags: tags[offset % tags.count], supplied: offset % 3,
                    ages: AgeRange(
                        minMonths: offset % 5 == 0 ? nil : offset % 13 * 12,
                        maxMonths: offset % 7 == 0 ? nil : offset % 13 * 12 + 24 + offset % 50))
            )
        }
        // When the relation is built from memory and row by row
        let (built, expected) = try Self.bothWays(rows)
        // Then both hold the same rows
        #expect(built.count == 400 / 5 * (1 + 2 + 3 + 2))
        TestSupport.expectSameRows(built, expected)
    }

    @Test func ascendingPKsWithGapsKeepTheirOwnValues() throws {
        // Given pks that rise but skip values (the compact form assumes one after another until told otherwise)
        let pks: [Int64] = [1, 2, 3, 10, 11, 50, 51, 52, 1 << 40, (1 << 40) + 7]
        let rows = pks.enumerated().map { offset, pk in
            (
                pk,
                Self.draft(
                    offset, tags: ["dinosaurs", offset % 2 == 0 ? "art" : "space"], supplied: 1,
                    ages: AgeRange(minMonths: 24, maxMonths: 60))
            )
        }
        // When the relation is built from memory and row by row
        let (built, expected) = try Self.bothWays(rows)
        // Then both hold the same rows
        #expect(built.count == 20)
        TestSupport.expectSameRows(built, expected)
    }

    @Test func aProductWhoseColumnsDoNotFitTheCompactFormIsWrittenAsItCame() throws {
        // Given ages and prices the compact form cannot hold (never after validation, but for
        // the price) beside ordinary products
        let huge = ProductDraft(
            product: Product(id: "t-huge", name: "Yacht", price: Money(minorUnits: 100_000_000_000)),
            tags: ["dinosaurs"],
            suppliedTagCount: 1, freeTags: [], inferred: 0, searchText: "", contentHash: 4, giftKey: 4)
        let rows: [(pk: Int64, draft: ProductDraft)] = [
            (1, Self.draft(1, tags: ["dinosaurs", "art"], supplied: 1, ages: AgeRange(minMonths: 12, maxMonths: 48))),
            (2, Self.draft(2, tags: ["dinosaurs"], supplied: 0, ages: AgeRange(minMonths: 1 << 40, maxMonths: nil))),
            (3, Self.draft(3, tags: ["dinosaurs"], supplied: 0, ages: AgeRange(minMonths: -1, maxMonths: 5))),
            (4, huge),
            (5, Self.draft(5, tags: ["dinosaurs"], supplied: 0, ages: AgeRange(minMonths: 0, maxMonths: 2046))),
            (6, Self.draft(6, tags: ["dinosaurs"], supplied: 0, ages: AgeRange(minMonths: 3, maxMonths: 2047))),
        ]
        // When the relation is built from memory and row by row
        let (built, expected) = try Self.bothWays(rows)
        // Then every row is there, values as they were
        #expect(built.count == 7)
        TestSupport.expectSameRows(built, expected)
    }

    @Test func rowsBeyondOneChunkAndAProductWithManyTagsAreAllWritten() throws {
        // Given more tag rows than one 64k chunk holds, and a product with more tags than the
        // compact form counts (31)
        let many = (0..<40).map { "tag-\($0)" }
        let rows = (0..<40_000).map { index in
            (
                Int64(index + 1),
                Self.draft(
                    index, tags: index == 20_000 ? many : ["dinosaurs", index % 3 == 0 ? "art" : "space"],
                    supplied: index % 2, ages: AgeRange(minMonths: index % 9 * 12, maxMonths: nil))
            )
        }
        // When the relation is built from memory and row by row
        let (built, expected) = try Self.bothWays(rows)
        // Then both hold the same rows
        #expect(built.count == 39_999 * 2 + 40)
        TestSupport.expectSameRows(built, expected)
    }

    @Test(arguments: [1, 7, 100, 1_000])
    func aRelationWrittenInSeveralPartsIsTheSameAsOneWrittenAtTheEnd(_ rowsInMemory: Int) throws {
        // Given a file whose rows have tags in many groups
        let csv = Data(ImportPipelineTests.mixedTagCSV(rows: 1_500).utf8)
        // When it is loaded into an empty catalog holding at most `rowsInMemory` tag rows before
        // writing them, and holding them all
        let parts = try TestSupport.emptyCatalog()
        var options = ImportOptions(format: .csv)
        options.tagRowsInMemory = rowsInMemory
        try parts.importData(csv, options: options)
        let whole = try TestSupport.emptyCatalog()
        try whole.importData(csv, options: ImportOptions(format: .csv))
        // Then both hold the same tag rows, and the relation and its index are sound
        let relation = try ImportPipelineTests.tagRelation(parts)
        #expect(relation.count >= 2_500)
        TestSupport.expectSameRows(relation, try ImportPipelineTests.tagRelation(whole))
        #expect(try parts.database.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
    }
}
