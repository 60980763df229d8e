import Foundation
import Giftwise
import Logging
import ServiceLifecycle
import Synchronization

/// The catalog a server answers from, reopened when a new catalog is published at its path.
///
/// `giftwise catalog publish` makes the path a symbolic link to a fresh snapshot file and swaps the
/// link atomically. Each snapshot has its own `-wal` and `-shm` files (SQLite names them after the
/// link's target), so a reopened catalog can never pair with the previous file's write-ahead log.
/// The server opens the link's *target*, so every connection of one pool reads the same snapshot;
/// requests already running finish on the catalog they started with.
final class CatalogHandle: Sendable {
    /// The path the server was given (a file, or a link to the current snapshot).
    let path: String
    /// Reader connections per catalog: one per core (each keeps its own page cache; more only
    /// wait for a core).
    let readers: Int
    private let state: Mutex<State>
    /// Set while a catalog upload is being imported: a second upload gets 409 at once, and the
    /// response cache stands aside (readers see the old catalog until the commit, then the new).
    let importing = Atomic<Bool>(false)
    /// Cached responses, keyed on ``generation``.
    let cache: ResponseCache

    private struct State {
        var catalog: GiftCatalog
        var identity: FileIdentity?
        var products: Int
        var probe: CatalogChangeProbe?
        var dataVersion: Int?
        /// Bumped whenever what the catalog answers may have changed.
        var generation: UInt64
    }

    /// Opens the catalog at `path`, filling a never-used one with the bundled default catalog.
    init(path: String, readers: Int = ProcessInfo.processInfo.activeProcessorCount, cacheBytes: Int = 0) throws {
        self.path = path
        self.readers = max(2, readers)
        self.cache = ResponseCache(capacity: cacheBytes)
        let (catalog, identity) = try Self.open(path, readers: self.readers)
        let probe = try? catalog.changeProbe()
        state = Mutex(
            State(
                catalog: catalog, identity: identity, products: try catalog.productCount(), probe: probe,
                dataVersion: try? probe?.version(), generation: 1))
    }

    /// The catalog to answer this request from.
    var catalog: GiftCatalog { state.withLock { $0.catalog } }

    /// The catalog and its generation, read together: a response computed from this catalog may
    /// be cached under this generation.
    var current: (catalog: GiftCatalog, generation: UInt64) { state.withLock { ($0.catalog, $0.generation) } }

    /// Products in the catalog, as last counted (at open, after an upload, and whenever
    /// ``CatalogWatcher`` sees a commit): `/health` answers without touching the database.
    var products: Int { state.withLock { $0.products } }

    /// Whether cached responses may be served and stored now (not while an upload is imported).
    var cacheable: Bool { cache.isEnabled && !importing.load(ordering: .acquiring) }

    /// Starts a new generation (the catalog changed) and forgets every cached response.
    private func advance() {
        state.withLock { $0.generation &+= 1 }
        cache.removeAll()
    }

    /// After an import through this server committed: a new generation at once (not at the
    /// watcher's next look), and the products counted again.
    func catalogChanged() {
        advance()
        recount()
    }

    /// Counts the products again (after an import, or one by another process).
    func recount() {
        let catalog = self.catalog
        if let count = try? catalog.productCount() {
            state.withLock { if $0.catalog.path == catalog.path { $0.products = count } }
        }
    }

    /// Whether anyone committed to the catalog since the last look (then: a new generation and a
    /// recount). Without a probe (it could not be opened) every look counts as a change.
    @discardableResult
    func checkForCommits() -> Bool {
        let probe = state.withLock { $0.probe }
        let version = try? probe?.version()
        let changed = state.withLock { state in
            guard let version else { return true }
            defer { state.dataVersion = version }
            return state.dataVersion != version
        }
        if changed {
            advance()
            recount()
        }
        return changed
    }

    private static func open(_ path: String, readers: Int) throws -> (GiftCatalog, FileIdentity?) {
        // Create (and seed) the file on first use, as the CLI does, then pin the resolved target.
        if FileIdentity(path: path) == nil {
            _ = try GiftCatalog(path: path).fillWithDefaultCatalogIfEmpty()
        }
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let identity = FileIdentity(path: resolved)
        let catalog = try GiftCatalog(path: resolved, maximumReaders: readers)
        try catalog.fillWithDefaultCatalogIfEmpty()
        return (catalog, identity)
    }

    /// Reopens the catalog if another file now stands at `path`.
    /// - Returns: whether it was reopened.
    @discardableResult
    func reloadIfReplaced(logger: Logger) -> Bool {
        let now = FileIdentity(path: path)
        guard let now, now != state.withLock({ $0.identity }) else { return false }
        let start = ContinuousClock.now
        do {
            let (catalog, identity) = try Self.open(path, readers: readers)
            let products = try catalog.productCount()
            let probe = try? catalog.changeProbe()
            let version = try? probe?.version()
            state.withLock {
                $0 = State(
                    catalog: catalog, identity: identity, products: products, probe: probe, dataVersion: version,
                    generation: $0.generation &+ 1)
            }
            cache.removeAll()
            logger.notice(
                "catalog reopened: a new catalog was published",
                metadata: [
                    "path": "\(path)", "products": "\(products)",
                    "ms": "\(APIResponder.milliseconds(ContinuousClock.now - start))",
                ])
            return true
        } catch {
            logger.error(
                "a new catalog was published but cannot be opened; still serving the previous one",
                metadata: ["path": "\(path)", "error": "\(error.localizedDescription)"])
            // Remember it so the failure is logged once, not five times a second.
            state.withLock { $0.identity = now }
            return false
        }
    }
}

/// Which file a path names now (device and inode, after following links).
struct FileIdentity: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64

    init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
    }
}

/// Checks a few times a second whether a new catalog was published, until shutdown.
///
/// On a thread of its own rather than in the cooperative pool: under full load the pool's few
/// threads are busy answering requests, and a wake-up queued behind them (plus opening the new
/// file) could take longer than the second a replica has to pick up a published catalog.
struct CatalogWatcher: Service {
    let handle: CatalogHandle
    let interval: Duration
    let logger: Logger

    func run() async throws {
        let running = Atomic<Bool>(true)
        let stopped = AsyncStream<Void>.makeStream()
        let (handle, interval, logger) = (handle, interval, logger)
        let thread = Thread {
            while running.load(ordering: .relaxed) {
                Thread.sleep(
                    forTimeInterval: Double(interval.components.seconds) + Double(interval.components.attoseconds)
                        / 1e18)
                guard running.load(ordering: .relaxed) else { break }
                if !handle.reloadIfReplaced(logger: logger) { handle.checkForCommits() }
            }
            stopped.continuation.finish()
        }
        thread.name = "giftwise-catalog-watcher"
        thread.start()
        // Until shutdown (or cancellation) begins, then let the thread finish its last check.
        try? await gracefulShutdown()
        running.store(false, ordering: .relaxed)
        for await _ in stopped.stream {}
    }
}
