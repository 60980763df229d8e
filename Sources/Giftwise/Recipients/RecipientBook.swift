import Foundation
import GRDB

/// The people the user buys for and what they were given, kept in the catalog's database.
///
/// Everything stays local: nothing here is logged, and ``forget(named:)`` removes a recipient and
/// their whole history so that no row (and, on a file catalog, no free page) still mentions them.
///
/// ```swift
/// let book = RecipientBook(catalog: catalog)
/// let mia = try book.add(SavedRecipient(name: "Mia", ageMonthsWhenGiven: 7 * 12, interests: ["dinosaurs"]))
/// try book.recordGift(to: "Mia", productID: "b-006", outcome: .loved)
/// let result = try catalog.recommend(for: book.profile(for: mia), history: book.historySignals(for: mia))
/// ```
public struct RecipientBook: Sendable {
    let catalog: GiftCatalog
    /// Today, injectable so ages advance predictably in tests.
    let now: @Sendable () -> Date

    /// Creates a book over `catalog`; `now` tells the date (ages and "last year" are relative to it).
    public init(catalog: GiftCatalog, now: @escaping @Sendable () -> Date = Date.init) {
        self.catalog = catalog
        self.now = now
    }

    private var database: CatalogDatabase { catalog.database }

    // MARK: Recipients

