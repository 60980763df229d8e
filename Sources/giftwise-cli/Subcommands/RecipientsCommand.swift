import ArgumentParser
import Foundation
import Giftwise

struct RecipientsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recipients",
        abstract: "Remember the people you buy for, so next year's gift is better.",
        discussion: """
            Recipients are kept only in the local catalog database. Their age advances by itself \
            (from the birth date, or from the age given on the day it was given). Gifts recorded \
            with `giftwise gifts record` are never recommended again, and loved or returned gifts \
            steer `giftwise recommend --for NAME`. `recipients forget NAME` deletes a recipient and \
            all their gifts without trace.
            """,
        subcommands: [
            AddRecipientCommand.self, ListRecipientsCommand.self, ShowRecipientCommand.self,
            EditRecipientCommand.self, ForgetRecipientCommand.self,
        ]
    )
}

struct GiftsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gifts",
        abstract: "Record gifts given to saved recipients and how they went.",
        subcommands: [RecordGiftCommand.self, GiftOutcomeCommand.self]
    )
}

extension GiftOutcome: ExpressibleByArgument {}

/// A calendar day typed as YYYY-MM-DD.
struct DayArgument: ExpressibleByArgument {
    var date: Date
    init?(argument: String) {
        guard let date = ISODay.date(from: argument) else { return nil }
        self.date = date
    }
    static var defaultValueDescription: String { "YYYY-MM-DD" }
}

/// The profile options shared by `add` and `edit`.
struct RecipientProfileOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp("Their age in years today (1.5 = 18 months); it advances by itself.", valueName: "years"))
    var age: Double?

    @Option(
        name: .customLong("birth-date"),
        help: ArgumentHelp("Their birth date; the age then follows it exactly.", valueName: "YYYY-MM-DD"))
    var birthDate: DayArgument?

    @Option(
        name: .customLong("interest"), help: ArgumentHelp("Something they enjoy (repeatable).", valueName: "interest"))
    var interests: [String] = []

    @Option(
        name: .customLong("purpose"),
        help: ArgumentHelp(
            "What gifts should be for (repeatable): educational, crafty, sporty, fun.", valueName: "purpose"))
    var purposes: [Purpose] = []

    @Option(help: ArgumentHelp("The most to spend, e.g. 30.", valueName: "max"))
    var budget: MoneyArgument?

    @Option(name: .customLong("budget-min"), help: ArgumentHelp("The least to spend.", valueName: "min"))
    var budgetMin: MoneyArgument?

    @Option(
        name: .customLong("exclude"),
        help: ArgumentHelp("A word to avoid (repeatable), e.g. glitter.", valueName: "word"))
    var excludes: [String] = []

    func validate() throws {
        if let age, !(0...120).contains(age) { throw ValidationError("--age must be between 0 and 120 years.") }
        if let birthDate, let problem = SavedRecipient.birthDateProblem(birthDate.date, ageYears: age, on: Date()) {
            throw ValidationError(
                problem.replacingOccurrences(of: "The birth date", with: "--birth-date")
                    .replacingOccurrences(of: "The age ", with: "--age ").replacingOccurrences(
                        of: "the birth date", with: "--birth-date"))
        }
        if let budget, let budgetMin, budgetMin.money > budget.money {
            throw ValidationError("--budget-min is above --budget.")
        }
        if interests.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("--interest cannot be empty.")
        }
        if excludes.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            throw ValidationError("--exclude cannot be empty.")
        }
    }

    /// Saved budgets are in the catalog's main currency: an amount that names another ("£20" in
    /// a shop that prices in dollars) is refused rather than saved as the wrong money.
    func checkCurrency(_ database: DatabaseOptions) throws {
        guard budget?.currency != nil || budgetMin?.currency != nil else { return }
        let main = try database.open().mainCurrency()
        for (option, amount) in [("--budget", budget), ("--budget-min", budgetMin)] {
            if let amount, let named = amount.currency, named != main {
                throw ValidationError(
                    "Saved budgets are in the catalog's currency, \(main): give \(option) as an amount in \(main) "
                        + "(e.g. \(option) \(String(format: "%g", amount.money.major))).")
            }
        }
    }

    /// Applies the options given to `recipient` (lists given replace the saved lists).
    func apply(to recipient: inout SavedRecipient) {
        recipient.setAge(birthDate: birthDate?.date, ageYears: age, on: Date())
        if !interests.isEmpty { recipient.interests = interests }
        if !purposes.isEmpty { recipient.purposes = Set(purposes) }
        if let budget { recipient.budgetMax = budget.money }
        if let budgetMin { recipient.budgetMin = budgetMin.money }
        if !excludes.isEmpty { recipient.excludedWords = excludes }
    }
}

