import Foundation
import GRDB

/// A row of `recipient`: a saved person. Lists are JSON text (GRDB's Codable encoding); days are
/// ISO `yyyy-MM-dd`; money in minor units.
struct RecipientRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "recipient"

    var id: Int64?
    var name: String
    /// The name case-folded: names are unique ignoring case (a UNIQUE index).
    var nameKey: String
    var birthDate: String?
    var ageMonths: Int?
    var ageGivenOn: String?
    var interests: [String]
    var purposes: [Purpose]
    var budgetMaxMinor: Int64?
    var budgetMinMinor: Int64?
    var excludedWords: [String]
    var createdOn: String

    enum CodingKeys: String, CodingKey {
        case id, name
        case nameKey = "name_key"
        case birthDate = "birth_date"
        case ageMonths = "age_months"
        case ageGivenOn = "age_given_on"
        case interests, purposes
        case budgetMaxMinor = "budget_max_minor"
        case budgetMinMinor = "budget_min_minor"
        case excludedWords = "excluded_words"
        case createdOn = "created_on"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let nameKey = Column(CodingKeys.nameKey)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `gift`: a product given to a recipient on a day (once per day: a UNIQUE index).
struct GiftRow: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "gift"

    var id: Int64?
    var recipientID: Int64
    var productID: String
    var productName: String
    var interests: [String]
    var givenOn: String
    var occasion: String?
    var outcome: GiftOutcome?

    enum CodingKeys: String, CodingKey {
        case id
        case recipientID = "recipient_id"
        case productID = "product_id"
        case productName = "product_name"
        case interests
        case givenOn = "given_on"
        case occasion, outcome
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let recipientID = Column(CodingKeys.recipientID)
        static let productID = Column(CodingKeys.productID)
        static let givenOn = Column(CodingKeys.givenOn)
        static let occasion = Column(CodingKeys.occasion)
        static let outcome = Column(CodingKeys.outcome)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

extension DerivableRequest<GiftRow> {
    /// A recipient's gifts, oldest first.
    func given(to recipientID: Int64) -> Self {
        filter(GiftRow.Columns.recipientID == recipientID).order(GiftRow.Columns.givenOn, GiftRow.Columns.id)
    }
}

extension CatalogDatabase {
    /// Whether an error is the UNIQUE index on recipient names refusing a second one.
    static func isDuplicateName(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE && (error.message ?? "").contains("name_key")
    }
}

extension RecipientRecord {
    /// The row for a (normalised) recipient.
    init(_ recipient: SavedRecipient, createdOn: String) {
        self.init(
            id: recipient.id == 0 ? nil : recipient.id, name: "", nameKey: "", birthDate: nil, ageMonths: nil,
            ageGivenOn: nil, interests: [], purposes: [], budgetMaxMinor: nil, budgetMinMinor: nil, excludedWords: [],
            createdOn: createdOn)
        update(from: recipient)
    }

    /// Takes every saved field from `recipient` (not the id or the day it was created).
    mutating func update(from recipient: SavedRecipient) {
        name = recipient.name
        nameKey = RecipientBook.key(recipient.name)
        birthDate = recipient.birthDate.map(ISODay.string(from:))
        ageMonths = recipient.birthDate == nil ? recipient.ageMonthsWhenGiven : nil
        ageGivenOn = recipient.birthDate == nil ? recipient.ageGivenOn.map(ISODay.string(from:)) : nil
        interests = recipient.interests
        purposes = recipient.purposes.sorted()
        budgetMaxMinor = recipient.budgetMax?.minorUnits
        budgetMinMinor = recipient.budgetMin?.minorUnits
        excludedWords = recipient.excludedWords
    }

    /// The saved recipient this row holds.
    /// - Throws: ``GiftwiseError/database(_:)`` when a stored day cannot be read (never a made-up date).
    func savedRecipient() throws -> SavedRecipient {
        SavedRecipient(
            id: id ?? 0, name: name,
            birthDate: try birthDate.map { try ISODay.stored($0, what: "the birth date of \(name)") },
            ageMonthsWhenGiven: ageMonths,
            ageGivenOn: try ageGivenOn.map { try ISODay.stored($0, what: "the day \(name)'s age was given") },
            interests: interests, purposes: Set(purposes), budgetMax: budgetMaxMinor.map(Money.init(minorUnits:)),
            budgetMin: budgetMinMinor.map(Money.init(minorUnits:)), excludedWords: excludedWords)
    }
}

extension GiftRow {
    /// The gift record this row holds.
    /// - Throws: ``GiftwiseError/database(_:)`` when its day cannot be read.
    func giftRecord() throws -> GiftRecord {
        GiftRecord(
            id: id ?? 0, productID: productID, productName: productName, interests: interests,
            date: try ISODay.stored(givenOn, what: "the day \(productName) was given"), occasion: occasion,
            outcome: outcome)
    }
}

extension ISODay {
    /// A day read back from the database; a day that does not parse is an error, never 1970.
    static func stored(_ text: String, what: String) throws -> Date {
        guard let date = date(from: text) else {
            throw GiftwiseError.database("\(what) is stored as \"\(text.prefix(20))\", which is not a day (YYYY-MM-DD)")
        }
        return date
    }
}
