import Foundation
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
let catalog = try GiftCatalog(path: arguments[1])

/// `BENCH_ONLY=word`: run only the measurements whose label contains `word` (for profiling one).
let only = ProcessInfo.processInfo.environment["BENCH_ONLY"]

func measure(_ label: String, _ body: () throws -> Void) rethrows {
    if let only, !label.contains(only) { return }
    var samples: [Double] = []
    try body()  // warm-up
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        samples.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
    }
    samples.sort()
    let p95 = samples[min(samples.count - 1, Int((Double(samples.count) * 0.95).rounded(.up)) - 1)]
    print(
        String(
            format: "%-34@ min %8.2f ms   median %8.2f ms   p95 %8.2f ms", label as NSString, samples[0],
            samples[samples.count / 2], p95))
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
