import Foundation
import Giftwise
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@Suite struct ProtocolTests {
    @Test func healthSaysOkWithTheProductCount() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let reply = try await server.get("/health")
        #expect(reply.status == 200)
        #expect(reply.json["status"] as? String == "ok")
        #expect((reply.json["products"] as? Int ?? 0) > 100)
        #expect(try await server.get("/health?verbose=1").status == 400)
    }

    @Test func theOpenAPIDocumentDescribesEveryRoute() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let reply = try await server.get("/openapi.json")
        #expect(reply.status == 200)
        let paths = try #require(reply.json["paths"] as? [String: [String: Any]])
        #expect(
            Set(paths.keys) == [
                "/", "/gifts", "/count", "/assets/{name}", "/health", "/v1/recommendations", "/v1/flow",
                "/v1/catalog/stats", "/v1/catalog", "/openapi.json", "/openapi.yaml",
            ])
        #expect(paths["/v1/recommendations"]?.keys.sorted() == ["get", "post"])
        #expect(paths["/v1/catalog"]?.keys.sorted() == ["put"])
    }

    @Test func theWebGiftFinderIsServedAtTheRoot() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let page = try await server.get("/")
        #expect(page.status == 200)
        #expect(page.header("content-type")?.hasPrefix("text/html") == true)
        #expect(page.text.contains("id=\"question\""))
        let next = try await server.request(
            "POST", "/", headers: ["Content-Type": "application/x-www-form-urlencoded"],
            body: Data("answer=7&action=next".utf8))
        #expect(next.status == 200)
        #expect(try await server.get("/assets/finder.css").status == 200)
        // Web pages take their own form fields; the API's strict parameters do not apply to them.
        #expect(try await server.get("/?a=7&answer=dinosaurs").status == 200)
    }

    @Test func unknownPathsAre404AndWrongMethods405WithAllow() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let missing = try await server.get("/v2/everything")
        #expect(missing.status == 404)
        #expect(missing.header("content-type") == "application/problem+json")
        let wrong = try await server.request("DELETE", "/v1/catalog")
        #expect(wrong.status == 405)
        #expect(wrong.header("allow") == "PUT")
        let options = try await server.request(
            "OPTIONS", "/v1/recommendations", headers: ["Origin": "https://shop.example"])
        #expect(options.status == 405)
        #expect(options.header("access-control-allow-origin") == nil)
    }

    @Test func corsHeadersOnlyForAnAllowedOrigin() async throws {
        let server = try await TestServer(allowedOrigins: ["https://shop.example"])
        defer { Task { await server.stop() } }
        let allowed = try await server.get("/health", headers: ["Origin": "https://shop.example"])
        #expect(allowed.header("access-control-allow-origin") == "https://shop.example")
        let other = try await server.get("/health", headers: ["Origin": "https://evil.example"])
        #expect(other.header("access-control-allow-origin") == nil)
        let preflight = try await server.request(
            "OPTIONS", "/v1/recommendations",
            headers: ["Origin": "https://shop.example", "Access-Control-Request-Method": "POST"])
        #expect(preflight.status == 204)
        #expect(preflight.header("access-control-allow-methods")?.contains("POST") == true)
    }

    @Test func everyResponseCarriesARequestIDAndKeepsTheCallersOwn() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        #expect(
            try await server.get("/health", headers: ["X-Request-Id": "lb-42.a_b"]).header("x-request-id")
                == "lb-42.a_b")
        let generated = try await server.get("/health", headers: ["X-Request-Id": "bad id with spaces"]).header(
            "x-request-id")
        #expect(generated != nil && generated != "bad id with spaces")
        let problem = try await server.get("/nope")
        #expect(problem.json["requestId"] as? String == problem.header("x-request-id"))
    }

    @Test func aClientThatStopsSendingHeadersGets408AndIsDisconnected() async throws {
        let server = try await TestServer(readTimeout: .milliseconds(300))
        defer { Task { await server.stop() } }
        let received = try await RawHTTP.blocking {
            let socket = try RawHTTP.connect(port: server.port)
            defer { close(socket) }
            try RawHTTP.send(socket, Data("GET /health HTTP/1.1\r\nHost: x\r\n".utf8))
            return RawHTTP.readAll(socket)  // returns when the server closes (the socket's own timeout is 60 s)
        }
        let reply = try RawHTTP.parse(received)
        #expect(reply.status == 408)
        #expect(reply.header("content-type") == "application/problem+json")
        #expect(reply.json["status"] as? Int == 408)
        #expect(try await server.productCount() > 0)
    }

    @Test func aClientThatDripsItsHeadersGets408() async throws {
        // Given a client sending a header byte every 100 ms: never idle for the 400 ms read
        // timeout, but the headers are not complete 400 ms after their first byte.
        let server = try await TestServer(readTimeout: .milliseconds(400))
        defer { Task { await server.stop() } }
        let received = try await RawHTTP.blocking {
            let socket = try RawHTTP.connect(port: server.port)
            defer { close(socket) }
            for byte in "GET /health HTTP/1.1\r\nHost: x\r\nX-Slow: abcdefghijklmnopqrstuvwxyz".utf8 {
                guard (try? RawHTTP.send(socket, Data([byte]))) != nil else { break }
                usleep(100_000)
                var pending = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
                if poll(&pending, 1, 0) > 0 { break }  // the server answered
            }
            return RawHTTP.readAll(socket)
        }
        #expect(try RawHTTP.parse(received).status == 408)
    }

    @Test func aStalledUploadGets408AndChangesNothing() async throws {
        let server = try await TestServer(readTimeout: .milliseconds(300))
        defer { Task { await server.stop() } }
        let before = try await server.productCount()
        let received = try await RawHTTP.blocking {
            let socket = try RawHTTP.connect(port: server.port)
            defer { close(socket) }
            let head =
                "PUT /v1/catalog HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer test-token\r\n"
                + "Content-Type: text/csv\r\nContent-Length: 1000\r\n\r\nid,name,price\nslow-1,Slow,1\n"
            try RawHTTP.send(socket, Data(head.utf8))
            return RawHTTP.readAll(socket)
        }
        #expect(try RawHTTP.parse(received).status == 408)
        #expect(try await server.productCount() == before)
    }

    @Test func headAnswersEveryGetWithItsHeadersAndNoBody() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        for target in [
            "/health", "/v1/recommendations?age=7&interest=dinosaurs", "/v1/catalog/stats", "/openapi.json", "/",
        ] {
            let get = try await server.get(target)
            let head = try await server.request("HEAD", target)
            #expect(head.status == get.status, "\(target)")
            #expect(head.body.isEmpty, "\(target)")
            #expect(head.header("content-length") == String(get.body.count), "\(target)")
            #expect(head.header("content-type") == get.header("content-type"), "\(target)")
        }
        let allow = try await server.request("DELETE", "/v1/recommendations")
        #expect(allow.status == 405)
        #expect(allow.header("allow") == "GET, POST, HEAD")
    }

    @Test func theOpenAPIDocumentIsAlsoServedAsYAML() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let json = try await server.get("/openapi.json")
        let yaml = try await server.get("/openapi.yaml")
        #expect(yaml.status == 200)
        #expect(yaml.header("content-type") == "application/yaml; charset=utf-8")
        #expect(yaml.body == json.body)  // JSON text is valid YAML 1.2
    }

    @Test func aPublishedCatalogIsServedWithoutARestart() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "giftwise-publish-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let served = folder.appendingPathComponent("served.sqlite").path
        try FileManager.default.copyItem(atPath: TestServer.template, toPath: served)
        let server = try await TestServer(databasePath: served)
        defer { Task { await server.stop() } }
        let before = try await server.productCount()
        let query = "/v1/recommendations?age=7&interest=dinosaurs&limit=100"
        let cachedBefore = try await server.get(query)  // now in the response cache
        #expect(!cachedBefore.text.contains("srv-1"))

        // Given a different catalog published at the path the server reads
        let source = try GiftCatalog(path: folder.appendingPathComponent("source.sqlite").path)
        try await source.importData(CatalogEndpointTests.validCSV, options: ImportOptions(format: .csv))
        for round in 1...3 {
            try await source.importData(
                Data("id,name,price\nround-\(round),Round \(round),1\n".utf8), options: ImportOptions(format: .csv))
            let published = try source.publishSnapshot(at: served)
            #expect(published.products == 2 + round)
            // Then the server answers from it (it checks the path every 50 ms here)
            var count = before
            for _ in 0..<200 where count != 2 + round {
                try await Task.sleep(for: .milliseconds(10))
                count = try await server.productCount()
            }
            #expect(count == 2 + round)
            // And the cached recommendations are those of the new catalog, not the old one
            let recommended = try await server.get(query)
            #expect(recommended.text.contains("srv-1"))
        }
        // And old snapshots are cleaned up, keeping the newest two (and any from the last minute).
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: served + ".snapshots").filter {
            $0.hasSuffix(".sqlite")
        }
        #expect(snapshots.count == 3)
    }
}

