import Foundation
import Giftwise
import Hummingbird

/// A catalog upload spooled to a private temporary file, so a 100 MB body is never held in memory
/// and the importer reads it as it reads any file. A client that goes away mid-upload leaves only
/// the temporary file, which is removed: the import never starts and the catalog is untouched.
struct CatalogUpload: ~Copyable {
    let url: URL

    /// Streams `body` to a new temporary file in `directory`.
    /// - Throws: ``Problem`` 413 past `limit` bytes; whatever the body stream throws (a dropped or
    ///   timed-out connection). The file is removed on every error.
    init(body: RequestBody, limit: Int, directory: URL, fileExtension: String) async throws {
        let url = directory.appendingPathComponent("giftwise-upload-\(UUID().uuidString).\(fileExtension)")
        let descriptor = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw Problem.unavailable(
                "The server cannot spool the upload (its temporary folder is not writable); nothing was changed.")
        }
        var written = 0
        do {
            defer { close(descriptor) }
            for try await buffer in body {
                written += buffer.readableBytes
                if written > limit { throw Problem.tooLarge(limit: limit) }
                try buffer.withUnsafeReadableBytes { bytes in
                    var offset = 0
                    while offset < bytes.count {
                        let result = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
                        if result < 0 {
                            if errno == EINTR { continue }
                            throw errno == ENOSPC
                                ? Problem(
                                    HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage"),
                                    kind: "disk-full",
                                    title: "Insufficient Storage",
                                    detail: "The server's disk is full; nothing was changed.")
                                : Problem.unavailable("The server could not spool the upload; nothing was changed.")
                        }
                        offset += result
                    }
                }
            }
        } catch let problem as Problem {
            unlink(url.path)
            throw problem
        } catch {
            unlink(url.path)
            throw Problem.bodyInterrupted
        }
        self.url = url
    }

    deinit { unlink(url.path) }
}
