import Foundation
import TOMLKit

/// Reads themes from TOML files.
///
/// A theme file:
///
///     name = "dark"                 # optional, the file name otherwise
///     description = "..."           # optional
///     extends = "dark"              # optional: start from another theme; roles not given are kept
///
///     [palette]                     # optional names for colours used below
///     ink = "#d0d4dc"
///
///     [roles]
///     background = { fg = "ink", bg = "#15181e" }
///     text = {}
///     selection = { fg = "#15181e", bg = "cyan", attributes = ["bold"] }
///
/// A colour is `"#rrggbb"`, `"#rgb"`, `"default"` (the terminal's own), an ANSI name (`red`,
/// `brightwhite`, ...) or a palette name. Attributes are `bold`, `dim`, `underline`, `reverse`.
/// A role's missing `fg`/`bg` come from `text`, and `text`'s from `background`, so a theme paints
/// its background by setting it once. Without `extends`, every role must be present.
public enum ThemeLoader {
    static let attributeNames = ["bold", "dim", "underline", "reverse"]

    /// The theme to use when the user names none: `mono` when NO_COLOR is set (to anything but
    /// the empty string), `dark` otherwise.
    public static func defaultName(environment: [String: String]) -> String {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return "mono" }
        return "dark"
    }

    /// Loads the theme `name`: the first `<name>.toml` found in `searchPaths` (so a user file can
    /// replace a built-in theme), else the built-in theme of that name. A name with a `/` or
    /// ending in `.toml` is read as a file path.
    public static func load(name: String, searchPaths: [URL]) -> Result<Theme, ThemeError> {
        Result { () throws(ThemeError) in try load(name: name, searchPaths: searchPaths, chain: []) }
    }

    /// Theme names available: built-in ones, then those found in `searchPaths`, without duplicates.
    public static func availableNames(searchPaths: [URL]) -> [String] {
        var names = Theme.builtinNames
        for folder in searchPaths {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
            for file in files.sorted() where file.hasSuffix(".toml") {
                let name = String(file.dropLast(5))
                if !names.contains(name) { names.append(name) }
            }
        }
        return names
    }

    /// Parses theme text. `file` names it in errors; a theme it `extends` is looked up with `base`
    /// (built-in themes by default).
    public static func parse(
        _ text: String, name: String, file: String,
        base: (String) -> Result<Theme, ThemeError> = builtinBase
    ) -> Result<Theme, ThemeError> {
        Result { () throws(ThemeError) in try parseTheme(text, name: name, file: file, base: base) }
    }

    /// Looks up a built-in theme for `extends`.
    public static func builtinBase(_ name: String) -> Result<Theme, ThemeError> {
        if let theme = Theme.builtin(named: name) { return .success(theme) }
        return .failure(.unknownTheme(name: name, searched: [], available: Theme.builtinNames))
    }

    private static func load(name: String, searchPaths: [URL], chain: [String]) throws(ThemeError) -> Theme {
        guard !chain.contains(name), chain.count < 8 else {
            throw .wrongType(file: chain.last ?? name, key: "extends",
                             expected: "a theme that does not extend itself (\((chain + [name]).joined(separator: " -> ")))")
        }
        let base: (String) -> Result<Theme, ThemeError> = { next in
            Result { () throws(ThemeError) in try load(name: next, searchPaths: searchPaths, chain: chain + [name]) }
        }
        if name.contains("/") || name.hasSuffix(".toml") {
            let url = URL(fileURLWithPath: name)
            return try parseTheme(try read(url), name: url.deletingPathExtension().lastPathComponent,
                                  file: url.path, base: base)
        }
        for folder in searchPaths {
            let url = folder.appendingPathComponent("\(name).toml")
            if FileManager.default.fileExists(atPath: url.path) {
                return try parseTheme(try read(url), name: name, file: url.path, base: base)
            }
        }
        if let theme = Theme.builtin(named: name) { return theme }
        throw .unknownTheme(name: name, searched: searchPaths.map(\.path),
                            available: availableNames(searchPaths: searchPaths))
    }

    private static func read(_ url: URL) throws(ThemeError) -> String {
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw .unreadable(file: url.path, reason: error.localizedDescription)
        }
    }

    private static func parseTheme(
        _ text: String, name: String, file: String, base: (String) -> Result<Theme, ThemeError>
    ) throws(ThemeError) -> Theme {
        let document: TOMLTable
        do {
            document = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw .syntax(file: file, line: error.source.begin.line, column: error.source.begin.column,
                          message: error.description)
        } catch {
            throw .syntax(file: file, line: 0, column: 0, message: "\(error)")
        }

        for key in document.keys where !["name", "description", "extends", "palette", "roles"].contains(key) {
            throw .unknownKey(file: file, key: key)
        }
        var theme: Theme
        var extends = false
        if let value = document["extends"] {
            guard let baseName = value.string else { throw .wrongType(file: file, key: "extends", expected: "a theme name") }
            theme = try base(baseName).get()
            extends = true
        } else {
            theme = Theme(name: name)
        }
        theme.name = try string(document, "name", file: file) ?? name
        theme.description = try string(document, "description", file: file) ?? (extends ? theme.description : "")

        var palette: [String: Color] = [:]
        if let value = document["palette"] {
            guard let table = value.table else { throw .wrongType(file: file, key: "palette", expected: "a table") }
            for key in table.keys {
                let path = "palette.\(key)"
                guard let text = table[key]?.string else { throw .wrongType(file: file, key: path, expected: "a colour string") }
                guard let color = NamedColor.parse(text) else { throw .badColor(file: file, key: path, value: text) }
                palette[key] = color
            }
        }

        let roles: TOMLTable
        if let value = document["roles"] {
            guard let table = value.table else { throw .wrongType(file: file, key: "roles", expected: "a table") }
            roles = table
        } else {
            roles = TOMLTable()
        }
        for key in roles.keys where Theme.Role(rawValue: key) == nil {
            throw .unknownKey(file: file, key: "roles.\(key)")
        }

        // Background first, then text, then the rest, since each inherits from the one before.
        let order: [Theme.Role] = [.background, .text] + Theme.Role.allCases.filter { $0 != .background && $0 != .text }
        for role in order {
            let start: Style
            if extends {
                start = theme[role]
            } else {
                switch role {
                case .background: start = .plain
                case .text: start = Style(fg: theme.background.fg, bg: theme.background.bg)
                default: start = Style(fg: theme.text.fg, bg: theme.text.bg)
                }
            }
            guard let value = roles[role.rawValue] else {
                if extends { continue }
                throw .missingRole(file: file, role: role.rawValue)
            }
            guard let spec = value.table else {
                throw .wrongType(file: file, key: "roles.\(role.rawValue)", expected: "a table such as { fg = \"#ffffff\" }")
            }
            theme[role] = try style(spec, start: start, key: "roles.\(role.rawValue)", palette: palette, file: file)
        }
        return theme
    }

    private static func style(
        _ spec: TOMLTable, start: Style, key: String, palette: [String: Color], file: String
    ) throws(ThemeError) -> Style {
        var style = start
        for field in spec.keys {
            let path = "\(key).\(field)"
            switch field {
            case "fg", "bg":
                guard let text = spec[field]?.string else { throw .wrongType(file: file, key: path, expected: "a colour string") }
                guard let color = palette[text] ?? NamedColor.parse(text) else {
                    throw .badColor(file: file, key: path, value: text)
                }
                if field == "fg" { style.fg = color } else { style.bg = color }
            case "attributes":
                guard let list = spec[field]?.array else {
                    throw .wrongType(file: file, key: path, expected: "a list such as [\"bold\"]")
                }
                var attributes: Attributes = []
                for item in list {
                    guard let word = item.string else { throw .wrongType(file: file, key: path, expected: "a list of strings") }
                    switch word.lowercased() {
                    case "bold": attributes.insert(.bold)
                    case "dim": attributes.insert(.dim)
                    case "underline": attributes.insert(.underline)
                    case "reverse": attributes.insert(.reverse)
                    default: throw .badAttribute(file: file, key: path, value: word)
                    }
                }
                style.attributes = attributes
            default:
                throw .unknownKey(file: file, key: path)
            }
        }
        return style
    }

    private static func string(_ table: TOMLTable, _ key: String, file: String) throws(ThemeError) -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else { throw .wrongType(file: file, key: key, expected: "a string") }
        return text
    }
}
