/// Reads a product's age range from text — only from something written as an age.
///
/// Safety rule: a number is an age only when the words around it say so: an age keyword
/// ("recommended age: 3 years and up", "ages 8+", "aged 3 and over"), an age unit with an age
/// ending ("6-12 year olds", "18 months+", "3 years and up"), a range with units in an age context
/// ("suitable for 36 months - 8 years") or a warning ("not suitable for children under 3 years").
/// Everything else — ASINs, model and set numbers, dates, dimensions, piece counts, prices,
/// ranks — is never read as an age, and a product without an age phrase has an unknown age
/// (which the matcher never offers to an under-3).
///
/// A reversed range ("4 - 3 years", a known defect of some exports) is read as its higher number
/// and up: ages 4+, the reading that no stated minimum can undercut.
enum AgePhraseReader {
    /// An age range in years.
    struct Reading: Equatable {
        var min: Double?
        var max: Double?
    }

    /// A field that holds an age and nothing else ("6", "0.5", "8+", "3-5", "18 months",
    /// "3 years and up", "Ages: 36 months - 8 years"), else the age phrases in it (a long
    /// free-text field such as an Amazon `product_information`).
    /// - Parameter wholeFieldOnly: no phrase search: the field is an age or it is not.
    static func field(_ raw: String, wholeFieldOnly: Bool = false) -> Reading? {
        let tokens = tokenize(raw)
        var start = 0
        // An optional label: "age", "ages", "age range", "recommended age", "aged", with ":".
        while start < tokens.count, case .word(let word) = tokens[start], labelWords.contains(word) { start += 1 }
        if start < tokens.count, tokens[start] == .symbol(":") { start += 1 }
        if start < tokens.count, tokens[start] == .word("from") { start += 1 }
        if let range = quantity(tokens, at: start), range.end == tokens.count, let reading = range.reading {
            return reading
        }
        return wholeFieldOnly ? nil : phrases(in: tokens)
    }

    /// The age stated in free text (a name or description), or `nil` when it states none.
    /// Several statements combine strictly: the highest minimum wins.
    static func phrase(in text: String) -> Reading? {
        phrases(in: tokenize(text))
    }

    /// The age stated in a product's name. Besides the phrases of ``phrase(in:)``, a range of
    /// years or months on its own is what the product is made for: in a title, "Swim Jacket -
    /// 10-12 yrs" or "Soldier Costume (14-16 Years)" is the size of the child who wears it (a
    /// 4-year-old is never offered the 14-16 costume). Only from 3 years: a size never opens a
    /// product to under-3s ("Small/2 - 3 Years" stays unknown). Not in descriptions, where
    /// "batteries last 6-12 months" or "grows in 2-3 months" are no ages.
    static func phrase(inName name: String) -> Reading? {
        phrases(in: tokenize(name), rangesAreAges: true)
    }

