import Foundation
import Testing

@testable import Giftwise

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// MARK: - Running the real binary (shared with BadEnvironmentCLITests)

/// Runs the built `giftwise` binary as a child process: output goes to files (no pipe can fill
/// up), and the result says whether it exited or was killed by a signal.
enum CLIHarness {
    struct Result {
        var status: Int32
        var signalled: Bool
        var stdout: String
        var stderr: String

        var summary: String {
            "status \(status)\(signalled ? " (signal)" : ""), stderr: \(stderr.prefix(600).debugDescription)"
        }
    }

    /// `$GIFTWISE_BIN`, else `giftwise` next to the test binary, else `.build/debug/giftwise`.
    static func binary() throws -> URL {
        var candidates: [URL] = []
        if let path = ProcessInfo.processInfo.environment["GIFTWISE_BIN"], !path.isEmpty {
            candidates.append(URL(fileURLWithPath: path))
        }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<4 {  // macOS: …/debug/X.xctest/Contents/MacOS/X
            candidates.append(folder.appendingPathComponent("giftwise"))
            folder = folder.deletingLastPathComponent()
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("giftwise"))
        var root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while root.path != "/"
            && !FileManager.default.fileExists(atPath: root.appendingPathComponent("Package.swift").path)
        {
            root = root.deletingLastPathComponent()
        }
        candidates.append(root.appendingPathComponent(".build/debug/giftwise"))
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw CocoaError(
                .fileNoSuchFile, userInfo: [NSFilePathErrorKey: candidates.map(\.path).joined(separator: ", ")])
        }
        return found
    }

    /// A started process and where its output goes.
    struct Running {
        var process: Process
        var stdout: URL
        var stderr: URL

        func finish() throws -> Result {
            process.waitUntilExit()
            return Result(
                status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                stdout: String(decoding: try Data(contentsOf: stdout), as: UTF8.self),
                stderr: String(decoding: try Data(contentsOf: stderr), as: UTF8.self))
        }
    }

    /// Starts `giftwise arguments…` in `folder`. `asUser` runs it through `setpriv` as that uid
    /// (the tests run as root in CI, where file permissions would not apply otherwise).
    static func start(
        _ arguments: [String], in folder: URL, asUser uid: UInt32? = nil, environment extra: [String: String] = [:]
    ) throws -> Running {
        let id = UUID().uuidString
        let stdout = folder.appendingPathComponent(".out-\(id)")
        let stderr = folder.appendingPathComponent(".err-\(id)")
        try Data().write(to: stdout)
        try Data().write(to: stderr)
        let process = Process()
        if let uid {
            guard let setpriv else {
                throw CocoaError(.executableNotLoadable, userInfo: [NSFilePathErrorKey: "setpriv"])
            }
            process.executableURL = URL(fileURLWithPath: setpriv)
            process.arguments = ["--reuid=\(uid)", "--regid=\(uid)", "--clear-groups", try binary().path] + arguments
        } else {
            process.executableURL = try binary()
            process.arguments = arguments
        }
        process.currentDirectoryURL = folder
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["GIFTWISE_DB"] = folder.appendingPathComponent("default-unused.sqlite").path
        environment["HOME"] = folder.path
        environment["XDG_DATA_HOME"] = folder.path
        environment.merge(extra) { $1 }
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        process.standardError = try FileHandle(forWritingTo: stderr)
        try process.run()
        return Running(process: process, stdout: stdout, stderr: stderr)
    }

    static func run(_ arguments: [String], in folder: URL, asUser uid: UInt32? = nil) throws -> Result {
        try start(arguments, in: folder, asUser: uid).finish()
    }

    static func temporaryFolder(_ name: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "giftwise-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        return folder
    }

    /// The first of `names` found as an executable in the usual places.
    static func tool(_ name: String) -> String? {
        ["/usr/bin/", "/bin/", "/usr/local/bin/", "/opt/homebrew/bin/"].map { $0 + name }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let sqlite3 = tool("sqlite3")
    static let setpriv = tool("setpriv")

    /// Words that must never reach a person: raw SQLite codes, functions and messages, crash output.
    static let rawMarkers = [
        "SQLITE_", "sqlite3_", "SQLite error", "error 26", "error 11", "error 8", "error 14",
        "database disk image is malformed", "file is not a database", "attempt to write a readonly",
        "unable to open database", "no such table", "GRDB", "DatabaseError", "Fatal error", "Stack dump",
        "Backtrace", "Swift runtime failure", "NSCocoaErrorDomain",
    ]

    /// The checks every failure must pass: exit status 1, not a signal, a message, no raw SQLite text.
    static func expectCleanFailure(
        _ result: Result, mentioning needles: [String] = [], _ what: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(
            !result.signalled, "\(what): killed by a signal (crash): \(result.summary)", sourceLocation: sourceLocation)
        #expect(result.status == 1, "\(what): \(result.summary)", sourceLocation: sourceLocation)
        #expect(
            !result.stderr.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(what): no message",
            sourceLocation: sourceLocation)
        for marker in rawMarkers where (result.stderr + result.stdout).localizedCaseInsensitiveContains(marker) {
            Issue.record(
                "\(what): raw text \(marker.debugDescription) shown: \(result.summary)", sourceLocation: sourceLocation)
        }
        for needle in needles {
            #expect(
                result.stderr.localizedCaseInsensitiveContains(needle),
                "\(what): the message should say \(needle.debugDescription): \(result.summary)",
                sourceLocation: sourceLocation)
        }
    }

    /// `PRAGMA integrity_check` plus FTS5's own index check, through the sqlite3 shell.
    /// - Returns: the output ("ok" when healthy), or nil when the sqlite3 shell is missing.
    /// What the sqlite3 shell prints for `command` on the database at `path` (stdout only), or
    /// nil when the shell is not installed.
    static func sqliteShell(_ path: String, _ command: String) throws -> String? {
        guard let sqlite3 else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sqlite3)
        process.arguments = [path, command]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func integrityCheck(_ path: String) throws -> String? {
        guard let sqlite3 else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sqlite3)
        process.arguments = [
            path, "PRAGMA integrity_check; INSERT INTO product_fts(product_fts) VALUES('integrity-check');",
        ]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return process.terminationStatus == 0 ? text : "sqlite3 exit \(process.terminationStatus): \(text)"
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}

