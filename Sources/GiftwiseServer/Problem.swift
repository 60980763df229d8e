import Foundation
import Giftwise
import HTTPTypes

/// An RFC 9457 problem document: what every error response carries.
struct Problem: Error, Sendable {
    var status: HTTPResponse.Status
    /// A stable identifier of the kind of problem ("unknown-parameter"); becomes the `type` URI.
    var kind: String
    var title: String
    var detail: String
    /// Extension members (`parameter`, the import report's fields, …), already JSON-encodable.
    var extensions: [String: ProblemValue] = [:]
    /// Extra response headers (`Allow`, `WWW-Authenticate`).
    var headers: HTTPFields = [:]

    init(
        _ status: HTTPResponse.Status, kind: String, title: String, detail: String,
        extensions: [String: ProblemValue] = [:], headers: HTTPFields = [:]
    ) {
        self.status = status
        self.kind = kind
        self.title = title
        self.detail = detail
        self.extensions = extensions
        self.headers = headers
    }

    var typeURI: String { "urn:giftwise:problem:\(kind)" }

    /// The document's bytes (sorted keys, so the same problem always reads the same).
    func body(requestID: String) -> Data {
        var members = extensions
        members["type"] = .string(typeURI)
        members["title"] = .string(title)
        members["status"] = .int(status.code)
        members["detail"] = .string(detail)
        members["requestId"] = .string(requestID)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let data =
            (try? encoder.encode(members))
            ?? Data(#"{"status":500,"title":"Internal Server Error","type":"about:blank"}"#.utf8)
        return data + Data("\n".utf8)
    }
}

/// A JSON value inside a problem document.
enum ProblemValue: Encodable, Sendable {
    case string(String)
    case int(Int)
    case bool(Bool)
    case strings([String])
    case issues([ImportIssue])

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .int(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .strings(let value): try container.encode(value)
        case .issues(let value): try container.encode(value)
        }
    }
}

extension Problem {
    static func badParameter(_ name: String, _ detail: String) -> Problem {
        Problem(
            .badRequest, kind: "invalid-parameter", title: "Invalid parameter", detail: detail,
            extensions: ["parameter": .string(name)])
    }

    static func unknownParameter(_ name: String, known: [String]) -> Problem {
        let list =
            known.isEmpty
            ? "This endpoint takes no query parameters." : "Known parameters: \(known.joined(separator: ", "))."
        return Problem(
            .badRequest, kind: "unknown-parameter", title: "Unknown query parameter",
            detail: "The query parameter \"\(name)\" is not known here. \(list)",
            extensions: ["parameter": .string(name)])
    }

    static func badBody(_ detail: String, member: String? = nil) -> Problem {
        Problem(
            .badRequest, kind: "invalid-body", title: "Invalid request body", detail: detail,
            extensions: member.map { ["member": .string($0)] } ?? [:])
    }

    static func notFound(_ path: String) -> Problem {
        Problem(
            .notFound, kind: "not-found", title: "Not Found",
            detail: "Nothing is served at \(path). GET /openapi.json lists every endpoint.")
    }

    static func methodNotAllowed(_ method: String, path: String, allowed: [String]) -> Problem {
        var headers = HTTPFields()
        headers[.allow] = allowed.joined(separator: ", ")
        return Problem(
            .methodNotAllowed, kind: "method-not-allowed", title: "Method Not Allowed",
            detail: "\(path) does not accept \(method); it accepts \(allowed.joined(separator: ", ")).",
            headers: headers)
    }

    /// The rest of the body is not read, so the connection is closed after the answer.
    static func tooLarge(limit: Int) -> Problem {
        Problem(
            .contentTooLarge, kind: "body-too-large", title: "Content Too Large",
            detail: "The request body is over the limit of \(limit) bytes for this endpoint.",
            extensions: ["limit": .int(limit)], headers: [.connection: "close"])
    }

    static func unsupportedMediaType(_ given: String?, accepted: [String]) -> Problem {
        var headers = HTTPFields()
        headers[.accept] = accepted.joined(separator: ", ")
        let what = given.map { "Content-Type \"\($0)\" is not accepted here" } ?? "The request has no Content-Type"
        return Problem(
            .unsupportedMediaType, kind: "unsupported-media-type", title: "Unsupported Media Type",
            detail: "\(what); send one of \(accepted.joined(separator: ", ")).",
            extensions: ["accepted": .strings(accepted)], headers: headers)
    }

