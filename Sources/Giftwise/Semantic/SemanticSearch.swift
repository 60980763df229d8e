import Foundation
import GRDB

/// The semantic signal over one catalog: embeds what a person said and compares it with the
/// stored product vectors and with the taxonomy's interests.
///
/// Three ways in, by cost:
/// - ``similarities(to:productPKs:)`` scores candidates another signal retrieved (full text,
///   tags): one indexed read per product, the cheap path for every recommendation.
/// - ``nearestProducts(to:limit:where:arguments:)`` finds the closest products in the whole
///   catalog: a SIMD scan of an in-memory int8 matrix, loaded from the catalog once per
///   `SemanticSearch` value and reloaded only after an import.
/// - ``nearestInterests(to:in:limit:minimumSimilarity:)`` ranks the taxonomy's interests by
///   meaning, for "did you mean" and for gift ideas of interests the taxonomy lacks.
package struct SemanticSearch: Sendable {
    package let database: CatalogDatabase
    package let embedder: TextEmbedder
    private let cache: SemanticIndexCache

    package init(database: CatalogDatabase, embedder: TextEmbedder = .bundled) {
        self.database = database
        self.embedder = embedder
        self.cache = SemanticIndexCache()
    }

    /// The vector of what a person said ("scuba diving"), nil when it has no known word piece.
    package func vector(for phrase: String) -> SemanticVector? { embedder.embed(phrase) }

    /// Cosine similarity of `query` with each listed product that has a vector.
    package func similarities(to query: SemanticVector, productPKs: some Collection<Int64>) throws -> [Int64: Float] {
        guard !productPKs.isEmpty else { return [:] }
        return try database.read { db in
            var result: [Int64: Float] = [:]
            result.reserveCapacity(productPKs.count)
            try query.components.withUnsafeBufferPointer { q in
                // Integers only, so the list is safe to inline; chunks stay under SQLite's limits.
                for chunk in Array(productPKs).chunked(900) {
                    let list = chunk.map(String.init).joined(separator: ",")
                    let statement = try db.cachedStatement(sql: "SELECT product_pk, vector FROM product_vector WHERE product_pk IN (\(list))")
                    let rows = try Row.fetchCursor(statement)
                    while let row = try rows.next() {
                        let pk: Int64 = row[0]
                        let similarity = row.withUnsafeData(atIndex: 1) { data in
                            data.map { $0.withUnsafeBytes { ProductVectors.cosine(q, stored: $0) } } ?? 0
                        }
                        result[pk] = similarity
                    }
                }
            }
            return result
        }
    }

    /// The `limit` products closest to `query` among those that pass `predicate` (SQL over the
    /// `product` table aliased `p`, e.g. the matcher's hard limits), best first, ties by pk.
    ///
    /// Scans every stored vector in memory (loaded once; ~13 MB at 100k products), then checks
    /// the best few times `limit` against `predicate` in SQL, widening until enough pass.
    package func nearestProducts(
        to query: SemanticVector, limit: Int, minimumSimilarity: Float = -1,
        where predicate: String = "1", arguments: StatementArguments = []
    ) throws -> [(pk: Int64, similarity: Float)] {
        guard limit > 0 else { return [] }
        let index = try cache.index(database: database)
        let ranked = index.ranked(query, minimumSimilarity: minimumSimilarity)
        var result: [(pk: Int64, similarity: Float)] = []
        var start = 0
        var window = max(limit * 4, 64)
        while start < ranked.count && result.count < limit {
            let slice = ranked[start..<min(ranked.count, start + window)]
            let list = slice.map { String(index.pks[$0.row]) }.joined(separator: ",")
            let passing = try database.read { db in
                try Set(Int64.fetchAll(db, sql: "SELECT p.pk FROM product p WHERE p.pk IN (\(list)) AND (\(predicate))", arguments: arguments))
            }
            for entry in slice where passing.contains(index.pks[entry.row]) {
                result.append((index.pks[entry.row], entry.similarity))
                if result.count == limit { break }
            }
            start += slice.count
            window *= 4
        }
        return result
    }

    /// Taxonomy interests closest in meaning to `phrase`, best first: each interest is embedded
    /// from its label and from each alias, and its best match counts.
    package func nearestInterests(
        to phrase: String, in taxonomy: Taxonomy, limit: Int = 3, minimumSimilarity: Float = 0.55
    ) -> [(interest: Interest, similarity: Float)] {
        guard let query = embedder.embed(phrase) else { return [] }
        let vectors = cache.interestVectors(taxonomy: taxonomy, embedder: embedder)
        var scored: [(interest: Interest, similarity: Float)] = []
        for (interest, candidates) in zip(taxonomy.interests, vectors) {
            guard let best = candidates.map({ query.cosine($0) }).max(), best >= minimumSimilarity else { continue }
            scored.append((interest, best))
        }
        return scored.sorted { ($0.similarity, $1.interest.id) > ($1.similarity, $0.interest.id) }
            .prefix(limit).map { $0 }
    }
}

