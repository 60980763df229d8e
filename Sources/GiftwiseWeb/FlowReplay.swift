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

    /// The answers the flow accepted, as it recorded them (cleaned; choices as their values;
    /// skips as `skip`).
    var accepted: [String] { flow.acceptedInputs }

    init(catalog: GiftCatalog, answers: [String]) {
        self.catalog = catalog
        flow = QuestionFlow()
        for answer in answers.prefix(Self.maxAnswers) {
            guard !flow.isFinished else { break }
            do {
                try step(answer)
            } catch {
                break
            }
        }
    }

    /// Applies one typed answer (or `skip`).
    mutating func step(_ answer: String) throws {
        if answer.trimmingCharacters(in: .whitespaces).lowercased() == Self.skipMarker {
            try flow.skip(in: catalog)
        } else {
            try flow.answer(answer, in: catalog)
        }
    }

    /// Answers a choice question with the values of the options picked.
    mutating func choose(_ values: [String]) throws {
        try flow.answer(choosing: values, in: catalog)
    }

    /// Skips the current question.
    mutating func skip() throws {
        try flow.skip(in: catalog)
    }
}
