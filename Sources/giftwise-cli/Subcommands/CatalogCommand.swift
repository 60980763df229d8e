import ArgumentParser
import Foundation
import Giftwise

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Import, export and summarise the product catalog.",
        subcommands: [
            ImportCommand.self, ExportCommand.self, StatsCommand.self, RatesCommand.self, IdeasCommand.self,
            PublishCommand.self,
        ]
    )
}

extension ImportOptions.Format: ExpressibleByArgument {}
extension ExportFormat: ExpressibleByArgument {}

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Add or update products from a CSV, JSON or JSON Lines file (all or nothing).",
        discussion: """
            Products are matched by id: new ids are added, changed ones updated, identical ones \
            counted as unchanged. If any row is invalid nothing is written and every problem is \
            listed with its line, field and reason (exit status 1). Products without interests or \
            purposes are tagged from their name and description.

            Foreign exports: --map FIELD=COLUMN reads a catalog field from another column. \
            `--map interests=theme,subtheme` reads the shop's own tags from one or more category \
            columns (trusted above tags guessed from text). The extra field `age` reads an age \
            phrase from free text ("Manufacturer recommended age: 3 years and up", "ages 8+"); \
            numbers that are not written as an age (model numbers, ASINs, sizes) are never read \
            as one. Prices such as £3.42 or $1,299.00 are accepted; a range such as \
            "£12.60 - £16.00" is an error (--skip-invalid leaves such rows out).

            Examples:
              giftwise catalog import products.csv --dry-run
              giftwise --db shop.sqlite catalog import amazon.csv --skip-invalid --currency GBP \\
                --map id=product_id --map name=product_name \\
                --map description=product_description --map age=product_information
              giftwise --db lego.sqlite catalog import lego_sets.csv --skip-invalid \\
                --map id=set_id --map price=US_retailPrice --map age_min=agerange_min \\
                --map url=bricksetURL --map interests=theme,subtheme
              giftwise catalog import supplier.jsonl --replace --report json
            """
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The catalog file.", valueName: "file"))
    var file: String

    @Option(help: "File format: auto, csv, json or jsonl (auto: from the extension or the first character).")
    var format: ImportOptions.Format = .auto

    @Flag(name: .customLong("dry-run"), help: "Validate and report without writing anything.")
    var dryRun = false

    @Flag(help: "Also remove products that the file does not list.")
    var replace = false

    @Option(
        name: .customLong("map"),
        help: ArgumentHelp(
            "Read FIELD from COLUMN (repeatable), e.g. name=product_name; interests and purposes take several columns: interests=theme,subtheme.",
            valueName: "field=column"))
    var mappings: [String] = []

    @Option(
        help: ArgumentHelp(
            "CSV field separator, e.g. ';' or tab (default: read from the header line).", valueName: "char"))
    var delimiter: String?

    @Flag(
        name: .customLong("skip-invalid"),
        help: "Import the valid rows and list the invalid ones as skipped (for messy foreign exports).")
    var skipInvalid = false

    @Option(
        help: ArgumentHelp(
            "The currency of prices that name none (no currency column, no symbol such as £), e.g. GBP.",
            valueName: "code"))
    var currency = "USD"

    @Option(help: "Print the report as json (the error list included).")
    var report: OutputFormat = .text

    func validate() throws {
        for mapping in mappings {
            let parts = mapping.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                throw ValidationError("--map takes FIELD=COLUMN, e.g. --map name=product_name (got \"\(mapping)\").")
            }
            let fields = CatalogField.allCases.map(\.rawValue).joined(separator: ", ")
            guard CatalogField(rawValue: String(parts[0])) != nil else {
                throw ValidationError("--map: \"\(parts[0])\" is not a catalog field (\(fields)).")
            }
        }
        guard ExchangeRates.isCurrencyCode(currency) else {
            throw ValidationError("--currency takes a three-letter ISO 4217 code such as GBP (got \"\(currency)\").")
        }
        guard let delimiter, delimiter != "\\t", delimiter != "tab" else { return }
        guard delimiter.count == 1, delimiter.first?.isASCII == true, delimiter != "\"" else {
            throw ValidationError("--delimiter must be one ASCII character other than a quote, e.g. ';'.")
        }
    }

    func run() throws {
        let catalog = try database.open(seed: false)
        var columnMap: [String: String] = [:]
        for mapping in mappings {
            let parts = mapping.split(separator: "=", maxSplits: 1)
            let field = String(parts[0])
            // `--map interests=theme --map interests=subtheme` adds columns to a list field.
            if let earlier = columnMap[field], CatalogField(rawValue: field)?.acceptsSeveralColumns == true {
                columnMap[field] = earlier + "," + String(parts[1])
            } else {
                columnMap[field] = String(parts[1])
            }
        }
        let name = URL(fileURLWithPath: file).lastPathComponent
        let progress = ProgressBar(
            enabled: Output.stderrIsTerminal && report == .text, label: (dryRun ? "Checking " : "Importing ") + name)
        let options = ImportOptions(
            format: format, dryRun: dryRun, replace: replace, columnMap: columnMap,
            delimiter: delimiter.map { ($0 == "\\t" || $0 == "tab") ? "\t" : Character($0) },
            skipInvalidRows: skipInvalid, defaultCurrency: currency.uppercased(), progress: { progress.update($0) })
        let result: ImportReport
        do {
            result = try catalog.importFile(at: URL(fileURLWithPath: file), options: options)
            progress.finish()
        } catch GiftwiseError.invalidImport(let failed) {
            progress.finish()
            if report == .json {
                Output.write(try Self.json(failed))
            } else {
                Output.error(failed.errorSummary)
            }
            throw ExitCode(1)
        } catch {
            progress.finish()
            throw error
        }
        if report == .json {
            Output.write(try Self.json(result))
            return
        }
        let verb = dryRun ? "Would import" : "Imported"
        var summary = "\(verb): \(result.added) added, \(result.updated) updated, \(result.unchanged) unchanged"
        if replace { summary += ", \(result.removed) removed" }
        if result.skipped > 0 { summary += ", \(result.skipped) invalid rows skipped" }
        // Only products whose interests were guessed from their words: a mapped category column
        // supplies the shop's own tags.
        if result.autoTagged > 0 { summary += " (\(result.autoTagged) tagged from their text)" }
        Output.write(summary + ".\n")
        for warning in result.warnings.prefix(25) { Output.error("warning: " + warning) }
        if result.warnings.count > 25 {
            Output.error("… and \(result.warnings.count - 25) more warnings (--report json lists them all).")
        }
    }

    static func json(_ report: ImportReport) throws -> String {
        try GiftwiseJSON.text(report)
    }
}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the whole catalog in the import format (export then import is a round trip)."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Format: csv, json or jsonl.")
    var format: ExportFormat = .csv

    @Option(help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        let catalog = try database.open()
        if let output {
            // Write beside the target and move into place, so a failed export never leaves half a file.
            let target = URL(fileURLWithPath: output)
            let temporary = target.deletingLastPathComponent().appendingPathComponent(
                ".\(target.lastPathComponent).partial")
            guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
                throw GiftwiseError.cannotWrite(path: output, reason: "the file cannot be created")
            }
            let handle = try FileHandle(forWritingTo: temporary)
            do {
                try catalog.export(format: format) { try handle.write(contentsOf: $0) }
                try handle.close()
                _ = try? FileManager.default.removeItem(at: target)
                try FileManager.default.moveItem(at: temporary, to: target)
            } catch {
                try? FileManager.default.removeItem(at: temporary)
                throw error
            }
        } else {
            try catalog.export(format: format) { FileHandle.standardOutput.write($0) }
        }
    }
}

