import Foundation
import Giftwise
import Logging
import NIOCore
import Synchronization
import Testing

@testable import GiftwiseServer

/// The response cache through real HTTP: the same bytes as without it and as the CLI, revalidation
/// with ETags, and a changed catalog served at once.
@Suite struct ResponseCacheEndpointTests {
    static let query = "/v1/recommendations?age=7&interest=dinosaurs&interest=drawing&purpose=educational&budget=30"

    @Test func aCachedAnswerIsByteIdenticalToAnUncachedOneAndToTheCLI() async throws {
        let cached = try await TestServer()
        defer { Task { await cached.stop() } }
        let uncached = try await TestServer(cacheBytes: 0)
        defer { Task { await uncached.stop() } }
        let cli = try await Binaries.runCLI(
            [
                "recommend", "--format", "json", "--db", cached.databasePath, "--age", "7", "--interest", "dinosaurs",
                "--interest", "drawing", "--purpose", "educational", "--budget", "30",
            ])
        let first = try await cached.get(Self.query)
        let second = try await cached.get(Self.query)
        // The same profile, written differently (purposes repeated, parameters reordered), as a POST.
        let post = try await cached.postJSON(
            "/v1/recommendations",
            #"{"budget":30,"purposes":["educational","educational"],"interests":["dinosaurs","drawing"],"age":7}"#)
        let plain = try await uncached.get(Self.query)
        #expect(first.status == 200)
        #expect(first.body == cli.stdout)
        #expect(second.body == first.body)
        #expect(post.body == first.body)
        #expect(plain.body == first.body)
        #expect(second.header("etag") == first.header("etag"))
        #expect(plain.header("etag") == first.header("etag"))
        #expect(first.header("cache-control") == "no-cache")
    }

    @Test func theFlowsCachedStepsAreTheStepsItComputes() async throws {
        let cached = try await TestServer()
        defer { Task { await cached.stop() } }
        let uncached = try await TestServer(cacheBytes: 0)
        defer { Task { await uncached.stop() } }
        for body in [#"{"answers":[]}"#, #"{"answers":["7"]}"#, #"{"answers":["7","dinosaurs, drawing","done"]}"#] {
            let first = try await cached.postJSON("/v1/flow", body)
            let again = try await cached.postJSON("/v1/flow", body)
            let plain = try await uncached.postJSON("/v1/flow", body)
            #expect(first.status == 200)
            #expect(again.body == first.body, "\(body)")
            #expect(plain.body == first.body, "\(body)")
        }
    }

    @Test func aMatchingIfNoneMatchGets304WithoutABody() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let first = try await server.get(Self.query)
        let etag = try #require(first.header("etag"))
        let revalidated = try await server.get(Self.query, headers: ["If-None-Match": "\"other\", " + etag])
        #expect(revalidated.status == 304)
        #expect(revalidated.body.isEmpty)
        #expect(revalidated.header("etag") == etag)
        let stale = try await server.get(Self.query, headers: ["If-None-Match": "\"1-0000000000000000\""])
        #expect(stale.status == 200)
        #expect(stale.body == first.body)
    }

    @Test func anUploadedCatalogIsServedAtOnce() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let query = "/v1/recommendations?age=7&interest=dinosaurs&limit=100"
        let before = try await server.get(query)
        #expect(!before.text.contains("srv-1"))
        let etag = try #require(before.header("etag"))
        // When a catalog with a new dinosaur kit is uploaded
        let upload = try await server.request(
            "PUT", "/v1/catalog", headers: ["Authorization": "Bearer test-token", "Content-Type": "text/csv"],
            body: CatalogEndpointTests.validCSV)
        #expect(upload.status == 200)
        // Then the next answer has it, and the old ETag no longer matches
        let after = try await server.get(query, headers: ["If-None-Match": etag])
        #expect(after.status == 200)
        #expect(after.text.contains("srv-1"))
    }

    @Test func anImportByAnotherProcessIsServedWithinAMoment() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let query = "/v1/recommendations?age=7&interest=dinosaurs&limit=100"
        #expect(!(try await server.get(query)).text.contains("srv-1"))
        // When another process (here: another catalog value with its own connections) imports
        // into the file the server reads
        let other = try GiftCatalog(path: server.databasePath)
        try await other.importData(CatalogEndpointTests.validCSV, options: ImportOptions(format: .csv))
        // Then the server notices the commit (it looks every 50 ms here) and answers from it
        var text = ""
        for _ in 0..<100 where !text.contains("srv-1") {
            try await Task.sleep(for: .milliseconds(20))
            text = try await server.get(query).text
        }
        #expect(text.contains("srv-1"))
    }
}

/// The cache itself: bounded by bytes, least recently used out first, one computation per key.
@Suite struct ResponseCacheTests {
    static func body(_ size: Int) -> ByteBuffer { ByteBuffer(repeating: UInt8(ascii: "x"), count: size) }

    static func fill(_ cache: ResponseCache, _ key: String, size: Int) async throws {
        _ = try await cache.body(for: CacheKey(generation: 1, request: key)) { body(size) }
    }

