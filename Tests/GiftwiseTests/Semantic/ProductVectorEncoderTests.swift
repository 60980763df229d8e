import Foundation
import Testing

@testable import Giftwise

/// The import's vector encoder gives, byte for byte, what the general way gives:
/// ``TextEmbedder/embedProduct(name:description:into:scratch:)`` over the name and the embedded
/// opening of the description, then ``ProductVectors/encodeBytes(_:)`` (issue 15, round 10).
struct ProductVectorEncoderTests {
    /// The stored vector the general way (the code the import ran before its fast way).
    static func reference(name: String, description: String) -> [UInt8] {
        let embedder = TextEmbedder.bundled
        var vector = [Float](repeating: 0, count: embedder.dimensions)
        var scratch = vector
        _ = embedder.embedProduct(
            name: name, description: ProductVectors.embeddedOpening(of: description), into: &vector, scratch: &scratch)
        return vector.withUnsafeBufferPointer { ProductVectors.encodeBytes($0) }
    }

    /// Text that walks every rule of the byte path and its edges.
    static let trickyTexts: [(name: String, description: String)] = {
        let words = "Dinosaur Fossil Dig kit with 12 tools. Ages 8+; not for under-3s! (batteries: 2xAA)"
        let long = String(repeating: "superheroes woodworking racket skateboarding ", count: 8)
        var cases: [(String, String)] = [
            ("Dinosaur Fossil Dig", words),
            ("", ""),
            ("", words),
            ("Dinosaur", ""),
            ("!!! ??? ...", "--- *** ///"),
            ("\u{1}\u{2}\u{7F}", "\u{0B}a\u{0C}b"),
            ("a\u{0B}b dino\u{1F}saur", "tab\tseparated\nlines\rand\r\ncrlf"),
            ("MINECRAFT Woodworking RACKET", "Skateboarding mindfulness superheroes 391 498 No. 123456"),
            ("No. 0000001", "A wooden book about dinosaurs with 379 pieces."),
            (String(repeating: "x", count: 100), String(repeating: "y", count: 101)),
            ("zzqqxxjj qqqq", "xyzzyplugh frobnicate"),
            ("[UNK] [CLS] ##s ##ing", "## # ##"),
            ("Café Crème", "Naïve façade"),
            ("Plain name", "Ünïcode first " + words),
            ("Plain name", long + "ünïcode after the opening"),
            ("Plain name", long),
            ("Plain name", long + "\r\n" + long),
            ("Plain name", "\r\n" + long),
            ("Plain name", String(repeating: "ab\r\n", count: 70)),
            ("Plain name", String(repeating: "dinosaur\r\n", count: 30)),
            ("Plain name", String(repeating: "a", count: 300)),
            ("Plain name", String(repeating: "abc ", count: 60)),
            ("Plain name", String(repeating: "abc\n", count: 60)),
            ("Plain name", String(repeating: "word ", count: 48) + "tail"),
            ("Plain name", String(repeating: "w", count: 239) + " end of it all"),
            ("Plain name", String(repeating: "w", count: 240) + " end"),
            ("Plain name", String(repeating: "w", count: 241)),
            ("Plain name", String(repeating: "w ", count: 140)),
            ("Plain name", String(repeating: "é", count: 300)),
            ("Plain name", String(repeating: "z", count: 279) + "é"),
            ("Plain name", String(repeating: "z", count: 280) + "é"),
            ("🦖 T-Rex", "🦕 emoji 👍🏽 and 中文 text"),
        ]
        for length in [230, 238, 239, 240, 241, 242, 279, 280, 281, 300] {
            cases.append(("Length \(length)", String(String(repeating: "lego set ", count: 40).prefix(length))))
            cases.append(("Length \(length)", String(repeating: "q", count: length - 5) + " dino"))
        }
        return cases
    }()

    @Test func theFastWayGivesTheGeneralWaysBytesOnTrickyText() {
        var fast = ProductVectorEncoder()
        var general = ProductVectorEncoder(fastWay: false)
        for (name, description) in Self.trickyTexts {
            let expected = Self.reference(name: name, description: description)
            #expect(general.encode(name: name, description: description) == expected, "\(name) | \(description)")
            #expect(fast.encode(name: name, description: description) == expected, "\(name) | \(description)")
        }
    }

    @Test func theFastWayGivesTheGeneralWaysBytesOnSeededRandomText() {
        // Pieces of text the rules treat differently: vocabulary words, words split into pieces,
        // words no piece spells, digits, punctuation, whitespace, control bytes, capitals, long
        // words, and now and then a non-ASCII letter.
        let parts = [
            "dinosaur", "Fossil", "LEGO", "woodworking", "superheroes", "minecraft", "racket", "xqzj", "zzzzzz",
            "391", "0000001", "No.", ".", ",", "!", "-", "'", "(", ")", "#", "##", " ", "  ", "\t", "\n", "\r",
            "\r\n", "\u{0B}", "\u{1}", "\u{7F}", "é", "ß", "中", String(repeating: "k", count: 99),
            String(repeating: "m", count: 101), "Ages 8+", "3 years and up", "pieces",
        ]
        var generator = SplitMix64(seed: 20_261_126)
        var fast = ProductVectorEncoder()
        var differing = 0
        var firstDiffering: (String, String)?
        for _ in 0..<4_000 {
            func text(_ maxParts: Int) -> String {
                var result = ""
                let count = Int(generator.next() % UInt64(maxParts + 1))
                for _ in 0..<count {
                    var part = parts[Int(generator.next() % UInt64(parts.count))]
                    // Mostly ASCII, so the fast way is what is tested.
                    if part.utf8.contains(where: { $0 >= 0x80 }), generator.next() % 8 != 0 { part = "plain" }
                    result += part
                    if generator.next() % 3 != 0 { result += " " }
                }
                return result
            }
            let name = text(8)
            let description = text(90)
            if fast.encode(name: name, description: description) != Self.reference(name: name, description: description)
            {
                differing += 1
                if firstDiffering == nil { firstDiffering = (name, description) }
            }
        }
        #expect(differing == 0, "first: \(String(describing: firstDiffering))")
    }