struct StatsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats", abstract: "Summarise the catalog: counts by purpose, age band and interest.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let catalog = try database.open()
        let stats = try catalog.stats()
        if format == .json {
            Output.write(try GiftwiseJSON.text(stats))
            return
        }
        var lines = [
            "Catalog: \(catalog.path)",
            "Products: \(stats.products) (\(stats.inStock) in stock, \(stats.autoTagged) tagged from text)",
        ]
        // One line per currency, the most common first: mixed currencies are never one range.
        for (index, prices) in stats.prices.enumerated() {
            func money(_ value: Double) -> String { Money(value).formatted(currency: prices.currency) }
            let which = stats.prices.count > 1 ? " in \(prices.currency) (\(prices.products) products)" : ""
            lines.append(
                (index == 0 ? "Prices" : "       ") + "\(which): \(money(prices.min)) to \(money(prices.max)), "
                    + "median \(money(prices.median))")
        }
        lines.append(
            "Purposes: "
                + Purpose.allCases.map { "\($0.rawValue) \(stats.purposes[$0.rawValue] ?? 0)" }.joined(separator: ", "))
        lines.append(
            "Suitable by age: "
                + CatalogStats.bands.map { "\($0.0): \(stats.ageBands[$0.0] ?? 0)" }.joined(separator: ", "))
        lines.append(
            "Top interests: "
                + stats.topInterests.prefix(12).map { "\($0.interest) \($0.products)" }.joined(separator: ", "))
        lines.append("Taxonomy: \(stats.taxonomyInterests) interests; \(stats.freeTags) shop tags of its own")
        Output.write(lines.joined(separator: "\n") + "\n")
    }
}
