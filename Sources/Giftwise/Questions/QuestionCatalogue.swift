import Foundation

/// The core questions, worded for the state of the flow (who it is for, what is already known).
enum QuestionCatalogue {
    static let someoneNew = "someone new"
    static let noPreference = "no preference"
    static let maxInterests = 12
    static let noneWords: Set<String> = ["none", "nothing", "no", "nope", "n/a", "na", "nothing new", "no thanks"]

    /// The core questions in the order they are asked (DESIGN §4).
    static func coreOrder(hasRecipients: Bool) -> [QuestionID] {
        (hasRecipients ? [.recipient] : []) + [.age, .interests, .purpose, .budget, .avoid]
    }

    static func question(_ id: QuestionID, recipients: [SavedRecipient], today: Date, knownInterests: [String])
        -> Question
    {
        switch id {
        case .recipient:
            let options =
                recipients.map { saved -> QuestionOption in
                    let age = saved.profile(on: today).map { " (\($0.ageDescription))" } ?? ""
                    return QuestionOption(label: saved.name + age, value: saved.name)
                } + [QuestionOption(label: someoneNew, value: someoneNew)]
            return Question(
                id: .recipient, prompt: "Who is it for?", kind: .singleChoice, options: options, canSkip: true,
                help:
                    "Pick someone you saved (their age, interests and budget are filled in), or \"someone new\". Answer with the number or the name."
            )
        case .age:
            return Question(
                id: .age, prompt: "How old are they?", kind: .number, canSkip: false,
                help:
                    "Their age in years (7, 1.5) or months (18 months). It can't be skipped: every gift is chosen within its age range, for safety."
            )
        case .interests:
            if !knownInterests.isEmpty {
                return Question(
                    id: .interests,
                    prompt: "Anything new they're into? (I have: \(knownInterests.joined(separator: ", ")))",
                    kind: .freeText, canSkip: true,
                    help: "Add interests separated by commas, or skip to keep these.")
            }
            return Question(
                id: .interests, prompt: "What do they enjoy? (comma-separated, e.g. dinosaurs, drawing, football)",
                kind: .freeText, canSkip: true,
                help:
                    "Hobbies, favourite things, what they talk about: \"space, lego\", \"baking\", \"k-pop\". Words I don't know are matched in gift names and descriptions."
            )
        case .purpose:
            return Question(
                id: .purpose, prompt: "What should the gift be for?", kind: .multipleChoice,
                options: [
                    QuestionOption(label: "educational", value: Purpose.educational.rawValue),
                    QuestionOption(label: "crafty", value: Purpose.crafty.rawValue),
                    QuestionOption(label: "sporty", value: Purpose.sporty.rawValue),
                    QuestionOption(label: "just for fun", value: Purpose.fun.rawValue),
                    QuestionOption(label: noPreference, value: noPreference),
                ],
                canSkip: true,
                help:
                    "One or more, by number or word: \"2\", \"crafty, fun\", \"1,3\". Skip or \"no preference\" for any."
            )
        case .budget:
            return Question(
                id: .budget, prompt: "What's your budget?", kind: .freeText, canSkip: true,
                help:
                    "The most to spend (30, in the shop's currency; \"£30\" or \"30 euros\" names another), a range "
                    + "(20-40), or \"no limit\". Nothing above it is ever suggested."
            )
        case .avoid:
            return Question(
                id: .avoid, prompt: "Anything to avoid? (e.g. glitter, batteries, things they own)", kind: .freeText,
                canSkip: true,
                help:
                    "Words separated by commas; gifts whose name, description or tags mention them are left out. Skip if nothing."
            )
        case .followUp:
            preconditionFailure("follow-ups are built from the candidates by QuestionFlow.nextFollowUp")
        }
    }
}
