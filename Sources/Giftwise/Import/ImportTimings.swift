import Foundation

/// Where an import's wall time goes, phase by phase, printed to standard error when the
/// environment has `GIFTWISE_IMPORT_TIMINGS=1` (for profiling the import, issue 15; off otherwise).
final class ImportTimings: @unchecked Sendable {
    static let enabled = ProcessInfo.processInfo.environment["GIFTWISE_IMPORT_TIMINGS"] == "1"
    static let shared = ImportTimings()

    private let start = DispatchTime.now().uptimeNanoseconds
    private let lock = NSLock()
    private var totals: [String: UInt64] = [:]
    private var cpuTotals: [String: UInt64] = [:]
    private var order: [String] = []
    private var marks: [(String, UInt64)] = []

    /// Adds the time `body` takes to the phase `name`.
    func measure<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
        guard Self.enabled else { return try body() }
        let began = DispatchTime.now().uptimeNanoseconds
        let cpuBegan = Self.threadCPU()
        defer { add(name, DispatchTime.now().uptimeNanoseconds - began, cpu: Self.threadCPU() - cpuBegan) }
        return try body()
    }

    /// This thread's CPU time so far, in nanoseconds.
    static func threadCPU() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// Notes the moment something happened.
    func mark(_ name: String) {
        guard Self.enabled else { return }
        let now = DispatchTime.now().uptimeNanoseconds
        let cpu = Self.threadCPU()
        lock.lock()
        marks.append((name + String(format: " (this thread's CPU so far %.3f s)", Double(cpu) / 1e9), now - start))
        lock.unlock()
    }

    /// Adds this thread's whole CPU time so far to the phase `name` (a thread's last call).
    func addThreadCPU(_ name: String) {
        guard Self.enabled else { return }
        add(name, 0, cpu: Self.threadCPU())
    }

    private func add(_ name: String, _ nanoseconds: UInt64, cpu: UInt64) {
        lock.lock()
        if totals[name] == nil { order.append(name) }
        totals[name, default: 0] += nanoseconds
        cpuTotals[name, default: 0] += cpu
        lock.unlock()
    }

    func report() {
        guard Self.enabled else { return }
        var text = "import timings (s, wall then this thread's CPU):\n"
        for (name, at) in marks { text += String(format: "  at %7.3f  %@\n", Double(at) / 1e9, name) }
        for name in order {
            text += String(
                format: "  %7.3f %7.3f  %@\n", Double(totals[name] ?? 0) / 1e9, Double(cpuTotals[name] ?? 0) / 1e9, name
            )
        }
        FileHandle.standardError.write(text.data(using: .utf8)!)
    }
}
