import Foundation
import Testing

@testable import Giftwise

// MARK: - Shared fuzzing support (used by ImportFuzzTests and AnswerFuzzTests)

/// SplitMix64: a tiny, fast, deterministic generator. Each fuzz case owns one, seeded from the
/// run seed and the case number, so any single case can be replayed without global state.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A well-mixed seed for case `index` of stream `stream` (mixing, not adding, keeps streams apart).
    static func caseSeed(run: UInt64, stream: UInt64, index: Int) -> UInt64 {
        var mixer = SplitMix64(seed: run ^ (stream &* 0xD1B5_4A32_D192_ED03) ^ (UInt64(index) &* 0x8CB9_2BA7_2F3D_8DD7))
        return mixer.next()
    }

    mutating func chance(_ probability: Double) -> Bool { Double.random(in: 0..<1, using: &self) < probability }

    mutating func pick<T>(_ values: [T]) -> T { values[Int.random(in: 0..<values.count, using: &self)] }
}

/// How long the fuzzers run: a bounded CI run by default; `Benchmarks/fuzz.sh` runs them long.
/// `GIFTWISE_FUZZ_ITERATIONS` (cases per format / sessions) and `GIFTWISE_FUZZ_SEED` (decimal or 0x-hex).
enum FuzzSettings {
    static let defaultSeed: UInt64 = 0x6769_6674_7769_7365  // "giftwise"

    static func iterations(default fallback: Int) -> Int {
        guard let text = ProcessInfo.processInfo.environment["GIFTWISE_FUZZ_ITERATIONS"],
            let value = Int(text.trimmingCharacters(in: .whitespaces)), value > 0
        else { return fallback }
        return value
    }

    static var seed: UInt64 {
        guard let raw = ProcessInfo.processInfo.environment["GIFTWISE_FUZZ_SEED"]?.trimmingCharacters(in: .whitespaces),
            !raw.isEmpty
        else { return defaultSeed }
        if raw.lowercased().hasPrefix("0x") { return UInt64(raw.dropFirst(2), radix: 16) ?? defaultSeed }
        return UInt64(raw) ?? defaultSeed
    }

    /// Words that must never reach a person: raw SQLite codes and function names.
    static let rawSQLiteMarkers = [
        "SQLITE_", "sqlite3_", "SQLite error", "error 26", "error 11", "database disk image",
        "no such table", "no such column", "syntax error", "constraint failed", "GRDB",
    ]

    /// A short printable preview of fuzz input for failure messages.
    static func preview(_ bytes: [UInt8], limit: Int = 300) -> String {
        let text = String(decoding: bytes.prefix(limit), as: UTF8.self)
        return text.debugDescription + (bytes.count > limit ? " … (\(bytes.count) bytes)" : "")
    }
}

// MARK: - Mutations

/// Byte-level mutations aimed at the places CSV and JSON readers go wrong.
enum ImportMutator {
    static let tokens: [[UInt8]] = [
        Array("\"".utf8), Array(",".utf8), Array("\n".utf8), Array("\r".utf8), Array("\r\n".utf8), [0x00], [0xFF],
        Array("{".utf8), Array("[".utf8), Array("}".utf8), Array("]".utf8), Array(":".utf8), Array("|".utf8),
        Array("\\".utf8), Array("\"\"".utf8), [0xEF, 0xBB, 0xBF], [0xC3], [0xED, 0xA0, 0x80], [0xC0, 0xAF],
        [0xF4, 0x90, 0x80, 0x80],
        Array("\\u0000".utf8), Array("\\ud800".utf8), Array(",,,,,,,,,,,,,,".utf8), Array("\t".utf8), Array(";".utf8),
    ]

    static let numbers: [String] = [
        "1e309", "-1e309", "99999999999999999999999999", "1000000000.01", "1000000000", "-0", "-1", "NaN", "nan",
        "Infinity",
        "inf", "1e-400", "0x10", "1_000", "1,5", "٣", "１２", "0.000000001", "4.", ".5", "+3", "9223372036854775808",
        "-9223372036854775809", "1e2", "120.0001", "121", "0", "00000000000000000000007",
        "3.14159265358979323846264338327950288",
    ]

