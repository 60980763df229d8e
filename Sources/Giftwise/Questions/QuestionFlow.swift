import Foundation

/// The question flow: asks about the recipient, one question at a time, and builds a
/// ``RecipientProfile``. A value-type state machine: the terminal and an app drive it the same way.
///
/// ```swift
/// var flow = QuestionFlow(catalog: catalog)
/// while let question = flow.currentQuestion {
///     print(question.prompt)
///     do { try flow.answer(readLine() ?? "") } catch { print(error.localizedDescription) }
/// }
/// let result = try flow.recommendations(limit: 5)
/// ```
///
/// The core questions come first — who it is for (only when recipients are saved), age,
/// interests, purpose, budget, anything to avoid — then at most ``maxFollowUps`` adaptive
/// follow-ups, each chosen because it splits the current good candidates well (information gain
/// of at least ``minimumInformationGain`` bits) and would change the top of the list. Asking stops
/// when ``enoughCandidates`` or fewer good gifts remain. Every question but the age can be skipped,
/// ``back()`` undoes the last step, and ``finish()`` ("show me now") works once the age is known.
public struct QuestionFlow: Sendable {
    /// The most adaptive follow-ups asked after the core questions.
    public static let maxFollowUps = 3
    /// A follow-up is asked only if its split of the candidates carries at least this many bits.
    public static let minimumInformationGain = 0.5
    /// With this many good candidates or fewer, no follow-up is asked.
    public static let enoughCandidates = 5

    /// Everything the answers so far determine; `back()` restores an earlier copy.
    struct State: Sendable {
        var ageMonths: Int?
        var interests: [String] = []
        var purposes: Set<Purpose> = []
        var budgetMax: Money?
        var budgetMin: Money?
        var excludedWords: [String] = []
        var steering = Critique()
        var recipient: SavedRecipient?
        /// Core questions answered, skipped, or known from a saved recipient.
        var settled: Set<QuestionID> = []
        var followUpsAsked: [String] = []
        var finished = false
        var current: Question?
        var answers: [QuestionAnswer] = []
        var notes: [String] = []
    }

    let catalog: GiftCatalog
    /// The saved recipients offered by "Who is it for?".
    public let recipients: [SavedRecipient]
    /// The day ages of saved recipients are computed for.
    public let today: Date
    var state = State()
    private var undoStack: [State] = []

    /// Starts a flow over `catalog`.
    /// - Parameters:
    ///   - recipients: saved recipients; when non-empty, "Who is it for?" is asked first.
    ///   - today: the day a saved recipient's age is computed for.
    public init(catalog: GiftCatalog, recipients: [SavedRecipient] = [], today: Date = Date()) {
        self.catalog = catalog
        self.recipients = recipients
        self.today = today
        state.current = coreQuestion(nextCoreID(in: state)!, in: state)
    }

    // MARK: Reading the state

    /// The question to answer now; `nil` once the flow is finished.
    public var currentQuestion: Question? { state.finished ? nil : state.current }

    /// Whether no more questions will be asked (all asked, or ``finish()`` was called).
    public var isFinished: Bool { state.finished }

    /// Every answered or skipped question, oldest first (what ``back()`` undoes).
    public var answers: [QuestionAnswer] { state.answers }

    /// Notes about the last answer: "did you mean …?", words matched as plain text, what a
    /// saved recipient filled in. Empty when there is nothing to say.
    public var lastAnswerNotes: [String] { state.notes }

    /// The saved recipient picked by "Who is it for?", if any.
    public var selectedRecipient: SavedRecipient? { state.recipient }

    /// How many adaptive follow-ups have been asked (answered or skipped).
    public var followUpCount: Int { state.followUpsAsked.count }

    /// Whether ``back()`` has anything to undo.
    public var canGoBack: Bool { !undoStack.isEmpty }

    /// The profile the answers describe; `nil` until the age is known.
    public var profile: RecipientProfile? {
        guard let months = state.ageMonths else { return nil }
        return RecipientProfile(ageMonths: months, interests: state.interests, purposes: state.purposes,
                                budgetMax: state.budgetMax, budgetMin: state.budgetMin,
                                excludedWords: state.excludedWords)
    }

    /// Steering from follow-up answers that a profile cannot hold ("outdoors" favours outdoor
    /// gifts, "indoors" leaves out gifts that are mainly for outdoors). Pass it to
    /// ``GiftCatalog/recommend(for:limit:history:critique:)``, as ``recommendations(limit:)`` does.
    public var steering: Critique { state.steering }

