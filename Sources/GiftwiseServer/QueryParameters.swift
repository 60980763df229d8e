import Foundation

/// A query string read strictly: every name must be known, single-valued names appear once,
/// and the text must be valid percent-encoded UTF-8. Errors name the parameter.
struct QueryParameters: Sendable {
    private(set) var pairs: [(name: String, value: String)] = []

    /// Parses `query` (without the `?`), accepting only `known` names.
    init(_ query: String?, known: [String]) throws(Problem) {
        guard let query, !query.isEmpty else { return }
        for piece in query.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = piece.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]) else {
                throw Problem.badParameter(
                    String(parts[0].prefix(100)), "A query parameter name is not valid percent-encoded UTF-8.")
            }
            guard known.contains(name) else { throw Problem.unknownParameter(String(name.prefix(100)), known: known) }
            let raw = parts.count > 1 ? parts[1] : ""
            guard let value = Self.decode(raw) else {
                throw Problem.badParameter(name, "The value of \(name) is not valid percent-encoded UTF-8.")
            }
            pairs.append((name, value))
        }
    }

    /// All values of a repeatable parameter, in order.
    func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// The value of a single-valued parameter; two of them is an error.
    func single(_ name: String) throws(Problem) -> String? {
        let values = all(name)
        guard values.count <= 1 else { throw Problem.badParameter(name, "\(name) may be given only once.") }
        return values.first
    }

    /// Whether any parameter was given.
    var isEmpty: Bool { pairs.isEmpty }

    /// Decodes `+` as a space and `%XX` escapes; `nil` for a broken escape, invalid UTF-8 or a NUL.
    static func decode(_ text: Substring) -> String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            switch byte {
            case UInt8(ascii: "+"): bytes.append(UInt8(ascii: " "))
            case UInt8(ascii: "%"):
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    return nil
                }
                bytes.append(high << 4 | low)
            default: bytes.append(byte)
            }
        }
        guard !bytes.contains(0), let string = String(validating: bytes, as: UTF8.self) else { return nil }
        return string
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}
