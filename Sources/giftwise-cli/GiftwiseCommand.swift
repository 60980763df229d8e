import ArgumentParser
import Foundation
import Giftwise

@main
struct GiftwiseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "giftwise",
        abstract: "Find a gift that says \"I know you\": answer a few questions about the recipient, get gifts with reasons.",
        discussion: """
            With no subcommand, giftwise asks about the recipient (same as `giftwise ask`).
            The catalog lives at $GIFTWISE_DB, else $XDG_DATA_HOME/giftwise/catalog.sqlite
            (~/.local/share/giftwise/catalog.sqlite); --db PATH overrides. On first use it is
            created and filled with the bundled default catalog.
            """,
        subcommands: [AskCommand.self, RecommendCommand.self, CatalogCommand.self, RecipientsCommand.self, GiftsCommand.self],
        defaultSubcommand: AskCommand.self
    )
}

/// `--db PATH`, accepted by every command.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The catalog database file.", valueName: "path"))
    var db: String?

    var path: String { db ?? GiftCatalog.defaultPath() }

    /// Opens the catalog; `seed` fills a never-used catalog with the bundled default.
    func open(seed: Bool = true) throws -> GiftCatalog {
        let catalog = try GiftCatalog(path: path)
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
