import Foundation
import Giftwise
import GiftwiseServer
import Synchronization
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// A server started in-process on a free loopback port, over a private copy of the default catalog.
final class TestServer: Sendable {
    let port: Int
    let folder: URL
    let databasePath: String
    private let task: Task<Void, any Error>

    /// A seeded catalog made once per test run and copied for each server (seeding takes a while).
    static let template: String = {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "giftwise-server-template-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("catalog.sqlite").path
        let catalog = try! GiftCatalog(path: path)
        try! catalog.fillWithDefaultCatalogIfEmpty()
        _ = try! catalog.publishSnapshot(at: folder.appendingPathComponent("published.sqlite").path)
        return folder.appendingPathComponent("published.sqlite").resolvingSymlinksInPath().path
    }()

    init(
        adminToken: String? = "test-token", allowedOrigins: [String] = [], catalogBodyLimit: Int = 100 * 1024 * 1024,
        readTimeout: Duration = .seconds(30), databasePath: String? = nil, cacheBytes: Int = 16 * 1024 * 1024
    ) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "giftwise-server-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        if let databasePath {
            self.databasePath = databasePath
        } else {
            self.databasePath = folder.appendingPathComponent("catalog.sqlite").path
            try FileManager.default.copyItem(atPath: Self.template, toPath: self.databasePath)
        }
        var configuration = ServerConfiguration(
            host: "127.0.0.1", port: 0, databasePath: self.databasePath, adminToken: adminToken,
            allowedOrigins: allowedOrigins, catalogBodyLimit: catalogBodyLimit, readTimeout: readTimeout,
            catalogCheckInterval: .milliseconds(50), spoolDirectory: folder)
        configuration.cacheBytes = cacheBytes
        // Many servers stop at once in a loaded test run: a slow stop must never crash the runner.
        configuration.cancellationLimit = nil
        let server = try GiftwiseServer(configuration: configuration)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        task = Task {
            try await server.run(gracefulShutdownSignals: []) { port in continuation.yield(port) }
        }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CocoaError(.fileNoSuchFile) }
        self.port = port
    }

    func stop() async {
        task.cancel()
        _ = await task.result
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: Requests

    func request(_ method: String, _ target: String, headers: [String: String] = [:], body: Data = Data()) async throws
        -> HTTPReply
    {
        var head = "\(method) \(target) HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
        var headers = headers
        if !body.isEmpty || ["POST", "PUT"].contains(method) {
            headers["Content-Length"] = headers["Content-Length"] ?? String(body.count)
        }
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { head += "\(name): \(value)\r\n" }
        head += "\r\n"
        return try await RawHTTP.exchange(port: port, bytes: Data(head.utf8) + body)
    }

    func get(_ target: String, headers: [String: String] = [:]) async throws -> HTTPReply {
        try await request("GET", target, headers: headers)
    }

    func postJSON(_ target: String, _ json: String) async throws -> HTTPReply {
        try await request("POST", target, headers: ["Content-Type": "application/json"], body: Data(json.utf8))
    }

    func productCount() async throws -> Int {
        let reply = try await get("/health")
        let object = try JSONSerialization.jsonObject(with: reply.body) as? [String: Any]
        return object?["products"] as? Int ?? -1
    }
}

/// A parsed HTTP/1.1 response.
struct HTTPReply: Sendable {
    var status: Int
    var headers: [String: String]
    var body: Data

    var text: String { String(decoding: body, as: UTF8.self) }
    func header(_ name: String) -> String? { headers[name.lowercased()] }
    var json: [String: Any] { (try? JSONSerialization.jsonObject(with: body)) as? [String: Any] ?? [:] }
}

/// A raw socket client: sends exact bytes (broken ones included) and reads until the server closes.
/// Runs off Swift's cooperative pool, whose threads the server needs to answer.
enum RawHTTP {
    static func exchange(port: Int, bytes: Data) async throws -> HTTPReply {
        let raw = try await blocking {
            let socket = try connect(port: port)
            defer { close(socket) }
            try send(socket, bytes)
            return readAll(socket)
        }
        return try parse(raw)
    }

    static func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try work() }) }
        }
    }

    static func connect(port: Int) throws -> Int32 {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                Glibc.connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(socket)
            throw POSIXError(.ECONNREFUSED)
        }
        return socket
    }

    static func send(_ socket: Int32, _ data: Data) throws {
        try data.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let sent = Glibc.send(socket, bytes.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                guard sent > 0 else { throw POSIXError(.EPIPE) }
                offset += sent
            }
        }
    }

    /// Everything until the server closes (or the 60 s receive timeout).
    static func readAll(_ socket: Int32) -> Data {
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return data
    }

    static func parse(_ raw: Data) throws -> HTTPReply {
        guard let end = raw.range(of: Data("\r\n\r\n".utf8)) else { throw CocoaError(.propertyListReadCorrupt) }
        let head = String(decoding: raw[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(head[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(
                in: .whitespaces)
        }
        var body = Data(raw[end.upperBound...])
        if headers["transfer-encoding"]?.lowercased() == "chunked" { body = dechunk(body) }
        return HTTPReply(status: status, headers: headers, body: body)
    }

    static func dechunk(_ data: Data) -> Data {
        var output = Data()
        var rest = data[...]
        while let lineEnd = rest.range(of: Data("\r\n".utf8)) {
            let size = Int(String(decoding: rest[..<lineEnd.lowerBound], as: UTF8.self), radix: 16) ?? 0
            if size == 0 { break }
            let start = lineEnd.upperBound
            output.append(rest[start..<start + size])
            rest = rest[(start + size + 2)...]
        }
        return output
    }
}
