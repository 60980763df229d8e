import Foundation
import Testing

@testable import Giftwise

/// Seeded random sessions of the question flow: hostile and random answers, skips, backs and
/// "show me now" in any order. Every step succeeds or throws a ``QuestionFlowError``; a refused step
/// leaves the flow as it was; the flow never traps, always ends, and its recommendations keep the
/// hard limits (age range, budget).
///
/// Bounded for CI (200 sessions); `GIFTWISE_FUZZ_ITERATIONS` / `GIFTWISE_FUZZ_SEED` as for
/// ``ImportFuzzTests`` (`Benchmarks/fuzz.sh` runs both long).
@Suite("Question flow fuzzing")
struct AnswerFuzzTests {
    static let catalog: GiftCatalog = try! TestSupport.defaultCatalog()

    /// Answers that mean something to some question, and answers that mean nothing to any.
    static let meaningful: [String] = [
        "7", "7 years", "18 months", "1.5", "0", "120", "121", "-3", "1e400", "nan", "inf", "0.0001",
        "9999999999999999999",
        "6 weeks", "7 years old", "7-year-old", "seven", "1", "2", "3", "4", "5", "0", "99", "1,3", "1,,,2", "2 and 4",
        "1/4",
        "educational", "crafty, fun", "sporty or fun", "any", "no preference", "$30", "20-40", "40-20", "--", "1-", "-",
        "∞",
        "under 5", "30+", "no limit", "0-0", "£12", "1,000", "1e3", "dinosaurs", "dinosaurs, space, lego", "none",
        "nothing",
        "nothing new", "glitter, batteries", "outdoors", "indoors", "making", "playing", "yes", "no", "back", "skip",
        "done",
        "?", "help", "quit", "someone new", "Sam", "sam", "1.", "  3 yrs ", "3 Jahre", "12 mo", "0 months",
        "1440 months",
    ]

    static let hostile: [String] = [
        "", " ", "\t", "\n", "\r", "\r\n", "\u{0}", "\u{0}7", "7\u{0}", "\u{7}\u{1B}[2J", "\u{1B}]0;title\u{7}",
        "\u{7F}",
        "🦕", "🦕🦖, 👨‍👩‍👧‍👦", "\u{202E}sruasonid", "עברית, العربية", "e\u{301}\u{302}\u{303}", "\u{FEFF}7", "\u{200B}",
        "７", "٧", "七", "NEAR(dinosaurs science)", "\"", "\"unbalanced", "dino*", "-dinosaurs", "(a", "a)", "OR",
        "NOT x",
        "'; DROP TABLE product; --", "%", "_", "{name} : x", "^dino", String(repeating: "x", count: 5_000),
        String(repeating: "dinosaurs, ", count: 500), String(repeating: "1,", count: 2_000),
        String(repeating: "🦕", count: 1_300),
        String(repeating: ",", count: 5_000), String(repeating: "9", count: 5_000), "\u{D7FF}\u{E000}\u{10FFFF}",
    ]

