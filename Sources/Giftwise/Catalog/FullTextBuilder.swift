import Foundation
import GRDB
import GRDBSQLite

/// Builds the full-text index of an import into an empty catalog on a thread and SQLite
/// connection of its own, so FTS5's work runs on another core while the writer stores rows
/// (issue 15: the writer's one connection was the import's bottleneck).
///
/// The writer hands each stored row's pk and text over in pk order through a bounded queue. The
/// helper thread keeps them in a plain table of a private temporary database (SQLite's empty file
/// name: an on-disk file that Unix SQLite unlinks as it opens it, so `kill -9` leaves no file
/// behind, and memory stays bounded by its page cache). When the writer has every row and starts
/// its own end of import (tag relation sort, index builds: one core's work), the helper indexes
/// that text in one statement — the cheapest way, like a `rebuild` — into a contentless FTS5
/// table (`content=''`) with exactly the columns and tokenizer of `product_fts`, on the core the
/// writer's end would leave idle (while rows stream in, both cores are already busy parsing and
/// writing: indexing then only competed with them). At the end, inside the import's own
/// transaction, ``copy(into:)`` copies that index's shadow tables (`_data` with its structure and
/// averages records, `_idx`, `_docsize`) row by row (64 to a statement) into `product_fts`'s,
/// which hold the same format for an external-content table: a failed or killed import keeps
/// none of it. Re-imports into a catalog with products keep the writer's row-by-row path.
final class FullTextBuilder: @unchecked Sendable {  // shared state is guarded by `condition`
    /// One row's text as the writer stored it.
    private struct Entry {
        let pk: Int64
        let name: String
        let description: String
        let tags: String
    }

    /// Rows handed over at a time, and at most this many rows waiting for the helper (their
    /// text is held meanwhile: a few MB).
    static let batchRows = 256
    static let maxQueuedRows = 8_192
    /// Rows copied into the catalog per statement: one statement per row cost as much again in
    /// statement overhead as the rows (the index's `_docsize` holds one row per product).
    static let copyRowsPerInsert = 64
    /// Rows the helper stores per statement while they stream in.
    static let stageRowsPerInsert = 16
    /// `product_fts` as the catalog declares it, whitespace removed: only an index of this shape
    /// is built on the side (any other keeps the writer's own path).
    static let catalogDeclaration =
        "CREATEVIRTUALTABLEproduct_ftsUSINGfts5(name,description,tags,content='product',content_rowid='pk',tokenize='porterunicode61remove_diacritics2')"
    /// The same columns and tokenizer, without content.
    private static let sideDeclaration =
        "CREATE VIRTUAL TABLE side_fts USING fts5(name, description, tags, content='', tokenize='porter unicode61 remove_diacritics 2')"

    /// Whether the catalog's `product_fts` is the one this builder makes the same index for.
    static func suits(_ db: Database) throws -> Bool {
        guard let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'product_fts'")
        else { return false }
        return sql.filter { !$0.isWhitespace } == catalogDeclaration
    }

    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [(entries: [Entry], direct: Bool)] = []
    private var queuedRows = 0
    private var closed = false
    private var cancelled = false
    private var built = false
    private var threadDone = false
    private var failure: GiftwiseError?

    /// The writer's rows not yet handed over (writer thread only).
    private var pending: [Entry] = []
    /// Whether the rows handed over next go straight into the index (writer thread only): true
    /// until the writer has passed ``Settings/directShare`` of the file, then false for good, so
    /// every row indexed directly comes before every row staged.
    private var indexingDirectly: Bool
    /// The helper's connection: used by the helper thread until ``built``, then by the writer.
    private var connection: OpaquePointer?
    private let catalogPath: String
    private let settings: Settings

    /// The helper's database: its page cache, and (tests: a full temporary folder) how many pages it may grow to.
    struct Settings: Sendable {
        var cacheKiB = 4_000
        var maxPages: Int?
        /// The share of the file (by bytes read) whose rows are indexed as they arrive instead of
        /// staged and indexed in one statement at the end; `GIFTWISE_IMPORT_FULLTEXT_DIRECT`
        /// overrides it (0–1), to measure.
        var directShare: Double = FullTextBuilder.defaultDirectShare
    }

