/// Re-ranks the top of the list so it is not five variants of one thing.
///
/// Two rules. First, a hard one: never two products whose names are the same once years,
/// editions, sizes, colours and pack counts are set aside ("Star Wars Advent Calendar 2019" and
/// "… 2021"; "Dino Tee, Blue, Size M" and "…, Green, L"), unless the person asked for more like
/// one of them. Second, Maximal Marginal Relevance (Carbonell & Goldstein, 1998): repeatedly take
/// the item that maximises `λ·score − (1 − λ)·max similarity to those already taken`, where
/// similarity is the Jaccard overlap of interest tags, purposes and name words (weights in
/// ``ScoringWeights``).
struct Diversifier {
    let weights: ScoringWeights
    /// Only the best this-many (or as many as asked for, if more) are weighed by MMR, so diversity
    /// never pulls up a poor match; later items only fill places that variants left empty.
    static let pool = 40

    /// An item's features, computed once.
    private struct Features {
        var interests: Set<String>
        var purposes: Int
        var words: Set<String>
        var variantKey: [String]
    }

    /// - Parameters:
    ///   - keepVariantsOf: the name of a product they asked for more like: its variants may repeat.
    ///   - later: which of `ranked` come after all the others whatever their scores (games for a
    ///     console they may not own, toddlers' toys for older children): diversity reorders within
    ///     each part, never across.
    func select(
        from ranked: [Recommendation], count: Int, keepVariantsOf favoured: String? = nil, later: [Bool] = []
    ) -> [Recommendation] {
        let pool = Array(ranked.prefix(max(Self.pool, count)))
        let features = pool.map {
            // The name's words are split once, for its word set and its variant key.
            let tokens = TextNormalizer.tokens($0.product.name)
            return Features(
                interests: Set($0.product.interests), purposes: Purpose.mask($0.product.purposes),
                words: Set(tokens), variantKey: Self.variantKey(tokens: tokens))
        }
        let allowed = favoured.map(Self.variantKey)
        var remaining = Array(pool.indices)
        // The highest similarity of each remaining item to anything chosen so far.
        var redundancy = [Double](repeating: 0, count: pool.count)
        var chosen: [Int] = []
        var chosenKeys: [[String]] = []
        while chosen.count < count, !remaining.isEmpty {
            var best = 0
            var bestValue = -Double.infinity
            let onlyLater = remaining.allSatisfy { later.indices.contains($0) && later[$0] }
            for (position, index) in remaining.enumerated()
            where onlyLater || !(later.indices.contains(index) && later[index]) {
                let value =
                    weights.diversityLambda * pool[index].score - (1 - weights.diversityLambda) * redundancy[index]
                if value > bestValue + 1e-12 {
                    bestValue = value
                    best = position
                }
            }
            let picked = remaining.remove(at: best)
            let key = features[picked].variantKey
            if key != allowed, chosenKeys.contains(where: { Self.sameThing($0, key) }) { continue }
            chosen.append(picked)
            chosenKeys.append(key)
            for index in remaining {
                redundancy[index] = max(redundancy[index], similarity(features[index], features[picked]))
            }
        }
        var result = chosen.map { pool[$0] }
        // Variants left places empty: fill them, in order, from beyond the pool.
        for item in ranked.dropFirst(pool.count) where result.count < count {
            let key = Self.variantKey(item.product.name)
            if key == allowed || !chosenKeys.contains(where: { Self.sameThing($0, key) }) {
                result.append(item)
                chosenKeys.append(key)
            }
        }
        return result
    }

    private func similarity(_ a: Features, _ b: Features) -> Double {
        let purposeUnion = (a.purposes | b.purposes).nonzeroBitCount
        let purposeOverlap =
            purposeUnion == 0 ? 0 : Double((a.purposes & b.purposes).nonzeroBitCount) / Double(purposeUnion)
        return weights.diversityTags * jaccard(a.interests, b.interests) + weights.diversityPurposes * purposeOverlap
            + weights.diversityWords * jaccard(a.words, b.words)
    }

    /// |a ∩ b| / |a ∪ b|, counted without building either set.
    private func jaccard(_ a: Set<String>, _ b: Set<String>) -> Double {
        let (small, large) = a.count <= b.count ? (a, b) : (b, a)
        var shared = 0
        for element in small where large.contains(element) { shared += 1 }
        let union = a.count + b.count - shared
        return union == 0 ? 0 : Double(shared) / Double(union)
    }

