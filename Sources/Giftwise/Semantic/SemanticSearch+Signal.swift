import GRDB

extension SemanticSearch {
    /// The `count` products closest in meaning to `query` among those that pass `condition` (SQL
    /// over `product p`), best first, ties by pk. `text` is what the person said (its own words
    /// seed the large-catalog path). Read inside the caller's transaction.
    ///
    /// Up to ``scanLimit`` products: an exact scan of every stored vector in memory. Beyond:
    /// ``nearestThroughText(_:query:text:condition:count:)``, approximate and bounded.
    package func nearest(_ db: Database, query: SemanticVector, text: String, count: Int, condition: SQL) throws -> [(
        pk: Int64, similarity: Float
    )] {
        guard count > 0 else { return [] }
        let size = try ProductVectors.largestPK(db)
        if size > Self.scanLimit {
            return try nearestThroughText(db, query: query, text: text, condition: condition, count: count)
        }
        let index = try cacheIndex(db)
        return try index.nearest(query, count: count, minimumSimilarity: -1) { pks in
            try ProductVectors.passing(db, pks: pks, condition: condition)
        }
    }

    /// Catalogs up to this many products (by largest pk) are scanned whole: an in-memory int8
    /// matrix loaded once per catalog value and reloaded after an import. Larger ones are
    /// searched by meaning through the full-text index, whose cost does not grow with the catalog.
    package static let scanLimit = 20_000

    /// Products containing what they said or a vocabulary word close to it in meaning ("fire",
    /// "fires" for "firefighters"), ranked by their stored vectors. Approximate — a product
    /// that shares no such word is not found — but bounded: one full-text query capped at
    /// ``textCandidates`` rows and one indexed read per candidate.
    package func nearestThroughText(
        _ db: Database, query: SemanticVector, text: String, condition: SQL, count: Int
    ) throws -> [(pk: Int64, similarity: Float)] {
        var words = WordPieceTokenizer.basicWords(text).filter { word in
            word.count >= 3 && word.unicodeScalars.allSatisfy { $0.properties.isAlphabetic }
        }
        for (word, _) in embedder.nearestWords(
            to: query, limit: Self.expansionWords, minimumSimilarity: Self.expansionSimilarity)
        where !words.contains(word) {
            words.append(word)
        }
        guard !words.isEmpty else { return [] }
        // Letters only, each quoted: nothing in it can be FTS5 syntax.
        let match = "{name description} : (" + words.map { "\"\($0)\"" }.joined(separator: " OR ") + ")"
        let candidates = try ProductVectors.textCandidates(
            db, match: match, condition: condition, limit: Self.textCandidates)
        let scores = try similarities(db, vector: query, productPKs: candidates)
        return scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(count).map { ($0.key, $0.value) }
    }

    /// Vocabulary words added to a meaning search, and how close they must be.
    static let expansionWords = 8
    static let expansionSimilarity: Float = 0.45
    /// Full-text candidates scored by vector in a meaning search.
    package static let textCandidates = 600

    /// Cosine similarity of `query` with each listed product's stored vector, read inside the
    /// caller's transaction (for scoring candidates other signals retrieved).
    package func similarities(_ db: Database, vector query: SemanticVector, productPKs: [Int64]) throws -> [Int64:
        Float]
    {
        guard !productPKs.isEmpty else { return [:] }
        var result: [Int64: Float] = [:]
        result.reserveCapacity(productPKs.count)
        try query.components.withUnsafeBufferPointer { q in
            let rows = try ProductVectors.vectorRows(db, pks: productPKs)
            while let row = try rows.next() {
                let pk: Int64 = row[0]
                result[pk] = try row.withUnsafeData(atIndex: 1) { data in
                    data.map { $0.withUnsafeBytes { ProductVectors.cosine(q, stored: $0) } } ?? 0
                }
            }
        }
        return result
    }
}

/// The matcher's view of the semantic signal (`SemanticSignal`, owned by Matching).
extension SemanticSearch: SemanticSignal {
    func nearest(_ db: Database, to text: String, limits: HardLimits, purposeMask: Int, count: Int) throws -> [(
        pk: Int64, similarity: Double
    )] {
        guard let query = embedder.embedWish(text) else { return [] }
        let purpose: SQL = purposeMask == 0 ? "" : " AND (p.purposes & \(purposeMask)) != 0"
        return try nearest(
            db, query: query, text: text, count: count, condition: limits.condition(on: .product) + purpose
        )
        .map { ($0.pk, Double($0.similarity)) }
    }

    /// Cosine similarity of `text` with each listed product's stored vector.
    func similarities(_ db: Database, to text: String, productPKs: [Int64]) throws -> [Int64: Double] {
        try similarities(db, to: [text], productPKs: productPKs)[0]
    }

    /// Cosine similarity of each of `texts` with each listed product's stored vector, every
    /// vector read once (the same values as one call per text).
    func similarities(_ db: Database, to texts: [String], productPKs: [Int64]) throws -> [[Int64: Double]] {
        let queries = texts.map { embedder.embedWish($0) }
        var result = [[Int64: Double]](repeating: [:], count: texts.count)
        guard !productPKs.isEmpty, queries.contains(where: { $0 != nil }) else { return result }
        let rows = try ProductVectors.vectorRows(db, pks: productPKs)
        while let row = try rows.next() {
            let pk: Int64 = row[0]
            try row.withUnsafeData(atIndex: 1) { data in
                for (index, query) in queries.enumerated() {
                    guard let query else { continue }
                    let similarity = query.components.withUnsafeBufferPointer { q in
                        data.map { $0.withUnsafeBytes { ProductVectors.cosine(q, stored: $0) } } ?? 0
                    }
                    result[index][pk] = Double(similarity)
                }
            }
        }
        return result
    }
}
