import Foundation
import Testing

/// Issue 11: SQL has one home, the store (`Sources/Giftwise/Catalog`). Every other folder of the
/// library asks the store through named requests, GRDB records or the query interface, so a
/// schema change is made in one place.
struct StoreBoundaryTests {
    /// `Sources/Giftwise`, found from this file's own path (Tests/GiftwiseTests/Architecture/…).
    static let librarySources = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/Giftwise")

    /// Ways SQL text gets into a statement: raw `sql:` arguments, `SQLRequest(literal:)` and
    /// `db.execute(literal:)`. The store may use them; nothing else may.
    static let sqlMarkers = ["sql: \"", "sql:\"", "SQLRequest<", "SQLRequest(", "execute(literal:"]

    @Test func sqlTextAppearsOnlyInTheStore() throws {
        let files = try #require(FileManager.default.enumerator(atPath: Self.librarySources.path))
            .compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count > 30, "the library's sources were not found at \(Self.librarySources.path)")
        var offenders: [String] = []
        for file in files where !file.hasPrefix("Catalog/") {
            let text = try String(contentsOf: Self.librarySources.appendingPathComponent(file), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
            where Self.sqlMarkers.contains(where: line.contains)
                && !line.trimmingCharacters(in: .whitespaces).hasPrefix("//")
            {
                offenders.append("\(file):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(offenders.isEmpty, "SQL outside Sources/Giftwise/Catalog:\n\(offenders.joined(separator: "\n"))")
    }
}