    /// How many good matches the current answers have (profile and ``steering``).
    /// - Throws: ``QuestionFlowError/ageRequired`` before the age is known; database errors.
    public func remainingCount() throws -> Int {
        guard let profile else { throw QuestionFlowError.ageRequired }
        if state.steering == Critique() {
            return try Matcher(catalog: catalog).goodMatchCount(for: profile)
        }
        let query = MatchQuery(profile: profile, history: .none, critique: state.steering,
                               taxonomy: catalog.taxonomy, weights: .default, semantic: catalog.semantic)
        return try catalog.database.read { db in try query.countGood(db) }
    }

    /// The recommendations for the answers so far.
    /// - Throws: ``QuestionFlowError/ageRequired`` before the age is known; database errors.
    public func recommendations(limit: Int = 5, history: HistorySignals = .none) throws -> Recommendations {
        guard let profile else { throw QuestionFlowError.ageRequired }
        return try catalog.recommend(for: profile, limit: limit, history: history, critique: state.steering)
    }

    // MARK: Driving the flow

    /// Answers the current question.
    ///
    /// Choices are answered by number or words ("2", "sporty", "crafty, fun", "1,3"); the age as
    /// "7", "7 years", "18 months" or "1.5"; the budget as "30", "$30", "20-40" or "no limit";
    /// interests and things to avoid as comma-separated text. An empty answer skips a skippable
    /// question.
    /// - Throws: ``QuestionFlowError/invalidAnswer(question:reason:)`` saying what is expected
    ///   (the flow is unchanged), ``QuestionFlowError/alreadyFinished``, or a database error.
    public mutating func answer(_ text: String) throws {
        guard !state.finished, let question = state.current else { throw QuestionFlowError.alreadyFinished }
        let trimmed = Self.clean(text)
        if trimmed.isEmpty {
            if question.canSkip { return try skip() }
            throw QuestionFlowError.invalidAnswer(question: question.id, reason: Self.emptyReason(question))
        }
        var next = state
        next.notes = []
        try apply(trimmed, to: question, state: &next)
        next.answers.append(QuestionAnswer(questionID: question.id, text: trimmed))
        try commit(next, after: question)
    }

    /// Skips the current question, keeping what is known.
    /// - Throws: ``QuestionFlowError/cannotSkip(question:)`` for the age;
    ///   ``QuestionFlowError/alreadyFinished``; database errors.
    public mutating func skip() throws {
        guard !state.finished, let question = state.current else { throw QuestionFlowError.alreadyFinished }
        guard question.canSkip else { throw QuestionFlowError.cannotSkip(question: question.id) }
        var next = state
        next.notes = []
        next.answers.append(QuestionAnswer(questionID: question.id, text: nil))
        try commit(next, after: question)
    }

    /// Goes back one step: undoes the last answer, skip or ``finish()``, and asks that question
    /// again. Does nothing at the first question.
    public mutating func back() {
        guard let previous = undoStack.popLast() else { return }
        state = previous
        state.notes = []
    }

    /// Stops asking ("show me now"). The profile keeps everything answered so far.
    /// - Throws: ``QuestionFlowError/ageRequired`` if the age is not known yet.
    public mutating func finish() throws {
        guard state.ageMonths != nil else { throw QuestionFlowError.ageRequired }
        guard !state.finished else { return }
        undoStack.append(state)
        state.finished = true
        state.notes = []
    }

    // MARK: Internals

    private mutating func commit(_ next: State, after question: QuestionID) throws {
        var next = next
        if question.isCore { next.settled.insert(question) } else if case .followUp(let key) = question {
            next.followUpsAsked.append(key)
        }
        try advance(&next)
        undoStack.append(state)
        state = next
    }

    private mutating func commit(_ next: State, after question: Question) throws {
        try commit(next, after: question.id)
    }

    /// Moves `state` to its next question, or finishes it.
    private func advance(_ state: inout State) throws {
        if let id = nextCoreID(in: state) {
            state.current = coreQuestion(id, in: state)
            return
        }
        if let followUp = try nextFollowUp(in: state) {
            state.current = followUp.question
        } else {
            state.current = nil
            state.finished = true
        }
    }

    func coreOrder() -> [QuestionID] {
        (recipients.isEmpty ? [] : [.recipient]) + [.age, .interests, .purpose, .budget, .avoid]
    }

    func nextCoreID(in state: State) -> QuestionID? {
        coreOrder().first { !state.settled.contains($0) }
    }

