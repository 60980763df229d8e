import ArgumentParser
import Foundation
import Giftwise

/// `giftwise catalog ideas`: the gift ideas named when nothing in the catalog fits.
struct IdeasCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ideas",
        abstract: "Import, export or reset the gift ideas named when nothing in the catalog fits.",
        discussion: """
            When a recommendation's fit is partial or none, Giftwise names gift ideas (kinds of \
            gift, not products) to look for elsewhere, for the recipient's interests and age. The \
            bundled ideas come from catalog/ideas.json; a shop can store its own file in a catalog: \
            for each interest the file names, its ideas replace the bundled ones.
            """,
        subcommands: [IdeasImportCommand.self, IdeasExportCommand.self, IdeasResetCommand.self],
        defaultSubcommand: IdeasExportCommand.self
    )
}

struct IdeasImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Store a gift ideas file in the catalog (all or nothing).",
        discussion: """
            The file is a JSON object keyed by interest id (the ids of catalog/interests.json); \
            ages are years, ageMax inclusive, and an idea without ageMin is never shown to an under-3:

              {"diving": [{"idea": "a dive logbook to record every dive", "ageMin": 13},
                          {"idea": "a snorkel mask and fins sized for them", "ageMin": 6, "ageMax": 12}]}

            Examples:
              giftwise catalog ideas import shop-ideas.json
              giftwise catalog ideas export > ideas.json   # start from the ideas in use
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The ideas file (JSON).", valueName: "file"))
    var file: String

    func run() throws {
        var catalog = try database.open(seed: false)
        let ideas = try catalog.importGiftIdeas(at: URL(fileURLWithPath: file))
        let count = ideas.byInterest.values.reduce(0) { $0 + $1.count }
        Output.write(
            "Stored \(count) idea\(count == 1 ? "" : "s") for \(ideas.byInterest.count) interest\(ideas.byInterest.count == 1 ? "" : "s"); the bundled ideas apply to the rest.\n"
        )
    }
}

struct IdeasExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Print the gift ideas in use (bundled, with the shop's file applied) as an ideas file.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        let catalog = try database.open(seed: false)
        Output.write(
            String(
                decoding: catalog.giftIdeas.jsonData(interestOrder: catalog.taxonomy.interests.map(\.id)), as: UTF8.self
            ))
    }
}

struct IdeasResetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset", abstract: "Forget the shop's ideas file: the bundled ideas apply again.")

    @OptionGroup var database: DatabaseOptions

    func run() throws {
        var catalog = try database.open(seed: false)
        try catalog.removeShopGiftIdeas()
        Output.write("The bundled gift ideas apply again.\n")
    }
}
