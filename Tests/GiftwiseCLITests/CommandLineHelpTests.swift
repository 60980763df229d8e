import Foundation
import Testing

/// Help, mistakes and budgets on the command line (issue 10 §5).
final class CommandLineHelpTests {
    let folder: URL
    let db: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("giftwise-help-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        db = folder.appendingPathComponent("catalog.sqlite").path
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    @Test(arguments: [
        (["recomend", "--age", "7"], "'recommend'"), (["catalg", "stats"], "'catalog'"),
        (["--db", "x.sqlite", "recipent", "list"], "'recipients'"),
    ])
    func aMistypedCommandSuggestsTheCommand(arguments: [String], suggestion: String) throws {
        let run = try CLIHarness.run(arguments, in: folder)
        #expect(run.status == 2)
        #expect(
            run.stderr.contains(
                "unknown command '\(arguments.first { !$0.hasPrefix("-") && $0 != "x.sqlite" }!)' — did you mean \(suggestion)?"
            ))
        #expect(!run.stderr.contains("Unknown option"))
    }

    @Test func topLevelHelpHasExamplesAndNamesTheDatabaseOption() throws {
        let run = try CLIHarness.run(["--help"], in: folder)
        #expect(run.status == 0)
        #expect(run.stdout.contains("Examples:"))
        #expect(run.stdout.contains("--db PATH"))
        #expect(run.stdout.contains("giftwise recommend --age 7"))
    }

    @Test func recommendHelpHasExamplesAndListsPurposesOnce() throws {
        let run = try CLIHarness.run(["recommend", "--help"], in: folder)
        #expect(run.stdout.contains("Examples:"))
        #expect(run.stdout.components(separatedBy: "sporty").count - 1 == 1, "\(run.stdout)")
    }

    @Test func budgetTakesARangeAsTheFlowDoes() throws {
        let run = try CLIHarness.run(
            ["recommend", "--age", "9", "--budget", "20-40", "--limit", "10", "--format", "json", "--db", db],
            in: folder)
        #expect(run.status == 0, "\(run.summary)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        let prices = try #require(json["recommendations"] as? [[String: Any]]).compactMap { $0["price"] as? Double }
        #expect(!prices.isEmpty)
        #expect(prices.allSatisfy { (20...40).contains($0) }, "\(prices)")
        let bad = try CLIHarness.run(["recommend", "--age", "9", "--budget", "40-20", "--db", db], in: folder)
        #expect(bad.status == 2)
    }
}
