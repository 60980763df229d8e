import Foundation

/// The one JSON encoding every Giftwise document is written with, so the CLI, a server and an
/// embedding app print the same bytes for the same answer.
///
/// Keys are sorted and slashes are not escaped; a document type chooses its layout through
/// ``GiftwiseDocument/jsonLayout`` (the recommendation and stats documents are indented, the
/// import report is one line, as DESIGN §4 shows them).
public enum GiftwiseJSON {
    /// How a document is laid out.
    public enum Layout: Sendable {
        /// Indented over several lines.
        case pretty
        /// One line, no spaces.
        case compact
    }

    /// Encodes a document in its own layout (no trailing newline).
    /// - Throws: `EncodingError` only for a non-finite number, which no Giftwise document holds.
    public static func encode<Document: GiftwiseDocument>(_ document: Document) throws -> Data {
        try encode(document, layout: Document.jsonLayout)
    }

    /// Encodes any value with the Giftwise settings in the given layout (no trailing newline).
    public static func encode(_ value: some Encodable, layout: Layout) throws -> Data {
        let encoder = JSONEncoder()
        switch layout {
        case .pretty: encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        case .compact: encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        }
        return try encoder.encode(value)
    }

    /// The document as text with a final newline, as the CLI prints it.
    public static func text<Document: GiftwiseDocument>(_ document: Document) throws -> String {
        String(decoding: try encode(document), as: UTF8.self) + "\n"
    }

    /// Decodes a document (or any value) written by ``encode(_:)``.
    public static func decode<Value: Decodable>(_ type: Value.Type, from data: Data) throws -> Value {
        try JSONDecoder().decode(type, from: data)
    }
}

/// A JSON document Giftwise prints: `recommend --format json`, `catalog stats --format json`,
/// `catalog import --report json` and the question flow's step.
public protocol GiftwiseDocument: Codable, Sendable {
    /// The layout this document is printed in.
    static var jsonLayout: GiftwiseJSON.Layout { get }
}

extension GiftwiseDocument {
    /// Indented, unless the document says otherwise.
    public static var jsonLayout: GiftwiseJSON.Layout { .pretty }
}

extension CatalogStats: GiftwiseDocument {}

extension ImportReport: GiftwiseDocument {
    /// One line: `{"added":N,"updated":N,…}` (DESIGN §4).
    public static var jsonLayout: GiftwiseJSON.Layout { .compact }
}
