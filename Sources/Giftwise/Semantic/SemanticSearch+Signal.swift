import GRDB

/// The matcher's view of the semantic signal (`SemanticSignal`, owned by Matching): nearest
/// products within the hard limits, over the stored vectors.
extension SemanticSearch: SemanticSignal {
    func nearest(_ db: Database, to text: String, limits: HardLimits, purposeMask: Int, count: Int) throws -> [(pk: Int64, similarity: Double)] {
        guard count > 0, let query = embedder.embed(text) else { return [] }
        let index = try cacheIndex(db)
        let purpose: SQL = purposeMask == 0 ? "" : " AND (p.purposes & \(purposeMask)) != 0"
        return try index.nearest(query, count: count, minimumSimilarity: -1) { pks in
            Set(try Int64.fetchAll(db, SQLRequest<Int64>(literal: """
                SELECT p.pk FROM product p WHERE p.pk IN \(pks) AND \(limits.condition(on: .product))\(purpose)
                """)))
        }.map { ($0.pk, Double($0.similarity)) }
    }

    /// Cosine similarity of `text` with each listed product's stored vector, read inside the
    /// caller's transaction (for scoring candidates other signals retrieved).
    func similarities(_ db: Database, to text: String, productPKs: [Int64]) throws -> [Int64: Double] {
        guard !productPKs.isEmpty, let query = embedder.embed(text) else { return [:] }
        var result: [Int64: Double] = [:]
        try query.components.withUnsafeBufferPointer { q in
            let rows = try Row.fetchCursor(db, SQLRequest<Row>(literal: "SELECT product_pk, vector FROM product_vector WHERE product_pk IN \(productPKs)"))
            while let row = try rows.next() {
                let pk: Int64 = row[0]
                result[pk] = try row.withUnsafeData(atIndex: 1) { data in
                    Double(data.map { $0.withUnsafeBytes { ProductVectors.cosine(q, stored: $0) } } ?? 0)
                }
            }
        }
        return result
    }
}