// MARK: - Crash safety

/// `kill -9` at any moment of an import leaves the previous catalog exactly as it was and the
/// database file healthy (`PRAGMA integrity_check` = ok, FTS index consistent).
@Suite("Crash safety: kill -9 during an import", .serialized)
struct CrashSafetyTests {
    static let bigRows = 150_000

    /// A large valid CSV: new products plus updates of the small catalog's ones, so a kill
    /// interrupts both inserts and updates.
    static func writeBigCSV(to url: URL) throws {
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        let handle = try FileHandle(forWritingTo: url)
        defer { try? handle.close() }
        var text = "id,name,description,price,currency,age_min,age_max,interests,purposes,url,in_stock\n"
        text +=
            "toy-1,Dinosaur Fossil Dig DELUXE,Changed by the big import,99.99,USD,6,10,dinosaurs,educational,,true\n"
        for index in 0..<bigRows {
            text +=
                "big-\(index),Model kit number \(index),A sturdy kit with \(index % 97) parts and a booklet,\(5 + index % 50).99,USD,\(3 + index % 5),14,dinosaurs|science,educational,,true\n"
            if text.utf8.count > 1 << 20 {
                try handle.write(contentsOf: Data(text.utf8))
                text = ""
            }
        }
        try handle.write(contentsOf: Data(text.utf8))
    }

    static let smallCSV = """
        id,name,description,price,currency,age_min,age_max,interests,purposes,url,in_stock
        toy-1,Dinosaur Fossil Dig,Dig three skeletons out of plaster,16.99,USD,6,10,dinosaurs|science,educational,,true
        toy-2,Watercolour Paint Set,"Twenty-four pans, two brushes",12.50,USD,5,,painting|art,crafty,,true
        toy-3,Junior Football,Size 3 ball for small feet,9.99,USD,4,8,soccer,sporty,,true

        """

    /// Everything a user would lose: the products (as exported), the counts, the saved recipients.
    struct CatalogState: Equatable {
        var export: String
        var stats: String
        var recipients: String

        static func read(_ db: String, in folder: URL) throws -> CatalogState {
            let export = try CLIHarness.run(["catalog", "export", "--format", "jsonl", "--db", db], in: folder)
            let stats = try CLIHarness.run(["catalog", "stats", "--format", "json", "--db", db], in: folder)
            let recipients = try CLIHarness.run(["recipients", "list", "--format", "json", "--db", db], in: folder)
            for result in [export, stats, recipients] {
                #expect(result.status == 0 && !result.signalled, "reading the catalog after a kill: \(result.summary)")
            }
            return CatalogState(export: export.stdout, stats: stats.stdout, recipients: recipients.stdout)
        }

