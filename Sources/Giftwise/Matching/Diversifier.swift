/// Re-ranks the top of the list so it is not five variants of one thing.
///
/// Maximal Marginal Relevance (Carbonell & Goldstein, 1998): repeatedly take the item that
/// maximises `λ·score − (1 − λ)·max similarity to those already taken`. Similarity is the
/// Jaccard overlap of interest tags (weight 0.5), purposes (0.2) and name words (0.3).
/// λ = 0.7 by default (`ScoringWeights.diversityLambda`): relevance still leads.
struct Diversifier {
    let lambda: Double
    /// Only the best this-many (or as many as asked for, if more) are considered, so diversity
    /// never pulls up a poor match.
    static let pool = 40

    /// An item's features, computed once.
    private struct Features {
        var interests: Set<String>
        var purposes: Int
        var words: Set<String>
    }

    func select(from ranked: [Recommendation], count: Int) -> [Recommendation] {
        let pool = Array(ranked.prefix(max(Self.pool, count)))
        let features = pool.map {
            Features(interests: Set($0.product.interests), purposes: Purpose.mask($0.product.purposes),
                     words: Set(TextNormalizer.tokens($0.product.name)))
        }
        var remaining = Array(pool.indices)
        // The highest similarity of each remaining item to anything chosen so far.
        var redundancy = [Double](repeating: 0, count: pool.count)
        var chosen: [Int] = []
        while chosen.count < count, !remaining.isEmpty {
            var best = 0
            var bestValue = -Double.infinity
            for (position, index) in remaining.enumerated() {
                let value = lambda * pool[index].score - (1 - lambda) * redundancy[index]
                if value > bestValue + 1e-12 { bestValue = value; best = position }
            }
            let picked = remaining.remove(at: best)
            chosen.append(picked)
            for index in remaining {
                redundancy[index] = max(redundancy[index], similarity(features[index], features[picked]))
            }
        }
        return chosen.map { pool[$0] }
    }

    private func similarity(_ a: Features, _ b: Features) -> Double {
        let purposeUnion = (a.purposes | b.purposes).nonzeroBitCount
        let purposeOverlap = purposeUnion == 0 ? 0 : Double((a.purposes & b.purposes).nonzeroBitCount) / Double(purposeUnion)
        return 0.5 * jaccard(a.interests, b.interests) + 0.2 * purposeOverlap + 0.3 * jaccard(a.words, b.words)
    }

    private func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
    }
}
