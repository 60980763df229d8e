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
    /// Reads a catalog field from a differently named column: `["name": "product_name"]`.
    /// The extra field `age` takes an age range written as text ("3 years and up").
    public var columnMap: [String: String]
    /// CSV field separator; `nil` (the default) reads it from the header line: `,` unless the
    /// header has none and has `;` or tabs instead (many European and spreadsheet exports).
    public var delimiter: Character?
    /// Import the valid rows and report the invalid ones, instead of writing nothing.
    /// For messy foreign exports; the file format contract itself is all-or-nothing.
    public var skipInvalidRows: Bool
    /// Called now and then with bytes read and the file's size, for a progress bar.
    public var progress: (@Sendable (_ bytesRead: Int64, _ totalBytes: Int64?) -> Void)?

    /// Creates options; the defaults follow the catalog format contract.
    public init(
        format: Format = .auto, dryRun: Bool = false, replace: Bool = false,
        columnMap: [String: String] = [:], delimiter: Character? = nil, skipInvalidRows: Bool = false,
        progress: (@Sendable (_ bytesRead: Int64, _ totalBytes: Int64?) -> Void)? = nil
    ) {
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
            && lhs.skipInvalidRows == rhs.skipInvalidRows
    }
}
