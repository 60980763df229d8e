import Foundation

/// A value as it came from a file, before validation.
enum RawValue: Decodable, Equatable {
    case text(String)
    case number(Double)
    case bool(Bool)
    case list([RawValue])
    case object
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .text(value)
        } else if let value = try? container.decode([RawValue].self) {
            self = .list(value)
        } else {
            self = .object
        }
    }

    var typeName: String {
        switch self {
        case .text: "text"
        case .number: "a number"
        case .bool: "true/false"
        case .list: "a list"
        case .object: "an object"
        case .null: "null"
        }
    }
}

/// A JSON object, its values looked up by key.
struct JSONObject: Decodable {
    var values: [String: RawValue]
    init(from decoder: any Decoder) throws {
        values = try decoder.singleValueContainer().decode([String: RawValue].self)
    }
}

/// One row from any format, addressed by source column name.
struct RawRow {
    enum Values {
        /// CSV fields in header order.
        case positional([String])
        /// A JSON object's values by key.
        case keyed([String: RawValue])
        /// The row as a whole cannot be read: why.
        case unreadable(String)
    }
    var line: Int
    var values: Values
}

/// Reads rows from a catalog file of any supported format.
protocol RowSource: AnyObject {
    /// Column or key names seen so far (CSV: the header).
    var columns: [String] { get }
    func next() throws -> RawRow?
    var bytesRead: Int64 { get }
}

/// Fatal, file-level problems (the rest of the file cannot be read).
struct FileProblem: Error {
    var line: Int
    var field: String?
    var message: String
}

final class CSVRowSource: RowSource {
    private let reader: CSVRecordReader
    let columns: [String]
    private let index: [String: Int]
    private let headerLine: Int

    init(source: ByteSource, delimiter: UInt8) throws {
        reader = CSVRecordReader(source: source, delimiter: delimiter)
        let header: CSVRecordReader.Record?
        do {
            header = try reader.next()
        } catch let error as CSVRecordReader.SyntaxError {
            throw FileProblem(line: error.line, field: nil, message: error.message)
        }
        guard let header else {
            throw FileProblem(
                line: 1, field: nil,
                message: "the file is empty (a CSV catalog needs a header row and at least one product)")
        }
        headerLine = header.line
        columns = header.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        var index: [String: Int] = [:]
        for (position, name) in columns.enumerated() where index[name] == nil {
            index[name] = position
        }
        self.index = index
    }

    func next() throws -> RawRow? {
        let record: CSVRecordReader.Record?
        do {
            record = try reader.next()
        } catch let error as CSVRecordReader.SyntaxError {
            throw FileProblem(line: error.line, field: nil, message: error.message)
        }
        guard let record else { return nil }
        if record.fields.count > columns.count {
            // Reported as a row error; its fields cannot be trusted.
            return RawRow(
                line: record.line,
                values: .unreadable("\(record.fields.count) fields, but the header has \(columns.count)"))
        }
        return RawRow(line: record.line, values: .positional(record.fields))
    }

    var bytesRead: Int64 { reader.bytesRead }
}

/// JSON Lines: one object per line, read in chunks (memory stays flat).
final class JSONLinesRowSource: RowSource {
    private let source: ByteSource
    private var pending: [UInt8] = []
    private var pendingStart = 0
    private var atEnd = false
    private var lineNumber = 0
    private(set) var columns: [String] = []
    private var seenColumns = Set<String>()
    private let decoder = JSONDecoder()

    init(source: ByteSource) { self.source = source }

