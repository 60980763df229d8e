import Foundation
import Giftwise
import Testing

/// The README's library example, compiled and run with only the public API (`import Giftwise`).
struct LibraryExampleTests {
    @Test func readmeLibraryExampleWorks() throws {
        // --- README example starts ---
        let catalog = try GiftCatalog.inMemory()  // or GiftCatalog(path: "gifts.sqlite")
        try catalog.fillWithDefaultCatalogIfEmpty()  // the bundled default catalog

        let maya = RecipientProfile(
            ageYears: 7,
            interests: ["dinosaurs", "drawing"],
            purposes: [.educational],
            budgetMax: Money(30),
            excludedWords: ["slime"])
        let result = try catalog.recommend(for: maya, limit: 5)

        for item in result.items {
            print(item.product.name, item.product.price.formatted(), item.reasons.joined(separator: "; "))
        }
        for relaxation in result.relaxations {
            print("\(relaxation.suggestion): \(relaxation.matches) gifts")
        }

        // The same question flow the terminal uses, driven by an app:
        var flow = QuestionFlow()  // holds no catalog: Codable state
        try flow.answer("7", in: catalog)  // How old are they?
        try flow.answer("dinosaurs, drawing", in: catalog)  // What do they enjoy?
        try flow.finish()  // "show me"
        let fromFlow = try catalog.recommend(for: flow.profile!, limit: 5)

        // A stateless server: the answers so far in, the next question (or the gifts) out.
        let step = try catalog.flowStep(answers: ["7", "dinosaurs, drawing"])
        print(step.question?.text ?? "", step.remaining ?? 0)  // "What should the gift be for?" and the live count
        let json = try GiftwiseJSON.encode(RecommendationDocument(result))  // recommend --format json
        // --- README example ends ---

        #expect(result.fit == .good)
        #expect(result.items.allSatisfy { $0.product.price <= Money(30) })
        #expect(!fromFlow.items.isEmpty)
        #expect(step.question?.id == .purpose)
        #expect(!json.isEmpty)
    }

    /// The documentation articles' Swift (Sources/Giftwise/Giftwise.docc) that the README example
    /// above does not already compile, compiled with only the public API; not run (it imports a
    /// file the reader has).
    @Test func docCArticleSnippetsCompile() {
        // --- DocC snippets start ---
        let snippets: (GiftCatalog, Recommendations, QuestionFlow) throws -> Void = { catalog, result, flow in
            for item in result.items {
                print(item.product.name, item.reasons)
            }
            let report = try catalog.importFile(at: URL(fileURLWithPath: "products.csv"))
            print(report.added, report.updated)
            let result = try catalog.recommend(for: flow.profile!, limit: 5)
            print(result.fit)
        }
        // --- DocC snippets end ---
        _ = snippets
    }

    /// Every line of Swift in the documentation articles is among the lines compiled above, in the
    /// README example or the snippets (comments and spacing aside): an article cannot show an API
    /// that does not exist.
    @Test func docCArticlesShowCompiledCode() throws {
        func normalized(_ line: Substring) -> String {
            let code = line.range(of: "//").map { line[..<$0.lowerBound] } ?? line
            return code.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        }
        let testFile = URL(fileURLWithPath: #filePath)
        let source = try String(contentsOf: testFile, encoding: .utf8)
        var compiled = Set<String>()
        for (from, to) in [
            ("README example starts", "README example ends"), ("DocC snippets start", "DocC snippets end"),
        ] {
            let start = try #require(source.range(of: "// --- \(from) ---"))
            let end = try #require(source.range(of: "// --- \(to) ---"))
            compiled.formUnion(source[start.upperBound..<end.lowerBound].split(separator: "\n").map(normalized))
        }
        let docc = testFile.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/Giftwise/Giftwise.docc")
        var checked = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: docc.path).sorted() where name.hasSuffix(".md")
        {
            let text = try String(contentsOf: docc.appendingPathComponent(name), encoding: .utf8)
            for block in text.components(separatedBy: "```swift\n").dropFirst() {
                let code = block.components(separatedBy: "```").first ?? ""
                for line in code.split(separator: "\n") {
                    let shown = normalized(line)
                    guard !shown.isEmpty, shown != "import Giftwise" else { continue }
                    #expect(compiled.contains(shown), "\(name): \(line)")
                    checked += 1
                }
            }
        }
        #expect(checked >= 15)
    }

    /// The README shows the example above exactly as compiled here.
    @Test func readmeShowsTheCompiledExample() throws {
        let testFile = URL(fileURLWithPath: #filePath)
        let source = try String(contentsOf: testFile, encoding: .utf8)
        let start = try #require(source.range(of: "// --- README example starts ---\n"))
        let end = try #require(source.range(of: "        // --- README example ends ---"))
        let body = source[start.upperBound..<end.lowerBound]
            .split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasPrefix("        ") ? String($0.dropFirst(8)) : String($0) }
            .joined(separator: "\n")
        let readmeURL = testFile.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("README.md")
        let readme = try String(contentsOf: readmeURL, encoding: .utf8)
        #expect(readme.contains("```swift\nimport Giftwise\n\n" + body.trimmingCharacters(in: .newlines) + "\n```"))
    }
}
