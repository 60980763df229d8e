import Foundation
import Testing

/// `giftwise recommend --format json` is a contract other tools rely on (DESIGN §4): its keys, its
/// fit labels, and relaxations whose `changes`, applied as flags, give exactly `matches` gifts.
final class RecommendJSONContractTests {
    let folder: URL
    let db: String

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("giftwise-json-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        db = folder.appendingPathComponent("catalog.sqlite").path
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func recommend(_ arguments: [String]) throws -> [String: Any] {
        let result = try CLIHarness.run(["recommend", "--format", "json", "--db", db] + arguments, in: folder)
        #expect(result.status == 0, "\(result.summary)")
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    @Test func recommendationsCarryEveryContractKey() throws {
        let json = try recommend([
            "--age", "7", "--interest", "dinosaurs", "--purpose", "educational", "--budget", "30",
        ])
        #expect(json["fit"] as? String == "good")
        let items = try #require(json["recommendations"] as? [[String: Any]])
        #expect(!items.isEmpty)
        for item in items {
            for key in [
                "id", "name", "description", "price", "currency", "ageMin", "ageMax", "interests", "purposes", "score",
                "reasons", "url",
            ] {
                #expect(item.keys.contains(key), "missing \(key)")
            }
            #expect((item["price"] as? Double ?? 99) <= 30)
            #expect((item["reasons"] as? [String])?.contains("you asked for something educational") == true)
        }
        #expect(json["relaxations"] is [Any])
    }

    @Test func nothingFitsGivesNoneAndRelaxationsThatDeliverWhenAppliedAsFlags() throws {
        let base = ["--age", "6", "--interest", "dinosaurs", "--purpose", "sporty", "--budget", "4"]
        let json = try recommend(base)
        #expect(json["fit"] as? String != "good")
        let relaxations = try #require(json["relaxations"] as? [[String: Any]])
        #expect(!relaxations.isEmpty)
        for relaxation in relaxations {
            let changes = try #require(relaxation["changes"] as? [String: Any])
            #expect(changes["age"] == nil, "age is never relaxed")
            var arguments = ["--age", "6", "--limit", "5"]
            arguments += (changes["interests"] as? [String] ?? (changes["interests"] == nil ? ["dinosaurs"] : []))
                .flatMap { ["--interest", $0] }
            let purposes = changes["purposes"] as? [String] ?? (changes["purposes"] == nil ? ["sporty"] : [])
            arguments += purposes.flatMap { ["--purpose", $0] }
            let budget = changes["budget"] as? Double ?? 4
            arguments += ["--budget", String(budget)]
            let rerun = try recommend(arguments)
            let matches = try #require(relaxation["matches"] as? Int)
            #expect(rerun["fit"] as? String == "good", "\(relaxation["suggestion"] ?? "")")
            #expect((rerun["recommendations"] as? [Any])?.count == min(matches, 5), "\(relaxation["suggestion"] ?? "")")
        }
    }
}