    /// Saves a new recipient.
    ///
    /// An age without a day (`ageMonthsWhenGiven` with `ageGivenOn` nil) is taken as given today.
    /// - Returns: the recipient as saved, with its id.
    /// - Throws: ``GiftwiseError/recipientExists(_:)`` if the name (ignoring case) is taken;
    ///   ``GiftwiseError/invalidProfile(_:)`` for an empty name or impossible values.
    @discardableResult
    public func add(_ recipient: SavedRecipient) throws -> SavedRecipient {
        var recipient = try normalized(recipient)
        let key = Self.key(recipient.name)
        let today = ISODay.string(from: now())
        recipient.id = try database.write { db in
            if try Int64.fetchOne(db, sql: "SELECT id FROM recipient WHERE name_key = ?", arguments: [key]) != nil {
                throw GiftwiseError.recipientExists(recipient.name)
            }
            var arguments = Self.columnArguments(recipient)
            _ = arguments.append(contentsOf: [today])
            try db.execute(sql: """
                INSERT INTO recipient (name, name_key, birth_date, age_months, age_given_on, interests, purposes,
                                       budget_max_minor, budget_min_minor, excluded_words, created_on)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: arguments)
            return db.lastInsertedRowID
        }
        return try self.recipient(id: recipient.id) ?? recipient
    }

    /// Every saved recipient, ordered by name (ignoring case).
    public func all() throws -> [SavedRecipient] {
        let recipients = try database.read { db in
            try Row.fetchAll(db, sql: "SELECT \(Self.columns) FROM recipient").map(Self.recipient(from:))
        }
        return recipients.sorted {
            switch $0.name.compare($1.name, options: [.caseInsensitive, .numeric]) {
            case .orderedAscending: true
            case .orderedDescending: false
            case .orderedSame: $0.name < $1.name
            }
        }
    }

    /// The recipient with this name (ignoring case and surrounding spaces).
    /// - Throws: ``GiftwiseError/unknownRecipient(_:)``.
    public func recipient(named name: String) throws -> SavedRecipient {
        let key = Self.key(name)
        let found = try database.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM recipient WHERE name_key = ?", arguments: [key])
                .map(Self.recipient(from:))
        }
        guard let found else { throw GiftwiseError.unknownRecipient(Self.cleanName(name)) }
        return found
    }

    /// Saves changes to a recipient (found by `id`); renaming is allowed if the new name is free.
    /// - Throws: ``GiftwiseError/unknownRecipient(_:)``, ``GiftwiseError/recipientExists(_:)``,
    ///   ``GiftwiseError/invalidProfile(_:)``.
    @discardableResult
    public func update(_ recipient: SavedRecipient) throws -> SavedRecipient {
        let recipient = try normalized(recipient)
        let key = Self.key(recipient.name)
        try database.write { db in
            guard try Int64.fetchOne(db, sql: "SELECT id FROM recipient WHERE id = ?", arguments: [recipient.id]) != nil else {
                throw GiftwiseError.unknownRecipient(recipient.name)
            }
            if try Int64.fetchOne(db, sql: "SELECT id FROM recipient WHERE name_key = ? AND id <> ?",
                                  arguments: [key, recipient.id]) != nil {
                throw GiftwiseError.recipientExists(recipient.name)
            }
            var arguments = Self.columnArguments(recipient)
            _ = arguments.append(contentsOf: [recipient.id])
            try db.execute(sql: """
                UPDATE recipient SET name = ?, name_key = ?, birth_date = ?, age_months = ?, age_given_on = ?,
                    interests = ?, purposes = ?, budget_max_minor = ?, budget_min_minor = ?, excluded_words = ?
                WHERE id = ?
                """, arguments: arguments)
        }
        return try self.recipient(id: recipient.id) ?? recipient
    }

    /// Deletes a recipient and every gift recorded for them.
    ///
    /// The catalog runs with `secure_delete`, so freed pages are zeroed; on a file catalog the
    /// write-ahead log is then checkpointed and truncated so the old pages leave it too.
    /// - Returns: how many recorded gifts were deleted with them.
    /// - Throws: ``GiftwiseError/unknownRecipient(_:)``.
    @discardableResult
    public func forget(named name: String) throws -> Int {
        let key = Self.key(name)
        let giftCount = try database.write { db -> Int in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM recipient WHERE name_key = ?", arguments: [key]) else {
                throw GiftwiseError.unknownRecipient(Self.cleanName(name))
            }
            try db.execute(sql: "DELETE FROM gift WHERE recipient_id = ?", arguments: [id])
            let gifts = db.changesCount
            try db.execute(sql: "DELETE FROM recipient WHERE id = ?", arguments: [id])
            return gifts
        }
        if database.path != ":memory:" {
            // Best effort: a reader still open elsewhere may keep part of the log until it closes.
            try? database.writer.writeWithoutTransaction { db in
                _ = try Row.fetchOne(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
            }
        }
        return giftCount
    }

    /// The profile to match with today: the saved one, with the age advanced to now.
    /// - Throws: ``GiftwiseError/invalidProfile(_:)`` when neither an age nor a birth date is saved.
    public func profile(for recipient: SavedRecipient) throws -> RecipientProfile {
        guard let profile = recipient.profile(on: now()) else {
            throw GiftwiseError.invalidProfile(
                "No age is saved for \(recipient.name). Add one with `giftwise recipients edit \"\(recipient.name)\" --age YEARS`.")
        }
        return profile
    }

    /// "turns 8 in March" (or "turns 8 today"), when the birth date is known; `nil` otherwise.
    public func upcomingBirthdayText(for recipient: SavedRecipient) -> String? {
        guard let birthDate = recipient.birthDate else { return nil }
        let calendar = ISODay.calendar
        let today = calendar.startOfDay(for: now())
        let birth = calendar.startOfDay(for: birthDate)
        guard birth <= today else { return nil }
        let years = calendar.dateComponents([.year], from: birth, to: today).year ?? 0
        if years > 0, let thisBirthday = calendar.date(byAdding: .year, value: years, to: birth),
           calendar.isDate(thisBirthday, inSameDayAs: today) {
            return "turns \(years) today"
        }
        guard let next = calendar.date(byAdding: .year, value: years + 1, to: birth) else { return nil }
        let month = calendar.component(.month, from: next)
        return "turns \(years + 1) in \(ISODay.monthName(month))"
    }

    // MARK: Gifts

    /// Records a gift given to `name`.
    /// - Parameters:
    ///   - date: the day given; today if `nil`.
    /// - Returns: the record, with the product's name and interest tags as they are now.
    /// - Throws: ``GiftwiseError/unknownRecipient(_:)``, ``GiftwiseError/unknownProduct(_:)``.
    @discardableResult
    public func recordGift(to name: String, productID: String, on date: Date? = nil, occasion: String? = nil,
                           outcome: GiftOutcome? = nil) throws -> GiftRecord {
        let key = Self.key(name)
        let productID = productID.trimmingCharacters(in: .whitespacesAndNewlines)
        let day = ISODay.string(from: date ?? now())
        let occasion = occasion.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap { $0.isEmpty ? nil : $0 }
        return try database.write { db in
            guard let recipientID = try Int64.fetchOne(db, sql: "SELECT id FROM recipient WHERE name_key = ?", arguments: [key]) else {
                throw GiftwiseError.unknownRecipient(Self.cleanName(name))
            }
            guard let product = try ProductRecord.fetchProducts(db, where: "p.id = ?", arguments: [productID]).first else {
                throw GiftwiseError.unknownProduct(productID)
            }
            try db.execute(sql: """
                INSERT INTO gift (recipient_id, product_id, product_name, interests, given_on, occasion, outcome)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [recipientID, product.id, product.name, Self.json(product.interests), day, occasion, outcome?.rawValue])
            return GiftRecord(id: db.lastInsertedRowID, productID: product.id, productName: product.name,
                              interests: product.interests, date: ISODay.date(from: day) ?? ISODay.startOfDay(date ?? now()),
                              occasion: occasion, outcome: outcome)
        }
    }

