/// What the web finder answers: a status, headers (always a `Content-Type`; pages also carry a
/// `Content-Security-Policy` forbidding inline script) and a body.
public struct WebResponse: Sendable {
    /// The HTTP status code.
    public var status: Int
    /// Response headers in order.
    public var headers: [(name: String, value: String)]
    /// The body bytes (empty for redirects and `HEAD`).
    public var body: [UInt8]

    /// Creates a response.
    public init(status: Int, headers: [(name: String, value: String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The value of a header (first one), compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    /// The body as UTF-8 text.
    public var text: String { String(decoding: body, as: UTF8.self) }

    /// Scripts only from our own origin (no inline script, no inline style), nothing from elsewhere.
    static let contentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
        + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"

    static let securityHeaders: [(name: String, value: String)] = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
    ]

    static func html(_ page: String, status: Int = 200) -> WebResponse {
        WebResponse(
            status: status,
            headers: [("Content-Type", "text/html; charset=utf-8"), ("Cache-Control", "no-store")] + securityHeaders,
            body: Array(page.utf8))
    }

    static func redirect(to location: String) -> WebResponse {
        WebResponse(
            status: 303,
            headers: [("Location", location), ("Content-Type", "text/plain; charset=utf-8")] + securityHeaders,
            body: Array("See \(location)\n".utf8))
    }

    static func asset(_ text: String, type: String) -> WebResponse {
        WebResponse(
            status: 200,
            headers: [("Content-Type", type), ("Cache-Control", "public, max-age=3600")] + securityHeaders,
            body: Array(text.utf8))
    }

    static func json(_ text: String) -> WebResponse {
        WebResponse(
            status: 200,
            headers: [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "no-store")]
                + securityHeaders,
            body: Array(text.utf8))
    }
}
