import Foundation
import Testing

@Suite struct RecommendationsEndpointTests {
    static let profiles: [(query: String, body: String, cli: [String])] = [
        (
            "age=7&interest=dinosaurs&interest=drawing&purpose=educational&budget=30&limit=5",
            #"{"age":7,"interests":["dinosaurs","drawing"],"purposes":["educational"],"budget":30,"limit":5}"#,
            [
                "--age", "7", "--interest", "dinosaurs", "--interest", "drawing", "--purpose", "educational",
                "--budget", "30", "--limit", "5",
            ]
        ),
        (
            "age=35&interest=coffee&interest=hiking&budget=60&budgetMin=10&exclude=mug",
            #"{"age":35,"interests":["coffee","hiking"],"budget":60,"budgetMin":10,"exclude":["mug"]}"#,
            [
                "--age", "35", "--interest", "coffee", "--interest", "hiking", "--budget", "60", "--budget-min", "10",
                "--exclude", "mug",
            ]
        ),
        (
            "age=1.5&interest=scuba%20diving&limit=3",
            #"{"age":1.5,"interests":["scuba diving"],"limit":3}"#,
            ["--age", "1.5", "--interest", "scuba diving", "--limit", "3"]
        ),
        (
            "age=12&interest=space&purpose=fun&purpose=crafty&budget=5&limit=10",
            #"{"age":12,"interests":["space"],"purposes":["fun","crafty"],"budget":5,"limit":10}"#,
            [
                "--age", "12", "--interest", "space", "--purpose", "fun", "--purpose", "crafty", "--budget", "5",
                "--limit", "10",
            ]
        ),
        (
            "age=7&interest=dinosaurs&budget=20&currency=gbp",
            #"{"age":7,"interests":["dinosaurs"],"budget":20,"currency":"GBP"}"#,
            ["--age", "7", "--interest", "dinosaurs", "--budget", "£20"]
        ),
    ]

    @Test func aBudgetInAnotherCurrencyIsReadInItAndABadCodeIsRefused() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        // The default catalog prices in dollars and has no rates: £20 compares with nothing
        let pounds = try await server.get("/v1/recommendations?age=7&interest=dinosaurs&budget=20&currency=GBP")
        #expect(pounds.status == 200)
        #expect(pounds.json["fit"] as? String == "none")
        let relaxation = try #require((pounds.json["relaxations"] as? [[String: Any]])?.first)
        #expect(relaxation["suggestion"] as? String == "give the budget in USD ($20)")
        #expect((relaxation["changes"] as? [String: Any])?["currency"] as? String == "USD")
        let bad = try await server.get("/v1/recommendations?age=7&budget=20&currency=pounds")
        #expect(bad.status == 400)
        #expect(bad.json["parameter"] as? String == "currency")
        let badBody = try await server.postJSON("/v1/recommendations", #"{"age":7,"currency":12}"#)
        #expect(badBody.status == 400)
        #expect(badBody.json["member"] as? String == "currency")
    }

