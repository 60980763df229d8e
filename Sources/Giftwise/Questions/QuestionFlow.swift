import Foundation
import GRDB

/// The question flow: asks about the recipient, one question at a time, and builds a
/// ``RecipientProfile``. A value-type state machine that holds no catalog: the calls that need one
/// take it as a parameter, and the state is `Codable`, so a stateless server can resume a flow on
/// any replica (or rebuild it from the answers given, see ``GiftConversation``).
///
/// ```swift
/// var flow = QuestionFlow()
/// while let question = flow.currentQuestion {
///     print(question.prompt)
///     do { try flow.answer(readLine() ?? "", in: catalog) } catch { print(error.localizedDescription) }
/// }
/// let result = try flow.recommendations(in: catalog, limit: 5)
/// ```
///
/// The core questions come first — who it is for (only when recipients are saved), age,
/// interests, purpose, budget, anything to avoid — then at most three adaptive follow-ups, each
/// chosen because it splits the current good candidates well (information gain of at least half a
/// bit) and would change the top of the list. Asking stops when five or fewer good gifts remain.
/// Every question but the age can be skipped, ``back()`` undoes the last step, and ``finish()``
/// ("show me now") works once the age is known.
public struct QuestionFlow: Sendable, Codable, Equatable {
    /// The most adaptive follow-ups asked after the core questions.
    package static let maxFollowUps = 3
    /// A follow-up is asked only if its split of the candidates carries at least this many bits.
    package static let minimumInformationGain = 0.5
    /// With this many good candidates or fewer, no follow-up is asked.
    package static let enoughCandidates = 5

    /// Everything the answers so far determine; `back()` restores an earlier copy.
    struct State: Sendable, Codable, Equatable {
        var ageMonths: Int?
        var interests: [String] = []
        var purposes: Set<Purpose> = []
        var budgetMax: Money?
        var budgetMin: Money?
        /// The currency the budget named ("£30"); `nil`: the catalog's main currency.
        var budgetCurrency: String?
        var excludedWords: [String] = []
        var steering = Critique()
        var recipient: SavedRecipient?
        /// Core questions answered, skipped, or known from a saved recipient.
        var settled: Set<QuestionID> = []
        var followUpsAsked: [FollowUpKey] = []
        var finished = false
        var current: Question?
        var answers: [QuestionAnswer] = []
        var notes: [String] = []
        /// The inputs that led here, as accepted: replaying them rebuilds this state.
        var accepted: [String] = []
        /// Good matches for these answers, counted when the state was reached (`nil` before the age).
        var remaining: Int?
    }

    /// The saved recipients offered by "Who is it for?".
    public let recipients: [SavedRecipient]
    /// The day ages of saved recipients are computed for.
    public let today: Date
    var state = State()
    private var undoStack: [State] = []

