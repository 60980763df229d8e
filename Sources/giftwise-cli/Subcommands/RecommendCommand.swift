import ArgumentParser
import Foundation
import Giftwise

struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Recommend gifts for a profile given as options (no questions asked).",
        discussion: """
            Hard limits are never broken: the gift's age range must include --age, its price must be \
            within --budget, and nothing matching an --exclude word is shown. When few gifts fit, the \
            output says which change of answers would help and how many gifts it would open up.
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The recipient's age in years (1.5 = 18 months).", valueName: "years"))
    var age: Double?

    @Option(name: .customLong("for"), help: ArgumentHelp("Use a saved recipient's profile; other options override it.", valueName: "name"))
    var recipient: String?

    @Option(name: .customLong("interest"), help: ArgumentHelp("Something they enjoy (repeatable): dinosaurs, baking, \"board games\".", valueName: "interest"))
    var interests: [String] = []

    @Option(name: .customLong("purpose"), help: ArgumentHelp("What the gift is for (repeatable): educational, crafty, sporty, fun.", valueName: "purpose"))
    var purposes: [Purpose] = []

    @Option(help: ArgumentHelp("The most to spend, e.g. 30.", valueName: "max"))
    var budget: MoneyArgument?

    @Option(name: .customLong("budget-min"), help: ArgumentHelp("The least to spend.", valueName: "min"))
    var budgetMin: MoneyArgument?

    @Option(name: .customLong("exclude"), help: ArgumentHelp("A word to avoid (repeatable), e.g. glitter or a product id they own.", valueName: "word"))
    var excludes: [String] = []

    @Option(help: "How many gifts to show (1-100).")
    var limit: Int = 5

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if let age, !(0...120).contains(age) { throw ValidationError("--age must be between 0 and 120 years.") }
        if age == nil && recipient == nil { throw ValidationError("Give the recipient's age with --age YEARS (or a saved recipient with --for NAME).") }
        if !(1...100).contains(limit) { throw ValidationError("--limit must be between 1 and 100.") }
        if let budget, let budgetMin, budgetMin.money > budget.money { throw ValidationError("--budget-min is above --budget.") }
    }

    func run() throws {
        let catalog = try database.open()
        var profile: RecipientProfile
        var history = HistorySignals.none
        if let recipient {
            let book = RecipientBook(catalog: catalog)
            let saved = try book.recipient(named: recipient)
            profile = try book.profile(for: saved)
            history = try book.historySignals(for: saved)
            if let age { profile.ageMonths = Int((age * 12).rounded(.down)) }
        } else {
            profile = RecipientProfile(ageYears: age ?? 0)
        }
        if !interests.isEmpty { profile.interests = interests }
        if !purposes.isEmpty { profile.purposes = Set(purposes) }
        if let budget { profile.budgetMax = budget.money }
        if let budgetMin { profile.budgetMin = budgetMin.money }
        // A word that is a product id excludes that product; every word is also avoided as text.
        for word in excludes {
            if try catalog.product(id: word) != nil { profile.excludedProductIDs.insert(word) } else { profile.excludedWords.append(word) }
        }
        let result = try catalog.recommend(for: profile, limit: limit, history: history)
        switch format {
        case .text: Output.write(RecommendationPrinter.text(result, profile: profile))
        case .json: Output.write(try RecommendationPrinter.json(result))
        }
    }
}
