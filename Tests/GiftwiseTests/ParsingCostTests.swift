import Foundation
import Testing

@testable import Giftwise

/// Round 12's cheaper parsing steps (issue 15) answer exactly as the steps they replace: the age
/// pre-test, the content hash fed piece by piece, the one-tag search text, the trimming shortcut
/// and the name-kind word filter.
struct ParsingCostTests {
    /// The age pre-test as it was: a window of the last four folded bytes, updated at every byte.
    static func mayStateAnAgeByWindow(_ text: String) -> Bool {
        var sawDigit = false
        var keyword = false
        var window: UInt32 = 0
        for byte in text.utf8 {
            if byte >= 0x30 && byte <= 0x39 { sawDigit = true }
            let folded = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
            window = (window << 8) | UInt32(folded)
            switch window & 0xFFFFFF {
            case 0x616765, 0x796561, 0x6D6F6E, 0x697274: keyword = true
            default:
                switch window & 0xFFFF {
                case 0x7972, 0x6D74, 0x6D2B: keyword = true
                default: break
                }
            }
            if keyword && sawDigit { return true }
        }
        guard keyword else { return false }
        let lower = text.lowercased()
        return lower.contains("birth") || AgePhraseReader.numberWords.keys.contains { lower.contains($0) }
    }

    /// Texts that sit on the test's edges: keywords at the start, the end, split by case, next to
    /// digits, beside non-ASCII bytes, and no keyword at all.
    static let edgeTexts = [
        "", "a", "ag", "age", "AGE", "aGe 3", "3age", "3 Yea", "mon", "Mon4", "4 MON", "irt", "birth", "From Birth",
        "yr", "3yr", "3YR", "mt", "36mt", "m+", "18m+", "18M+", "m +3", "a g e 3", "3 a-g-e", "page 12", "Image 5",
        "yeah 2", "monster 7", "shirt 9", "ages three and up", "from three years", "twelve months", "no digits here",
        "A jigsaw of 520 pieces", "café âge 3", "🦖 age 5", "3 ñyr", "\u{0}age 3", "x\u{0}yr 3", "year\n3",
        "Travel Dinosaurs Game No. 0", "A wooden book about dinosaurs with 379 pieces.",
    ]

    @Test func theAgePreTestAnswersAsTheByteWindowDid() {
        for text in Self.edgeTexts {
            #expect(AgePhraseReader.mayStateAnAge(text) == Self.mayStateAnAgeByWindow(text), "\(text.debugDescription)")
        }
        // And seeded random texts over an alphabet rich in the keywords' letters
        var generator = SplitMix64(seed: 12)
        let pieces = [
            "a", "g", "e", "A", "G", "E", "y", "Y", "r", "R", "m", "M", "o", "n", "i", "t", "+", " ", "3", "0", "-",
            "é",
            "ñ", "\n", "birth", "three", "age", "yr", "mt",
        ]
        for _ in 0..<20_000 {
            let text = (0..<Int.random(in: 0...24, using: &generator)).map { _ in
                pieces.randomElement(using: &generator)!
            }.joined()
            #expect(AgePhraseReader.mayStateAnAge(text) == Self.mayStateAnAgeByWindow(text), "\(text.debugDescription)")
        }
    }

    @Test(arguments: [
        0, 1, 9, 10, 11, 99, 100, 101, 999, 1_000, 2_499, 123_456_789, -1, -9, -10, -12_345, Int.max, Int.min,
        Int.max - 1, Int.min + 1, 1_000_000_000_000_000_000,
    ])
    func aNumberFedToTheHashCountsAsItsDecimalText(_ value: Int) {
        var hasher = StableHash.Parts()
        hasher.add(decimal: value)
        hasher.endPart()
        #expect(hasher.value == StableHash.fnv1a([String(value)]))
    }

