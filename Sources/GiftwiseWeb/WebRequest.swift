import Foundation

/// An HTTP request as the web finder needs it, independent of any server framework.
public struct WebRequest: Sendable {
    /// `GET`, `HEAD` or `POST` (others are answered with 405).
    public var method: String
    /// The path without the query: `/`, `/gifts`, `/assets/finder.css`.
    public var path: String
    /// The query items in order (a name may repeat: `a=7&a=dinosaurs`).
    public var query: [(name: String, value: String)]
    /// The body of a `POST` (an `application/x-www-form-urlencoded` form), empty otherwise.
    public var body: [UInt8]
    /// Request headers, names in any case.
    public var headers: [(name: String, value: String)]

    /// Creates a request.
    public init(
        method: String = "GET", path: String, query: [(name: String, value: String)] = [],
        body: [UInt8] = [], headers: [(name: String, value: String)] = []
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.body = body
        self.headers = headers
    }

    /// Creates a request from a path with its query string (`/gifts?age=7&interest=lego`).
    public init(
        method: String = "GET", target: String, body: [UInt8] = [], headers: [(name: String, value: String)] = []
    ) {
        let parts = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        self.init(
            method: method, path: String(parts[0]),
            query: parts.count > 1 ? FormEncoding.decode(String(parts[1])) : [],
            body: body, headers: headers)
    }

    /// The value of a header (first one), compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The form fields: the query, then a urlencoded `POST` body.
    var fields: [(name: String, value: String)] {
        guard method == "POST", !body.isEmpty else { return query }
        let type = header("Content-Type")?.lowercased() ?? "application/x-www-form-urlencoded"
        guard type.hasPrefix("application/x-www-form-urlencoded") else { return query }
        return query + FormEncoding.decode(String(decoding: body, as: UTF8.self))
    }
}