    @Test(arguments: 0..<profiles.count)
    func getAndPostAreByteIdenticalToTheCLI(index: Int) async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let profile = Self.profiles[index]
        let cli = try await Binaries.runCLI(
            ["recommend", "--format", "json", "--db", server.databasePath] + profile.cli)
        #expect(cli.status == 0)
        let get = try await server.get("/v1/recommendations?" + profile.query)
        #expect(get.status == 200)
        #expect(get.header("content-type") == "application/json; charset=utf-8")
        #expect(
            get.body == cli.stdout,
            "GET differs from the CLI:\n\(get.text)\n---\n\(String(decoding: cli.stdout, as: UTF8.self))")
        let post = try await server.postJSON("/v1/recommendations", profile.body)
        #expect(post.status == 200)
        #expect(post.body == cli.stdout)
    }

    @Test func anExcludedProductIDLeavesThatProductOut() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let first = try await server.get("/v1/recommendations?age=7&interest=dinosaurs&limit=1")
        let id = try #require(((first.json["recommendations"] as? [[String: Any]])?.first?["id"]) as? String)
        let again = try await server.get("/v1/recommendations?age=7&interest=dinosaurs&limit=5&exclude=\(id)")
        let ids = (again.json["recommendations"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        #expect(!ids.isEmpty && !ids.contains(id))
    }

    @Test(arguments: [
        ("age=7&colour=red", "colour"),
        ("age=abc", "age"),
        ("interest=dinosaurs", "age"),
        ("age=7&age=8", "age"),
        ("age=121", "age"),
        ("age=-1", "age"),
        ("age=nan", "age"),
        ("age=7&limit=0", "limit"),
        ("age=7&limit=101", "limit"),
        ("age=7&limit=2.5", "limit"),
        ("age=7&budget=-3", "budget"),
        ("age=7&budget=1e12", "budget"),
        ("age=7&budget=10&budgetMin=20", "budgetMin"),
        ("age=7&purpose=flying", "purpose"),
        ("age=7&interest=%ZZ", "interest"),
        ("age=7&interest=%FF%FE", "interest"),
        ("age=7&interest=a%00b", "interest"),
    ])
    func badParametersAre400NamingTheParameter(query: String, parameter: String) async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let reply = try await server.get("/v1/recommendations?" + query)
        #expect(reply.status == 400)
        #expect(reply.header("content-type") == "application/problem+json")
        #expect(reply.json["parameter"] as? String == parameter)
        #expect(reply.json["status"] as? Int == 400)
        #expect((reply.json["detail"] as? String)?.isEmpty == false)
        #expect((reply.json["type"] as? String)?.hasPrefix("urn:giftwise:problem:") == true)
    }

    @Test(arguments: [
        ("", 400), ("[1,2]", 400), ("{", 400), (#"{"age":"seven"}"#, 400), (#"{"age":true}"#, 400),
        (#"{"age":7,"interests":"dinosaurs"}"#, 400), (#"{"age":7,"interests":[1]}"#, 400),
        (#"{"age":7,"colour":"red"}"#, 400), (#"{"interests":["x"]}"#, 400), (#"{"age":7,"limit":1.5}"#, 400),
        (#"{"age":7,"budget":null,"budgetMin":null,"limit":null}"#, 200),
    ])
    func postBodiesAreCheckedMemberByMember(body: String, status: Int) async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let reply = try await server.postJSON("/v1/recommendations", body)
        #expect(reply.status == status, "\(body): \(reply.text)")
        if status == 400 { #expect(reply.header("content-type") == "application/problem+json") }
    }

    @Test func nonUTF8AndOversizedAndMistypedBodiesAreRefused() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let invalid = try await server.request(
            "POST", "/v1/recommendations", headers: ["Content-Type": "application/json"],
            body: Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x7D]))
        #expect(invalid.status == 400)
        let huge = Data((#"{"age":7,"interests":["# + String(repeating: #""x","#, count: 20_000) + #""x"]}"#).utf8)
        let tooLarge = try await server.request(
            "POST", "/v1/recommendations", headers: ["Content-Type": "application/json"], body: huge)
        #expect(tooLarge.status == 413)
        #expect(tooLarge.header("content-type") == "application/problem+json")
        let form = try await server.request(
            "POST", "/v1/recommendations", headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: Data("age=7".utf8))
        #expect(form.status == 415)
        // A body cut short: the declared length never arrives, so the client gives up and closes.
        let truncated = try await RawHTTP.blocking {
            let socket = try RawHTTP.connect(port: server.port)
            defer { close(socket) }
            try RawHTTP.send(
                socket,
                Data(
                    "POST /v1/recommendations HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"age\":"
                        .utf8))
            shutdown(socket, Int32(SHUT_WR))
            return RawHTTP.readAll(socket)
        }
        // Whatever the server answered (or if it just closed), it is still healthy.
        _ = truncated
        #expect(try await server.productCount() > 0)
    }
}
