import Foundation
import Testing

/// `giftwise serve` mounts the web gift finder (DESIGN §6) at `/`, `/gifts`, `/count`, `/assets/`.
@Suite struct WebFinderMountTests {
    @Test func theFrontPageIsTheFinderWithItsSecurityPolicy() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let page = try await server.get("/")
        #expect(page.status == 200)
        #expect(page.header("Content-Type") == "text/html; charset=utf-8")
        #expect(page.text.contains(#"<form id="question""#))
        let policy = try #require(page.header("Content-Security-Policy"))
        #expect(policy.contains("script-src 'self'") && !policy.contains("unsafe-inline"))
    }

    @Test func aFinishedFlowRedirectsToResultsTheServerRenders() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        let done = try await server.get("/?a=7&a=dinosaurs&action=done")
        #expect(done.status == 303)
        let location = try #require(done.header("Location"))
        let results = try await server.get(location)
        #expect(results.status == 200)
        #expect(results.text.contains(#"<ol id="gifts">"#))
    }

    @Test func assetsAndTheLiveCountAreServed() async throws {
        let server = try await TestServer()
        defer { Task { await server.stop() } }
        #expect(try await server.get("/assets/finder.css").header("Content-Type") == "text/css; charset=utf-8")
        #expect(try await server.get("/assets/finder.js").status == 200)
        let count = try await server.get("/count?a=7")
        #expect(count.json["remaining"] is Int)
    }
}
