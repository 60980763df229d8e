import Foundation
import GRDB

/// The semantic signal over one catalog: embeds what a person said and compares it with the
/// stored product vectors and with the taxonomy's interests.
///
/// Three ways in, by cost:
/// - ``similarities(to:productPKs:)`` scores candidates another signal retrieved (full text,
///   tags): one indexed read per product, the cheap path for every recommendation.
/// - ``nearestProducts(to:text:limit:where:)`` finds the closest products in the whole catalog
///   within given limits: a SIMD scan of an in-memory int8 matrix (loaded once per
///   `SemanticSearch` value, reloaded after an import) up to ``scanLimit`` products, a search
///   through the full-text index by the words nearest in meaning beyond.
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

    /// The stored-vector index for the catalog `db` reads (loaded once, reloaded after imports).
    func cacheIndex(_ db: Database) throws -> SemanticIndex { try cache.index(db) }

    /// The vector of what a person said ("scuba diving"), nil when the table understands none of
    /// its words (see ``TextEmbedder/embedWish(_:)``).
    package func vector(for phrase: String) -> SemanticVector? { embedder.embedWish(phrase) }

    /// Cosine similarity of `query` with each listed product that has a vector.
    package func similarities(to query: SemanticVector, productPKs: some Collection<Int64>) throws -> [Int64: Float] {
        try database.read { db in try similarities(db, vector: query, productPKs: Array(productPKs)) }
    }

    /// The `limit` products closest in meaning to `query` (what was said: `text`) among those
    /// that pass `condition` (SQL over `product p`, e.g. the matcher's hard limits), best first,
    /// ties by pk. See ``nearest(_:query:text:count:condition:)``.
    package func nearestProducts(to query: SemanticVector, text: String = "", limit: Int, where condition: SQL = "1")
        throws -> [(pk: Int64, similarity: Float)]
    {
        try database.read { db in try nearest(db, query: query, text: text, count: limit, condition: condition) }
    }

    /// Taxonomy interests closest in meaning to `phrase`, best first: each interest is embedded
    /// from its label and from each alias, and its best match counts.
    package func nearestInterests(
        to phrase: String, in taxonomy: Taxonomy, limit: Int = 3, minimumSimilarity: Float = 0.55
    ) -> [(interest: Interest, similarity: Float)] {
        guard let query = embedder.embedWish(phrase) else { return [] }
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

    /// The `count` rows closest to `query` whose pks `passing` accepts, best first (ties by pk).
    /// `passing` is asked once about the best few times `count` (a short SQL `IN` list); only
    /// when too few of those pass is it asked for every passing pk (`nil`: one plain scan of the
    /// catalog's limits, never a long list).
    func nearest(
        _ query: SemanticVector, count: Int, minimumSimilarity: Float,
        passing: ([Int64]?) throws -> Set<Int64>
    ) rethrows -> [(pk: Int64, similarity: Float)] {
        var result: [(pk: Int64, similarity: Float)] = []
        let first = top(query, k: min(max(count * 4, 64), pks.count))
        let fresh = first.prefix { $0.similarity >= minimumSimilarity }
        guard !fresh.isEmpty else { return [] }
        let accepted = try passing(fresh.map { pks[$0.row] })
        for entry in fresh where accepted.contains(pks[entry.row]) {
            result.append((pks[entry.row], entry.similarity))
            if result.count == count { return result }
        }
        guard fresh.count == first.count, first.count < pks.count else { return result }
        let allowed = try passing(nil)
        for entry in top(query, k: pks.count)[first.count...] {
            guard entry.similarity >= minimumSimilarity else { break }
            if allowed.contains(pks[entry.row]) {
                result.append((pks[entry.row], entry.similarity))
                if result.count == count { break }
            }
        }
        return result
    }

    /// The `k` rows most similar to `query`, best first (ties by pk): one SIMD pass and a
    /// bounded heap, so a million rows cost a scan, not a sort.
    func top(_ query: SemanticVector, k: Int) -> [(row: Int, similarity: Float)] {
        guard k > 0, !pks.isEmpty else { return [] }
        var heap = BoundedBest(capacity: k, pks: pks)
        query.components.withUnsafeBufferPointer { q in
            components.withUnsafeBytes { matrix in
                let stride = dimensions
                let qRaw = UnsafeRawPointer(q.baseAddress!)
                for row in 0..<pks.count {
                    let base = matrix.baseAddress! + row * stride
                    var sum = SIMD16<Float>()
                    var offset = 0
                    while offset < stride {
                        sum +=
                            qRaw.loadUnaligned(fromByteOffset: offset * 4, as: SIMD16<Float>.self)
                            * SIMD16<Float>(base.loadUnaligned(fromByteOffset: offset, as: SIMD16<Int8>.self))
                        offset += 16
                    }
                    heap.offer(row: row, similarity: sum.sum() * scales[row])
                }
            }
        }
        return heap.sortedBestFirst()
    }

    static func load(_ db: Database, dimensions: Int) throws -> SemanticIndex {
        let generation = try ProductVectors.generation(db)
        let count = try ProductVectors.count(db)
        var pks: [Int64] = []
        var scales: [Float] = []
        var components: [Int8] = []
        pks.reserveCapacity(count)
        scales.reserveCapacity(count)
        components.reserveCapacity(count * dimensions)
        let rows = try ProductVectors.allVectorRows(db)
        while let row = try rows.next() {
            let pk: Int64 = row[0]
            let ok: Bool = try row.withUnsafeData(atIndex: 1) { data in
                guard let data, data.count == dimensions + 4 else { return false }
                data.withUnsafeBytes { raw in
                    components.append(
                        contentsOf: UnsafeRawBufferPointer(rebasing: raw[0..<dimensions]).bindMemory(to: Int8.self))
                    scales.append(
                        Float(
                            bitPattern: UInt32(
                                littleEndian: raw.loadUnaligned(fromByteOffset: dimensions, as: UInt32.self))))
                }
                return true
            }
            if ok { pks.append(pk) }
        }
        return SemanticIndex(
            generation: generation, dimensions: dimensions, pks: pks, scales: scales, components: components)
    }
}