    private mutating func apply(_ text: String, to question: Question, state next: inout State) throws {
        switch question.id {
        case .recipient:
            let values = try Self.choices(text, for: question, multiple: false)
            if let name = values.first, name != Self.someoneNew,
               let saved = recipients.first(where: { $0.name == name }) {
                pick(saved, state: &next)
            }
        case .age:
            guard let months = Self.parseAge(text) else {
                throw QuestionFlowError.invalidAnswer(question: .age, reason: Self.ageReason)
            }
            next.ageMonths = months
        case .interests:
            try applyInterests(text, state: &next)
        case .purpose:
            let values = try Self.choices(text, for: question, multiple: true)
            next.purposes = values.contains(Self.noPreference) ? [] : Set(values.compactMap(Purpose.init(rawValue:)))
        case .budget:
            guard let budget = Self.parseBudget(text) else {
                throw QuestionFlowError.invalidAnswer(question: .budget, reason: Self.budgetReason)
            }
            if let min = budget.min, let max = budget.max, min > max {
                throw QuestionFlowError.invalidAnswer(
                    question: .budget, reason: "The lower amount is above the upper one: give the range as min-max, e.g. 20-40.")
            }
            next.budgetMin = budget.min
            next.budgetMax = budget.max
        case .avoid:
            let words = Self.avoidWords(text)
            if words.count == 1, Self.noneWords.contains(words[0].lowercased()) { return }
            guard !words.isEmpty else {
                throw QuestionFlowError.invalidAnswer(question: .avoid, reason: "Type words to avoid separated by commas (e.g. glitter, batteries), or skip.")
            }
            for word in words where !next.excludedWords.contains(where: { $0.caseInsensitiveCompare(word) == .orderedSame }) {
                next.excludedWords.append(word)
            }
        case .followUp(let key):
            try applyFollowUp(key: key, text: text, question: question, state: &next)
        }
    }

    /// Fills in what a saved recipient already tells us and settles those questions.
    private func pick(_ saved: SavedRecipient, state next: inout State) {
        next.recipient = saved
        var filled: [String] = []
        if let profile = saved.profile(on: today) {
            next.ageMonths = profile.ageMonths
            next.settled.insert(.age)
            filled.append(profile.ageDescription)
        }
        next.interests = saved.interests
        if !saved.interests.isEmpty { filled.append("into " + saved.interests.joined(separator: ", ")) }
        next.purposes = saved.purposes
        if !saved.purposes.isEmpty {
            next.settled.insert(.purpose)
            filled.append(saved.purposes.sorted().map(\.adjective).joined(separator: " or "))
        }
        next.budgetMax = saved.budgetMax
        next.budgetMin = saved.budgetMin
        if let max = saved.budgetMax {
            next.settled.insert(.budget)
            filled.append("up to " + max.formatted())
        }
        next.excludedWords = saved.excludedWords
        if !saved.excludedWords.isEmpty {
            next.settled.insert(.avoid)
            filled.append("avoiding " + saved.excludedWords.joined(separator: ", "))
        }
        if !filled.isEmpty {
            next.notes.append("From what I remember about \(saved.name): " + filled.joined(separator: "; ") + ".")
        }
    }

    private func applyInterests(_ text: String, state next: inout State) throws {
        let words = Self.list(text)
        if words.count == 1, Self.noneWords.contains(words[0].lowercased()) {
            return  // "nothing (new)": same as skipping
        }
        guard !words.isEmpty else {
            throw QuestionFlowError.invalidAnswer(
                question: .interests, reason: "Type what they enjoy, separated by commas (e.g. dinosaurs, drawing, football), or skip.")
        }
        let taxonomy = catalog.taxonomy
        var added: [String] = []
        for word in words {
            let known = Set(next.interests.map { taxonomy.resolve($0)?.id ?? TextNormalizer.key($0) })
            let resolved = taxonomy.resolve(word)
            guard !known.contains(resolved?.id ?? TextNormalizer.key(word)) else { continue }
            next.interests.append(word)
            added.append(word)
            if resolved == nil {
                let suggestions = taxonomy.suggestions(for: word).map(\.label)
                if suggestions.isEmpty {
                    next.notes.append("\"\(word)\" is not in the interest list; I'll look for it in gift names and descriptions.")
                } else {
                    next.notes.append("\"\(word)\" is not in the interest list — did you mean \(Self.orList(suggestions))? I'll look for \"\(word)\" as a plain word; go back to change it.")
                }
            }
        }
        if next.interests.count > Self.maxInterests {
            next.interests = Array(next.interests.prefix(Self.maxInterests))
            next.notes.append("I kept the first \(Self.maxInterests) interests.")
        }
    }

