import Foundation
import GRDB

/// Reads a catalog file and upserts it into a catalog in one transaction: all or nothing.
///
/// Three steps: detect the format (and a CSV file's delimiter), check the header against the
/// column map, then read, validate and write every row inside one write transaction.
struct CatalogImporter {
    let database: CatalogDatabase
    let taxonomy: Taxonomy
    let options: ImportOptions

    /// Imports from a file, choosing the reader by format.
    func run(url: URL) throws -> ImportReport {
        let source = try ByteSource(url: url, chunkSize: options.readChunkBytes)
        let head = Self.head(of: url, count: 8192)
        let format =
            options.format != .auto ? options.format : Self.format(fileExtension: url.pathExtension, head: head)
        let extensionDelimiter: UInt8? = url.pathExtension.lowercased() == "tsv" ? 0x09 : nil
        return try run(source: source, format: format, head: head, fallbackDelimiter: extensionDelimiter)
    }

    /// Imports from in-memory data (the embedded default catalog, tests).
    func run(data: Data, format: ImportOptions.Format) throws -> ImportReport {
        let resolved = format == .auto ? Self.sniff(data.prefix(64)) : format
        return try run(
            source: ByteSource(data: data, chunkSize: options.readChunkBytes), format: resolved,
            head: data.prefix(8192), fallbackDelimiter: nil)
    }

    private func run(source: ByteSource, format: ImportOptions.Format, head: Data, fallbackDelimiter: UInt8?) throws
        -> ImportReport
    {
        var report = ImportReport()
        report.dryRun = options.dryRun
        let defaultCurrency = options.defaultCurrency.trimmingCharacters(in: .whitespaces).uppercased()
        guard ExchangeRates.isCurrencyCode(defaultCurrency) else {
            throw GiftwiseError.invalidImportOption(
                "The default currency must be a three-letter ISO 4217 code such as GBP "
                    + "(got \"\(options.defaultCurrency.prefix(20))\").")
        }
        var parser = ProductRowParser(
            taxonomy: taxonomy, columnMap: options.columnMap, defaultCurrency: defaultCurrency)
        // A dry run writes nothing, so it need not embed.
        if !options.dryRun { parser.vectorEncoder = ProductVectorEncoder() }
        let rows = try openRows(
            source: source, format: format, head: head, fallbackDelimiter: fallbackDelimiter, report: &report)
        // A JSON array's rows are its objects, counted from 0 (the report says "item 3").
        report.rowsAreArrayItems = format == .json
        if format == .csv || format == .auto {
            parser.bind(columns: rows.columns)
            for issue in parser.headerIssues(columns: rows.columns, line: 1) { report.record(issue) }
            if report.errorCount > 0 { throw GiftwiseError.invalidImport(report) }
        }
        let outcome = try write(rows: rows, source: source, parser: parser, report: report)
        if outcome.errorCount > 0 {
            // Nothing was written: the report says so rather than what would have been.
            var failed = outcome
            (failed.added, failed.updated, failed.unchanged, failed.removed, failed.autoTagged) = (0, 0, 0, 0, 0)
            throw GiftwiseError.invalidImport(failed)
        }
        return outcome
    }

    // MARK: - Format detection

