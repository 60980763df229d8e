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
    /// Each word is gathered in a stack buffer and the list is sized for the text's words
    /// up front: a heap buffer per call and the list's regrowth were two thirds of this
    /// function's cost when the importer reads every product's name (issue 15).
    private static func asciiTokens(_ text: String) -> [String] {
        var text = text
        return text.withUTF8 { bytes -> [String] in
            var words = 0
            var inWord = false
            for byte in bytes {
                let letter = isASCIIWordByte(byte)
                if letter && !inWord { words += 1 }
                // An apostrophe neither ends nor starts a word.
                if byte != UInt8(ascii: "'") { inWord = letter }
            }
            var result: [String] = []
            guard words > 0 else { return result }
            result.reserveCapacity(words)
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count) { word -> [String] in
                var length = 0
                func flush() {
                    if length > 0 {
                        length = foldASCII(word, length)
                        result.append(String(decoding: UnsafeBufferPointer(rebasing: word[..<length]), as: UTF8.self))
                        length = 0
                    }
                }
                for byte in bytes {
                    switch byte {
                    case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                        word[length] = byte
                        length += 1
                    case UInt8(ascii: "A")...UInt8(ascii: "Z"):
                        word[length] = byte + 32
                        length += 1
                    case UInt8(ascii: "'"): continue
                    default: flush()
                    }
                }
                flush()
                return result
            }
        }
    }

    private static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
            || (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z"))
    }

    /// `fold` on the first `count` bytes of a lowercase ASCII word, in place; the folded length.
    private static func foldASCII(_ word: UnsafeMutableBufferPointer<UInt8>, _ count: Int) -> Int {
        guard count > 3, word[count - 1] == UInt8(ascii: "s") else { return count }
        let last2 = word[count - 2]
        if last2 == UInt8(ascii: "c"), word[count - 3] == UInt8(ascii: "i"),
            fieldNames.contains(String(decoding: UnsafeBufferPointer(rebasing: word[..<count]), as: UTF8.self))
        {
            return count
        }
        if last2 == UInt8(ascii: "s") || last2 == UInt8(ascii: "u") || last2 == UInt8(ascii: "i") { return count }
        var drop = 1
        if last2 == UInt8(ascii: "e") {
            let (last3, last4) = (word[count - 3], word[count - 4])
            if last3 == UInt8(ascii: "i") {
                // "pies", "ties": a word of three letters and its "s"; "zombies" -> "zombie".
                if count == 4
                    || ieNouns.contains(
                        String(decoding: UnsafeBufferPointer(rebasing: word[..<(count - 1)]), as: UTF8.self))
                {
                    return count - 1
                }
                word[count - 3] = UInt8(ascii: "y")  // "hobbies" -> "hobby"
                return count - 2
            }
            if last3 == UInt8(ascii: "z"), count >= 7, word[(count - 7)..<count].elementsEqual("quizzes".utf8) {
                return count - 3  // the one doubled "z": "quizzes" -> "quiz"
            }
            if count == 5, word[0..<5].elementsEqual("buses".utf8) { return 3 }  // "bus", which stays
            // "boxes", "glasses", "ches", "shes"
            if last3 == UInt8(ascii: "x") || (last3 == UInt8(ascii: "s") && last4 == UInt8(ascii: "s"))
                || (last3 == UInt8(ascii: "h") && (last4 == UInt8(ascii: "c") || last4 == UInt8(ascii: "s")))
            {
                drop = 2
            }
        }
        return count - drop
    }

    /// Names of a field or pursuit that end like a plural but are none: their "-ic" form is an
    /// adjective that says something else ("Electronic Hand Held Game" is no electronics kit,
    /// "Classic Edition" no classics, "Ceramic Mug" no ceramics). Pursuits whose "-ic" form
    /// still means them ("gymnastic rings", "robotic arm", "comic") fold as plurals do.
    static let fieldNames: Set<String> = [
        "electronics", "classics", "graphics", "ceramics", "cosmetics", "physics", "mathematics",
        "economics", "politics", "statistics", "optics", "logistics", "mechanics", "dynamics",
        "genetics", "ethics", "linguistics", "numismatics", "phonics", "aeronautics",
    ]

    /// The version of the folding rules below, stored with whatever a catalog keeps folded (see
    /// `DefaultCatalog.taxonomyFingerprint`, migration `v12-refold-ie-plurals`): change it with
    /// the rules.
    static let foldRules = "fold2"

    /// Nouns whose singular ends in "-ie": their plural folds back to it rather than to "-y" as
    /// "ponies" does. "zombies" folded to "zomby", so a wish for zombies found no "Zombie" in a
    /// name but by the stemmer's or the vectors' likeness, and missed "The Zombie Cave" entirely.
    /// Words that shops also write with "-y" ("goody", "doggy", "squishy", "welly") are left to
    /// the "-y" rule.
    static let ieNouns: Set<String> = [
        "aussie", "auntie", "barbie", "beanie", "bestie", "birdie", "bogie", "boogie", "bootie", "brownie",
        "budgie", "calorie", "collie", "cookie", "cutie", "foodie", "genie", "goalie", "hippie", "hoodie", "kelpie",
        "kiddie", "lingerie", "magpie", "movie", "newbie", "nightie", "onesie", "pixie", "plushie", "prairie",
        "rookie", "selfie", "smoothie", "sweetie", "talkie", "techie", "veggie", "walkie", "wookie", "yorkie",
        "zombie",
    ]

    /// One folded phrase key: tokens joined by single spaces.
    static func key(_ text: String) -> String { tokens(text).joined(separator: " ") }

    /// Light English plural folding: "puzzles" -> "puzzle", "hobbies" -> "hobby", "glass" stays.
    static func fold(_ word: String) -> String {
        guard word.count > 3, word.last == "s" else { return word }
        if word.hasSuffix("ics"), fieldNames.contains(word) { return word }
        if word.hasSuffix("ss") || word.hasSuffix("us") || word.hasSuffix("is") { return word }
        if word.hasSuffix("ies") {
            let singular = String(word.dropLast())
            if word.count == 4 || ieNouns.contains(singular) { return singular }
            return String(word.dropLast(3)) + "y"
        }
        if word.hasSuffix("quizzes") { return String(word.dropLast(3)) }  // the one doubled "z": "quiz"
        if word == "buses" { return "bus" }  // "bus" stays as it is
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
