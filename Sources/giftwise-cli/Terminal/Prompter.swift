import Foundation

/// Reads one answer per line from standard input and shows prompts on standard output.
///
/// On a terminal the question is shown first and then the line is read. From a pipe the line is
/// read first: at end of input nothing more is shown, and otherwise the question is printed with
/// the answer echoed after it, so a transcript reads like the conversation it was.
/// Lines are cleaned before use: control characters become spaces and very long lines are cut.
struct Prompter {
    /// Longest answer kept, in characters; the rest of the line is ignored.
    static let maxLineLength = 2_000

    /// Whether standard input is a terminal (a person typing) rather than a pipe or file.
    let isTerminal: Bool
    /// Whether end of input (Ctrl-D or the end of the pipe) has been reached.
    private(set) var reachedEnd = false

    init(isTerminal: Bool = isatty(STDIN_FILENO) == 1) {
        self.isTerminal = isTerminal
    }

    /// Shows `question` (may span several lines) and reads one answer.
    /// - Returns: the cleaned line, or `nil` at end of input.
    mutating func ask(_ question: String, prompt: String = "> ") -> String? {
        guard !reachedEnd else { return nil }
        if isTerminal {
            Output.write(TextWrapper.wrap(question) + "\n" + prompt)
            fflush(nil)
            guard let line = readLine(strippingNewline: true) else {
                reachedEnd = true
                Output.write("\n")
                return nil
            }
            return Self.clean(line)
        }
        guard let line = readLine(strippingNewline: true) else {
            reachedEnd = true
            return nil
        }
        let cleaned = Self.clean(line)
        Output.write(TextWrapper.wrap(question) + "\n" + prompt + cleaned + "\n")
        return cleaned
    }

    /// Control characters (escape sequences, NUL, bell) become spaces; the line is trimmed and cut
    /// to ``maxLineLength`` characters.
    static func clean(_ line: String) -> String {
        var scalars = String.UnicodeScalarView()
        var count = 0
        for scalar in line.unicodeScalars {
            if count >= maxLineLength { break }
            let category = scalar.properties.generalCategory
            scalars.append(category == .control || category == .format ? " " : scalar)
            count += 1
        }
        return String(scalars).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
