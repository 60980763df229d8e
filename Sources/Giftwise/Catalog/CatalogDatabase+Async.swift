import GRDB

extension CatalogDatabase {
    /// Runs a read on GRDB's asynchronous API, translating failures: the calling task is suspended
    /// while a reader connection does the work, so a server's cooperative threads are never blocked.
    ///
    /// Built on `asyncRead`, whose connection is taken and given back on GRDB's own dispatch
    /// queues: giving it back never waits for a cooperative thread. (With GRDB's `async` `read`,
    /// the connection is released only once the suspended task resumes on the cooperative pool; if
    /// synchronous reads elsewhere in the process held every pool thread while waiting for a
    /// connection, nothing could resume to give one back.) The body runs in one read transaction.
    package func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        let path = self.path
        return try await withCheckedThrowingContinuation { continuation in
            writer.asyncRead { database in
                continuation.resume(
                    with: Result { try body(database.get()) }.mapError { Self.translate($0, path: path) })
            }
        }
    }

    /// Runs a write transaction on GRDB's asynchronous API, translating failures. Nothing is written
    /// if `body` throws.
    package func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do { return try await writer.write(body) } catch { throw Self.translate(error, path: path) }
    }
}
