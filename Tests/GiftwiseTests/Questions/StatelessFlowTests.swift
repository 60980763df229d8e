import Foundation
import Testing

@testable import Giftwise

/// The flow as a stateless server drives it: the answers so far in, the next step out; the state
/// `Codable` and free of any open catalog; async calls on GRDB's async reads.
struct StatelessFlowTests {
    let catalog: GiftCatalog

    init() throws {
        catalog = try TestSupport.defaultCatalog()
    }

    @Test func nextQuestionAfterTwoAnswersIsThePurposeWithItsChoicesAndTheLiveCount() throws {
        let step = try catalog.flowStep(answers: ["7", "dinosaurs, drawing"])
        #expect(!step.done)
        let question = try #require(step.question)
        #expect(question.id == .purpose)
        #expect(question.choices == ["educational", "crafty", "sporty", "just for fun", "no preference"])
        #expect(question.error == nil)
        let expected = try Matcher(catalog: catalog).goodMatchCount(
            for: RecipientProfile(ageYears: 7, interests: ["dinosaurs", "drawing"]))
        #expect(step.remaining == expected)
        #expect(step.answers == ["7", "dinosaurs, drawing"])
    }

    @Test func firstQuestionHasNullChoicesAndTheStockCount() throws {
        let step = try catalog.flowStep(answers: [])
        #expect(step.question?.id == .age)
        let json = try #require(try JSONSerialization.jsonObject(with: GiftwiseJSON.encode(step)) as? [String: Any])
        let question = try #require(json["question"] as? [String: Any])
        #expect(question["choices"] is NSNull)
        #expect(json["done"] as? Bool == false)
        #expect((json["remaining"] as? Int ?? 0) > 0)
    }

    @Test(arguments: [["done"], ["seven-ish"], ["7", "dinosaurs", "9"]])
    func rejectedLastAnswerReasksTheSameQuestionWithTheReason(answers: [String]) throws {
        let step = try catalog.flowStep(answers: answers)
        let accepted = try catalog.flowStep(answers: Array(answers.dropLast()))
        #expect(!step.done)
        #expect(step.question?.id == accepted.question?.id)
        #expect(step.question?.error?.isEmpty == false)
        #expect(step.answers == accepted.answers, "a rejected answer is not carried forward")
    }

    @Test func rejectedAnswersEarlierInTheListArePassedOverAsTheTerminalReasks() throws {
        let withTypo = try catalog.flowStep(answers: ["seven parsecs", "7", "dinosaurs"])
        let clean = try catalog.flowStep(answers: ["7", "dinosaurs"])
        #expect(withTypo == clean)
    }

    @Test func skipBackAndDoneWorkAsTyped() throws {
        let step = try catalog.flowStep(answers: ["7", "dinosaurs", "skip", "back", "crafty", "done"])
        #expect(step.done)
        #expect(step.profile?.purposes == [.crafty])
        #expect(step.answers == ["7", "dinosaurs", "crafty", "done"])
        #expect(step.question == nil && step.remaining == nil)
    }

