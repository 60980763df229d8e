/// Re-ranks the top of the list so it is not five variants of one thing.
///
/// Maximal Marginal Relevance (Carbonell & Goldstein, 1998): repeatedly take the item that
/// maximises `λ·score − (1 − λ)·max similarity to those already taken`. Similarity is the
/// Jaccard overlap of interest tags (weight 0.5), purposes (0.2) and name words (0.3).
/// λ = 0.7 by default (`ScoringWeights.diversityLambda`): relevance still leads.
struct Diversifier {
    let lambda: Double
    /// Only the best this-many are considered, so diversity never pulls up a poor match.
    static let pool = 40

    func select(from ranked: [Recommendation], count: Int) -> [Recommendation] {
        var remaining = Array(ranked.prefix(Self.pool))
        var chosen: [Recommendation] = []
        let words = Dictionary(remaining.map { ($0.product.id, Set(TextNormalizer.tokens($0.product.name))) }, uniquingKeysWith: { a, _ in a })
        while chosen.count < count, !remaining.isEmpty {
            var bestIndex = 0
            var bestValue = -Double.infinity
            for (index, item) in remaining.enumerated() {
                let redundancy = chosen.map { similarity(item, $0, words) }.max() ?? 0
                let value = lambda * item.score - (1 - lambda) * redundancy
                if value > bestValue + 1e-12 { bestValue = value; bestIndex = index }
            }
            chosen.append(remaining.remove(at: bestIndex))
        }
        return chosen
    }

    private func similarity(_ a: Recommendation, _ b: Recommendation, _ words: [String: Set<String>]) -> Double {
        0.5 * jaccard(Set(a.product.interests), Set(b.product.interests))
            + 0.2 * jaccard(Set(a.product.purposes), Set(b.product.purposes))
            + 0.3 * jaccard(words[a.product.id] ?? [], words[b.product.id] ?? [])
    }

    private func jaccard<T>(_ a: Set<T>, _ b: Set<T>) -> Double {
        let union = a.union(b).count
        return union == 0 ? 0 : Double(a.intersection(b).count) / Double(union)
    }
}
