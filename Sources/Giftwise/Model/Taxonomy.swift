import Foundation

/// The interest taxonomy: ids, the words people use for them, and how interests relate.
public struct Taxonomy: Sendable {
    /// Interests in file order.
    public let interests: [Interest]
    private let byID: [String: Int]
    /// Folded phrase ("t rex") -> interest id, for what people say.
    private let phrases: [String: String]
    /// The same, less each interest's ambiguous words, for tagging product text.
    private let taggingPhrases: [String: String]
    private let longestPhrase: Int

    /// Creates a taxonomy; later duplicates of an alias lose to earlier ones.
    public init(interests: [Interest]) {
        self.interests = interests
        var byID: [String: Int] = [:]
        var phrases: [String: String] = [:]
        var longest = 1
        for (index, interest) in interests.enumerated() {
            byID[interest.id] = index
        }
        // Ids and labels first, so an alias never hides another interest's own name.
        for interest in interests {
            for word in [interest.id, interest.label] {
                let key = TextNormalizer.key(word)
                if !key.isEmpty, phrases[key] == nil { phrases[key] = interest.id }
            }
        }
        for interest in interests {
            for alias in interest.aliases {
                let tokens = TextNormalizer.tokens(alias)
                guard !tokens.isEmpty else { continue }
                let key = tokens.joined(separator: " ")
                if phrases[key] == nil { phrases[key] = interest.id }
                longest = max(longest, tokens.count)
            }
        }
        self.byID = byID
        self.phrases = phrases
        var tagging = phrases
        for interest in interests {
            for word in interest.ambiguous where tagging[TextNormalizer.key(word)] == interest.id {
                tagging[TextNormalizer.key(word)] = nil
            }
        }
        self.taggingPhrases = tagging
        self.longestPhrase = longest
    }

    /// The interest with this id.
    public func interest(id: String) -> Interest? { byID[id].map { interests[$0] } }

    /// Resolves what a person typed ("dinos", "T-Rex", "Board Games") to an interest.
    public func resolve(_ text: String) -> Interest? {
        let key = TextNormalizer.key(text)
        if let id = phrases[key] { return interest(id: id) }
        // "dinosaur toys" or "loves baking": the longest known phrase inside the answer.
        let tagged = tag(text: text, limit: 1)
        return tagged.first.flatMap { interest(id: $0.id) }
    }

    /// Known words closest to `text`, for "did you mean …?" (edit distance ≤ 2).
    public func suggestions(for text: String, limit: Int = 3) -> [Interest] {
        let key = TextNormalizer.key(text)
        guard key.count >= 3 else { return [] }
        var scored: [(distance: Int, id: String)] = []
        for (phrase, id) in phrases where abs(phrase.count - key.count) <= 2 {
            let distance = Self.editDistance(phrase, key, bound: 2)
            if distance <= 2 { scored.append((distance, id)) }
        }
        var seen = Set<String>()
        return scored.sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }
            .compactMap { seen.insert($0.id).inserted ? interest(id: $0.id) : nil }
            .prefix(limit).map { $0 }
    }

    /// Interests mentioned in product text, most mentioned first, with a centrality weight.
    ///
    /// A mention in `name` counts three times a mention in the description: a "Dinosaur Puzzle"
    /// is about dinosaurs even if its description talks about puzzle pieces at length.
    func tag(name: String, description: String = "", limit: Int = 3) -> [(id: String, weight: Double)] {
        tag(name: name, description: description, limit: limit, table: taggingPhrases)
    }

    private func tag(name: String, description: String, limit: Int, table phrases: [String: String]) -> [(id: String, weight: Double)] {
        var counts: [String: Double] = [:]
        var firstSeen: [String: Int] = [:]
        var order = 0
        for (text, weight) in [(name, 3.0), (description, 1.0)] where !text.isEmpty {
            let tokens = TextNormalizer.tokens(text)
            var index = 0
            while index < tokens.count {
                var matched = false
                var length = min(longestPhrase, tokens.count - index)
                while length >= 1 {
                    let key = tokens[index..<(index + length)].joined(separator: " ")
                    if let id = phrases[key] {
                        counts[id, default: 0] += weight
                        if firstSeen[id] == nil { firstSeen[id] = order; order += 1 }
                        index += length
                        matched = true
                        break
                    }
                    length -= 1
                }
                if !matched { index += 1 }
            }
        }
        var ranked = counts.sorted { lhs, rhs in
            lhs.value != rhs.value ? lhs.value > rhs.value : firstSeen[lhs.key]! < firstSeen[rhs.key]!
        }
        // A single passing mention in a long description is noise ("great for the beach" on a
        // tattoo sheet): keep interests named in the name or mentioned twice, and the single best
        // mention only when nothing else qualifies.
        let confident = ranked.filter { $0.value >= 2 }
        ranked = confident.isEmpty ? Array(ranked.prefix(1)) : confident
        ranked = Array(ranked.prefix(limit))
        return ranked.enumerated().map { (index, entry) in (entry.key, Self.centrality(rank: index)) }
    }

    /// Interests named inside what a person typed ("dinosaur toys"), ambiguous words included.
    func tag(text: String, limit: Int) -> [(id: String, weight: Double)] {
        tag(name: text, description: "", limit: limit, table: phrases)
    }

    /// How central the n-th listed interest is to a product: the first tag is what it is about.
    static func centrality(rank: Int) -> Double {
        switch rank {
        case 0: 1.0
        case 1: 0.8
        case 2: 0.65
        default: 0.5
        }
    }

    static func editDistance(_ a: String, _ b: String, bound: Int) -> Int {
        let a = Array(a.utf8), b = Array(b.utf8)
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + Array(repeating: 0, count: b.count)
            var rowMin = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMin = min(rowMin, current[j])
            }
            if rowMin > bound { return bound + 1 }
            previous = current
        }
        return a.isEmpty ? b.count : previous[b.count]
    }
}
