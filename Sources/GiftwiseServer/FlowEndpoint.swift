import Foundation
import Giftwise

/// `POST /v1/flow`: the question flow rebuilt from the answers so far, so any replica can answer
/// any step. Answers are replayed exactly as the terminal reads lines: `back`, `skip`, `done` and
/// `?` work as typed; a rejected answer leaves the flow where it was (the terminal re-asks), and
/// when the last answer was rejected its reason is returned inside the question.
enum FlowEndpoint {
    static let maxAnswers = 200
    static let maxAnswerLength = 1_000

    struct Body: Encodable {
        var done: Bool
        var question: QuestionBody?
        var remaining: Int?
        var notes: [String]?
        var profile: ProfileBody?
        var result: ResultDocuments.JSONResult?
    }

    struct QuestionBody: Encodable {
        var id: String
        var text: String
        var kind: String
        var choices: [String]?
        var canSkip: Bool
        var help: String
        var error: String?

        enum CodingKeys: String, CodingKey { case id, text, kind, choices, canSkip, help, error }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(text, forKey: .text)
            try container.encode(kind, forKey: .kind)
            try container.encode(choices, forKey: .choices)  // null for free text, as documented
            try container.encode(canSkip, forKey: .canSkip)
            try container.encode(help, forKey: .help)
            try container.encodeIfPresent(error, forKey: .error)
        }
    }

    /// The profile with the keys of the `POST /v1/recommendations` body.
    struct ProfileBody: Encodable {
        var age: Double
        var interests: [String]
        var purposes: [String]
        var budget: Double?
        var budgetMin: Double?
        var exclude: [String]
        var limit: Int

        enum CodingKeys: String, CodingKey { case age, interests, purposes, budget, budgetMin, exclude, limit }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(age, forKey: .age)
            try container.encode(interests, forKey: .interests)
            try container.encode(purposes, forKey: .purposes)
            try container.encode(budget, forKey: .budget)
            try container.encode(budgetMin, forKey: .budgetMin)
            try container.encode(exclude, forKey: .exclude)
            try container.encode(limit, forKey: .limit)
        }
    }

    /// Reads `{"answers": [...]}`.
    static func answers(from data: Data) throws(Problem) -> [String] {
        let object = try JSONBody.object(data)
        for key in object.keys.sorted() where key != "answers" {
            throw Problem.badBody("The member \"\(key.prefix(100))\" is not known. Send {\"answers\": [\"7\", \"dinosaurs\", …]}.", member: key)
        }
        guard let value = object["answers"] else {
            throw Problem.badBody("answers is required: the person's answers so far, in order (an empty array starts the flow).", member: "answers")
        }
        let answers = try JSONBody.strings(value, member: "answers")
        guard answers.count <= maxAnswers else { throw Problem.badBody("At most \(maxAnswers) answers.", member: "answers") }
        guard answers.allSatisfy({ $0.count <= maxAnswerLength }) else {
            throw Problem.badBody("Each answer is at most \(maxAnswerLength) characters.", member: "answers")
        }
        return answers
    }

    /// Replays `answers` and describes where the flow stands.
    static func step(answers: [String], catalog: GiftCatalog) throws -> Body {
        var flow = QuestionFlow(catalog: catalog)
        var lastError: String?
        for line in answers {
            lastError = nil
            let command = line.lowercased().trimmingCharacters(in: .whitespaces)
            if flow.isFinished {
                if ["back", "b"].contains(command) { flow.back() }
                continue
            }
            do {
                switch command {
                case "?", "help", "h", "quit", "exit", "q": continue
                case "back", "b": flow.back()
                case "done", "show me", "show me now", "go", "that's it", "thats it": try flow.finish()
                case "skip", "s": try flow.skip()
                default: try flow.answer(line)
                }
            } catch let error as QuestionFlowError {
                lastError = error.localizedDescription
            }
        }
        if flow.isFinished, let profile = flow.profile {
            let result = try flow.recommendations(limit: 5)
            return Body(done: true, profile: ProfileBody(profile), result: ResultDocuments.document(result))
        }
        guard let question = flow.currentQuestion else { throw Problem.internalError("The flow has no question to ask.") }
        let remaining = flow.profile != nil ? try flow.remainingCount() : try catalog.productCount()
        return Body(
            done: false,
            question: QuestionBody(
                id: question.id.description, text: question.prompt, kind: question.kind.rawValue,
                choices: question.options.isEmpty ? nil : question.options.map(\.label), canSkip: question.canSkip,
                help: question.help, error: lastError),
            remaining: remaining, notes: lastError == nil ? flow.lastAnswerNotes : [])
    }

    static func json(_ body: Body) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(body) + Data("\n".utf8)
    }
}

extension FlowEndpoint.ProfileBody {
    init(_ profile: RecipientProfile) {
        age = Double(profile.ageMonths) / 12
        interests = profile.interests
        purposes = Purpose.allCases.filter(profile.purposes.contains).map(\.rawValue)
        budget = profile.budgetMax?.major
        budgetMin = profile.budgetMin?.major
        exclude = profile.excludedWords + profile.excludedProductIDs.sorted()
        limit = 5
    }
}
