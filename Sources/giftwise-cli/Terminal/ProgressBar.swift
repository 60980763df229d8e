import Foundation

/// A one-line progress bar on standard error, shown only on a terminal and only for files that
/// take more than a moment.
final class ProgressBar: @unchecked Sendable {
    private let enabled: Bool
    private let start = Date()
    private let lock = NSLock()
    private var shown = false

    init(enabled: Bool) { self.enabled = enabled }

    func update(read: Int64, total: Int64?) {
        guard enabled, Date().timeIntervalSince(start) > 0.5 else { return }
        lock.lock()
        defer { lock.unlock() }
        shown = true
        let width = 30
        if let total, total > 0 {
            let fraction = min(1, Double(read) / Double(total))
            let filled = Int(fraction * Double(width))
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
            FileHandle.standardError.write(Data(String(format: "\r%@ %3.0f%%  %.1f MB", bar, fraction * 100, Double(read) / 1e6).utf8))
        } else {
            FileHandle.standardError.write(Data(String(format: "\r%.1f MB read", Double(read) / 1e6).utf8))
        }
    }

    func finish() {
        lock.lock()
        defer { lock.unlock() }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
