/// At most a few requests work on the catalog at once; the rest wait here, suspended.
///
/// Used for the web finder, whose reads are synchronous: each waits for one of SQLite's reader
/// connections by blocking the thread it runs on. Keeping fewer of them running than the
/// cooperative pool has threads leaves the API a thread to answer on; the queue forms here,
/// where waiting costs no thread.
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
