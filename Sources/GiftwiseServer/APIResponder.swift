import Foundation
import Giftwise
import GiftwiseWeb
import HTTPTypes
import Hummingbird
import HummingbirdCore
import Logging
import Synchronization

/// Answers every request: routing, limits, authentication, CORS, problem documents and the one
/// log line per request. Handlers return bytes; nothing here throws out to Hummingbird, so no
/// request ends in a dropped connection or a framework error page.
struct APIResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let configuration: ServerConfiguration
    let catalogs: CatalogHandle
    let logger: Logger
    /// The web finder still reads the catalog synchronously (blocking the thread it runs on), so
    /// fewer of its requests run at once than the cooperative pool has threads: the API keeps a
    /// thread to answer on. (Nothing can deadlock either way: asynchronous reads take and give
    /// back their connection off the pool.) The API's own reads are all asynchronous: no gate.
    let webGate = CatalogGate(permits: ProcessInfo.processInfo.activeProcessorCount - 1)

    init(configuration: ServerConfiguration, catalogs: CatalogHandle, logger: Logger) {
        self.configuration = configuration
        self.catalogs = catalogs
        self.logger = logger
    }

    /// Every route and the methods it accepts (for 405 and `Allow`).
    static let routes: [String: [HTTPRequest.Method]] = [
        "/health": [.get],
        "/v1/recommendations": [.get, .post],
        "/v1/flow": [.post],
        "/v1/catalog/stats": [.get],
        "/v1/catalog": [.put],
        "/openapi.json": [.get],
        "/openapi.yaml": [.get],
    ]

    /// The methods a route answers, HEAD included wherever GET is.
    static func allowed(_ methods: [HTTPRequest.Method]) -> [String] {
        (methods.contains(.get) ? methods + [.head] : methods).map(\.rawValue)
    }

    func respond(to request: Request, context: Context) async throws -> Response {
        let start = ContinuousClock.now
        let requestID = Self.requestID(request, context: context)
        var response: Response
        do {
            response = try await route(request, requestID: requestID)
        } catch {
            let problem = Problem.from(error)
            if problem.status.code >= 500 {
                logger.error(
                    "request failed", metadata: ["request.id": "\(requestID)", "error": "\(String(describing: error))"])
            }
            response = Self.problemResponse(problem, requestID: requestID)
        }
        response.headers[.xRequestID] = requestID
        addCORS(to: &response, request: request)
        if request.method == .head { response = response.createHeadResponse() }
        let elapsed = ContinuousClock.now - start
        // One line per request; the path without its query, never a header or a body.
        switch configuration.logFormat {
        case .text:
            logger.info(
                "\(request.method.rawValue) \(request.uri.path) \(response.status.code) \(Self.milliseconds(elapsed))ms",
                metadata: ["request.id": "\(requestID)"])
        case .json:
            logger.info(
                "request",
                metadata: [
                    "method": "\(request.method.rawValue)", "path": "\(request.uri.path)",
                    "status": .stringConvertible(response.status.code),
                    "duration_ms": .stringConvertible(Self.seconds(elapsed) * 1000), "request_id": "\(requestID)",
                ])
        }
        return response
    }

    private func route(_ request: Request, requestID: String) async throws -> Response {
        let path = request.uri.path
        if WebFinder.handles(path: path) {
            return try await webFinder(request)
        }
        guard let methods = Self.routes[path] else {
            throw Problem.notFound(String(path.prefix(200)))
        }
        if request.method == .options, !configuration.allowedOrigins.isEmpty {
            return preflight(request, methods: methods)
        }
        // HEAD is GET without the body (``respond(to:context:)`` drops it, keeping the length).
        let method = request.method == .head ? HTTPRequest.Method.get : request.method
        guard methods.contains(method) else {
            throw Problem.methodNotAllowed(request.method.rawValue, path: path, allowed: Self.allowed(methods))
        }
        switch (method, path) {
        case (.get, "/health"):
            _ = try QueryParameters(request.uri.query, known: [])
            return Self.json(Data(#"{"products":\#(catalogs.products),"status":"ok"}"#.utf8) + Data("\n".utf8))
        case (.get, "/v1/recommendations"):
            let query = try QueryParameters(request.uri.query, known: ProfileRequest.queryNames)
            return try await recommend(ProfileRequest(query: query), request)
        case (.post, "/v1/recommendations"):
            _ = try QueryParameters(request.uri.query, known: [])
            let body = try await jsonBody(request)
            return try await recommend(ProfileRequest(json: body), request)
        case (.post, "/v1/flow"):
            _ = try QueryParameters(request.uri.query, known: [])
            let answers = try FlowEndpoint.answers(from: try await jsonBody(request))
            let (catalog, generation) = catalogs.current
            return try await cached(FlowEndpoint.cacheKey(answers), generation: generation, request) {
                try Self.jsonBuffer(document: try await catalog.flowStep(answers: answers))
            }
        case (.get, "/v1/catalog/stats"):
            _ = try QueryParameters(request.uri.query, known: [])
            let body = try Self.jsonBuffer(document: try await catalogs.catalog.stats())
            return Self.conditional(CachedBody(body), request)
        case (.put, "/v1/catalog"):
            return try await importCatalog(request)
        case (.get, "/openapi.json"):
            _ = try QueryParameters(request.uri.query, known: [])
            return Self.conditional(Self.openAPI, request)
        case (.get, "/openapi.yaml"):
            // JSON is YAML (1.2): the same document, for tools that ask for .yaml.
            _ = try QueryParameters(request.uri.query, known: [])
            return Self.conditional(Self.openAPI, request, contentType: "application/yaml; charset=utf-8")
        default:
            throw Problem.methodNotAllowed(request.method.rawValue, path: path, allowed: Self.allowed(methods))
        }
    }

    // MARK: Endpoints

    /// The web gift finder (DESIGN §6) at `/`, `/gifts`, `/count` and `/assets/`: its own pages,
    /// headers and errors; only a database failure becomes a problem document.
    private func webFinder(_ request: Request) async throws -> Response {
        let body = request.method == .post ? try await collectBody(request, limit: configuration.bodyLimit) : Data()
        let query = request.uri.query.map { String($0) } ?? ""
        let method = request.method == .head ? HTTPRequest.Method.get : request.method
        let webRequest = WebRequest(
            method: method.rawValue, target: request.uri.path + (query.isEmpty ? "" : "?" + query),
            body: Array(body),
            headers: request.headers.map { ($0.name.rawName, $0.value) })
        let catalog = catalogs.catalog
        let answer = try await webGate.run { try await WebFinder(catalog: catalog).respond(webRequest) }
        var headers = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
        }
        return Response(
            status: .init(code: answer.status), headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: answer.body)))
    }

    private func recommend(_ profile: ProfileRequest, _ request: Request) async throws -> Response {
        let (catalog, generation) = catalogs.current
        let library = profile.libraryRequest
        return try await cached(profile.cacheKey, generation: generation, request) {
            try Self.jsonBuffer(document: RecommendationDocument(try await catalog.recommend(library)))
        }
    }

    /// A deterministic JSON answer from the response cache, computed (once, however many ask at
    /// the same moment) on a miss. While an upload is being imported the cache stands aside, so
    /// readers see the old catalog until the commit and the new one right after.
    private func cached(
        _ key: String, generation: UInt64, _ request: Request,
        compute: @escaping @Sendable () async throws -> ByteBuffer
    ) async throws -> Response {
        guard catalogs.cacheable else { return Self.conditional(CachedBody(try await compute()), request) }
        let (body, _) = try await catalogs.cache.body(
            for: CacheKey(generation: generation, request: key), compute: compute)
        // The generation may have moved on while this was computed; the entry is then unreachable
        // and the answer still the one the catalog gave when the request arrived.
        return Self.conditional(body, request)
    }

    static let catalogTypes: [String: ImportOptions.Format] = [
        "text/csv": .csv, "application/csv": .csv,
        "application/json": .json,
        "application/x-ndjson": .jsonl, "application/jsonl": .jsonl, "application/x-jsonlines": .jsonl,
        "application/jsonlines": .jsonl,
    ]

    private func importCatalog(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request.uri.query, known: ["replace", "dryRun"])
        let replace = try Self.flag(query, "replace")
        let dryRun = try Self.flag(query, "dryRun")
        // Who may write comes before what is written: no token configured refuses every write.
        guard let token = configuration.adminToken else { throw Problem.writesDisabled }
        guard let given = Self.bearerToken(request.headers[.authorization]), AdminToken.matches(given, token) else {
            throw Problem.unauthorized
        }
        let mediaType = Self.mediaType(request.headers[.contentType])
        guard let mediaType, let format = Self.catalogTypes[mediaType] else {
            throw Problem.unsupportedMediaType(
                mediaType, accepted: ["text/csv", "application/json", "application/x-ndjson"])
        }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > configuration.catalogBodyLimit {
            throw Problem.tooLarge(limit: configuration.catalogBodyLimit)
        }
        guard catalogs.importing.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            throw Problem.importRunning
        }
        defer { catalogs.importing.store(false, ordering: .releasing) }
        let upload = try await CatalogUpload(
            body: request.body, limit: configuration.catalogBodyLimit, directory: configuration.spoolDirectory,
            fileExtension: format.rawValue)
        let catalog = catalogs.catalog
        let options = ImportOptions(format: format, dryRun: dryRun, replace: replace)
        // The library runs the import off the cooperative pool, so reads keep being answered.
        let report = try await catalog.importFile(at: upload.url, options: options)
        _ = consume upload
        if dryRun { catalogs.recount() } else { catalogs.catalogChanged() }
        return try Self.json(document: report)
    }

    // MARK: Bodies and headers

    /// A small JSON body: Content-Type checked, at most `bodyLimit` bytes.
    private func jsonBody(_ request: Request) async throws -> Data {
        if let type = Self.mediaType(request.headers[.contentType]), type != "application/json",
            !type.hasSuffix("+json")
        {
            throw Problem.unsupportedMediaType(type, accepted: ["application/json"])
        }
        return try await collectBody(request, limit: configuration.bodyLimit)
    }

    /// The whole body, refused past `limit` bytes.
    private func collectBody(_ request: Request, limit: Int) async throws -> Data {
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit {
            throw Problem.tooLarge(limit: limit)
        }
        var collected = ByteBuffer()
        do {
            for try await var buffer in request.body {
                guard collected.readableBytes + buffer.readableBytes <= limit else {
                    throw Problem.tooLarge(limit: limit)
                }
                collected.writeBuffer(&buffer)
            }
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem.bodyInterrupted
        }
        return Data(buffer: collected)
    }

    static func flag(_ query: QueryParameters, _ name: String) throws(Problem) -> Bool {
        switch try query.single(name) {
        case nil, "false": false
        case "true": true
        case let other?:
            throw Problem.badParameter(name, "\(name) must be true or false (got \"\(other.prefix(40))\").")
        }
    }

    static func mediaType(_ header: String?) -> String? {
        guard let header else { return nil }
        let type =
            header.split(separator: ";", maxSplits: 1).first.map {
                $0.trimmingCharacters(in: .whitespaces).lowercased()
            } ?? ""
        return type.isEmpty ? nil : type
    }

    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    /// The caller's `X-Request-Id` when it is a sane token (a load balancer's), else a new one.
    static func requestID(_ request: Request, context: Context) -> String {
        if let given = request.headers[.xRequestID], (1...64).contains(given.utf8.count),
            given.utf8.allSatisfy({
                $0 < 128
                    && (isalnum(Int32($0)) != 0 || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_")
                        || $0 == UInt8(ascii: "."))
            })
        {
            return given
        }
        return context.id
    }

    // MARK: CORS

    private func allowedOrigin(_ request: Request) -> String? {
        guard !configuration.allowedOrigins.isEmpty, let origin = request.headers[.origin] else { return nil }
        if configuration.allowedOrigins.contains("*") { return "*" }
        return configuration.allowedOrigins.contains(origin) ? origin : nil
    }

    private func addCORS(to response: inout Response, request: Request) {
        guard let origin = allowedOrigin(request) else { return }
        response.headers[.accessControlAllowOrigin] = origin
        response.headers[.accessControlExposeHeaders] = "X-Request-Id"
        if origin != "*" { response.headers[.vary] = "Origin" }
    }

    private func preflight(_ request: Request, methods: [HTTPRequest.Method]) -> Response {
        var headers = HTTPFields()
        headers[.allow] = (methods + [.options]).map(\.rawValue).joined(separator: ", ")
        if allowedOrigin(request) != nil {
            headers[.accessControlAllowMethods] = methods.map(\.rawValue).joined(separator: ", ")
            headers[.accessControlAllowHeaders] = "Content-Type, Authorization, X-Request-Id"
            headers[.accessControlMaxAge] = "600"
        }
        return Response(status: .noContent, headers: headers)
    }

    // MARK: Helpers

    /// A Giftwise document, byte for byte as the CLI prints it.
    static func json<Document: GiftwiseDocument>(document: Document) throws -> Response {
        json(Data(try GiftwiseJSON.text(document).utf8))
    }

    /// A Giftwise document's bytes, as the CLI prints them.
    static func jsonBuffer<Document: GiftwiseDocument>(document: Document) throws -> ByteBuffer {
        ByteBuffer(string: try GiftwiseJSON.text(document))
    }

    static let openAPI = CachedBody(ByteBuffer(bytes: OpenAPIDocument.data))

    /// A 200 with the body, its entity tag and `Cache-Control: no-cache` (a client or proxy may
    /// keep it but asks again each time: the catalog may change at any moment); a 304 without a
    /// body when a GET or HEAD already holds that tag (`If-None-Match`).
    static func conditional(
        _ body: CachedBody, _ request: Request, contentType: String = "application/json; charset=utf-8"
    ) -> Response {
        var headers: HTTPFields = [.eTag: body.etag, .cacheControl: "no-cache"]
        if request.method == .get || request.method == .head,
            EntityTag.matches(request.headers[.ifNoneMatch], body.etag)
        {
            return Response(status: .notModified, headers: headers)
        }
        headers[.contentType] = contentType
        return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: body.bytes))
    }

    static func json(_ data: Data) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func problemResponse(_ problem: Problem, requestID: String) -> Response {
        var headers = problem.headers
        headers[.contentType] = "application/problem+json"
        return Response(
            status: problem.status, headers: headers,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: problem.body(requestID: requestID))))
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    static func milliseconds(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let ms = Double(seconds) * 1000 + Double(attoseconds) / 1e15
        return String(format: "%.2f", ms)
    }
}

extension HTTPField.Name {
    static let xRequestID = HTTPField.Name("X-Request-Id")!
}

/// Compares the bearer token in constant time (for a given length), so timing reveals nothing
/// about how much of a guess was right.
enum AdminToken {
    static func matches(_ given: String, _ expected: String) -> Bool {
        let a = Array(given.utf8)
        let b = Array(expected.utf8)
        var difference = UInt8(truncatingIfNeeded: a.count ^ b.count)
        for index in 0..<b.count {
            difference |= (index < a.count ? a[index] : 0) ^ b[index]
        }
        return difference == 0 && a.count == b.count
    }
}