/// Stored vectors as one contiguous int8 matrix, for scans.
struct SemanticIndex: Sendable {
    let generation: String
    let dimensions: Int
    let pks: [Int64]
    let scales: [Float]
    let components: [Int8]

    /// Rows with similarity ≥ `minimumSimilarity`, best first (ties by pk, so results are stable).
    func ranked(_ query: SemanticVector, minimumSimilarity: Float) -> [(row: Int, similarity: Float)] {
        var result: [(row: Int, similarity: Float)] = []
        query.components.withUnsafeBufferPointer { q in
            components.withUnsafeBytes { matrix in
                let stride = dimensions
                let qRaw = UnsafeRawPointer(q.baseAddress!)
                for row in 0..<pks.count {
                    let base = matrix.baseAddress! + row * stride
                    var sum = SIMD16<Float>()
                    var offset = 0
                    while offset < stride {
                        sum += qRaw.loadUnaligned(fromByteOffset: offset * 4, as: SIMD16<Float>.self)
                            * SIMD16<Float>(base.loadUnaligned(fromByteOffset: offset, as: SIMD16<Int8>.self))
                        offset += 16
                    }
                    let similarity = sum.sum() * scales[row]
                    if similarity >= minimumSimilarity { result.append((row, similarity)) }
                }
            }
        }
        let pks = self.pks
        result.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : pks[$0.row] < pks[$1.row] }
        return result
    }

    static func load(_ db: Database, dimensions: Int) throws -> SemanticIndex {
        let generation = try ProductVectors.generation(db)
        let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product_vector") ?? 0
        var pks: [Int64] = []
        var scales: [Float] = []
        var components: [Int8] = []
        pks.reserveCapacity(count)
        scales.reserveCapacity(count)
        components.reserveCapacity(count * dimensions)
        let rows = try Row.fetchCursor(db, sql: "SELECT product_pk, vector FROM product_vector ORDER BY product_pk")
        while let row = try rows.next() {
            let pk: Int64 = row[0]
            let ok: Bool = row.withUnsafeData(atIndex: 1) { data in
                guard let data, data.count == dimensions + 4 else { return false }
                data.withUnsafeBytes { raw in
                    components.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[0..<dimensions]).bindMemory(to: Int8.self))
                    scales.append(Float(bitPattern: UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: dimensions, as: UInt32.self))))
                }
                return true
            }
            if ok { pks.append(pk) }
        }
        return SemanticIndex(generation: generation, dimensions: dimensions, pks: pks, scales: scales, components: components)
    }
}

/// Holds the loaded index and the taxonomy's vectors for one `SemanticSearch` (and its copies).
final class SemanticIndexCache: @unchecked Sendable {  // every field is guarded by `lock`
    private let lock = NSLock()
    private var index: SemanticIndex?
    private var interests: (ids: [String], vectors: [[SemanticVector]])?

    func index(database: CatalogDatabase) throws -> SemanticIndex {
        let dimensions = SemanticTable.bundled.dimensions
        let generation = try database.read { db in try ProductVectors.generation(db) }
        lock.lock()
        let current = index
        lock.unlock()
        if let current, current.generation == generation { return current }
        let loaded = try database.read { db in try SemanticIndex.load(db, dimensions: dimensions) }
        lock.lock()
        index = loaded
        lock.unlock()
        return loaded
    }

    func interestVectors(taxonomy: Taxonomy, embedder: TextEmbedder) -> [[SemanticVector]] {
        let ids = taxonomy.interests.map(\.id)
        lock.lock()
        if let interests, interests.ids == ids {
            lock.unlock()
            return interests.vectors
        }
        lock.unlock()
        let vectors = taxonomy.interests.map { interest in
            ([interest.label] + interest.aliases).compactMap { embedder.embed($0) }
        }
        lock.lock()
        interests = (ids, vectors)
        lock.unlock()
        return vectors
    }
}

extension Array {
    fileprivate func chunked(_ size: Int) -> [ArraySlice<Element>] {
        stride(from: 0, to: count, by: size).map { self[$0..<Swift.min(count, $0 + size)] }
    }
}
