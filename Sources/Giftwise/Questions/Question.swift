import Foundation

/// The adaptive follow-up questions, asked after the core ones when they would change the list.
public enum FollowUpKey: String, Sendable, Hashable, Codable, CaseIterable {
    /// "Which of their interests matters most?"
    case focus
    /// "Indoors or outdoors?"
    case setting
    /// "Making things or playing?"
    case making
    /// "Would any of these themes suit them?"
    case theme
}

/// Which question is being asked. Core questions have fixed ids; adaptive follow-ups carry a key.
///
/// Encoded as one string: `recipient`, `age`, `interests`, `purpose`, `budget`, `avoid`, or the
/// follow-up's key (`focus`, `setting`, `making`, `theme`).
public enum QuestionID: Hashable, Sendable, CustomStringConvertible, Codable {
    /// "Who is it for?" — asked only when saved recipients exist.
    case recipient
    /// "How old are they?" — the one answer the flow cannot do without (age limits are safety limits).
    case age
    /// "What do they enjoy?" — comma-separated free text.
    case interests
    /// "What should the gift be for?" — educational, crafty, sporty, just for fun.
    case purpose
    /// "What is your budget?"
    case budget
    /// "Anything to avoid?" — free text words.
    case avoid
    /// An adaptive follow-up, chosen by how well it splits the current candidates.
    case followUp(FollowUpKey)

    /// Whether this is one of the core questions (not a follow-up).
    public var isCore: Bool {
        if case .followUp = self { return false }
        return true
    }

    /// "age", "interests", …, or the follow-up's key ("theme").
    public var description: String {
        switch self {
        case .recipient: "recipient"
        case .age: "age"
        case .interests: "interests"
        case .purpose: "purpose"
        case .budget: "budget"
        case .avoid: "avoid"
        case .followUp(let key): key.rawValue
        }
    }

    /// The id named by `description`, if any.
    public init?(_ text: String) {
        switch text {
        case "recipient": self = .recipient
        case "age": self = .age
        case "interests": self = .interests
        case "purpose": self = .purpose
        case "budget": self = .budget
        case "avoid": self = .avoid
        default:
            guard let key = FollowUpKey(rawValue: text) else { return nil }
            self = .followUp(key)
        }
    }

    /// Reads the id from its string.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = QuestionID(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "unknown question id \"\(text)\"")
        }
        self = id
    }

    /// Writes the id as its string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// How a question is answered.
public enum QuestionKind: String, Sendable, Hashable, Codable {
    /// A number (the age).
    case number
    /// One of the options, by its number or its words.
    case singleChoice
    /// One or more of the options, comma-separated numbers or words ("1,3", "crafty, fun").
    case multipleChoice
    /// Free text; for lists, comma-separated.
    case freeText
}

/// One choice of a choice question.
public struct QuestionOption: Sendable, Hashable, Codable {
    /// What to show: "just for fun".
    public var label: String
    /// What it means to the flow: a purpose's raw value, an interest id, a saved name.
    public var value: String

    /// Creates an option.
    public init(label: String, value: String) {
        self.label = label
        self.value = value
    }
}

/// A question the flow asks, ready to show in a terminal or an app.
public struct Question: Sendable, Hashable, Codable {
    /// Which question this is.
    public var id: QuestionID
    /// The question itself: "How old are they?".
    public var prompt: String
    /// How it is answered.
    public var kind: QuestionKind
    /// The choices, in display order (numbered from 1 when answering by number). Empty for
    /// number and free-text questions.
    public var options: [QuestionOption]
    /// Whether ``QuestionFlow/skip(in:)`` is allowed (every question but the age).
    public var canSkip: Bool
    /// A longer explanation with examples of accepted answers.
    public var help: String

    /// Creates a question.
    public init(
        id: QuestionID, prompt: String, kind: QuestionKind, options: [QuestionOption] = [],
        canSkip: Bool, help: String
    ) {
        self.id = id
        self.prompt = prompt
        self.kind = kind
        self.options = options
        self.canSkip = canSkip
        self.help = help
    }
}

/// One answered (or skipped) question in the flow's history.
public struct QuestionAnswer: Sendable, Hashable, Codable {
    /// The question answered.
    public var questionID: QuestionID
    /// What was typed; `nil` when the question was skipped.
    public var text: String?

    /// Creates a history entry.
    public init(questionID: QuestionID, text: String?) {
        self.questionID = questionID
        self.text = text
    }
}

/// Why the flow refused an answer or a step. Every message says what to do instead.
public enum QuestionFlowError: LocalizedError, Sendable, Equatable {
    /// The answer could not be understood; `reason` says what is expected.
    case invalidAnswer(question: QuestionID, reason: String)
    /// This question cannot be skipped (the age: it decides what is safe).
    case cannotSkip(question: QuestionID)
    /// Recommendations were asked for before the age was known.
    case ageRequired
    /// The flow has no question left to answer or skip.
    case alreadyFinished

    /// The message to show.
    public var errorDescription: String? {
        switch self {
        case .invalidAnswer(_, let reason):
            reason
        case .cannotSkip(.age):
            "The age can't be skipped: it decides which gifts are safe. Give it in years (e.g. 7 or 1.5) or months (18 months)."
        case .cannotSkip(let question):
            "The \(question) question can't be skipped."
        case .ageRequired:
            "I need their age before I can suggest anything: gifts are chosen within their age range. Give it in years (e.g. 7 or 1.5) or months (18 months)."
        case .alreadyFinished:
            "All questions are answered; ask for the recommendations, or go back to change an answer."
        }
    }
}
