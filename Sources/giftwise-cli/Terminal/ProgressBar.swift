import Foundation
import Giftwise

/// A one-line progress bar on standard error, shown only on a terminal:
/// `Importing lego_sets.csv  ██████░░░░░░  48%  8,860 rows  21,300 rows/s`.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let label: String
    private let lock = NSLock()
    private var shown = false

    /// - Parameter label: what is happening ("Importing lego_sets.csv"); long labels are shortened.
    init(enabled: Bool, label: String) {
        self.enabled = enabled
        self.label = label.count > 34 ? String(label.prefix(33)) + "…" : label
    }

    func update(_ progress: ImportProgress) {
        guard enabled else { return }
        lock.lock()
        defer { lock.unlock() }
        shown = true
        var line = "\r" + label + "  "
        if let fraction = progress.fraction {
            let width = 16
            let filled = Int(fraction * Double(width))
            line += String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            line += String(format: " %3.0f%%", fraction * 100)
        }
        line += "  \(Self.thousands(progress.rows)) rows"
        if progress.elapsed >= 0.2 { line += "  \(Self.thousands(Int(progress.rowsPerSecond.rounded()))) rows/s" }
        FileHandle.standardError.write(Data((line + "\u{1B}[K").utf8))
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    static func thousands(_ number: Int) -> String { IssueGroups.thousands(number) }
}
