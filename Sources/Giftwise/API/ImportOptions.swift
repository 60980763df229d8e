/// How to read and apply a catalog file.
public struct ImportOptions: Sendable, Equatable {
    /// The file format.
    public enum Format: String, Sendable, CaseIterable {
        /// Decide from the file name's extension, else from its first character.
        case auto
        /// RFC 4180 CSV with a header row.
        case csv
        /// A JSON array of objects.
        case json
        /// JSON Lines: one object per line.
        case jsonl
    }

    /// The file format; `.auto` by default.
    public var format: Format
    /// Validate and report without writing.
    public var dryRun: Bool
    /// Also remove products that the file does not list.
    public var replace: Bool
    /// Reads a catalog field from a differently named column: `["name": "product_name"]`
    /// (keys are ``CatalogField`` raw values). List fields may name several columns, comma-separated:
    /// `["interests": "theme,subtheme"]`; tags read this way are the shop's own (matching trusts
    /// them above tags inferred from text). The extra field `age` takes text holding an age
    /// phrase ("3 years and up", "Manufacturer recommended age: 36 months - 8 years").
    public var columnMap: [String: String]
    /// CSV field separator; `nil` (the default) reads it from the header line: `,` unless the
    /// header has none and has `;` or tabs instead (many European and spreadsheet exports).
    public var delimiter: Character?
    /// Import the valid rows and report the invalid ones, instead of writing nothing.
    /// For messy foreign exports; the file format contract itself is all-or-nothing.
    public var skipInvalidRows: Bool
    /// The currency of prices that name none (no `currency` column value and no symbol such as
    /// `£`): a three-letter ISO 4217 code, `USD` by default. A UK shop's export of plain numbers
    /// is imported with `"GBP"`.
    public var defaultCurrency: String
    /// Called now and then (about ten times a second) with how far the import has got.
    public var progress: (@Sendable (ImportProgress) -> Void)?
    /// Parse and validate rows on a second thread while the first writes (the default). Off,
    /// everything runs on the calling thread; the outcome is the same either way.
    public var parallelParsing = true
    /// How many threads parse when ``parallelParsing`` is on; nil: as many as suit the machine
    /// (tests set it to check that the outcome never depends on it).
    var parserThreads: Int?
    /// Into an empty catalog, build the full-text index on a thread and connection of its own
    /// (the default); false keeps it on the writer's connection (tests compare the two;
    /// `GIFTWISE_IMPORT_FULLTEXT=writer` does the same for a whole process).
    var fullTextOnTheSide = true
    /// Tests: the side full-text index's page cache and size limit (a small cache spills to its
    /// file sooner; a page limit acts as a full temporary folder).
    var fullTextSide = FullTextBuilder.Settings()
    /// Into an empty catalog: products or tag rows the tag relation holds in memory before it
    /// writes them (tests: a small number writes it in several parts).
    var tagRowsInMemory = 1 << 21
    /// Bytes read from the file at a time (tests: small reads make the share of the file read
    /// grow row by row, as it does over a large file).
    var readChunkBytes = 1 << 20

    /// Creates options; the defaults follow the catalog format contract.
    public init(
        format: Format = .auto, dryRun: Bool = false, replace: Bool = false,
        columnMap: [String: String] = [:], delimiter: Character? = nil, skipInvalidRows: Bool = false,
        defaultCurrency: String = "USD", progress: (@Sendable (ImportProgress) -> Void)? = nil
    ) {
        self.defaultCurrency = defaultCurrency
        self.format = format
        self.dryRun = dryRun
        self.replace = replace
        self.columnMap = columnMap
        self.delimiter = delimiter
        self.skipInvalidRows = skipInvalidRows
        self.progress = progress
    }

    /// Compares everything but the progress callback.
    public static func == (lhs: ImportOptions, rhs: ImportOptions) -> Bool {
        lhs.format == rhs.format && lhs.dryRun == rhs.dryRun && lhs.replace == rhs.replace
            && lhs.columnMap == rhs.columnMap && lhs.delimiter == rhs.delimiter
            && lhs.skipInvalidRows == rhs.skipInvalidRows && lhs.parallelParsing == rhs.parallelParsing
            && lhs.defaultCurrency == rhs.defaultCurrency
    }
}

/// How far an import has got, for a progress display.
public struct ImportProgress: Sendable, Equatable {
    /// Bytes of the file read so far.
    public var bytesRead: Int64
    /// The file's size, when known.
    public var totalBytes: Int64?
    /// Rows read so far.
    public var rows: Int
    /// Seconds since the import started.
    public var elapsed: Double

    /// Creates a progress value.
    public init(bytesRead: Int64, totalBytes: Int64?, rows: Int, elapsed: Double) {
        self.bytesRead = bytesRead
        self.totalBytes = totalBytes
        self.rows = rows
        self.elapsed = elapsed
    }

    /// The fraction done (0…1), when the size is known.
    public var fraction: Double? {
        guard let totalBytes, totalBytes > 0 else { return nil }
        return min(1, Double(bytesRead) / Double(totalBytes))
    }

    /// Rows per second so far.
    public var rowsPerSecond: Double { elapsed > 0 ? Double(rows) / elapsed : 0 }
}
