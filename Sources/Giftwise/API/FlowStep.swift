import Foundation

/// One step of the question flow for a stateless caller: the answer to `POST /v1/flow` (DESIGN §5).
///
/// While questions remain: `{"done":false,"question":{…},"remaining":N,"notes":[…],"answers":[…]}`;
/// once the flow has finished: `{"done":true,"profile":{…},"result":{…},"notes":[…],"answers":[…]}`.
/// `answers` are the lines as accepted (rejected ones and undone steps left out): send them back
/// with the next line to continue.
public struct FlowStep: GiftwiseDocument, Equatable {
    /// Whether the questions are over and `result` holds the gifts.
    public var done: Bool
    /// The question to answer now (while not done).
    public var question: QuestionDocument?
    /// How many good gifts the answers so far leave (while not done; before the age is known, the
    /// products in stock).
    public var remaining: Int?
    /// Notes about the last line: "did you mean …?", what a refinement changed.
    public var notes: [String]
    /// The answers as accepted, to send back with the next line.
    public var answers: [String]
    /// The profile the gifts are for (once done), with the keys of a recommendations request.
    public var profile: RecommendationRequest?
    /// The gifts (once done): the `recommend --format json` document.
    public var result: RecommendationDocument?
    /// Once done, why the last line (a refinement) could not be applied.
    public var error: String?

    /// Creates a step.
    public init(
        done: Bool, question: QuestionDocument? = nil, remaining: Int? = nil, notes: [String] = [],
        answers: [String] = [], profile: RecommendationRequest? = nil, result: RecommendationDocument? = nil,
        error: String? = nil
    ) {
        self.done = done
        self.question = question
        self.remaining = remaining
        self.notes = notes
        self.answers = answers
        self.profile = profile
        self.result = result
        self.error = error
    }
}

/// A question as a ``FlowStep`` writes it.
public struct QuestionDocument: Codable, Sendable, Equatable {
    /// `age`, `interests`, `purpose`, `budget`, `avoid`, `recipient`, or a follow-up's key.
    public var id: QuestionID
    /// The question: "How old are they?".
    public var text: String
    /// The choices' labels, in order (answer by number, label or value); `nil` (JSON `null`) for
    /// free-text and number questions.
    public var choices: [String]?
    /// The choices with the value each stands for.
    public var options: [QuestionOption]
    /// `number`, `singleChoice`, `multipleChoice` or `freeText`.
    public var kind: QuestionKind
    /// Whether `skip` is allowed.
    public var canSkip: Bool
    /// How to answer, with examples.
    public var help: String
    /// Why the last answer was not accepted (the question is asked again).
    public var error: String?

    /// The document for a question.
    public init(_ question: Question, error: String? = nil) {
        id = question.id
        text = question.prompt
        choices = question.options.isEmpty ? nil : question.options.map(\.label)
        options = question.options
        kind = question.kind
        canSkip = question.canSkip
        help = question.help
        self.error = error
    }

    enum CodingKeys: String, CodingKey { case id, text, choices, options, kind, canSkip, help, error }

    /// Writes `choices` as `null` for questions without choices.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(text, forKey: .text)
        try container.encode(choices, forKey: .choices)
        try container.encode(options, forKey: .options)
        try container.encode(kind, forKey: .kind)
        try container.encode(canSkip, forKey: .canSkip)
        try container.encode(help, forKey: .help)
        try container.encodeIfPresent(error, forKey: .error)
    }
}

extension GiftCatalog {
    /// One step of the question flow for a stateless caller: replays `answers` (the lines typed so
    /// far, exactly as typed: "7", "dinosaurs, drawing", "skip", "back", "done", and after the
    /// gifts "cheaper", "more like 2", "try 1", "back") and says what comes next.
    ///
    /// A rejected last answer gives the same question with its `error`; rejected answers earlier
    /// in the list are passed over, as the terminal re-asks.
    /// - Parameters:
    ///   - answers: the lines typed so far, in order.
    ///   - recipients: saved recipients to offer ("Who is it for?"); none for a public service.
    ///   - today: the day saved recipients' ages are computed for.
    ///   - limit: how many gifts the finished step lists.
    public func flowStep(answers: [String], recipients: [SavedRecipient] = [], today: Date = Date(), limit: Int = 5)
        throws -> FlowStep
    {
        try Self.flowStep(answers: answers, CatalogReader(self), recipients: recipients, today: today, limit: limit)
    }

    /// ``flowStep(answers:recipients:today:limit:)`` in one GRDB asynchronous read.
    public func flowStep(
        answers: [String], recipients: [SavedRecipient] = [], today: Date = Date(),
        limit: Int = 5
    ) async throws -> FlowStep {
        try await database.read { [self] db in
            try Self.flowStep(
                answers: answers, CatalogReader(self, within: db), recipients: recipients, today: today, limit: limit)
        }
    }

    static func flowStep(
        answers: [String], _ reader: CatalogReader, recipients: [SavedRecipient], today: Date,
        limit: Int
    ) throws -> FlowStep {
        let (conversation, reply) = try GiftConversation.replaying(
            answers, reader, recipients: recipients, today: today, limit: limit)
        var rejection: String?
        if case .rejected(let reason) = reply { rejection = reason }
        if let results = conversation.results, let profile = conversation.profile {
            return FlowStep(
                done: true, notes: conversation.notes, answers: conversation.acceptedInputs,
                profile: RecommendationRequest(profile), result: RecommendationDocument(results), error: rejection)
        }
        guard let question = conversation.currentQuestion else {
            throw GiftwiseError.database("the question flow stopped without a question or a result")
        }
        let remaining =
            try conversation.remainingCount(reader) ?? reader.read { db in try CatalogDatabase.inStockCount(db) }
        return FlowStep(
            done: false, question: QuestionDocument(question, error: rejection), remaining: remaining,
            notes: conversation.notes, answers: conversation.acceptedInputs)
    }
}
