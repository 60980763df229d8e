import GRDB

/// Reads a slip of words the catalog's own products hold, for a wish the taxonomy cannot
/// correct: "hello kity" is "hello kitty", "lego dupplo" "lego duplo", "paw patroll" "paw
/// patrol" (a user trial found nothing, or partial lists, for each, with the thing in the
/// catalog).
///
/// Numbers are read in the other writing ("ben ten" is "Ben 10"), and words the catalog writes
/// apart or together ("rollercoaster" is "roller coaster", "tree house" "treehouse").
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
        // A phrase the taxonomy knows ("board games") is read as it is, with no full-text search.
        guard !words.isEmpty, words.count <= 6, words.count > 1 || taxonomy.resolution(typed) == nil,
            !taxonomy.isPhrase(words.joined(separator: " ")),
            try !MatchRequests.textHolds(db, words.joined(separator: " "))
        else { return nil }
        // Words that describe the thing, which the shop does not write before it: "fast remote
        // control car" is a remote control car (a trial was shown propellers and fuel tanks).
        let described = Array(words.drop(while: Self.describingWords.contains))
        if described.contains(where: { !Taxonomy.genericWords.contains($0) }), described.count < words.count,
            try MatchRequests.textHolds(db, described.joined(separator: " "))
        {
            return described.joined(separator: " ")
        }
        // Each word's other writings: a number in digits or letters ("ben ten" is "Ben 10"), and
        // for a word the catalog does not hold, the words it may be a slip of, or two words it
        // holds written together ("rollercoaster" is "roller coaster").
        var choices: [[String]] = words.map { [$0] }
        for (index, word) in words.enumerated() {
            if let other = Self.otherNumberWriting(word) {
                choices[index].append(other)
                continue
            }
            guard try !taxonomy.isPhrase(word) && !MatchRequests.textHolds(db, word) else { continue }
            // A word of the language the catalog lacks is not a slip of one it holds.
            if InterestSpelling.isAWord(word) { continue }
            guard word.count >= (words.count == 1 ? 6 : 4), word.contains(where: \.isLetter) else { return nil }
            let near = try nearestHeldWords(word, db) + heldSplits(of: word, db)
            guard words.count > 1 || near.count == 1 else { return nil }
            if !near.isEmpty { choices[index] = near }
        }
        // The reading the catalog's text holds, words together: "hello kitty", not "hello kite".
        var readings: [[String]] = [[]]
        for options in choices {
            readings = readings.flatMap { reading in options.map { reading + [$0] } }
            if readings.count > Self.readingsBound { return nil }
        }
        // Two words the catalog writes as one ("tree house" is "treehouse"), when it holds that word.
        if words.count > 1 {
            for index in words.indices.dropLast() where words[index].count >= 3 && words[index + 1].count >= 3 {
                let joined = words[index] + words[index + 1]
                guard !taxonomy.isPhrase(words[index] + " " + words[index + 1]),
                    try MatchRequests.textHolds(db, joined)
                else { continue }
                readings.append(Array(words[..<index]) + [joined] + Array(words[(index + 2)...]))
            }
        }
        readings.removeAll { $0 == words }
        guard !readings.isEmpty, readings.count <= Self.readingsBound else { return nil }
        let held = try readings.filter { try MatchRequests.textHolds(db, $0.joined(separator: " ")) }
        return held.count == 1 ? held[0].joined(separator: " ") : nil
    }

    /// Folded words that describe a thing before its name, never name it: how big, fast or nice
    /// it is, and whom it suits. No colours ("green lantern", "black panther") and no "toy" ("toy
    /// story"): those start names.
    static let describingWords: Set<String> = [
        "fast", "quick", "speedy", "big", "large", "huge", "giant", "small", "little", "tiny", "cool", "nice", "good",
        "great", "cute", "awesome", "amazing", "simple", "easy", "proper", "best", "cheap", "quality", "beautiful",
        "pretty", "lovely", "special", "decent", "beginner", "beginners", "kids",
    ]

    /// A number of one word in the other writing: "ten" is "10", "10" is "ten".
    static func otherNumberWriting(_ word: String) -> String? {
        if let value = AgePhraseReader.numberWords[word] { return String(Int(value)) }
        guard let value = Int(word) else { return nil }
        return AgePhraseReader.numberWords.first { Int($0.value) == value }?.key
    }

    /// The two words, each of three letters or more, that the catalog's text holds side by side
    /// and `word` writes together: "rollercoaster" is "roller coaster".
    static func heldSplits(of word: String, _ db: Database) throws -> [String] {
        guard word.count >= 6, word.allSatisfy(\.isLetter) else { return [] }
        var found: [String] = []
        for cut in 3...(word.count - 3) {
            let phrase = String(word.prefix(cut)) + " " + String(word.dropFirst(cut))
            if try MatchRequests.textHolds(db, phrase) { found.append(phrase) }
        }
        return found
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