    /// A fast test, run on every product's text: could it hold an age phrase at all? (a digit
    /// and an age word, or "birth"). Most text cannot, and is never tokenised.
    static func mayStateAnAge(_ text: String) -> Bool {
        var keyword = false
        // The contiguous bytes: walking the UTF-8 view index by index was half of this test's cost.
        // Only a byte that can end an age word is looked at with the ones before it (keeping a
        // window of the last bytes up to date at every byte was most of the rest).
        var contiguous = text
        let decided = contiguous.withUTF8 { buffer -> Bool? in
            guard let bytes = buffer.baseAddress else { return nil }
            var sawDigit = false
            @inline(__always) func folded(_ byte: UInt8) -> UInt8 {
                (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
            }
            @inline(__always) func ends(_ index: Int, _ first: UInt8, _ second: UInt8) -> Bool {
                index >= 2 && folded(bytes[index - 1]) == second && folded(bytes[index - 2]) == first
            }
            for index in 0..<buffer.count {
                let byte = bytes[index]
                if byte &- 0x30 < 10 {
                    sawDigit = true
                    if keyword { return true }
                    continue
                }
                if keyword { continue }
                let found: Bool
                switch folded(byte) {
                case UInt8(ascii: "e"): found = ends(index, UInt8(ascii: "a"), UInt8(ascii: "g"))  // "age"
                case UInt8(ascii: "a"): found = ends(index, UInt8(ascii: "y"), UInt8(ascii: "e"))  // "yea"
                case UInt8(ascii: "n"): found = ends(index, UInt8(ascii: "m"), UInt8(ascii: "o"))  // "mon"
                case UInt8(ascii: "t"):  // "irt" (birth), "mt" (mths)
                    found =
                        ends(index, UInt8(ascii: "i"), UInt8(ascii: "r"))
                        || (index >= 1 && folded(bytes[index - 1]) == UInt8(ascii: "m"))
                case UInt8(ascii: "r"): found = index >= 1 && folded(bytes[index - 1]) == UInt8(ascii: "y")  // "yr"
                case UInt8(ascii: "+"): found = index >= 1 && folded(bytes[index - 1]) == UInt8(ascii: "m")  // "m+"
                default: found = false
                }
                if found {
                    keyword = true
                    if sawDigit { return true }
                }
            }
            return nil
        }
        if let decided { return decided }
        guard keyword else { return false }
        // No digit: an age only in words ("from birth", "ages three and up").
        let lower = text.lowercased()
        return lower.contains("birth") || numberWords.keys.contains { lower.contains($0) }
    }

    // MARK: - Tokens

    enum Token: Equatable {
        case number(Double)
        case word(String)
        case symbol(Character)
    }

    static let numberWords: [String: Double] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
        "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
        "sixteen": 16, "seventeen": 17, "eighteen": 18, "twenty": 20,
    ]
    static let yearUnits: Set<String> = ["y", "yr", "yrs", "year", "years"]
    static let monthUnits: Set<String> = ["m", "mo", "mos", "mth", "mths", "month", "months"]
    static let labelWords: Set<String> = [
        "manufacturer", "recommended", "suggested", "age", "ages", "aged", "range", "group", "suitable", "for",
    ]
    /// Words that, shortly before a number with an age unit, make it an age.
    static let ageContext: Set<String> = [
        "for", "from", "suitable", "kids", "children", "child", "toddler", "toddlers", "baby", "babies",
        "infant", "infants", "boys", "girls", "teens", "teenagers", "recommended", "designed", "intended",
    ]

    /// Words before a number of years that make it a length of time, not an age.
    static let durationWords: Set<String> = [
        "over", "nearly", "almost", "about", "around", "than", "past", "last", "next", "least", "another", "whole",
    ]

    /// Lower-cased words, standalone numbers and symbols. A number glued to letters is a code
    /// ("ASINB00B5FL7M4", "numberR1151", "Dimensions40"), never a number — unless the letters are an
    /// age unit ("3yrs", "18m").
    static func tokenize(_ raw: String) -> [Token] {
        var tokens: [Token] = []
        // Original case: a lower-to-upper change splits glued words ("0-6 monthsPackage Includes").
        let scalars = Array(raw.unicodeScalars)
        var index = 0
        func isLetter(_ scalar: Unicode.Scalar) -> Bool { scalar.properties.isAlphabetic }
        func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
        while index < scalars.count {
            let scalar = scalars[index]
            if isDigit(scalar) || isLetter(scalar) {
                var end = index
                var digits = ""
                var letters = ""
                var sawLetterFirst = false
                var mixed = false
                var sawDot = false
                while end < scalars.count {
                    let current = scalars[end]
                    if isDigit(current) {
                        if !letters.isEmpty { mixed = true }
                        digits.unicodeScalars.append(current)
                    } else if current == ".", !sawDot, !digits.isEmpty, letters.isEmpty, end + 1 < scalars.count,
                        isDigit(scalars[end + 1])
                    {
                        sawDot = true
                        digits.append(".")
                    } else if isLetter(current) {
                        if current.properties.isUppercase, end > index, scalars[end - 1].properties.isLowercase {
                            break
                        }
                        if digits.isEmpty { sawLetterFirst = true }
                        letters.unicodeScalars.append(current)
                    } else {
                        break
                    }
                    end += 1
                }
                letters = letters.lowercased()
                if sawLetterFirst, digits.isEmpty, let value = numberWords[letters] {
                    tokens.append(.number(value))  // "from three years", "ages three and up"
                } else if sawLetterFirst {
                    tokens.append(.word(digits.isEmpty ? letters : "#code"))
                } else if letters.isEmpty, let value = Double(digits) {
                    tokens.append(.number(value))
                } else if !mixed, let value = Double(digits),
                    yearUnits.contains(letters) || monthUnits.contains(letters)
                {
                    tokens.append(.number(value))  // "3yrs", "18m"
                    tokens.append(.word(letters))
                } else {
                    tokens.append(.word("#code"))
                }
                index = end
                continue
            }
            switch scalar {
            case "–", "—", "‑", "−": tokens.append(.symbol("-"))
            case "&": tokens.append(.word("and"))
            case " ", "\t", "\n", "\r", "\u{00A0}", "\u{202F}": break
            default: tokens.append(.symbol(Character(scalar)))
            }
            index += 1
        }
        return tokens
    }

