import Foundation

/// Turns free text into comparable word tokens: lowercased, accents folded, light plural folding.
///
/// The same rules are applied to taxonomy aliases and to product text, so "Dinosaurs",
/// "dinosaur" and "DINOSAUR'S" meet at one token.
enum TextNormalizer {
    /// Word tokens of `text`, folded for matching.
    static func tokens(_ text: String) -> [String] {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return asciiTokens(text) }
        var result: [String] = []
        var current = String.UnicodeScalarView()
        func flush() {
            if !current.isEmpty {
                result.append(fold(String(current)))
                current.removeAll(keepingCapacity: true)
            }
        }
        for scalar in text.unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if scalar.isASCII {
                    current.append(Unicode.Scalar(UInt8(ascii: scalar)).lowercasedASCII)
                } else {
                    for folded in String(scalar).folding(
                        options: [.caseInsensitive, .diacriticInsensitive], locale: nil
                    ).unicodeScalars {
                        current.append(folded)
                    }
                }
            } else if scalar == "'" || scalar == "’" {
                continue  // "dinosaur's" -> "dinosaurs" -> "dinosaur"
            } else {
                flush()
            }
        }
        flush()
        return result
    }

    /// The same rules for plain ASCII text, on bytes (most catalog text; several times faster).
    private static func asciiTokens(_ text: String) -> [String] {
        var result: [String] = []
        var current: [UInt8] = []
        current.reserveCapacity(32)
        func flush() {
            if !current.isEmpty {
                foldASCII(&current)
                result.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            }
        }
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"): current.append(byte)
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): current.append(byte + 32)
            case UInt8(ascii: "'"): continue
            default: flush()
            }
        }
        flush()
        return result
    }

    /// `fold` on a lowercase ASCII word's bytes, in place (no String work per word).
    private static func foldASCII(_ word: inout [UInt8]) {
        let count = word.count
        guard count > 3, word[count - 1] == UInt8(ascii: "s") else { return }
        let last2 = word[count - 2]
        if last2 == UInt8(ascii: "s") || last2 == UInt8(ascii: "u") || last2 == UInt8(ascii: "i") { return }
        var drop = 1
        if last2 == UInt8(ascii: "e") {
            let (last3, last4) = (word[count - 3], word[count - 4])
            if last3 == UInt8(ascii: "i") {  // "hobbies" -> "hobby"
                word.removeLast(2)
                word[count - 3] = UInt8(ascii: "y")
                return
            }
            if last3 == UInt8(ascii: "z"), count >= 7, word[(count - 7)...].elementsEqual("quizzes".utf8) {
                word.removeLast(3)  // the one doubled "z": "quizzes" -> "quiz"
                return
            }
            if last3 == UInt8(ascii: "x")  // "boxes"
                || (last3 == UInt8(ascii: "s") && last4 == UInt8(ascii: "s"))  // "glasses"
                || (last3 == UInt8(ascii: "h") && (last4 == UInt8(ascii: "c") || last4 == UInt8(ascii: "s")))  // "ches", "shes"
            {
                drop = 2
            }
        }
        word.removeLast(drop)
    }

    /// One folded phrase key: tokens joined by single spaces.
    static func key(_ text: String) -> String { tokens(text).joined(separator: " ") }

    /// Light English plural folding: "puzzles" -> "puzzle", "hobbies" -> "hobby", "glass" stays.
    static func fold(_ word: String) -> String {
        guard word.count > 3, word.last == "s" else { return word }
        if word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is") { return word }
        if word.hasSuffix("ies") { return String(word.dropLast(3)) + "y" }
        if word.hasSuffix("quizzes") { return String(word.dropLast(3)) }  // the one doubled "z": "quiz"
        if word.hasSuffix("sses") { return String(word.dropLast(2)) }  // "princesses", "glasses"
        if word.hasSuffix("ches") || word.hasSuffix("shes") || word.hasSuffix("xes") { return String(word.dropLast(2)) }
        return String(word.dropLast())
    }
}

extension Unicode.Scalar {
    fileprivate init(_ byte: UInt8) { self.init(UInt32(byte))! }
    fileprivate var lowercasedASCII: Unicode.Scalar {
        ("A"..."Z").contains(self) ? Unicode.Scalar(value + 32)! : self
    }
}
