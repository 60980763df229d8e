import Foundation

/// Wraps text at word boundaries to the terminal's width, with hanging indents: a continuation
/// line starts under the text, after any indent and list marker ("1. ", "✓ ", "• ").
/// Colour codes take no width.
enum TextWrapper {
    /// The terminal's width, or 80 when standard output is not a terminal.
    static let terminalWidth: Int = {
        guard isatty(STDOUT_FILENO) == 1 else { return 80 }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col >= 20 { return Int(size.ws_col) }
        if let columns = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), columns >= 20 {
            return columns
        }
        return 80
    }()

    /// Every line of `text` wrapped to `width` columns.
    static func wrap(_ text: String, width: Int = terminalWidth) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { wrapLine(String($0), width: width) }
            .joined(separator: "\n")
    }

    /// One line wrapped; continuation lines are indented to where the line's text starts.
    static func wrapLine(_ line: String, width: Int) -> String {
        guard visibleWidth(line) > width else { return line }
        let hang = String(repeating: " ", count: min(hangingIndent(of: line), width / 2))
        let leading = line.prefix { $0 == " " }.count
        // Split on single spaces, keeping empty pieces, so runs of spaces inside the line survive.
        let pieces = line.dropFirst(leading).split(separator: " ", omittingEmptySubsequences: false)
        var lines: [String] = []
        var current = String(repeating: " ", count: leading)
        var currentWidth = leading
        var atStart = true
        for piece in pieces {
            let pieceWidth = visibleWidth(piece)
            if !atStart && pieceWidth > 0 && currentWidth + 1 + pieceWidth > width {
                lines.append(trimmingTrailingSpaces(current))
                current = hang
                currentWidth = hang.count
                atStart = true
            }
            if atStart {
                guard pieceWidth > 0 else { continue }
                current += piece
                currentWidth += pieceWidth
                atStart = false
            } else {
                current += " " + piece
                currentWidth += 1 + pieceWidth
            }
        }
        lines.append(trimmingTrailingSpaces(current))
        return lines.joined(separator: "\n")
    }

    /// Columns a string takes on screen, colour codes left out.
    static func visibleWidth(_ text: some StringProtocol) -> Int {
        stripped(String(text)).unicodeScalars.count { scalar in
            let category = scalar.properties.generalCategory
            return category != .nonspacingMark && category != .format
        }
    }

    /// Where a line's text starts: its indent plus a list marker ("1. ", "✓ ", "✗ ", "• ", "→ ").
    static func hangingIndent(of line: String) -> Int {
        let plain = stripped(line)
        let indent = plain.prefix { $0 == " " }.count
        let rest = plain.dropFirst(indent)
        for marker in ["✓ ", "✗ ", "• ", "→ ", "- "] where rest.hasPrefix(marker) { return indent + marker.count }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        if !digits.isEmpty, digits.count <= 3, rest.dropFirst(digits.count).hasPrefix(". ") {
            return indent + digits.count + 2
        }
        return indent
    }

    static func stripped(_ text: String) -> String {
        var result = ""
        var inEscape = false
        for scalar in text.unicodeScalars {
            if inEscape {
                if (0x40...0x7E).contains(scalar.value) && scalar != "[" { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" {
                inEscape = true
                continue
            }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    private static func trimmingTrailingSpaces(_ text: String) -> String {
        var text = text
        while text.hasSuffix(" ") { text.removeLast() }
        return text
    }
}
