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

    private static func offTheCooperativePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T
    {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