    @Test func theFastWayGivesTheGeneralWaysBytesOnRealCatalogs() throws {
        var fast = ProductVectorEncoder()
        var checked = 0
        // Every pair of text columns of the real exports, as name and description.
        for fixture in ["amazon_uk_toys_sample_150.csv", "amazon_uk_toys_age_traps.csv", "lego_sets_sample_120.csv"] {
            let reader = CSVRecordReader(source: ByteSource(data: try Data(contentsOf: TestSupport.fixture(fixture))))
            let width = try #require(try reader.next()).fields.count
            while let record = try reader.next() {
                let fields = record.fields + Array(repeating: "", count: max(0, width - record.fields.count))
                for (first, second) in zip(fields.indices, fields.indices.dropFirst()) {
                    let (name, description) = (fields[first], fields[second])
                    #expect(
                        fast.encode(name: name, description: description)
                            == Self.reference(name: name, description: description))
                    checked += 1
                }
            }
        }
        #expect(checked > 300)
    }

    @Test func rowsAddedWithAVX2GiveTheSameVectorsAsFourComponentsAtATime() throws {
        // Given the table adding rows eight components at a time with AVX2 (where the machine
        // has it; elsewhere both ways are the four-at-a-time code) and four at a time
        let wide = TextEmbedder(table: SemanticTable.bundled.accumulating(withAVX2: true))
        let narrow = TextEmbedder(table: SemanticTable.bundled.accumulating(withAVX2: false))
        #expect(wide.table.accumulatesWithAVX2 == SemanticTable.machineHasAVX2)
        #expect(!narrow.table.accumulatesWithAVX2)
        #expect(SemanticTable.bundled.accumulatesWithAVX2 == SemanticTable.machineHasAVX2)
        // When rows are added with assorted factors, and products are embedded both ways
        var generator = SplitMix64(seed: 15)
        for _ in 0..<2_000 {
            let count = Int(generator.next() % 6) + 1
            let ids = (0..<count).map { _ in Int32(generator.next() % UInt64(wide.table.count)) }
            // Weights of either sign with full mantissas, from tiny to a few units
            let factors = (0..<count).map { _ in
                Float(Int64(bitPattern: generator.next()) >> 40) / Float(1 << Int(generator.next() % 40))
            }
            var wideSum = [Float](repeating: 0, count: wide.dimensions)
            var narrowSum = wideSum
            for (id, factor) in zip(ids, factors) {
                wideSum.withUnsafeMutableBufferPointer {
                    wide.table.accumulate(id, factor: factor, into: $0.baseAddress!)
                }
                narrowSum.withUnsafeMutableBufferPointer {
                    narrow.table.accumulate(id, factor: factor, into: $0.baseAddress!)
                }
            }
            // Then every sum is the same bit for bit
            #expect(wideSum.map(\.bitPattern) == narrowSum.map(\.bitPattern), "\(ids) \(factors)")
        }
        var wideEncoder = ProductVectorEncoder(embedder: wide)
        var narrowEncoder = ProductVectorEncoder(embedder: narrow)
        var wideGeneral = ProductVectorEncoder(embedder: wide, fastWay: false)
        var texts = Self.trickyTexts
        for fixture in ["amazon_uk_toys_sample_150.csv", "lego_sets_sample_120.csv"] {
            let reader = CSVRecordReader(source: ByteSource(data: try Data(contentsOf: TestSupport.fixture(fixture))))
            _ = try reader.next()
            while let record = try reader.next() {
                if record.fields.count >= 3 { texts.append((record.fields[1], record.fields[2])) }
            }
        }
        #expect(texts.count > 250)
        for (name, description) in texts {
            let expected = narrowEncoder.encode(name: name, description: description)
            #expect(wideEncoder.encode(name: name, description: description) == expected, "\(name)")
            #expect(wideGeneral.encode(name: name, description: description) == expected, "\(name)")
        }
    }

    @Test func quantisingRoundsHalfAwayFromZeroAsEncodeBytesDoes() {
        // Components whose quotient is exactly k + 0.5, just above or below it, and random ones.
        var generator = SplitMix64(seed: 7)
        for round in 0..<2_000 {
            var components = (0..<128).map { _ in Float(Int64(generator.next() % 2_000_001) - 1_000_000) / 1_000_000 }
            components[0] = 127  // scale exactly 1: a component is its own quotient
            for index in 1..<40 {
                let half = Float(Int(generator.next() % 255) - 127) + 0.5
                components[index] = [half, half.nextUp, half.nextDown][(index + round) % 3]
            }
            if round % 2 == 1 { components = components.map { $0 / 3.7 } }  // a scale that is not 1
            let expected = components.withUnsafeBufferPointer { ProductVectors.encodeBytes($0) }
            let quantised = components.withUnsafeBufferPointer { ProductVectorEncoder.quantise($0) }
            #expect(quantised == expected)
            if quantised != expected { break }
        }
        let zeros = [Float](repeating: 0, count: 128)
        #expect(
            zeros.withUnsafeBufferPointer { ProductVectorEncoder.quantise($0) }
                == zeros.withUnsafeBufferPointer { ProductVectors.encodeBytes($0) })
    }
}
