import Foundation
import GiftwiseSystem

/// Has the operating system write a bulk import's catalog file to disk while the import still
/// works, so the commit's fsync — the import's last step, on one thread, with the other core idle —
/// finds little left to write.
///
/// SQLite writes the pages of an import into an empty catalog (``ImportJournal``) to the file as
/// its page cache fills, but a machine with memory to spare keeps them as dirty pages until the
/// commit syncs them all: 108 MB at 200k products, 0.05–0.1 s of waiting. Starting their write-back
/// early changes no guarantee: the commit still waits for every page, and a page written early is
/// one SQLite had already handed to the operating system (which may write it at any moment
/// anyway). The hint is given on a thread of its own, since it can block while the disk's queue is
/// full. Linux only (`sync_file_range`); elsewhere nothing happens.
final class CatalogFileWriteback: @unchecked Sendable {  // `descriptor` is immutable; hints run on `queue`
    private let descriptor: Int32
    private let queue = DispatchQueue(label: "giftwise-import-writeback")
    private let pending = ManagedAtomicFlag()

    /// Nil when the file cannot be opened for reading (nothing to hint then), or when the
    /// environment has `GIFTWISE_IMPORT_WRITEBACK=0` (to measure the difference).
    init?(path: String) {
        guard ProcessInfo.processInfo.environment["GIFTWISE_IMPORT_WRITEBACK"] != "0" else { return nil }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        self.descriptor = descriptor
    }

    deinit {
        queue.sync {}
        close(descriptor)
    }

    /// Starts writing the file's dirty pages to disk; returns at once (a hint still running
    /// covers this one).
    func start() {
        guard pending.set() else { return }
        // Not `self`: the last reference must go on the caller's thread, whose deinit waits
        // for this block (on the queue's own thread that wait could never end).
        queue.async { [descriptor, pending] in
            pending.clear()
            _ = gw_start_writeback(descriptor)
        }
    }
}

/// A flag one thread sets and another clears.
private final class ManagedAtomicFlag: @unchecked Sendable {  // guarded by `lock`
    private let lock = NSLock()
    private var isSet = false

    /// Sets the flag; false if it was already set.
    func set() -> Bool {
        lock.withLock {
            if isSet { return false }
            isSet = true
            return true
        }
    }

    func clear() { lock.withLock { isSet = false } }
}
