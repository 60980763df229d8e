import Foundation

/// A streaming RFC 4180 reader that knows which line each record starts on.
///
/// The mirrored CSV packages were measured for this and set aside: CSV.swift streams but reports
/// neither record line numbers nor an unclosed quote (it silently ends the field at end of file),
/// and raises a false `cannotReadFile` at end of stream on Linux; SwiftCSV reads the whole file
/// into memory. The import contract needs line numbers in every error and flat memory, so this
/// small byte-level state machine does exactly RFC 4180 (plus BOM, CRLF/LF, a chosen delimiter).
final class CSVRecordReader {
    /// One parsed record.
    struct Record {
        /// 1-based line on which the record starts.
        var line: Int
        var fields: [String]
    }

    /// A structural problem that stops reading (the rest of the file cannot be trusted).
    struct SyntaxError: Error {
        var line: Int
        var message: String
    }

    private let source: ByteSource
    private let delimiter: UInt8
    private var buffer: [UInt8] = []
    private var position = 0
    private var atEnd = false
    private var line = 1
    private var startedFile = false
    private var field: [UInt8] = []

    init(source: ByteSource, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.source = source
        self.delimiter = delimiter
        field.reserveCapacity(256)
    }

    private func fill() throws -> Bool {
        if atEnd { return false }
        guard let chunk = try source.nextChunk() else {
            atEnd = true
            return false
        }
        if position >= buffer.count {
            buffer.removeAll(keepingCapacity: true)
        } else {
            buffer.removeFirst(position)
        }
        position = 0
        buffer.append(contentsOf: chunk)
        if !startedFile {
            startedFile = true
            if buffer.starts(with: [0xEF, 0xBB, 0xBF]) { position = 3 }
        }
        return true
    }

    @inline(__always)
    private func nextByte() throws -> UInt8? {
        if position >= buffer.count {
            guard try fill(), position < buffer.count else { return nil }
        }
        let byte = buffer[position]
        position += 1
        return byte
    }

    @inline(__always)
    private func peekByte() throws -> UInt8? {
        if position >= buffer.count {
            guard try fill(), position < buffer.count else { return nil }
        }
        return buffer[position]
    }

