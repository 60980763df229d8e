import Foundation
import GRDB
import Giftwise

// Usage: giftwise-bench DB [RUNS]
// Times in-process recommend, next-question and relaxation calls on a warm catalog and prints
// min / median / p95 in milliseconds. Profiles are fixed (deterministic) and varied.
let arguments = CommandLine.arguments
guard arguments.count >= 2 else {
    FileHandle.standardError.write(Data("usage: giftwise-bench DB [RUNS]\n".utf8))
    exit(2)
}
let runs = arguments.count >= 3 ? Int(arguments[2]) ?? 30 : 30
/// `BENCH_TRACE=1`: run each measurement once under SQLite's profiling trace and print where its
/// time went by statement (count, total ms, the SQL), instead of timing it.
let tracing = ProcessInfo.processInfo.environment["BENCH_TRACE"] != nil
/// How many statements (by SQL) a trace lists: `BENCH_TRACE=N`, 12 by default.
let tracedShown = Int(ProcessInfo.processInfo.environment["BENCH_TRACE"] ?? "") ?? 12
/// `BENCH_EXPANDED=1` with `BENCH_TRACE`: group statements by their SQL with the arguments filled
/// in, so the same statement run with different values shows as separate lines.
let tracedExpanded = ProcessInfo.processInfo.environment["BENCH_EXPANDED"] != nil
// One connection when tracing: the trace hook is set on the connection the reads use.
let catalog = try tracing ? GiftCatalog(path: arguments[1], singleConnection: true) : GiftCatalog(path: arguments[1])

/// `BENCH_ONLY=word`: run only the measurements whose label contains `word` (for profiling one).
let only = ProcessInfo.processInfo.environment["BENCH_ONLY"]

/// Statements traced with their durations (the trace hook may call from any thread).
final class TracedStatements: @unchecked Sendable {  // every field is guarded by `lock`
    private let lock = NSLock()
    private var gathered: [(sql: String, nanoseconds: Int)] = []
    func add(_ sql: String, _ nanoseconds: Int) {
        lock.lock()
        gathered.append((sql, nanoseconds))
        lock.unlock()
    }
    func take() -> [(sql: String, nanoseconds: Int)] {
        lock.lock()
        defer { gathered = []; lock.unlock() }
        return gathered
    }
}

func traceOnce(_ label: String, _ body: () throws -> Void) throws {
    try body()  // warm-up
    let traced = TracedStatements()
    catalog.database.writer.writeWithoutTransaction { db in
        db.trace(options: .profile) { event in
            if case .profile(let statement, let duration) = event {
                traced.add(tracedExpanded ? statement.expandedSQL : statement.sql, Int(duration * 1e9))
            }
        }
    }
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    let total = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
    catalog.database.writer.writeWithoutTransaction { db in db.trace(options: .profile, nil) }
    let statements = traced.take()
    var bySQL: [String: (count: Int, nanoseconds: Int)] = [:]
    for (sql, nanoseconds) in statements {
        bySQL[sql, default: (0, 0)].count += 1
        bySQL[sql]!.nanoseconds += nanoseconds
    }
    let inSQL = Double(statements.reduce(0) { $0 + $1.nanoseconds }) / 1e6
    print(String(format: "%@: %.2f ms, %d statements taking %.2f ms", label, total, statements.count, inSQL))
    for (sql, entry) in bySQL.sorted(by: { $0.value.nanoseconds > $1.value.nanoseconds }).prefix(tracedShown) {
        let shown = sql.replacingOccurrences(of: "\n", with: " ")
        print(String(format: "  %4d× %8.2f ms  %@", entry.count, Double(entry.nanoseconds) / 1e6, tracedExpanded ? shown : String(shown.prefix(400))))
    }
}

/// `BENCH_CPU=1`: time each call by the CPU time of this thread instead of the wall clock (steadier
/// on a shared machine: waiting for a core is left out).
let cpuTime = ProcessInfo.processInfo.environment["BENCH_CPU"] != nil

/// Nanoseconds on the clock the measurements use.
func now() -> UInt64 {
    guard cpuTime else { return DispatchTime.now().uptimeNanoseconds }
    var spec = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
    return UInt64(spec.tv_sec) * 1_000_000_000 + UInt64(spec.tv_nsec)
}

func measure(_ label: String, _ body: () throws -> Void) throws {
    if let only, !label.contains(only) { return }
    if tracing { return try traceOnce(label, body) }
    var samples: [Double] = []
    try body()  // warm-up
    for _ in 0..<runs {
        let start = now()
        try body()
        samples.append(Double(now() - start) / 1e6)
    }
    samples.sort()
    let p95 = samples[min(samples.count - 1, Int((Double(samples.count) * 0.95).rounded(.up)) - 1)]
    print(
        String(
            format: "%-34@ min %8.2f ms   median %8.2f ms   p95 %8.2f ms%@", label as NSString, samples[0],
            samples[samples.count / 2], p95, (cpuTime ? " (CPU)" : "") as NSString))
}

let profiles: [RecipientProfile] = [
    RecipientProfile(ageYears: 7, interests: ["dinosaurs"], purposes: [.educational], budgetMax: Money(30)),
    RecipientProfile(ageYears: 12, interests: ["board games", "puzzles"], budgetMax: Money(50)),
    RecipientProfile(ageYears: 35, interests: ["coffee"], purposes: [.fun]),
    RecipientProfile(ageYears: 4, interests: ["trains"], purposes: [.fun], budgetMax: Money(40)),
    RecipientProfile(ageYears: 70, interests: ["gardening"], purposes: [.crafty]),
]
var index = 0
try measure("recommend (5 profiles, rotating)") {
    _ = try catalog.recommend(for: profiles[index % profiles.count], limit: 5)
    index += 1
}
if ProcessInfo.processInfo.environment["BENCH_DETAIL"] != nil {
    for (number, profile) in profiles.enumerated() {
        try measure("  profile \(number + 1): \(profile.interests.joined(separator: "+"))") {
            _ = try catalog.recommend(for: profile, limit: 5)
        }
    }
}
// The flow's next question after the core answers: picks a follow-up by information gain.
let flowLabel = "flow: next question after core answers"
if only.map({ flowLabel.contains($0) }) ?? true {
    var flow = QuestionFlow()
    for answer in ["7", "dinosaurs, drawing", "educational", "40"] { try flow.answer(answer, in: catalog) }
    let atLastCore = flow
    try measure(flowLabel) {
        var copy = atLastCore
        try copy.answer("", in: catalog)
    }
}

let nothing = RecipientProfile(ageYears: 6, interests: ["dinosaurs"], purposes: [.sporty], budgetMax: Money(3))
try measure("recommend + relaxations (nothing fits)") {
    _ = try catalog.recommend(for: nothing, limit: 5)
}
try measure("good-match count (flow's live count)") {
    _ = try Matcher(catalog: catalog).goodMatchCount(for: profiles[0])
}
