import Foundation
import NIOCore
import Synchronization

/// A response body worth keeping: the bytes and their entity tag.
struct CachedBody: Sendable {
    /// The body exactly as sent (shared, never copied, by every response that serves it).
    let bytes: ByteBuffer
    /// A strong entity tag for `bytes` (`"<length>-<hash>"`).
    let etag: String

    init(_ bytes: ByteBuffer) {
        self.bytes = bytes
        self.etag = EntityTag.of(bytes)
    }
}

/// What a cached response answers: a request, in canonical form, on one generation of the catalog.
struct CacheKey: Hashable, Sendable {
    /// ``CatalogHandle/generation`` when the request began.
    let generation: UInt64
    /// The request in canonical form (``ProfileRequest/cacheKey``, ``FlowEndpoint/cacheKey(_:)``).
    let request: String
}

/// Recommendations and flow steps are deterministic for (catalog generation, canonical request),
/// so a bounded LRU of their bodies is correct: a new catalog generation (an import, a published
/// snapshot) simply misses, and ``removeAll()`` frees the old entries at once.
///
/// Bounded by bytes (keys, bodies and bookkeeping), so memory stays flat whatever the traffic.
/// Concurrent misses on one key are computed once: the others wait for the first (no stampede
/// when 64 connections ask for a cold profile at the same moment).
final class ResponseCache: Sendable {
    /// Bytes counted per entry beyond its key and body (node, dictionary slot, buffer header).
    static let entryOverhead = 160

    let capacity: Int
    private let state: Mutex<State>

    /// - Parameter capacity: bytes to hold at most; 0 turns the cache off.
    init(capacity: Int) {
        self.capacity = max(0, capacity)
        state = Mutex(State())
    }

    var isEnabled: Bool { capacity > 0 }

    /// The cached body for `key`, or the one `compute` makes (and stores, when it fits). Callers
    /// asking for the same key while it is computed wait for it and get the same bytes.
    func body(for key: CacheKey, compute: @escaping @Sendable () async throws -> ByteBuffer) async throws -> (
        body: CachedBody, hit: Bool
    ) {
        guard isEnabled else { return (CachedBody(try await compute()), false) }
        enum Lookup {
            case hit(CachedBody)
            case wait(Task<CachedBody, any Error>)
            case compute(Task<CachedBody, any Error>)
        }
        let lookup: Lookup = state.withLock { state in
            if let body = state.get(key) { return .hit(body) }
            if let running = state.inFlight[key] { return .wait(running) }
            let task = Task { CachedBody(try await compute()) }
            state.inFlight[key] = task
            return .compute(task)
        }
        switch lookup {
        case .hit(let body):
            return (body, true)
        case .wait(let task):
            return (try await task.value, true)
        case .compute(let task):
            let result = await task.result
            let capacity = self.capacity
            state.withLock { state in
                state.inFlight[key] = nil
                if case .success(let body) = result { state.put(key, body, capacity: capacity) }
            }
            return (try result.get(), false)
        }
    }

    /// Forgets every entry (a new catalog generation: nothing cached can be served again).
    func removeAll() {
        state.withLock { $0.removeAll() }
    }

    /// Entries and bytes held now (tests, logs).
    var usage: (entries: Int, bytes: Int) {
        state.withLock { ($0.index.count, $0.bytes) }
    }

    /// A doubly linked list over an array (most recently used at `head`) and an index into it.
    struct State: ~Copyable {
        struct Node {
            var key: CacheKey
            var body: CachedBody
            var size: Int
            var previous: Int
            var next: Int
        }
        var nodes: [Node] = []
        var free: [Int] = []
        var index: [CacheKey: Int] = [:]
        var head = -1
        var tail = -1
        var bytes = 0
        var inFlight: [CacheKey: Task<CachedBody, any Error>] = [:]

        mutating func get(_ key: CacheKey) -> CachedBody? {
            guard let slot = index[key] else { return nil }
            moveToFront(slot)
            return nodes[slot].body
        }

        mutating func put(_ key: CacheKey, _ body: CachedBody, capacity: Int) {
            let size =
                key.request.utf8.count + body.bytes.readableBytes + body.etag.utf8.count
                + ResponseCache.entryOverhead
            guard size <= capacity / 4 else { return }  // one huge answer must not flush everything else
            if let slot = index[key] {
                bytes += size - nodes[slot].size
                nodes[slot].body = body
                nodes[slot].size = size
                moveToFront(slot)
            } else {
                let node = Node(key: key, body: body, size: size, previous: -1, next: head)
                let slot: Int
                if let reused = free.popLast() {
                    nodes[reused] = node
                    slot = reused
                } else {
                    nodes.append(node)
                    slot = nodes.count - 1
                }
                if head >= 0 { nodes[head].previous = slot }
                head = slot
                if tail < 0 { tail = slot }
                index[key] = slot
                bytes += size
            }
            while bytes > capacity, tail >= 0 { evict(tail) }
        }

        mutating func removeAll() {
            nodes.removeAll()
            free.removeAll()
            index.removeAll()
            head = -1
            tail = -1
            bytes = 0
        }

        private mutating func unlink(_ slot: Int) {
            let (previous, next) = (nodes[slot].previous, nodes[slot].next)
            if previous >= 0 { nodes[previous].next = next } else { head = next }
            if next >= 0 { nodes[next].previous = previous } else { tail = previous }
            nodes[slot].previous = -1
            nodes[slot].next = -1
        }

        private mutating func moveToFront(_ slot: Int) {
            guard slot != head else { return }
            unlink(slot)
            nodes[slot].next = head
            if head >= 0 { nodes[head].previous = slot }
            head = slot
            if tail < 0 { tail = slot }
        }

        private mutating func evict(_ slot: Int) {
            unlink(slot)
            index[nodes[slot].key] = nil
            bytes -= nodes[slot].size
            // Drop the body now (the slot keeps only an empty placeholder until reused).
            nodes[slot].body = CachedBody.empty
            nodes[slot].key = CacheKey(generation: 0, request: "")
            free.append(slot)
        }
    }
}

extension CachedBody {
    static let empty = CachedBody(ByteBuffer())
}

/// Strong entity tags from the body's bytes: two bodies get the same tag only if they are the
/// same bytes (to 64-bit FNV-1a plus the length), whichever replica or cache produced them.
enum EntityTag {
    static func of(_ bytes: ByteBuffer) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        bytes.withUnsafeReadableBytes { raw in
            for byte in raw { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        let hex = String(hash, radix: 16)
        return "\"\(bytes.readableBytes)-\(String(repeating: "0", count: 16 - hex.count))\(hex)\""
    }

    /// Whether an `If-None-Match` header names `etag` (or is `*`); weak comparison, as RFC 9110
    /// asks for this header.
    static func matches(_ header: String?, _ etag: String) -> Bool {
        guard let header else { return false }
        for candidate in header.split(separator: ",") {
            var tag = candidate.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            if tag == etag { return true }
        }
        return false
    }
}
