import GRDB

/// How the flow reads a catalog: each read in its own transaction (the synchronous API), or all
/// inside one read the caller already holds (the asynchronous API, which runs a whole step in one
/// GRDB async read; GRDB reads are not re-entrant, so nothing inside may open another).
struct CatalogReader {
    let catalog: GiftCatalog
    private let database: Database?
    /// Searches shared by every matcher call through this reader; only with `database` (a memo
    /// is valid inside one read).
    let memo: MatchMemo?

    /// Reads `catalog`, one transaction per read.
    init(_ catalog: GiftCatalog) {
        self.catalog = catalog
        self.database = nil
        self.memo = nil
    }

    /// Reads `catalog` through `db`, a read already open on it.
    init(_ catalog: GiftCatalog, within db: Database) {
        self.catalog = catalog
        self.database = db
        self.memo = nil
    }

    private init(_ catalog: GiftCatalog, within db: Database, memo: MatchMemo) {
        self.catalog = catalog
        self.database = db
        self.memo = memo
    }

    /// Runs `body` inside one read with one memo: calls that repeat a search (the same interests
    /// under the same limits, with different steering) then search once.
    func sharingSearches<T>(_ body: (CatalogReader) throws -> T) throws -> T {
        if memo != nil { return try body(self) }
        return try read { db in try body(CatalogReader(catalog, within: db, memo: MatchMemo())) }
    }

    var taxonomy: Taxonomy { catalog.taxonomy }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        if let database { return try body(database) }
        return try catalog.database.read(body)
    }

    func goodMatchCount(for profile: RecipientProfile, critique: Critique) throws -> Int {
        try read { db in
            try Matcher(catalog: catalog).goodMatchCount(
                db, for: profile, critique: critique, memo: memo ?? MatchMemo())
        }
    }

    /// The ids a recommendation with no history would list, and its good-match count.
    func topProductIDs(for profile: RecipientProfile, limit: Int, critique: Critique) throws -> (
        goodMatchCount: Int, ids: [String]
    ) {
        try read { db in
            try Matcher(catalog: catalog).topProductIDs(
                db, for: profile, limit: limit, critique: critique, memo: memo ?? MatchMemo())
        }
    }

    func recommend(for profile: RecipientProfile, limit: Int, history: HistorySignals, critique: Critique) throws
        -> Recommendations
    {
        try read { db in
            try Matcher(catalog: catalog).recommend(
                db, for: profile, limit: limit, history: history, critique: critique, memo: memo ?? MatchMemo())
        }
    }
}
