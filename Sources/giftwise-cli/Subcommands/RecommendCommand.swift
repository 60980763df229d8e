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

            Examples:
              giftwise recommend --age 7 --interest dinosaurs --purpose crafty --budget 30
              giftwise recommend --age 1.5 --interest music --budget 15-40 --exclude slime
              giftwise recommend --for Maya --budget 20 --format json
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: ArgumentHelp("The recipient's age in years (1.5 = 18 months).", valueName: "years"))
    var age: Double?

    @Option(
        name: .customLong("for"),
        help: ArgumentHelp("Use a saved recipient's profile; other options override it.", valueName: "name"))
    var recipient: String?

    @Option(
        name: .customLong("interest"),
        help: ArgumentHelp(
            "Something they enjoy (repeatable): dinosaurs, baking, \"board games\".", valueName: "interest"))
    var interests: [String] = []

    @Option(
        name: .customLong("purpose"), help: ArgumentHelp("What the gift is for (repeatable).", valueName: "purpose"))
    var purposes: [Purpose] = []

    @Option(help: ArgumentHelp("The most to spend, e.g. 30, or a range, e.g. 20-40.", valueName: "max"))
    var budget: BudgetArgument?

    @Option(name: .customLong("budget-min"), help: ArgumentHelp("The least to spend.", valueName: "min"))
    var budgetMin: MoneyArgument?

    @Option(
        name: .customLong("exclude"),
        help: ArgumentHelp("A word to avoid (repeatable), e.g. glitter or a product id they own.", valueName: "word"))
    var excludes: [String] = []

    @Option(
        help: ArgumentHelp("The budget's currency, e.g. EUR (default: the catalog's main currency).", valueName: "code")
    )
    var currency: String?

    @Option(help: "How many gifts to show (1-100).")
    var limit: Int = 5

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func validate() throws {
        if let age, !(0...120).contains(age) { throw ValidationError("--age must be between 0 and 120 years.") }
        if age == nil && recipient == nil {
            throw ValidationError("Give the recipient's age with --age YEARS (or a saved recipient with --for NAME).")
        }
        if !(1...100).contains(limit) { throw ValidationError("--limit must be between 1 and 100.") }
        if let budgetMin, let low = budget?.min, budgetMin.money != low {
            throw ValidationError("Give the least to spend once: --budget \(budget!.text) already has one.")
        }
        if let budgetMin, let high = budget?.max, budgetMin.money > high {
            throw ValidationError("--budget-min is above --budget.")
        }
        if let currency, !ExchangeRates.isCurrencyCode(currency) {
            throw ValidationError("--currency takes a three-letter currency code, e.g. USD or EUR.")
        }
        if let currency, let named = budget?.currency, named != currency.uppercased() {
            throw ValidationError(
                "--budget \(budget!.text) is in \(named) but --currency says \(currency.uppercased()).")
        }
        if let low = budgetMin?.currency, let other = currency?.uppercased() ?? budget?.currency, low != other {
            throw ValidationError("--budget-min is in \(low) but the budget is in \(other).")
        }
    }

    func run() throws {
        let catalog = try database.open()
        let overrides = ProfileOverrides(
            ageYears: age, interests: interests, purposes: Set(purposes), budgetMax: budget?.max,
            budgetMin: budgetMin?.money ?? budget?.min, exclude: excludes,
            currency: currency ?? budget?.currency ?? budgetMin?.currency)
        let profile: RecipientProfile
        var history = HistorySignals.none
        var name: String?
        if let recipient {
            let saved = try RecipientBook(catalog: catalog).profile(named: recipient, overriding: overrides)
            (profile, history, name) = (saved.profile, saved.history, saved.recipient.name)
        } else {
            profile = try overrides.applied(to: RecipientProfile(ageYears: age ?? 0), in: catalog)
        }
        let result = try catalog.recommend(for: profile, limit: limit, history: history)
        switch format {
        case .text: Output.say(RecommendationPrinter.text(result, profile: profile, name: name))
        case .json: Output.write(try RecommendationPrinter.json(result))
        }
    }
}
