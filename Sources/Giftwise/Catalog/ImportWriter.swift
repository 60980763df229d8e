import GRDB

private func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }

/// The prepared statements of one import, reused for every row.
final class ImportWriter {
    enum Outcome {
        case added, updated, unchanged
        /// The file lists this id again (the earlier line, when known).
        case duplicate(firstLine: Int?)
    }

    private let db: Database
    /// When the catalog starts empty, the full-text index is built a chunk of rows at a time
    /// and secondary indexes once at the end; otherwise everything is maintained row by row.
    private let intoEmptyCatalog: Bool
    /// Into an empty catalog: the last pk whose text is in the full-text index, and how many
    /// rows were written since.
    private var fullTextThrough: Int64 = 0
    private var rowsSinceFullText = 0
    private let indexFullTextChunk: Statement
    private var lastWrittenPK: Int64 = 0
    /// The fewest rows worth one full-text chunk. One statement per row costs about twice the
    /// rebuild (each statement flushes FTS5's pending terms as a segment); a statement per
    /// 4,096 rows costs the same as one `rebuild` at 200k rows (0.71 vs 0.74 s CPU in the
    /// sqlite3 shell), 15 % more at 1M (5.4 vs 4.7 s): so chunks run only while the writer would
    /// otherwise wait for the parsing thread (``indexWrittenTextWhileIdle()``).
    static let fullTextChunkRows = 4096
    private let selectExisting: Statement
    private let insertSeen: Statement
    private let selectSeen: Statement
    private let insertProduct: FastStatement
    private let insertProductIfNew: FastStatement
    private let updateProduct: Statement
    private let deleteTags: Statement
    private let insertTags: TagRowInserter
    private let insertFreeInterest: Statement
    private let insertFullText: Statement
    private let insertVector: FastStatement
    /// Into an empty catalog: ``vectorsPerInsert`` vectors to a statement (nil otherwise).
    private let insertVectors: FastStatement?
    /// Into an empty catalog: vectors of rows written, not yet stored (fewer than ``vectorsPerInsert``).
    private var pendingVectors: [(pk: Int64, contentHash: Int64, vector: [UInt8])] = []
    /// One statement per vector cost as much in statement overhead as the rows (13 % of the
    /// writer's samples at 200k went to vectors; tag rows and staged text go in many to a statement too).
    static let vectorsPerInsert = 32
    /// Rows written without a vector (a parser not asked to embed): ``ProductVectors`` fills them.
    private(set) var rowsWithoutVector = 0
    private let deleteFullText: Statement

    /// Secondary indexes dropped for a bulk load and built again, sorted, at the end.
    private var deferredIndexes: [String] = []
    /// Into an empty catalog: the tag relation, kept in memory and written in key order at the end
    /// (nil: tag rows go straight into `product_interest`).
    private var tagRelation: TagRelationBuilder?
    /// Into an empty catalog: builds the full-text index on another thread and connection, copied
    /// in at the end (nil: the writer indexes the text itself, in chunks).
    private let fullTextBuilder: FullTextBuilder?