    static func randomText(_ rng: inout SplitMix64) -> String {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0..<4:
            return rng.pick(meaningful)
        case 4..<7:
            return rng.pick(hostile)
        case 7:
            // Random scalars from every plane and the control ranges.
            let length = Int.random(in: 0...40, using: &rng)
            var scalars = String.UnicodeScalarView()
            for _ in 0..<length {
                let ranges: [ClosedRange<UInt32>] = [
                    0...0x7F, 0x80...0x7FF, 0x800...0xD7FF, 0xE000...0xFFFD, 0x1_0000...0x10_FFFF,
                ]
                if let scalar = Unicode.Scalar(UInt32.random(in: rng.pick(ranges), using: &rng)) {
                    scalars.append(scalar)
                }
            }
            return String(scalars)
        case 8:
            return rng.pick(meaningful) + rng.pick(hostile) + rng.pick(meaningful)
        default:
            return String(Int.random(in: -1_000_000...1_000_000, using: &rng))
                + rng.pick(["", " years", " months", "-", "+", ".5"])
        }
    }

    /// What can be observed of a flow; a refused step must leave all of it as it was.
    struct Observed: Equatable {
        var question: Question?
        var answers: [QuestionAnswer]
        var profile: RecipientProfile?
        var finished: Bool
        var canGoBack: Bool
        var followUps: Int

        init(_ flow: QuestionFlow) {
            question = flow.currentQuestion
            answers = flow.answers
            profile = flow.profile
            finished = flow.isFinished
            canGoBack = flow.canGoBack
            followUps = flow.followUpCount
        }
    }

    static func savedRecipients(_ rng: inout SplitMix64) -> [SavedRecipient] {
        guard rng.chance(0.4) else { return [] }
        let today = Date()
        return [
            SavedRecipient(id: 1, name: "Sam", ageMonthsWhenGiven: 84, ageGivenOn: today, interests: ["dinosaurs"]),
            SavedRecipient(
                id: 2, name: rng.pick(hostile), ageMonthsWhenGiven: rng.chance(0.5) ? 30 : nil, ageGivenOn: today,
                interests: [rng.pick(hostile)], purposes: [.crafty], budgetMax: Money(25), excludedWords: ["glitter"]),
            SavedRecipient(id: 3, name: "🦕 \u{202E}Zoë", ageMonthsWhenGiven: 1_440, ageGivenOn: today),
        ]
    }

    @Test func randomSessionsOnlyEverThrowQuestionFlowErrorsAndKeepTheFlowConsistent() throws {
        let sessions = FuzzSettings.iterations(default: 200)
        let runSeed = FuzzSettings.seed
        var problems = 0
        var stats = (answered: 0, refused: 0, finished: 0, recommended: 0)
        for session in 0..<sessions where problems < 10 {
            var rng = SplitMix64(seed: SplitMix64.caseSeed(run: runSeed, stream: 0xA5, index: session))
            var flow = QuestionFlow(recipients: Self.savedRecipients(&rng))
            var trail: [String] = []
            func label() -> String {
                "session \(session) [run seed \(runSeed)] after \(trail.suffix(12).joined(separator: " → ").prefix(2_000))"
            }
            // Enough steps to reach the end (6 core questions + follow-ups) even with backs and refusals.
            for _ in 0..<Int.random(in: 5...60, using: &rng) {
                let before = Observed(flow)
                let action = Int.random(in: 0..<20, using: &rng)
                let step: String
                do {
                    switch action {
                    case 0..<13:
                        let text = Self.randomText(&rng)
                        step =
                            "answer(\(String(text.prefix(40)).debugDescription)\(text.count > 40 ? "…\(text.count)" : ""))"
                        try flow.answer(text, in: Self.catalog)
                    case 13..<15:
                        step = "skip"
                        try flow.skip(in: Self.catalog)
                    case 15..<17:
                        step = "back"
                        flow.back()
                    case 17:
                        step = "finish"
                        try flow.finish()
                    case 18:
                        step = "remainingCount"
                        let count = try flow.remainingCount(in: Self.catalog)
                        #expect(count >= 0, "\(label())")
                    default:
                        step = "recommendations"
                        let limit = Int.random(in: 1...8, using: &rng)
                        let result = try flow.recommendations(in: Self.catalog, limit: limit)
                        stats.recommended += 1
                        problems += Self.checkHardLimits(result, profile: flow.profile, limit: limit, label: label())
                    }
                    trail.append(step)
                    stats.answered += 1
                } catch let error as QuestionFlowError {
                    trail.append("\(action < 13 ? "answer" : "step") refused")
                    stats.refused += 1
                    #expect(!(error.errorDescription ?? "").isEmpty, "\(label())")
                    let after = Observed(flow)
                    if after != before { problems += 1 }
                    #expect(after == before, "a refused step changed the flow (\(error)): \(label())")
                } catch {
                    problems += 1
                    Issue.record(
                        "not a QuestionFlowError: \(type(of: error)) \(String(describing: error).prefix(300)): \(label())"
                    )
                }
                problems += Self.checkInvariants(flow, label: label())
                if flow.isFinished && rng.chance(0.5) { break }
            }
            if flow.isFinished { stats.finished += 1 }
            // Whatever happened, once the age is known the recommendations are there and keep the limits.
            if flow.profile != nil {
                do {
                    let result = try flow.recommendations(in: Self.catalog, limit: 5)
                    problems += Self.checkHardLimits(result, profile: flow.profile, limit: 5, label: label())
                } catch {
                    problems += 1
                    Issue.record("recommendations failed with a known age: \(error): \(label())")
                }
            }
        }
        if sessions >= 100 {
            #expect(
                stats.refused > sessions && stats.answered > sessions && stats.finished > 0 && stats.recommended > 0,
                "the fuzzer must reach every outcome: \(stats)")
        }
    }

    /// Invariants that hold after every step; returns the number broken.
    static func checkInvariants(_ flow: QuestionFlow, label: @autoclosure () -> String) -> Int {
        var broken = 0
        func check(_ condition: Bool, _ what: String) {
            if !condition {
                broken += 1
                Issue.record("\(what): \(label())")
            }
        }
        check((flow.currentQuestion == nil) == flow.isFinished, "currentQuestion is nil exactly when finished")
        if let question = flow.currentQuestion {
            check(question.canSkip == (question.id != .age), "only the age cannot be skipped (\(question.id))")
            check(!question.prompt.isEmpty, "a question has a prompt")
            check(
                question.kind == .freeText || question.kind == .number || !question.options.isEmpty,
                "a choice question has options")
        }
        if let profile = flow.profile {
            check((0...1_440).contains(profile.ageMonths), "age within 0…120 years (\(profile.ageMonths) months)")
            if let max = profile.budgetMax { check(max.minorUnits > 0, "a budget maximum is positive") }
            if let min = profile.budgetMin, let max = profile.budgetMax { check(min <= max, "budget min ≤ max") }
        }
        check(flow.followUpCount <= QuestionFlow.maxFollowUps, "at most \(QuestionFlow.maxFollowUps) follow-ups")
        check(flow.answers.count <= 6 + QuestionFlow.maxFollowUps, "the flow asks a bounded number of questions")
        return broken
    }

    /// Hard limits (DESIGN §1.2): never outside the age range, never above the budget.
    static func checkHardLimits(
        _ result: Recommendations, profile: RecipientProfile?, limit: Int, label: @autoclosure () -> String
    ) -> Int {
        guard let profile else { return 0 }
        var broken = 0
        if result.items.count > limit {
            broken += 1
            Issue.record("\(result.items.count) recommendations for limit \(limit): \(label())")
        }
        for item in result.items {
            if !item.product.ages.admits(ageMonths: profile.ageMonths) {
                broken += 1
                Issue.record(
                    "\(item.product.id) (\(item.product.ages.label)) recommended at \(profile.ageMonths) months: \(label())"
                )
            }
            if let max = profile.budgetMax, item.product.price > max {
                broken += 1
                Issue.record(
                    "\(item.product.id) at \(item.product.price.major) above the budget \(max.major): \(label())")
            }
            if item.reasons.isEmpty && item.isGoodMatch {
                broken += 1
                Issue.record("\(item.product.id) recommended without a reason: \(label())")
            }
        }
        return broken
    }

    @Test func aRandomSessionGivesTheSameConversationEveryTimeAndOnAnotherCatalogInstance() throws {
        let other = try TestSupport.defaultCatalog()
        for seed in [UInt64(7), 8, 9] {
            var rng = SplitMix64(seed: SplitMix64.caseSeed(run: FuzzSettings.seed, stream: 0x5E, index: Int(seed)))
            let lines = ["7"] + (0..<30).map { _ in Self.randomText(&rng) }
            let today = Date(timeIntervalSince1970: 1_780_000_000)
            let (first, firstReply) = try GiftConversation.replaying(lines, in: Self.catalog, today: today)
            let (again, againReply) = try GiftConversation.replaying(lines, in: other, today: today)
            #expect(first == again, "seed \(seed): \(lines)")
            #expect(firstReply == againReply)
            // The lines as accepted rebuild the same profile and list.
            let (rebuilt, _) = try GiftConversation.replaying(first.acceptedInputs, in: other, today: today)
            #expect(rebuilt.profile == first.profile && rebuilt.results == first.results, "seed \(seed): \(lines)")
        }
    }
}