    static var defaultDirectShare: Double {
        if let text = ProcessInfo.processInfo.environment["GIFTWISE_IMPORT_FULLTEXT_DIRECT"],
            let share = Double(text), (0...1).contains(share)
        {
            return share
        }
        return 0.25
    }

    /// Starts the helper thread. `catalogPath` names the catalog in error messages.
    init(catalogPath: String, settings: Settings = Settings()) {
        self.catalogPath = catalogPath
        self.settings = settings
        indexingDirectly = settings.directShare > 0
        pending.reserveCapacity(Self.batchRows)
        let thread = Thread { [self] in run() }
        thread.name = "giftwise-import-fulltext"
        thread.stackSize = 1 << 20
        thread.start()
    }

    deinit {
        if let connection { sqlite3_close_v2(connection) }
    }

    // MARK: - Writer side

    /// Says how much of the file (0–1, by bytes read) the rows handed over next come from.
    func noteFileShare(_ share: Double) {
        if indexingDirectly && share > settings.directShare { indexingDirectly = false }
    }

    /// Hands one stored row over (in pk order); throws if the helper has failed.
    func add(pk: Int64, _ draft: ProductDraft) throws {
        pending.append(
            Entry(pk: pk, name: draft.product.name, description: draft.product.description, tags: draft.searchText))
        if pending.count == Self.batchRows { try handOver() }
    }

    private func handOver() throws {
        condition.lock()
        defer { condition.unlock() }
        while queuedRows >= Self.maxQueuedRows && failure == nil && !threadDone { condition.wait() }
        if let failure { throw failure }
        guard !threadDone else { throw GiftwiseError.database("the full-text index builder stopped early") }
        if !pending.isEmpty {
            queuedRows += pending.count
            queue.append((pending, indexingDirectly))
            pending = []
            pending.reserveCapacity(Self.batchRows)
            condition.broadcast()
        }
    }

    /// Hands the last rows over: the helper starts indexing them.
    func startIndexing() throws {
        try handOver()
        condition.lock()
        defer { condition.unlock() }
        closed = true
        condition.broadcast()
    }

    /// After ``startIndexing()``: waits until the helper has indexed every row.
    func finish() throws {
        condition.lock()
        defer { condition.unlock() }
        while !built && failure == nil && !threadDone { condition.wait() }
        if let failure { throw failure }
        guard built else { throw GiftwiseError.database("the full-text index builder stopped early") }
    }

