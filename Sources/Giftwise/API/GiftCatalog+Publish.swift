import Foundation

/// A catalog snapshot published for servers to pick up.
public struct PublishedSnapshot: Sendable, Equatable {
    /// The snapshot file the published path now points to.
    public var snapshotPath: String
    /// Products in the snapshot.
    public var products: Int
}

extension GiftCatalog {
    /// Publishes a consistent snapshot of this catalog at `path`, for servers reading `path`.
    ///
    /// The snapshot is written with `VACUUM INTO` to `PATH.snapshots/<time>-<pid>.sqlite`; then a
    /// symbolic link to it replaces `path` in one `rename`, which is atomic. Readers that open
    /// `path` afterwards get the new snapshot; readers with the previous file open keep it.
    ///
    /// Why a link and not a file renamed over `path`: SQLite keeps a WAL catalog's recent writes
    /// in `PATH-wal` and `PATH-shm`, found *by name*. A new file renamed over `path` while a
    /// server still has the old one open would be paired with the old file's `-wal`/`-shm` by the
    /// next connection, which then reads pages of the wrong database. SQLite resolves links before
    /// naming those files, so every snapshot gets its own, and no file ever meets another's log.
    ///
    /// The two newest snapshots are kept (a server may still be finishing requests on the
    /// previous one), as is any snapshot written in the last minute; older ones are removed.
    /// - Throws: ``GiftwiseError`` when the snapshot cannot be written or the link cannot be placed.
    @discardableResult
    public func publishSnapshot(at path: String, now: Date = Date()) throws -> PublishedSnapshot {
        let fileManager = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let folderName = target.lastPathComponent + ".snapshots"
        let folder = target.deletingLastPathComponent().appendingPathComponent(folderName)
        do {
            try fileManager.createDirectory(
                at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw GiftwiseError.cannotWrite(path: folder.path, reason: "the snapshot folder cannot be created")
        }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss.SSS"
        let name = "\(formatter.string(from: now))-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).sqlite"
        let snapshot = folder.appendingPathComponent(name)
        try database.writeSnapshot(to: snapshot.path)
        let products = try CatalogDatabase.productCount(atPath: snapshot.path)

        // A relative link, so the folder can be moved or mounted elsewhere as a whole.
        let link = target.deletingLastPathComponent().appendingPathComponent(
            ".\(target.lastPathComponent).link-\(getpid())")
        unlink(link.path)
        guard symlink("\(folderName)/\(name)", link.path) == 0 else {
            throw GiftwiseError.cannotWrite(path: link.path, reason: String(cString: strerror(errno)))
        }
        guard rename(link.path, target.path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(link.path)
            throw GiftwiseError.cannotWrite(path: target.path, reason: reason)
        }
        Self.removeOldSnapshots(in: folder, keeping: name, now: now)
        return PublishedSnapshot(snapshotPath: snapshot.path, products: products)
    }

    private static func removeOldSnapshots(in folder: URL, keeping current: String, now: Date) {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: folder.path) else { return }
        // Names start with their UTC time, so they sort oldest first.
        let snapshots = names.filter { $0.hasSuffix(".sqlite") }.sorted()
        for name in snapshots.dropLast(2) where name != current {
            let file = folder.appendingPathComponent(name)
            let modified = (try? fileManager.attributesOfItem(atPath: file.path)[.modificationDate] as? Date) ?? now
            guard now.timeIntervalSince(modified) > 60 else { continue }
            for suffix in ["", "-wal", "-shm"] { unlink(file.path + suffix) }
        }
    }
}
