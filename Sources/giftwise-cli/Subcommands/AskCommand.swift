import ArgumentParser
import Giftwise

// PLACEHOLDER — replaced by the question-flow work.
struct AskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "ask", abstract: "Ask about the recipient, then recommend.")
    @OptionGroup var database: DatabaseOptions
    func run() throws {}
}