/// The best `capacity` (row, similarity) pairs seen: a min-heap whose root is the worst kept.
struct BoundedBest {
    let capacity: Int
    let pks: [Int64]
    private var items: [(row: Int, similarity: Float)] = []

    init(capacity: Int, pks: [Int64]) {
        self.capacity = capacity
        self.pks = pks
        items.reserveCapacity(capacity)
    }

    /// Whether `a` ranks below `b`: lower similarity, or equal and a larger pk.
    @inline(__always)
    private func worse(_ a: (row: Int, similarity: Float), _ b: (row: Int, similarity: Float)) -> Bool {
        a.similarity != b.similarity ? a.similarity < b.similarity : pks[a.row] > pks[b.row]
    }

    @inline(__always)
    mutating func offer(row: Int, similarity: Float) {
        let item = (row: row, similarity: similarity)
        if items.count < capacity {
            items.append(item)
            var child = items.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard worse(items[child], items[parent]) else { break }
                items.swapAt(child, parent)
                child = parent
            }
        } else if worse(items[0], item) {
            items[0] = item
            var parent = 0
            while true {
                let left = 2 * parent + 1
                guard left < items.count else { break }
                var smallest = left
                if left + 1 < items.count, worse(items[left + 1], items[left]) { smallest = left + 1 }
                guard worse(items[smallest], items[parent]) else { break }
                items.swapAt(smallest, parent)
                parent = smallest
            }
        }
    }

    func sortedBestFirst() -> [(row: Int, similarity: Float)] {
        items.sorted { worse($1, $0) }
    }
}

/// Holds the loaded index and the taxonomy's vectors for one `SemanticSearch` (and its copies).
final class SemanticIndexCache: @unchecked Sendable {  // every field is guarded by `lock`
    private let lock = NSLock()
    private var index: SemanticIndex?
    private var interests: (ids: [String], vectors: [[SemanticVector]])?

    func index(database: CatalogDatabase) throws -> SemanticIndex {
        try database.read { db in try index(db) }
    }

    /// The index for the catalog `db` reads, loaded only when the stored vectors changed.
    func index(_ db: Database) throws -> SemanticIndex {
        let generation = try ProductVectors.generation(db)
        lock.lock()
        let current = index
        lock.unlock()
        if let current, current.generation == generation { return current }
        let loaded = try SemanticIndex.load(db, dimensions: SemanticTable.bundled.dimensions)
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
