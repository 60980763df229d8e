import Foundation

/// The whole conversation the terminal has with a person: the questions, then the list and its
/// refinements. Each line they type goes to ``respond(to:in:)`` exactly as typed ("7",
/// "dinosaurs, drawing", "skip", "back", "done", "cheaper", "more like 2", "try 1",
/// "change answers", "start over").
///
/// It is a `Codable` value holding no catalog, and ``replaying(_:in:recipients:today:limit:)``
/// rebuilds it from the lines typed so far, which is how a stateless server resumes it.
public struct GiftConversation: Sendable, Codable, Equatable {
    /// The questions.
    public private(set) var flow: QuestionFlow
    /// The list and its refinements, once the questions are over.
    public private(set) var refining: RefineSession?
    /// How many gifts a list shows at first.
    public let limit: Int
    /// Notes about the last line: "did you mean …?", "Budget now up to $15.".
    public private(set) var notes: [String] = []
    /// Whether the question asked is one answer being changed after the list: once answered,
    /// the list comes back, with no follow-up asked first.
    private var changingOneAnswer = false
    /// What the person changed after the list (suggested changes tried, gifts and kinds set
    /// aside or favoured) while one answer is changed: the list that comes back keeps it, except
    /// what that answer now says (a trial's `change budget` threw away a `try 1`).
    private var carried: Carried?
    private struct Carried: Sendable, Codable, Equatable {
        var critique: Critique
        var change: ProfileChanges

        /// What was changed after the list: the list's profile against the answers' (a tried
        /// suggestion, `cheaper`, `more crafty`), and its critique; none of it about `answer`
        /// beyond what still fits (gifts set aside stay aside; a kind favoured for other
        /// interests does not: a trial's felt-tip pens stayed "like" the pick after "horses").
        init(_ refining: RefineSession, answers: RecipientProfile?, answer: QuestionID) {
            let refined = refining.profile
            var change = ProfileChanges()
            if refined.budgetMax != answers?.budgetMax, answer != .budget {
                (change.budget, change.currency) = (refined.budgetMax, refined.currency)
            }
            if refined.budgetMin == nil, answers?.budgetMin != nil, answer != .budget { change.dropBudgetMin = true }
            if refined.purposes != answers?.purposes, answer != .purpose { change.purposes = refined.purposes.sorted() }
            if refined.interests != answers?.interests, answer != .interests { change.interests = refined.interests }
            if refined.excludedWords != answers?.excludedWords, answer != .avoid {
                change.exclude = refined.excludedWords
            }
            critique = refining.critique
            if answer == .interests { (critique.favouredInterests, critique.favouredLike) = ([], nil) }
            self.change = change
        }
    }

    /// What became of a line.
    public enum Reply: Sendable, Equatable {
        /// Taken: ask ``currentQuestion`` next, or show ``results`` when the questions are over.
        case accepted
        /// Not taken; the reason says what to do instead. Nothing changed.
        case rejected(String)
        /// They asked for help: the explanation of the current question or of the refinements.
        case help(String)
        /// Nothing to do (an empty line after the list).
        case ignored
        /// They started over: a fresh flow.
        case startedOver
    }

    /// Starts a conversation.
    /// - Parameters:
    ///   - recipients: saved recipients; when non-empty, "Who is it for?" is asked first.
    ///   - today: the day saved recipients' ages are computed for.
    ///   - limit: how many gifts a list shows at first (1–100).
    public init(recipients: [SavedRecipient] = [], today: Date = Date(), limit: Int = 5) {
        self.flow = QuestionFlow(recipients: recipients, today: today)
        self.limit = max(1, min(limit, RefineSession.maxLimit))
    }

    /// The question to answer now; `nil` while the list is shown.
    public var currentQuestion: Question? { refining == nil ? flow.currentQuestion : nil }

    /// The list shown, once the questions are over.
    public var results: Recommendations? { refining?.result }

    /// The profile so far (refinements applied); `nil` until the age is known.
    public var profile: RecipientProfile? { refining?.profile ?? flow.profile }

    /// The lines as accepted (rejected lines and undone steps left out): replaying them with
    /// ``replaying(_:in:recipients:today:limit:)`` gives this conversation again.
    public var acceptedInputs: [String] { flow.acceptedInputs + (refining?.acceptedInputs ?? []) }

    /// The live count: how many good gifts the answers so far leave; `nil` before the age is known.
    public func remainingCount(in catalog: GiftCatalog) throws -> Int? {
        try remainingCount(CatalogReader(catalog))
    }

    func remainingCount(_ reader: CatalogReader) throws -> Int? {
        if let results { return results.goodMatchCount }
        guard flow.profile != nil else { return nil }
        return try flow.remainingCount(reader)
    }

    /// Takes one line as typed.
    /// - Throws: only database errors; a line that cannot be used is a ``Reply/rejected(_:)``.
    public mutating func respond(to line: String, in catalog: GiftCatalog) throws -> Reply {
        try respond(to: line, CatalogReader(catalog))
    }