    // MARK: Variants

    /// Two names are the same thing when their variant keys are equal (and say something).
    /// Good-match counts count such a group once, so a count and the list it promises agree.
    static func sameThing(_ a: [String], _ b: [String]) -> Bool {
        !a.isEmpty && a == b
    }

    /// The gift a name stands for, as a stable 64-bit number: its variant key, or the name itself
    /// when the key is empty (`tokens` are the name's `TextNormalizer.tokens`). Stored with each
    /// product at import (`product.gift_key`), so a good-match count tells variants apart
    /// without reading and folding each name again.
    static func giftKey(name: String, tokens: [String]) -> Int64 {
        let key = variantKey(tokens: tokens)
        var hasher = StableHash.Parts()
        if key.isEmpty {
            hasher.add(1)
            hasher.add(name)
        } else {
            for (index, word) in key.enumerated() {
                if index > 0 { hasher.add(UInt8(ascii: " ")) }
                hasher.add(word)
            }
        }
        return hasher.value
    }

    /// ``giftKey(name:tokens:)`` of a name.
    static func giftKey(_ name: String) -> Int64 {
        giftKey(name: name, tokens: TextNormalizer.tokens(name))
    }

    /// The name's words less years, numbers, editions, sizes, colours, pack counts and platforms.
    static func variantKey(_ name: String) -> [String] {
        variantKey(tokens: TextNormalizer.tokens(name))
    }

    /// ``variantKey(_:)`` of a name already split by `TextNormalizer.tokens`.
    static func variantKey(tokens: [String]) -> [String] {
        tokens.filter { word in
            // Most words are ASCII without a digit: neither all digits nor a measure, and
            // Character.isNumber (Unicode) need not be asked letter by letter.
            if !word.isEmpty, word.utf8.allSatisfy({ $0 < 0x80 && ($0 < 0x30 || $0 > 0x39) }) {
                return !variantWords.contains(word)
            }
            return !variantWords.contains(word) && !word.allSatisfy(\.isNumber) && !isMeasure(word)
        }
    }

    /// "2019", "10pc", "3pack", "x3", "4x", "1st", "v2", "12cm", "500ml".
    private static func isMeasure(_ word: String) -> Bool {
        let digits = word.filter(\.isNumber)
        guard !digits.isEmpty else { return false }
        let letters = word.filter { !$0.isNumber }
        return letters.count <= 3 || measureSuffixes.contains(letters)
    }

    private static let measureSuffixes: Set<String> = [
        "pack", "piece", "pieces", "inch", "inche", "year", "month", "set", "count",
    ]

    /// Folded as names are ("series" is read as "sery").
    static let variantWords: Set<String> = Set(variantWordList.map(TextNormalizer.fold))
    private static let variantWordList: [String] = [
        // editions and years
        "edition", "version", "vol", "volume", "series", "season", "wave", "year", "new", "updated", "release",
        "reissue", "remastered", "anniversary", "limited", "special", "deluxe", "classic", "original", "exclusive",
        // sizes
        "small", "medium", "large", "s", "m", "l", "xs", "xl", "xxl", "xxxl", "mini", "jumbo", "giant", "size", "sized",
        "junior",
        "cm", "mm", "inch", "in", "ml", "kg", "oz",
        // colours
        "red", "blue", "green", "yellow", "pink", "purple", "black", "white", "orange", "grey", "gray", "brown",
        "silver", "gold", "golden", "navy", "teal", "turquoise", "beige", "cream", "multicolour", "multicolor",
        "multicoloured", "multicolored", "rainbow", "colour", "color", "light", "dark", "pastel", "neon", "clear",
        "lilac", "violet", "magenta", "lime", "mint", "coral", "aqua", "khaki", "burgundy", "maroon", "ivory",
        // pack counts
        "pack", "pcs", "pc", "piece", "multipack", "bundle", "assorted", "twin", "pair", "single", "set", "of", "x",
        // platforms and media of one game or film ("… - PlayStation 5", "… - Xbox One", "(DVD)")
        "playstation", "xbox", "one", "nintendo", "switch", "wii", "u", "ds", "psp", "vita", "gamecube", "gameboy",
        "windows", "mac", "dvd", "bluray", "blu", "ray", "cd", "rom", "and",
    ]
}