    private static func head(of url: URL, count: Int) -> Data {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return Data() }
        defer { try? handle.close() }
        return (try? handle.read(upToCount: count)) ?? Data()
    }

    /// The format from a file's extension, else from its first character.
    static func format(fileExtension: String, head: Data) -> ImportOptions.Format {
        switch fileExtension.lowercased() {
        case "csv", "tsv", "txt": .csv
        case "json": .json
        case "jsonl", "ndjson": .jsonl
        default: sniff(head.prefix(64))
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

    /// The delimiter of a CSV header line: `,` unless the line has none but has `;` or tabs.
    static func detectDelimiter(head: Data, fallback: UInt8?) -> UInt8 {
        var commas = 0
        var semicolons = 0
        var tabs = 0
        var inQuotes = false
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

    /// The chosen delimiter, else the one the header line uses.
    private func delimiter(head: Data, fallback: UInt8?) throws -> UInt8 {
        guard let chosen = options.delimiter else { return Self.detectDelimiter(head: head, fallback: fallback) }
        guard let ascii = chosen.asciiValue, ascii != UInt8(ascii: "\""), ascii != 0x0A, ascii != 0x0D else {
            throw GiftwiseError.invalidImportOption(
                "The CSV delimiter must be one ASCII character other than a quote or a line break (got \"\(chosen)\").")
        }
        return ascii
    }

    /// The row reader for `format`; a file that cannot be read at all is reported as an error.
    private func openRows(
        source: ByteSource, format: ImportOptions.Format, head: Data, fallbackDelimiter: UInt8?,
        report: inout ImportReport
    ) throws -> any RowSource {
        do {
            switch format {
            case .csv, .auto:
                return try CSVRowSource(source: source, delimiter: delimiter(head: head, fallback: fallbackDelimiter))
            case .json: return try JSONArrayRowSource(source: source)
            case .jsonl: return JSONLinesRowSource(source: source)
            }
        } catch let problem as FileProblem {
            report.record(ImportIssue(line: problem.line, field: problem.field, message: problem.message))
            throw GiftwiseError.invalidImport(report)
        }
    }

    // MARK: - Validation and writing

    /// Reads, validates and writes every row in one transaction, rolled back on any error (or
    /// for a dry run).
    private func write(rows: any RowSource, source: ByteSource, parser: ProductRowParser, report: ImportReport) throws
        -> ImportReport
    {
        let mayWriteAlone = !options.dryRun && ImportJournal.mayWriteAlone(database)
        do {
            return try database.writer.writeWithoutTransaction { db -> ImportReport in
                // A first import into an empty catalog nothing else has open writes each page once.
                let alone = mayWriteAlone ? try ImportJournal.takeOver(db) : nil
                defer { alone?.handBack(db) }
                var outcome: ImportReport?
                try db.inTransaction {
                    // Alone, the pages go straight into the catalog file (not a log): their
                    // write-back can start while the import still works.
                    let writeback = alone != nil ? CatalogFileWriteback(path: database.path) : nil
                    outcome = try importRows(
                        db: db, rows: rows, source: source, parser: parser, report: report, writeback: writeback)
                    return .commit
                }
                ImportTimings.shared.mark("committed")
                ImportTimings.shared.report()
                guard let outcome else { throw GiftwiseError.database("the import wrote nothing") }
                return outcome
            }
        } catch let rollback as RollbackRequested {
            return rollback.report
        } catch {
            throw CatalogDatabase.translate(error, path: database.path)
        }
    }

    /// The body of ``write(rows:source:parser:report:)``, inside its transaction.
    private func importRows(
        db: Database, rows: any RowSource, source: ByteSource, parser: ProductRowParser, report: ImportReport,
        writeback: CatalogFileWriteback?
    ) throws -> ImportReport {
        var session = ImportSession(report: report, options: options)
        let timings = ImportTimings.shared
        timings.mark("import starts")
        let writer = try ImportWriter(
            db: db, catalogPath: database.path,
            fullTextOnTheSide: options.fullTextOnTheSide
                && ProcessInfo.processInfo.environment["GIFTWISE_IMPORT_FULLTEXT"] != "writer",
            fullTextSide: options.fullTextSide, tagRowsInMemory: options.tagRowsInMemory)
        defer { writer.close() }
        let pipeline = ParsePipeline(
            rows: rows, parser: parser,
            clock: ProgressClock(source: source, rows: rows, callback: options.progress),
            parallel: options.parallelParsing, workers: options.parserThreads ?? ParsePipeline.defaultWorkers)
        pipeline.start()
        do {
            while true {
                // Work that would otherwise wait for the last row, done while the
                // parsing thread is behind.
                if !pipeline.hasBatchReady {
                    try timings.measure("full-text chunks while idle") { try writer.indexWrittenTextWhileIdle() }
                }
                guard let batch = pipeline.next() else { break }
                if let total = source.totalBytes, total > 0 {
                    writer.noteFileShare(Double(pipeline.bytesReadThroughHanded) / Double(total))
                }
                try timings.measure("rows written") {
                    for item in batch { try session.take(item, writer: writer) }
                }
                pipeline.recycle(batch)
            }
        } catch {
            _ = try? pipeline.finish(cancelling: true)
            throw error
        }
        let parsed = try pipeline.finish(cancelling: false)
        timings.mark("writer has every row")
        if let problem = parsed.problem {
            session.report.record(
                ImportIssue(line: problem.line, field: problem.field, message: problem.message))
        }
        var report = session.finishReport(parser: parsed.parser, rowCount: parsed.rows, columns: rows.columns)
        if report.errorCount > 0 || options.dryRun {
            if options.replace { report.removed = try writer.countUnseen() }
            // Throwing rolls the whole transaction back: nothing of this file is kept.
            throw RollbackRequested(report: report)
        }
        if options.replace { report.removed = try writer.removeUnseen() }
        // Every row is in the file or the page cache: its pages go to disk while the writer builds
        // the tag relation and indexes, theirs while it copies the full-text index in. (Hints
        // while rows stream in too gave no more: both cores are busy then.)
        writeback?.start()
        try writer.finish(timings: timings, beforeCopy: { writeback?.start() })
        try timings.measure("end: currencies, vectors, meta") {
            // Into an empty catalog, the rows this import wrote are the whole catalog.
            try CatalogDatabase.refreshCurrencyCounts(db, known: writer.startedEmpty ? report.currencies : nil)
            report.warnings.append(contentsOf: try Self.currencyWarnings(report: report, db: db))
            if writer.vectorsComplete {
                try ProductVectors.bumpGeneration(db)
            } else {
                try ProductVectors.fillMissing(db)
            }
            try CatalogDatabase.setMetaValue(db, .seeded, "yes")
        }
        timings.mark("commit starts")
        return report
    }

    /// A file mixing currencies, or a catalog left holding prices no rate converts: budgets
    /// are in one currency, so say so once.
    static func currencyWarnings(report: ImportReport, db: Database) throws -> [String] {
        var warnings: [String] = []
        if report.currencies.count > 1 {
            let listed = report.currencies.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                .map { "\(IssueGroups.thousands($0.value)) \($0.key)" }.joined(separator: ", ")
            warnings.append(
                "this file mixes currencies (\(listed)); a budget is in one currency, so products priced in another are compared only through exchange rates the shop supplies (giftwise catalog rates import), otherwise left out of budgeted results"
            )
        }
        let counts = try CatalogDatabase.currencyCounts(db)
        if counts.count > 1 {
            let rates = try CatalogDatabase.exchangeRates(db)
            let main = CatalogDatabase.mainCurrency(of: counts)
            let unconverted = counts.keys.filter { $0 != main && rates.rate(from: $0, to: main) == nil }.sorted()
            if !unconverted.isEmpty && report.currencies.count <= 1 {
                warnings.append(
                    "the catalog now holds prices in \(counts.keys.sorted().joined(separator: ", ")) (mostly \(main)); no exchange rate converts \(unconverted.joined(separator: ", ")) to \(main), so those products are left out of budgeted results until rates are imported"
                )
            }
        }
        return warnings
    }
}

/// The running state of one import: the report so far and what each row did.
private struct ImportSession {
    var report: ImportReport
    let options: ImportOptions

    /// Writes one parsed row (unless the import has already failed) and counts what it did.
    mutating func take(_ item: ParsePipeline.Item, writer: ImportWriter) throws {
        switch item.outcome {
        case .failure(let issues):
            if options.skipInvalidRows {
                if let first = issues.first { report.recordSkipped(first) }
            } else {
                issues.forEach { report.record($0) }
            }
        case .success(let draft):
            if let firstLine = try writer.markSeen(id: draft.product.id, line: item.line) {
                duplicate(draft, line: item.line, firstLine: firstLine)
                return
            }
            // Once the import has failed, keep validating but stop writing.
            if report.errorCount > 0 && !writer.detectsDuplicatesOnInsert { return }
            switch try writer.upsert(draft) {
            case .added: report.added += 1
            case .updated: report.updated += 1
            case .unchanged: report.unchanged += 1
            case .duplicate(let firstLine):
                duplicate(draft, line: item.line, firstLine: firstLine)
                return
            }
            if draft.interestsInferred { report.autoTagged += 1 }
            report.currencies[draft.product.currency, default: 0] += 1
        }
    }

    private mutating func duplicate(_ draft: ProductDraft, line: Int, firstLine: Int?) {
        let earlier = firstLine.map { " (first on \(report.rowUnit) \($0))" } ?? ""
        let issue = ImportIssue(
            line: line, field: CatalogField.id.rawValue,
            message: "the id \"\(draft.product.id.prefix(60))\" is used twice in this file\(earlier)")
        if options.skipInvalidRows { report.recordSkipped(issue) } else { report.record(issue) }
    }

    /// The report with its end-of-file checks and notes.
    mutating func finishReport(parser: ProductRowParser, rowCount: Int, columns: [String]) -> ImportReport {
        if rowCount == 0 && report.errorCount == 0 {
            report.record(ImportIssue(line: 1, field: nil, message: "the file has no products"))
        }
        var notes: [String] = []
        let unused = parser.unusedColumns(columns)
        if !unused.isEmpty {
            notes.append(
                "ignored column\(unused.count == 1 ? "" : "s") not in the catalog format: "
                    + unused.prefix(20).joined(separator: ", "))
        }
        if !parser.unknownFreeTags.isEmpty {
            let shown = parser.unknownFreeTags.prefix(20).joined(separator: ", ")
            let more = parser.unknownFreeTags.count > 20 ? " and \(parser.unknownFreeTags.count - 20) more" : ""
            notes.append("interests not in the taxonomy, kept as the shop's own tags: \(shown)\(more)")
        }
        notes.append(contentsOf: report.skippedWarnings)
        report.warnings.insert(contentsOf: notes, at: 0)
        return report
    }
}

/// Calls the progress callback about ten times a second.
final class ProgressClock {
    private let source: ByteSource
    private let rows: any RowSource
    private let callback: (@Sendable (ImportProgress) -> Void)?
    private let start = Date()
    private var last = Date.distantPast

    init(source: ByteSource, rows: any RowSource, callback: (@Sendable (ImportProgress) -> Void)?) {
        self.source = source
        self.rows = rows
        self.callback = callback
    }

    func tick(rows count: Int) {
        guard let callback, count & 255 == 0 else { return }
        let now = Date()
        guard now.timeIntervalSince(last) > 0.1 else { return }
        last = now
        callback(
            ImportProgress(
                bytesRead: rows.bytesRead, totalBytes: source.totalBytes, rows: count,
                elapsed: now.timeIntervalSince(start)))
    }

    func finish(rows count: Int) {
        callback?(
            ImportProgress(
                bytesRead: rows.bytesRead, totalBytes: source.totalBytes, rows: count,
                elapsed: Date().timeIntervalSince(start)))
    }
}

/// Thrown inside the write to roll a dry run or a failed import back; carries the report out.
private struct RollbackRequested: Error {
    var report: ImportReport
}
