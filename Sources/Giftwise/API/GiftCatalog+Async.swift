import Dispatch
import Foundation

extension GiftCatalog {
    /// ``importFile(at:options:)`` for async callers such as a server.
    ///
    /// The import parses while it writes, inside one write transaction, so it runs on a dispatch
    /// queue of its own: the calling task is suspended and no cooperative thread is blocked while
    /// a large file is read. Concurrent imports queue on SQLite's writer lock, as the synchronous
    /// ones do (``GiftwiseError/busy(path:)`` when another process holds it).
    @discardableResult
    public func importFile(at url: URL, options: ImportOptions = ImportOptions()) async throws -> ImportReport {
        try await Self.offTheCooperativePool { try self.importFile(at: url, options: options) }
    }

    /// ``importData(_:options:)`` for async callers; see `importFile(at:options:)`.
    @discardableResult
    public func importData(_ data: Data, options: ImportOptions = ImportOptions()) async throws -> ImportReport {
        try await Self.offTheCooperativePool { try self.importData(data, options: options) }
    }

    /// Recommends for a request as `giftwise recommend` does (``RecommendationRequest/profile(in:)``,
    /// then the synchronous `recommend(for:limit:history:critique:)`), all in one asynchronous read: one reader
    /// connection and one transaction per request, and no cooperative thread ever blocked on SQLite.
    /// - Throws: ``GiftwiseError/invalidProfile(_:)`` naming what is out of range; database errors.
    public func recommend(_ request: RecommendationRequest) async throws -> Recommendations {
        if let problem = request.problem { throw GiftwiseError.invalidProfile(problem) }
        return try await database.read { [self] db in
            try Matcher(catalog: self).recommendAsTyped(db, for: request.profile(db), limit: request.limit ?? 5)
        }
    }

    private static func offTheCooperativePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T
    {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
