import GRDB

/// Reads a slip of words the catalog's own products hold, for a wish the taxonomy cannot
/// correct: "hello kity" is "hello kitty", "lego dupplo" "lego duplo", "paw patroll" "paw
/// patrol" (a user trial found nothing, or partial lists, for each, with the thing in the
/// catalog).
///
/// Only a clear slip is read. Each word the catalog does not hold as written is one slip (two
/// from nine letters) from exactly one word it does hold, starting with the same two letters;
/// the wish as corrected stands in some product's text, its words together; a word the taxonomy
/// knows is never changed ("sewing" is not "seeing"); and a wish of one word is one the taxonomy
/// does not know, six letters or more ("bluey" is not "blue").
enum CatalogSpelling {
    /// The wish as the catalog writes it, or `nil` when it holds the wish or no clear slip.
    static func correction(of typed: String, taxonomy: Taxonomy, _ db: Database) throws -> String? {
        let words = TextNormalizer.tokens(typed)
        guard !words.isEmpty, words.count <= 6, words.count > 1 || taxonomy.resolution(typed) == nil,
            try !MatchRequests.textHolds(db, words.joined(separator: " "))
        else { return nil }
        // Each word the catalog does not hold, with the words it may be a slip of.
        var choices: [[String]] = words.map { [$0] }
        for (index, word) in words.enumerated()
        where try !taxonomy.isPhrase(word) && !MatchRequests.textHolds(db, word) {
            guard word.count >= (words.count == 1 ? 6 : 4), word.contains(where: \.isLetter) else { return nil }
            let near = try nearestHeldWords(word, db)
            guard !near.isEmpty, words.count > 1 || near.count == 1 else { return nil }
            choices[index] = near
        }
        guard zip(choices, words).contains(where: { $0 != [$1] }) else { return nil }
        // The reading the catalog's text holds, words together: "hello kitty", not "hello kite".
        var readings: [[String]] = [[]]
        for options in choices {
            readings = readings.flatMap { reading in options.map { reading + [$0] } }
            if readings.count > Self.readingsBound { return nil }
        }
        let held = try readings.filter { try MatchRequests.textHolds(db, $0.joined(separator: " ")) }
        return held.count == 1 ? held[0].joined(separator: " ") : nil
    }

    /// The most readings of a wish weighed (each a full-text search).
    static let readingsBound = 16

    /// How many products a candidate stem is read from for the words it stands for.
    static let wordsProbe = 20

    /// The words (folded) the catalog's text holds fewest slips from `word`, within one slip (two
    /// from nine letters), in alphabetical order.
    static func nearestHeldWords(_ word: String, _ db: Database) throws -> [String] {
        let allowed = word.count >= 9 ? 2 : 1
        // The index holds Porter stems ("kitti" for "kitty"), at most a few letters shorter than
        // the word: those close enough are read back from a few products' own words.
        let start = String(word.prefix(2))
        let stems = try String.fetchAll(
            db,
            sql: """
                SELECT term FROM product_vocab
                WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?
                """,
            arguments: [start, start + "\u{10FFFF}", word.count - allowed - 3, word.count + allowed]
        ).filter { InterestSpelling.slips(String($0.prefix(word.count)), word) <= allowed + 1 }
        var found = Set<String>()
        var best = allowed
        for stem in stems.sorted() {
            guard let query = MatchRequests.ftsPhrase(stem) else { continue }
            try MatchRequests.forEachText(db, matching: query, limit: Self.wordsProbe) { tokens in
                for token in tokens where token.hasPrefix(start) && token != word {
                    guard abs(token.count - word.count) <= allowed else { continue }
                    let slips = InterestSpelling.slips(token, word)
                    guard slips <= allowed else { continue }
                    if slips < best {
                        (best, found) = (slips, [token])
                    } else if slips == best {
                        found.insert(token)
                    }
                }
                return true
            }
        }
        return found.sorted()
    }
}