    /// `catalogPath` names the catalog in messages; `fullTextOnTheSide` false keeps the full-text
    /// index on this connection (to compare); `fullTextSide` sets the side index's database up.
    init(
        db: Database, catalogPath: String = "the catalog", fullTextOnTheSide: Bool = true,
        fullTextSide: FullTextBuilder.Settings = FullTextBuilder.Settings(), tagRowsInMemory: Int = 1 << 21
    ) throws {
        self.db = db
        intoEmptyCatalog = try Int.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM product)") == 0
        tagRelation = intoEmptyCatalog ? TagRelationBuilder(maxRows: tagRowsInMemory) : nil
        let sideIndexSuits = intoEmptyCatalog && fullTextOnTheSide ? try FullTextBuilder.suits(db) : false
        if intoEmptyCatalog {
            // An empty catalog: building an index once from sorted keys beats growing it row by
            // row. Inside the import's transaction, so a failed import restores them untouched.
            let indexes = try Row.fetchAll(
                db,
                sql: """
                    SELECT name, sql FROM sqlite_master
                    WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ('product', 'product_interest')
                    ORDER BY name
                    """)
            for index in indexes {
                try db.execute(sql: "DROP INDEX \(quoted(index[0] as String))")
                deferredIndexes.append(index[1])
            }
        }
        if intoEmptyCatalog && !sideIndexSuits {
            // Full-text chunks go in without FTS5's incremental merging (automerge), which
            // merged each row's terms again and again as segments grew; the crisis merge still
            // bounds the number of segments (16 per level) and the default comes back at the end.
            try Self.setFullTextMerging(db, automerge: 0)
        }
        try db.execute(
            sql:
                "CREATE TEMP TABLE IF NOT EXISTS import_seen (id TEXT PRIMARY KEY NOT NULL, line INTEGER NOT NULL) WITHOUT ROWID"
        )
        try db.execute(sql: "DELETE FROM import_seen")
        selectExisting = try db.makeStatement(
            sql: "SELECT pk, content_hash, name, description, tags FROM product WHERE id = ?")
        insertSeen = try db.makeStatement(
            sql: "INSERT INTO import_seen (id, line) VALUES (?, ?) ON CONFLICT DO NOTHING")
        selectSeen = try db.makeStatement(sql: "SELECT line FROM import_seen WHERE id = ?")
        let productColumns = """
            product (id, name, description, price_minor, currency, age_min_months, age_max_months,
                     url, in_stock, inferred, tags, content_hash, purposes, gift_key)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """
        insertProduct = FastStatement(db, try db.makeStatement(sql: "INSERT INTO " + productColumns))
        insertProductIfNew = FastStatement(
            db, try db.makeStatement(sql: "INSERT INTO " + productColumns + " ON CONFLICT(id) DO NOTHING"))
        updateProduct = try db.makeStatement(
            sql: """
                UPDATE product SET name = ?, description = ?, price_minor = ?, currency = ?, age_min_months = ?,
                    age_max_months = ?, url = ?, in_stock = ?, inferred = ?, tags = ?, content_hash = ?, purposes = ?,
                    gift_key = ?
                WHERE pk = ?
                """)
        deleteTags = try db.makeStatement(sql: "DELETE FROM product_interest WHERE product_pk = ?")
        insertTags = try TagRowInserter(db)
        insertFreeInterest = try db.makeStatement(
            sql: "INSERT OR IGNORE INTO interest (id, label, phrase, is_free) VALUES (?, ?, ?, 1)")
        insertFullText = try db.makeStatement(
            sql: "INSERT INTO product_fts (rowid, name, description, tags) VALUES (?, ?, ?, ?)")
        let vectorColumns = "INSERT OR REPLACE INTO product_vector (product_pk, content_hash, vector) VALUES "
        insertVector = FastStatement(db, try db.makeStatement(sql: vectorColumns + "(?, ?, ?)"))
        let manyVectors = Array(repeating: "(?, ?, ?)", count: Self.vectorsPerInsert).joined(separator: ", ")
        insertVectors =
            intoEmptyCatalog ? FastStatement(db, try db.makeStatement(sql: vectorColumns + manyVectors)) : nil
        if intoEmptyCatalog { pendingVectors.reserveCapacity(Self.vectorsPerInsert) }
        indexFullTextChunk = try db.makeStatement(
            sql: """
                INSERT INTO product_fts (rowid, name, description, tags)
                SELECT pk, name, description, tags FROM product WHERE pk > ? ORDER BY pk
                """)
        deleteFullText = try db.makeStatement(
            sql: "INSERT INTO product_fts (product_fts, rowid, name, description, tags) VALUES ('delete', ?, ?, ?, ?)")
        // Last, once nothing here can throw: its thread runs until finished or cancelled.
        fullTextBuilder =
            sideIndexSuits ? FullTextBuilder(catalogPath: catalogPath, settings: fullTextSide) : nil
    }

    /// Into an empty catalog every row is new, so the id's uniqueness constraint finds repeats and
    /// the per-row bookkeeping of an update import is skipped (it was a third of the row cost).
    var detectsDuplicatesOnInsert: Bool { intoEmptyCatalog }

    /// Whether the catalog had no products when the import began.
    var startedEmpty: Bool { intoEmptyCatalog }

    /// Records that this file lists `id`; returns the earlier line if it already did.
    func markSeen(id: String, line: Int) throws -> Int? {
        if intoEmptyCatalog { return nil }
        try insertSeen.execute(arguments: [id, line])
        if db.changesCount == 1 { return nil }
        return try Int.fetchOne(selectSeen, arguments: [id]) ?? 0
    }

    func upsert(_ draft: ProductDraft) throws -> Outcome {
        let product = draft.product
        if intoEmptyCatalog {
            try bindProduct(insertProductIfNew, draft)
            try insertProductIfNew.step()
            if db.changesCount == 0 { return .duplicate(firstLine: nil) }
            let pk = db.lastInsertedRowID
            try insertRelations(draft, pk: pk)
            try queueVector(draft, pk: pk)
            if let fullTextBuilder {
                try fullTextBuilder.add(pk: pk, draft)
            } else {
                rowsSinceFullText += 1
            }
            lastWrittenPK = pk
            return .added
        }
        let existing = try Row.fetchOne(selectExisting, arguments: [product.id])
        let pk: Int64
        let outcome: Outcome
        if let existing {
            pk = existing[0]
            if existing[1] as Int64 == draft.contentHash { return .unchanged }
            try deleteFullText.execute(arguments: [
                pk, existing[2] as String, existing[3] as String, existing[4] as String,
            ])
            try updateProduct.execute(arguments: [
                product.name, product.description, product.price.minorUnits, product.currency,
                product.ages.minMonths, product.ages.maxMonths, product.url, product.inStock, draft.inferred,
                draft.searchText, draft.contentHash, draft.purposeMask, draft.giftKey, pk,
            ])
            try deleteTags.execute(arguments: [pk])
            outcome = .updated
        } else {
            try bindProduct(insertProduct, draft)
            try insertProduct.step()
            pk = db.lastInsertedRowID
            outcome = .added
        }
        try insertRelations(draft, pk: pk)
        try insertVector(draft, pk: pk)
        try insertFullText.execute(arguments: [pk, product.name, product.description, draft.searchText])
        return outcome
    }

    private func bindProduct(_ insert: FastStatement, _ draft: ProductDraft) throws {
        let product = draft.product
        try insert.bind(1, product.id)
        try insert.bind(2, product.name)
        try insert.bind(3, product.description)
        try insert.bind(4, product.price.minorUnits)
        try insert.bind(5, product.currency)
        try insert.bind(6, product.ages.minMonths)
        try insert.bind(7, product.ages.maxMonths)
        try insert.bind(8, product.url)
        try insert.bind(9, product.inStock)
        try insert.bind(10, draft.inferred)
        try insert.bind(11, draft.searchText)
        try insert.bind(12, draft.contentHash)
        try insert.bind(13, draft.purposeMask)
        try insert.bind(14, draft.giftKey)
    }

    /// Says how much of the file (0–1, by bytes read) the rows written next come from: the
    /// full-text thread indexes the first rows as they arrive.
    func noteFileShare(_ share: Double) {
        fullTextBuilder?.noteFileShare(share)
    }

    /// Into an empty catalog, called when the next rows are not parsed yet: indexes the text of
    /// the rows written since the last chunk, if there are enough of them, so that work is
    /// done now instead of after the last row.
    func indexWrittenTextWhileIdle() throws {
        guard intoEmptyCatalog, rowsSinceFullText >= Self.fullTextChunkRows else { return }
        try indexWrittenText(through: lastWrittenPK)
    }

    /// Into an empty catalog: indexes the text of the rows written since the last chunk.
    private func indexWrittenText(through pk: Int64) throws {
        guard rowsSinceFullText > 0 else { return }
        try indexFullTextChunk.execute(arguments: [fullTextThrough])
        fullTextThrough = pk
        rowsSinceFullText = 0
    }

    /// Stores the vector the parser made; a row without one is left to ``ProductVectors/fillMissing(_:embedder:)``.
    private func insertVector(_ draft: ProductDraft, pk: Int64) throws {
        guard let vector = draft.vector else {
            rowsWithoutVector += 1
            return
        }
        try insertVector.bind(1, pk)
        try insertVector.bind(2, draft.contentHash)
        try insertVector.bind(3, bytes: vector)
        try insertVector.step()
    }

    /// Into an empty catalog: keeps the vector the parser made, storing ``vectorsPerInsert`` at a time.
    private func queueVector(_ draft: ProductDraft, pk: Int64) throws {
        guard let vector = draft.vector else {
            rowsWithoutVector += 1
            return
        }
        pendingVectors.append((pk, draft.contentHash, vector))
        guard pendingVectors.count == Self.vectorsPerInsert, let insertVectors else { return }
        for (slot, pending) in pendingVectors.enumerated() {
            let offset = Int32(slot * 3)
            try insertVectors.bind(offset + 1, pending.pk)
            try insertVectors.bind(offset + 2, pending.contentHash)
            try insertVectors.bind(offset + 3, bytes: pending.vector)
        }
        try insertVectors.step()
        pendingVectors.removeAll(keepingCapacity: true)
    }

    /// Stores the vectors still kept, one statement each.
    private func storePendingVectors() throws {
        for pending in pendingVectors {
            try insertVector.bind(1, pending.pk)
            try insertVector.bind(2, pending.contentHash)
            try insertVector.bind(3, bytes: pending.vector)
            try insertVector.step()
        }
        pendingVectors.removeAll()
    }

    /// Whether every product in the catalog now has its vector: an import into an empty catalog
    /// that stored one for each row (no anti-join over the whole catalog is needed).
    var vectorsComplete: Bool { intoEmptyCatalog && rowsWithoutVector == 0 }

    private func insertRelations(_ draft: ProductDraft, pk: Int64) throws {
        for free in draft.freeTags {
            try insertFreeInterest.execute(arguments: [free.id, free.label, "likes \(free.label)"])
        }
        if tagRelation != nil {
            tagRelation?.add(draft, pk: pk)
            if tagRelation?.isFull == true { try tagRelation?.write(into: db, rowByRow: insertTags) }
            return
        }
        try insertTags.insert(draft, pk: pk)
    }

    func countUnseen() throws -> Int {
        if intoEmptyCatalog { return 0 }
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product WHERE id NOT IN (SELECT id FROM import_seen)")
            ?? 0
    }

    /// Removes the products this file did not list (`--replace`).
    func removeUnseen() throws -> Int {
        if intoEmptyCatalog { return 0 }
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS import_gone (pk INTEGER PRIMARY KEY)")
        try db.execute(sql: "DELETE FROM import_gone")
        try db.execute(
            sql: "INSERT INTO import_gone SELECT pk FROM product WHERE id NOT IN (SELECT id FROM import_seen)")
        let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM import_gone") ?? 0
        guard count > 0 else { return 0 }
        try db.execute(
            sql: """
                INSERT INTO product_fts (product_fts, rowid, name, description, tags)
                SELECT 'delete', pk, name, description, tags FROM product WHERE pk IN (SELECT pk FROM import_gone)
                """)
        try db.execute(sql: "DELETE FROM product_interest WHERE product_pk IN (SELECT pk FROM import_gone)")
        try db.execute(sql: "DELETE FROM product WHERE pk IN (SELECT pk FROM import_gone)")
        return count
    }

    /// Stops the full-text thread, if any, and lets go of its database (after success or failure).
    func close() {
        fullTextBuilder?.cancel()
    }

    /// Indexes the last chunk of text (or copies in the index built on the side), writes the tag
    /// relation kept in memory in key order and builds the dropped indexes again; forgets the ids
    /// seen. `beforeCopy` runs once the indexes are built, before the full-text index is copied in.
    func finish(timings: ImportTimings = .shared, beforeCopy: () -> Void = {}) throws {
        try storePendingVectors()
        // The full-text thread indexes while this connection writes the tag relation and builds
        // indexes.
        try fullTextBuilder?.startIndexing()
        if tagRelation != nil {
            try timings.measure("end: tag relation written in key order") {
                try tagRelation?.write(into: db, rowByRow: insertTags)
            }
            tagRelation = nil
        }
        try withSmallSortRuns {
            for index in deferredIndexes {
                try timings.measure("end: index " + index.prefix(40)) { try db.execute(sql: index) }
            }
        }
        deferredIndexes = []
        beforeCopy()
        if let fullTextBuilder {
            try timings.measure("end: wait for the full-text thread") { try fullTextBuilder.finish() }
            try fullTextBuilder.copy(into: db, timings: timings)
            // Through FTS5 itself, which also tells its cached state the index changed.
            try Self.setFullTextMerging(db, automerge: 4)
        } else if intoEmptyCatalog {
            try timings.measure("end: last full-text chunk (\(rowsSinceFullText) rows)") {
                try indexWrittenText(through: lastWrittenPK)
            }
            try Self.setFullTextMerging(db, automerge: 4)
        }
        try db.execute(sql: "DELETE FROM import_seen")
    }

    /// Runs the index builds of a bulk load with SQLite's default 2 MB page cache instead of the
    /// catalog's 16 MB: the sorter keeps up to the cache's size in memory before spilling a
    /// sorted run, and 16 MB runs sorted slower than 2 MB runs merged (measured when the tag rows
    /// were still sorted at the end: 0.65 → 0.52 s CPU at 200k, 3.4 → 2.7 s at 1M, in the sqlite3
    /// shell).
    private func withSmallSortRuns(_ body: () throws -> Void) throws {
        guard intoEmptyCatalog else { return try body() }
        try db.execute(sql: "PRAGMA cache_size = -2000")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(CatalogDatabase.cacheSizeKiB)") }
        try body()
    }

    /// FTS5's `automerge` setting (4 is its default), stored in the index's config table.
    private static func setFullTextMerging(_ db: Database, automerge: Int) throws {
        try db.execute(
            sql: "INSERT INTO product_fts (product_fts, rank) VALUES ('automerge', ?)", arguments: [automerge])
    }
}