@Suite struct ServeCommandTests {
    @Test func giftwiseServeHandsOverAndStopsCleanlyOnSIGTERM() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "giftwise-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = folder.appendingPathComponent("catalog.sqlite").path
        try FileManager.default.copyItem(atPath: TestServer.template, toPath: database)
        let log = folder.appendingPathComponent("server.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let process = Process()
        process.executableURL = try Binaries.url("giftwise")
        process.arguments = ["--db", database, "serve", "--port", "0"]
        var environment = ProcessInfo.processInfo.environment
        environment["GIFTWISE_ADMIN_TOKEN"] = "secret-token-value"
        process.environment = environment
        let handle = try FileHandle(forWritingTo: log)
        process.standardError = handle
        process.standardOutput = handle
        try process.run()
        defer { if process.isRunning { process.terminate() } }

        var port: Int?
        for _ in 0..<600 where port == nil {
            try await Task.sleep(for: .milliseconds(50))
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"serving on http://127\.0\.0\.1:(\d+)"#, options: .regularExpression) {
                port = Int(text[range].split(separator: ":").last ?? "")
            }
        }
        let bound = try #require(port)
        let reply = try await RawHTTP.exchange(
            port: bound,
            bytes: Data(
                "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\nAuthorization: Bearer secret-token-value\r\n\r\n"
                    .utf8))
        #expect(reply.status == 200)
        kill(process.processIdentifier, SIGTERM)
        try await RawHTTP.blocking { process.waitUntilExit() }
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let text = try String(contentsOf: log, encoding: .utf8)
        #expect(text.contains("GET /health 200"))
        #expect(!text.contains("secret-token-value"))
    }
}