    // MARK: - Grammar

    /// `N [unit] [(-|to) M [unit]] [+ | and up | and over | and older | plus | year olds]`.
    struct Quantity {
        var low: Double
        var lowUnit: Double?
        var high: Double?
        var highUnit: Double?
        /// The unit was a single letter ("18m+", "3y"): "m" is as often metres, so it needs more.
        var shortUnit = false
        /// "+", "and up", "and over", "plus": an open-ended minimum.
        var openEnded = false
        /// "… year olds", "… years old".
        var olds = false
        var end: Int
        var hasUnit: Bool { lowUnit != nil || highUnit != nil }

        /// Years; `nil` when out of any child's or adult's range (then it is not an age).
        var reading: Reading? {
            let lowYears = low * (lowUnit ?? highUnit ?? 1)
            guard (0...120).contains(lowYears) else { return nil }
            guard let high else { return Reading(min: lowYears, max: nil) }
            let highYears = high * (highUnit ?? lowUnit ?? 1)
            guard (0...120).contains(highYears) else { return nil }
            if lowYears > highYears { return Reading(min: lowYears, max: nil) }  // "4 - 3 years": ages 4+
            if openEnded { return Reading(min: lowYears, max: nil) }
            return Reading(min: lowYears, max: highYears)
        }
    }

    static func unit(_ tokens: [Token], at index: Int) -> (value: Double, end: Int, short: Bool)? {
        var position = index
        if position < tokens.count, tokens[position] == .symbol("-") { position += 1 }  // "12-year-old"
        guard position < tokens.count, case .word(let word) = tokens[position] else { return nil }
        if yearUnits.contains(word) { return (1, position + 1, word.count == 1) }
        if monthUnits.contains(word) { return (1.0 / 12, position + 1, word.count == 1) }
        return nil
    }

    static func quantity(_ tokens: [Token], at start: Int) -> Quantity? {
        guard start < tokens.count, case .number(let low) = tokens[start] else { return nil }
        var result = Quantity(low: low, end: start + 1)
        var index = start + 1
        if let (value, end, short) = unit(tokens, at: index) {
            result.lowUnit = value
            result.shortUnit = short
            index = end
        }
        // A range: "-", "to", "- to" (as in "9- to 12-year-olds").
        var connector = index
        var sawConnector = false
        while connector < tokens.count, tokens[connector] == .symbol("-") || tokens[connector] == .word("to") {
            connector += 1
            sawConnector = true
        }
        if sawConnector, connector < tokens.count, case .number(let high) = tokens[connector] {
            result.high = high
            index = connector + 1
            if let (value, end, short) = unit(tokens, at: index) {
                result.highUnit = value
                result.shortUnit = result.shortUnit || short
                index = end
            }
        }
        // Endings ("3-years-old": a hyphen may come first).
        if index + 1 < tokens.count, tokens[index] == .symbol("-"), case .word(let next) = tokens[index + 1],
            ["old", "olds", "plus"].contains(next)
        {
            index += 1
        }
        if index < tokens.count, tokens[index] == .symbol("+") {
            result.openEnded = true
            index += 1
            if result.lowUnit == nil, result.high == nil, let (value, end, _) = unit(tokens, at: index) {
                result.lowUnit = value  // "8+ years"
                index = end
            }
        } else if index + 1 < tokens.count, tokens[index] == .word("and"),
            case .word(let next) = tokens[index + 1], ["up", "over", "older", "above", "upwards"].contains(next)
        {
            result.openEnded = true
            index += 2
        } else if index < tokens.count, case .word(let next) = tokens[index], ["plus", "upwards", "up"].contains(next) {
            result.openEnded = true
            index += 1
        } else if index < tokens.count, case .word(let next) = tokens[index], ["old", "olds"].contains(next),
            result.hasUnit
        {
            result.olds = true
            index += 1
        }
        result.end = index
        return result
    }