    /// Starts a flow.
    /// - Parameters:
    ///   - recipients: saved recipients; when non-empty, "Who is it for?" is asked first.
    ///   - today: the day a saved recipient's age is computed for.
    public init(recipients: [SavedRecipient] = [], today: Date = Date()) {
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

    /// The inputs that brought the flow here, as accepted (answers as cleaned, `skip`, `done`;
    /// rejected answers and undone steps left out). Replaying them gives the same flow.
    public var acceptedInputs: [String] { state.accepted }

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
    public var profile: RecipientProfile? { Self.profile(of: state) }

    /// Steering from follow-up answers that a profile cannot hold ("outdoors" favours outdoor
    /// gifts, "indoors" leaves out gifts that are mainly for outdoors). Pass it to
    /// `GiftCatalog.recommend(for:limit:history:critique:)`, as ``recommendations(in:limit:history:)`` does.
    public var steering: Critique { state.steering }

    /// How many good matches the current answers have (profile and ``steering``).
    /// - Throws: ``QuestionFlowError/ageRequired`` before the age is known; database errors.
    public func remainingCount(in catalog: GiftCatalog) throws -> Int {
        try remainingCount(CatalogReader(catalog))
    }

    func remainingCount(_ reader: CatalogReader) throws -> Int {
        guard let profile else { throw QuestionFlowError.ageRequired }
        if let remaining = state.remaining { return remaining }
        return try reader.goodMatchCount(for: profile, critique: state.steering)
    }

    /// The recommendations for the answers so far.
    /// - Throws: ``QuestionFlowError/ageRequired`` before the age is known; database errors.
    public func recommendations(in catalog: GiftCatalog, limit: Int = 5, history: HistorySignals = .none) throws
        -> Recommendations
    {
        guard let profile else { throw QuestionFlowError.ageRequired }
        return try catalog.recommend(for: profile, limit: limit, history: history, critique: state.steering)
    }

    // MARK: Driving the flow

    /// Answers the current question.
    ///
    /// Choices are answered by number, words or value ("2", "sporty", "crafty, fun", "1,3"); the
    /// age as "7", "7 years", "18 months" or "1.5"; the budget as "30", "$30", "20-40" or
    /// "no limit"; interests and things to avoid as comma-separated text. An empty answer skips a
    /// skippable question.
    /// - Parameters:
    ///   - text: the answer as typed.
    ///   - catalog: the catalog the next question is chosen for.
    /// - Throws: ``QuestionFlowError/invalidAnswer(question:reason:)`` saying what is expected
    ///   (the flow is unchanged), ``QuestionFlowError/alreadyFinished``, or a database error.
    public mutating func answer(_ text: String, in catalog: GiftCatalog) throws {
        try answer(text, CatalogReader(catalog))
    }

    /// Answers a choice question with option values (``QuestionOption/value``), as an app's
    /// buttons do.
    /// - Throws: ``QuestionFlowError/invalidAnswer(question:reason:)`` when a value is not one of
    ///   the current question's options, or the question is not a choice.
    public mutating func answer(choosing values: [String], in catalog: GiftCatalog) throws {
        guard !state.finished, let question = state.current else { throw QuestionFlowError.alreadyFinished }
        let known = Set(question.options.map(\.value))
        guard !question.options.isEmpty, !values.isEmpty, values.allSatisfy(known.contains),
            question.kind == .multipleChoice || values.count == 1
        else {
            throw QuestionFlowError.invalidAnswer(
                question: question.id,
                reason: "Choose \(question.kind == .multipleChoice ? "one or more" : "one") of: "
                    + question.options.map(\.value).joined(separator: ", ") + ".")
        }
        try answer(values.joined(separator: ", "), CatalogReader(catalog))
    }

    mutating func answer(_ text: String, _ reader: CatalogReader) throws {
        guard !state.finished, let question = state.current else { throw QuestionFlowError.alreadyFinished }
        let trimmed = AnswerParser.clean(text)
        // "dunno", "not sure": no answer, as skipping is (the age must be answered).
        if trimmed.isEmpty
            || (question.canSkip
                && (AnswerParser.isDontKnow(trimmed) || AnswerParser.meansEither(trimmed, for: question)))
        {
            if question.canSkip { return try skip(reader) }
            throw QuestionFlowError.invalidAnswer(question: question.id, reason: AnswerParser.emptyReason(question))
        }
        // "not sure" at the age: a guess will do, and why it is asked (a trial was told only how
        // to type an age).
        if question.id == .age, AnswerParser.isDontKnow(trimmed) {
            throw QuestionFlowError.invalidAnswer(question: .age, reason: AnswerParser.ageGuessReason)
        }
        var next = state
        next.notes = []
        // "something fun, under 20 quid" at the purpose question, "dinosaurs and space, under £20"
        // at the interests question, say both, and both are taken (a trial's "fun" was lost to
        // the budget, and the question asked again). A gift with nothing named ("a present under
        // 15 quid") is the budget alone, taken below.
        var taken = trimmed
        if [.interests, .purpose].contains(question.id), !state.settled.contains(.budget),
            let (said, budget) = Self.answerBesideBudget(trimmed, bare: question.id == .interests)
        {
            if said.isEmpty {
                taken = budget
            } else if let both = bothAnswers(said, budget: budget, whole: trimmed, at: question, next, reader) {
                try commit(both, after: .budget, reader)
                return
            }
        }
        // A budget said before it is asked ("about £20" at the purpose question) is the budget;
        // the question they skipped over is asked again.
        // So is what the gift is for, said as the kind of gift ("something fun", "anything
        // educational" at the interests question: a trial's "something fun" was looked for in
        // gift names, and nothing fitted).
        let earlyPurpose = self.earlyPurpose(taken, at: question.id, state: state)
        let answered =
            Self.isEarlyBudget(taken, at: question.id, state: state)
            ? coreQuestion(.budget, in: state) : earlyPurpose == nil ? question : coreQuestion(.purpose, in: state)
        do {
            try apply(earlyPurpose ?? taken, to: answered, state: &next, reader)
            if earlyPurpose != nil { next.sayPurposeRead() }
        } catch QuestionFlowError.invalidAnswer(let id, let reason) {
            // "actually star wars, not ninjago" at the purpose question: what they enjoy, said
            // again, changes the interests; the question is asked again ("actually educational"
            // is the choice).
            guard [.purpose, .budget, .avoid].contains(question.id), state.settled.contains(.interests),
                let change = AnswerParser.secondThoughts(trimmed, openerSuffices: true)
            else { throw QuestionFlowError.invalidAnswer(question: id, reason: reason) }
            let plain = AnswerParser.withoutOpener(trimmed)
            var chosen = state
            chosen.notes = []
            if plain != trimmed, (try? apply(plain, to: answered, state: &chosen, reader)) != nil {
                chosen.answers.append(QuestionAnswer(questionID: answered.id, text: trimmed))
                chosen.accepted.append(trimmed)
                try commit(chosen, after: answered.id, reader)
                return
            }
            next = state
            next.notes = []
            let avoided = Self.avoidedOnSecondThoughts(trimmed, besides: state.interests)
            if !change.adding { next.interests = [] }
            let avoidedKeys = Set(avoided.map(TextNormalizer.key))
            next.interests.removeAll { avoidedKeys.contains(TextNormalizer.key($0)) }
            try applyInterests(
                change.interests.joined(separator: ", ")
                    + (avoided.isEmpty ? "" : ", but not " + avoided.joined(separator: ", ")), state: &next, reader)
            next.notes.insert(
                "Changed what they enjoy to \(next.interests.joined(separator: ", ")) (type `back` to undo).", at: 0)
            next.answers.append(QuestionAnswer(questionID: .interests, text: trimmed))
            next.accepted.append(trimmed)
            try commit(next, after: .interests, reader)
            return
        }
        next.answers.append(QuestionAnswer(questionID: answered.id, text: trimmed))
        next.accepted.append(trimmed)
        try commit(next, after: answered.id, reader)
    }

    /// The label of the shop's own tag that `typed` names (one the taxonomy does not hold), if any.
    static func shopLabel(of typed: String, _ reader: CatalogReader) throws -> String? {
        let tag = MatchQuery.freeTag(TextNormalizer.tokens(typed), isAName: false)
        return try reader.read { try CatalogDatabase.freeTagLabels($0, ids: [tag])[tag] }
    }

    static func shopLabelNote(_ typed: String, _ label: String) -> String {
        "Looking for \"\(typed)\" among the gifts this shop files as \(label), and in their names."
    }

    /// What an answer given on second thoughts asks to avoid: what it says they dislike, except an
    /// interest they named before and now only take back ("actually star wars, not ninjago": dropped,
    /// not avoided; they did not say they dislike it). One they turned away from is avoided all the
    /// same ("actually she's gone off drawing, it's all horses now"), at a question or on the list.
    static func avoidedOnSecondThoughts(_ text: String, besides earlier: [String]) -> [String] {
        let before = Set(earlier.map(TextNormalizer.key))
        let turnedAway = Set(AnswerParser.turnedAwayFrom(text).map(TextNormalizer.key))
        return AnswerParser.dislikes(text).avoided.filter {
            !before.contains(TextNormalizer.key($0)) || turnedAway.contains(TextNormalizer.key($0))
        }
    }

    /// The purpose an answer at the interests question names as the kind of gift ("something
    /// fun", "anything educational"), in the purpose question's words, before the purpose is
    /// settled; nil for anything else ("something musical" is what they enjoy).
    func earlyPurpose(_ text: String, at question: QuestionID, state: State) -> String? {
        guard question == .interests, !state.settled.contains(.purpose) else { return nil }
        return Self.purposeWords(text, coreQuestion(.purpose, in: state))?.words
    }

    /// What the gift is for, when `text` says only that as the kind of gift ("something fun",
    /// "anything crafty or sporty"); `recommend` reads a wish so, as the flow does.
    static func purposesSaid(_ text: String) -> Set<Purpose>? {
        purposeWords(text, QuestionCatalogue.question(.purpose, recipients: [], today: Date(), knownInterests: []))?
            .purposes
    }

    /// The purpose question's answer inside "something fun" ("fun") and what it chooses, if that
    /// is all `text` says. The question is built only for a text that opens so (every query
    /// reads its wishes).
    private static func purposeWords(_ text: String, _ question: @autoclosure () -> Question)
        -> (words: String, purposes: Set<Purpose>)?
    {
        let lowered = text.lowercased()
        guard
            let opener = ["something ", "anything ", "a gift that's ", "a present that's "].first(
                where: lowered.hasPrefix)
        else { return nil }
        let words = String(text.dropFirst(opener.count))
        guard let values = try? AnswerParser.choices(words, for: question(), multiple: true),
            !values.isEmpty, !values.contains(QuestionCatalogue.noPreference)
        else { return nil }
        return (words, Set(values.compactMap(Purpose.init(rawValue:))))
    }

    /// `state` with both answers of "something fun, under 20 quid" taken (what it says at
    /// `question`, or the purpose it names there, and the budget), the whole answer recorded
    /// last (going back undoes it, and says so); nil when either is not an answer.
    private func bothAnswers(
        _ said: String, budget: String, whole: String, at question: Question, _ state: State, _ reader: CatalogReader
    ) -> State? {
        var both = state
        let early = earlyPurpose(said, at: question.id, state: self.state)
        let target = early == nil ? question : coreQuestion(.purpose, in: self.state)
        let text = question.id == .purpose ? Self.purposeWords(said, question)?.words ?? said : early ?? said
        guard (try? apply(text, to: target, state: &both, reader)) != nil,
            (try? apply(budget, to: coreQuestion(.budget, in: self.state), state: &both, reader)) != nil
        else { return nil }
        both.answers += [
            QuestionAnswer(questionID: .budget, text: budget), QuestionAnswer(questionID: target.id, text: whole),
        ]
        both.accepted.append(whole)
        both.settled.insert(target.id)
        if target.id == .purpose { both.sayPurposeRead() }
        return both
    }

    /// "Read as what the gift is for: fun (type `back` to change it)."
    static func purposeReadNote(_ purposes: Set<Purpose>) -> String {
        let shown = purposes.map(\.rawValue).sorted().joined(separator: ", ")
        return "Read as what the gift is for: \(shown) (type `back` to change it)."
    }

    /// What an answer says beside the budget that closes or opens it, and the budget: "something
    /// fun" and "under 20 quid" of "something fun, under 20 quid", "educational" and "about £30"
    /// of "educational, about £30", "minecraft" and "about £25" of "minecraft (about £25)", "lego"
    /// and "20 quid" of "20 quid and lego"; nil when it says no such budget or nothing beside it.
    /// `said` is empty when nothing but a gift is said with it ("something under a tenner", "a
    /// present under £15"): the answer is the budget alone.
    static func answerBesideBudget(_ text: String, bare: Bool) -> (said: String, budget: String)? {
        guard let (said, budget) = splittingBudget(text, bare: bare) else { return nil }
        let words = TextNormalizer.tokens(said).filter {
            !Taxonomy.genericWords.contains($0) && !["something", "present", "nice", "cheap"].contains($0)
        }
        return (words.isEmpty ? "" : said, budget)
    }

    private static func splittingBudget(_ text: String, bare: Bool) -> (said: String, budget: String)? {
        let edges = CharacterSet.whitespaces.union(.punctuationCharacters)
        if let said = AnswerParser.budgetInWish(text), !said.isOccasion {
            let rest = said.rest.trimmingCharacters(in: edges)
            let budget = text.dropFirst(said.rest.count).trimmingCharacters(in: edges)
            return rest.isEmpty ? nil : (rest, budget)
        }
        for cut in [",", ";", " - ", " and ", " ("] {
            guard let range = text.range(of: cut, options: .backwards) else { continue }
            let budget = text[range.upperBound...].trimmingCharacters(
                in: .whitespaces.union(CharacterSet(charactersIn: ")")))
            guard AnswerParser.saysAnAmount(budget, bare: bare) else { continue }
            let rest = text[..<range.lowerBound].trimmingCharacters(in: edges)
            return rest.isEmpty ? nil : (rest, budget)
        }
        // Said first: "20 quid and lego", "£20, dinosaurs".
        for cut in [",", ";", " - ", " and "] {
            guard let range = text.range(of: cut) else { continue }
            let budget = text[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            guard AnswerParser.saysAnAmount(budget, bare: bare) else { continue }
            let rest = text[range.upperBound...].trimmingCharacters(in: edges)
            return rest.isEmpty ? nil : (rest, budget)
        }
        return nil
    }

    /// Whether an answer to another question is plainly the budget: an amount with its currency
    /// ("about £20", "30 dollars", "under a tenner"), or bounded in words past the age ("under 20"),
    /// before the budget is settled.
    static func isEarlyBudget(_ text: String, at question: QuestionID, state: State) -> Bool {
        guard [.age, .interests, .purpose].contains(question), !state.settled.contains(.budget) else { return false }
        // "under 20" with no currency is an amount where no answer is a number: not the age.
        return AnswerParser.saysABudget(text) || (question != .age && AnswerParser.saysAnAmount(text, bare: false))
    }

    /// Skips the current question, keeping what is known.
    /// - Throws: ``QuestionFlowError/cannotSkip(question:)`` for the age;
    ///   ``QuestionFlowError/alreadyFinished``; database errors.
    public mutating func skip(in catalog: GiftCatalog) throws {
        try skip(CatalogReader(catalog))
    }

    mutating func skip(_ reader: CatalogReader) throws {
        guard !state.finished, let question = state.current else { throw QuestionFlowError.alreadyFinished }
        guard question.canSkip else { throw QuestionFlowError.cannotSkip(question: question.id) }
        var next = state
        next.notes = []
        next.answers.append(QuestionAnswer(questionID: question.id, text: nil))
        next.accepted.append("skip")
        try commit(next, after: question.id, reader)
    }

    /// Asks one core question again and keeps every other answer ("change budget" after the
    /// list: two trials had to step `back` through every later question to change one). The new
    /// answer replaces the old one; `back` restores it. Does nothing for a follow-up or the
    /// recipient question.
    public mutating func reopen(_ id: QuestionID) {
        guard [.age, .interests, .purpose, .budget, .avoid].contains(id) else { return }
        undoStack.append(state)
        state.finished = false
        state.settled.remove(id)
        switch id {
        case .interests: state.interests = []
        case .purpose: state.purposes = []
        case .budget: (state.budgetMin, state.budgetMax, state.budgetCurrency) = (nil, nil, nil)
        case .avoid: state.excludedWords = []
        default: break
        }
        state.notes = []
        state.remaining = nil  // counted again without the answer being changed
        state.current = coreQuestion(id, in: state)
    }

    /// Goes back one step: undoes the last answer, skip or ``finish()``, and asks that question
    /// again. Does nothing at the first question.
    public mutating func back() {
        guard let previous = undoStack.popLast() else { return }
        // What going back undoes is said, never dropped silently: a trial went back from the
        // budget to the interests, and $119 sets appeared with no word that "$50" was gone.
        // (Going back over `done` undoes no answer.)
        let undone =
            state.answers.count > previous.answers.count
            ? state.answers.last.flatMap { answer in
                answer.text.map { Self.undoneNote(text: $0, question: answer.questionID) }
            } : nil
        state = previous
        state.notes = undone.map { [$0] } ?? []
    }

    /// "Undone: "about 50 dollars" (budget): answer again, or `skip`."
    static func undoneNote(text: String, question: QuestionID) -> String {
        let what: String =
            switch question {
            case .recipient: "who it is for"
            case .age: "age"
            case .interests: "what they enjoy"
            case .purpose: "what the gift is for"
            case .budget: "budget"
            case .avoid: "what to avoid"
            case .followUp: "a follow-up answer"
            }
        // The age cannot be skipped: it decides what is safe.
        return "Undone: \"\(text)\" (\(what)); answer again" + (question == .age ? "." : ", or `skip`.")
    }

    /// Stops asking ("show me now"). The profile keeps everything answered so far.
    /// - Throws: ``QuestionFlowError/ageRequired`` if the age is not known yet.
    public mutating func finish() throws {
        guard state.ageMonths != nil else { throw QuestionFlowError.ageRequired }
        guard !state.finished else { return }
        undoStack.append(state)
        state.finished = true
        state.notes = []
        state.accepted.append("done")
    }

    // MARK: Internals

    static func profile(of state: State) -> RecipientProfile? {
        guard let months = state.ageMonths else { return nil }
        var profile = RecipientProfile(
            ageMonths: months, interests: state.interests, purposes: state.purposes,
            budgetMax: state.budgetMax, budgetMin: state.budgetMin, excludedWords: state.excludedWords)
        profile.currency = state.budgetCurrency
        return profile
    }

    private mutating func commit(_ next: State, after question: QuestionID, _ reader: CatalogReader) throws {
        var next = next
        if case .followUp(let key) = question { next.followUpsAsked.append(key) } else { next.settled.insert(question) }
        try advance(&next, reader)
        undoStack.append(state)
        state = next
    }

    /// Moves `state` to its next question, or finishes it. When nothing fits any more, the core
    /// questions left are still asked (a budget and what to avoid are limits the closest gifts
    /// keep too: a user trial was shown £52–£60 gifts before it was asked the budget), and no
    /// follow-up is: it could only narrow an empty list.
    private func advance(_ state: inout State, _ reader: CatalogReader) throws {
        // The count, the survey and the lists each follow-up answer would give repeat the same
        // searches under the same limits: one read, each search once.
        try reader.sharingSearches { reader in try advance(sharing: &state, reader) }
    }

    private func advance(sharing state: inout State, _ reader: CatalogReader) throws {
        let before = state.remaining
        state.remaining = nil
        if let profile = Self.profile(of: state) {
            let count = try reader.goodMatchCount(for: profile, critique: state.steering)
            state.remaining = count
            // Nothing for their age at all: no later answer could change that (a trial answered
            // four more questions for an 18-month-old on a shop with nothing under 3).
            if count == 0, state.interests.isEmpty, state.purposes.isEmpty, state.budgetMax == nil,
                state.budgetMin == nil, state.excludedWords.isEmpty
            {
                state.notes.append(
                    "Nothing in this catalog is for \(profile.ageDescriptionWithArticle), so there is nothing more to ask."
                )
                state.current = nil
                state.finished = true
                return
            }
            if count == 0 {
                if let id = nextCoreID(in: state) {
                    // Said once, when the count falls to nothing, not after every answer since.
                    if before != 0 { state.notes.append(Self.nothingFitsYet) }
                    state.current = coreQuestion(id, in: state)
                } else {
                    state.current = nil
                    state.finished = true
                }
                return
            }
        }
        if let id = nextCoreID(in: state) {
            state.current = coreQuestion(id, in: state)
            return
        }
        if let followUp = try nextFollowUp(in: state, reader) {
            state.current = followUp.question
        } else {
            state.current = nil
            state.finished = true
        }
    }

    static let nothingFitsYet = "Nothing fits yet; your next answers still shape what comes closest."

    func nextCoreID(in state: State) -> QuestionID? {
        QuestionCatalogue.coreOrder(hasRecipients: !recipients.isEmpty).first { !state.settled.contains($0) }
    }

    func coreQuestion(_ id: QuestionID, in state: State) -> Question {
        QuestionCatalogue.question(id, recipients: recipients, today: today, knownInterests: state.interests)
    }

    private func apply(_ text: String, to question: Question, state next: inout State, _ reader: CatalogReader) throws {
        let taxonomy = reader.taxonomy
        switch question.id {
        case .recipient:
            let values = try AnswerParser.choices(text, for: question, multiple: false)
            if let name = values.first, name != QuestionCatalogue.someoneNew,
                let saved = recipients.first(where: { $0.name == name })
            {
                try pick(saved, reader, state: &next)
            }
        case .age:
            // "my wife, she's 40 and loves gardening": the age, and what they enjoy said with it,
            // kept for the interests question, which still comes ("Anything new they're into? (I
            // have: gardening)"), so the questions keep their order.
            let beside = next.settled.contains(.interests) ? nil : AnswerParser.likingsBesideAge(text)
            guard let months = AnswerParser.parseAge(beside?.age ?? text) else {
                throw QuestionFlowError.invalidAnswer(question: .age, reason: AnswerParser.ageReason)
            }
            next.ageMonths = months
            var enjoys = ""
            if var liked = beside?.liked {
                // "my son is 7, loves dinosaurs and lego, about £25": the budget closing it is the
                // budget (it was a wish, "about £25").
                if !next.settled.contains(.budget), let (said, budget) = Self.answerBesideBudget(liked, bare: true) {
                    var budgeted = next
                    if (try? apply(budget, to: coreQuestion(.budget, in: next), state: &budgeted, reader)) != nil {
                        next = budgeted
                        next.settled.insert(.budget)
                        next.answers.append(QuestionAnswer(questionID: .budget, text: budget))
                        liked = said
                    }
                }
                var read = next
                // What reads as no wish ("he's 7 and likes anything") leaves the question to ask.
                do { try applyInterests(liked, state: &read, reader) } catch QuestionFlowError.invalidAnswer {
                    read = next
                }
                if !read.interests.isEmpty {
                    next = read
                    enjoys = " who enjoys " + AnswerParser.andList(next.interests)
                }
            }
            // Said in words ("my dad, he's 60", "an adult", "two and a half"): what was understood.
            if !text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "," || $0 == " " }) {
                // "2 and a half" is 2 years 6 months, not "a 2-year-old".
                let read =
                    months >= 24 && months % 12 != 0
                    ? "\(months / 12) years \(months % 12) month\(months % 12 == 1 ? "" : "s")"
                    : RecipientProfile(ageMonths: months).ageDescriptionWithArticle
                // First: what was understood leads the notes about the interests read with it.
                next.notes.insert("Read as \(read)\(enjoys) (type `back` to change it).", at: 0)
            }
        case .interests:
            // "actually just gardening" when they are known (said with the age, or a saved
            // recipient's): what they say now replaces them (it had been added as "just gardening").
            if !next.interests.isEmpty, let only = AnswerParser.onlyThese(text) {
                var replaced = next
                replaced.interests = []
                try applyInterests(only, state: &replaced, reader)
                if !replaced.interests.isEmpty {
                    next = replaced
                    next.notes.insert(
                        "Changed what they enjoy to \(next.interests.joined(separator: ", ")) (type `back` to undo).",
                        at: 0)
                    return
                }
            }
            try applyInterests(text, state: &next, reader)
        case .purpose:
            let reading = try AnswerParser.choiceReading(text, for: question, multiple: true)
            let values = reading.values
            next.purposes =
                values.contains(QuestionCatalogue.noPreference) ? [] : Set(values.compactMap(Purpose.init(rawValue:)))
            // Picked out of a sentence: what was understood, so a misreading can be taken back.
            if reading.fromSentence, !next.purposes.isEmpty {
                next.sayPurposeRead()
            }
        case .budget:
            guard let budget = AnswerParser.parseBudget(text) else {
                throw QuestionFlowError.invalidAnswer(question: .budget, reason: AnswerParser.budgetReason)
            }
            if let min = budget.min, let max = budget.max, min > max {
                throw QuestionFlowError.invalidAnswer(
                    question: .budget,
                    reason: "The lower amount is above the upper one: give the range as min-max, e.g. 20-40.")
            }
            next.budgetMin = budget.min
            next.budgetMax = budget.max
            next.budgetCurrency = AnswerParser.budgetCurrency(text)
            // Said in words ("about 20 quid", "under a tenner", "30ish") or beside another answer
            // ("lego, 20"): what was understood, as the age is.
            if !text.allSatisfy({ $0.isNumber || $0 == "." || $0 == "," || $0 == " " }) || next.current?.id != .budget,
                budget.min != nil || budget.max != nil
            {
                let currency = try next.budgetCurrency ?? reader.read(CatalogDatabase.mainCurrency)
                let shown =
                    switch (budget.min, budget.max) {
                    case (let low?, let high?):
                        low.formatted(currency: currency) + "–" + high.formatted(currency: currency)
                    case (let low?, nil): "from " + low.formatted(currency: currency)
                    case (nil, let high?): "up to " + high.formatted(currency: currency)
                    case (nil, nil): ""
                    }
                // "£40" on a shop that prices in dollars with no rate for pounds: said now, not
                // only when the list comes up empty (a trial saw "0 gifts" and no reason).
                let main = try reader.read(CatalogDatabase.mainCurrency)
                let unconvertible =
                    try currency != main
                    && reader.read(CatalogDatabase.exchangeRates).rate(from: currency, to: main) == nil
                next.notes.append(
                    "Budget: \(shown) (type `back` to change it)."
                        + (unconvertible
                            ? " This shop prices its gifts in \(main) and gives no rate for \(currency): only gifts "
                                + "priced in \(currency) can fit; give the budget in \(main) for the rest." : ""))
            }
        case .avoid:
            let words = AnswerParser.avoidWords(text)
            if words.count == 1, QuestionCatalogue.noneWords.contains(words[0].lowercased()) { return }
            guard !words.isEmpty else {
                throw QuestionFlowError.invalidAnswer(
                    question: .avoid,
                    reason: "Type words to avoid separated by commas (e.g. glitter, batteries), or skip.")
            }
            var added: [String] = []
            for word in words
            where !next.excludedWords.contains(where: { $0.caseInsensitiveCompare(word) == .orderedSame }) {
                next.excludedWords.append(word)
                added.append(word)
            }
            // What was understood ("no glitter please and nothing scary" → glitter, scary).
            if let last = added.last {
                let shown = added.dropLast().map { "\"\($0)\"" }.joined(separator: ", ")
                next.notes.append("Avoiding " + (shown.isEmpty ? "" : shown + " and ") + "\"\(last)\".")
            }
            // "he already has loads of lego" after "dinosaurs, lego": the later answer holds; a
            // wish it avoids is no longer looked for (a trial was then asked which mattered most,
            // lego among them), and that is said.
            let avoidedKeys = Set(added.map(TextNormalizer.key))
            let dropped = next.interests.filter { avoidedKeys.contains(TextNormalizer.key($0)) }
            if !dropped.isEmpty, dropped.count < next.interests.count {
                next.interests.removeAll { avoidedKeys.contains(TextNormalizer.key($0)) }
                next.notes.append(
                    "No longer looking for \(AnswerParser.orList(dropped.map { "\"\($0)\"" })), as you asked to avoid it "
                        + "(type `back` if you meant otherwise).")
            }
        case .followUp(let key):
            try applyFollowUp(key: key, text: text, question: question, state: &next, taxonomy: taxonomy)
        }
    }

    /// Fills in what a saved recipient already tells us and settles those questions.
    private func pick(_ saved: SavedRecipient, _ reader: CatalogReader, state next: inout State) throws {
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
            // Saved budgets are in the catalog's currency.
            filled.append("up to " + max.formatted(currency: try reader.read(CatalogDatabase.mainCurrency)))
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

    private func applyInterests(_ answer: String, state next: inout State, _ reader: CatalogReader) throws {
        let taxonomy = reader.taxonomy
        // "football and lego but hates star wars": what they dislike is avoided, and said so.
        let (text, disliked) = AnswerParser.dislikes(answer)
        let newlyAvoided = disliked.filter { word in
            !next.excludedWords.contains(where: { $0.caseInsensitiveCompare(word) == .orderedSame })
        }
        if !newlyAvoided.isEmpty {
            next.excludedWords += newlyAvoided
            next.notes.append(
                "I'll avoid \(AnswerParser.orList(newlyAvoided.map { "\"\($0)\"" })) (type `back` if you meant otherwise)."
            )
            if text.isEmpty { return }
        }
        // "i dont know really, he likes minecraft": the part that names nothing goes.
        let said = AnswerParser.list(text).flatMap { AnswerParser.likings($0) }
        let named = said.filter { !AnswerParser.isAnyThing($0) }
        if !said.isEmpty, named.isEmpty { return }  // "anything", "no idea": as skipping
        let words = try Self.splittingInterests(named, reader)
        if words.count == 1, QuestionCatalogue.noneWords.contains(words[0].lowercased()) {
            return  // "nothing (new)": same as skipping
        }
        // A bare "3" names nothing (a trial typed it meaning a choice of the next question).
        guard !words.isEmpty, !words.allSatisfy({ $0.allSatisfy(\.isNumber) }) else {
            throw QuestionFlowError.invalidAnswer(
                question: .interests,
                reason: "Type what they enjoy, separated by commas (e.g. dinosaurs, drawing, football), or skip.")
        }
        for typed in words {
            var word = typed
            var note: String?
            let verdict = InterestSpelling.check(typed, taxonomy: taxonomy)
            let shopWords: String? =
                if case .corrected = verdict {
                    nil
                } else {
                    // A name the taxonomy does not know, as this catalog writes it ("hello kity").
                    try reader.read { try CatalogSpelling.correction(of: typed, taxonomy: taxonomy, $0) }
                }
            // The shop's own theme by that name ("technic" on a LEGO export), for a word the
            // taxonomy does not hold: what the shop files is there.
            var shopLabel: String?
            switch verdict {
            case .unsure, .unknown: shopLabel = try Self.shopLabel(of: typed, reader)
            default: break
            }
            var typedIsHeld = true
            if case .unsure = verdict, Matcher.readsAsOneSlip(typed), shopLabel == nil {
                typedIsHeld = try reader.read { try MatchRequests.textHolds($0, TextNormalizer.key(typed)) }
            }
            if let shopWords {
                word = shopWords
                note = "Read \"\(typed)\" as \"\(shopWords)\" (type `back` if you meant something else)."
            } else {
                switch verdict {
                case .known:
                    break
                case .corrected(let phrase):
                    word = phrase
                    note = "Read \"\(typed)\" as \"\(phrase)\" (type `back` if you meant something else)."
                case .unsure(let labels) where labels.count == 1 && !typedIsHeld:
                    // Nothing here is what they typed: the one likely reading is what they meant.
                    word = labels[0].lowercased()
                    note =
                        "Read \"\(typed)\" as \"\(labels[0])\" (nothing here is \"\(typed)\"; "
                        + "type `back` if you meant something else)."
                case .unsure(let labels):
                    // "technic" on a LEGO export that files 194 sets so: no "did you mean Technology?".
                    if let label = shopLabel {
                        note = Self.shopLabelNote(typed, label)
                    } else {
                        note =
                            "\"\(typed)\" is not in the interest list — did you mean \(AnswerParser.orList(labels))? "
                            + "I'll look for \"\(typed)\" as a plain word; type `back` to change it."
                    }
                case .unknown:
                    // A theme the shop files its gifts under ("Ninjago" on a LEGO export) is no
                    // stranger: a trial was told it was "not in the interest list".
                    if let label = shopLabel {
                        note = Self.shopLabelNote(typed, label)
                    } else {
                        note =
                            "\"\(typed)\" is not in the interest list; I'll look for it in gift names and descriptions."
                    }
                }
            }
            // One interest said twice ("dinosaurs, dinos") is kept once; a narrower kind inside one
            // ("space and rockets") is a wish of its own, as `recommend` reads it.
            func identity(_ text: String) -> String {
                guard let resolution = taxonomy.resolution(text), resolution.specificity == .same else {
                    return TextNormalizer.key(text)
                }
                return resolution.interest.id
            }
            guard !next.interests.map(identity).contains(identity(word)) else { continue }
            next.interests.append(word)
            if let note { next.notes.append(note) }
        }
        if next.interests.count > QuestionCatalogue.maxInterests {
            next.interests = Array(next.interests.prefix(QuestionCatalogue.maxInterests))
            next.notes.append("I kept the first \(QuestionCatalogue.maxInterests) interests.")
        }
    }

    /// "arts n crafts", "rock 'n' roll": the "and" people type short.
    static func withAnd(_ item: String) -> String {
        var words = item.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        guard words.count >= 3 else { return item }
        for index in 1..<(words.count - 1)
        where ["n", "'n'", "'n", "n'", "\u{2018}n\u{2019}"].contains(words[index].lowercased()) {
            words[index] = "and"
        }
        return words.joined(separator: " ")
    }

    /// "drawing and unicorns" is two interests, as "drawing, unicorns" is; "knights and castles",
    /// "arts and crafts" or "rock and roll" stay one: a known phrase, one interest said twice, or a
    /// side that is no interest.
    /// "hello kitty and dancing": one side an interest, the other a name the catalog holds (or
    /// a clear slip of one), and the catalog holds no product with the whole: two things. A
    /// title the catalog holds ("Thomas and Friends") stays one.
    static func splittingAnd(_ item: String, taxonomy: Taxonomy, catalog db: Database) throws -> [String] {
        let lowered = item.lowercased()
        // What the taxonomy alone decides first; the catalog is read only for a wish that would
        // otherwise split (every query of a flow reads its interests again).
        guard let separator = Self.separators.first(where: lowered.contains),
            !taxonomy.isPhrase(TextNormalizer.key(item))
        else { return [item] }
        let parts = lowered.components(separatedBy: separator).map { $0.trimmingCharacters(in: .whitespaces) }
        // Two interests, or one phrase of the taxonomy, are the taxonomy's to read (above).
        // An interest, or a clear slip of one ("ninjas and dragns").
        func known(_ part: String) -> Bool {
            if taxonomy.resolve(part) != nil { return true }
            if case .corrected = InterestSpelling.check(part, taxonomy: taxonomy) { return true }
            return false
        }
        // Two names neither of them an interest ("hello kitty and paw patrol"): each must be a
        // name, never a phrase's tail ("beauty and the beast").
        guard parts.count == 2, parts.allSatisfy({ !TextNormalizer.tokens($0).isEmpty }),
            parts.contains(where: known)
                || !parts.contains(where: { Self.articles.contains(String($0.prefix { $0 != " " })) }),
            parts.contains(where: { taxonomy.resolve($0) == nil }),
            let left = parts[0].split(separator: " ").last, let right = parts[1].split(separator: " ").first
        else { return [item] }
        // A title the catalog holds ("Thomas and Friends"), or a name across the "and" that the
        // taxonomy or the catalog holds ("dungeons & dragons dice": "Dungeons and Dragons"), stays one.
        let across = TextNormalizer.key(left + (separator == " or " ? " or " : " and ") + right)
        if try taxonomy.isPhrase(across) || MatchRequests.textHolds(db, TextNormalizer.key(item))
            || MatchRequests.textHolds(db, across)
            || MatchRequests.textJoins(db, TextNormalizer.key(String(left)), TextNormalizer.key(String(right)))
        {
            return [item]
        }
        // Two names neither of them an interest: "or" offers two things; "and" joins two names
        // ("hello kitty and paw patrol") or slips of them ("ninjaggo and technik"), while two
        // plain words may be one game or theme ("cowboys and indians").
        let namesOnly = !parts.contains(where: known)
        for part in parts where !known(part) {
            guard Self.namesAThing(part) else { return [item] }
            let heldAsTyped = try MatchRequests.textHolds(db, TextNormalizer.key(part))
            if heldAsTyped, !namesOnly || separator == " or " || TextNormalizer.tokens(part).count > 1 { continue }
            // Beside an interest, a thing of its own the shop may lack ("ballet and gymnastics":
            // ballet things are good whether or not it has any gymnastics), never a filler ("and more").
            if !namesOnly { continue }
            if try CatalogSpelling.correction(of: part, taxonomy: taxonomy, db) == nil { return [item] }
        }
        // As they wrote them.
        let cut = item.range(of: separator, options: .caseInsensitive)!
        return [String(item[..<cut.lowerBound]), String(item[cut.upperBound...])].map {
            $0.trimmingCharacters(in: .whitespaces)
        }
    }

    /// Whether a side of "X and Y" names a thing: a word of three letters or more that is no
    /// filler ("more", "stuff", "things") and no add-on of the other side ("accessories").
    static func namesAThing(_ part: String) -> Bool {
        TextNormalizer.tokens(part).contains { word in
            word.count >= 3 && word.contains(where: \.isLetter) && !Taxonomy.genericWords.contains(word)
                && !["more", "other", "others", "everything", "etc", "much"].contains(word)
                // "dolls and accessories", "barbie and clothes": the first one's things
                && ![
                    "accessory", "clothe", "clothes", "clothing", "outfit", "furniture", "extra", "bit", "piece",
                    "part",
                ]
                .contains(word)
        }
    }

    /// What joins two wishes in one answer: "drawing and unicorns", "lego & minecraft", "harry
    /// potter or star wars".
    static let separators = [" and ", " & ", " or "]

    /// Words that start the tail of a title, never a name of its own ("beauty and the beast").
    static let articles: Set<String> = ["the", "a", "an"]

    /// What they enjoy, item by item, with "and" read as the taxonomy and then the catalog read
    /// it ("drawing and unicorns" two wishes, "arts and crafts" one): the interests question and
    /// what they say again after the list.
    static func splittingInterests(_ items: [String], _ reader: CatalogReader) throws -> [String] {
        let taxonomy = reader.taxonomy
        return try reader.read { db in
            try items.flatMap { try splittingInterest($0, taxonomy: taxonomy, catalog: db) }
        }
    }

    /// ``splittingInterests(_:_:)`` for one item, in a read the caller holds.
    /// Each part names its thing without "anything": "unicorns and anything sparkly" is split
    /// here, after the list's items lost theirs ("sparkly", as "anything sparkly" alone reads).
    static func splittingInterest(_ item: String, taxonomy: Taxonomy, catalog db: Database) throws -> [String] {
        let split = splittingAnd(withAnd(item), taxonomy: taxonomy)
        let parts = split.count == 1 ? try splittingAnd(split[0], taxonomy: taxonomy, catalog: db) : split
        return parts.map(AnswerParser.withoutAnyThing)
    }

    static func splittingAnd(_ item: String, taxonomy: Taxonomy) -> [String] {
        let lowered = item.lowercased()
        for separator in Self.separators where lowered.contains(separator) {
            if taxonomy.isPhrase(TextNormalizer.key(item)) { return [item] }
            let parts = item.components(separatedBy: separator).flatMap {
                $0.components(separatedBy: separator.uppercased())
            }.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            let resolved = parts.map { taxonomy.resolve($0)?.id }
            // One interest said twice, or two things inside one ("space and rockets", "tigers and
            // lions", "batman and joker"): each looked for, and what has both leads (the whole,
            // read as one phrase, found only a "Space Rocket").
            if parts.count > 1, !resolved.contains(nil), Set(resolved).count == 1 {
                // Unless the whole is that interest's name ("knights and castles": "Knights & Castles").
                func words(_ text: String) -> [String] {
                    TextNormalizer.tokens(text.replacingOccurrences(of: "&", with: " ")).filter { $0 != "and" }
                }
                if let id = resolved[0], let label = taxonomy.label(id: id), Set(words(label)) == Set(words(item)) {
                    return [item]
                }
                return Set(parts.map(TextNormalizer.key)).count == parts.count ? parts : [item]
            }
            // Both sides must be interests, and different ones.
            guard parts.count > 1, !resolved.contains(nil), Set(resolved).count == parts.count else { return [item] }
            return parts
        }
        return [item]
    }
}

extension QuestionFlow.State {
    /// Says how what the gift is for was read, once however many readings led to it (a sentence
    /// read at the purpose question, beside a budget, or said early at the interests question).
    mutating func sayPurposeRead() {
        let note = QuestionFlow.purposeReadNote(purposes)
        if !notes.contains(note) { notes.insert(note, at: 0) }
    }
}
