import Foundation
import Testing

@Suite struct CatalogEndpointTests {
    static let validCSV = Data(
        "id,name,price,age_min,age_max,interests\nsrv-1,Server Test Dino Kit,12.50,5,9,dinosaurs\nsrv-2,Server Test Paints,8,4,,drawing\n"
            .utf8)
    static let invalidCSV = Data("id,name,price\nsrv-3,,abc\nsrv-4,Fine,1\n".utf8)
    static let auth = ["Authorization": "Bearer test-token"]

    func put(
        _ server: TestServer, _ body: Data, query: String = "", type: String = "text/csv",
        headers: [String: String] = auth
    ) async throws -> HTTPReply {
        var headers = headers
        headers["Content-Type"] = type
        return try await server.request("PUT", "/v1/catalog" + query, headers: headers, body: body)
    }

    @Test func statsIsByteIdenticalToTheCLI() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let cli = try await Binaries.runCLI(["catalog", "stats", "--format", "json", "--db", server.databasePath])
        let reply = try await server.get("/v1/catalog/stats")
        #expect(reply.status == 200)
        #expect(reply.body == cli.stdout)
    }

    @Test func aValidUploadIsImportedAndReported() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let before = try await server.productCount()
        let reply = try await put(server, Self.validCSV)
        #expect(reply.status == 200, "\(reply.text)")
        #expect(reply.json["added"] as? Int == 2)
        #expect((reply.json["errors"] as? [Any])?.isEmpty == true)
        #expect(try await server.productCount() == before + 2)
        let json = Data(#"[{"id":"srv-5","name":"JSON Kite","price":20,"interests":["kites"]}]"#.utf8)
        #expect(try await put(server, json, type: "application/json").status == 200)
        let lines = Data((#"{"id":"srv-6","name":"JSONL Yo-yo","price":3}"# + "\n").utf8)
        #expect(try await put(server, lines, type: "application/x-ndjson; charset=utf-8").status == 200)
        #expect(try await server.productCount() == before + 4)
    }

    @Test func anInvalidFileIs422WithEveryErrorAndChangesNothing() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let before = try await server.productCount()
        let reply = try await put(server, Self.invalidCSV)
        #expect(reply.status == 422)
        #expect(reply.header("content-type") == "application/problem+json")
        let errors = try #require(reply.json["errors"] as? [[String: Any]])
        #expect(errors.count == 2)
        #expect(errors.contains { $0["field"] as? String == "price" && $0["line"] as? Int == 2 })
        #expect(reply.json["errorCount"] as? Int == 2)
        #expect(try await server.productCount() == before)
        for bad in [Data([0xFF, 0xFE, 0x00]), Data(), Data("[1,2".utf8)] {
            let status = try await put(
                server, bad, type: bad.first == UInt8(ascii: "[") ? "application/json" : "text/csv"
            ).status
            #expect(status == 422 || status == 400, "status \(status)")
        }
        #expect(try await server.productCount() == before)
    }

    @Test func aDryRunWritesNothingAndReplaceRemovesTheRest() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let before = try await server.productCount()
        let dry = try await put(server, Self.validCSV, query: "?dryRun=true")
        #expect(dry.status == 200)
        #expect(dry.json["dryRun"] as? Bool == true)
        #expect(try await server.productCount() == before)
        let replaced = try await put(server, Self.validCSV, query: "?replace=true&dryRun=false")
        #expect(replaced.status == 200)
        #expect(replaced.json["removed"] as? Int == before)
        #expect(try await server.productCount() == 2)
        #expect(try await put(server, Self.validCSV, query: "?replace=yes").status == 400)
        #expect(try await put(server, Self.validCSV, query: "?force=true").status == 400)
    }

    @Test func writesNeedTheRightToken() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let before = try await server.productCount()
        let missing = try await put(server, Self.validCSV, headers: [:])
        #expect(missing.status == 401)
        #expect(missing.header("www-authenticate")?.hasPrefix("Bearer") == true)
        #expect(try await put(server, Self.validCSV, headers: ["Authorization": "Bearer test-tokeN"]).status == 401)
        #expect(
            try await put(server, Self.validCSV, headers: ["Authorization": "Bearer test-token-longer"]).status == 401)
        #expect(try await put(server, Self.validCSV, headers: ["Authorization": "Basic dGVzdDp0ZXN0"]).status == 401)
        #expect(try await server.productCount() == before)
    }

    @Test func writesAreRefusedWhenNoTokenIsConfigured() async throws {
        let server = try await TestServer(adminToken: nil)
        defer { Task { await server.stop() } }
        let reply = try await put(server, Self.validCSV)
        #expect(reply.status == 403)
        #expect(reply.header("content-type") == "application/problem+json")
    }

    @Test func anUnsupportedContentTypeIs415() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        #expect(try await put(server, Self.validCSV, type: "application/xml").status == 415)
        #expect(try await server.request("PUT", "/v1/catalog", headers: Self.auth, body: Self.validCSV).status == 415)
    }

    @Test func anUploadOverTheLimitIs413AndChangesNothing() async throws {
        let server = try await TestServer(catalogBodyLimit: 1024)
        defer { Task { await server.stop() } }
        let before = try await server.productCount()
        var big = "id,name,price\n"
        for index in 0..<200 { big += "big-\(index),Big Item \(index),1\n" }
        let declared = try await put(server, Data(big.utf8))
        #expect(declared.status == 413)
        // Without a Content-Length (chunked), the limit is enforced while streaming.
        var chunked =
            "PUT /v1/catalog HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer test-token\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n"
        chunked += String(big.utf8.count, radix: 16) + "\r\n" + big + "\r\n0\r\n\r\n"
        let streamed = try await RawHTTP.exchange(port: server.port, bytes: Data(chunked.utf8))
        #expect(streamed.status == 413)
        #expect(try await server.productCount() == before)
    }

    @Test func aClientThatDisconnectsMidUploadLeavesTheCatalogAsItWas() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let before = try await server.productCount()
        let beforeStats = try await server.get("/v1/catalog/stats").body
        var rows = "id,name,price\n"
        for index in 0..<2_000 { rows += "cut-\(index),Cut Item \(index),1\n" }
        let body = Data(rows.utf8)
        try await RawHTTP.blocking {
            let socket = try RawHTTP.connect(port: server.port)
            let head =
                "PUT /v1/catalog?replace=true HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer test-token\r\nContent-Type: text/csv\r\nContent-Length: \(body.count)\r\n\r\n"
            try RawHTTP.send(socket, Data(head.utf8) + body.prefix(body.count / 2))
            close(socket)
        }
        // The server notices the drop and frees the import slot; then a real import goes through.
        var status = 0
        for _ in 0..<400 {
            status = try await put(server, Self.validCSV, query: "?dryRun=true").status
            if status != 409 { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(status == 200)
        #expect(try await server.productCount() == before)
        #expect(try await server.get("/v1/catalog/stats").body == beforeStats)
    }

    @Test func aSecondImportWhileOneIsRunningIs409() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        // The first upload announces a body and sends only part of it, holding the import slot.
        // (If a probe got the slot first, the upload itself was refused: try again with a new one.)
        var sawConflict = false
        for _ in 0..<40 where !sawConflict {
            let socket = try await RawHTTP.blocking {
                let socket = try RawHTTP.connect(port: server.port)
                let head =
                    "PUT /v1/catalog HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer test-token\r\nContent-Type: text/csv\r\nContent-Length: 100000\r\n\r\nid,name,price\n"
                try RawHTTP.send(socket, Data(head.utf8))
                return socket
            }
            try await Task.sleep(for: .milliseconds(200))
            let reply = try await put(server, Self.validCSV, query: "?dryRun=true")
            if reply.status == 409 {
                sawConflict = true
                #expect(reply.header("content-type") == "application/problem+json")
            }
            close(socket)
        }
        #expect(sawConflict)
    }
}
