/// One problem found while importing: where it is and what to fix.
public struct ImportIssue: Hashable, Sendable, Codable {
    /// CSV or JSON Lines line number (1-based), or the JSON array index (0-based).
    public var line: Int
    /// The field (column or key) at fault; `nil` when the whole row or file is at fault.
    public var field: String?
    /// What is wrong, in words a person can act on.
    public var message: String

    /// Creates an issue.
    public init(line: Int, field: String?, message: String) {
        self.line = line
        self.field = field
        self.message = message
    }
}

/// What an import did (or, for a dry run or a failed import, would have done).
public struct ImportReport: Sendable, Codable, Equatable {
    /// New products.
    public var added = 0
    /// Existing products whose data changed.
    public var updated = 0
    /// Existing products the file repeats exactly.
    public var unchanged = 0
    /// Products removed because the file did not list them (`replace` only).
    public var removed = 0
    /// Rows left out because they were invalid (`skipInvalidRows` only).
    public var skipped = 0
    /// Products that had no interests or purposes and were tagged from their text.
    public var autoTagged = 0
    /// Problems; any of them means nothing was written, unless `skipInvalidRows` was set.
    public var errors: [ImportIssue] = []
    /// How many errors there were in all (``errors`` keeps the first 1,000).
    public var errorCount = 0
    /// Notes that did not stop the import (ignored columns, free tags).
    public var warnings: [String] = []
    /// Whether this was a dry run (nothing written whatever the outcome).
    public var dryRun = false

    /// Creates an empty report.
    public init() {}

    /// At most this many errors are kept in ``errors``.
    public static let keptErrorLimit = 1_000

    mutating func record(_ issue: ImportIssue) {
        errorCount += 1
        if errors.count < Self.keptErrorLimit { errors.append(issue) }
    }

    /// A summary of the errors, for messages.
    public var errorSummary: String {
        var lines = ["The import found \(errorCount) error\(errorCount == 1 ? "" : "s"); nothing was written."]
        for issue in errors.prefix(20) {
            lines.append("  " + issue.description)
        }
        if errorCount > 20 { lines.append("  … and \(errorCount - 20) more (use --report json to see them all).") }
        return lines.joined(separator: "\n")
    }

    enum CodingKeys: String, CodingKey {
        case added, updated, unchanged, removed, skipped, autoTagged, errors, errorCount, warnings, dryRun
    }
}

extension ImportIssue: CustomStringConvertible {
    /// "line 12, price: must be a number from 0 to 1000000000 (got "abc")".
    public var description: String {
        "line \(line)" + (field.map { ", \($0)" } ?? "") + ": " + message
    }
}
