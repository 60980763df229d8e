import Foundation
import GRDB

/// A gift catalog: products, the interest taxonomy, saved recipients. The library's entry point.
///
/// ```swift
/// let catalog = try GiftCatalog.inMemory()
/// try catalog.fillWithDefaultCatalogIfEmpty()
/// let profile = RecipientProfile(ageYears: 7, interests: ["dinosaurs"], purposes: [.educational],
///                                budgetMax: Money(30))
/// let result = try catalog.recommend(for: profile, limit: 5)
/// ```
///
/// A `GiftCatalog` is a value that can be shared across tasks; every call is safe to make
/// concurrently (reads run in parallel, writes are serialised by SQLite).
public struct GiftCatalog: Sendable {
    package let database: CatalogDatabase
    /// The interest taxonomy this catalog uses.
    public let taxonomy: Taxonomy
    /// The semantic signal over this catalog (its in-memory index is shared by copies).
    package let semantic: SemanticSearch
    /// Gift ideas to point elsewhere when nothing here fits (`Recommendations.elsewhere`): the
    /// bundled `catalog/ideas.json`, overridden by a shop's file stored with
    /// ``importGiftIdeas(data:)``; an app may also set its own (``GiftIdeas/init(jsonData:taxonomy:)``).
    /// Read (and parsed) the first time it is needed: most recommendations never need it.
    public var giftIdeas: GiftIdeas {
        get { giftIdeasSource.value }
        set { giftIdeasSource = LazyGiftIdeas(newValue) }
    }
    private var giftIdeasSource: LazyGiftIdeas

    /// Opens the catalog at `path`, creating it (empty) if needed.
    /// - Throws: ``GiftwiseError`` when the file is not a catalog, is newer, or cannot be written.
    public init(path: String) throws {
        try self.init(database: CatalogDatabase(path: path))
    }

    /// Opens the catalog with one connection (for a short-lived process such as the CLI).
    package init(path: String, singleConnection: Bool) throws {
        try self.init(database: CatalogDatabase(path: path, singleConnection: singleConnection))
    }

    /// Opens the catalog at `path` with at most `maximumReaders` reader connections (a server).
    package init(path: String, maximumReaders: Int) throws {
        try self.init(database: CatalogDatabase(path: path, maximumReaders: maximumReaders))
    }

    /// A probe that tells when anyone commits to this catalog's file (a server's cache key).
    package func changeProbe() throws -> CatalogChangeProbe {
        try CatalogChangeProbe(path: database.path)
    }

    /// A private catalog in memory, with the bundled taxonomy and no products.
    public static func inMemory() throws -> GiftCatalog {
        try GiftCatalog(database: CatalogDatabase())
    }

    package init(database: CatalogDatabase) throws {
        self.database = database
        if !database.isReadOnly { try database.installTaxonomyIfNeeded() }
        if !database.isReadOnly { try ProductVectors.fillIfNeeded(database) }
        self.taxonomy = try database.loadTaxonomy()
        self.semantic = SemanticSearch(database: database)
        // The shop's stored file is read now (one row); parsing it and the bundled ideas waits
        // for the first use, which may come inside a read (where no other read may start).
        let storedIdeas = try? database.read { db in try CatalogDatabase.metaValue(db, .giftIdeas) }
        self.giftIdeasSource = LazyGiftIdeas { Self.effectiveGiftIdeas(stored: storedIdeas) }
    }

    /// Where the catalog lives by default: `$GIFTWISE_DB`, else
    /// `$XDG_DATA_HOME/giftwise/catalog.sqlite`, else `~/.local/share/giftwise/catalog.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let path = environment["GIFTWISE_DB"], !path.isEmpty { return path }
        let dataHome =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"].map { $0 + "/.local/share" } ?? NSHomeDirectory() + "/.local/share")
        return dataHome + "/giftwise/catalog.sqlite"
    }

    /// The file path, or ":memory:".
    public var path: String { database.path }

    /// Fills a catalog that has never held products with the bundled default catalog.
    /// Does nothing to a catalog that was imported into before, even if now empty.
    /// - Returns: whether the default catalog was loaded.
    @discardableResult
    public func fillWithDefaultCatalogIfEmpty() throws -> Bool {
        let needed = try database.read { db in
            try CatalogDatabase.needsDefaultCatalog(db)
        }
        guard needed, !database.isReadOnly else { return false }
        _ = try CatalogImporter(database: database, taxonomy: taxonomy, options: ImportOptions())
            .run(data: DefaultCatalog.productsCSV, format: .csv)
        return true
    }

    /// Imports a catalog file (CSV, JSON or JSON Lines) as one all-or-nothing transaction.
    /// - Throws: ``GiftwiseError/invalidImport(_:)`` with every problem found; nothing is written.
    @discardableResult
    public func importFile(at url: URL, options: ImportOptions = ImportOptions()) throws -> ImportReport {
        try CatalogImporter(database: database, taxonomy: taxonomy, options: options).run(url: url)
    }

    /// Imports catalog data already in memory.
    @discardableResult
    public func importData(_ data: Data, options: ImportOptions = ImportOptions()) throws -> ImportReport {
        try CatalogImporter(database: database, taxonomy: taxonomy, options: options).run(
            data: data, format: options.format)
    }

    /// The product with this id, if any.
    public func product(id: String) throws -> Product? {
        try database.read { db in try ProductRecord.fetchProducts(db, where: "p.id = ?", arguments: [id]).first }
    }

    /// Number of products.
    public func productCount() throws -> Int {
        try database.read { db in try CatalogDatabase.productCount(db) }
    }
}

/// Gift ideas loaded on first use, shared by a catalog's copies.
final class LazyGiftIdeas: @unchecked Sendable {  // `loaded` is guarded by `lock`
    private let lock = NSLock()
    private var loaded: GiftIdeas?
    private let load: @Sendable () -> GiftIdeas

    init(_ load: @escaping @Sendable () -> GiftIdeas) {
        self.load = load
    }

    init(_ ideas: GiftIdeas) {
        self.loaded = ideas
        self.load = { ideas }
    }

    var value: GiftIdeas {
        lock.lock()
        defer { lock.unlock() }
        if let loaded { return loaded }
        let ideas = load()
        loaded = ideas
        return ideas
    }
}
