/// Where each key of a TOML document is written, found by scanning its text: TOMLKit reports
/// positions only for syntax errors, and a diagnostic about a value should point at its line.
/// Runs on text TOMLKit already accepted, so it need not judge syntax; it only must not get lost.
/// Public so that other TOML files the program reads (themes) point at their keys the same way.
public struct TOMLKeyLocator: Sendable {
    public struct Position: Hashable, Sendable {
        public var line: Int
        public var column: Int
    }

    private var positions: [[String]: Position] = [:]

    /// The first spot where TOMLKit's parser would stop on an assertion instead of reporting a
    /// syntax error: a table name starting with a character a key cannot start with (`[:stages]`),
    /// or a `}` (or a Unicode line separator) where an array expects an item. Such text must not
    /// reach TOMLKit; `textBefore` is the text before the statement holding it, which may.
    public private(set) var unsafeSyntax: UnsafeSyntax?

    public struct UnsafeSyntax: Sendable {
        public var position: Position
        public var message: String
        public var textBefore: String
    }

    public init(text: String) {
        var scanner = Scanner(bytes: Array(text.utf8))
        scanner.run()
        positions = scanner.positions
        unsafeSyntax = scanner.unsafeSyntax
    }

    /// The position of a key path, or of its nearest written parent; nil when none is written.
    public func position(of path: [String]) -> Position? {
        var p = path
        while !p.isEmpty {
            if let found = positions[p] { return found }
            p.removeLast()
        }
        return nil
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0
        var line = 1
        var lineStart = 0
        var positions: [[String]: Position] = [:]
        var unsafeSyntax: UnsafeSyntax?
        /// Where the statement being read starts.
        var statementStart = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
            if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3; lineStart = 3 }   // byte-order mark
        }

        var current: UInt8? { i < bytes.count ? bytes[i] : nil }
        var column: Int { i - lineStart + 1 }

        mutating func advance() {
            if bytes[i] == 0x0A { line += 1; lineStart = i + 1 }
            i += 1
        }

        mutating func skipSpaces() {
            while let c = current, c == 0x20 || c == 0x09 { i += 1 }
        }

        /// Spaces, newlines and comments, as between array items.
        mutating func skipBlank() {
            while let c = current {
                if c == 0x20 || c == 0x09 || c == 0x0D || c == 0x0A { advance() }
                else if c == 0x23 { while let d = current, d != 0x0A { i += 1 } }
                else { break }
            }
        }

        mutating func skipRestOfLine() {
            while let c = current, c != 0x0A { advance() }
        }

        mutating func run() {
            var table: [String] = []
            while i < bytes.count {
                skipBlank()
                guard let c = current else { break }
                let start = Position(line: line, column: column)
                statementStart = lineStart
                if c == 0x5B {   // [table] or [[array of tables]]
                    i += 1
                    let afterBracket = i
                    skipSpaces()
                    if current == 0x5B, i == afterBracket { i += 1; skipSpaces() }
                    if let next = current, !(next.isBareKeyByte || next == 0x22 || next == 0x27 || next == 0x5D) {
                        flag("a table name cannot start with \(shown(at: i))")
                    }
                    table = key()
                    if positions[table] == nil { positions[table] = start }
                    skipRestOfLine()
                    continue
                }
                let before = i
                let written = key()
                if written.isEmpty { skipRestOfLine(); continue }
                let path = table + written
                if positions[path] == nil { positions[path] = start }
                skipSpaces()
                if current == 0x3D { i += 1 }   // =
                value(path: path)
                skipRestOfLine()
                if i == before { advance() }    // never stall on text we do not understand
            }
        }

        mutating func flag(_ message: String) {
            guard unsafeSyntax == nil else { return }
            unsafeSyntax = UnsafeSyntax(position: Position(line: line, column: column), message: message,
                                        textBefore: String(decoding: bytes[..<statementStart], as: UTF8.self))
        }

        func shown(at k: Int) -> String {
            if bytes[k] == 0x0A || bytes[k] == 0x0D { return "the end of the line" }
            var end = k + 1
            while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
            return "'\(String(decoding: bytes[k..<end], as: UTF8.self))'"
        }

        /// U+0085, U+2028, U+2029: line breaks to TOMLKit's value scanner but not to its array reader.
        func isUnicodeLineBreak(at k: Int) -> Bool {
            (bytes[k] == 0xC2 && k + 1 < bytes.count && bytes[k + 1] == 0x85)
                || (bytes[k] == 0xE2 && k + 2 < bytes.count && bytes[k + 1] == 0x80 && (bytes[k + 2] == 0xA8 || bytes[k + 2] == 0xA9))
        }

        /// `1979-05-27 0` followed by a delimiter: TOMLKit looks past the space for a time and asserts
        /// when the one digit there ends the value. Never valid TOML, so flagging it loses nothing.
        func isDateThenLoneDigit(at start: Int) -> Bool {
            var k = start
            var chars: [UInt8] = []
            while k < bytes.count, chars.count <= 10 {
                let b = bytes[k]
                if b == 0x5F { k += 1; continue }                       // TOMLKit skips underscores here
                guard b &- 0x30 < 10 || b == 0x2D else { break }
                chars.append(b)
                k += 1
            }
            guard chars.count == 10, chars[0] &- 0x30 < 10, chars[4] == 0x2D, chars[7] == 0x2D,
                  k + 2 < bytes.count, bytes[k] == 0x20, bytes[k + 1] &- 0x30 < 10 else { return false }
            let after = bytes[k + 2]
            let continues = after &- 0x30 < 10 || (after | 0x20) &- 0x61 < 26 || after == 0x3A || after == 0x2B
                || after == 0x2D || after == 0x2E || after == 0x5F
            return !continues
        }

        /// A dotted key: bare, "basic" or 'literal' parts separated by dots.
        mutating func key() -> [String] {
            var parts: [String] = []
            while true {
                skipSpaces()
                guard let c = current else { break }
                if c == 0x22 || c == 0x27 {
                    parts.append(quoted(c))
                } else {
                    let s = i
                    while let b = current, b.isBareKeyByte { i += 1 }
                    if i == s { break }
                    parts.append(String(decoding: bytes[s..<i], as: UTF8.self))
                }
                skipSpaces()
                guard current == 0x2E else { break }   // .
                i += 1
            }
            return parts
        }

        /// A one-line quoted string's content, basic escapes decoded.
        mutating func quoted(_ quote: UInt8) -> String {
            i += 1
            var out: [UInt8] = []
            while let c = current, c != quote, c != 0x0A {
                if quote == 0x22, c == 0x5C, i + 1 < bytes.count {   // backslash
                    i += 1
                    switch bytes[i] {
                    case 0x6E: out.append(0x0A)
                    case 0x74: out.append(0x09)
                    case 0x75, 0x55:   // \uXXXX, \UXXXXXXXX
                        let n = bytes[i] == 0x75 ? 4 : 8
                        let hex = String(decoding: bytes[(i + 1)..<min(i + 1 + n, bytes.count)], as: UTF8.self)
                        if let v = UInt32(hex, radix: 16), let u = Unicode.Scalar(v) {
                            out.append(contentsOf: Array(String(Character(u)).utf8))
                        }
                        i += n
                    default: out.append(bytes[i])
                    }
                    i += 1
                    continue
                }
                out.append(c)
                i += 1
            }
            if current == quote { i += 1 }
            return String(decoding: out, as: UTF8.self)
        }

        /// Skips a value, noting the keys of inline tables under `path` (nil inside arrays).
        mutating func value(path: [String]?) {
            skipSpaces()
            guard let c = current else { return }
            switch c {
            case 0x22, 0x27:   // strings, possibly multi-line
                if i + 2 < bytes.count, bytes[i + 1] == c, bytes[i + 2] == c {
                    i += 3
                    while i < bytes.count {
                        if bytes[i] == 0x5C, c == 0x22 { i += 1; if i < bytes.count { advance() }; continue }
                        if bytes[i] == c, i + 2 < bytes.count, bytes[i + 1] == c, bytes[i + 2] == c {
                            i += 3
                            while current == c { i += 1 }   // up to two quotes may end the content
                            return
                        }
                        advance()
                    }
                } else {
                    _ = quoted(c)
                }
            case 0x5B:   // array
                i += 1
                while i < bytes.count {
                    skipBlank()
                    guard let d = current else { return }
                    if d == 0x5D { i += 1; return }
                    if d == 0x2C { i += 1; continue }
                    if d == 0x7D || isUnicodeLineBreak(at: i) {
                        flag("an array item cannot start with \(shown(at: i))")
                        i += 1
                        continue
                    }
                    let before = i
                    value(path: nil)
                    if i == before { advance() }
                }
            case 0x7B:   // inline table
                i += 1
                while i < bytes.count {
                    skipBlank()
                    guard let d = current else { return }
                    if d == 0x7D { i += 1; return }
                    if d == 0x2C { i += 1; continue }
                    let start = Position(line: line, column: column)
                    let before = i
                    let inner = key()
                    if let path, !inner.isEmpty, positions[path + inner] == nil { positions[path + inner] = start }
                    skipSpaces()
                    if current == 0x3D { i += 1 }
                    value(path: path.map { $0 + inner })
                    if i == before { advance() }
                }
            default:   // numbers, booleans, dates: up to a delimiter
                if isDateThenLoneDigit(at: i) { flag("a time after a date needs hours and minutes (HH:MM)") }
                while let d = current, d != 0x2C, d != 0x5D, d != 0x7D, d != 0x23, d != 0x0A, d != 0x0D {
                    // Dates may hold one space before the time: "1979-05-27 07:32:00".
                    if d == 0x20, !(i + 1 < bytes.count && bytes[i + 1] &- 0x30 < 10 && bytes[i - 1] &- 0x30 < 10) { break }
                    i += 1
                }
            }
        }
    }
}

private extension UInt8 {
    var isBareKeyByte: Bool {
        (self >= 0x41 && self <= 0x5A) || (self >= 0x61 && self <= 0x7A) || (self >= 0x30 && self <= 0x39)
            || self == 0x5F || self == 0x2D
    }
}