    // MARK: Questions

    static let someoneNew = "someone new"
    static let noPreference = "no preference"
    static let maxInterests = 12
    static let noneWords: Set<String> = ["none", "nothing", "no", "nope", "n/a", "na", "nothing new", "no thanks"]

    func coreQuestion(_ id: QuestionID, in state: State) -> Question {
        switch id {
        case .recipient:
            let options = recipients.map { saved -> QuestionOption in
                let age = saved.profile(on: today).map { " (\($0.ageDescription))" } ?? ""
                return QuestionOption(label: saved.name + age, value: saved.name)
            } + [QuestionOption(label: Self.someoneNew, value: Self.someoneNew)]
            return Question(id: .recipient, prompt: "Who is it for?", kind: .singleChoice, options: options, canSkip: true,
                            help: "Pick someone you saved (their age, interests and budget are filled in), or \"someone new\". Answer with the number or the name.")
        case .age:
            return Question(id: .age, prompt: "How old are they?", kind: .number, canSkip: false,
                            help: "Their age in years (7, 1.5) or months (18 months). It can't be skipped: every gift is chosen within its age range, for safety.")
        case .interests:
            if !state.interests.isEmpty {
                return Question(id: .interests, prompt: "Anything new they're into? (I have: \(state.interests.joined(separator: ", ")))",
                                kind: .freeText, canSkip: true,
                                help: "Add interests separated by commas, or skip to keep these.")
            }
            return Question(id: .interests, prompt: "What do they enjoy? (comma-separated, e.g. dinosaurs, drawing, football)",
                            kind: .freeText, canSkip: true,
                            help: "Hobbies, favourite things, what they talk about: \"space, lego\", \"baking\", \"k-pop\". Words I don't know are matched in gift names and descriptions.")
        case .purpose:
            return Question(id: .purpose, prompt: "What should the gift be for?", kind: .multipleChoice,
                            options: [QuestionOption(label: "educational", value: Purpose.educational.rawValue),
                                      QuestionOption(label: "crafty", value: Purpose.crafty.rawValue),
                                      QuestionOption(label: "sporty", value: Purpose.sporty.rawValue),
                                      QuestionOption(label: "just for fun", value: Purpose.fun.rawValue),
                                      QuestionOption(label: Self.noPreference, value: Self.noPreference)],
                            canSkip: true,
                            help: "One or more, by number or word: \"2\", \"crafty, fun\", \"1,3\". Skip or \"no preference\" for any.")
        case .budget:
            return Question(id: .budget, prompt: "What's your budget?", kind: .freeText, canSkip: true,
                            help: "The most to spend (30 or $30), a range (20-40), or \"no limit\". Nothing above it is ever suggested.")
        case .avoid:
            return Question(id: .avoid, prompt: "Anything to avoid? (e.g. glitter, batteries, things they own)", kind: .freeText, canSkip: true,
                            help: "Words separated by commas; gifts whose name, description or tags mention them are left out. Skip if nothing.")
        case .followUp:
            preconditionFailure("follow-ups are built by nextFollowUp")
        }
    }

    // MARK: Parsing answers