struct AddRecipientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Save a recipient: give their age (or birth date) and what they like."
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("What you call them (unique, ignoring case).", valueName: "name"))
    var name: String

    @OptionGroup var profile: RecipientProfileOptions

    func validate() throws {
        if name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("The name cannot be empty.")
        }
        if profile.age == nil && profile.birthDate == nil {
            throw ValidationError("Give their age with --age YEARS (or their birth date with --birth-date YYYY-MM-DD).")
        }
        try profile.checkCurrency(database)
    }

    func run() throws {
        let book = RecipientBook(catalog: try database.open())
        var recipient = SavedRecipient(name: name)
        profile.apply(to: &recipient)
        let saved = try book.add(recipient)
        Output.write("Saved \(Output.bold(saved.name)) (\(RecipientText.age(saved, book: book))).\n")
    }
}

struct ListRecipientsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List saved recipients.")

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let catalog = try database.open()
        let book = RecipientBook(catalog: catalog)
        let recipients = try book.all()
        switch format {
        case .json:
            let items = try recipients.map { try RecipientText.json($0, book: book, gifts: nil) }
            Output.write(try RecipientText.encode(items))
        case .text:
            guard !recipients.isEmpty else {
                Output.write("No recipients saved yet. Add one with `giftwise recipients add NAME --age YEARS`.\n")
                return
            }
            for recipient in recipients {
                var parts = [RecipientText.age(recipient, book: book)]
                if let birthday = book.upcomingBirthdayText(for: recipient) { parts.append(birthday) }
                if !recipient.interests.isEmpty { parts.append(recipient.interests.joined(separator: ", ")) }
                if let budget = recipient.budgetMax {
                    parts.append("up to \(budget.formatted(currency: try catalog.mainCurrency()))")
                }
                Output.write("\(Output.bold(recipient.name))  \(Output.dim(parts.joined(separator: " · ")))\n")
            }
        }
    }
}

struct ShowRecipientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Show a recipient's profile and gift history.")

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The recipient's name.", valueName: "name"))
    var name: String

    @Option(help: "Output format: text or json.")
    var format: OutputFormat = .text

    func run() throws {
        let catalog = try database.open()
        let book = RecipientBook(catalog: catalog)
        let recipient = try book.recipient(named: name)
        let gifts = try book.gifts(for: recipient)
        if format == .json {
            Output.write(try RecipientText.encode(RecipientText.json(recipient, book: book, gifts: gifts)))
            return
        }
        var lines = [Output.bold(recipient.name)]
        var age = RecipientText.age(recipient, book: book)
        if let birthDate = recipient.birthDate { age += " (born \(ISODay.string(from: birthDate)))" }
        if let birthday = book.upcomingBirthdayText(for: recipient) { age += ", \(birthday)" }
        lines.append("  Age:        \(age)")
        lines.append(
            "  Interests:  \(recipient.interests.isEmpty ? "none saved" : recipient.interests.joined(separator: ", "))")
        lines.append(
            "  Purposes:   \(recipient.purposes.isEmpty ? "any" : recipient.purposes.sorted().map(\.rawValue).joined(separator: ", "))"
        )
        lines.append("  Budget:     \(RecipientText.budget(recipient, currency: try catalog.mainCurrency()))")
        if !recipient.excludedWords.isEmpty {
            lines.append("  Avoid:      \(recipient.excludedWords.joined(separator: ", "))")
        }
        if gifts.isEmpty {
            lines.append(
                "  Gifts:      none recorded yet (`giftwise gifts record \(RecipientText.quoted(recipient.name)) PRODUCT_ID`)"
            )
        } else {
            lines.append("  Gifts:")
            for gift in gifts.reversed() {
                var line = "    \(ISODay.string(from: gift.date))  \(gift.productName) [\(gift.productID)]"
                if let occasion = gift.occasion { line += " for \(occasion)" }
                if let outcome = gift.outcome {
                    let word = outcome.rawValue
                    line +=
                        " — "
                        + (outcome == .returned ? Output.yellow(word) : outcome == .loved ? Output.green(word) : word)
                }
                lines.append(line)
            }
        }
        Output.write(lines.joined(separator: "\n") + "\n")
    }
}

