import Foundation

/// BERT's tokenizer as all-MiniLM-L6-v2's `tokenizer.json` configures it, over the bundled
/// vocabulary: text → word-piece ids.
///
/// Basic tokenisation first (the `BertNormalizer` and `BertPreTokenizer` of Hugging Face
/// `tokenizers`): control and format characters, NUL and U+FFFD dropped; whitespace splits;
/// CJK ideographs stand alone; accents stripped (NFD, non-spacing marks removed), then lower-cased
/// character by character; every punctuation character (ASCII symbols and Unicode `P*`) is a word
/// of its own. Then WordPiece: greedy longest match from the left, later pieces spelled `##…`; a
/// word with any unmatched remainder, or longer than 100 characters, is one `[UNK]`.
/// `tools/distill_embeddings.py` holds the same rules in Python; `WordPieceTokenizerTests`
/// checks both against ids from the model's own tokenizer.
package struct WordPieceTokenizer: Sendable {
    package let table: SemanticTable
    /// The id of `[UNK]`.
    package let unknown: Int32
    private static let maxCharactersPerWord = 100

    package init(table: SemanticTable) {
        self.table = table
        self.unknown = table.id(of: "[UNK]") ?? 100
    }

    /// The word-piece ids of `text`, without `[CLS]`/`[SEP]`.
    package func ids(for text: String) -> [Int32] {
        var ids: [Int32] = []
        appendIDs(for: text, to: &ids)
        return ids
    }

    /// Appends the word-piece ids of `text` to `ids`.
    package func appendIDs(for text: String, to ids: inout [Int32]) {
        var scratch: [UInt8] = [UInt8(ascii: "#"), UInt8(ascii: "#")]
        Self.forEachWord(in: text) { word, characters in
            appendPieces(of: word, characters: characters, to: &ids, scratch: &scratch)
        }
    }

    /// The word-piece ids of `text`, one array per word of basic tokenisation ("k-pop" is three
    /// words: k, -, pop).
    package func idsByWord(for text: String) -> [[Int32]] {
        var words: [[Int32]] = []
        var scratch: [UInt8] = [UInt8(ascii: "#"), UInt8(ascii: "#")]
        Self.forEachWord(in: text) { word, characters in
            var ids: [Int32] = []
            appendPieces(of: word, characters: characters, to: &ids, scratch: &scratch)
            words.append(ids)
        }
        return words
    }

    /// The words of basic tokenisation, as strings (for tests and explanations).
    package static func basicWords(_ text: String) -> [String] {
        var words: [String] = []
        forEachWord(in: text) { word, _ in words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    // MARK: - Basic tokenisation

    /// Calls `body` with each word's UTF-8 bytes (normalised) and its length in characters.
    private static func forEachWord(in text: String, _ body: (UnsafeBufferPointer<UInt8>, Int) -> Void) {
        var word: [UInt8] = []
        word.reserveCapacity(64)
        if forEachASCIIWord(in: text, word: &word, body) { return }
        var characters = 0
        func flush() {
            if !word.isEmpty {
                word.withUnsafeBufferPointer { body($0, characters) }
                word.removeAll(keepingCapacity: true)
                characters = 0
            }
        }
        func append(_ scalar: Unicode.Scalar) {
            if scalar.isASCII {
                word.append(UInt8(scalar.value))
            } else {
                word.append(contentsOf: String(scalar).utf8)
            }
            characters += 1
        }
        /// Accents stripped and lower-cased; punctuation that appears on the way stands alone.
        func appendNormalised(_ scalar: Unicode.Scalar) {
            for decomposed in decomposition(of: scalar) where decomposed.properties.generalCategory != .nonspacingMark {
                for lower in decomposed.properties.lowercaseMapping.unicodeScalars {
                    if isPunctuation(lower) {
                        flush()
                        append(lower)
                        flush()
                    } else {
                        append(lower)
                    }
                }
            }
        }
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if value < 0x80 {
                switch value {
                case 0x09, 0x0A, 0x0D, 0x20:
                    flush()
                case 0x00..<0x20, 0x7F:
                    continue  // control characters are dropped, not spaces ("a\u{0B}b" is "ab")
                case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
                    flush()
                    append(scalar)
                    flush()
                case 0x41...0x5A:
                    word.append(UInt8(value + 32))
                    characters += 1
                default:
                    word.append(UInt8(value))
                    characters += 1
                }
                continue
            }
            if value == 0xFFFD { continue }
            switch scalar.properties.generalCategory {
            case .control, .format, .unassigned, .privateUse, .surrogate:
                continue
            default:
                break
            }
            if scalar.properties.isWhitespace {
                flush()
            } else if isCJK(value) {
                flush()
                appendNormalised(scalar)
                flush()
            } else if isPunctuation(scalar) {
                flush()
                appendNormalised(scalar)
                flush()
            } else {
                appendNormalised(scalar)
            }
        }
        flush()
    }

    /// The same rules over bytes, for text that is all ASCII (most catalog text): no scalar
    /// decoding. Returns false, doing nothing, when the text has any non-ASCII byte.
    private static func forEachASCIIWord(
        in text: String, word: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>, Int) -> Void
    ) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for byte in bytes where byte >= 0x80 { return false }
            func flush() {
                if !word.isEmpty {
                    word.withUnsafeBufferPointer { body($0, $0.count) }
                    word.removeAll(keepingCapacity: true)
                }
            }
            for byte in bytes {
                switch byte {
                case 0x09, 0x0A, 0x0D, 0x20:
                    flush()
                case 0x00..<0x20, 0x7F:
                    continue
                case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E:
                    flush()
                    word.append(byte)
                    flush()
                case 0x41...0x5A:
                    word.append(byte + 32)
                default:
                    word.append(byte)
                }
            }
            flush()
            return true
        }
    }

    private static func decomposition(of scalar: Unicode.Scalar) -> String.UnicodeScalarView {
        // Most non-ASCII letters people type have no decomposition; skip Foundation for them.
        if scalar.value < 0xC0 { return String(scalar).unicodeScalars }
        return String(scalar).decomposedStringWithCanonicalMapping.unicodeScalars
    }

    private static func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (0x21...0x2F).contains(value) || (0x3A...0x40).contains(value)
                || (0x5B...0x60).contains(value) || (0x7B...0x7E).contains(value)
        }
        switch scalar.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
            .initialPunctuation, .finalPunctuation, .otherPunctuation:
            return true
        default:
            return false
        }
    }

    private static func isCJK(_ value: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(value) || (0x3400...0x4DBF).contains(value)
            || (0x20000...0x2A6DF).contains(value) || (0x2A700...0x2B73F).contains(value)
            || (0x2B740...0x2B81F).contains(value) || (0x2B820...0x2CEAF).contains(value)
            || (0xF900...0xFAFF).contains(value) || (0x2F800...0x2FA1F).contains(value)
    }

    // MARK: - WordPiece

    private func appendPieces(
        of word: UnsafeBufferPointer<UInt8>, characters: Int, to ids: inout [Int32], scratch: inout [UInt8]
    ) {
        guard characters <= Self.maxCharactersPerWord else {
            ids.append(unknown)
            return
        }
        if let whole = table.id(of: word) {
            ids.append(whole)
            return
        }
        let firstPiece = ids.count
        var start = 0
        while start < word.count {
            var end = word.count
            var found: Int32?
            while start < end {
                if start == 0 {
                    found = table.id(of: UnsafeBufferPointer(rebasing: word[0..<end]))
                } else {
                    scratch.removeSubrange(2...)
                    scratch.append(contentsOf: word[start..<end])
                    found = scratch.withUnsafeBufferPointer { table.id(of: $0) }
                }
                if found != nil { break }
                // Back off one character (never inside a UTF-8 sequence).
                end -= 1
                while end > start, word[end] & 0xC0 == 0x80 { end -= 1 }
            }
            guard let piece = found else {
                ids.removeSubrange(firstPiece...)
                ids.append(unknown)
                return
            }
            ids.append(piece)
            start = end
        }
    }
}