    /// Every age statement in `tokens`, combined: the highest minimum; the maximum of the first
    /// statement that gives one, when it is not below that minimum.
    static func phrases(in tokens: [Token], rangesAreAges: Bool = false) -> Reading? {
        var minimum: Double?
        var maximum: Double?
        var index = 0
        while index < tokens.count {
            if tokens[index] == .word("birth"), index > 0, tokens[index - 1] == .word("from") {
                minimum = max(minimum ?? 0, 0)
                index += 1
                continue
            }
            guard case .number = tokens[index], let found = quantity(tokens, at: index) else {
                index += 1
                continue
            }
            // The words that govern a number come after the last sentence break.
            var from = max(0, index - 10)
            if let stop = tokens[from..<index].lastIndex(where: {
                [.symbol("."), .symbol("!"), .symbol("?"), .symbol(";"), .symbol("|")].contains($0)
            }) {
                from = stop + 1
            }
            let before = Array(tokens[from..<index])
            if let reading = accepted(found, before: before, rangesAreAges: rangesAreAges) {
                minimum = max(minimum ?? 0, reading.min ?? 0)
                if maximum == nil { maximum = reading.max }
                index = found.end
            } else {
                index += 1
            }
        }
        guard let minimum else { return nil }
        if let high = maximum, high < minimum { maximum = nil }
        return Reading(min: minimum, max: maximum)
    }

    /// Whether the words before a quantity (and its own unit and ending) make it an age.
    static func accepted(_ found: Quantity, before: [Token], rangesAreAges: Bool = false) -> Reading? {
        guard let reading = found.reading else { return nil }
        let words: [String] = before.compactMap { if case .word(let word) = $0 { word } else { nil } }
        // "under 3 years", "under the age of 3": an age statement only in a warning ("not
        // suitable for children under 3"), and then a minimum.
        var governing = before.count - 1
        while governing >= 0, Self.isLink(before[governing]) { governing -= 1 }
        if governing >= 0, case .word(let word) = before[governing],
            ["under", "below", "than"].contains(word)
        {
            let stated = found.hasUnit || words.contains("age") || words.contains("ages")
            guard stated, found.high == nil, word != "than" || words.contains("younger"),
                words.contains("not") || words.contains("warning") || words.contains("never")
            else { return nil }
            return Reading(min: reading.min, max: nil)
        }
        // An age keyword right before ("ages 8+", "aged 3 and over", "recommended age: 5 - 12 years").
        let keywordDistance: Int? = before.reversed().enumerated().first { _, token in
            if case .word(let word) = token { return ["age", "ages", "aged"].contains(word) }
            return false
        }?.offset
        if let distance = keywordDistance {
            let between = before.suffix(distance)
            let onlyLinks = between.allSatisfy { token in
                switch token {
                case .symbol(let symbol): return symbol == ":" || symbol == "-" || symbol == "("
                case .word(let word):
                    return ["from", "range", "group", "is", "of", "between", "recommended", "suitable"].contains(word)
                case .number: return false
                }
            }
            if onlyLinks {
                // "Ice Age 2" is a film; "Age: 2", "Age 2+", "Age 2-4", "ages 2" are ages.
                let plural = words.last(where: { ["age", "ages", "aged"].contains($0) }) != "age"
                if plural || found.hasUnit || found.openEnded || found.high != nil || before.contains(.symbol(":")) {
                    return reading
                }
            }
        }
        // A unit with an age ending: "3 years and up", "6-12 year olds", "18 months+".
        if found.hasUnit && (found.openEnded || (found.olds && !found.shortUnit)) { return reading }
        // A unit in an age context: "suitable from 18 months", "for 36 months - 8 years".
        // Not with a one-letter unit: "Baby Shower Bunting 10m" is ten metres.
        // "for" alone also starts a length of time ("For over 100 years Brookite have been
        // designing kites" made every Brookite kite one for 100-year-olds; "family run for 30
        // years"): with no other age word it makes an age only of a range.
        let context = Set(words.suffix(4)).intersection(ageContext)
        if found.hasUnit, !found.shortUnit, !context.isEmpty,
            context != ["for"] || (found.high != nil && !durationWords.contains(words.last ?? ""))
        {
            return reading
        }
        // In a name, a range with an age unit: "10-12 yrs", "(3-4 Years)" (see ``phrase(inName:)``).
        // Never below 3: a size alone does not open a product to under-3s (small parts).
        if rangesAreAges, found.hasUnit, !found.shortUnit, found.high != nil, !words.contains("warranty"),
            (reading.min ?? 0) >= 3
        {
            return reading
        }
        return nil
    }

    /// Words between "under" and the number it governs ("under the age of 3").
    static func isLink(_ token: Token) -> Bool {
        switch token {
        case .symbol(let symbol): return symbol == ":" || symbol == "("
        case .word(let word): return ["the", "age", "ages", "of"].contains(word)
        case .number: return false
        }
    }
}
