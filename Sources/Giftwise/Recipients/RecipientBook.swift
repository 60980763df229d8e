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
        let recipient = try normalized(recipient)
        let today = ISODay.string(from: now())
        return try database.write { db in
            var record = RecipientRecord(recipient, createdOn: today)
            do {
                try record.insert(db)
            } catch  where CatalogDatabase.isDuplicateName(error) {
                throw GiftwiseError.recipientExists(recipient.name)
            }
            return try record.savedRecipient()
        }
    }

    /// Every saved recipient, ordered by name (ignoring case).
    public func all() throws -> [SavedRecipient] {
        let recipients = try database.read { db in
            try RecipientRecord.fetchAll(db).map { try $0.savedRecipient() }
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
            try RecipientRecord.filter(RecipientRecord.Columns.nameKey == key).fetchOne(db)?.savedRecipient()
        }
        guard let found else { throw GiftwiseError.unknownRecipient(Self.cleanName(name)) }
        return found
    }

    /// The recipient with this id.
    /// - Throws: ``GiftwiseError/unknownRecipient(_:)``.
    public func recipient(id: Int64) throws -> SavedRecipient {
        let found = try database.read { db in try RecipientRecord.fetchOne(db, key: id)?.savedRecipient() }
        guard let found else { throw GiftwiseError.unknownRecipient("#\(id)") }
        return found
    }

    /// Saves changes to a recipient (found by `id`); renaming is allowed if the new name is free.
    /// - Throws: ``GiftwiseError/unknownRecipient(_:)``, ``GiftwiseError/recipientExists(_:)``,
    ///   ``GiftwiseError/invalidProfile(_:)``.
    @discardableResult
    public func update(_ recipient: SavedRecipient) throws -> SavedRecipient {
        let recipient = try normalized(recipient)
        return try database.write { db in
            guard var record = try RecipientRecord.fetchOne(db, key: recipient.id) else {
                throw GiftwiseError.unknownRecipient(recipient.name)
            }
            record.update(from: recipient)
            do {
                try record.update(db)
            } catch  where CatalogDatabase.isDuplicateName(error) {
                throw GiftwiseError.recipientExists(recipient.name)
            }
            return try record.savedRecipient()
        }
    }

    /// Deletes a recipient and every gift recorded for them.
    ///
    /// The catalog runs with `secure_delete`, so freed pages are zeroed; on a file catalog the
    /// write-ahead log is then checkpointed and truncated so the old pages leave it too.
    /// - Returns: how many recorded gifts were deleted with them.
    /// - Throws: ``GiftwiseError/unknownRecipient(_:)``.
    @discardableResult
    public func forget(named name: String) throws -> Int {
        try forget(try recipient(named: name).id)
    }

    /// Deletes the recipient with this id and every gift recorded for them (see ``forget(named:)``).
    /// - Returns: how many recorded gifts were deleted with them.
    @discardableResult
    public func forget(_ id: Int64) throws -> Int {
        let giftCount = try database.write { db -> Int in
            guard try RecipientRecord.exists(db, key: id) else { throw GiftwiseError.unknownRecipient("#\(id)") }
            let gifts = try GiftRow.filter(GiftRow.Columns.recipientID == id).deleteAll(db)
            try RecipientRecord.deleteOne(db, key: id)
            return gifts
        }
        if database.path != ":memory:" {
            // Best effort: a reader still open elsewhere may keep part of the log until it closes.
            try? database.writer.writeWithoutTransaction { db in
                try CatalogDatabase.truncateWAL(db)
            }
        }
        return giftCount
    }

    /// The profile to match with today: the saved one, with the age advanced to now.
    /// - Throws: ``GiftwiseError/invalidProfile(_:)`` when neither an age nor a birth date is saved.
    public func profile(for recipient: SavedRecipient) throws -> RecipientProfile {
        guard let profile = recipient.profile(on: now()) else {
            throw GiftwiseError.invalidProfile(
                "No age is saved for \(recipient.name). Add one with `giftwise recipients edit \"\(recipient.name)\" --age YEARS`."
            )
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
            calendar.isDate(thisBirthday, inSameDayAs: today)
        {
            return "turns \(years) today"
        }
        guard let next = calendar.date(byAdding: .year, value: years + 1, to: birth) else { return nil }
        let month = calendar.component(.month, from: next)
        return "turns \(years + 1) in \(ISODay.monthName(month))"
    }

    // MARK: Gifts

    /// Records a gift given to `name`.
    /// - Parameters:
    ///   - name: the saved recipient.
    ///   - productID: the product given (its id in this catalog).
    ///   - outcome: how it went, if known yet.
    ///   - date: the day given; today if `nil`.
    ///   - occasion: what it was for ("birthday").
    /// - Returns: the record, with the product's name and interest tags as they are now.
    /// - Throws: ``GiftwiseError/unknownRecipient(_:)``, ``GiftwiseError/unknownProduct(_:)``.
    @discardableResult
    public func recordGift(
        to name: String, productID: String, on date: Date? = nil, occasion: String? = nil,
        outcome: GiftOutcome? = nil
    ) throws -> GiftRecord {
        let key = Self.key(name)
        let productID = productID.trimmingCharacters(in: .whitespacesAndNewlines)
        let day = ISODay.string(from: date ?? now())
        let occasion = occasion.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.flatMap {
            $0.isEmpty ? nil : $0
        }
        return try database.write { db in
            guard let recipient = try RecipientRecord.filter(RecipientRecord.Columns.nameKey == key).fetchOne(db),
                let recipientID = recipient.id
            else {
                throw GiftwiseError.unknownRecipient(Self.cleanName(name))
            }
            guard let product = try ProductRecord.fetchProducts(db, where: "p.id = ?", arguments: [productID]).first
            else {
                throw GiftwiseError.unknownProduct(productID)
            }
            var row = GiftRow(
                id: nil, recipientID: recipientID, productID: product.id, productName: product.name,
                interests: product.interests, givenOn: day, occasion: occasion, outcome: outcome)
            // The same gift on the same day is one entry: recording it again updates it, keeping
            // an occasion or outcome given before when none is given now.
            let saved = try row.upsertAndFetch(
                db, onConflict: ["recipient_id", "product_id", "given_on"],
                doUpdate: { excluded in
                    [
                        GiftRow.Columns.occasion.set(
                            to: excluded[GiftRow.Columns.occasion] ?? GiftRow.Columns.occasion),
                        GiftRow.Columns.outcome.set(to: excluded[GiftRow.Columns.outcome] ?? GiftRow.Columns.outcome),
                    ]
                })
            return try saved.giftRecord()
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
            guard let recipientID = try RecipientRecord.filter(RecipientRecord.Columns.nameKey == key).fetchOne(db)?.id
            else {
                throw GiftwiseError.unknownRecipient(Self.cleanName(name))
            }
            guard
                var gift = try GiftRow.filter(
                    GiftRow.Columns.recipientID == recipientID && GiftRow.Columns.productID == productID
                )
                .order(GiftRow.Columns.givenOn.desc, GiftRow.Columns.id.desc).fetchOne(db)
            else {
                throw GiftwiseError.invalidProfile(
                    "No gift of \"\(productID)\" to \(Self.cleanName(name)) is recorded. Record it with `giftwise gifts record`."
                )
            }
            gift.outcome = outcome
            try gift.update(db)
            return try gift.giftRecord()
        }
    }

    /// Gifts recorded for a recipient, oldest first.
    public func gifts(for recipient: SavedRecipient) throws -> [GiftRecord] {
        try database.read { db in try Self.gifts(db, recipientID: recipient.id) }
    }

    static func gifts(_ db: Database, recipientID: Int64) throws -> [GiftRecord] {
        try GiftRow.all().given(to: recipientID).fetchAll(db).map { try $0.giftRecord() }
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
            return HistorySignals.Lesson(
                interests: gift.interests, productName: gift.productName,
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
        guard recipient.name.count <= 100 else {
            throw GiftwiseError.invalidProfile("A recipient's name can be at most 100 characters.")
        }
        guard !recipient.name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw GiftwiseError.invalidProfile("A recipient's name cannot contain control characters.")
        }
        let today = now()
        if let birthDate = recipient.birthDate {
            let day = ISODay.startOfDay(birthDate)
            guard day <= today else {
                throw GiftwiseError.invalidProfile("The birth date of \(recipient.name) is in the future.")
            }
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
        if let max = recipient.budgetMax, max.minorUnits < 0 {
            throw GiftwiseError.invalidProfile("The budget cannot be negative.")
        }
        if let min = recipient.budgetMin, min.minorUnits < 0 {
            throw GiftwiseError.invalidProfile("The minimum budget cannot be negative.")
        }
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
