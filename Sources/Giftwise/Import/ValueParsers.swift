import Foundation

/// Lenient readers for the ways real exports write prices and ages.
enum ValueParsers {
    /// Trims white space (including non-breaking spaces) from both ends. Foundation's
    /// `trimmingCharacters(in:)` bridges through NSString on Linux and was 30 % of import time.
    static func trim(_ text: String) -> String {
        // Most fields start and end with a visible ASCII character: nothing to trim, decided
        // from two bytes (the scalar view's ends cost more, on every field of every row).
        if let first = text.utf8.first, let last = text.utf8.last, first < 0x80, last < 0x80,
            !isASCIISpace(first), !isASCIISpace(last)
        {
            return text
        }
        let scalars = text.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return text }
        if !isSpace(first) && !isSpace(last) { return text }
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, isSpace(scalars[start]) { start = scalars.index(after: start) }
        while end > start, isSpace(scalars[scalars.index(before: end)]) { end = scalars.index(before: end) }
        return String(scalars[start..<end])
    }

    /// For ASCII text, appends the trimmed, non-empty items between `|`, `;`, `,` and `>` and
    /// returns true (split as bytes: for ASCII the same as splitting the characters, without
    /// grapheme breaking, which was 3 % of an import's CPU); does nothing and returns false for
    /// other text.
    static func appendASCIIListItems(of text: String, to items: inout [String]) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            for byte in bytes where byte >= 0x80 { return false }
            var start = 0
            func flush(_ end: Int) {
                var low = start
                var high = end
                while low < high, isASCIISpace(bytes[low]) { low += 1 }
                while high > low, isASCIISpace(bytes[high - 1]) { high -= 1 }
                if low < high {
                    items.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[low..<high]), as: UTF8.self))
                }
            }
            for index in 0..<bytes.count {
                switch bytes[index] {
                case UInt8(ascii: "|"), UInt8(ascii: ";"), UInt8(ascii: ","), UInt8(ascii: ">"):
                    flush(index)
                    start = index + 1
                default: break
                }
            }
            flush(bytes.count)
            return true
        }
    }

    /// ``isSpace(_:)`` for an ASCII byte.
    @inline(__always)
    static func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (0x09...0x0D).contains(byte) }

    @inline(__always)
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0xA0, 0x2007, 0x202F, 0x2028, 0x2029, 0x3000: return true
        case 0x1680, 0x2000...0x200A, 0x205F: return true
        default: return false
        }
    }

    /// A plain decimal such as `24.99` or `7`: the common case, parsed without string surgery.
    static func plainNumber(_ text: String) -> Double? {
        var sawDigit = false
        // Digits with at most one point and at most 15 of them are read here: the integer they
        // spell is exact in a Double, and so is any power of ten up to 10^22, so one division
        // rounds once — to the same Double as `Double(text)`'s correctly rounded reading
        // (Clinger's fast path). Anything else is left to `Double(text)` (`strtod` was 3 % of
        // the parsing threads' time, issue 15).
        var mantissa: UInt64 = 0
        var digits = 0
        var fractionDigits = 0
        var points = 0
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                sawDigit = true
                mantissa = mantissa &* 10 &+ UInt64(byte - UInt8(ascii: "0"))
                digits += 1
                if points > 0 { fractionDigits += 1 }
            case UInt8(ascii: "."): points += 1
            default: return nil
            }
        }
        guard sawDigit else { return nil }
        guard points <= 1, digits <= 15 else { return Double(text) }
        return Double(mantissa) / Self.exactPowersOfTen[fractionDigits]
    }

    /// 10^0 … 10^15, each exact in a Double.
    private static let exactPowersOfTen: [Double] = (0...15).map { power in
        (0..<power).reduce(1.0) { value, _ in value * 10 }
    }

    enum PriceResult: Equatable {
        case price(Double, currency: String?)
        case failure(String)
    }

    /// "24.99", "$1,299.00", "£3.42", "12,50 €", "USD 8" → a number and maybe a currency.
    /// A range ("£12.60 - £16,268.00") or anything ambiguous is refused with the reason.
    static func price(_ raw: String) -> PriceResult {
        if let value = plainNumber(raw) { return .price(value, currency: nil) }
        var text = trim(raw)
        guard !text.isEmpty else { return .failure("is empty") }
        var currency: String?
        let symbols: [(String, String)] = [
            ("US$", "USD"), ("$", "USD"), ("£", "GBP"), ("€", "EUR"), ("¥", "JPY"), ("₹", "INR"),
        ]
        // (Each symbol ends in one scalar that nothing else is canonically equivalent to: where
        // that scalar is absent, Foundation's search is skipped.)
        for (symbol, code) in symbols
        where text.unicodeScalars.contains(symbol.unicodeScalars.last!) && text.contains(symbol) {
            currency = code
            text = text.replacingOccurrences(of: symbol, with: " ")
        }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\u{00A0}" })
        var numberParts: [Substring] = []
        for word in words {
            if word.count == 3, word.allSatisfy({ $0.isLetter && $0.isUppercase }) {
                currency = String(word)
            } else {
                numberParts.append(word)
            }
        }
        let joined = numberParts.joined(separator: " ")
        if joined.contains(" - ") || joined.contains("–") || joined.contains(" to ")
            || (numberParts.count > 1 && numberParts.contains("-"))
        {
            return .failure("is a range (\(trim(raw))); give one price")
        }
        guard numberParts.count == 1 else {
            return .failure("must be a number such as 24.99 (got \"\(raw.prefix(40))\")")
        }
        var number = String(numberParts[0])
        let commas = number.filter { $0 == "," }.count
        let dots = number.filter { $0 == "." }.count
        if commas > 0 && dots > 0 {
            guard let lastComma = number.lastIndex(of: ","), let lastDot = number.lastIndex(of: ".") else {
                return .failure("is not a number")
            }
            if lastComma < lastDot {
                number.removeAll { $0 == "," }  // 1,299.00
            } else {
                number.removeAll { $0 == "." }  // 1.299,00
                number = number.replacingOccurrences(of: ",", with: ".")
            }
        } else if commas > 0 {
            let groups = number.split(separator: ",", omittingEmptySubsequences: false)
            if groups.count > 1, groups.dropFirst().allSatisfy({ $0.count == 3 }), (1...3).contains(groups[0].count) {
                number.removeAll { $0 == "," }  // 1,299
            } else if commas == 1, let last = groups.last, (1...2).contains(last.count) {
                number = number.replacingOccurrences(of: ",", with: ".")  // 12,50
            } else {
                return .failure("must be a number such as 24.99 (got \"\(raw.prefix(40))\")")
            }
        }
        guard
            number.allSatisfy({
                $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "+" || $0 == "e" || $0 == "E")
            }),
            let value = Double(number)
        else {
            return .failure("must be a number such as 24.99 (got \"\(raw.prefix(40))\")")
        }
        return .price(value, currency: currency)
    }

    /// A plain age in years: "6", "0.5", "6 years", "18 months", "3+", "ages 3 and up".
    /// Only a field that is an age and nothing else; see ``AgePhraseReader``.
    static func age(_ raw: String) -> Double? {
        if let value = plainNumber(raw) { return value }
        let text = trim(raw)
        if let value = Double(text), value.isFinite { return value }  // "-1" is an age out of range, not text
        if text.utf8.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == UInt8(ascii: ",") }),
            text.utf8.filter({ $0 == UInt8(ascii: ",") }).count == 1,
            let value = Double(text.replacingOccurrences(of: ",", with: "."))
        {
            return value  // "0,5": a decimal comma
        }
        guard let reading = AgePhraseReader.field(text, wholeFieldOnly: true), let low = reading.min,
            reading.max == nil || reading.max == low
        else { return nil }
        return low
    }
}
