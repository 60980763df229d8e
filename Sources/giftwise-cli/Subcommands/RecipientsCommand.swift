import ArgumentParser
import Giftwise

// PLACEHOLDER — replaced by the recipients work.
struct RecipientsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "recipients", abstract: "Saved recipients.")
}
struct GiftsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "gifts", abstract: "Gift history.")
}
