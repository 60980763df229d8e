/// Words of the vocabulary near a meaning: "firefighters" → fire, firemen, firefighter …
/// Used to widen a full-text search by meaning on catalogs too large to scan every vector.
extension TextEmbedder {
    /// Whole words (no `##` pieces, letters only, 3+ characters, not among the most common
    /// English words) closest to `vector`, best first, ties by word.
    package func nearestWords(to vector: SemanticVector, limit: Int, minimumSimilarity: Float = 0.5) -> [(
        word: String, similarity: Float
    )] {
        guard limit > 0 else { return [] }
        let words = Self.wordIDs(table)
        var best: [(word: String, similarity: Float)] = []
        vector.components.withUnsafeBufferPointer { q in
            for (id, norm) in words {
                let similarity = table.dot(id, q) / norm
                if similarity >= minimumSimilarity { best.append((table.piece(id), similarity)) }
            }
        }
        return best.sorted { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.word < $1.word }
            .prefix(limit).map { $0 }
    }

    /// Ids of the vocabulary's whole words with the length of their rows; computed once.
    private static func wordIDs(_ table: SemanticTable) -> [(id: Int32, norm: Float)] {
        if table.isBundled { return bundledWordIDs }
        return computeWordIDs(table)
    }

    private static let bundledWordIDs: [(id: Int32, norm: Float)] = computeWordIDs(.bundled)

    private static func computeWordIDs(_ table: SemanticTable) -> [(id: Int32, norm: Float)] {
        var result: [(id: Int32, norm: Float)] = []
        for id in 0..<Int32(table.count) {
            guard table.isPlainWord(id, minimumLength: 3),
                table.weight(id) >= 0.2  // "the", "and", "for": frequent words carry no topic
            else { continue }
            let norm = table.norm(id)
            if norm > 0 { result.append((id, norm)) }
        }
        return result
    }
}

extension TextEmbedder {
    /// The cosine similarity of two words as the table knows them, `nil` unless each is one
    /// whole word of its vocabulary ("titanic" and "titan": 0.29; "knitting" and "knit": 0.83).
    /// A word the vocabulary splits into pieces has no meaning of its own here.
    package func wordSimilarity(_ first: String, _ second: String) -> Float? {
        guard let a = table.id(of: first), let b = table.id(of: second),
            table.isPlainWord(a, minimumLength: 2), table.isPlainWord(b, minimumLength: 2)
        else { return nil }
        return table.cosine(a, b)
    }
}