    /// Ends the questions and shows the list ("done", or the end of piped input).
    /// - Throws: ``QuestionFlowError/ageRequired`` before the age is known.
    public mutating func showResults(in catalog: GiftCatalog) throws {
        try showResults(CatalogReader(catalog))
    }

    /// Rebuilds a conversation from the lines typed so far, as the terminal would have taken them.
    /// - Returns: the conversation and the reply to the last line (`nil` when there were none).
    public static func replaying(
        _ lines: [String], in catalog: GiftCatalog, recipients: [SavedRecipient] = [],
        today: Date = Date(), limit: Int = 5
    ) throws -> (conversation: GiftConversation, lastReply: Reply?) {
        try replaying(lines, CatalogReader(catalog), recipients: recipients, today: today, limit: limit)
    }

    static func replaying(
        _ lines: [String], _ reader: CatalogReader, recipients: [SavedRecipient], today: Date,
        limit: Int
    ) throws -> (conversation: GiftConversation, lastReply: Reply?) {
        var conversation = GiftConversation(recipients: recipients, today: today, limit: limit)
        var reply: Reply?
        for line in lines { reply = try conversation.respond(to: line, reader) }
        return (conversation, reply)
    }

    static let doneWords: Set<String> = ["done", "show me", "show me now", "go", "that's it", "thats it"]
    static let startOverWords: Set<String> = ["start over", "restart", "again", "start again"]
    static let changeAnswersWords: Set<String> = [
        "change answers", "change my answers", "change answer", "edit answers",
    ]
    static let helpWords: Set<String> = ["?", "help", "h"]

    /// The question "change budget", "change the age", "change what they enjoy" names, if any.
    static func answerToChange(_ command: String) -> QuestionID? {
        guard command.hasPrefix("change ") else { return nil }
        var rest = String(command.dropFirst("change ".count))
        for filler in ["the ", "my ", "their "] where rest.hasPrefix(filler) {
            rest = String(rest.dropFirst(filler.count))
        }
        switch rest {
        case "age", "their age": return .age
        case "interests", "interest", "what they enjoy", "what they like", "likes", "hobbies": return .interests
        case "purpose", "what it is for", "what the gift is for": return .purpose
        case "budget", "price", "the price", "money": return .budget
        case "avoid", "what to avoid", "exclusions", "dislikes": return .avoid
        default: return nil
        }
    }

    mutating func respond(to line: String, _ reader: CatalogReader) throws -> Reply {
        let command = RefineSession.normalized(line)
        if Self.startOverWords.contains(command) {
            self = GiftConversation(recipients: flow.recipients, today: flow.today, limit: limit)
            return .startedOver
        }
        if var refining {
            notes = []
            if Self.helpWords.contains(command) { return .help(RefineSession.help) }
            if command.isEmpty { return .ignored }
            // `back` with no refinement left to undo goes where a person expects: to the last
            // question (a trial's "There is no refinement to undo" read as a dead end).
            let backToQuestions = ["back", "b"].contains(command) && !refining.canUndo
            // "change budget": that question again, every other answer kept.
            if let id = Self.answerToChange(command) {
                reopen(id, after: refining)
                notes = ["Changing only that answer; the others are kept (type `back` to keep it as it was)."]
                return .accepted
            }
            if Self.changeAnswersWords.contains(command) || backToQuestions {
                carried = nil
                self.refining = nil
                flow.back()
                notes = [
                    backToQuestions
                        ? "Back to the questions; your other answers are kept."
                        : "Back to the questions. To change one answer and keep the rest, type `change age`, "
                            + "`change interests`, `change purpose`, `change budget` or `change avoid` after the list."
                ]
                return .accepted
            }
            switch try refining.apply(line, reader) {
            case .applied:
                notes = refining.notes
                self.refining = refining
                return .accepted
            case .rejected(let reason):
                return .rejected(reason)
            case .notUnderstood:
                // "actually she's more into horses": what they enjoy, said again after the list.
                if let (said, adding) = AnswerParser.secondThoughts(AnswerParser.clean(line)) {
                    let interests = try QuestionFlow.splittingInterests(said, reader)
                    var wished = adding ? flow.state.interests : []
                    for interest in interests where !wished.contains(interest) { wished.append(interest) }
                    // "gone off drawing, it's all horses now": drawing is avoided, not only dropped
                    // (a trial's list for horses then opened with a horse pencil set).
                    let avoided = QuestionFlow.avoidedOnSecondThoughts(
                        AnswerParser.clean(line), besides: flow.state.interests
                    ).filter { word in
                        !flow.state.excludedWords.contains { $0.caseInsensitiveCompare(word) == .orderedSame }
                    }
                    wished.removeAll { wish in avoided.contains { $0.caseInsensitiveCompare(wish) == .orderedSame } }
                    flow.state.interests = Array(wished.prefix(QuestionCatalogue.maxInterests))
                    flow.state.excludedWords += avoided
                    self.refining = nil
                    try startResults(reader)
                    notes = [
                        (adding ? "Also looking for " : "Looking for ")
                            + AnswerParser.orList(interests.map { "\"\($0)\"" }).replacingOccurrences(
                                of: " or ", with: " and ")
                            + (avoided.isEmpty
                                ? "" : ", avoiding " + AnswerParser.orList(avoided.map { "\"\($0)\"" }))
                            + " now (type `change answers` to go back to the questions)."
                    ]
                    return .accepted
                }
                // "£20" typed after the list: the budget, as `change budget` then "£20" sets it.
                if AnswerParser.saysABudget(AnswerParser.clean(line)) {
                    reopen(.budget, after: refining)
                    return try respond(to: line, reader)
                }
                // A trial typed what they enjoy after a list with nothing in it and was told only
                // that it was not understood.
                return .rejected(
                    "I didn't understand \"\(String(AnswerParser.clean(line).prefix(60)))\". "
                        + "To change one answer, type `change interests` (or age, budget, purpose, avoid); "
                        + "`?` lists everything.")
            }
        }
        guard let question = flow.currentQuestion else {
            try showResults(reader)
            return .accepted
        }
        notes = []
        do {
            switch command {
            case _ where Self.helpWords.contains(command):
                return .help(question.help)
            case "back", "b":
                guard flow.canGoBack else { return .rejected("This is the first question.") }
                flow.back()
                notes = flow.lastAnswerNotes
                return .accepted
            case _ where Self.doneWords.contains(command):
                try flow.finish()
            case _ where Self.answerToChange(command) != nil && flow.profile != nil:
                // "change budget" typed at a later question: that one again, then on.
                flow.reopen(Self.answerToChange(command)!)
                notes = ["Changing only that answer; the others are kept (type `back` to keep it as it was)."]
                return .accepted
            case "skip", "s":
                try flow.skip(reader)
            default:
                try flow.answer(line, reader)
            }
        } catch let error as QuestionFlowError {
            return .rejected(error.localizedDescription)
        }
        notes = flow.lastAnswerNotes
        if question.id == .recipient, let recipient = flow.selectedRecipient {
            notes += try historyNotes(for: recipient, reader)
        }
        if changingOneAnswer, !flow.isFinished, case .followUp = flow.currentQuestion?.id {
            try flow.finish()
        }
        if flow.isFinished {
            changingOneAnswer = false
            try startResults(reader)
        }
        return .accepted
    }