    @Test func finishedStepCarriesTheProfileAndTheSameDocumentAsRecommend() throws {
        let step = try catalog.flowStep(answers: ["7", "dinosaurs, drawing", "educational", "30", "done"])
        #expect(step.done)
        let profile = try #require(step.profile)
        #expect(
            profile
                == RecommendationRequest(
                    age: 7, interests: ["dinosaurs", "drawing"], purposes: [.educational], budget: 30))
        let direct = RecommendationDocument(try catalog.recommend(for: profile.profile(in: catalog), limit: 5))
        #expect(step.result == direct)
    }

    @Test func refinementsAfterTheGiftsAreAnswersTooAndBackUndoesTheLast() throws {
        let base = ["7", "dinosaurs", "no preference", "no limit", "done"]
        let shown = try #require(try catalog.flowStep(answers: base).result)
        let cheaper = try catalog.flowStep(answers: base + ["cheaper"])
        #expect(cheaper.done)
        #expect(cheaper.profile?.budget != nil)
        #expect(cheaper.result != shown)
        let undone = try catalog.flowStep(answers: base + ["cheaper", "back"])
        #expect(undone.result == shown)
        #expect(undone.answers == base)
    }

    @Test func changeAnswersGoesBackToTheQuestions() throws {
        let step = try catalog.flowStep(answers: ["7", "dinosaurs", "done", "cheaper", "change answers"])
        #expect(!step.done)
        #expect(step.question?.id == .purpose)
        #expect(step.answers == ["7", "dinosaurs"])
    }

    @Test func acceptedAnswersReplayToTheSameConversation() throws {
        let typed = [
            "x", "7", "back", "8", "space, robots", "banana", "2", "skip", "", "done", "not 1", "nonsense", "more",
        ]
        let (conversation, _) = try GiftConversation.replaying(typed, in: catalog)
        let (again, _) = try GiftConversation.replaying(conversation.acceptedInputs, in: catalog)
        #expect(again.profile == conversation.profile)
        #expect(again.results == conversation.results)
        #expect(again.acceptedInputs == conversation.acceptedInputs)
    }

    @Test func choicesCanBeAnsweredByValue() throws {
        var flow = QuestionFlow()
        try flow.answer("9", in: catalog)
        try flow.skip(in: catalog)
        try flow.answer(choosing: [Purpose.fun.rawValue, Purpose.sporty.rawValue], in: catalog)
        #expect(flow.profile?.purposes == [.fun, .sporty])
        #expect(throws: QuestionFlowError.self) { try flow.answer(choosing: ["not-a-value"], in: catalog) }
    }

    @Test func conversationStateSurvivesJSONAndResumesOnAnotherCatalogInstance() async throws {
        // Given a catalog file opened by two "replicas"
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("giftwise-flow-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("catalog.sqlite").path
        let first = try GiftCatalog(path: path)
        try first.fillWithDefaultCatalogIfEmpty()
        let second = try GiftCatalog(path: path)

        // When replica one takes some answers and hands the encoded state to replica two
        var conversation = GiftConversation()
        for line in ["8", "space, lego", "educational"] { _ = try conversation.respond(to: line, in: first) }
        let data = try JSONEncoder().encode(conversation)
        var resumed = try JSONDecoder().decode(GiftConversation.self, from: data)
        #expect(resumed == conversation)
        for line in ["40", "done"] { _ = try resumed.respond(to: line, in: second) }

        // Then it ends where one uninterrupted conversation ends, and the async step agrees
        let (straight, _) = try GiftConversation.replaying(
            ["8", "space, lego", "educational", "40", "done"], in: first)
        #expect(resumed.results == straight.results)
        let asyncStep = try await second.flowStep(answers: ["8", "space, lego", "educational", "40", "done"])
        #expect(asyncStep.result == straight.results.map(RecommendationDocument.init))
    }

    @Test func asyncRecommendStatsAndImportMatchTheSynchronousCalls() async throws {
        let profile = RecipientProfile(
            ageYears: 7, interests: ["dinosaurs"], purposes: [.educational], budgetMax: Money(30))
        let asyncResult = try await catalog.recommend(for: profile, limit: 5)
        let asyncStats = try await catalog.stats()
        func synchronous() throws -> (Recommendations, CatalogStats) {
            (try catalog.recommend(for: profile, limit: 5), try catalog.stats())
        }
        let (syncResult, syncStats) = try synchronous()
        #expect(asyncResult == syncResult)
        #expect(asyncStats == syncStats)

        let empty = try TestSupport.emptyCatalog()
        let report = try await empty.importData(Data(TestSupport.seedCSV.utf8), options: ImportOptions(format: .csv))
        #expect(report.added == 3)
        func count() throws -> Int { try empty.productCount() }
        #expect(try count() == 3)
    }

    @Test func flowStepDocumentRoundTripsThroughTheEncoder() throws {
        for answers in [["7"], ["7", "dinosaurs", "done"]] {
            let step = try catalog.flowStep(answers: answers)
            let decoded = try GiftwiseJSON.decode(FlowStep.self, from: GiftwiseJSON.encode(step))
            #expect(decoded == step)
        }
    }
}
