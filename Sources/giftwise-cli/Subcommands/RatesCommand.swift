import ArgumentParser
import Foundation
import Giftwise

/// `giftwise catalog rates`: the exchange rates a shop supplies for a catalog priced in several currencies.
struct RatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rates",
        abstract: "Import or list the exchange rates budgets use across currencies.",
        discussion: """
            A budget is in one currency (the catalog's main one: the currency most products are \
            priced in). Products priced in another currency are compared only through rates the \
            shop supplies; without a rate they are left out of budgeted results.
            """,
        subcommands: [RatesImportCommand.self, RatesListCommand.self],
        defaultSubcommand: RatesListCommand.self
    )
}

struct RatesImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Replace the catalog's exchange rates with those of a CSV file (all or nothing).",
        discussion: """
            The file's header names the currency the rates are in; each row says what one unit \
            of a currency is worth in it:

              currency,rate_to_USD
              EUR,1.08
              GBP,1.27
              JPY,0.0067

            Examples:
              giftwise catalog rates import rates.csv
              giftwise --db shop.sqlite catalog rates import rates.csv
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The rates file (CSV: currency,rate_to_XXX).", valueName: "file"))
    var file: String

    func run() throws {
        let catalog = try database.open(seed: false)
        let rates: ExchangeRates
        do {
            rates = try catalog.importExchangeRates(at: URL(fileURLWithPath: file))
        } catch GiftwiseError.invalidImport(let failed) {
            Output.error(failed.errorSummary)
            throw ExitCode(1)
        }
        Output.write(
            "Imported \(rates.rates.count) exchange rate\(rates.rates.count == 1 ? "" : "s") against \(rates.base).\n")
    }
}

struct RatesListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "List the catalog's currencies and exchange rates.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let catalog = try database.open()
        let rates = try catalog.exchangeRates()
        let counts = try catalog.currencyCounts()
        let main = try catalog.mainCurrency()
        if format == .json {
            struct Document: Encodable {
                var mainCurrency: String
                var products: [String: Int]
                var base: String
                var rates: [String: Double]
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let document = Document(mainCurrency: main, products: counts, base: rates.base, rates: rates.rates)
            Output.write(String(decoding: try encoder.encode(document), as: UTF8.self) + "\n")
            return
        }
        var lines = ["Main currency: \(main)"]
        for (currency, count) in counts.sorted(by: { $0.key < $1.key }) {
            let rate: String
            if currency == rates.base {
                rate = "the rates' base"
            } else if let value = rates.rate(from: currency, to: rates.base) {
                rate = "1 \(currency) = \(value) \(rates.base)"
            } else {
                rate = "no rate: left out of budgeted results in other currencies"
            }
            lines.append("  \(currency): \(count) product\(count == 1 ? "" : "s"); \(rate)")
        }
        for (currency, value) in rates.rates.sorted(by: { $0.key < $1.key }) where counts[currency] == nil {
            lines.append("  \(currency): no products; 1 \(currency) = \(value) \(rates.base)")
        }
        if rates.rates.isEmpty && counts.count > 1 {
            lines.append("No exchange rates: `giftwise catalog rates import rates.csv` supplies them.")
        }
        Output.write(lines.joined(separator: "\n") + "\n")
    }
}