    /// Sets (or clears) how the latest gift of `productID` to `name` went.
    /// - Throws: ``GiftwiseError/unknownRecipient(_:)``; ``GiftwiseError/invalidProfile(_:)`` when no
    ///   such gift is recorded.
    @discardableResult
    public func setOutcome(_ outcome: GiftOutcome?, forGiftTo name: String, productID: String) throws -> GiftRecord {
        let key = Self.key(name)
        let productID = productID.trimmingCharacters(in: .whitespacesAndNewlines)
        return try database.write { db in
            guard let recipientID = try Int64.fetchOne(db, sql: "SELECT id FROM recipient WHERE name_key = ?", arguments: [key]) else {
                throw GiftwiseError.unknownRecipient(Self.cleanName(name))
            }
            guard let row = try Row.fetchOne(db, sql: """
                SELECT \(Self.giftColumns) FROM gift WHERE recipient_id = ? AND product_id = ?
                ORDER BY given_on DESC, id DESC LIMIT 1
                """, arguments: [recipientID, productID]) else {
                throw GiftwiseError.invalidProfile("No gift of \"\(productID)\" to \(Self.cleanName(name)) is recorded. Record it with `giftwise gifts record`.")
            }
            var gift = Self.gift(from: row)
            try db.execute(sql: "UPDATE gift SET outcome = ? WHERE id = ?", arguments: [outcome?.rawValue, gift.id])
            gift.outcome = outcome
            return gift
        }
    }

    /// Gifts recorded for a recipient, oldest first.
    public func gifts(for recipient: SavedRecipient) throws -> [GiftRecord] {
        try database.read { db in try Self.gifts(db, recipientID: recipient.id) }
    }

    static func gifts(_ db: Database, recipientID: Int64) throws -> [GiftRecord] {
        try Row.fetchAll(db, sql: "SELECT \(Self.giftColumns) FROM gift WHERE recipient_id = ? ORDER BY given_on, id",
                         arguments: [recipientID]).map(Self.gift(from:))
    }

    /// What this recipient's history teaches: every product given (never suggested again) and the
    /// loved and returned gifts, newest first, with when they were given relative to today.
    public func historySignals(for recipient: SavedRecipient) throws -> HistorySignals {
        Self.historySignals(from: try gifts(for: recipient), now: now())
    }

    /// The signals of a recipient's gifts (oldest first), relative to `today`.
    static func historySignals(from gifts: [GiftRecord], now today: Date) -> HistorySignals {
        let lessons = gifts.reversed().compactMap { gift -> HistorySignals.Lesson? in
            guard let outcome = gift.outcome, outcome != .liked else { return nil }
            return HistorySignals.Lesson(interests: gift.interests, productName: gift.productName,
                                         positive: outcome == .loved, when: Self.whenText(gift.date, now: today))
        }
        return HistorySignals(givenProductIDs: Set(gifts.map(\.productID)), lessons: lessons)
    }

    /// "this month", "in March", "last year", "in 2023" (or "this year" for a later day this year).
    static func whenText(_ date: Date, now: Date) -> String {
        let calendar = ISODay.calendar
        let given = calendar.dateComponents([.year, .month], from: date)
        let current = calendar.dateComponents([.year, .month], from: now)
        guard let year = given.year, let month = given.month, let thisYear = current.year else { return "before" }
        if year == thisYear {
            if date > now { return "this year" }
            return month == current.month ? "this month" : "in \(ISODay.monthName(month))"
        }
        if year == thisYear - 1 { return "last year" }
        return "in \(year)"
    }

    // MARK: Storage

    private static let columns = """
        id, name, birth_date, age_months, age_given_on, interests, purposes, budget_max_minor, budget_min_minor, excluded_words
        """
    private static let giftColumns = "id, product_id, product_name, interests, given_on, occasion, outcome"