        var productCount: Int? {
            guard let object = try? JSONSerialization.jsonObject(with: Data(stats.utf8)) as? [String: Any] else {
                return nil
            }
            return object["products"] as? Int
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func killingAnImportAtAnyMomentKeepsThePreviousCatalogAndAHealthyFile() throws {
        let folder = try CLIHarness.temporaryFolder("crash")
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("catalog.sqlite").path
        let small = folder.appendingPathComponent("small.csv")
        try Data(Self.smallCSV.utf8).write(to: small)
        let big = folder.appendingPathComponent("big.csv")
        try Self.writeBigCSV(to: big)

        let first = try CLIHarness.run(["catalog", "import", small.path, "--db", db], in: folder)
        #expect(first.status == 0, "\(first.summary)")
        let saved = try CLIHarness.run(
            ["recipients", "add", "Sam", "--age", "7", "--interest", "dinosaurs", "--db", db], in: folder)
        #expect(saved.status == 0, "\(saved.summary)")
        let before = try CatalogState.read(db, in: folder)
        #expect(before.productCount == 3)
        #expect(before.recipients.contains("Sam"))
        // Every round starts from this exact file (the CLI checkpoints and removes the WAL on exit).
        #expect(
            !FileManager.default.fileExists(atPath: db + "-wal"), "the WAL should be checkpointed when the CLI exits")
        let pristine = try Data(contentsOf: URL(fileURLWithPath: db))

        enum KillPoint: CustomStringConvertible {
            case after(Double)
            case walAbove(Int)

            var description: String {
                switch self {
                case .after(let seconds): "after \(seconds) s"
                case .walAbove(let bytes): "once the WAL holds \(bytes / 1_000_000) MB"
                }
            }
        }
        let points: [KillPoint] = [.after(0.05), .after(0.3), .after(1.0), .walAbove(2_000_000), .after(2.5)]
        var killedMidImport = 0
        for point in points {
            for suffix in ["-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: db + suffix) }
            try pristine.write(to: URL(fileURLWithPath: db))

            let running = try CLIHarness.start(["catalog", "import", big.path, "--db", db], in: folder)
            switch point {
            case .after(let seconds):
                Thread.sleep(forTimeInterval: seconds)
            case .walAbove(let bytes):
                let deadline = Date().addingTimeInterval(8)
                while running.process.isRunning && CLIHarness.fileSize(db + "-wal") < bytes && Date() < deadline {
                    Thread.sleep(forTimeInterval: 0.01)
                }
            }
            let wasRunning = running.process.isRunning
            if wasRunning { kill(running.process.processIdentifier, SIGKILL) }
            let result = try running.finish()
            if wasRunning {
                #expect(
                    result.signalled && result.status == SIGKILL,
                    "\(point): expected a SIGKILL death: \(result.summary)")
            }

            if let integrity = try CLIHarness.integrityCheck(db) {
                #expect(integrity == "ok", "\(point): integrity check after kill -9: \(integrity)")
            }
            let after = try CatalogState.read(db, in: folder)
            if result.signalled {
                if after == before {
                    killedMidImport += 1
                } else {
                    // Killed after the commit, before the process exited: then it must be the whole new catalog.
                    #expect(
                        after.productCount == Self.bigRows + 3,
                        "\(point): a half-written catalog (\(after.productCount ?? -1) products)")
                    #expect(after.recipients == before.recipients, "\(point): the recipients changed")
                }
            } else {
                // The import finished before the kill point (a fast machine or release build).
                #expect(result.status == 0, "\(point): \(result.summary)")
                #expect(after.productCount == Self.bigRows + 3)
            }
        }
        #expect(killedMidImport >= 2, "too few kills landed inside the import to prove anything (\(killedMidImport))")

