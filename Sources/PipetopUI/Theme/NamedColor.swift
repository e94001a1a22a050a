/// The sixteen ANSI colour names a theme may use. Each stands for xterm's default value, which is
/// what the backend matches against on 8- and 16-colour terminals, so a named colour lands on its
/// own ANSI slot there.
public enum NamedColor: String, CaseIterable, Sendable {
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack = "brightblack", brightRed = "brightred", brightGreen = "brightgreen"
    case brightYellow = "brightyellow", brightBlue = "brightblue", brightMagenta = "brightmagenta"
    case brightCyan = "brightcyan", brightWhite = "brightwhite"

    public var color: Color {
        switch self {
        case .black: .rgb(0, 0, 0)
        case .red: .rgb(205, 0, 0)
        case .green: .rgb(0, 205, 0)
        case .yellow: .rgb(205, 205, 0)
        case .blue: .rgb(0, 0, 238)
        case .magenta: .rgb(205, 0, 205)
        case .cyan: .rgb(0, 205, 205)
        case .white: .rgb(229, 229, 229)
        case .brightBlack: .rgb(127, 127, 127)
        case .brightRed: .rgb(255, 0, 0)
        case .brightGreen: .rgb(0, 255, 0)
        case .brightYellow: .rgb(255, 255, 0)
        case .brightBlue: .rgb(92, 92, 255)
        case .brightMagenta: .rgb(255, 0, 255)
        case .brightCyan: .rgb(0, 255, 255)
        case .brightWhite: .rgb(255, 255, 255)
        }
    }

    static let names = allCases.map(\.rawValue) + ["grey", "gray"]

    /// A colour written in a theme file: `default`, `#rrggbb`, `#rgb`, or one of the names above
    /// (case, spaces, `-` and `_` ignored; grey and gray are bright black).
    public static func parse(_ text: String) -> Color? {
        let trimmed = text.trimmingWhitespace()
        if trimmed.hasPrefix("#") { return parseHex(trimmed.dropFirst()) }
        let key = String(trimmed.lowercased().filter { $0 != "-" && $0 != "_" && $0 != " " })
        if key == "default" { return .default }
        if key == "grey" || key == "gray" { return NamedColor.brightBlack.color }
        return NamedColor(rawValue: key)?.color
    }

    private static func parseHex(_ digits: Substring) -> Color? {
        let values = digits.compactMap { $0.hexDigitValue }
        guard values.count == digits.count else { return nil }
        switch values.count {
        case 6:
            return .rgb(UInt8(values[0] * 16 + values[1]), UInt8(values[2] * 16 + values[3]),
                        UInt8(values[4] * 16 + values[5]))
        case 3:
            return .rgb(UInt8(values[0] * 17), UInt8(values[1] * 17), UInt8(values[2] * 17))
        default:
            return nil
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let first = s.first, first.isWhitespace { s = s.dropFirst() }
        while let last = s.last, last.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
