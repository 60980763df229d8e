import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A bad environment through the real binary: each case exits with status 1 and a clear message
/// (no raw SQLite or Foundation text, no crash), and leaves any existing file as it was.
/// Usage errors exit with status 2 (DESIGN §4).
@Suite("Bad environment through the CLI", .serialized)
struct BadEnvironmentCLITests {
    let folder: URL

    init() throws { folder = try CLIHarness.temporaryFolder("badenv") }

    static let smallCSV =
        "id,name,description,price,currency,age_min,age_max,interests,purposes,url,in_stock\n"
        + "toy-1,Dinosaur Fossil Dig,Dig three skeletons out of plaster,16.99,USD,6,10,dinosaurs|science,educational,,true\n"
        + "toy-2,Junior Football,Size 3 ball,9.99,USD,4,8,soccer,sporty,,true\n"

    /// The commands that open a catalog, each given `--db path`.
    func commandsOpening(_ path: String, importing file: URL) -> [[String]] {
        [
            ["catalog", "stats", "--db", path],
            ["catalog", "export", "--db", path],
            ["catalog", "import", file.path, "--db", path],
            ["recommend", "--age", "7", "--interest", "dinosaurs", "--db", path],
            ["recipients", "list", "--db", path],
        ]
    }

    /// A catalog made by the CLI with two products; returns its path.
    func makeCatalog(_ name: String = "catalog.sqlite") throws -> String {
        let csv = folder.appendingPathComponent("small-\(UUID().uuidString).csv")
        try Data(Self.smallCSV.utf8).write(to: csv)
        let path = folder.appendingPathComponent(name).path
        let result = try CLIHarness.run(["catalog", "import", csv.path, "--db", path], in: folder)
        #expect(result.status == 0, "\(result.summary)")
        return path
    }

    func smallFile() throws -> URL {
        let url = folder.appendingPathComponent("import-\(UUID().uuidString).csv")
        try Data(Self.smallCSV.replacingOccurrences(of: "toy-", with: "new-").utf8).write(to: url)
        return url
    }

