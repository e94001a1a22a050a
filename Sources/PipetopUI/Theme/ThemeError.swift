/// Why a theme could not be loaded, said so that the user can fix the file.
public enum ThemeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// No file `<name>.toml` in the searched folders and no built-in theme of that name.
    case unknownTheme(name: String, searched: [String], available: [String])
    case unreadable(file: String, reason: String)
    case syntax(file: String, line: Int, column: Int, message: String)
    case badColor(file: String, key: String, value: String)
    case badAttribute(file: String, key: String, value: String)
    case unknownKey(file: String, key: String)
    case wrongType(file: String, key: String, expected: String)
    case missingRole(file: String, role: String)

    public var description: String {
        switch self {
        case let .unknownTheme(name, searched, available):
            let places = searched.isEmpty ? "" : " (looked in \(searched.joined(separator: ", ")))"
            return "no theme named \"\(name)\"\(places); available: \(available.joined(separator: ", "))"
        case let .unreadable(file, reason):
            return "\(file): cannot read: \(reason)"
        case let .syntax(file, line, column, message):
            return "\(file):\(line):\(column): \(message)"
        case let .badColor(file, key, value):
            return "\(file): \(key): \"\(value)\" is not a colour; use \"#rrggbb\", \"default\", "
                + "a name (\(NamedColor.names.joined(separator: ", "))) or a name from [palette]"
        case let .badAttribute(file, key, value):
            return "\(file): \(key): unknown attribute \"\(value)\"; use "
                + ThemeLoader.attributeNames.map { "\"\($0)\"" }.joined(separator: ", ")
        case let .unknownKey(file, key):
            return "\(file): unknown key \(key)"
        case let .wrongType(file, key, expected):
            return "\(file): \(key) should be \(expected)"
        case let .missingRole(file, role):
            return "\(file): roles.\(role) is missing (every role is needed unless the theme sets `extends`)"
        }
    }
}
