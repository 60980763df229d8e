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
            `more educational|crafty|sporty|fun`, `try N` (a suggested change), `more`, `back` (undo the \
            last change; with none left, back to the questions), `change answers`, `change budget` (or \
            age, interests, purpose, avoid: that answer only, the others kept), `start over`, `quit`.
            """
    )

    @OptionGroup var database: DatabaseOptions

    static let quitWords: Set<String> = ["quit", "exit", "q"]
    static let finishedWords: Set<String> = ["done", "bye", "thanks", "thank you"]

    func run() throws {
        let catalog = try database.open()
        let book = RecipientBook(catalog: catalog)
        let saved = (try? book.all()) ?? []
        var prompter = Prompter()
        Output.say(
            Output.bold("Let's find a gift.") + " "
                + Output.dim("Answer by number or in words; `back`, `skip`, `done` (show gifts now), `?` for help.")
                + "\n")
        var conversation = GiftConversation(recipients: saved)
        while true {
            if let question = conversation.currentQuestion {
                guard let line = prompter.ask(Self.render(question)) else {
                    // End of input: recommend from what it has, if the age is known.
                    guard conversation.profile != nil else {
                        Output.error(
                            "No age was given, so there is nothing safe to recommend: giftwise needs the recipient's age "
                                + "(e.g. 7, 1.5 or 18 months) as the first answer.")
                        throw ExitCode(1)
                    }
                    try conversation.showResults(in: catalog)
                    showResults(conversation)
                    continue
                }
                if Self.quitWords.contains(line.lowercased()) { return }
                let reply = try conversation.respond(to: line, in: catalog)
                render(reply, conversation: conversation, catalog: catalog, interactive: prompter.isTerminal)
            } else {
                // With nothing listed, only the commands that change the answers apply.
                let help =
                    conversation.results.map { results in
                        guard results.items.isEmpty else { return Self.refineHelp }
                        return results.relaxations.isEmpty ? Self.emptyListHelp : Self.emptyListWithChangesHelp
                    } ?? Self.refineHelp
                guard let line = prompter.ask("\n" + Output.dim(help)) else { break }
                let command = line.lowercased().trimmingCharacters(in: .whitespaces)
                if Self.quitWords.contains(command) || Self.finishedWords.contains(command) { break }
                let reply = try conversation.respond(to: line, in: catalog)
                render(reply, conversation: conversation, catalog: catalog, interactive: prompter.isTerminal)
            }
        }
        // The answers are saved, not the one-off refinements ("cheaper", "more crafty").
        // Not after a list with nothing in it (a trial was asked to save a 1-year-old no gift was for).
        if conversation.flow.selectedRecipient == nil, let profile = conversation.flow.profile,
            conversation.results.map({ !$0.items.isEmpty }) ?? true
        {
            offerToSave(profile, book: book, prompter: &prompter)
        }
    }

    /// Prints what became of a line: the reason it was not taken, notes and the live count, or the list.
    func render(
        _ reply: GiftConversation.Reply, conversation: GiftConversation, catalog: GiftCatalog, interactive: Bool
    ) {
        switch reply {
        case .rejected(let reason):
            Output.say(Output.yellow(reason) + "\n")
        case .help(let text):
            Output.say(
                Output.dim(text) + "\n" + (conversation.results == nil ? Output.dim(Self.commandsHelp) + "\n" : ""))
        case .ignored:
            break
        case .startedOver:
            Output.say("\n" + Output.bold("Starting over.") + "\n")
        case .accepted:
            if conversation.results != nil {
                for note in conversation.notes { Output.say(Output.dim(note) + "\n") }
                showResults(conversation)
                return
            }
            for note in conversation.notes { Output.say(Output.dim("  " + note) + "\n") }
            if let count = try? conversation.remainingCount(in: catalog) {
                // `done` is a hint for someone typing; a piped transcript has its answers already.
                let suffix = interactive ? Output.dim("  (type `done` to see them)") : ""
                Output.say(Output.green("→ \(GiftCount.phrase(count)) fit so far") + suffix + "\n")
            }
        }
    }

    func showResults(_ conversation: GiftConversation) {
        guard let results = conversation.results, let profile = conversation.profile else { return }
        Output.say(
            "\n"
                + RecommendationPrinter.text(
                    results, profile: profile, name: conversation.flow.selectedRecipient?.name,
                    canPickRelaxations: true))
    }

    static let commandsHelp = "Commands: back · skip · done (show gifts now) · quit"
    static let emptyListWithChangesHelp = "Next: try N · back (undo) · change answers · start over · quit"
    static let emptyListHelp = "Next: back (undo) · change answers · start over · quit"
    static let refineHelp =
        "Refine: cheaper · more like N · not N · not like N · more educational|crafty|sporty|fun · try N · more · back (undo) · change answers · start over · quit"

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
            guard
                let name = prompter.ask(
                    "\n" + Output.bold("Save them for next time?") + " "
                        + Output.dim("Type a name, or press Enter to skip."), prompt: "name: "),
                !name.isEmpty, !["no", "n", "skip", "quit", "q", "exit"].contains(name.lowercased())
            else { return }
            // A trial typed `cheaper` after `done` and saved a recipient called "cheaper".
            if GiftConversation.isCommand(name) {
                Output.say(Output.yellow("\"\(name)\" is a command, not a name: the list is closed.") + "\n")
                continue
            }
            let recipient = SavedRecipient(name: name, profile: profile, on: Date())
            do {
                try book.add(recipient)
                Output.say(Output.green("Saved \(name).") + " Next time pick them from \"Who is it for?\".\n")
                return
            } catch {
                Output.say(Output.yellow(error.localizedDescription) + "\n")
            }
        }
    }
}
