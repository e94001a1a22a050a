import TOMLKit

/// TOML text parsed without letting TOMLKit stop the program: text its parser would assert on
/// (see `TOMLKeyLocator.unsafeSyntax`) never reaches it, and a syntax error is a diagnostic at its
/// place in plain words. The settings and the theme files are read through it.
public enum TOMLText {
    public enum Parsed {
        /// The document, and where each of its keys is written.
        case table(TOMLTable, TOMLKeyLocator)
        case syntaxError(Diagnostic)
    }

    public static func parse(_ text: String, fileName: String) -> Parsed {
        let locator = TOMLKeyLocator(text: text)
        if let unsafe = locator.unsafeSyntax {
            // Only the statements before it reach TOMLKit: an earlier error is the one to show.
            if let earlier = syntaxError(unsafe.textBefore, fileName: fileName) { return .syntaxError(earlier) }
            return .syntaxError(Diagnostic(file: fileName, line: unsafe.position.line, column: unsafe.position.column,
                                           message: "TOML syntax: \(unsafe.message)"))
        }
        do {
            return .table(try TOMLTable(string: text), locator)
        } catch {
            return .syntaxError(diagnostic(for: error, fileName: fileName, text: text))
        }
    }

    private static func syntaxError(_ text: String, fileName: String) -> Diagnostic? {
        do {
            _ = try TOMLTable(string: text)
            return nil
        } catch {
            return diagnostic(for: error, fileName: fileName, text: text)
        }
    }

    private static func diagnostic(for error: Error, fileName: String, text: String) -> Diagnostic {
        guard let error = error as? TOMLParseError else {
            return Diagnostic(file: fileName, message: "TOML syntax: \(error)")
        }
        return Diagnostic(file: fileName, line: error.source.begin.line, column: error.source.begin.column,
                          message: "TOML syntax: \(plainSyntaxMessage(error.description, atLineEnd: isLineEnd(text, error.source.begin.line, error.source.begin.column)))")
    }

    /// Whether a 1-based line and column point past the last character of that line.
    static func isLineEnd(_ text: String, _ line: Int, _ column: Int) -> Bool {
        // By scalars: "\r\n" is one Character, and a CRLF file would never split into lines.
        let lines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count else { return false }
        let content = lines[line - 1].last == "\r" ? lines[line - 1].dropLast() : lines[line - 1]
        return column > content.count
    }

    /// The parser's words for the mistakes people make most, said plainly: a string left open
    /// reads as "unescaped control characters", and an hour of 25 as one "between 0 to 59".
    static func plainSyntaxMessage(_ raw: String, atLineEnd: Bool) -> String {
        if raw.contains("unescaped control characters") && atLineEnd {
            return "a quoted value is not closed before the end of its line (a \" is missing)"
        }
        if raw.contains("expected hour between") { return "hours run from 00 to 23" + raw.drop { $0 != "," } }
        return raw
    }
}
