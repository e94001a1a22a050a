import PipelineKit

/// Why a theme could not be loaded, said so that the user can fix the file.
public enum ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No file `<name>.toml` in the searched folders and no built-in theme of that name.
    case unknownTheme(name: String, searched: [String], available: [String])
    /// Everything wrong in the theme's file and the files it extends, in file and line order:
    /// a file with three mistakes is fixed in one go, not in three runs.
    case invalid([ThemeProblem])

    /// The nearest available name to a mistyped one.
    public var suggestion: String? {
        guard case let .unknownTheme(name, _, available) = self else { return nil }
        return ThemeLoader.nearest(name, in: available)
    }

    /// One line per problem.
    public var lines: [String] {
        switch self {
        case let .unknownTheme(name, searched, available):
            let places = searched.isEmpty ? "" : " (looked in \(searched.joined(separator: ", ")))"
            let near = suggestion.map { "did you mean \"\($0)\"? " } ?? ""
            return ["no theme named \"\(name)\"\(places); \(near)available: \(available.joined(separator: ", "))"]
        case let .invalid(problems):
            return problems.map(\.description)
        }
    }

    public var description: String {
        let all = lines
        return all.count == 1 ? all[0] : "\(all.count) problems:\n" + all.joined(separator: "\n")
    }

    /// The first problem and how many follow it, for a line of the footer.
    public var summary: String {
        let all = lines
        return all.count <= 1 ? (all.first ?? "") : "\(all[0]) (and \(all.count - 1) more)"
    }
}

/// One mistake in a theme file, at its place when it has one.
public struct ThemeProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// The file cannot be read as a theme at all; the reason says why in words.
        case unreadable(String)
        case syntax(String)
        case badColor(key: String, value: String)
        case badAttribute(key: String, value: String)
        case unknownKey(String)
        case wrongType(key: String, expected: String)
        /// Roles a theme without `extends` leaves out.
        case missingRoles([String])
        /// `extends` leads back to a theme already on the way (the names, in order).
        case extendsLoop([String])
        /// More `extends` on the way than `ThemeLoader.maximumDepth`.
        case extendsTooDeep([String])
        case unknownBase(name: String, available: [String])
    }

    public var file: String
    /// 1-based; 0 when the problem is with the file as a whole.
    public var line: Int
    public var column: Int
    public var kind: Kind
    /// What may fix it, in words: the nearest known word ("did you mean bold?") or where a key goes.
    public var suggestion: String?

    public init(file: String, line: Int = 0, column: Int = 0, kind: Kind, suggestion: String? = nil) {
        self.file = file
        self.line = line
        self.column = column
        self.kind = kind
        self.suggestion = suggestion
    }

    /// `FILE:LINE:COLUMN`, or less where the place is the whole file.
    public var location: String {
        var s = file
        if line > 0 { s += ":\(line)" }
        if line > 0, column > 0 { s += ":\(column)" }
        return s
    }

    /// What is wrong, without the place.
    public var message: String {
        switch kind {
        case let .unreadable(reason):
            return reason
        case let .syntax(message):
            return message
        case let .badColor(key, value):
            let rule = suggestion == nil
                ? "; use \"#rrggbb\", \"#rgb\", \"default\", a name (\(NamedColor.names.joined(separator: ", "))) or a name from [palette]"
                : ""
            return "\(key): \"\(value)\" is not a colour\(rule)"
        case let .badAttribute(key, value):
            return "\(key): unknown attribute \"\(value)\"; use "
                + ThemeLoader.attributeNames.map { "\"\($0)\"" }.joined(separator: ", ")
        case let .unknownKey(key):
            return "unknown key \(key)"
        case let .wrongType(key, expected):
            return "\(key) should be \(expected)"
        case let .missingRoles(roles):
            return "[roles] leaves out \(roles.joined(separator: ", ")): a theme without `extends` sets every role"
        case let .extendsLoop(names):
            return "extends: the themes extend each other in a loop (\(names.joined(separator: " -> ")))"
        case let .extendsTooDeep(names):
            return "extends: themes extend one another at most \(ThemeLoader.maximumDepth) deep (\(names.joined(separator: " -> ")))"
        case let .unknownBase(name, available):
            return "extends: no theme named \"\(name)\"; available: \(available.joined(separator: ", "))"
        }
    }

    public var description: String {
        "\(location): \(message)" + (suggestion.map { " (\($0))" } ?? "")
    }
}
