import Foundation
import Testing

@Suite struct FlowEndpointTests {
    func step(_ server: TestServer, _ answers: [String]) async throws -> [String: Any] {
        let body = try JSONSerialization.data(withJSONObject: ["answers": answers])
        let reply = try await server.request(
            "POST", "/v1/flow", headers: ["Content-Type": "application/json"], body: body)
        #expect(reply.status == 200, "\(answers): \(reply.text)")
        return reply.json
    }

    @Test func theFlowStartsWithTheAgeAndAsksThePurposeAfterAgeAndInterests() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let first = try await step(server, [])
        #expect(first["done"] as? Bool == false)
        #expect((first["question"] as? [String: Any])?["id"] as? String == "age")
        #expect(((first["question"] as? [String: Any]).map { $0["choices"] is NSNull }) == true)
        let third = try await step(server, ["7", "dinosaurs, drawing"])
        let question = try #require(third["question"] as? [String: Any])
        #expect(question["id"] as? String == "purpose")
        #expect((question["choices"] as? [String])?.contains("educational") == true)
        #expect((third["remaining"] as? Int ?? 0) > 0)
    }

    @Test func aRejectedAnswerComesBackAsTheSameQuestionWithTheReason() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        for answers in [["done"], ["seven hundred"], ["skip"]] {
            let reply = try await step(server, answers)
            let question = try #require(reply["question"] as? [String: Any])
            #expect(reply["done"] as? Bool == false)
            #expect(question["id"] as? String == "age")
            #expect((question["error"] as? String)?.isEmpty == false, "\(answers)")
        }
        // An earlier rejected answer is simply re-asked, as in the terminal.
        let recovered = try await step(server, ["done", "7"])
        let question = try #require(recovered["question"] as? [String: Any])
        #expect(question["id"] as? String == "interests")
        #expect(question["error"] == nil)
    }

    @Test func backUndoesTheLastAnswer() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let reply = try await step(server, ["7", "dinosaurs", "back"])
        #expect((reply["question"] as? [String: Any])?["id"] as? String == "interests")
    }

    @Test func doneGivesTheProfileAndTheRecommendationsDocument() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let reply = try await step(server, ["7", "dinosaurs", "educational", "30", "done"])
        #expect(reply["done"] as? Bool == true)
        let profile = try #require(reply["profile"] as? [String: Any])
        #expect(profile["age"] as? Double == 7)
        #expect(profile["interests"] as? [String] == ["dinosaurs"])
        #expect(profile["purposes"] as? [String] == ["educational"])
        #expect(profile["budget"] as? Double == 30)
        let result = try #require(reply["result"] as? [String: Any])
        #expect(["good", "partial", "none"].contains(result["fit"] as? String ?? ""))
        #expect(result["recommendations"] is [Any])
        // The profile can be posted back as it is.
        let data = try JSONSerialization.data(withJSONObject: profile)
        let again = try await server.request(
            "POST", "/v1/recommendations", headers: ["Content-Type": "application/json"], body: data)
        #expect(again.status == 200)
    }

    @Test(arguments: [#"{"answers":"7"}"#, #"{"answers":[7]}"#, #"{}"#, #"{"answers":[],"extra":1}"#, "[]", "nope"])
    func malformedFlowBodiesAre400(body: String) async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let reply = try await server.postJSON("/v1/flow", body)
        #expect(reply.status == 400)
        #expect(reply.header("content-type") == "application/problem+json")
    }
}
