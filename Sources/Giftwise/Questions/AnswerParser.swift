import Foundation

/// Reads answers the way people type them: ages ("7", "18 months"), budgets ("$30", "20-40",
/// "no limit"), comma-separated lists, things to avoid ("no slime, nothing with batteries") and
/// choices by number, words or value.
package enum AnswerParser {
    /// Trims, turns control characters into spaces and caps the length of an answer.
    package static func clean(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars.prefix(2_000) {
            if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format {
                scalars.append(" ")
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    package static func emptyReason(_ question: Question) -> String {
        question.id == .age ? ageReason : "Please type an answer."
    }

    package static let ageReason =
        "Please give an age in years between 0 and 120, e.g. 7 or 1.5 (or in months: 18 months)."
    package static let budgetReason = "Please give a budget as an amount (30 or $30), a range (20-40), or \"no limit\"."

    /// Comma- or semicolon-separated items, trimmed, each at most 80 characters, at most 20.
    package static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" })
            .map { String($0.trimmingCharacters(in: .whitespaces).prefix(80)).trimmingCharacters(in: .whitespaces) }
            .filter { $0.contains(where: { $0.isLetter || $0.isNumber }) }
            .prefix(20).map { $0 }
    }

    /// What to avoid, the way people say it: "no slime, nothing with batteries or glitter" →
    /// slime, batteries, glitter.
    package static func avoidWords(_ text: String) -> [String] {
        let fillers = ["nothing with ", "anything with ", "nothing ", "without ", "avoid ", "no more ", "no ", "not "]
        return list(text).flatMap { item -> [String] in
            var phrase = item
            var stripped = true
            while stripped {
                stripped = false
                for filler in fillers where phrase.lowercased().hasPrefix(filler) && phrase.count > filler.count {
                    phrase = String(phrase.dropFirst(filler.count)).trimmingCharacters(in: .whitespaces)
                    stripped = true
                }
            }
            let parts = phrase.components(separatedBy: " or ").flatMap { $0.components(separatedBy: " and ") }
            return parts.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
    }

    package static func orList(_ words: [String]) -> String {
        words.count <= 1 ? words.joined() : words.dropLast().joined(separator: ", ") + " or " + words.last!
    }

    /// Age in months from "7", "7 years", "7yo", "18 months", "1.5", "6 weeks", "newborn".
    package static func parseAge(_ text: String) -> Int? {
        var rest = text.lowercased().trimmingCharacters(in: .whitespaces)
        if ["newborn", "baby", "new born"].contains(rest) { return 0 }
        for prefix in ["about ", "around ", "aged ", "age ", "almost ", "nearly ", "~"] where rest.hasPrefix(prefix) {
            rest = String(rest.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
        let numberPart = rest.prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }
        guard !numberPart.isEmpty, numberPart.count <= 8,
            let value = Double(numberPart.replacingOccurrences(of: ",", with: ".")), value.isFinite
        else { return nil }
        var unit = rest.dropFirst(numberPart.count).trimmingCharacters(in: .whitespaces)
        unit = unit.replacingOccurrences(of: "-", with: " ").trimmingCharacters(in: .whitespaces)
        for suffix in [" old", "old"] where unit.hasSuffix(suffix) {
            unit = String(unit.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
        }
        let years: Double
        switch unit {
        case "", "y", "yr", "yrs", "year", "years", "yo", "y/o", "y.o.", "years and", "jahre", "ans", "años":
            years = value
        case "m", "mo", "mos", "mth", "mths", "month", "months":
            years = value / 12
        case "w", "wk", "wks", "week", "weeks":
            years = value / 52.18
        default:
            return nil
        }
        guard (0...120).contains(years) else { return nil }
        return Int((years * 12 + 1e-9).rounded(.down))
    }

    /// Budget from "30", "$30", "20-40", "20 to 40", "under 30", "30+", "no limit".
    package static func parseBudget(_ text: String) -> (min: Money?, max: Money?)? {
        var rest = text.lowercased().trimmingCharacters(in: .whitespaces)
        let unlimited: Set<String> = [
            "no limit", "none", "no budget", "unlimited", "any", "anything", "no", "whatever",
            "no max", "no maximum", "doesn't matter", "does not matter", "n/a", "limitless", "nolimit",
        ]
        if unlimited.contains(rest) { return (nil, nil) }
        // The currency's words and symbols go ("£30", "30 euros"); ``budgetCurrency(_:)`` reads them.
        var kept = ""
        var word = ""
        func flush() {
            if Self.currencyWords[word] == nil { kept += word }
            word = ""
        }
        for character in rest {
            if character.isLetter && character.isASCII {
                word.append(character)
            } else {
                flush()
                kept.append(Self.currencySymbols[character] == nil ? character : " ")
            }
        }
        flush()
        rest = kept
        rest = rest.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        var atLeast = false
        for prefix in [
            "under", "up to", "upto", "max", "maximum", "below", "less than", "at most", "about", "around", "~", "<=",
            "<",
        ]
        where rest.hasPrefix(prefix) {
            rest = String(rest.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            break
        }
        for prefix in ["over", "at least", "more than", "min", ">=", ">"] where rest.hasPrefix(prefix) {
            rest = String(rest.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            atLeast = true
            break
        }
        if rest.hasSuffix("+") {
            rest = String(rest.dropLast()).trimmingCharacters(in: .whitespaces)
            atLeast = true
        }
        func amount(_ string: some StringProtocol) -> Money? {
            let trimmed = string.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed.count <= 15,
                trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                let value = Double(trimmed), value.isFinite, value >= 0, value <= 1_000_000_000
            else { return nil }
            return Money(value)
        }
        for separator in ["-", "–", "—", " to ", ".."] where rest.contains(separator) {
            let parts = rest.components(separatedBy: separator)
            guard parts.count == 2, let low = amount(parts[0]), let high = amount(parts[1]), high.minorUnits > 0 else {
                return nil
            }
            return (low.minorUnits > 0 ? low : nil, high)
        }
        guard let value = amount(rest) else { return nil }
        if atLeast { return (value, nil) }
        guard value.minorUnits > 0 else { return nil }
        return (nil, value)
    }

    /// The currency a budget names, as an ISO 4217 code: "£30" and "30 pounds" are GBP, "$30" and
    /// "30 bucks" USD, "30 CHF" CHF; `nil` when it names none (the catalog's main currency).
    /// A budget that names two currencies names none that can be trusted: `nil` too.
    package static func budgetCurrency(_ text: String) -> String? {
        var found = Set<String>()
        var word = ""
        func flush() {
            if let code = currencyWords[word] { found.insert(code) }
            word = ""
        }
        for character in text.lowercased() {
            if character.isLetter && character.isASCII {
                word.append(character)
            } else {
                flush()
                if let code = currencySymbols[character] { found.insert(code) }
            }
        }
        flush()
        return found.count == 1 ? found.first : nil
    }

    /// Currency symbols a budget may carry. "$" is the US dollar, as a price's "$" is at import.
    static let currencySymbols: [Character: String] = ["$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY"]

    /// Currency words and codes a budget may carry, lower-cased.
    static let currencyWords: [String: String] = {
        var words: [String: String] = [
            "dollar": "USD", "dollars": "USD", "bucks": "USD", "pound": "GBP", "pounds": "GBP", "quid": "GBP",
            "euro": "EUR", "euros": "EUR", "yen": "JPY",
        ]
        for code in [
            "usd", "gbp", "eur", "jpy", "cad", "aud", "nzd", "chf", "sek", "nok", "dkk", "pln", "czk", "huf",
            "inr", "cny", "hkd", "sgd", "krw", "mxn", "brl", "zar", "ils", "aed",
        ] {
            words[code] = code.uppercased()
        }
        return words
    }()

    /// The option values an answer picks: by number ("2", "1,3") or words ("crafty, fun").
    package static func choices(_ text: String, for question: Question, multiple: Bool) throws -> [String] {
        var normalized = " " + text.lowercased() + " "
        for separator in [" and ", " or ", "&", "+", "/", ";"] {
            normalized = normalized.replacingOccurrences(of: separator, with: ",")
        }
        let parts = normalized.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
            !$0.isEmpty
        }
        var values: [String] = []
        func reject(_ part: String) -> QuestionFlowError {
            let words = question.options.map(\.label).joined(separator: ", ")
            let shown = part.count > 40 ? String(part.prefix(40)) + "…" : part
            return .invalidAnswer(
                question: question.id,
                reason:
                    "\"\(shown)\" is not one of the choices. Answer with a number from 1 to \(question.options.count)"
                    + (multiple ? " (several: 1,3)" : "") + " or the words: \(words).")
        }
        for part in parts {
            if let value = match(part, in: question.options) {
                values.append(value)
                continue
            }
            let words = part.split(separator: " ").map(String.init)
            guard words.count > 1 else { throw reject(part) }
            for word in words {
                guard let value = match(word, in: question.options) else { throw reject(part) }
                values.append(value)
            }
        }
        var seen = Set<String>()
        values = values.filter { seen.insert($0).inserted }
        guard !values.isEmpty else { throw reject(text) }
        if !multiple && values.count > 1 {
            throw QuestionFlowError.invalidAnswer(
                question: question.id,
                reason: "Please pick just one: a number from 1 to \(question.options.count) or its words.")
        }
        return values
    }

    static func match(_ part: String, in options: [QuestionOption]) -> String? {
        if let number = Int(part) {
            return (1...max(options.count, 1)).contains(number) && !options.isEmpty ? options[number - 1].value : nil
        }
        let key = TextNormalizer.key(part)
        guard !key.isEmpty else { return nil }
        if let option = options.first(where: {
            TextNormalizer.key($0.label) == key || TextNormalizer.key($0.value) == key
        }) {
            return option.value
        }
        if let purpose = Purpose(word: part), let option = options.first(where: { $0.value == purpose.rawValue }) {
            return option.value
        }
        if ["any", "anything", "either", "no pref", "none", "all", "whatever", "dont mind", "don t mind"].contains(key),
            let option = options.first(where: { $0.value == QuestionCatalogue.noPreference })
        {
            return option.value
        }
        if key.count >= 3 {
            let prefixed = options.filter {
                TextNormalizer.key($0.label).hasPrefix(key)
                    || TextNormalizer.key($0.label).split(separator: " ").contains { $0.hasPrefix(key) }
            }
            if prefixed.count == 1 { return prefixed[0].value }
        }
        return nil
    }
}