    func bytes(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

    // MARK: Not a catalog

    @Test func aFileThatIsNotSQLiteIsRefusedAndLeftAlone() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let junk: [(String, Data)] = [
            ("text", Data(String(repeating: "this is not sqlite\n", count: 300).utf8)),
            ("sqlite header then junk", Data("SQLite format 3\0".utf8) + Data(repeating: 0xAB, count: 8_192)),
            ("random bytes", Data((0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 7919 &+ 13) })),
            ("a CSV file", Data(Self.smallCSV.utf8)),
        ]
        let file = try smallFile()
        for (what, content) in junk {
            let path = folder.appendingPathComponent("junk-\(UUID().uuidString).sqlite").path
            try content.write(to: URL(fileURLWithPath: path))
            for command in commandsOpening(path, importing: file) {
                let result = try CLIHarness.run(command, in: folder)
                CLIHarness.expectCleanFailure(
                    result, mentioning: ["not a Giftwise catalog", path],
                    "\(what): \(command.prefix(2).joined(separator: " "))")
            }
            #expect(bytes(path) == content, "\(what): the file was modified")
        }
    }

    @Test func aCatalogDamagedInTheMiddleIsRefusedCleanly() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try makeCatalog()
        var content = try #require(bytes(path))
        #expect(content.count > 16_384)
        // Keep the header page, overwrite every later page with garbage.
        for index in 4_096..<content.count { content[index] = UInt8(truncatingIfNeeded: index &* 31 &+ 7) }
        try content.write(to: URL(fileURLWithPath: path))
        for command in commandsOpening(path, importing: try smallFile()) {
            let result = try CLIHarness.run(command, in: folder)
            CLIHarness.expectCleanFailure(
                result, mentioning: ["not a Giftwise catalog"],
                "damaged catalog: \(command.prefix(2).joined(separator: " "))")
        }
    }

    @Test func aCatalogFromANewerVersionIsRefused() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        guard let sqlite3 = CLIHarness.sqlite3 else { return }  // needs the sqlite3 shell to forge a newer schema
        let path = try makeCatalog()
        let forge = Process()
        forge.executableURL = URL(fileURLWithPath: sqlite3)
        forge.arguments = [path, "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future');"]
        try forge.run()
        forge.waitUntilExit()
        #expect(forge.terminationStatus == 0)
        // Compared as SQL, not bytes: GRDB creates and drops a scratch table on every open of a
        // WAL database (GRDB issue #102), which bumps the schema cookie without changing content.
        let before = try Self.dump(path, sqlite3: sqlite3)
        for command in commandsOpening(path, importing: try smallFile()) {
            let result = try CLIHarness.run(command, in: folder)
            CLIHarness.expectCleanFailure(
                result, mentioning: ["newer version"], "newer catalog: \(command.prefix(2).joined(separator: " "))")
        }
        #expect(try Self.dump(path, sqlite3: sqlite3) == before, "a newer catalog was modified")
        #expect(before.contains("v99-from-the-future"))
    }

    static func dump(_ path: String, sqlite3: String) throws -> String {
        try CLIHarness.sqliteShell(path, ".dump") ?? ""
    }

    // MARK: Paths that cannot be used

    @Test func aFolderThatCannotBeCreatedGivesAClearError() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = try smallFile()
        var impossible = ["/proc/giftwise-nope/x.sqlite"]
        // Parent "folder" that is a regular file: cannot be created for anyone, root included.
        let plainFile = folder.appendingPathComponent("plain-file")
        try Data("x".utf8).write(to: plainFile)
        impossible.append(plainFile.appendingPathComponent("sub/catalog.sqlite").path)
        for path in impossible {
            for command in commandsOpening(path, importing: file) {
                let result = try CLIHarness.run(command, in: folder)
                CLIHarness.expectCleanFailure(
                    result, mentioning: ["Cannot write the catalog"],
                    "\(path): \(command.prefix(2).joined(separator: " "))")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: "/proc/giftwise-nope"))
    }

    @Test func aFolderPassedAsTheDatabaseGivesAClearError() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let directory = folder.appendingPathComponent("a-folder")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for command in commandsOpening(directory.path, importing: try smallFile()) {
            let result = try CLIHarness.run(command, in: folder)
            CLIHarness.expectCleanFailure(
                result, mentioning: ["folder"], "folder as --db: \(command.prefix(2).joined(separator: " "))")
        }
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty,
            "something was written into the folder")
    }

    /// Runs `body` with a uid that file permissions apply to: ourselves when not root, else
    /// `nobody` through `setpriv`. Returns false (test skipped) only when root and no `setpriv`.
    func withUnprivilegedUser(_ body: (UInt32?) throws -> Void) rethrows -> Bool {
        if getuid() != 0 {
            try body(nil)
            return true
        }
        guard CLIHarness.setpriv != nil else { return false }  // root ignores permissions; nothing to prove here
        try body(65_534)
        return true
    }

    @Test func aReadOnlyCatalogStillAnswersButRefusesAnImportAndKeepsItsContents() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try makeCatalog()
        let exportBefore = try CLIHarness.run(["catalog", "export", "--db", path], in: folder)
        let file = try smallFile()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        try FileManager.default.setAttributes([.posixPermissions: 0o444], ofItemAtPath: path)
        let before = bytes(path)
        let ran = try withUnprivilegedUser { uid in
            for command in [
                ["catalog", "import", file.path, "--db", path],
                ["recipients", "add", "Sam", "--age", "7", "--db", path],
            ] {
                let result = try CLIHarness.run(command, in: folder, asUser: uid)
                CLIHarness.expectCleanFailure(
                    result, mentioning: ["read-only"], "read-only catalog: \(command.prefix(2).joined(separator: " "))")
            }
            // Reading needs no write access: a shared read-only catalog still recommends.
            let recommend = try CLIHarness.run(["recommend", "--age", "7", "--db", path], in: folder, asUser: uid)
            #expect(recommend.status == 0, "\(recommend.summary)")
            #expect(recommend.stdout.contains("1. "), "\(recommend.summary)")
        }
        guard ran else { return }
        #expect(bytes(path) == before, "a read-only catalog was modified")
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
        let exportAfter = try CLIHarness.run(["catalog", "export", "--db", path], in: folder)
        #expect(exportAfter.stdout == exportBefore.stdout && !exportAfter.stdout.isEmpty)
    }

    @Test func aReadOnlyFolderGivesAClearErrorForANewCatalog() throws {
        defer {
            try? FileManager.default.setAttributes(
                [.posixPermissions: 0o755], ofItemAtPath: folder.appendingPathComponent("locked").path)
            try? FileManager.default.removeItem(at: folder)
        }
        let locked = folder.appendingPathComponent("locked")
        try FileManager.default.createDirectory(
            at: locked, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o555])
        let file = try smallFile()
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: file.path)
        let path = locked.appendingPathComponent("catalog.sqlite").path
        _ = try withUnprivilegedUser { uid in
            for command in [["catalog", "import", file.path, "--db", path], ["catalog", "stats", "--db", path]] {
                let result = try CLIHarness.run(command, in: folder, asUser: uid)
                CLIHarness.expectCleanFailure(
                    result, mentioning: ["Cannot write the catalog"],
                    "read-only folder: \(command.prefix(2).joined(separator: " "))")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: locked.path).isEmpty)
    }

    /// Root ignores file modes, but not the immutable attribute: a write-protected catalog for root.
    @Test func anImmutableCatalogRefusesAnImportEvenForRoot() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        guard getuid() == 0, let chattr = CLIHarness.tool("chattr") else { return }
        let path = try makeCatalog()
        func setImmutable(_ on: Bool) -> Bool {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: chattr)
            process.arguments = [on ? "+i" : "-i", path]
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return false }
            process.waitUntilExit()
            return process.terminationStatus == 0
        }
        guard setImmutable(true) else { return }  // file system or capabilities without chattr +i
        defer { _ = setImmutable(false) }
        let before = bytes(path)
        let result = try CLIHarness.run(["catalog", "import", try smallFile().path, "--db", path], in: folder)
        CLIHarness.expectCleanFailure(result, mentioning: ["Cannot write the catalog"], "immutable catalog")
        #expect(bytes(path) == before)
    }

    // MARK: Import files that cannot be used

    @Test func importingAMissingOrInvalidFileFailsCleanlyAndChangesNothing() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try makeCatalog()
        let before = try CLIHarness.run(["catalog", "export", "--format", "jsonl", "--db", path], in: folder).stdout
        let invalid: [(String, Data, [String])] = [
            ("bad.csv", Data("id,name,price\ntoy-9,Kite,abc\n".utf8), ["line 2", "price"]),
            ("unclosed.csv", Data("id,name,price\ntoy-9,\"Kite,3\n".utf8), ["quote"]),
            ("bad.json", Data("[{\"id\":\"x\",\"name\":\"Kite\",\"price\":\"free\"}".utf8), []),
            ("bad.jsonl", Data("{\"id\":\"x\"}\n".utf8), ["line 1"]),
            ("empty.csv", Data(), ["empty"]),
            ("binary.bin", Data([0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0xFF, 0xFE]), []),
        ]
        for (name, content, needles) in invalid {
            let url = folder.appendingPathComponent(name)
            try content.write(to: url)
            let result = try CLIHarness.run(["catalog", "import", url.path, "--db", path], in: folder)
            CLIHarness.expectCleanFailure(result, mentioning: needles + ["nothing was written"], "import \(name)")
        }
        let missing = try CLIHarness.run(
            ["catalog", "import", folder.appendingPathComponent("nope.csv").path, "--db", path], in: folder)
        CLIHarness.expectCleanFailure(missing, mentioning: ["nope.csv", "no such file"], "import a missing file")
        let after = try CLIHarness.run(["catalog", "export", "--format", "jsonl", "--db", path], in: folder).stdout
        #expect(after == before && !after.isEmpty, "a failed import changed the catalog")
    }

    /// A folder opens like a file on Linux and only fails on read; it must be named as a folder,
    /// never with Foundation's raw "NSCocoaErrorDomain error 256".
    @Test func importingAFolderSaysItIsAFolder() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try makeCatalog()
        let directory = folder.appendingPathComponent("a-folder.csv")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let result = try CLIHarness.run(["catalog", "import", directory.path, "--db", path], in: folder)
        #expect(!result.signalled && result.status == 1, "\(result.summary)")
        #expect(result.stderr.contains("folder") && result.stderr.contains(directory.path), "\(result.summary)")
        #expect(!result.stderr.contains("NSCocoaErrorDomain"), "\(result.summary)")
    }

    // MARK: Usage errors

    @Test(arguments: [
        ["catalog", "stats", "--bogus"],
        ["catalog", "import"],
        ["catalog", "import", "x.csv", "--format", "xml"],
        ["catalog", "export", "--format", "yaml"],
        ["recommend", "--age", "abc"],
        ["recommend", "--age", "200"],
        ["recommend", "--age", "7", "--limit", "-1"],
        ["recipients", "add"],
        ["frobnicate"],
        ["catalog", "stats", "--db"],
    ])
    func aUsageErrorExitsWithStatusTwoAndSaysWhy(_ arguments: [String]) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("usage.sqlite").path
        var withDatabase = arguments
        if arguments.last != "--db" { withDatabase += ["--db", path] }
        let result = try CLIHarness.run(withDatabase, in: folder)
        #expect(!result.signalled, "\(result.summary)")
        #expect(result.status == 2, "\(arguments): \(result.summary)")
        #expect(result.stderr.contains("Error:"), "\(arguments): \(result.summary)")
        #expect(!FileManager.default.fileExists(atPath: path), "a usage error must not create a catalog")
    }
}
