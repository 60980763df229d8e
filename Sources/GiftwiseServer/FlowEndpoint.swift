import Foundation
import Giftwise

/// `POST /v1/flow` bodies: `{"answers": [...]}`, read strictly. The flow itself is the library's
/// ``GiftCatalog/flowStep(answers:recipients:today:limit:)``, rebuilt from the answers so far, so
/// any replica can answer any step.
enum FlowEndpoint {
    static let maxAnswers = 200
    static let maxAnswerLength = 1_000

    /// The answers in canonical form, for the response cache (the step depends on nothing else:
    /// a public server offers no saved recipients). Length-prefixed, so no two lists collide.
    static func cacheKey(_ answers: [String]) -> String {
        var key = "flow \(answers.count)"
        for answer in answers { key += " \(answer.utf8.count):" + answer }
        return key
    }

    /// Reads `{"answers": [...]}`.
    static func answers(from data: Data) throws(Problem) -> [String] {
        let object = try JSONBody.object(data)
        for key in object.keys.sorted() where key != "answers" {
            throw Problem.badBody(
                "The member \"\(key.prefix(100))\" is not known. Send {\"answers\": [\"7\", \"dinosaurs\", …]}.",
                member: key)
        }
        guard let value = object["answers"] else {
            throw Problem.badBody(
                "answers is required: the person's answers so far, in order (an empty array starts the flow).",
                member: "answers")
        }
        let answers = try JSONBody.strings(value, member: "answers")
        guard answers.count <= maxAnswers else {
            throw Problem.badBody("At most \(maxAnswers) answers.", member: "answers")
        }
        guard answers.allSatisfy({ $0.count <= maxAnswerLength }) else {
            throw Problem.badBody("Each answer is at most \(maxAnswerLength) characters.", member: "answers")
        }
        return answers
    }
}