    static let unauthorized: Problem = {
        var headers = HTTPFields()
        headers[.wwwAuthenticate] = #"Bearer realm="giftwise""#
        return Problem(
            .unauthorized, kind: "unauthorized", title: "Unauthorized",
            detail:
                "Catalog writes need the header Authorization: Bearer TOKEN, with the server's GIFTWISE_ADMIN_TOKEN.",
            headers: headers)
    }()

    static let writesDisabled = Problem(
        .forbidden, kind: "writes-disabled", title: "Forbidden",
        detail:
            "Catalog writes are disabled on this server: start it with GIFTWISE_ADMIN_TOKEN set to enable PUT /v1/catalog."
    )

    static let importRunning = Problem(
        .conflict, kind: "import-running", title: "Conflict",
        detail: "Another catalog import is running on this catalog. Try again when it has finished.")

    /// The body stream broke off (the client went away, or sent a malformed or short body).
    static let bodyInterrupted = Problem(
        .badRequest, kind: "body-interrupted", title: "Incomplete request body",
        detail: "The request body ended before its declared length or was malformed; nothing was changed.",
        headers: [.connection: "close"])

    static let requestTimeout = Problem(
        .init(code: 408, reasonPhrase: "Request Timeout"), kind: "request-timeout", title: "Request Timeout",
        detail:
            "The request did not arrive in time (headers or body too slow); the connection is closed. Send it again.")

    static func unavailable(_ detail: String) -> Problem {
        Problem(.serviceUnavailable, kind: "catalog-unavailable", title: "Service Unavailable", detail: detail)
    }

    static func internalError(_ detail: String) -> Problem {
        Problem(.internalServerError, kind: "internal", title: "Internal Server Error", detail: detail)
    }

    /// The problem for a library error, never with raw SQLite text (GiftwiseError's messages are vetted).
    static func from(_ error: any Error) -> Problem {
        if let problem = error as? Problem { return problem }
        if let error = error as? GiftwiseError {
            switch error {
            case .invalidImport(let report):
                return invalidImport(report)
            case .busy:
                return importRunning
            case .invalidProfile(let message):
                return Problem(.badRequest, kind: "invalid-profile", title: "Invalid profile", detail: message)
            case .invalidImportOption(let message):
                return Problem(.badRequest, kind: "invalid-import-option", title: "Bad Request", detail: message)
            case .invalidGiftIdeas:
                return unavailable("The gift ideas are not usable right now. The server log says why.")
            case .unreadableFile(_, let reason):
                return Problem(
                    .unprocessableContent, kind: "unreadable-catalog", title: "Unprocessable catalog file",
                    detail: "The uploaded catalog cannot be read: \(reason).")
            case .diskFull:
                return Problem(
                    HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage"), kind: "disk-full",
                    title: "Insufficient Storage",
                    detail: "The server's disk is full; nothing was changed.")
            case .notACatalog, .newerCatalogVersion, .cannotWrite, .database:
                return unavailable(
                    "The catalog cannot be used right now; nothing was changed. The server log says why.")
            case .unknownRecipient, .recipientExists, .unknownProduct:
                return Problem(
                    .badRequest, kind: "invalid-request", title: "Bad Request", detail: error.localizedDescription)
            }
        }
        return internalError(
            "The server could not answer this request; nothing was changed. The server log has the request id.")
    }

    static func invalidImport(_ report: ImportReport) -> Problem {
        let noun = report.errorCount == 1 ? "error" : "errors"
        let first = report.errors.first.map { " First: \(report.describe($0))." } ?? ""
        return Problem(
            .unprocessableContent, kind: "invalid-catalog", title: "Invalid catalog file",
            detail: "The catalog file has \(report.errorCount) \(noun); nothing was written.\(first)",
            extensions: [
                "added": .int(report.added), "updated": .int(report.updated),
                "unchanged": .int(report.unchanged), "removed": .int(report.removed),
                "errors": .issues(report.errors), "errorCount": .int(report.errorCount),
                "warnings": .strings(report.warnings), "dryRun": .bool(report.dryRun),
            ])
    }
}
