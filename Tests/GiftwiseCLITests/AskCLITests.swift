import Foundation
import Testing

/// Runs the built `giftwise` binary with piped answers.
private enum AskRunner {
    struct Transcript {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The binary under test (see `CLIHarness.binary()`).
    static func binary() throws -> URL { try CLIHarness.binary() }

    /// Runs `giftwise ask` with `input` on standard input and a catalog in `folder`.
    static func run(_ input: String, folder: URL, arguments: [String] = []) throws -> Transcript {
        let inputURL = folder.appendingPathComponent("input-\(UUID().uuidString).txt")
        let outURL = folder.appendingPathComponent("out-\(UUID().uuidString).txt")
        let errURL = folder.appendingPathComponent("err-\(UUID().uuidString).txt")
        try Data(input.utf8).write(to: inputURL)
        try Data().write(to: outURL)
        try Data().write(to: errURL)
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["GIFTWISE_DB"] = folder.appendingPathComponent("catalog.sqlite").path
        environment["NO_COLOR"] = "1"
        process.environment = environment
        let stdin = try FileHandle(forReadingFrom: inputURL)
        let stdout = try FileHandle(forWritingTo: outURL)
        let stderr = try FileHandle(forWritingTo: errURL)
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        process.waitUntilExit()
        try? stdin.close()
        try? stdout.close()
        try? stderr.close()
        return Transcript(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }

    static func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("giftwise-ask-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }
}

/// Whether `needles` occur in `text` in this order.
private func inOrder(_ text: String, _ needles: [String]) -> Bool {
    var rest = text[...]
    for needle in needles {
        guard let range = rest.range(of: needle) else { return false }
        rest = rest[range.upperBound...]
    }
    return true
}

@Suite("giftwise ask with piped answers", .serialized)
final class AskCLITests {
    let folder: URL

    init() throws { folder = try AskRunner.temporaryFolder() }

    deinit { try? FileManager.default.removeItem(at: folder) }

    @Test func asksTheCoreQuestionsInOrderAndRecommends() throws {
        let run = try AskRunner.run("7\ndinosaurs\neducational\n30\n\n", folder: folder, arguments: ["ask"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            inOrder(
                run.stdout,
                [
                    "How old are they?", "What do they enjoy?", "What should the gift be for?", "1. educational",
                    "What's your budget?", "Anything to avoid?", "Gifts for a 7-year-old",
                ]))
        #expect(run.stdout.contains("gifts fit so far"))
        #expect(run.stdout.contains("loves dinosaurs"))
        #expect(!run.stdout.contains("\u{1B}["), "no colour with NO_COLOR")
    }

    @Test func runsTheFlowWithNoSubcommandToo() throws {
        let run = try AskRunner.run("9\nspace\n", folder: folder)
        #expect(run.status == 0)
        #expect(inOrder(run.stdout, ["How old are they?", "What do they enjoy?", "Gifts for a 9-year-old"]))
    }

    @Test func endOfInputWithoutAnAgeExitsWithStatusOne() throws {
        for input in ["", "\n", "seven parsecs\nbanana\n", "skip\ndone\n"] {
            let run = try AskRunner.run(input, folder: folder)
            #expect(run.status == 1, "input \(input.debugDescription)")
            #expect(run.stderr.contains("No age was given"))
            #expect(!run.stdout.contains("Gifts for"))
        }
    }

    @Test func invalidAnswersArePromptedAgainWithTheReason() throws {
        let run = try AskRunner.run("abc\n7\nlego\n9\nsporty\ncheap\n25\n", folder: folder)
        #expect(run.status == 0)
        #expect(
            inOrder(
                run.stdout,
                [
                    "between 0 and 120", "How old are they?", "What do they enjoy?", "\"9\" is not one of the choices",
                    "What should the gift be for?", "Please give a budget", "What's your budget?",
                ]))
        #expect(run.stdout.contains("Gifts for a 7-year-old") || run.stdout.contains("Nothing fits everything"))
    }

    @Test func survivesHostileInput() throws {
        let long = String(repeating: "x", count: 5_000)
        let input = "\u{0}\u{7}\u{1B}[2J\n\(long)\n\u{FF}\n7\n\(long)\n\u{1B}]0;title\u{7}\n,,,\n\n"
        let run = try AskRunner.run(input, folder: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("between 0 and 120"))
        #expect(!run.stdout.contains("\u{1B}[2J"), "control characters are not echoed")
    }

    @Test func backSkipAndDoneWork() throws {
        let run = try AskRunner.run("6\nback\n8\nskip\n?\ndone\n", folder: folder)
        #expect(run.status == 0)
        #expect(
            inOrder(
                run.stdout,
                [
                    "How old are they?", "What do they enjoy?", "How old are they?", "What do they enjoy?",
                    "What should the gift be for?", "One or more", "8-year-old (of",
                ]))
    }

    @Test func refineCommandsReRankTheList() throws {
        let run = try AskRunner.run(
            "8\nscience, drawing\n\n\n\ndone\ncheaper\nnot 1\nmore crafty\nmore like 1\nnot like 2\nmore\nnonsense\nnot 42\nquit\n",
            folder: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Budget now up to $"))
        #expect(run.stdout.contains("I didn't understand \"nonsense\""))
        #expect(run.stdout.contains("Give the number of a gift shown"))
        #expect(run.stdout.contains("you asked for something crafty"))
        #expect(run.stdout.components(separatedBy: "Gifts for an 8-year-old").count - 1 >= 5)
    }

    /// A trial typed `done`, then `cheaper`, and saved a recipient called "cheaper".
    @Test func aCommandTypedAsTheNameIsNoName() throws {
        let run = try AskRunner.run("7\ndinosaurs\n\n\n\ndone\ndone\ncheaper\n\n", folder: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("\"cheaper\" is a command, not a name"), "\(run.stdout.suffix(400))")
        #expect(!run.stdout.contains("Saved cheaper"))
        let next = try AskRunner.run("7\n", folder: folder)
        #expect(!next.stdout.contains("Who is it for?"))
        // A round-21 trial saved a recipient called "change age".
        let change = try AskRunner.run("7\ndinosaurs\n\n\n\ndone\ndone\nchange age\n\n", folder: folder)
        #expect(change.stdout.contains("\"change age\" is a command, not a name"), "\(change.stdout.suffix(300))")
        #expect(!change.stdout.contains("Saved change age"))
    }

    /// A trial was asked to save a 1-year-old no gift in the catalog was for.
    @Test func aListWithNothingInItOffersNoSave() throws {
        let run = try AskRunner.run("7\ndinosaurs\n\n0.01\n\ndone\nquit\nSam\n", folder: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("raise the budget"))
        #expect(!run.stdout.contains("Save them for next time"))
        #expect(!run.stdout.contains("Saved Sam"))
    }

    @Test func savesSomeoneNewAndOffersThemNextTime() throws {
        let first = try AskRunner.run("7\ndinosaurs\n\n\n\ndone\nquit\nSam\n", folder: folder)
        #expect(first.status == 0)
        #expect(first.stdout.contains("Saved Sam"))
        let second = try AskRunner.run("1\n\n\ndone\n", folder: folder)
        #expect(second.status == 0)
        #expect(
            inOrder(
                second.stdout,
                ["Who is it for?", "1. Sam (7-year-old)", "Anything new they're into?", "Gifts for Sam (7)"]))
        #expect(second.stdout.contains("loves dinosaurs"))
    }
}

/// What a person reads in the terminal (issue 10 §4–§5): wrapped text, no hints meant for typing
/// in a piped transcript, `back` undoing a refinement, numbered suggestions, a saved name.
@Suite("giftwise ask: what the terminal shows", .serialized)
final class AskTerminalOutputTests {
    let folder: URL

