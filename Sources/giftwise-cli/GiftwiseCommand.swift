import ArgumentParser
import Foundation
import Giftwise

@main
struct GiftwiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "giftwise",
        abstract: "Find a gift that says \"I know you\": answer a few questions about the recipient, get gifts with reasons.",
        discussion: """
            With no subcommand, giftwise asks about the recipient (same as `giftwise ask`). \
            The catalog lives at $GIFTWISE_DB, else $XDG_DATA_HOME/giftwise/catalog.sqlite \
            (~/.local/share/giftwise/catalog.sqlite); --db PATH overrides. On first use it is \
            created and filled with the bundled default catalog.
            """,
        subcommands: [AskCommand.self, RecommendCommand.self, CatalogCommand.self, RecipientsCommand.self, GiftsCommand.self, ServeCommand.self],
        defaultSubcommand: AskCommand.self
    )

    /// Lets `--db PATH` stand before the subcommand too (`giftwise --db x.sqlite catalog stats`):
    /// the argument parser reads options per command, so it is moved behind the subcommand.
    /// Usage errors exit with status 2 (DESIGN §4), not the parser's default 64.
    static func main() {
        do {
            let arguments = hoistingDatabaseOption(Array(CommandLine.arguments.dropFirst()))
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
            exit(withError: error)
        }
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

/// Reads a money amount such as 30, 24.99 or $30.
struct MoneyArgument: ExpressibleByArgument {
    var money: Money
    init?(argument: String) {
        let cleaned = argument.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "$", with: "")
        guard let value = Double(cleaned), value.isFinite, value >= 0, value <= 1_000_000_000 else { return nil }
        money = Money(value)
    }
}
