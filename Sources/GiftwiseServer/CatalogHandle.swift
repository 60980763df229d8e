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
    private let state: Mutex<(catalog: GiftCatalog, identity: FileIdentity?, products: Int)>
    /// Set while a catalog upload is being imported: a second upload gets 409 at once.
    let importing = Atomic<Bool>(false)

    /// Opens the catalog at `path`, filling a never-used one with the bundled default catalog.
    init(path: String) throws {
        self.path = path
        let (catalog, identity) = try Self.open(path)
        state = Mutex((catalog, identity, try catalog.productCount()))
    }

    /// The catalog to answer this request from.
    var catalog: GiftCatalog { state.withLock { $0.catalog } }

    /// Products in the catalog, as last counted (at open, after an upload, and a few times a
    /// second by ``CatalogWatcher``): `/health` answers without touching the database.
    var products: Int { state.withLock { $0.products } }

    /// Counts the products again (after an import, or one by another process).
    func recount() {
        let catalog = self.catalog
        if let count = try? catalog.productCount() {
            state.withLock { if $0.catalog.path == catalog.path { $0.products = count } }
        }
    }

    private static func open(_ path: String) throws -> (GiftCatalog, FileIdentity?) {
        // Create (and seed) the file on first use, as the CLI does, then pin the resolved target.
        if FileIdentity(path: path) == nil {
            _ = try GiftCatalog(path: path).fillWithDefaultCatalogIfEmpty()
        }
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let identity = FileIdentity(path: resolved)
        let catalog = try GiftCatalog(path: resolved)
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
            let (catalog, identity) = try Self.open(path)
            let products = try catalog.productCount()
            state.withLock { $0 = (catalog, identity, products) }
            logger.notice(
                "catalog reopened: a new catalog was published",
                metadata: [
                    "path": "\(path)", "products": "\(products)",
                    "ms":
                        "\((ContinuousClock.now - start).components.attoseconds / 1_000_000_000_000_000 + (ContinuousClock.now - start).components.seconds * 1000)",
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
                if !handle.reloadIfReplaced(logger: logger) { handle.recount() }
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