    static func isCached(_ cache: ResponseCache, _ key: String) async throws -> Bool {
        try await cache.body(for: CacheKey(generation: 1, request: key)) { body(1) }.hit
    }

    @Test func itStaysWithinItsBytesAndEvictsTheLeastRecentlyUsed() async throws {
        let cache = ResponseCache(capacity: 10_000)
        for index in 0..<4 { try await Self.fill(cache, "k\(index)", size: 2_000) }
        #expect(cache.usage.entries == 4)
        _ = try await Self.isCached(cache, "k0")  // k0 is now the most recently used
        try await Self.fill(cache, "k4", size: 2_000)
        #expect(cache.usage.bytes <= 10_000)
        #expect(try await Self.isCached(cache, "k0"))
        #expect(try await !Self.isCached(cache, "k1"))
    }

    @Test func anAnswerTooBigForAQuarterOfTheCacheIsNotKept() async throws {
        let cache = ResponseCache(capacity: 10_000)
        try await Self.fill(cache, "big", size: 3_000)
        #expect(cache.usage.entries == 0)
    }

    @Test func aNewGenerationMisses() async throws {
        let cache = ResponseCache(capacity: 100_000)
        _ = try await cache.body(for: CacheKey(generation: 1, request: "r")) { Self.body(10) }
        let next = try await cache.body(for: CacheKey(generation: 2, request: "r")) { Self.body(20) }
        #expect(!next.hit)
        #expect(next.body.bytes.readableBytes == 20)
    }

    @Test func concurrentMissesOnOneKeyAreComputedOnce() async throws {
        let cache = ResponseCache(capacity: 100_000)
        let computations = Counter()
        let asked = Counter()
        let results = try await withThrowingTaskGroup(of: ByteBuffer.self) { group in
            for _ in 0..<16 {
                group.addTask {
                    asked.value.add(1, ordering: .relaxed)
                    return try await cache.body(for: CacheKey(generation: 1, request: "same")) {
                        computations.value.add(1, ordering: .relaxed)
                        // Held until every caller has asked (a late one finds the answer cached).
                        while asked.value.load(ordering: .relaxed) < 16 { try await Task.sleep(for: .milliseconds(5)) }
                        return Self.body(100)
                    }.body.bytes
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 16)
        #expect(computations.value.load(ordering: .relaxed) == 1)
    }

    @Test func anErrorIsNotCached() async throws {
        let cache = ResponseCache(capacity: 100_000)
        await #expect(throws: Problem.self) {
            _ = try await cache.body(for: CacheKey(generation: 1, request: "e")) { throw Problem.requestTimeout }
        }
        #expect(try await !Self.isCached(cache, "e"))
    }

    @Test(arguments: [
        ("\"a\"", "\"a\"", true), ("\"b\", \"a\"", "\"a\"", true), ("W/\"a\"", "\"a\"", true), ("*", "\"a\"", true),
        ("\"b\"", "\"a\"", false), ("", "\"a\"", false),
    ])
    func ifNoneMatchIsReadAsAList(header: String, etag: String, matches: Bool) {
        #expect(EntityTag.matches(header, etag) == matches)
    }

    @Test func entityTagsDifferForDifferentBodies() {
        #expect(EntityTag.of(ByteBuffer(string: "ab")) != EntityTag.of(ByteBuffer(string: "ba")))
        #expect(EntityTag.of(ByteBuffer(string: "ab")) == EntityTag.of(ByteBuffer(string: "ab")))
    }
}

final class Counter: Sendable {
    let value = Atomic<Int>(0)
}

/// `--log-format json`: one object per request, with what an operator needs and nothing secret.
@Suite struct JSONLogTests {
    @Test func aRequestLineIsOneJSONObjectWithTheRequestsFacts() throws {
        let lines = Mutex<[Data]>([])
        var logger = Logging.Logger(label: "giftwise") { label in
            JSONLogHandler(label: label, level: .info) { data in lines.withLock { $0.append(data) } }
        }
        logger.logLevel = .info
        logger.info(
            "request",
            metadata: [
                "method": "GET", "path": "/v1/recommendations", "status": .stringConvertible(200),
                "duration_ms": .stringConvertible(1.5), "request_id": "abc",
            ])
        let written = lines.withLock { $0 }
        #expect(written.count == 1)
        let text = String(decoding: written[0], as: UTF8.self)
        #expect(text.hasSuffix("}\n"))
        #expect(text.filter { $0 == "\n" }.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: written[0]) as? [String: Any])
        #expect(object["method"] as? String == "GET")
        #expect(object["path"] as? String == "/v1/recommendations")
        #expect(object["status"] as? Int == 200)
        #expect(object["duration_ms"] as? Double == 1.5)
        #expect(object["request_id"] as? String == "abc")
        #expect(object["level"] as? String == "info")
    }

    @Test func quotesAndControlCharactersAreEscaped() throws {
        let quoted = JSONLogHandler.quoted("a\"b\\c\nd\u{1}")
        let decoded = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
        #expect(decoded == ["a\"b\\c\nd\u{1}"])
    }
}
