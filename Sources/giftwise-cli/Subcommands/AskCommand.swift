import ArgumentParser
import Foundation
import Giftwise

/// `giftwise ask` (and `giftwise` alone): the question flow in the terminal, then recommendations
/// and a refine loop ("cheaper", "more like 2", "not 3", "more educational", "start over").
///
/// Reads one answer per line, so piped input works; at end of input it recommends from what it
/// has, or exits with status 1 if the age was never given.
struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ask",
        abstract: "Ask about the recipient, then recommend.",
        discussion: """
            Answer each question by its number or in words. At any question: `back` goes back, \
            `skip` skips it, `done` shows gifts now, `?` explains the question. Input can be piped, \
            one answer per line; at the end of input it recommends from what it has. \
            After the gifts: `cheaper`, `more like N`, `not N`, `not like N`, \
            `more educational|crafty|sporty|fun`, `more`, `start over`, `quit`.
            """
    )

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let catalog = try database.open()
        let book = RecipientBook(catalog: catalog)
        let saved = (try? book.all()) ?? []
        var prompter = Prompter()
        Output.write(Output.bold("Let's find a gift.") + " "
                     + Output.dim("Answer by number or in words; `back`, `skip`, `done` (show gifts now), `?` for help.") + "\n")
        var flow = QuestionFlow(catalog: catalog, recipients: saved)
        while true {
            if case .quit = askQuestions(&flow, prompter: &prompter) { return }
            guard flow.profile != nil else {
                Output.error("No age was given, so there is nothing safe to recommend: giftwise needs the recipient's age "
                             + "(e.g. 7, 1.5 or 18 months) as the first answer.")
                throw ExitCode(1)
            }
            if !flow.isFinished { try flow.finish() }
            var history = HistorySignals.none
            if let recipient = flow.selectedRecipient { history = (try? book.historySignals(for: recipient)) ?? .none }
            var session = RefineSession(catalog: catalog, profile: flow.profile!, critique: flow.steering, history: history)
            switch try session.run(prompter: &prompter) {
            case .back:
                flow.back()
                continue
            case .startOver:
                flow = QuestionFlow(catalog: catalog, recipients: (try? book.all()) ?? saved)
                Output.write("\n" + Output.bold("Starting over.") + "\n")
                continue
            case .done:
                // The answers are saved, not the one-off refinements ("cheaper", "more crafty").
                if flow.selectedRecipient == nil, let profile = flow.profile { offerToSave(profile, book: book, prompter: &prompter) }
                return
            }
        }
    }

    enum QuestionsOutcome { case finished, endOfInput, quit }

    /// Asks until the flow finishes, the person says `done`, or input ends.
    func askQuestions(_ flow: inout QuestionFlow, prompter: inout Prompter) -> QuestionsOutcome {
        while let question = flow.currentQuestion {
            guard let line = prompter.ask(Self.render(question)) else { return .endOfInput }
            let command = line.lowercased().trimmingCharacters(in: .whitespaces)
            switch command {
            case "?", "help", "h":
                Output.write(Output.dim(question.help) + "\n" + Output.dim(Self.commandsHelp) + "\n")
                continue
            case "back", "b":
                if flow.canGoBack { flow.back() } else { Output.write(Output.yellow("This is the first question.") + "\n") }
                continue
            case "quit", "exit", "q":
                return .quit
            case "done", "show me", "show me now", "go", "that's it", "thats it":
                do {
                    try flow.finish()
                    return .finished
                } catch {
                    Output.write(Output.yellow(error.localizedDescription) + "\n")
                    continue
                }
            default:
                do {
                    if command == "skip" || command == "s" { try flow.skip() } else { try flow.answer(line) }
                } catch {
                    Output.write(Output.yellow(error.localizedDescription) + "\n")
                    continue
                }
            }
            for note in flow.lastAnswerNotes { Output.write(Output.dim("  " + note) + "\n") }
            if flow.profile != nil, let count = try? flow.remainingCount() {
                let suffix = flow.isFinished ? "" : Output.dim("  (type `done` to see them)")
                Output.write(Output.green("→ \(count) gift\(count == 1 ? "" : "s") fit so far") + suffix + "\n")
            }
        }
        return .finished
    }

    static let commandsHelp = "Commands: back · skip · done (show gifts now) · quit"

    /// The question with its numbered options and how to answer.
    static func render(_ question: Question) -> String {
        var lines = ["", Output.bold(question.prompt)]
        for (index, option) in question.options.enumerated() {
            lines.append("  \(index + 1). \(option.label)")
        }
        var hints: [String] = []
        switch question.kind {
        case .multipleChoice: hints.append("numbers or words, several allowed (1,3)")
        case .singleChoice: hints.append("a number or words")
        case .number, .freeText: break
        }
        if question.canSkip { hints.append("Enter or `skip` to skip") }
        hints.append("`?` for help")
        lines.append(Output.dim("(" + hints.joined(separator: " · ") + ")"))
        return lines.joined(separator: "\n")
    }

    /// "Save them for next time?" for someone new, when there is input left to answer it.
    func offerToSave(_ profile: RecipientProfile, book: RecipientBook, prompter: inout Prompter) {
        for _ in 0..<3 {
            guard let name = prompter.ask("\n" + Output.bold("Save them for next time?") + " "
                                          + Output.dim("Type a name, or press Enter to skip."), prompt: "name: "),
                  !name.isEmpty, !["no", "n", "skip", "quit", "q", "exit"].contains(name.lowercased()) else { return }
            let recipient = SavedRecipient(name: name, ageMonthsWhenGiven: profile.ageMonths, ageGivenOn: Date(),
                                           interests: profile.interests, purposes: profile.purposes,
                                           budgetMax: profile.budgetMax, budgetMin: profile.budgetMin,
                                           excludedWords: profile.excludedWords)
            do {
                try book.add(recipient)
                Output.write(Output.green("Saved \(name).") + " Next time pick them from \"Who is it for?\".\n")
                return
            } catch {
                Output.write(Output.yellow(error.localizedDescription) + "\n")
            }
        }
    }
}