    /// Trims, turns control characters into spaces and caps the length of an answer.
    static func clean(_ text: String) -> String {
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

    static func emptyReason(_ question: Question) -> String {
        question.id == .age ? ageReason : "Please type an answer."
    }

    static let ageReason = "Please give an age in years between 0 and 120, e.g. 7 or 1.5 (or in months: 18 months)."
    static let budgetReason = "Please give a budget as an amount (30 or $30), a range (20-40), or \"no limit\"."

    /// Comma- or semicolon-separated items, trimmed, each at most 80 characters, at most 20.
    static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "\n" })
            .map { String($0.trimmingCharacters(in: .whitespaces).prefix(80)).trimmingCharacters(in: .whitespaces) }
            .filter { $0.contains(where: { $0.isLetter || $0.isNumber }) }
            .prefix(20).map { $0 }
    }

    /// What to avoid, the way people say it: "no slime, nothing with batteries or glitter" →
    /// slime, batteries, glitter.
    static func avoidWords(_ text: String) -> [String] {
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

    static func orList(_ words: [String]) -> String {
        words.count <= 1 ? words.joined() : words.dropLast().joined(separator: ", ") + " or " + words.last!
    }

    /// Age in months from "7", "7 years", "7yo", "18 months", "1.5", "6 weeks", "newborn".
    static func parseAge(_ text: String) -> Int? {
        var rest = text.lowercased().trimmingCharacters(in: .whitespaces)
        if ["newborn", "baby", "new born"].contains(rest) { return 0 }
        for prefix in ["about ", "around ", "aged ", "age ", "almost ", "nearly ", "~"] where rest.hasPrefix(prefix) {
            rest = String(rest.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
        }
        let numberPart = rest.prefix { $0.isASCII && ($0.isNumber || $0 == "." || $0 == ",") }
        guard !numberPart.isEmpty, numberPart.count <= 8,
              let value = Double(numberPart.replacingOccurrences(of: ",", with: ".")), value.isFinite else { return nil }
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
    static func parseBudget(_ text: String) -> (min: Money?, max: Money?)? {
        var rest = text.lowercased().trimmingCharacters(in: .whitespaces)
        let unlimited: Set<String> = ["no limit", "none", "no budget", "unlimited", "any", "anything", "no", "whatever",
                                      "no max", "no maximum", "doesn't matter", "does not matter", "n/a", "limitless", "nolimit"]
        if unlimited.contains(rest) { return (nil, nil) }
        for word in ["usd", "dollars", "dollar", "bucks", "eur", "euros", "euro", "gbp", "pounds", "$", "£", "€"] {
            rest = rest.replacingOccurrences(of: word, with: " ")
        }
        rest = rest.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces)
        var atLeast = false
        for prefix in ["under", "up to", "upto", "max", "maximum", "below", "less than", "at most", "about", "around", "~", "<=", "<"]
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
            guard !trimmed.isEmpty, trimmed.count <= 15, trimmed.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
                  let value = Double(trimmed), value.isFinite, value >= 0, value <= 1_000_000_000 else { return nil }
            return Money(value)
        }
        for separator in ["-", "–", "—", " to ", ".."] where rest.contains(separator) {
            let parts = rest.components(separatedBy: separator)
            guard parts.count == 2, let low = amount(parts[0]), let high = amount(parts[1]), high.minorUnits > 0 else { return nil }
            return (low.minorUnits > 0 ? low : nil, high)
        }
        guard let value = amount(rest) else { return nil }
        if atLeast { return (value, nil) }
        guard value.minorUnits > 0 else { return nil }
        return (nil, value)
    }

    /// The option values an answer picks: by number ("2", "1,3") or words ("crafty, fun").
    static func choices(_ text: String, for question: Question, multiple: Bool) throws -> [String] {
        var normalized = " " + text.lowercased() + " "
        for separator in [" and ", " or ", "&", "+", "/", ";"] {
            normalized = normalized.replacingOccurrences(of: separator, with: ",")
        }
        let parts = normalized.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var values: [String] = []
        func reject(_ part: String) -> QuestionFlowError {
            let words = question.options.map(\.label).joined(separator: ", ")
            let shown = part.count > 40 ? String(part.prefix(40)) + "…" : part
            return .invalidAnswer(question: question.id,
                                  reason: "\"\(shown)\" is not one of the choices. Answer with a number from 1 to \(question.options.count)"
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
            throw QuestionFlowError.invalidAnswer(question: question.id, reason: "Please pick just one: a number from 1 to \(question.options.count) or its words.")
        }
        return values
    }

    private static func match(_ part: String, in options: [QuestionOption]) -> String? {
        if let number = Int(part) {
            return (1...max(options.count, 1)).contains(number) && !options.isEmpty ? options[number - 1].value : nil
        }
        let key = TextNormalizer.key(part)
        guard !key.isEmpty else { return nil }
        if let option = options.first(where: { TextNormalizer.key($0.label) == key || TextNormalizer.key($0.value) == key }) {
            return option.value
        }
        if let purpose = Purpose(word: part), let option = options.first(where: { $0.value == purpose.rawValue }) {
            return option.value
        }
        if ["any", "anything", "either", "no pref", "none", "all", "whatever", "dont mind", "don t mind"].contains(key),
           let option = options.first(where: { $0.value == noPreference }) {
            return option.value
        }
        if key.count >= 3 {
            let prefixed = options.filter { TextNormalizer.key($0.label).hasPrefix(key) || TextNormalizer.key($0.label).split(separator: " ").contains { $0.hasPrefix(key) } }
            if prefixed.count == 1 { return prefixed[0].value }
        }
        return nil
    }
}