    private func recipient(id: Int64) throws -> SavedRecipient? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT \(Self.columns) FROM recipient WHERE id = ?", arguments: [id]).map(Self.recipient(from:))
        }
    }

    private static func recipient(from row: Row) -> SavedRecipient {
        SavedRecipient(
            id: row["id"], name: row["name"],
            birthDate: (row["birth_date"] as String?).flatMap(ISODay.date(from:)),
            ageMonthsWhenGiven: row["age_months"],
            ageGivenOn: (row["age_given_on"] as String?).flatMap(ISODay.date(from:)),
            interests: strings(row["interests"]),
            purposes: Set(strings(row["purposes"]).compactMap(Purpose.init(rawValue:))),
            budgetMax: (row["budget_max_minor"] as Int64?).map(Money.init(minorUnits:)),
            budgetMin: (row["budget_min_minor"] as Int64?).map(Money.init(minorUnits:)),
            excludedWords: strings(row["excluded_words"]))
    }

    private static func gift(from row: Row) -> GiftRecord {
        let day: String = row["given_on"]
        return GiftRecord(id: row["id"], productID: row["product_id"], productName: row["product_name"],
                          interests: strings(row["interests"]), date: ISODay.date(from: day) ?? Date(timeIntervalSince1970: 0),
                          occasion: row["occasion"], outcome: (row["outcome"] as String?).flatMap(GiftOutcome.init(rawValue:)))
    }

    /// name, name_key, birth_date, age_months, age_given_on, interests, purposes, budget max, min, excluded words.
    private static func columnArguments(_ recipient: SavedRecipient) -> StatementArguments {
        [recipient.name, key(recipient.name), recipient.birthDate.map(ISODay.string(from:)),
         recipient.birthDate == nil ? recipient.ageMonthsWhenGiven : nil,
         recipient.birthDate == nil ? recipient.ageGivenOn.map(ISODay.string(from:)) : nil,
         json(recipient.interests), json(recipient.purposes.sorted().map(\.rawValue)),
         recipient.budgetMax?.minorUnits, recipient.budgetMin?.minorUnits, json(recipient.excludedWords)]
    }

    private static func json(_ values: [String]) -> String {
        (try? JSONEncoder().encode(values)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    private static func strings(_ text: String?) -> [String] {
        guard let data = text?.data(using: .utf8) else { return [] }
        return (try? JSONDecoder().decode([String].self, from: data)) ?? []
    }

    /// The name as shown: trimmed, inner runs of spaces collapsed.
    static func cleanName(_ name: String) -> String {
        name.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The name as compared: clean, canonically composed and case-folded.
    static func key(_ name: String) -> String {
        cleanName(name).precomposedStringWithCanonicalMapping.folding(options: [.caseInsensitive], locale: nil)
    }

    /// Checks and tidies a recipient before saving.
    private func normalized(_ recipient: SavedRecipient) throws -> SavedRecipient {
        var recipient = recipient
        recipient.name = Self.cleanName(recipient.name)
        guard !recipient.name.isEmpty else { throw GiftwiseError.invalidProfile("A recipient needs a name.") }
        guard recipient.name.count <= 100 else { throw GiftwiseError.invalidProfile("A recipient's name can be at most 100 characters.") }
        guard !recipient.name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw GiftwiseError.invalidProfile("A recipient's name cannot contain control characters.")
        }
        let today = now()
        if let birthDate = recipient.birthDate {
            let day = ISODay.startOfDay(birthDate)
            guard day <= today else { throw GiftwiseError.invalidProfile("The birth date of \(recipient.name) is in the future.") }
            recipient.birthDate = day
            recipient.ageMonthsWhenGiven = nil
            recipient.ageGivenOn = nil
        } else if let months = recipient.ageMonthsWhenGiven {
            guard (0...(120 * 12)).contains(months) else {
                throw GiftwiseError.invalidProfile("The age of \(recipient.name) must be between 0 and 120 years.")
            }
            recipient.ageGivenOn = ISODay.startOfDay(recipient.ageGivenOn ?? today)
        } else {
            recipient.ageGivenOn = nil
        }
        if let max = recipient.budgetMax, max.minorUnits < 0 { throw GiftwiseError.invalidProfile("The budget cannot be negative.") }
        if let min = recipient.budgetMin, min.minorUnits < 0 { throw GiftwiseError.invalidProfile("The minimum budget cannot be negative.") }
        if let max = recipient.budgetMax, let min = recipient.budgetMin, min > max {
            throw GiftwiseError.invalidProfile("The minimum budget is above the budget.")
        }
        recipient.interests = Self.tidy(recipient.interests)
        recipient.excludedWords = Self.tidy(recipient.excludedWords)
        return recipient
    }

    /// Trimmed, non-empty, first spelling of each (ignoring case) kept, in order.
    private static func tidy(_ words: [String]) -> [String] {
        var seen = Set<String>()
        return words.compactMap { word in
            let trimmed = word.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !trimmed.isEmpty, seen.insert(trimmed.lowercased()).inserted else { return nil }
            return trimmed
        }
    }
}