        // After a kill the catalog is not left locked: the next import works.
        let next = try CLIHarness.run(["catalog", "import", small.path, "--db", db, "--report", "json"], in: folder)
        #expect(
            next.status == 0 && next.stdout.contains("\"unchanged\":3"),
            "importing after a kill: \(next.summary) \(next.stdout)")
    }

    /// The first import into a new catalog runs with a rollback journal instead of the
    /// write-ahead log (each page written once). A kill then leaves a hot journal, which the
    /// next open rolls back and removes: the catalog is as new, in WAL mode, with no stray file.
    /// Another process that opens the catalog meanwhile is told plainly that an import runs.
    @Test(.timeLimit(.minutes(2)))
    func killingAFirstImportIntoANewCatalogLeavesItNewAndNoStrayFilesAfterTheNextOpen() throws {
        let folder = try CLIHarness.temporaryFolder("crash-first")
        defer { try? FileManager.default.removeItem(at: folder) }
        let big = folder.appendingPathComponent("big.csv")
        try Self.writeBigCSV(to: big)
        // A new, empty catalog (created as any first command would, without the default products).
        let db = folder.appendingPathComponent("catalog.sqlite").path
        do { _ = try GiftCatalog(path: db, singleConnection: true) }
        let pristine = try Data(contentsOf: URL(fileURLWithPath: db))
        let fresh = folder.appendingPathComponent("fresh.sqlite").path
        try pristine.write(to: URL(fileURLWithPath: fresh))
        let expected = try CatalogState.read(fresh, in: folder)
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: fresh + suffix) }

        // SQLite's temporary files (the import's temp tables, the full-text index built on the
        // side) go to a folder of their own, checked empty after each kill. (That they are
        // unlinked while open is shown in-process by `FullTextBuilderTests`: a debug build's
        // import here may not have spilled its page caches to them yet.)
        let temporary = folder.appendingPathComponent("sqlite-tmp")
        try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        var killedMidImport = 0
        for delay in [0.1, 0.6, 1.5] {
            for suffix in ["-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: db + suffix) }
            try pristine.write(to: URL(fileURLWithPath: db))
            let running = try CLIHarness.start(
                ["catalog", "import", big.path, "--db", db], in: folder, environment: ["SQLITE_TMPDIR": temporary.path])
            let deadline = Date().addingTimeInterval(8)
            // The import has begun once a journal is there and the WAL is not.
            while running.process.isRunning
                && (!FileManager.default.fileExists(atPath: db + "-journal")
                    || FileManager.default.fileExists(atPath: db + "-wal")) && Date() < deadline
            {
                Thread.sleep(forTimeInterval: 0.005)
            }
            Thread.sleep(forTimeInterval: delay)
            if delay == 0.6 && running.process.isRunning {
                // A reader arriving now waits, then gets a plain message (or the finished catalog).
                let reader = try CLIHarness.run(["catalog", "stats", "--format", "json", "--db", db], in: folder)
                if reader.status != 0 {
                    CLIHarness.expectCleanFailure(reader, mentioning: ["import"], "a reader during a first import")
                }
            }
            let journalled = FileManager.default.fileExists(atPath: db + "-journal")
            let logged = CLIHarness.fileSize(db + "-wal")
            let wasRunning = running.process.isRunning
            if wasRunning { kill(running.process.processIdentifier, SIGKILL) }
            let result = try running.finish()
            let strays = try FileManager.default.contentsOfDirectory(atPath: temporary.path)
            #expect(strays.isEmpty, "after \(delay) s: temporary files left behind: \(strays)")
            guard result.signalled else {
                #expect(result.status == 0, "after \(delay) s: \(result.summary)")
                continue
            }

            // The next open rolls the hot journal back and puts the file back in WAL mode.
            let after = try CatalogState.read(db, in: folder)
            let left = try FileManager.default.contentsOfDirectory(atPath: folder.path)
                .filter { $0.hasPrefix("catalog.sqlite") }.sorted()
            #expect(left == ["catalog.sqlite"], "after \(delay) s: files left after the next open: \(left)")
            if after == expected {
                killedMidImport += 1
                #expect(journalled, "after \(delay) s: the first import should run with a rollback journal")
                #expect(logged == 0, "after \(delay) s: the first import wrote \(logged) bytes to the WAL")
            } else {
                // Killed after the commit, while the process was ending.
                #expect(after.productCount == Self.bigRows + 1, "after \(delay) s: a half-written catalog")
            }
            if let integrity = try CLIHarness.integrityCheck(db) {
                #expect(integrity == "ok", "after \(delay) s: integrity check after kill -9: \(integrity)")
            }
            if let text = try CLIHarness.sqliteShell(db, "PRAGMA journal_mode;") {
                #expect(text.trimmingCharacters(in: .whitespacesAndNewlines) == "wal", "after \(delay) s")
            }
        }
        #expect(killedMidImport >= 2, "too few kills landed inside the import to prove anything (\(killedMidImport))")
    }
}
