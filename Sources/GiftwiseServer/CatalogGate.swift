/// At most a few requests work on the catalog at once; the rest wait here, suspended.
///
/// Why: a catalog read takes one of SQLite's reader connections (GRDB keeps a small pool), and
/// GRDB waits for a free one by blocking the thread it runs on. Under load (64 connections on 2
/// cores) enough such waits would occupy every thread of the cooperative pool, including the ones
/// the connection holders need to finish and give theirs back: the server would stop. Keeping
/// the number of requests in the catalog below the number of reader connections means no read
/// ever waits for a connection, and the queue forms here instead, where waiting costs no thread.
actor CatalogGate {
    private let permits: Int
    private var inUse = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(permits: Int) {
        self.permits = max(1, permits)
    }

    /// Runs `work` once a permit is free.
    nonisolated func run<T>(_ work: () async throws -> T) async throws -> T {
        await acquire()
        do {
            let result = try await work()
            await release()
            return result
        } catch {
            await release()
            throw error
        }
    }

    private func acquire() async {
        if inUse < permits {
            inUse += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty {
            inUse -= 1
        } else {
            // The permit passes straight to the next waiter.
            waiting.removeFirst().resume()
        }
    }
}
