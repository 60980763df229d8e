import Foundation

/// Reads a file or in-memory data in large chunks, counting bytes for progress.
final class ByteSource {
    private let handle: FileHandle?
    private let path: String
    private var data: Data?
    private(set) var bytesRead: Int64 = 0
    let totalBytes: Int64?
    private let chunkSize: Int

    init(url: URL, chunkSize: Int = 1 << 20) throws {
        path = url.path
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
            // On Linux a folder opens like a file and only fails when read.
            throw GiftwiseError.unreadableFile(path: url.path, reason: "it is a folder, not a file")
        }
        do {
            let handle = try FileHandle(forReadingFrom: url)
            self.handle = handle
            let size = try handle.seekToEnd()
            try handle.seek(toOffset: 0)
            self.totalBytes = Int64(size)
        } catch {
            throw GiftwiseError.unreadableFile(path: url.path, reason: Self.reason(for: error, url: url))
        }
        self.data = nil
        self.chunkSize = chunkSize
    }

    init(data: Data, chunkSize: Int = 1 << 20) {
        self.handle = nil
        self.path = "the data"
        self.data = data
        self.totalBytes = Int64(data.count)
        self.chunkSize = chunkSize
    }

    /// The next chunk, or `nil` at the end.
    func nextChunk() throws -> Data? {
        if let handle {
            let chunk: Data?
            do {
                chunk = try handle.read(upToCount: chunkSize)
            } catch {
                throw GiftwiseError.unreadableFile(
                    path: path, reason: "reading it failed part-way (was it moved, or is the disk failing?)")
            }
            guard let chunk, !chunk.isEmpty else { return nil }
            bytesRead += Int64(chunk.count)
            return chunk
        }
        guard let remaining = data, !remaining.isEmpty else { return nil }
        let chunk = remaining.prefix(chunkSize)
        data = remaining.count > chunkSize ? remaining.dropFirst(chunkSize) : nil
        bytesRead += Int64(chunk.count)
        return Data(chunk)
    }

    deinit { try? handle?.close() }

    private static func reason(for error: any Error, url: URL) -> String {
        var isDirectory: ObjCBool = false
        if !FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) {
            return "no such file"
        }
        if isDirectory.boolValue { return "it is a folder, not a file" }
        if !FileManager.default.isReadableFile(atPath: url.path) { return "permission denied" }
        return "it could not be opened"
    }
}
