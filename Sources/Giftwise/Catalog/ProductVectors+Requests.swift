import GRDB

/// The named requests the semantic search reads stored vectors with.
extension ProductVectors {
    /// The largest product key holding a vector (0 when none): the size of a whole-catalog scan.
    static func largestPK(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT MAX(product_pk) FROM product_vector") ?? 0
    }

    /// How many vectors are stored.
    static func count(_ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product_vector") ?? 0
    }

    /// Which products pass `condition` (over `product p`): among `pks`, or in the whole catalog
    /// when `pks` is `nil`.
    static func passing(_ db: Database, pks: [Int64]?, condition: SQL) throws -> Set<Int64> {
        if let pks {
            return Set(
                try Int64.fetchAll(
                    db, SQLRequest<Int64>(literal: "SELECT p.pk FROM product p WHERE p.pk IN \(pks) AND \(condition)")))
        }
        return Set(try Int64.fetchAll(db, SQLRequest<Int64>(literal: "SELECT p.pk FROM product p WHERE \(condition)")))
    }

    /// Products whose text matches the FTS5 query `match` and pass `condition`, at most `limit`.
    static func textCandidates(_ db: Database, match: String, condition: SQL, limit: Int) throws -> [Int64] {
        try Int64.fetchAll(
            db,
            SQLRequest<Int64>(
                literal: """
                    SELECT p.pk FROM product_fts JOIN product p ON p.pk = product_fts.rowid
                    WHERE product_fts MATCH \(match) AND \(condition) LIMIT \(limit)
                    """))
    }

    /// `(product_pk, vector)` rows for the listed products.
    static func vectorRows(_ db: Database, pks: [Int64]) throws -> RowCursor {
        try Row.fetchCursor(
            db, SQLRequest<Row>(literal: "SELECT product_pk, vector FROM product_vector WHERE product_pk IN \(pks)"))
    }

    /// Every `(product_pk, vector)` row, by product key.
    static func allVectorRows(_ db: Database) throws -> RowCursor {
        try Row.fetchCursor(db, sql: "SELECT product_pk, vector FROM product_vector ORDER BY product_pk")
    }
}
