/// Reads a misspelt interest: a clear slip ("dinosours") is corrected, a word close to several
/// interests gets "did you mean …?", and a word close to none is simply a word to search for.
/// "darts" is not a slip of "art": a short word must be one letter away, and start the same.
enum InterestSpelling {
    enum Verdict: Equatable {
        /// The taxonomy knows the word (or it is too short to judge).
        case known
        /// A clear slip: read it as `phrase`, the closest word for that interest.
        case corrected(phrase: String)
        /// Close to several interests: these labels.
        case unsure([String])
        /// Close to none.
        case unknown
    }

    static func check(_ word: String, taxonomy: Taxonomy) -> Verdict {
        if let resolution = taxonomy.resolution(word) {
            // "horse ridding": one known word makes it a kind of horses no product names; a slip
            // of one of the interest's own phrases ("horse riding") is what they meant.
            guard resolution.specificity == .narrower, let phrase = slipOfOwnPhrase(word, of: resolution.interest)
            else { return .known }
            return .corrected(phrase: phrase)
        }
        let key = TextNormalizer.key(word)
        guard key.count >= 4, let first = key.first else { return .unknown }
        // A word of the language is what they meant, not a slip: "cricket" is no "crochet" (a
        // trial was shown tattoo stickers as "close to knitting & crochet" for a cricket fan).
        if isAWord(word) { return .unknown }
        // Longer words carry more letters to slip on: two slips are corrected from 9 letters on,
        // and offered as "did you mean" from 7 ("dinasours").
        let allowed = key.count >= 9 ? 2 : 1
        let offered = key.count >= 7 ? 2 : allowed
        var close: [(distance: Int, phrase: String, interest: Interest)] = []
        for interest in taxonomy.suggestions(for: word, limit: 6) {
            let phrases = [interest.id, interest.label] + interest.aliases
            let best = phrases.map { phrase -> (Int, String) in
                let phraseKey = TextNormalizer.key(phrase)
                guard phraseKey.first == first, abs(phraseKey.count - key.count) <= offered else {
                    return (Int.max, phrase)
                }
                return (slips(phraseKey, key), phrase)
            }.min { $0.0 < $1.0 }
            if let best, best.0 <= offered { close.append((best.0, best.1, interest)) }
        }
        guard let nearest = close.map(\.distance).min() else { return .unknown }
        let nearestInterests = close.filter { $0.distance == nearest }
        // Auto-correct only a slip that cannot be read two ways and is long enough to be sure of.
        if nearestInterests.count == 1, close.count == 1, key.count >= 6, nearest <= allowed {
            // Said as a person would: "harry potter", not the id "harry-potter".
            let nearest = nearestInterests[0]
            return .corrected(
                phrase: (nearest.phrase == nearest.interest.id ? nearest.interest.label : nearest.phrase).lowercased())
        }
        return .unsure(
            close.sorted { ($0.distance, $0.interest.id) < ($1.distance, $1.interest.id) }.map(\.interest.label))
    }

    /// Whether `word` (one word of five letters or more, as typed or folded) is a whole word of
    /// the semantic table's vocabulary: an English word ("cricket", "knitting"), never a slip of
    /// one ("dinosours", "partol", "bulider" are not in it).
    static func isAWord(_ word: String) -> Bool {
        let typed = word.lowercased().trimmingCharacters(in: .whitespaces)
        guard typed.count >= 5, typed.allSatisfy(\.isLetter) else { return false }
        let table = SemanticTable.bundled
        return table.id(of: typed) != nil || table.id(of: TextNormalizer.fold(typed)) != nil
    }

    /// The interest's own several-word phrase that `word` is one slip from ("horse riding" for
    /// "horse ridding"), when exactly one is.
    private static func slipOfOwnPhrase(_ word: String, of interest: Interest) -> String? {
        let key = TextNormalizer.key(word)
        guard key.contains(" "), key.count >= 6 else { return nil }
        let near = Set(
            interest.aliases.map { $0.lowercased() }.filter { phrase in
                let phraseKey = TextNormalizer.key(phrase)
                return phraseKey != key && phraseKey.contains(" ") && abs(phraseKey.count - key.count) <= 1
                    && slips(phraseKey, key) == 1
            })
        return near.count == 1 ? near.first : nil
    }

    /// Typing slips between two words: letters missing, extra, wrong, or two swapped (each one
    /// slip; the optimal-string-alignment distance).
    static func slips(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