    /// The common case without copying byte by byte: an unquoted field that ends (at a
    /// delimiter or line break) inside the bytes already read. Returns the field and the byte
    /// that ended it, consumed; `nil` (nothing consumed) when the field runs past the buffer or
    /// holds a quote, a NUL byte or invalid UTF-8 — the byte-by-byte path then reads it, with
    /// its errors.
    @inline(__always)
    private func unquotedFieldInBuffer() -> (String, UInt8)? {
        let start = position
        let delimiter = delimiter
        let found: (end: Int, stop: UInt8, ascii: Bool)? = buffer.withUnsafeBufferPointer { bytes in
            var index = start
            var bits: UInt8 = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == delimiter || byte == 0x0A || byte == 0x0D { return (index, byte, bits < 0x80) }
                if byte == 0x22 || byte == 0 { return nil }
                bits |= byte
                index += 1
            }
            return nil
        }
        guard let found, let text = text(from: start, to: found.end, ascii: found.ascii) else { return nil }
        position = found.end + 1
        return (text, found.stop)
    }

    /// The buffer's bytes `start..<end` as a string; `nil` when they are not valid UTF-8.
    @inline(__always)
    private func text(from start: Int, to end: Int, ascii: Bool) -> String? {
        buffer.withUnsafeBufferPointer { bytes in
            let field = UnsafeBufferPointer(rebasing: bytes[start..<end])
            // ASCII is valid UTF-8: `String(validating:as:)` looked up generic metadata on every
            // call (3 % of an import's samples); other text is still validated.
            return ascii ? String(decoding: field, as: UTF8.self) : String(validating: field, as: UTF8.self)
        }
    }

    /// The same for a quoted field (called at its opening quote): the field and the byte after
    /// its closing quote, both consumed, and how many line breaks the field holds; `nil` (nothing
    /// consumed) when the field or the byte after it runs past the buffer, or the field holds a
    /// doubled quote, a NUL byte or invalid UTF-8, or its closing quote is followed by anything
    /// but a delimiter or line break — the byte-by-byte path then reads it, with its errors.
    /// (Catalog descriptions are quoted whenever they hold a comma: copying them byte by byte
    /// was a third of the CSV reading, issue 15.)
    @inline(__always)
    private func quotedFieldInBuffer() -> (String, UInt8, Int)? {
        let start = position + 1
        let delimiter = delimiter
        let found: (end: Int, stop: UInt8, ascii: Bool, lineBreaks: Int)? = buffer.withUnsafeBufferPointer { bytes in
            var index = start
            var bits: UInt8 = 0
            var lineBreaks = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x22 {
                    guard index + 1 < bytes.count else { return nil }
                    let after = bytes[index + 1]
                    guard after == delimiter || after == 0x0A || after == 0x0D else { return nil }
                    return (index, after, bits < 0x80, lineBreaks)
                }
                if byte == 0 { return nil }
                if byte == 0x0A { lineBreaks += 1 }
                bits |= byte
                index += 1
            }
            return nil
        }
        guard let found, let text = text(from: start, to: found.end, ascii: found.ascii) else { return nil }
        position = found.end + 2
        return (text, found.stop, found.lineBreaks)
    }

    /// The next record, `nil` at end of input. Blank lines are skipped.
    func next() throws -> Record? {
        let quote = UInt8(ascii: "\"")
        let cr = UInt8(ascii: "\r")
        let lf = UInt8(ascii: "\n")
        while true {
            guard let first = try peekByte() else { return nil }
            if first == lf || first == cr {
                _ = try nextByte()
                if first == cr, try peekByte() == lf { _ = try nextByte() }
                line += 1
                continue
            }
            break
        }
        let startLine = line
        var fields: [String] = []
        fields.reserveCapacity(16)
        while true {
            field.removeAll(keepingCapacity: true)
            var quoted = false
            let opening = try peekByte()
            if opening == quote, let (text, stop, lineBreaks) = quotedFieldInBuffer() {
                line += lineBreaks
                if stop != delimiter {
                    if stop == cr, try peekByte() == lf { _ = try nextByte() }
                    line += 1
                    fields.append(text)
                    return Record(line: startLine, fields: fields)
                }
                fields.append(text)
                continue
            }
            if opening == quote {
                quoted = true
                _ = try nextByte()
            }
            var endOfRecord = false
            if !quoted, let (text, stop) = unquotedFieldInBuffer() {
                if stop != delimiter {
                    if stop == cr, try peekByte() == lf { _ = try nextByte() }
                    line += 1
                    endOfRecord = true
                }
                fields.append(text)
                if endOfRecord { return Record(line: startLine, fields: fields) }
                continue
            }
            if quoted {
                let quoteLine = line
                while true {
                    guard let byte = try nextByte() else {
                        throw SyntaxError(line: quoteLine, message: "a quoted field is never closed (missing \")")
                    }
                    if byte == quote {
                        let after = try peekByte()
                        if after == quote {
                            _ = try nextByte()
                            field.append(quote)
                        } else if after == nil || after == delimiter || after == cr || after == lf {
                            break
                        } else {
                            throw SyntaxError(
                                line: line,
                                message:
                                    "unexpected text after a closing quote (a stray \" inside a quoted field must be written \"\")"
                            )
                        }
                    } else {
                        if byte == lf { line += 1 }
                        field.append(byte)
                    }
                }
            }
            while true {
                guard let byte = try nextByte() else {
                    endOfRecord = true
                    break
                }
                if byte == delimiter { break }
                if byte == lf {
                    line += 1
                    endOfRecord = true
                    break
                }
                if byte == cr {
                    if try peekByte() == lf { _ = try nextByte() }
                    line += 1
                    endOfRecord = true
                    break
                }
                if quoted {
                    throw SyntaxError(line: line, message: "unexpected text after a closing quote")
                }
                if byte == quote {
                    throw SyntaxError(
                        line: line,
                        message: "a quote inside an unquoted field (quote the whole field and write \" as \"\")")
                }
                field.append(byte)
            }
            if field.contains(0) {
                throw SyntaxError(line: startLine, message: "the file contains a NUL byte (is it a binary file?)")
            }
            guard let text = String(validating: field, as: UTF8.self) else {
                throw SyntaxError(line: startLine, message: "the text is not valid UTF-8 (save the file as UTF-8)")
            }
            fields.append(text)
            if endOfRecord { return Record(line: startLine, fields: fields) }
        }
    }

    var bytesRead: Int64 { source.bytesRead }
}