    private func nextLine() throws -> [UInt8]? {
        while true {
            if let newline = pending[pendingStart...].firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(pending[pendingStart..<newline])
                pendingStart = newline + 1
                return line
            }
            if atEnd {
                guard pendingStart < pending.count else { return nil }
                let line = Array(pending[pendingStart...])
                pendingStart = pending.count
                return line
            }
            pending.removeFirst(pendingStart)
            pendingStart = 0
            if let chunk = try source.nextChunk() { pending.append(contentsOf: chunk) } else { atEnd = true }
        }
    }

    func next() throws -> RawRow? {
        while var bytes = try nextLine() {
            lineNumber += 1
            if lineNumber == 1, bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            if bytes.contains(0) {
                throw FileProblem(
                    line: lineNumber, field: nil, message: "the file contains a NUL byte (is it a binary file?)")
            }
            guard String(validating: bytes, as: UTF8.self) != nil else {
                throw FileProblem(
                    line: lineNumber, field: nil, message: "the text is not valid UTF-8 (save the file as UTF-8)")
            }
            let object: [String: RawValue]
            do {
                object = try decoder.decode(JSONObject.self, from: Data(bytes)).values
            } catch {
                let line = lineNumber
                return RawRow(line: line, values: .unreadable("this line is not a JSON object"))
            }
            for key in object.keys.sorted() where seenColumns.insert(key).inserted { columns.append(key) }
            return RawRow(line: lineNumber, values: .keyed(object))
        }
        if lineNumber == 0 {
            throw FileProblem(
                line: 1, field: nil, message: "the file is empty (JSON Lines needs one product object per line)")
        }
        return nil
    }

    var bytesRead: Int64 { source.bytesRead }
}

/// A JSON array of objects. Decoded whole: JSON arrays are for modest files; use JSON Lines or
/// CSV for large catalogs (they stream).
final class JSONArrayRowSource: RowSource {
    private var objects: [[String: RawValue]?]
    private var index = 0
    let columns: [String]
    let bytesRead: Int64

    init(source: ByteSource) throws {
        var data = Data()
        while let chunk = try source.nextChunk() { data.append(chunk) }
        bytesRead = source.bytesRead
        if data.starts(with: [0xEF, 0xBB, 0xBF]) { data.removeFirst(3) }
        if data.allSatisfy({ [0x20, 0x09, 0x0A, 0x0D].contains($0) }) {
            throw FileProblem(
                line: 0, field: nil, message: "the file is empty (a JSON catalog is an array of product objects)")
        }
        if data.contains(0) {
            throw FileProblem(line: 0, field: nil, message: "the file contains a NUL byte (is it a binary file?)")
        }
        guard String(data: data, encoding: .utf8) != nil else {
            throw FileProblem(line: 0, field: nil, message: "the text is not valid UTF-8 (save the file as UTF-8)")
        }
        let decoded: [FlexibleElement]
        do {
            decoded = try JSONDecoder().decode([FlexibleElement].self, from: data)
        } catch DecodingError.typeMismatch {
            throw FileProblem(
                line: 0, field: nil,
                message: "the JSON is not an array of product objects (it should start with [ and hold { … } objects)")
        } catch {
            throw FileProblem(line: 0, field: nil, message: "the file is not valid JSON (\(Self.describe(error)))")
        }
        objects = decoded.map(\.object)
        var seen = Set<String>()
        var columns: [String] = []
        for object in objects.compactMap({ $0 }) {
            for key in object.keys.sorted() where seen.insert(key).inserted { columns.append(key) }
        }
        self.columns = columns
    }

    private static func describe(_ error: any Error) -> String {
        if case DecodingError.dataCorrupted(let context) = error {
            return context.underlyingError.map { "\($0.localizedDescription)" } ?? context.debugDescription
        }
        return "it could not be parsed"
    }

    func next() throws -> RawRow? {
        guard index < objects.count else { return nil }
        defer { index += 1 }
        let position = index
        guard let object = objects[position] else {
            return RawRow(line: position, values: .unreadable("array item \(position) is not an object"))
        }
        return RawRow(line: position, values: .keyed(object))
    }
}

/// An array element that may or may not be an object.
private struct FlexibleElement: Decodable {
    var object: [String: RawValue]?
    init(from decoder: any Decoder) throws {
        object = try? decoder.singleValueContainer().decode([String: RawValue].self)
        if object == nil { _ = try decoder.singleValueContainer().decode(RawValue.self) }
    }
}