struct EditRecipientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "edit",
        abstract: "Change a saved recipient; options given replace the saved values.",
        discussion:
            "--interest, --purpose and --exclude replace the whole saved list when given; --clear-budget removes the budget."
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The recipient's name.", valueName: "name"))
    var name: String

    @Option(help: ArgumentHelp("A new name for them.", valueName: "name"))
    var rename: String?

    @OptionGroup var profile: RecipientProfileOptions

    @Flag(name: .customLong("clear-budget"), help: "Remove the saved budget (and minimum).")
    var clearBudget = false

    @Flag(name: .customLong("clear-exclude"), help: "Remove the saved words to avoid.")
    var clearExcludes = false

    func validate() throws {
        if let rename, rename.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ValidationError("--rename cannot be empty.")
        }
        if clearBudget && (profile.budget != nil || profile.budgetMin != nil) {
            throw ValidationError("--clear-budget cannot be combined with --budget or --budget-min.")
        }
        if clearExcludes && !profile.excludes.isEmpty {
            throw ValidationError("--clear-exclude cannot be combined with --exclude.")
        }
        try profile.checkCurrency(database)
    }

    func run() throws {
        let book = RecipientBook(catalog: try database.open())
        var recipient = try book.recipient(named: name)
        if clearBudget {
            recipient.budgetMax = nil
            recipient.budgetMin = nil
        }
        if clearExcludes { recipient.excludedWords = [] }
        profile.apply(to: &recipient)
        if let rename { recipient.name = rename }
        let saved = try book.update(recipient)
        Output.write("Updated \(Output.bold(saved.name)) (\(RecipientText.age(saved, book: book))).\n")
    }
}

struct ForgetRecipientCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forget",
        abstract: "Delete a recipient and every gift recorded for them, leaving no trace."
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The recipient's name.", valueName: "name"))
    var name: String

    func run() throws {
        let book = RecipientBook(catalog: try database.open(seed: false))
        let shown = try book.recipient(named: name).name
        let gifts = try book.forget(named: name)
        let history = gifts == 0 ? "" : " and \(gifts) recorded gift\(gifts == 1 ? "" : "s")"
        Output.write("Forgot \(shown)\(history).\n")
    }
}

struct RecordGiftCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "record",
        abstract: "Record a gift given to a saved recipient (it is never recommended to them again).",
        discussion: "A loved gift raises similar gifts next time; a returned one lowers them."
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The recipient's name.", valueName: "name"))
    var name: String

    @Argument(help: ArgumentHelp("The catalog product id (shown by `giftwise recommend`).", valueName: "product-id"))
    var productID: String

    @Option(help: "How it went: loved, liked or returned.")
    var outcome: GiftOutcome?

    @Option(help: ArgumentHelp("The day it was given (default: today).", valueName: "YYYY-MM-DD"))
    var date: DayArgument?

    @Option(help: ArgumentHelp("The occasion, e.g. birthday.", valueName: "text"))
    var occasion: String?

    func run() throws {
        let book = RecipientBook(catalog: try database.open())
        let recipient = try book.recipient(named: name)
        let gift = try book.recordGift(
            to: recipient.name, productID: productID, on: date?.date, occasion: occasion, outcome: outcome)
        var line =
            "Recorded \(Output.bold(gift.productName)) for \(recipient.name) on \(ISODay.string(from: gift.date))"
        if let outcome = gift.outcome { line += " (\(outcome.rawValue))" }
        Output.write(line + ".\n")
    }
}