    /// Asks one answer again after the list, keeping what was changed after it.
    private mutating func reopen(_ id: QuestionID, after refining: RefineSession) {
        carried = Carried(refining, answers: flow.profile, answer: id)
        self.refining = nil
        flow.reopen(id)
        changingOneAnswer = true
    }

    /// Whether `text` is something the conversation takes as a command rather than an answer
    /// ("done", "cheaper", "try 2", "change age", "start over"): never a name to save.
    package static func isCommand(_ text: String) -> Bool {
        let command = RefineSession.normalized(text)
        return doneWords.contains(command) || helpWords.contains(command) || startOverWords.contains(command)
            || changeAnswersWords.contains(command) || answerToChange(command) != nil
            || ["more", "back", "undo"].contains(command)
            || RefineSession.relaxationNumber(command) != nil || Refinement(parsing: command) != nil
    }

    mutating func showResults(_ reader: CatalogReader) throws {
        guard refining == nil else { return }
        if !flow.isFinished { try flow.finish() }
        try startResults(reader)
    }

    /// "Given before: the Dino Kit (loved, this month); the Puzzle (in 2024). Never suggested again."
    private func historyNotes(for recipient: SavedRecipient, _ reader: CatalogReader) throws -> [String] {
        let gifts = try reader.read { db in try RecipientBook.gifts(db, recipientID: recipient.id) }
        guard !gifts.isEmpty else { return [] }
        let shown = gifts.reversed().prefix(5).map { gift -> String in
            let when = RecipientBook.whenText(gift.date, now: flow.today)
            return "the \(gift.productName) (" + (gift.outcome.map { "\($0.rawValue), " } ?? "") + when + ")"
        }
        let more = gifts.count > 5 ? " and \(gifts.count - 5) more" : ""
        return [
            "Given to \(recipient.name) before: " + shown.joined(separator: "; ") + more
                + ". None of these is suggested again; loved and returned ones steer the list."
        ]
    }

    private mutating func startResults(_ reader: CatalogReader) throws {
        guard let profile = flow.profile else { throw QuestionFlowError.ageRequired }
        var history = HistorySignals.none
        if let recipient = flow.selectedRecipient {
            let gifts = try reader.read { db in try RecipientBook.gifts(db, recipientID: recipient.id) }
            history = RecipientBook.historySignals(from: gifts, now: flow.today)
        }
        if let carried {
            self.carried = nil
            refining = try RefineSession(
                profile: carried.change.applied(to: profile), critique: carried.critique, history: history,
                limit: limit, reader)
            if carried.change.count > 0 || carried.critique != flow.steering {
                notes.append("What you changed after the list is kept.")
            }
            return
        }
        refining = try RefineSession(profile: profile, critique: flow.steering, history: history, limit: limit, reader)
    }
}
