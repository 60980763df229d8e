import Foundation
import GRDB

/// The one gateway to a catalog's SQLite database: products, the taxonomy, recipients.
///
/// Files are opened in WAL mode through a pool, so readers (other tasks, other processes) keep
/// reading the last committed catalog while an import writes the next one.
package struct CatalogDatabase: Sendable {
    package let writer: any DatabaseWriter
    /// Where the database lives, or ":memory:".
    package let path: String
    /// Opened read-only because the file cannot be written: reading works, writing says why not.
    package let isReadOnly: Bool

    /// Opens (creating if needed) the catalog at `path`, migrating it to the current schema.
    /// - Parameter singleConnection: one connection instead of a reader pool — for a short-lived
    ///   process (the CLI), where the pool's set-up write on every open is pure cost. The file
    ///   stays in WAL mode either way, so other processes read during an import as before.
    /// - Parameter maximumReaders: how many reader connections the pool may open (GRDB's default,
    ///   5, when `nil`); a server matches it to its cores, since each reader keeps its own page cache.
    package init(path: String, singleConnection: Bool = false, maximumReaders: Int? = nil) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        let fileManager = FileManager.default
        do {
            if !fileManager.fileExists(atPath: folder.path) {
                // Recipient lists are private: the folder is the user's alone.
                try fileManager.createDirectory(
                    at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            }
            if !fileManager.fileExists(atPath: path) {
                guard fileManager.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600]) else {
                    throw GiftwiseError.cannotWrite(path: path, reason: Self.writeProblem(folder: folder))
                }
            }
        } catch let error as GiftwiseError {
            throw error
        } catch {
            throw GiftwiseError.cannotWrite(path: path, reason: Self.writeProblem(folder: folder))
        }
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
            throw GiftwiseError.cannotWrite(path: path, reason: "it is a folder")
        }
        do {
            let writer: any DatabaseWriter
            if singleConnection {
                let queue = try DatabaseQueue(path: path, configuration: Self.configuration())
                let mode = try queue.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") }
                if mode?.lowercased() != "wal" {
                    try queue.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA journal_mode = WAL") }
                }
                writer = queue
            } else {
                var configuration = Self.configuration()
                if let maximumReaders { configuration.maximumReaderCount = max(1, maximumReaders) }
                writer = try DatabasePool(path: path, configuration: configuration)
            }
            try Self.migrate(writer, path: path)
            self.writer = writer
            self.isReadOnly = false
        } catch {
            let translated = Self.translate(error, path: path)
            // A catalog someone may read but not write (a shared, read-only file) still answers
            // questions; only changing it is refused.
            guard case GiftwiseError.cannotWrite = translated, fileManager.isReadableFile(atPath: path),
                let size = try? fileManager.attributesOfItem(atPath: path)[.size] as? Int, size > 0,
                let readOnly = try? Self.openReadOnly(path: path)
            else { throw translated }
            self.writer = readOnly
            self.isReadOnly = true
        }
    }

    private static func openReadOnly(path: String) throws -> DatabaseQueue {
        var configuration = Self.configuration()
        configuration.readonly = true
        var queue: DatabaseQueue
        do {
            let plain = try DatabaseQueue(path: path, configuration: configuration)
            _ = try plain.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_master") }
            queue = plain
        } catch {
            // A WAL catalog in a folder we cannot write has no shared-memory file to coordinate
            // through; SQLite can still read it as an immutable file (the system SQLite accepts
            // URI names). Fine for a catalog nobody here may change anyway.
            let uri = URL(fileURLWithPath: path).absoluteString + "?immutable=1"
            queue = try DatabaseQueue(path: uri, configuration: configuration)
        }
        let migrator = Self.migrator
        let current = try queue.read { db in
            let superseded = try migrator.hasBeenSuperseded(db)
            return try !superseded && migrator.hasCompletedMigrations(db)
        }
        guard current else {
            throw GiftwiseError.cannotWrite(path: path, reason: "it needs upgrading and is read-only")
        }
        return queue
    }

    /// A private in-memory catalog (for tests and apps that import on the fly).
    package init(inMemory: Void = ()) throws {
        self.path = ":memory:"
        self.isReadOnly = false
        do {
            let queue = try DatabaseQueue(configuration: Self.configuration())
            self.writer = queue
            try Self.migrate(queue, path: path)
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// Each connection's page cache: 16 MB (a negative size is in KiB).
    static let cacheSizeKiB = -16000

    /// How long a connection waits for another one's lock before saying the catalog is busy.
    static let busyTimeoutMilliseconds: Int32 = 2000

    private static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // A second writer waits a moment, then is told plainly that an import is running.
        configuration.busyMode = .timeout(Double(busyTimeoutMilliseconds) / 1000)
        configuration.label = "Giftwise"
        configuration.prepareDatabase { db in
            // Forgotten recipients leave no trace in free pages.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try db.execute(sql: "PRAGMA cache_size = \(cacheSizeKiB)")
        }
        return configuration
    }

    private static func migrate(_ writer: any DatabaseWriter, path: String) throws {
        let migrator = Self.migrator
        try writer.read { db in
            if try migrator.hasBeenSuperseded(db) {
                throw GiftwiseError.newerCatalogVersion(path: path)
            }
        }
        // Opening an up-to-date catalog must stay cheap: only migrate when something is missing.
        let complete = try writer.read { db in try migrator.hasCompletedMigrations(db) }
        if !complete {
            try migrator.migrate(writer)
        }
    }

    private static func writeProblem(folder: URL) -> String {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        if fileManager.fileExists(atPath: folder.path, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { return "\(folder.path) is a file, not a folder" }
            if !fileManager.isWritableFile(atPath: folder.path) { return "the folder \(folder.path) is read-only" }
            return "the file could not be created"
        }
        return "the folder \(folder.path) does not exist and cannot be created"
    }

    /// Maps SQLite's codes to messages a person can act on; raw SQLite text never reaches users.
    package static func translate(_ error: any Error, path: String) -> any Error {
        if error is GiftwiseError { return error }
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            return GiftwiseError.notACatalog(path: path)
        case .SQLITE_FULL:
            return GiftwiseError.diskFull(path: path)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return GiftwiseError.busy(path: path)
        case .SQLITE_READONLY:
            return GiftwiseError.cannotWrite(path: path, reason: "the database file or its folder is read-only")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return GiftwiseError.cannotWrite(path: path, reason: "the file cannot be opened (check its permissions)")
        case .SQLITE_IOERR:
            return GiftwiseError.cannotWrite(path: path, reason: "a disk read or write failed")
        default:
            return GiftwiseError.database("SQLite error \(error.resultCode.rawValue)")
        }
    }

    /// Runs a read, translating failures.
    package func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try writer.read(body) } catch { throw Self.translate(error, path: path) }
    }

    /// Runs a write transaction, translating failures. Nothing is written if `body` throws.
    package func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try writer.write(body) } catch { throw Self.translate(error, path: path) }
    }
}
