import ArgumentParser
import Foundation
import Giftwise

@main
struct GiftwiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "giftwise",
        abstract:
            "Find a gift that says \"I know you\": answer a few questions about the recipient, get gifts with reasons.",
        discussion: """
            With no subcommand, giftwise asks about the recipient (same as `giftwise ask`). \
            The catalog lives at $GIFTWISE_DB, else $XDG_DATA_HOME/giftwise/catalog.sqlite \
            (~/.local/share/giftwise/catalog.sqlite). On first use it is created and filled with \
            the bundled default catalog.

            --db PATH, accepted by every command before or after its name, uses another catalog file.

            Examples:
              giftwise                      (asks about them, then recommends)
              giftwise recommend --age 7 --interest dinosaurs --budget 30
              giftwise --db shop.sqlite catalog import products.csv --dry-run
              giftwise recipients add Maya --age 7 --interest dinosaurs --budget 30
            """,
        subcommands: [
            AskCommand.self, RecommendCommand.self, CatalogCommand.self, RecipientsCommand.self, GiftsCommand.self,
            ServeCommand.self,
        ],
        defaultSubcommand: AskCommand.self
    )

    /// Lets `--db PATH` stand before the subcommand too (`giftwise --db x.sqlite catalog stats`):
    /// the argument parser reads options per command, so it is moved behind the subcommand.
    /// Usage errors exit with status 2 (DESIGN §4), not the parser's default 64.
    static func main() {
        // Before any catalog is opened: this process is SQLite's only user.
        SQLiteProcess.configureOwnProcess()
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let message = unknownCommandMessage(arguments) {
            FileHandle.standardError.write(Data(("Error: " + message + "\n").utf8))
            Foundation.exit(2)
        }
        do {
            let arguments = hoistingDatabaseOption(arguments)
            // The server has its own binary and options (`giftwise serve --help` shows them).
            if arguments.first == "serve" { ServeCommand.handOver(Array(arguments.dropFirst())) }
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: commandLineWording(error))
        }
    }

    /// The library says "use another catalog file"; on the command line that is `--db PATH`.
    static func commandLineWording(_ error: any Error) -> any Error {
        guard let error = error as? GiftwiseError else { return error }
        switch error {
        case .notACatalog, .newerCatalogVersion, .cannotWrite:
            let message = (error.errorDescription ?? "").replacingOccurrences(
                of: "use another catalog file", with: "pass another --db path")
            return CommandLineMessage(message: message)
        default:
            return error
        }
    }

    /// "unknown command 'recomend' — did you mean 'recommend'?" when the first word that is not an
    /// option names no command (the default command, `ask`, takes no words of its own).
    static func unknownCommandMessage(_ arguments: [String]) -> String? {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { return nil }
            if argument == "--db" || argument == "--generate-completion-script" {
                index += 2
                continue
            }
            if argument.hasPrefix("-") {
                index += 1
                continue
            }
            let names = configuration.subcommands.map { $0._commandName } + ["help"]
            guard !names.contains(argument) else { return nil }
            let shown = argument.count > 40 ? String(argument.prefix(40)) + "…" : argument
            let closest = names.map { ($0, editDistance($0, argument.lowercased())) }.min { $0.1 < $1.1 }
            if let closest, closest.1 <= max(1, closest.0.count / 3) {
                return "unknown command '\(shown)' — did you mean '\(closest.0)'?"
            }
            return "unknown command '\(shown)'. Commands: " + names.dropLast().joined(separator: ", ")
                + " (see giftwise --help)."
        }
        return nil
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    static func hoistingDatabaseOption(_ arguments: [String]) -> [String] {
        let names = Set(configuration.subcommands.map { $0._commandName })
        guard let commandIndex = arguments.firstIndex(where: names.contains) else { return arguments }
        var before = Array(arguments[..<commandIndex])
        var moved: [String] = []
        var index = 0
        while index < before.count {
            if before[index] == "--db", index + 1 < before.count {
                moved += before[index...(index + 1)]
                before.removeSubrange(index...(index + 1))
            } else if before[index].hasPrefix("--db=") {
                moved.append(before.remove(at: index))
            } else {
                index += 1
            }
        }
        guard !moved.isEmpty else { return arguments }
        let rest = Array(arguments[commandIndex...])
        if let terminator = rest.firstIndex(of: "--") {
            return before + Array(rest[..<terminator]) + moved + Array(rest[terminator...])
        }
        return before + rest + moved
    }
}

/// A library error worded for the command line.
struct CommandLineMessage: LocalizedError {
    var message: String
    var errorDescription: String? { message }
}

/// `--db PATH`, accepted by every command.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The catalog database file.", valueName: "path"))
    var db: String?

    var path: String { db ?? GiftCatalog.defaultPath() }

    /// Opens the catalog; `seed` fills a never-used catalog with the bundled default.
    func open(seed: Bool = true) throws -> GiftCatalog {
        let catalog = try GiftCatalog(path: path, singleConnection: true)
        if seed { try catalog.fillWithDefaultCatalogIfEmpty() }
        return catalog
    }
}

extension Purpose: ExpressibleByArgument {
    public init?(argument: String) { self.init(word: argument) }
    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}

enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Reads a budget as the question flow does: 30, $30, a range 20-40, "under 30", "30+".
struct BudgetArgument: ExpressibleByArgument {
    var text: String
    var min: Money?
    var max: Money?
    /// The currency the budget names ("£30"), if any.
    var currency: String?
    init?(argument: String) {
        guard let budget = AnswerParser.parseBudget(argument), budget.min != nil || budget.max != nil else {
            return nil
        }
        if let low = budget.min, let high = budget.max, low > high { return nil }
        (text, min, max) = (argument, budget.min, budget.max)
        currency = AnswerParser.budgetCurrency(argument)
    }
}

/// Reads a money amount such as 30, 24.99 or $30.
struct MoneyArgument: ExpressibleByArgument {
    var money: Money
    /// The currency the amount names ("£30"), if any.
    var currency: String?
    init?(argument: String) {
        let cleaned = AnswerParser.withoutCurrency(argument).trimmingCharacters(in: .whitespaces)
        guard let value = Double(cleaned), value.isFinite, value >= 0, value <= 1_000_000_000 else { return nil }
        money = Money(value)
        currency = AnswerParser.budgetCurrency(argument)
    }
}
