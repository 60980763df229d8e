import Foundation
import GRDB
import Testing

@testable import Giftwise

/// Helpers shared by the suites: real SQLite catalogs, never mocks.
enum TestSupport {
    /// `built == expected` for two lists of rows, reported by the first row that differs: Swift
    /// Testing's own report of two unequal arrays of tens of thousands of rows took over ten
    /// minutes to compute.
    static func expectSameRows(
        _ built: [String], _ expected: [String], sourceLocation: SourceLocation = #_sourceLocation
    ) {
        let first =
            built.indices.first { $0 >= expected.count || built[$0] != expected[$0] }
            ?? (built.count < expected.count ? built.count : nil)
        func row(_ rows: [String]) -> String { first.flatMap { rows.indices.contains($0) ? rows[$0] : nil } ?? "none" }
        #expect(
            first == nil, "first difference at row \(first ?? -1): \(row(built)) vs \(row(expected))",
            sourceLocation: sourceLocation)
    }

    /// An empty in-memory catalog with the bundled taxonomy.
    static func emptyCatalog() throws -> GiftCatalog { try GiftCatalog.inMemory() }

    /// An in-memory catalog filled with the bundled default catalog.
    static func defaultCatalog() throws -> GiftCatalog {
        let catalog = try GiftCatalog.inMemory()
        try catalog.fillWithDefaultCatalogIfEmpty()
        return catalog
    }

    /// The catalog's full contents as JSON Lines: equal snapshots mean an unchanged catalog.
    static func snapshot(_ catalog: GiftCatalog) throws -> String {
        var data = Data()
        try catalog.export(format: .jsonl) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    static let header = "id,name,description,price,currency,age_min,age_max,interests,purposes,url,in_stock\n"

    /// A small valid catalog to start from.
    static let seedCSV =
        header + """
            toy-1,Dinosaur Fossil Dig,Dig three skeletons out of plaster,16.99,USD,6,10,dinosaurs|science,educational,,true
            toy-2,Watercolour Paint Set,Twenty-four pans and two brushes,12.50,USD,5,,painting|art,crafty,,true
            toy-3,Junior Football,Size 3 ball for small feet,9.99,USD,4,8,soccer,sporty,,true

            """

    @discardableResult
    static func importCSV(
        _ text: String, into catalog: GiftCatalog, options: ImportOptions = ImportOptions(format: .csv)
    ) throws -> ImportReport {
        var options = options
        if options.format == .auto { options.format = .csv }
        return try catalog.importData(Data(text.utf8), options: options)
    }

    /// An in-memory catalog holding `rows` (CSV lines in ``header``'s columns).
    static func catalog(rows: String) throws -> GiftCatalog {
        try catalog(header: header, rows: rows)
    }

    /// An in-memory catalog holding `rows`, CSV lines in the columns `header` names (its own line).
    static func catalog(header: String, rows: String) throws -> GiftCatalog {
        let catalog = try emptyCatalog()
        try importCSV(header + rows, into: catalog)
        return catalog
    }

    static func fixture(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw GiftwiseError.unreadableFile(path: name, reason: "fixture missing")
        }
        return url
    }

    /// The errors of an import that must fail.
    static func importErrors(
        _ data: Data, into catalog: GiftCatalog, format: ImportOptions.Format,
        columnMap: [String: String] = [:]
    ) -> [ImportIssue] {
        do {
            _ = try catalog.importData(data, options: ImportOptions(format: format, columnMap: columnMap))
            return []
        } catch GiftwiseError.invalidImport(let report) {
            return report.errors
        } catch {
            return [ImportIssue(line: -1, field: nil, message: "unexpected error \(error)")]
        }
    }

    /// An in-memory catalog that was at schema `version` when `rows` (SQL) went in, then migrated
    /// to today's schema: a catalog imported by an earlier release, as an upgrade meets it.
    static func migrated(from version: String, rows: String) throws -> DatabaseQueue {
        let queue = try DatabaseQueue()
        try CatalogDatabase.migrator.migrate(queue, upTo: version)
        try queue.write { db in try db.execute(sql: rows) }
        try CatalogDatabase.migrator.migrate(queue)
        return queue
    }

    /// The SQL statements `body` runs on `catalog` (SQLite's trace hook), with their arguments
    /// filled in when `expanded`.
    static func statements(in catalog: GiftCatalog, expanded: Bool, _ body: () throws -> Void) throws -> [String] {
        let collected = CollectedStatements()
        catalog.database.writer.writeWithoutTransaction { db in
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event {
                    collected.add(expanded ? statement.expandedSQL : statement.sql)
                }
            }
        }
        defer { catalog.database.writer.writeWithoutTransaction { db in db.trace(options: .statement, nil) } }
        try body()
        return collected.statements
    }
}

/// Statements gathered from SQLite's trace hook, which may call from any thread.
private final class CollectedStatements: @unchecked Sendable {  // every field is guarded by `lock`
    private let lock = NSLock()
    private var gathered: [String] = []
    var statements: [String] {
        lock.lock()
        defer { lock.unlock() }
        return gathered
    }
    func add(_ sql: String) {
        lock.lock()
        gathered.append(sql)
        lock.unlock()
    }
}