    init() throws { folder = try AskRunner.temporaryFolder() }

    deinit { try? FileManager.default.removeItem(at: folder) }

    @Test func pipedOutputWrapsAtEightyColumnsAtWordBoundaries() throws {
        // (What the gift is for and a budget make each reason longer than a line.)
        let run = try AskRunner.run(
            "8\nscience, art, dinosaurs, space, robots\neducational\n40\n\ndone\nmore\n", folder: folder)
        #expect(run.status == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines { #expect(line.count <= 80, "\(line)") }
        // A reason that is longer than a line continues under its text, not under the mark.
        #expect(lines.contains { $0.hasPrefix("   ✓ ") })
        #expect(lines.contains { $0.hasPrefix("     ") && !$0.hasPrefix("      ") })
    }

    @Test func pipedModeDoesNotTellThemToTypeDone() throws {
        let run = try AskRunner.run("7\ndinosaurs\n", folder: folder)
        #expect(run.stdout.contains("gifts fit so far"))
        #expect(!run.stdout.contains("type `done`"))
    }

    @Test func backAfterTheListUndoesTheLastRefinementThenReturnsToTheQuestions() throws {
        let run = try AskRunner.run(
            "7\ndinosaurs, drawing\neducational\n30\ndone\ncheaper\nback\nback\n\ndone\nchange answers\n\n",
            folder: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(
            inOrder(
                run.stdout,
                [
                    "> cheaper", "Budget now up to $", "> back", "Undid the last change.", "$30",
                    "> back", "Back to the questions; your other answers are kept.", "Anything to avoid?",
                    "> done", "> change answers", "gifts fit so far", "?\n",
                ]))
        #expect(!run.stdout.contains("no refinement to undo"))
    }

    @Test func relaxationsAreNumberedAndCanBeTried() throws {
        let run = try AskRunner.run("6\ndinosaurs\nsporty\n4\n\ntry 1\n", folder: folder)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(inOrder(run.stdout, ["What would help (type `try 1`", "  1. ", "> try 1", "Changed: "]))
    }

    @Test func aSavedRecipientIsNamedInTheHeaderAndTheirHistoryRecalled() throws {
        let env = ["--db", folder.appendingPathComponent("catalog.sqlite").path]
        _ = try CLIHarness.run(
            ["recipients", "add", "Maya", "--age", "7", "--interest", "dinosaurs"] + env, in: folder)
        let recorded = try CLIHarness.run(["gifts", "record", "Maya", "e-025", "--outcome", "loved"] + env, in: folder)
        #expect(recorded.status == 0, "\(recorded.summary)")
        let run = try AskRunner.run("1\n\n\n\n\ndone\n", folder: folder)
        #expect(inOrder(run.stdout, ["Who is it for?", "Maya", "Take-Apart Dinosaur Toy Set", "Gifts for Maya (7)"]))
        let recommend = try CLIHarness.run(["recommend", "--for", "Maya"] + env, in: folder)
        #expect(recommend.stdout.contains("Gifts for Maya (7)"))
        #expect(
            recommend.stdout.components(separatedBy: "they loved the").count - 1 <= 1, "once, on the item it relates to"
        )
    }
}