    /// Stops the helper (the import failed or ended); waits for its thread to let go of the connection.
    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        while !threadDone { condition.wait() }
        condition.unlock()
        if let connection { sqlite3_close_v2(connection) }
        connection = nil
    }

    /// After ``finish()``: replaces `product_fts`'s index with the one built, copying the shadow
    /// tables row by row on `db` (the import's connection, inside its transaction).
    func copy(into db: Database, timings: ImportTimings = .shared) throws {
        guard let connection, built else { throw GiftwiseError.database("the full-text index was not built") }
        for table in ["data", "idx", "docsize"] {
            try db.execute(sql: "DELETE FROM product_fts_\(table)")
        }
        try timings.measure("end: full-text index copied: _data") {
            try copy(
                db, from: connection, "SELECT id, block FROM side_fts_data ORDER BY id", "product_fts_data (id, block)",
                2)
        }
        try timings.measure("end: full-text index copied: _idx") {
            try copy(
                db, from: connection, "SELECT segid, term, pgno FROM side_fts_idx ORDER BY segid, term",
                "product_fts_idx (segid, term, pgno)", 3)
        }
        try timings.measure("end: full-text index copied: _docsize") {
            try copy(
                db, from: connection, "SELECT id, sz FROM side_fts_docsize ORDER BY id", "product_fts_docsize (id, sz)",
                2)
        }
        sqlite3_close_v2(connection)
        self.connection = nil
    }

    /// Copies every row `select` reads on the helper's connection into `target` on `db`, values as they are.
    private func copy(_ db: Database, from source: OpaquePointer, _ select: String, _ target: String, _ columns: Int32)
        throws
    {
        let row = "(" + Array(repeating: "?", count: Int(columns)).joined(separator: ", ") + ")"
        let single = FastStatement(db, try db.makeStatement(sql: "INSERT INTO \(target) VALUES \(row)"))
        let batch = FastStatement(
            db,
            try db.makeStatement(
                sql: "INSERT INTO \(target) VALUES "
                    + Array(repeating: row, count: Self.copyRowsPerInsert).joined(separator: ", ")))
        // Rows go in ``copyRowsPerInsert`` to a statement, the last few one by one.
        var total: OpaquePointer?
        try check(sqlite3_prepare_v2(source, "SELECT count(*) FROM (\(select))", -1, &total, nil), source)
        defer { sqlite3_finalize(total) }
        guard sqlite3_step(total) == SQLITE_ROW else { throw translate(sqlite3_errcode(source), source) }
        let count = Int(sqlite3_column_int64(total, 0))
        let batched = count - count % Self.copyRowsPerInsert
        var statement: OpaquePointer?
        try check(sqlite3_prepare_v2(source, select, -1, &statement, nil), source)
        defer { sqlite3_finalize(statement) }
        var index = 0
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else { throw translate(code, source) }
            if index < batched {
                let offset = Int32(index % Self.copyRowsPerInsert) * columns
                for column in 0..<columns {
                    try batch.bind(offset + column + 1, value: sqlite3_column_value(statement, column))
                }
                if index % Self.copyRowsPerInsert == Self.copyRowsPerInsert - 1 { try batch.step() }
            } else {
                for column in 0..<columns {
                    try single.bind(column + 1, value: sqlite3_column_value(statement, column))
                }
                try single.step()
            }
            index += 1
        }
        guard index == count else { throw GiftwiseError.database("the full-text index changed while being copied") }
    }

    // MARK: - Helper thread

    private func run() {
        var insert: OpaquePointer?
        var insertMany: OpaquePointer?
        var index: OpaquePointer?
        do {
            let db = try open()
            let sql = "INSERT INTO side_text (pk, name, description, tags) VALUES "
            try check(sqlite3_prepare_v2(db, sql + "(?, ?, ?, ?)", -1, &insert, nil), db)
            try check(
                sqlite3_prepare_v2(
                    db, sql + Array(repeating: "(?, ?, ?, ?)", count: Self.stageRowsPerInsert).joined(separator: ", "),
                    -1, &insertMany, nil), db)
            // One row a statement: a statement of several rows opens a savepoint, which makes
            // FTS5 flush its pending terms as a segment; single rows add to the same pending terms.
            try check(
                sqlite3_prepare_v2(
                    db, "INSERT INTO side_fts (rowid, name, description, tags) VALUES (?, ?, ?, ?)", -1, &index, nil),
                db)
            while let (batch, direct) = take() {
                if direct {
                    for entry in batch {
                        try check(sqlite3_bind_int64(index, 1, entry.pk), db)
                        try bind(index, 2, entry.name, db)
                        try bind(index, 3, entry.description, db)
                        try bind(index, 4, entry.tags, db)
                        let code = sqlite3_step(index)
                        sqlite3_reset(index)
                        guard code == SQLITE_DONE else { throw translate(code, db) }
                    }
                    condition.lock()
                    queuedRows -= batch.count
                    condition.broadcast()
                    condition.unlock()
                    continue
                }
                // ``stageRowsPerInsert`` rows to a statement, the last few one by one.
                var next = 0
                while next < batch.count {
                    let many = batch.count - next >= Self.stageRowsPerInsert
                    let statement = many ? insertMany : insert
                    for slot in 0..<(many ? Self.stageRowsPerInsert : 1) {
                        let entry = batch[next + slot]
                        let offset = Int32(slot * 4)
                        try check(sqlite3_bind_int64(statement, offset + 1, entry.pk), db)
                        try bind(statement, offset + 2, entry.name, db)
                        try bind(statement, offset + 3, entry.description, db)
                        try bind(statement, offset + 4, entry.tags, db)
                    }
                    let code = sqlite3_step(statement)
                    sqlite3_reset(statement)
                    guard code == SQLITE_DONE else { throw translate(code, db) }
                    next += many ? Self.stageRowsPerInsert : 1
                }
                condition.lock()
                queuedRows -= batch.count
                condition.broadcast()
                condition.unlock()
            }
            sqlite3_finalize(insert)
            sqlite3_finalize(insertMany)
            sqlite3_finalize(index)
            insert = nil
            insertMany = nil
            index = nil
            condition.lock()
            let stop = cancelled
            condition.unlock()
            if !stop {
                try ImportTimings.shared.measure("full-text thread: index built") {
                    try execute(
                        "INSERT INTO side_fts (rowid, name, description, tags) SELECT pk, name, description, tags FROM side_text",
                        db)
                    // Committing writes FTS5's last pending terms into the shadow tables.
                    try execute("COMMIT", db)
                }
                condition.lock()
                built = true
                condition.unlock()
            }
        } catch {
            if insert != nil { sqlite3_finalize(insert) }
            if insertMany != nil { sqlite3_finalize(insertMany) }
            if index != nil { sqlite3_finalize(index) }
            condition.lock()
            failure =
                error as? GiftwiseError
                ?? GiftwiseError.database("the full-text index could not be built")
            condition.unlock()
        }
        ImportTimings.shared.addThreadCPU("full-text thread")
        condition.lock()
        threadDone = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch of rows, or nil once the writer has handed over the last (or cancelled).
    private func take() -> (entries: [Entry], direct: Bool)? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty && !closed && !cancelled { condition.wait() }
        if cancelled || queue.isEmpty { return nil }
        return queue.removeFirst()
    }

    /// Opens the private temporary database and starts the transaction the index is built in.
    private func open() throws -> OpaquePointer {
        var db: OpaquePointer?
        let code = sqlite3_open_v2("", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        connection = db
        guard code == SQLITE_OK, let db else { throw translate(code, db) }
        // Nothing here must survive a crash: no journal, no syncs. A small page cache keeps memory flat.
        // 16 KiB pages: fewer reads and writes of the spilled text (0.50 vs 0.53–0.57 s to index 200k rows).
        try execute("PRAGMA page_size = 16384", db)
        try execute("PRAGMA journal_mode = OFF", db)
        try execute("PRAGMA synchronous = OFF", db)
        try execute("PRAGMA cache_size = -\(settings.cacheKiB)", db)
        if let maxPages = settings.maxPages { try execute("PRAGMA max_page_count = \(maxPages)", db) }
        try execute(Self.sideDeclaration, db)
        try execute("CREATE TABLE side_text (pk INTEGER PRIMARY KEY, name TEXT, description TEXT, tags TEXT)", db)
        // As the writer's own chunks did: no incremental merging while rows go in (FTS5's crisis
        // merge still bounds the segments a level; 0.63–0.66 instead of 0.73–0.95 s at 200k).
        try execute("INSERT INTO side_fts (side_fts, rank) VALUES ('automerge', 0)", db)
        try execute("BEGIN", db)
        return db
    }

    private func execute(_ sql: String, _ db: OpaquePointer) throws {
        try check(sqlite3_exec(db, sql, nil, nil, nil), db)
    }

    private func bind(_ statement: OpaquePointer?, _ index: Int32, _ text: String, _ db: OpaquePointer) throws {
        var text = text
        let code = text.withUTF8 { buffer in
            sqlite3_bind_text(
                statement, index,
                buffer.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                Int32(buffer.count), unsafeBitCast(-1, to: sqlite3_destructor_type.self))
        }
        try check(code, db)
    }

    private func check(_ code: Int32, _ db: OpaquePointer?) throws {
        guard code == SQLITE_OK else { throw translate(code, db) }
    }

    /// A failure of the helper's own database, said plainly (never SQLite's text).
    private func translate(_ code: Int32, _ db: OpaquePointer?) -> GiftwiseError {
        let primary = code & 0xFF
        switch primary {
        case SQLITE_FULL:
            return .cannotWrite(
                path: catalogPath,
                reason:
                    "the temporary folder ran out of space while building the full-text index (set SQLITE_TMPDIR to a folder with room)"
            )
        case SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_READONLY, SQLITE_PERM:
            return .cannotWrite(
                path: catalogPath,
                reason:
                    "the temporary folder could not be written while building the full-text index (set SQLITE_TMPDIR to a writable folder)"
            )
        case SQLITE_NOMEM:
            return .database("out of memory while building the full-text index")
        default:
            return .database("building the full-text index failed (SQLite error \(primary))")
        }
    }
}
