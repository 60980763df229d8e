import Foundation
import GRDB

/// Reads a catalog file and upserts it into a catalog in one transaction: all or nothing.
struct CatalogImporter {
    let database: CatalogDatabase
    let taxonomy: Taxonomy
    let options: ImportOptions

    /// Imports from a file, choosing the reader by format.
    func run(url: URL) throws -> ImportReport {
        let source = try ByteSource(url: url)
        let handle = try? FileHandle(forReadingFrom: url)
        let head = (try? handle?.read(upToCount: 8192)) ?? nil
        try? handle?.close()
        let extensionDelimiter: UInt8? = url.pathExtension.lowercased() == "tsv" ? 0x09 : nil
        return try run(source: source, format: resolveFormat(url: url), head: head ?? Data(), fallbackDelimiter: extensionDelimiter)
    }

    /// Imports from in-memory data (the embedded default catalog, tests).
    func run(data: Data, format: ImportOptions.Format) throws -> ImportReport {
        let source = ByteSource(data: data)
        let resolved = format == .auto ? Self.sniff(data.prefix(64)) : format
        return try run(source: source, format: resolved, head: data.prefix(8192), fallbackDelimiter: nil)
    }

    /// The delimiter of a CSV header line: `,` unless the line has none but has `;` or tabs.
    static func detectDelimiter(head: Data, fallback: UInt8?) -> UInt8 {
        var commas = 0, semicolons = 0, tabs = 0, inQuotes = false
        for byte in head {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if inQuotes { continue }
            if byte == 0x0A { break }
            switch byte {
            case UInt8(ascii: ","): commas += 1
            case UInt8(ascii: ";"): semicolons += 1
            case 0x09: tabs += 1
            default: break
            }
        }
        if let fallback, commas == 0 { return fallback }
        if commas == 0 && (semicolons > 0 || tabs > 0) { return semicolons >= tabs ? UInt8(ascii: ";") : 0x09 }
        return UInt8(ascii: ",")
    }

    private func resolveFormat(url: URL) throws -> ImportOptions.Format {
        if options.format != .auto { return options.format }
        switch url.pathExtension.lowercased() {
        case "csv", "tsv", "txt": return .csv
        case "json": return .json
        case "jsonl", "ndjson": return .jsonl
        default:
            let handle = try? FileHandle(forReadingFrom: url)
            let head = (try? handle?.read(upToCount: 64)) ?? nil
            try? handle?.close()
            return Self.sniff(head ?? Data())
        }
    }