    static let unicode: [String] = [
        "🦕", "👨‍👩‍👧‍👦", "\u{202E}evil\u{202C}", "עברית", "العربية", "e\u{301}\u{301}\u{301}", "\u{FEFF}", "\u{200B}",
        "\u{0007}\u{001B}[2J", "Ω≈ç√∫", "\u{FFFD}", "𝕲𝖎𝖋𝖙", String(repeating: "é", count: 2_500),
        String(repeating: "x", count: 5_000),
        "NEAR(a b)", "'; DROP TABLE product; --", "*", "\"\"\"",
    ]

    static let jsonValues: [String] = [
        "null", "true", "false", "[]", "{}", "\"\"", "\"x\"", "[1,2]", "{\"a\":1}", "-",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
        "\"\\ud83e\"", "1e309", "\"12.99\"", "[\"dinosaurs\",7]", "[null]", "\"\\u0000\"",
    ]

    enum Kind: String, CaseIterable {
        case flipBit, deleteBytes, insertToken, replaceByte, duplicateLine, swapLines, truncate, swapFields,
            hugeNumber, insertUnicode, jsonValue, repeatChunk, dropLine
    }

    static func mutate(_ input: [UInt8], rng: inout SplitMix64, log: inout [String]) -> [UInt8] {
        var bytes = input
        let kind = rng.pick(Kind.allCases)
        log.append(kind.rawValue)
        switch kind {
        case .flipBit:
            guard !bytes.isEmpty else { break }
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            bytes[at] ^= UInt8(1) << UInt8.random(in: 0..<8, using: &rng)
        case .deleteBytes:
            guard !bytes.isEmpty else { break }
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            let length = min(Int.random(in: 1...8, using: &rng), bytes.count - at)
            bytes.removeSubrange(at..<(at + length))
        case .insertToken:
            let at = Int.random(in: 0...bytes.count, using: &rng)
            bytes.insert(contentsOf: rng.pick(tokens), at: at)
        case .replaceByte:
            guard !bytes.isEmpty else { break }
            bytes[Int.random(in: 0..<bytes.count, using: &rng)] = UInt8.random(in: 0...255, using: &rng)
        case .duplicateLine:
            var lines = split(bytes)
            guard !lines.isEmpty else { break }
            let at = Int.random(in: 0..<lines.count, using: &rng)
            lines.insert(lines[at], at: Int.random(in: 0...lines.count, using: &rng))
            bytes = join(lines)
        case .swapLines:
            var lines = split(bytes)
            guard lines.count > 1 else { break }
            lines.swapAt(Int.random(in: 0..<lines.count, using: &rng), Int.random(in: 0..<lines.count, using: &rng))
            bytes = join(lines)
        case .dropLine:
            var lines = split(bytes)
            guard !lines.isEmpty else { break }
            lines.remove(at: Int.random(in: 0..<lines.count, using: &rng))
            bytes = join(lines)
        case .truncate:
            bytes = Array(bytes.prefix(Int.random(in: 0...bytes.count, using: &rng)))
        case .swapFields:
            var lines = split(bytes)
            guard !lines.isEmpty else { break }
            let index = Int.random(in: 0..<lines.count, using: &rng)
            var fields = lines[index].split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map(
                Array.init)
            guard fields.count > 1 else { break }
            fields.swapAt(Int.random(in: 0..<fields.count, using: &rng), Int.random(in: 0..<fields.count, using: &rng))
            lines[index] = Array(fields.joined(separator: [UInt8(ascii: ",")]))
            bytes = join(lines)
        case .hugeNumber:
            // Replace a run of digits (a price, an age) with an extreme or odd number.
            let starts = bytes.indices.filter { isDigit(bytes[$0]) && ($0 == 0 || !isDigit(bytes[$0 - 1])) }
            guard !starts.isEmpty else { break }
            let start = rng.pick(starts)
            var end = start
            while end < bytes.count && (isDigit(bytes[end]) || bytes[end] == UInt8(ascii: ".")) { end += 1 }
            bytes.replaceSubrange(start..<end, with: Array(rng.pick(numbers).utf8))
        case .insertUnicode:
            let at = Int.random(in: 0...bytes.count, using: &rng)
            bytes.insert(contentsOf: Array(rng.pick(unicode).utf8), at: at)
        case .jsonValue:
            // Replace what follows a `:` (a JSON value, or a CSV cell after a colon) with another type.
            let colons = bytes.indices.filter { bytes[$0] == UInt8(ascii: ":") }
            guard let colon = colons.isEmpty ? nil : rng.pick(colons) else { break }
            var end = colon + 1
            var depth = 0
            var inString = false
            while end < bytes.count {
                let byte = bytes[end]
                if inString {
                    if byte == UInt8(ascii: "\\") { end += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
                } else if byte == UInt8(ascii: "\"") {
                    inString = true
                } else if byte == UInt8(ascii: "[") || byte == UInt8(ascii: "{") {
                    depth += 1
                } else if byte == UInt8(ascii: "]") || byte == UInt8(ascii: "}") {
                    if depth == 0 { break }
                    depth -= 1
                } else if byte == UInt8(ascii: ",") && depth == 0 {
                    break
                }
                end += 1
            }
            bytes.replaceSubrange((colon + 1)..<min(end, bytes.count), with: Array(rng.pick(jsonValues).utf8))
        case .repeatChunk:
            guard !bytes.isEmpty else { break }
            let at = Int.random(in: 0..<bytes.count, using: &rng)
            let chunk = Array(bytes[at..<min(bytes.count, at + Int.random(in: 1...40, using: &rng))])
            let copies = Int.random(in: 2...200, using: &rng)
            bytes.insert(contentsOf: Array(repeating: chunk, count: copies).joined(), at: at)
        }
        return bytes
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

    private static func split(_ bytes: [UInt8]) -> [[UInt8]] {
        bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
    }

    private static func join(_ lines: [[UInt8]]) -> [UInt8] {
        Array(lines.joined(separator: [UInt8(ascii: "\n")]))
    }
}

// MARK: - Valid starting points (DESIGN §3)

enum FuzzCorpus {
    static let csvRows = [
        #"toy-1,Dinosaur Fossil Dig,"Dig three skeletons out of plaster, then ""label"" them",16.99,USD,6,10,dinosaurs|science,educational,,true"#,
        "fz-2,Space Rocket Kit,Build a rocket that really flies,24.50,USD,0.5,,space|rockets,educational|fun,https://example.com/r?a=1&b=2,false",
        "fz-3,Yarn Pom-Pom Maker,,7,EUR,8,99,knitting|my-shop-tag,crafty,,true",
        "fz-4,Kick Scooter,\"Two wheels\nand a brake\",49.00,,5,12,,sporty,,",
        "fz-5,Café Crème Tea Set 🫖,Für kleine Gäste — ages 3+,12,GBP,3,,,,,TRUE",
    ]

    static func csv(rng: inout SplitMix64) -> [UInt8] {
        let lineEnd = rng.chance(0.3) ? "\r\n" : "\n"
        var rows = csvRows
        if rng.chance(0.3) { rows.shuffle(using: &rng) }
        var text = TestSupport.header.replacingOccurrences(of: "\n", with: lineEnd)
        text += rows.joined(separator: lineEnd) + (rng.chance(0.8) ? lineEnd : "")
        return (rng.chance(0.2) ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8)
    }

    static let jsonObjects = [
        #"{"id":"toy-2","name":"Watercolour Paint Set","description":"Twenty-four pans","price":12.5,"currency":"USD","age_min":5,"age_max":null,"interests":["painting","art"],"purposes":["crafty"],"url":null,"in_stock":true}"#,
        #"{"id":"fz-j2","name":"Robot Arm \"Mk 2\"","price":30,"age_min":8,"age_max":14,"interests":["robots","coding"],"purposes":["educational","fun"],"in_stock":false}"#,
        #"{"id":"fz-j3","name":"Pogo Stick \u00e9\ud83e\udd95","description":"Bouncy","price":0,"currency":"GBP","interests":[],"purposes":[],"extra":{"nested":[1,2]}}"#,
        #"{"id":"fz-j4","name":"Baby Gym","price":"19.99","age_min":0.25,"age_max":1.5,"interests":["sensory-play"],"purposes":["fun"],"url":"https://example.com/gym"}"#,
    ]

    static func json(rng: inout SplitMix64) -> [UInt8] {
        var objects = jsonObjects
        if rng.chance(0.3) { objects.shuffle(using: &rng) }
        let pretty = rng.chance(0.5)
        let text =
            "[" + (pretty ? "\n  " : "") + objects.joined(separator: pretty ? ",\n  " : ",") + (pretty ? "\n" : "")
            + "]"
        return Array(text.utf8)
    }

    static func jsonl(rng: inout SplitMix64) -> [UInt8] {
        var objects = jsonObjects
        if rng.chance(0.3) { objects.shuffle(using: &rng) }
        let lineEnd = rng.chance(0.3) ? "\r\n" : "\n"
        return Array((objects.joined(separator: lineEnd) + lineEnd).utf8)
    }
}

// MARK: - The fuzzer

/// Seeded mutation fuzzing of CSV, JSON and JSON Lines import: every outcome is a success or a clean
/// ``GiftwiseError``, never another error or a crash, and a failed import changes nothing.
///
/// Bounded for CI (300 cases per format). Long run: `Benchmarks/fuzz.sh` (see its header). Replay a
/// failure with the `GIFTWISE_FUZZ_SEED` it prints; the last input tried is saved as
/// `$TMPDIR/giftwise-fuzz-last-<format>.bin` so a crash leaves its input behind.
@Suite("Import fuzzing")
struct ImportFuzzTests {
    enum Format: String, CaseIterable, Sendable {
        case csv, json, jsonl

        var stream: UInt64 {
            switch self {
            case .csv: 1
            case .json: 2
            case .jsonl: 3
            }
        }

        var importFormat: ImportOptions.Format {
            switch self {
            case .csv: .csv
            case .json: .json
            case .jsonl: .jsonl
            }
        }

        func base(_ rng: inout SplitMix64) -> [UInt8] {
            switch self {
            case .csv: FuzzCorpus.csv(rng: &rng)
            case .json: FuzzCorpus.json(rng: &rng)
            case .jsonl: FuzzCorpus.jsonl(rng: &rng)
            }
        }
    }

    @Test(arguments: Format.allCases)
    func everyMutatedFileImportsOrFailsCleanlyAndAFailureChangesNothing(_ format: Format) throws {
        let iterations = FuzzSettings.iterations(default: 300)
        let runSeed = FuzzSettings.seed
        let catalog = try TestSupport.emptyCatalog()
        try TestSupport.importCSV(TestSupport.seedCSV, into: catalog)
        var baseline = try TestSupport.snapshot(catalog)
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("giftwise-fuzz-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let lastInput = FileManager.default.temporaryDirectory.appendingPathComponent(
            "giftwise-fuzz-last-\(format.rawValue).bin")

        var outcomes = (succeeded: 0, failed: 0)
        var problems = 0
        for index in 0..<iterations where problems < 10 {
            let caseSeed = SplitMix64.caseSeed(run: runSeed, stream: format.stream, index: index)
            var rng = SplitMix64(seed: caseSeed)
            var log: [String] = []
            var bytes = format.base(&rng)
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                bytes = ImportMutator.mutate(bytes, rng: &rng, log: &log)
            }
            var options = ImportOptions(format: rng.chance(0.15) ? .auto : format.importFormat)
            options.dryRun = rng.chance(0.15)
            options.replace = rng.chance(0.1)
            options.skipInvalidRows = rng.chance(0.1)
            let viaFile = rng.chance(0.15)
            let label =
                "\(format.rawValue) case \(index) [run seed \(runSeed), mutations \(log.joined(separator: "+")), "
                + "options dryRun=\(options.dryRun) replace=\(options.replace) skip=\(options.skipInvalidRows) format=\(options.format) file=\(viaFile)] "
                + "input base64 \(Data(bytes).base64EncodedString().prefix(4_000))"
            try? Data(bytes).write(to: lastInput)

            let before = baseline
            do {
                let report: ImportReport
                if viaFile {
                    let url = folder.appendingPathComponent("case-\(index).\(format.rawValue)")
                    try Data(bytes).write(to: url)
                    report = try catalog.importFile(at: url, options: options)
                } else {
                    report = try catalog.importData(Data(bytes), options: options)
                }
                outcomes.succeeded += 1
                let after = try TestSupport.snapshot(catalog)
                if options.dryRun {
                    if after != before { problems += 1 }
                    #expect(after == before, "a dry run changed the catalog: \(label)")
                }
                #expect(report.errors.isEmpty || options.skipInvalidRows, "success with errors: \(label)")
                #expect(
                    report.added + report.updated + report.unchanged + report.skipped > 0,
                    "success with nothing read: \(label)")
                baseline = after
            } catch let error as GiftwiseError {
                outcomes.failed += 1
                let after = try TestSupport.snapshot(catalog)
                if after != before { problems += 1 }
                #expect(after == before, "a failed import changed the catalog: \(label)")
                let message = error.localizedDescription
                #expect(!message.isEmpty, "empty message: \(label)")
                for marker in FuzzSettings.rawSQLiteMarkers where message.localizedCaseInsensitiveContains(marker) {
                    problems += 1
                    Issue.record(
                        "raw database text \(marker.debugDescription) in \(message.prefix(300).debugDescription): \(label)"
                    )
                }
                if case .invalidImport(let failed) = error {
                    #expect(!failed.errors.isEmpty, "invalidImport without errors: \(label)")
                    for issue in failed.errors where issue.line < 0 || issue.message.isEmpty {
                        problems += 1
                        Issue.record("an error without a line or a reason (\(issue)): \(label)")
                    }
                }
            } catch {
                problems += 1
                Issue.record(
                    "not a GiftwiseError: \(type(of: error)) \(String(describing: error).prefix(300)): \(label)")
            }
        }
        try? FileManager.default.removeItem(at: lastInput)
        // The mutations must actually reach both outcomes, or the fuzzer proves nothing.
        if iterations >= 100 {
            #expect(
                outcomes.succeeded > 0 && outcomes.failed > iterations / 4,
                "\(format.rawValue): \(outcomes.succeeded) succeeded, \(outcomes.failed) failed")
        }
    }

    @Test func theMutatorIsDeterministicForASeed() {
        func run(_ seed: UInt64) -> [UInt8] {
            var rng = SplitMix64(seed: seed)
            var log: [String] = []
            var bytes = FuzzCorpus.csv(rng: &rng)
            for _ in 0..<4 { bytes = ImportMutator.mutate(bytes, rng: &rng, log: &log) }
            return bytes
        }
        #expect(run(42) == run(42))
        #expect(run(42) != run(43))
    }

    /// Files are read in 1 MiB chunks: a multi-byte character, a doubled quote or a CRLF cut in
    /// half by a chunk boundary must read exactly as if it were not. (A long ignored column pads
    /// the file to the boundary, so each case imports only three rows.)
    @Test(arguments: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    func aChunkBoundaryInsideACharacterQuoteOrLineEndReadsCorrectly(shift: Int) throws {
        let chunk = 1 << 20
        let tricky = "é🦕\"\"\r\n"  // inside a quoted field: é (2 bytes), 🦕 (4), a doubled quote (2), CRLF (2)
        let header = TestSupport.header.replacingOccurrences(of: "\n", with: ",notes\n")
        let fillerStart = header + "f-0,Filler,,1,USD,3,,,,,true,"
        let lastStart = "\r\nlast,Boundary,\"start "
        // The boundary falls `shift` bytes into the tricky sequence.
        let pad = chunk - shift - fillerStart.utf8.count - lastStart.utf8.count
        let text =
            fillerStart + String(repeating: "n", count: pad) + lastStart + tricky + "end\",2,USD,3,,,,,true,\r\n"
            + "after,After,,3,USD,3,,,,,true,\n"
        let bytes = Array(text.utf8)
        #expect(Array(bytes[(chunk - shift)...].prefix(tricky.utf8.count)) == Array(tricky.utf8))

        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "giftwise-boundary-\(UUID().uuidString).csv")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        for viaFile in [true, false] {
            let catalog = try TestSupport.emptyCatalog()
            let report =
                viaFile
                ? try catalog.importFile(at: url, options: ImportOptions(format: .csv))
                : try catalog.importData(Data(bytes), options: ImportOptions(format: .csv))
            #expect(report.added == 3, "shift \(shift), file \(viaFile)")
            let product = try #require(try catalog.product(id: "last"))
            // A line end inside a field may be normalised to LF; nothing else may change.
            #expect(
                product.description.replacingOccurrences(of: "\r\n", with: "\n") == "start é🦕\"\nend",
                "shift \(shift), file \(viaFile)")
            #expect(try catalog.product(id: "after")?.name == "After", "shift \(shift), file \(viaFile)")
        }
    }
}
