import Foundation

/// Writing to the terminal: colour only on a terminal and never with NO_COLOR.
enum Output {
    static let useColor: Bool = {
        if let noColor = ProcessInfo.processInfo.environment["NO_COLOR"], !noColor.isEmpty { return false }
        if ProcessInfo.processInfo.environment["TERM"] == "dumb" { return false }
        return isatty(STDOUT_FILENO) == 1
    }()

    static let stderrIsTerminal = isatty(STDERR_FILENO) == 1

    static func bold(_ text: String) -> String { useColor ? "\u{1B}[1m\(text)\u{1B}[0m" : text }
    static func dim(_ text: String) -> String { useColor ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
    static func green(_ text: String) -> String { useColor ? "\u{1B}[32m\(text)\u{1B}[0m" : text }
    static func yellow(_ text: String) -> String { useColor ? "\u{1B}[33m\(text)\u{1B}[0m" : text }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes text for a person to read, wrapped at word boundaries to the terminal's width.
    static func say(_ text: String) {
        write(TextWrapper.wrap(text))
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}
