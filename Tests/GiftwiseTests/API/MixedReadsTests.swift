import Foundation
import Testing

@testable import Giftwise

/// A server mixes synchronous reads (the web finder) with asynchronous ones (the API) on Swift's
/// cooperative pool. Synchronous readers waiting for a connection block pool threads; an
/// asynchronous reader must still be able to give its connection back, or everything stops.
struct MixedReadsTests {
    @Test(.timeLimit(.minutes(1)))
    func synchronousAndAsynchronousReadsTogetherNeverDeadlock() async throws {
        // Given a catalog with a single reader connection, so every read waits for the last one
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "giftwise-mixed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("catalog.sqlite").path
        try GiftCatalog(path: path).fillWithDefaultCatalogIfEmpty()
        let catalog = try GiftCatalog(path: path, maximumReaders: 1)
        let expected = try catalog.productCount()

        // When many more tasks than the pool has threads read both ways at once
        let counts = try await withThrowingTaskGroup(of: Int.self) { group in
            for index in 0..<64 {
                group.addTask {
                    if index.isMultiple(of: 2) {
                        return try catalog.productCount()  // blocks its thread until a connection is free
                    }
                    return try await catalog.stats().products
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }

        // Then every read finished, each with the whole catalog
        #expect(counts.count == 64)
        #expect(counts.allSatisfy { $0 == expected })
    }
}
