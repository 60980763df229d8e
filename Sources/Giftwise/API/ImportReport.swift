import Foundation

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
    /// Notes that did not stop the import (ignored columns, free tags, mixed currencies, skipped
    /// rows grouped by reason: "price is empty: 11,475 rows skipped, e.g. lines 3, 7, 9").
    public var warnings: [String] = []
    /// The rows left out by `skipInvalidRows`, each with its first problem (the first 1,000).
    public var skippedRows: [ImportIssue] = []
    /// Products per currency in this file.
    public var currencies: [String: Int] = [:]
    /// Errors and skipped rows grouped by field and reason, in order of first appearance.
    package private(set) var errorGroups = IssueGroups()
    package private(set) var skippedGroups = IssueGroups()
    /// Whether this was a dry run (nothing written whatever the outcome).
    public var dryRun = false
    /// Whether ``ImportIssue/line`` counts the objects of a JSON array (from 0) rather than lines:
    /// the text then says "item 3", not "line 3".
    package var rowsAreArrayItems = false
    /// "line" or "item" (see ``rowsAreArrayItems``).
    package var rowUnit: String { rowsAreArrayItems ? "item" : "line" }
    /// An issue in words, its place named as this file counts it.
    package func describe(_ issue: ImportIssue) -> String { issue.description(unit: rowUnit) }

    /// Creates an empty report.
    public init() {}

    /// At most this many errors are kept in ``errors``.
    public static let keptErrorLimit = 1_000

    mutating func record(_ issue: ImportIssue) {
        errorCount += 1
        if errors.count < Self.keptErrorLimit { errors.append(issue) }
        errorGroups.add(issue)
    }

    /// Records a row left out by `skipInvalidRows`, with its first problem.
    mutating func recordSkipped(_ issue: ImportIssue) {
        skipped += 1
        if skippedRows.count < Self.keptErrorLimit { skippedRows.append(issue) }
        skippedGroups.add(issue)
    }

    /// A summary of the errors, for messages: every error when there are few, else one line per
    /// kind of error with its count and first lines.
    public var errorSummary: String {
        var lines = [
            "The import found \(IssueGroups.thousands(errorCount)) error\(errorCount == 1 ? "" : "s"); nothing was written."
        ]
        if errorCount <= 20 {
            for issue in errors { lines.append("  " + describe(issue)) }
            return lines.joined(separator: "\n")
        }
        for group in errorGroups.groups.prefix(20) { lines.append("  " + group.summary(verb: "", unit: rowUnit)) }
        if errorGroups.groups.count > 20 {
            lines.append(
                "  … and \(errorGroups.groups.count - 20) more kinds of error (use --report json to see them all).")
        } else if errorCount > errors.count {
            lines.append("  (--report json lists the first \(IssueGroups.thousands(errors.count)) one by one)")
        }
        return lines.joined(separator: "\n")
    }

    /// One warning per kind of skipped row ("price is empty: 11,475 rows skipped, e.g. lines 3, 7, 9").
    var skippedWarnings: [String] {
        skippedGroups.groups.map {
            $0.count == 1 ? "skipped " + describe($0.example) : $0.summary(verb: " skipped", unit: rowUnit)
        }
    }

    enum CodingKeys: String, CodingKey {
        case added, updated, unchanged, removed, skipped, autoTagged, errors, errorCount, warnings, dryRun, skippedRows,
            currencies
    }

    /// Equal counts, issues and warnings (the groups follow from the issues).
    public static func == (lhs: ImportReport, rhs: ImportReport) -> Bool {
        [lhs.added, lhs.updated, lhs.unchanged, lhs.removed, lhs.skipped, lhs.autoTagged, lhs.errorCount]
            == [rhs.added, rhs.updated, rhs.unchanged, rhs.removed, rhs.skipped, rhs.autoTagged, rhs.errorCount]
            && lhs.dryRun == rhs.dryRun
            && lhs.errors == rhs.errors && lhs.warnings == rhs.warnings && lhs.skippedRows == rhs.skippedRows
            && lhs.currencies == rhs.currencies
    }
}

/// Issues grouped by field and reason (the reason with its quoted and bracketed specifics set
/// aside), so 11,475 empty prices read as one line, not 11,475.
package struct IssueGroups: Sendable {
    package struct Group: Sendable {
        package var field: String?
        package var reason: String
        package var count: Int
        /// The first few lines.
        package var lines: [Int]
        /// The first issue in full.
        package var example: ImportIssue

        /// "price is empty; every product needs a price: 11,475 rows, e.g. lines 3, 7, 9" (`unit`
        /// is "line", or "item" for the positions of a JSON array).
        package func summary(verb: String, unit: String = "line") -> String {
            let subject = (field.map { $0 + " " } ?? "") + reason
            guard count > 1 else { return example.description(unit: unit) }
            let shown = lines.prefix(3).map(String.init).joined(separator: ", ")
            return "\(subject): \(IssueGroups.thousands(count)) rows\(verb), e.g. \(unit)s \(shown)"
        }
    }

    package private(set) var groups: [Group] = []
    private var index: [String: Int] = [:]

    mutating func add(_ issue: ImportIssue) {
        let reason = Self.reason(issue.message)
        let key = (issue.field ?? "") + "\u{1}" + reason
        if let position = index[key] {
            groups[position].count += 1
            if groups[position].lines.count < 5 { groups[position].lines.append(issue.line) }
        } else {
            index[key] = groups.count
            groups.append(Group(field: issue.field, reason: reason, count: 1, lines: [issue.line], example: issue))
        }
    }

    /// The message without its specifics: `(…)` and `"…"` parts removed.
    static func reason(_ message: String) -> String {
        var result = ""
        var depth = 0
        var quoted = false
        for character in message {
            switch character {
            case "(" where !quoted: depth += 1
            case ")" where !quoted && depth > 0: depth -= 1
            case "\"" where depth == 0: quoted.toggle()
            default:
                if depth == 0 && !quoted { result.append(character) }
            }
        }
        let words = result.split(whereSeparator: { $0 == " " })
        return words.joined(separator: " ").replacingOccurrences(of: " ;", with: ";")
            .trimmingCharacters(in: CharacterSet(charactersIn: " :;,."))
    }

    /// 11475 → "11,475".
    package static func thousands(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return (number < 0 ? "-" : "") + result
    }
}

extension ImportIssue: CustomStringConvertible {
    /// "line 12, price: must be a number from 0 to 1000000000 (got "abc")".
    public var description: String { description(unit: "line") }

    /// The same, naming the place as `unit` ("item 3" for the fourth object of a JSON array).
    func description(unit: String) -> String {
        "\(unit) \(line)" + (field.map { ", \($0)" } ?? "") + ": " + message
    }
}
