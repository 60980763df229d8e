import Foundation

// PLACEHOLDER — replaced by the recipients work.
public struct RecipientBook: Sendable {
    let catalog: GiftCatalog
    public init(catalog: GiftCatalog) { self.catalog = catalog }
    public func recipient(named name: String) throws -> SavedRecipient { throw GiftwiseError.unknownRecipient(name) }
    public func profile(for recipient: SavedRecipient) throws -> RecipientProfile { throw GiftwiseError.unknownRecipient(recipient.name) }
    public func historySignals(for recipient: SavedRecipient) throws -> HistorySignals { .none }
}
