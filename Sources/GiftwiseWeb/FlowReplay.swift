import Giftwise

/// Rebuilds the question flow from the answers carried in the page (`a` fields), so the server
/// keeps no session and any replica can serve any step. Answers are replayed in order; `skip`
/// stands for a skipped question. A tampered or stale answer stops the replay there: the person
/// is asked that question again.
struct FlowReplay {
    /// The answer that stands for "skipped".
    static let skipMarker = "skip"
    /// More answers than any flow asks (core questions plus follow-ups), so a crafted URL stays cheap.
    static let maxAnswers = 16

    let catalog: GiftCatalog
    var flow: QuestionFlow
    /// The answers the flow accepted, as it recorded them (trimmed, cleaned), skips as `skip`.
    var accepted: [String]

    init(catalog: GiftCatalog, answers: [String]) {
        self.catalog = catalog
        flow = QuestionFlow()
        accepted = []
        for answer in answers.prefix(Self.maxAnswers) {
            guard !flow.isFinished else { break }
            do {
                try step(answer)
            } catch {
                break
            }
        }
    }

    /// Applies one answer (or `skip`) and records it as accepted.
    mutating func step(_ answer: String) throws {
        if answer.trimmingCharacters(in: .whitespaces).lowercased() == Self.skipMarker {
            try flow.skip(in: catalog)
        } else {
            try flow.answer(answer, in: catalog)
        }
        accepted.append(flow.answers.last?.text ?? Self.skipMarker)
    }

    /// Skips the current question.
    mutating func skip() throws {
        try flow.skip(in: catalog)
        accepted.append(Self.skipMarker)
    }
}