    static func sniff(_ head: Data) -> ImportOptions.Format {
        var bytes = Array(head)
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        switch bytes.first(where: { ![0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
        case UInt8(ascii: "["): return .json
        case UInt8(ascii: "{"): return .jsonl
        default: return .csv
        }
    }

    private func run(source: ByteSource, format: ImportOptions.Format, head: Data, fallbackDelimiter: UInt8?) throws -> ImportReport {
        var report = ImportReport()
        report.dryRun = options.dryRun
        var parser = ProductRowParser(taxonomy: taxonomy, columnMap: options.columnMap)
        let rows: any RowSource
        do {
            switch format {
            case .csv, .auto:
                let delimiter: UInt8
                if let chosen = options.delimiter {
                    guard let ascii = chosen.asciiValue else {
                        throw GiftwiseError.invalidProfile("The CSV delimiter must be a single ASCII character.")
                    }
                    delimiter = ascii
                } else {
                    delimiter = Self.detectDelimiter(head: head, fallback: fallbackDelimiter)
                }
                rows = try CSVRowSource(source: source, delimiter: delimiter)
            case .json: rows = try JSONArrayRowSource(source: source)
            case .jsonl: rows = JSONLinesRowSource(source: source)
            }
        } catch let problem as FileProblem {
            report.record(ImportIssue(line: problem.line, field: problem.field, message: problem.message))
            throw GiftwiseError.invalidImport(report)
        }
        if format == .csv || format == .auto {
            parser.bind(columns: rows.columns)
            for issue in parser.headerIssues(columns: rows.columns, line: 1) { report.record(issue) }
            // A column map that names a column the file does not have is a mistake to point out,
            // not something to ignore silently.
            let present = Set(rows.columns)
            for (field, column) in options.columnMap.sorted(by: { $0.key < $1.key })
            where !present.contains(column) && !["id", "name", "price"].contains(field) {
                report.record(ImportIssue(line: 1, field: field, message: "the mapped column \"\(column)\" is not in the file's header (it has: \(rows.columns.prefix(12).joined(separator: ", ")))"))
            }
            if report.errorCount > 0 { throw GiftwiseError.invalidImport(report) }
        }

        let outcome: ImportReport
        do {
            outcome = try database.writer.write { db -> ImportReport in
                var report = report
                let writer = try ImportWriter(db: db)
                var lastProgress = Date()
                var rowCount = 0
                do {
                    while let row = try rows.next() {
                        rowCount += 1
                        if rowCount & 1023 == 0, let progress = options.progress {
                            let now = Date()
                            if now.timeIntervalSince(lastProgress) > 0.1 {
                                lastProgress = now
                                progress(rows.bytesRead, source.totalBytes)
                            }
                        }
                        switch parser.parse(row) {
                        case .failure(let issues):
                            if options.skipInvalidRows { report.skipped += 1; report.warnings.append(contentsOf: issues.prefix(1).map { "skipped " + $0.description }) } else { issues.forEach { report.record($0) } }
                        case .success(let draft):
                            if draft.autoTagged { report.autoTagged += 1 }
                            let outcome: ImportWriter.Outcome
                            if let firstLine = try writer.markSeen(id: draft.product.id, line: row.line) {
                                outcome = .duplicate(firstLine: firstLine)
                            } else if report.errorCount > 0 && !writer.detectsDuplicatesOnInsert {
                                // Once the import has failed, keep validating but stop writing.
                                continue
                            } else {
                                outcome = try writer.upsert(draft)
                            }
                            switch outcome {
                            case .added: report.added += 1
                            case .updated: report.updated += 1
                            case .unchanged: report.unchanged += 1
                            case .duplicate(let firstLine):
                                if draft.autoTagged { report.autoTagged -= 1 }
                                let earlier = firstLine.map { " (first on line \($0))" } ?? ""
                                let issue = ImportIssue(line: row.line, field: "id", message: "the id \"\(draft.product.id.prefix(60))\" is used twice in this file\(earlier)")
                                if options.skipInvalidRows { report.skipped += 1; report.warnings.append("skipped " + issue.description) } else { report.record(issue) }
                            }
                        }
                    }
                } catch let problem as FileProblem {
                    report.record(ImportIssue(line: problem.line, field: problem.field, message: problem.message))
                }
                if rowCount == 0 && report.errorCount == 0 {
                    report.record(ImportIssue(line: 1, field: nil, message: "the file has no products"))
                }
                options.progress?(rows.bytesRead, source.totalBytes)
                let unused = parser.unusedColumns(rows.columns)
                if !unused.isEmpty {
                    report.warnings.insert("ignored column\(unused.count == 1 ? "" : "s") not in the catalog format: " + unused.prefix(20).joined(separator: ", "), at: 0)
                }
                if !parser.unknownFreeTags.isEmpty {
                    let shown = parser.unknownFreeTags.prefix(20).joined(separator: ", ")
                    let more = parser.unknownFreeTags.count > 20 ? " and \(parser.unknownFreeTags.count - 20) more" : ""
                    report.warnings.append("interests not in the taxonomy, kept as the shop's own tags: \(shown)\(more)")
                }
                if report.errorCount > 0 || options.dryRun {
                    if options.replace { report.removed = try writer.countUnseen() }
                    // Throwing rolls the whole transaction back: nothing of this file is kept.
                    throw RollbackRequested(report: report)
                }
                if options.replace { report.removed = try writer.removeUnseen() }
                try writer.finish()
                try CatalogDatabase.refreshCurrencyCounts(db)
                try ProductVectors.fillMissing(db)
                try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('seeded', 'yes')")
                return report
            }
        } catch let rollback as RollbackRequested {
            outcome = rollback.report
        } catch {
            throw CatalogDatabase.translate(error, path: database.path)
        }
        if outcome.errorCount > 0 {
            // Nothing was written: the report says so rather than what would have been.
            var failed = outcome
            (failed.added, failed.updated, failed.unchanged, failed.removed, failed.autoTagged) = (0, 0, 0, 0, 0)
            throw GiftwiseError.invalidImport(failed)
        }
        return outcome
    }
}

/// Thrown inside the write to roll a dry run or a failed import back; carries the report out.
private struct RollbackRequested: Error {
    var report: ImportReport
}

/// The prepared statements of one import, reused for every row.
final class ImportWriter {
    enum Outcome {
        case added, updated, unchanged
        /// The file lists this id again (the earlier line, when known).
        case duplicate(firstLine: Int?)
    }

    private let db: Database
    /// When the catalog starts empty, the full-text index is built once at the end (fast);
    /// otherwise it is maintained row by row.
    private let bulkFullText: Bool
    private let selectExisting: Statement
    private let insertSeen: Statement
    private let selectSeen: Statement
    private let insertProduct: Statement
    private let insertProductIfNew: Statement
    private let updateProduct: Statement
    private let deleteTags: Statement
    private let deletePurposes: Statement
    private let insertTag: Statement
    private let insertPurpose: Statement
    private let insertFreeInterest: Statement
    private let insertFullText: Statement
    private let deleteFullText: Statement

    init(db: Database) throws {
        self.db = db
        bulkFullText = try Int.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM product)") == 0
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS import_seen (id TEXT PRIMARY KEY NOT NULL, line INTEGER NOT NULL) WITHOUT ROWID")
        try db.execute(sql: "DELETE FROM import_seen")
        selectExisting = try db.makeStatement(sql: "SELECT pk, content_hash, name, description, tags FROM product WHERE id = ?")
        insertSeen = try db.makeStatement(sql: "INSERT INTO import_seen (id, line) VALUES (?, ?) ON CONFLICT DO NOTHING")
        selectSeen = try db.makeStatement(sql: "SELECT line FROM import_seen WHERE id = ?")
        insertProduct = try db.makeStatement(sql: """
            INSERT INTO product (id, name, description, price_minor, currency, age_min_months, age_max_months,
                                 url, in_stock, inferred, tags, content_hash, purposes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertProductIfNew = try db.makeStatement(sql: """
            INSERT INTO product (id, name, description, price_minor, currency, age_min_months, age_max_months,
                                 url, in_stock, inferred, tags, content_hash, purposes)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO NOTHING
            """)
        updateProduct = try db.makeStatement(sql: """
            UPDATE product SET name = ?, description = ?, price_minor = ?, currency = ?, age_min_months = ?,
                age_max_months = ?, url = ?, in_stock = ?, inferred = ?, tags = ?, content_hash = ?, purposes = ?
            WHERE pk = ?
            """)
        deleteTags = try db.makeStatement(sql: "DELETE FROM product_interest WHERE product_pk = ?")
        // The relation is keyed by purpose first; a product's rows are four key lookups away.
        deletePurposes = try db.makeStatement(sql: "DELETE FROM product_purpose WHERE purpose IN ('educational', 'crafty', 'sporty', 'fun') AND product_pk = ?")
        insertTag = try db.makeStatement(sql: """
            INSERT OR IGNORE INTO product_interest (interest_id, product_pk, rank, weight, price_minor, age_min_months,
                                                    age_max_months, purposes, in_stock, span_fit)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        insertPurpose = try db.makeStatement(sql: "INSERT OR IGNORE INTO product_purpose (purpose, product_pk) VALUES (?, ?)")
        insertFreeInterest = try db.makeStatement(sql: "INSERT OR IGNORE INTO interest (id, label, phrase, is_free) VALUES (?, ?, ?, 1)")
        insertFullText = try db.makeStatement(sql: "INSERT INTO product_fts (rowid, name, description, tags) VALUES (?, ?, ?, ?)")
        deleteFullText = try db.makeStatement(sql: "INSERT INTO product_fts (product_fts, rowid, name, description, tags) VALUES ('delete', ?, ?, ?, ?)")
    }

    /// Into an empty catalog every row is new, so the id's uniqueness constraint finds repeats and
    /// the per-row bookkeeping of an update import is skipped (it was a third of the row cost).
    var detectsDuplicatesOnInsert: Bool { bulkFullText }

    /// Records that this file lists `id`; returns the earlier line if it already did.
    func markSeen(id: String, line: Int) throws -> Int? {
        if bulkFullText { return nil }
        try insertSeen.execute(arguments: [id, line])
        if db.changesCount == 1 { return nil }
        return try Int.fetchOne(selectSeen, arguments: [id]) ?? 0
    }

    func upsert(_ draft: ProductDraft) throws -> Outcome {
        let product = draft.product
        if bulkFullText {
            let insert = FastStatement(insertProductIfNew)
            insert.bind(1, product.id)
            insert.bind(2, product.name)
            insert.bind(3, product.description)
            insert.bind(4, product.price.minorUnits)
            insert.bind(5, product.currency)
            insert.bind(6, product.ages.minMonths)
            insert.bind(7, product.ages.maxMonths)
            insert.bind(8, product.url)
            insert.bind(9, product.inStock)
            insert.bind(10, draft.inferred)
            insert.bind(11, draft.searchText)
            insert.bind(12, draft.contentHash)
            insert.bind(13, draft.purposeMask)
            try insert.step(db)
            if db.changesCount == 0 { return .duplicate(firstLine: nil) }
            try insertRelations(draft, pk: db.lastInsertedRowID)
            return .added
        }
        let existing = try Row.fetchOne(selectExisting, arguments: [product.id])
        let pk: Int64
        let outcome: Outcome
        if let existing {
            pk = existing[0]
            if existing[1] as Int64 == draft.contentHash { return .unchanged }
            try deleteFullText.execute(arguments: [pk, existing[2] as String, existing[3] as String, existing[4] as String])
            try updateProduct.execute(arguments: [
                product.name, product.description, product.price.minorUnits, product.currency,
                product.ages.minMonths, product.ages.maxMonths, product.url, product.inStock, draft.inferred,
                draft.searchText, draft.contentHash, draft.purposeMask, pk,
            ])
            try deleteTags.execute(arguments: [pk])
            try deletePurposes.execute(arguments: [pk])
            outcome = .updated
        } else {
            try insertProduct.execute(arguments: [
                product.id, product.name, product.description, product.price.minorUnits, product.currency,
                product.ages.minMonths, product.ages.maxMonths, product.url, product.inStock, draft.inferred,
                draft.searchText, draft.contentHash, draft.purposeMask,
            ])
            pk = db.lastInsertedRowID
            outcome = .added
        }
        try insertRelations(draft, pk: pk)
        try insertFullText.execute(arguments: [pk, product.name, product.description, draft.searchText])
        return outcome
    }

    private func insertRelations(_ draft: ProductDraft, pk: Int64) throws {
        for free in draft.freeTags {
            try insertFreeInterest.execute(arguments: [free.id, free.label, "likes \(free.label)"])
        }
        let product = draft.product
        let spanFit = product.ages.fit(forRecipientMonths: 0)
        let tagInsert = FastStatement(insertTag)
        for (rank, tag) in draft.tags.enumerated() {
            tagInsert.bind(1, tag.id)
            tagInsert.bind(2, pk)
            tagInsert.bind(3, rank)
            tagInsert.bind(4, tag.weight)
            tagInsert.bind(5, product.price.minorUnits)
            tagInsert.bind(6, product.ages.minMonths)
            tagInsert.bind(7, product.ages.maxMonths)
            tagInsert.bind(8, draft.purposeMask)
            tagInsert.bind(9, product.inStock)
            tagInsert.bind(10, spanFit)
            try tagInsert.step(db)
        }
        let purposeInsert = FastStatement(insertPurpose)
        for purpose in draft.product.purposes {
            purposeInsert.bind(1, purpose.rawValue)
            purposeInsert.bind(2, pk)
            try purposeInsert.step(db)
        }
    }

    func countUnseen() throws -> Int {
        if bulkFullText { return 0 }
        return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM product WHERE id NOT IN (SELECT id FROM import_seen)") ?? 0
    }

    /// Removes the products this file did not list (`--replace`).
    func removeUnseen() throws -> Int {
        if bulkFullText { return 0 }
        try db.execute(sql: "CREATE TEMP TABLE IF NOT EXISTS import_gone (pk INTEGER PRIMARY KEY)")
        try db.execute(sql: "DELETE FROM import_gone")
        try db.execute(sql: "INSERT INTO import_gone SELECT pk FROM product WHERE id NOT IN (SELECT id FROM import_seen)")
        let count = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM import_gone") ?? 0
        guard count > 0 else { return 0 }
        if !bulkFullText {
            try db.execute(sql: """
                INSERT INTO product_fts (product_fts, rowid, name, description, tags)
                SELECT 'delete', pk, name, description, tags FROM product WHERE pk IN (SELECT pk FROM import_gone)
                """)
        }
        try db.execute(sql: "DELETE FROM product_interest WHERE product_pk IN (SELECT pk FROM import_gone)")
        try db.execute(sql: "DELETE FROM product_purpose WHERE purpose IN ('educational', 'crafty', 'sporty', 'fun') AND product_pk IN (SELECT pk FROM import_gone)")
        try db.execute(sql: "DELETE FROM product WHERE pk IN (SELECT pk FROM import_gone)")
        return count
    }

    /// Builds the full-text index in one pass if rows were added in bulk; clears the temp tables.
    func finish() throws {
        if bulkFullText {
            try db.execute(sql: "INSERT INTO product_fts (product_fts) VALUES ('rebuild')")
        }
        try db.execute(sql: "DELETE FROM import_seen")
    }
}
