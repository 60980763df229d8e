import GRDB

extension CatalogDatabase {
    /// Runs a read on GRDB's asynchronous API, translating failures: the calling task is suspended
    /// while a reader connection does the work, so a server's cooperative threads are never blocked.
    package func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do { return try await writer.read(body) } catch { throw Self.translate(error, path: path) }
    }

    /// Runs a write transaction on GRDB's asynchronous API, translating failures. Nothing is written
    /// if `body` throws.
    package func write<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do { return try await writer.write(body) } catch { throw Self.translate(error, path: path) }
    }
}
