import Foundation
import Testing

@testable import Giftwise

/// The Swift tokenizer against ids from the model's own tokenizer (Hugging Face `tokenizers`
/// reading all-MiniLM-L6-v2's tokenizer.json), written by `tools/distill_embeddings.py`.
struct WordPieceTokenizerTests {
    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var text: String
        var ids: [Int32]
        var testDescription: String { text.debugDescription.prefix(60).description }
    }

    static let cases: [Case] = {
        struct File: Decodable { var cases: [Case] }
        guard let url = try? TestSupport.fixture("wordpiece-reference.json"),
            let data = try? Data(contentsOf: url),
            let file = try? JSONDecoder().decode(File.self, from: data)
        else { return [] }
        return file.cases
    }()

    let tokenizer = TextEmbedder.bundled.tokenizer

    @Test func theReferenceFixtureIsPresent() {
        #expect(Self.cases.count >= 60)
    }

    @Test(arguments: cases)
    func givesTheModelsOwnIds(_ example: Case) {
        #expect(tokenizer.ids(for: example.text) == example.ids)
    }

    @Test func theVocabularyRoundTripsThroughTheHashTable() {
        let table = SemanticTable.bundled
        #expect(table.count == 30522)
        for id in stride(from: Int32(0), to: Int32(table.count), by: 1) {
            #expect(table.id(of: table.piece(id)) == id)
        }
    }

    @Test func splitsPunctuationAndLowerCasesAndStripsAccents() {
        #expect(WordPieceTokenizer.basicWords("Crème-brûlée, PLEASE!") == ["creme", "-", "brulee", ",", "please", "!"])
        #expect(WordPieceTokenizer.basicWords("日本 ok") == ["日", "本", "ok"])
    }

    @Test func continuationPiecesUseTheDoubleHashPrefix() {
        let pieces = tokenizer.ids(for: "axolotls").map { tokenizer.table.piece($0) }
        #expect(pieces.first == "ax")
        #expect(pieces.dropFirst().allSatisfy { $0.hasPrefix("##") })
        #expect(pieces.map { $0.replacingOccurrences(of: "##", with: "") }.joined() == "axolotls")
    }

    @Test func aWordOverAHundredCharactersIsOneUnknown() {
        #expect(tokenizer.ids(for: String(repeating: "a", count: 101)) == [tokenizer.unknown])
        #expect(tokenizer.ids(for: "") == [])
        #expect(tokenizer.ids(for: " \t\n ") == [])
    }
}