/// The results and the refine loop after the questions.
struct RefineSession {
    let catalog: GiftCatalog
    var profile: RecipientProfile
    var critique: Critique
    let history: HistorySignals
    var limit = 5
    var shown: [Recommendation] = []

    init(catalog: GiftCatalog, profile: RecipientProfile, critique: Critique, history: HistorySignals) {
        self.catalog = catalog
        self.profile = profile
        self.critique = critique
        self.history = history
    }

    enum Outcome { case done, startOver, back }

    static let help = "Refine: back · cheaper · more like N · not N · not like N · more educational|crafty|sporty|fun · more · start over · quit"

    /// Shows the gifts, then re-ranks on each refinement until `quit` or end of input.
    mutating func run(prompter: inout Prompter) throws -> Outcome {
        try show()
        while true {
            guard let line = prompter.ask("\n" + Output.dim(Self.help)) else { return .done }
            let command = line.lowercased().split(separator: " ").joined(separator: " ").replacingOccurrences(of: "#", with: "")
            switch command {
            case "":
                continue
            case "quit", "exit", "q", "done", "bye", "thanks", "thank you":
                return .done
            case "start over", "restart", "again", "start again":
                return .startOver
            case "back", "b":
                return .back
            case "?", "help":
                Output.write(Output.dim("cheaper: under the middle price shown · more like 2: more of that kind · not 3: drop that gift · "
                                        + "not like 3: drop that kind · back: change the last answer · more crafty: only crafty gifts · more: show more") + "\n")
                continue
            case "more":
                limit = min(limit + 5, 100)
            default:
                guard let refinement = Refinement(parsing: command) else {
                    Output.write(Output.yellow("I didn't understand \"\(String(line.prefix(60)))\".") + " " + Output.dim(Self.help) + "\n")
                    continue
                }
                do {
                    if let note = try refinement.apply(shown: shown, to: &profile, critique: &critique, taxonomy: catalog.taxonomy) {
                        Output.write(Output.dim(note) + "\n")
                    }
                } catch {
                    Output.write(Output.yellow(error.localizedDescription) + "\n")
                    continue
                }
            }
            try show()
        }
    }

    private mutating func show() throws {
        let result = try catalog.recommend(for: profile, limit: limit, history: history, critique: critique)
        shown = result.items
        Output.write("\n" + RecommendationPrinter.text(result, profile: profile))
    }
}