struct GiftOutcomeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcome",
        abstract: "Say how a recorded gift went (its latest recording)."
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: ArgumentHelp("The recipient's name.", valueName: "name"))
    var name: String

    @Argument(help: ArgumentHelp("The product id of the gift.", valueName: "product-id"))
    var productID: String

    @Argument(help: "loved, liked or returned.")
    var outcome: GiftOutcome

    func run() throws {
        let book = RecipientBook(catalog: try database.open())
        let recipient = try book.recipient(named: name)
        let gift = try book.setOutcome(outcome, forGiftTo: recipient.name, productID: productID)
        Output.write("\(recipient.name) \(outcome.rawValue) the \(gift.productName).\n")
    }
}

/// Shared wording and JSON for recipients.
enum RecipientText {
    static func age(_ recipient: SavedRecipient, book: RecipientBook) -> String {
        guard let profile = try? book.profile(for: recipient) else { return "age unknown" }
        if profile.ageMonths < 24 { return "\(profile.ageMonths) month\(profile.ageMonths == 1 ? "" : "s") old" }
        return "\(profile.ageYears) years old"
    }

    /// The saved budget, in the catalog's main currency (saved budgets are read in it).
    static func budget(_ recipient: SavedRecipient, currency: String) -> String {
        switch (recipient.budgetMin, recipient.budgetMax) {
        case (let min?, let max?): "\(min.formatted(currency: currency)) to \(max.formatted(currency: currency))"
        case (nil, let max?): "up to \(max.formatted(currency: currency))"
        case (let min?, nil): "at least \(min.formatted(currency: currency))"
        case (nil, nil): "none"
        }
    }

    static func quoted(_ name: String) -> String {
        name.contains(where: { $0.isWhitespace || "\"'$`\\".contains($0) })
            ? "\"\(name.replacingOccurrences(of: "\"", with: "\\\""))\"" : name
    }

    struct JSONGift: Encodable {
        var productId: String
        var name: String
        var date: String
        var occasion: String?
        var outcome: String?
    }

    struct JSONRecipient: Encodable {
        var name: String
        var age: Int?
        var ageMonths: Int?
        var birthDate: String?
        var upcomingBirthday: String?
        var interests: [String]
        var purposes: [String]
        var budget: Double?
        var budgetMin: Double?
        var exclude: [String]
        var gifts: [JSONGift]?
    }

    static func json(_ recipient: SavedRecipient, book: RecipientBook, gifts: [GiftRecord]?) throws -> JSONRecipient {
        let profile = try? book.profile(for: recipient)
        return JSONRecipient(
            name: recipient.name, age: profile?.ageYears, ageMonths: profile?.ageMonths,
            birthDate: recipient.birthDate.map(ISODay.string(from:)),
            upcomingBirthday: book.upcomingBirthdayText(for: recipient),
            interests: recipient.interests, purposes: recipient.purposes.sorted().map(\.rawValue),
            budget: recipient.budgetMax?.major, budgetMin: recipient.budgetMin?.major, exclude: recipient.excludedWords,
            gifts: gifts?.map {
                JSONGift(
                    productId: $0.productID, name: $0.productName, date: ISODay.string(from: $0.date),
                    occasion: $0.occasion, outcome: $0.outcome?.rawValue)
            })
    }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self) + "\n"
    }
}