    @Test func theContentHashFedPieceByPieceIsTheHashOfTheJoinedParts() throws {
        // Given rows with no tags, one known tag, several known and free tags, several purposes,
        // with and without url, ages and stock, and non-ASCII text
        let header = [
            "id", "name", "description", "price", "currency", "age_min", "age_max", "interests", "purposes",
            "url", "in_stock",
        ]
        var parser = ProductRowParser(taxonomy: DefaultCatalog.taxonomy, columnMap: [:])
        parser.bind(columns: header)
        let rows: [[String]] = [
            [
                "a-1", "Dinosaur Dig Kit", "Dig up a T. rex", "24.99", "USD", "6", "9", "dinosaurs", "educational", "",
                "true",
            ],
            [
                "a-2", "Rocket Set", "", "0", "GBP", "", "", "space|Brand X|art", "fun|crafty", "https://x.test/2",
                "false",
            ],
            ["a-3", "Crème brûlée torch", "Pour la cuisine 🍮", "1000000", "", "0.5", "", "", "", "", ""],
            ["a-4", "Football", "A size 5 ball", "12.5", "EUR", "", "14", "Shop Tag", "sporty", "", "true"],
            ["a-5", "Puzzle", "1000 pieces", "7", "USD", "8", "120", "puzzles|puzzles|jigsaw", "", "", "true"],
        ]
        for (index, fields) in rows.enumerated() {
            // When each is parsed
            guard case .success(let draft) = parser.parse(RawRow(line: index + 2, values: .positional(fields))) else {
                Issue.record("row \(index) failed")
                continue
            }
            // Then its hash is the hash of the list of texts it was always the hash of, and its
            // search text the labels joined
            let product = draft.product
            let expected = StableHash.fnv1a([
                product.id, product.name, product.description, String(product.price.minorUnits), product.currency,
                product.ages.minMonths.map(String.init) ?? "", product.ages.maxMonths.map(String.init) ?? "",
                draft.tags.joined(separator: "|") + "#\(draft.suppliedTagCount)",
                product.purposes.map(\.rawValue).joined(separator: "|"), product.url ?? "", product.inStock ? "1" : "0",
                String(draft.inferred),
            ])
            #expect(draft.contentHash == expected, "row \(index)")
            let labels = Dictionary(draft.freeTags.map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
            let searchText = draft.tags.map { DefaultCatalog.taxonomy.interest(id: $0)?.label ?? labels[$0] ?? $0 }
                .joined(separator: " ")
            #expect(draft.searchText == searchText, "row \(index)")
        }
    }

    @Test func aPlainNumberReadsAsDoubleReadsItsText() {
        // Given edge cases and seeded random decimals of up to 17 digits with 0–1 points
        var texts = [
            "0", "7", "24.99", "70.18", "0.5", ".5", "5.", "007", "0.1", "0.3", "999999999999999", "9999999999999999",
            "1000000000", "123456789.012345", "0.000000000000001", "1.2.3", "..", "12..5", "4503599627370497",
            "9007199254740993", "0.30000000000000004",
        ]
        var generator = SplitMix64(seed: 21)
        for _ in 0..<50_000 {
            let digits = (0..<Int.random(in: 1...17, using: &generator)).map { _ in
                String(Int.random(in: 0...9, using: &generator))
            }
            var text = digits.joined()
            if Bool.random(using: &generator) {
                let at = text.index(text.startIndex, offsetBy: Int.random(in: 0...text.count, using: &generator))
                text.insert(".", at: at)
            }
            texts.append(text)
        }
        // Then each reads as the same Double (bit for bit) as Foundation's reading
        for text in texts {
            let expected = text.contains(where: \.isNumber) ? Double(text) : nil
            #expect(ValueParsers.plainNumber(text)?.bitPattern == expected?.bitPattern, "\(text)")
        }
    }

    /// Trimming as it was: by the scalar view's ends, whatever the text.
    static func trimByScalars(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        if !ValueParsers.isSpace(first) && !ValueParsers.isSpace(last) { return text }
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, ValueParsers.isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, ValueParsers.isSpace(scalars[scalars.index(before: end)]) {
            end = scalars.index(before: end)
        }
        return String(scalars[start..<end])
    }

    @Test(arguments: [
        "", " ", "a", " a", "a ", "\ta\n", "\u{A0}a", "a\u{A0}", "\u{3000}x\u{3000}", "é", " é ", "e\u{301}", "\u{301}",
        "x\u{2028}", "  two words  ", "\r\n", "🦖", " 🦖", "\u{85}x", "x\u{85}",
    ])
    func trimmingAFieldAnswersAsTheScalarViewDid(_ text: String) {
        #expect(ValueParsers.trim(text) == Self.trimByScalars(text))
    }

    @Test func aNameKindIsReadAsWhenEveryWordWasLookedUp() {
        // Given every word the kinds know, their pairs, and words of other shapes (digits,
        // non-ASCII, long, empty)
        var words = PartySupplies.alwaysWords.union(PartySupplies.occasionWords)
            .union(PartySupplies.withOccasionWords).union(ThemedAccessories.words)
            .union(ThemedAccessories.toyWords).union(DeviceBound.words).union(DollsHouseMiniatures.houseWords)
        for (first, second) in PartySupplies.pairs + ThemedAccessories.pairs + DeviceBound.pairs
            + DollsHouseMiniatures.pairs
        {
            words.formUnion([first, second])
        }
        let others = [
            "", "7", "0", "no", "travel", "dinosaur", "game", "video", "ds", "balloon", "water", "house", "dolls",
            "miniature", "café", "ëlf", "a-very-long-word-that-no-kind-holds-at-all", "zzz",
        ]
        let all = Array(words) + others
        var generator = SplitMix64(seed: 15)
        // When names are read from each word alone, in pairs, and in seeded random runs of them
        var names: [[String]] = all.map { [$0] }
        for first in all { names.append([first, all.randomElement(using: &generator)!]) }
        for _ in 0..<20_000 {
            names.append(
                (0..<Int.random(in: 1...7, using: &generator)).map { _ in all.randomElement(using: &generator)! })
        }
        // Then the filter by length and first letter changes no reading
        for tokens in names {
            #expect(NameKind(tokens: tokens) == NameKind(tokens: tokens, filtersByShape: false), "\(tokens)")
        }
    }
}
