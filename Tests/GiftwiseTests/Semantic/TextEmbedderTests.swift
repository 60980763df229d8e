import Foundation
import Testing

@testable import Giftwise

/// Vectors against `tools/distill_embeddings.py`'s reference outputs for fixed strings: the
/// distilled vector computed in Python from the same table, and the full model's similarities.
struct TextEmbedderTests {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var text: String
        var ids: [Int32]
        var model: [Double]?
        var `static`: [Double]?
        var testDescription: String { text.debugDescription.prefix(60).description }
    }
    struct Pair: Decodable, Sendable {
        var a: String
        var b: String
        var model: Double?
        var `static`: Double
    }
    struct File: Decodable {
        var cases: [Case]
        var pairs: [Pair]
    }

    static let reference: File? = {
        guard let url = try? TestSupport.fixture("semantic-reference.json"),
            let data = try? Data(contentsOf: url)
        else { return nil }
        return try? JSONDecoder().decode(File.self, from: data)
    }()
    static var cases: [Case] { reference?.cases ?? [] }

    let embedder = TextEmbedder.bundled

    @Test func theReferenceFixtureIsPresent() {
        #expect(Self.reference != nil)
        #expect(Self.cases.count >= 20)
    }

    @Test(arguments: cases)
    func matchesThePythonReferenceVector(_ example: Case) throws {
        let vector = embedder.embed(example.text)
        guard let expected = example.static else {
            #expect(vector == nil, "no known word piece, so no vector")
            return
        }
        let components = try #require(vector).components
        #expect(components.count == expected.count)
        let worst = zip(components, expected).map { abs(Double($0) - $1) }.max() ?? 0
        #expect(worst < 1e-4, "largest component difference \(worst)")
    }

    @Test func pairSimilaritiesMatchTheReference() throws {
        let pairs = try #require(Self.reference?.pairs)
        for pair in pairs {
            let a = try #require(embedder.embed(pair.a))
            let b = try #require(embedder.embed(pair.b))
            #expect(abs(Double(a.cosine(b)) - pair.static) < 1e-4, "\(pair.a) ~ \(pair.b)")
        }
    }

    @Test func closeMeaningsScoreAboveUnrelatedOnes() throws {
        func similarity(_ a: String, _ b: String) throws -> Float {
            try #require(embedder.embed(a)).cosine(try #require(embedder.embed(b)))
        }
        #expect(try similarity("firefighters", "Fire Station") > similarity("firefighters", "Watercolour Paint Set"))
        #expect(try similarity("dinosaurs", "T. rex skeleton kit") > similarity("dinosaurs", "Football"))
        #expect(try similarity("scuba diving", "snorkel and dive mask") > similarity("scuba diving", "chess set"))
    }

    @Test func vectorsAreUnitLengthAndDeterministic() throws {
        let a = try #require(embedder.embed("Make-Your-Own Dinosaur Terrarium Kit"))
        let b = try #require(embedder.embed("Make-Your-Own Dinosaur Terrarium Kit"))
        #expect(a == b)
        #expect(abs(a.cosine(a) - 1) < 1e-5)
    }

    @Test func textWithNoKnownPieceHasNoVector() {
        #expect(embedder.embed("") == nil)
        #expect(embedder.embed("🦖🦖") == nil)
    }

    @Test func aWishMeansOnlyTheWordsTheTableKnows() throws {
        // Spelled from scraps: no meaning to offer.
        for scraps in ["axolotls", "crochet", "sloths", "origami"] {
            #expect(embedder.embedWish(scraps) == nil, "\(scraps)")
        }
        // Whole words, words of words, words with an ending.
        for known in ["firefighters", "minecraft", "unicorns", "scuba diving"] {
            #expect(embedder.embedWish(known) == embedder.embed(known), "\(known)")
        }
        // What is left of a wish without a word would mean something else.
        #expect(embedder.embedWish("k-pop") == nil)
        #expect(embedder.embedWish("axolotl plush") == nil)
        // Punctuation, "a" and numbers of a known phrase change nothing.
        #expect(embedder.embedWish("build-a-bear") == embedder.embed("build bear"))
        #expect(embedder.embedWish("1000 piece jigsaws") == nil)  // jigsaws: ji ##gs ##aw ##s
        #expect(embedder.embedWish("1000 piece puzzles") == embedder.embed("piece puzzles"))
    }

    @Test func aProductVectorLeansOnItsName() throws {
        let product = try #require(
            embedder.embedProduct(
                name: "Fire Station Playset",
                description: "A three-storey station with a fire engine, ladder and two firefighter figures."))
        let name = try #require(embedder.embed("Fire Station Playset"))
        #expect(product.cosine(name) > 0.8)
        #expect(abs(product.cosine(product) - 1) < 1e-5)
    }

    @Test func storedVectorsRoundTripThroughInt8() throws {
        let vector = try #require(embedder.embed("board games for the whole family"))
        let decoded = try #require(ProductVectors.decode(ProductVectors.encode(vector)))
        #expect(vector.cosine(decoded) > 0.999)
    }
}
