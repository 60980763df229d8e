import Foundation
import GRDB

extension GiftCatalog {
    /// The shop's own ideas file stored in this catalog, if one was imported.
    public func shopGiftIdeas() throws -> GiftIdeas? {
        try database.read { db in try Self.storedShopGiftIdeas(db) }
    }

    /// Stores a shop's gift ideas file (the format of `catalog/ideas.json`) in this catalog, so
    /// every process and replica that opens it uses them. For each interest the file names, its
    /// ideas replace the bundled ones (an empty list: no ideas for that interest); the others keep
    /// the bundled ideas. Replaces an earlier shop file. Nothing is stored when the file is invalid.
    /// - Throws: ``GiftwiseError/invalidGiftIdeas(_:)`` listing every problem.
    @discardableResult
    public mutating func importGiftIdeas(data: Data) throws -> GiftIdeas {
        let ideas = try GiftIdeas(jsonData: data, taxonomy: taxonomy)
        let text = String(decoding: data, as: UTF8.self)
        try database.write { db in
            try CatalogDatabase.setMetaValue(db, .giftIdeas, text)
        }
        giftIdeas = GiftIdeas.bundled.overridden(by: ideas)
        return ideas
    }

    /// Stores a shop's gift ideas file read from `url`; see ``importGiftIdeas(data:)``.
    @discardableResult
    public mutating func importGiftIdeas(at url: URL) throws -> GiftIdeas {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw GiftwiseError.unreadableFile(path: url.path, reason: "it does not exist or cannot be read")
        }
        return try importGiftIdeas(data: data)
    }

    /// Forgets the shop's ideas file: the bundled ideas apply again.
    public mutating func removeShopGiftIdeas() throws {
        try database.write { db in try CatalogDatabase.removeMetaValue(db, .giftIdeas) }
        giftIdeas = .bundled
    }

    /// The ideas a catalog uses: the bundled ones, overridden by the shop's stored file.
    /// - Parameter text: the stored file (`nil`: none, or it could not be read).
    static func effectiveGiftIdeas(stored text: String?) -> GiftIdeas {
        // A stored file was valid when imported; one that no longer reads falls back to the bundled ideas.
        guard let text, let stored = try? GiftIdeas(jsonData: Data(text.utf8)) else { return .bundled }
        return GiftIdeas.bundled.overridden(by: stored)
    }

    static func storedShopGiftIdeas(_ db: Database) throws -> GiftIdeas? {
        guard let text = try CatalogDatabase.metaValue(db, .giftIdeas) else { return nil }
        return try? GiftIdeas(jsonData: Data(text.utf8))
    }
}
