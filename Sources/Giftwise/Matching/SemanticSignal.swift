import GRDB

/// Products close in meaning to what a person said: finds what words alone cannot
/// ("firefighters" → a fire station). Scored under the matcher's rules: it never outranks their
/// own words or tag, and makes a product a good match only above `semanticGoodSimilarity`.
protocol SemanticSignal: Sendable {
    /// Up to `count` products within `limits` (and a wished purpose, when `purposeMask` is not 0),
    /// with their cosine similarity to `text`, most similar first, ties by pk.
    func nearest(_ db: Database, to text: String, limits: HardLimits, purposeMask: Int, count: Int) throws -> [(
        pk: Int64, similarity: Double
    )]

    /// Cosine similarity of `text` with each listed product that has a vector (products another
    /// signal retrieved): ranks them by meaning among themselves.
    func similarities(_ db: Database, to text: String, productPKs: [Int64]) throws -> [Int64: Double]

    /// ``similarities(_:to:productPKs:)`` for several texts, in their order; an implementation
    /// reads each product's vector once for all of them.
    func similarities(_ db: Database, to texts: [String], productPKs: [Int64]) throws -> [[Int64: Double]]
}

extension SemanticSignal {
    func similarities(_ db: Database, to texts: [String], productPKs: [Int64]) throws -> [[Int64: Double]] {
        try texts.map { try similarities(db, to: $0, productPKs: productPKs) }
    }
}
