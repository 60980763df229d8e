import Foundation
import Giftwise
import Logging

/// `--log-format json`: one JSON object per line on standard error, for log collectors.
///
/// A request's line is `{"time":…,"level":"info","label":"giftwise","message":"request",
/// "method":"GET","path":"/v1/recommendations","status":200,"duration_ms":1.93,
/// "request_id":"…"}`: the path without its query, never a header, token or body.
public struct JSONLogHandler: LogHandler {
    /// Every metadata value given as a number (status, duration) is written as a JSON number.
    public var metadata: Logger.Metadata = [:]
    /// The least severe level written.
    public var logLevel: Logger.Level
    private let label: String
    private let write: @Sendable (Data) -> Void

    /// A handler writing to standard error.
    public init(label: String, level: Logger.Level = .info) {
        self.init(label: label, level: level) { FileHandle.standardError.write($0) }
    }

    init(label: String, level: Logger.Level, write: @escaping @Sendable (Data) -> Void) {
        self.label = label
        self.logLevel = level
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        let (level, message, explicit) = (event.level, event.message, event.metadata)
        var fields: [(String, String)] = [
            ("time", Self.quoted(Self.timestamp())), ("level", Self.quoted(level.rawValue)),
            ("label", Self.quoted(label)), ("message", Self.quoted(message.description)),
        ]
        let merged = self.metadata.merging(explicit ?? [:]) { $1 }
        for key in merged.keys.sorted() where !["time", "level", "label", "message"].contains(key) {
            fields.append((key.replacingOccurrences(of: ".", with: "_"), Self.json(merged[key]!)))
        }
        let line = "{" + fields.map { Self.quoted($0.0) + ":" + $0.1 }.joined(separator: ",") + "}\n"
        write(Data(line.utf8))
    }

    static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case .string(let text): return quoted(text)
        case .stringConvertible(let value):
            if let number = value as? Int { return String(number) }
            if let number = value as? Double, number.isFinite { return String(format: "%.3f", number) }
            return quoted(value.description)
        case .array(let values): return "[" + values.map(json).joined(separator: ",") + "]"
        case .dictionary(let values):
            return "{" + values.keys.sorted().map { quoted($0) + ":" + json(values[$0]!) }.joined(separator: ",") + "}"
        }
    }

    static func quoted(_ text: String) -> String { GiftCatalog.jsonString(text) }

    static func timestamp() -> String {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        var parts = tm()
        var seconds = now.tv_sec
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
            parts.tm_hour, parts.tm_min, parts.tm_sec, now.tv_nsec / 1_000_000)
    }
}
