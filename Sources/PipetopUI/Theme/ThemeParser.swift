import PipelineKit
import TOMLKit

/// Why the theme an `extends` names could not be had.
enum BaseFailure: Error, Sendable {
    case unknown(name: String, searched: [String], available: [String])
    /// The theme is already on the way: the names from the first to this one again.
    case loop([String])
    case tooDeep([String])
    case invalid([ThemeProblem])
}

/// Reads one theme file's text into a definition, finding every mistake in it rather than
/// stopping at the first, each at its key's line and column.
struct ThemeParser {
    let file: String
    let locator: TOMLKeyLocator
    private(set) var problems: [ThemeProblem] = []

    static let topLevelKeys = ["name", "description", "extends", "palette", "roles"]
    static let roleFields = Vocabulary(words: ["fg", "bg", "attributes"], aliases: [
        "foreground": "fg", "color": "fg", "colour": "fg", "background": "bg", "attrs": "attributes", "style": "attributes",
    ])
    static let roleNames = Vocabulary(words: Theme.Role.allCases.map(\.rawValue), aliases: [:])
    static let attributeWords = Vocabulary(words: ThemeLoader.attributeNames, aliases: [:])

    /// `base` finds the theme an `extends` names.
    static func parse(
        _ text: String, name: String, file: String, base: (String) -> Result<ThemeDefinition, BaseFailure>
    ) -> Result<ThemeDefinition, ThemeError> {
        switch TOMLText.parse(text, fileName: file) {
        case .syntaxError(let d):
            return .failure(.invalid([ThemeProblem(file: file, line: d.line, column: d.column, kind: .syntax(d.message))]))
        case .table(let document, let locator):
            var parser = ThemeParser(file: file, locator: locator)
            var inherited: [ThemeProblem] = []
            let definition = parser.read(document, name: name, base: base, inherited: &inherited)
            let own = parser.problems.enumerated()
                .sorted { ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset) }
                .map(\.element)
            return inherited.isEmpty && own.isEmpty ? .success(definition) : .failure(.invalid(inherited + own))
        }
    }

    mutating func report(_ kind: ThemeProblem.Kind, at path: [String], suggestion: String? = nil) {
        let place = locator.position(of: path)
        problems.append(ThemeProblem(file: file, line: place?.line ?? 0, column: place?.column ?? 0, kind: kind, suggestion: suggestion))
    }

    /// `inherited`: the problems of the theme it extends, which are in that theme's file.
    private mutating func read(
        _ document: TOMLTable, name: String, base: (String) -> Result<ThemeDefinition, BaseFailure>,
        inherited: inout [ThemeProblem]
    ) -> ThemeDefinition {
        let keys = Vocabulary(words: Self.topLevelKeys, aliases: [:])
        for key in document.keys.sorted() where !Self.topLevelKeys.contains(key) {
            let hint = Theme.Role(rawValue: key) != nil ? "roles go under [roles]"
                : (keys.word(for: key) ?? keys.suggestion(for: key)).map { "did you mean \($0)?" }
            report(.unknownKey(key), at: [key], suggestion: hint)
        }

        var extended: ThemeDefinition?
        // A base that failed leaves its palette unknown: names that may be from it are not judged.
        var baseUnknown = false
        if let value = document["extends"] {
            if let baseName = value.string {
                switch base(baseName) {
                case .success(let found): extended = found
                case let .failure(.unknown(missing, _, available)):
                    report(.unknownBase(name: missing, available: available), at: ["extends"],
                           suggestion: ThemeLoader.nearest(missing, in: available).map { "did you mean \"\($0)\"?" })
                    baseUnknown = true
                case .failure(.loop(let names)):
                    report(.extendsLoop(names), at: ["extends"])
                    baseUnknown = true
                case .failure(.tooDeep(let names)):
                    report(.extendsTooDeep(names), at: ["extends"])
                    baseUnknown = true
                case .failure(.invalid(let problems)):
                    inherited += problems
                    baseUnknown = true
                }
            } else {
                report(.wrongType(key: "extends", expected: "a theme name or a .toml file"), at: ["extends"])
                baseUnknown = true
            }
        }
        let extends = document["extends"] != nil

        var definition = ThemeDefinition(name: string(document, "name") ?? name,
                                         description: string(document, "description") ?? extended?.description ?? "")

        if let value = document["palette"] {
            if let table = value.table {
                for key in table.keys.sorted() {
                    let path = ["palette", key]
                    guard let text = table[key]?.string else {
                        report(.wrongType(key: "palette.\(key)", expected: "a colour string such as \"#d5dae3\""), at: path)
                        continue
                    }
                    guard let color = NamedColor.parse(text) else {
                        report(.badColor(key: "palette.\(key)", value: text), at: path,
                               suggestion: ThemeLoader.nearest(text, in: NamedColor.names).map { "did you mean \"\($0)\"?" })
                        continue
                    }
                    definition.palette[key] = color
                }
            } else {
                report(.wrongType(key: "palette", expected: "a table of names and colours"), at: ["palette"])
            }
        }
        let paletteNames = Set(definition.palette.keys).union(extended.map { Array($0.palette.keys) } ?? [])

        var roles: TOMLTable?
        if let value = document["roles"] {
            roles = value.table
            if roles == nil { report(.wrongType(key: "roles", expected: "a table"), at: ["roles"]) }
        }
        for key in (roles?.keys ?? []).sorted() where Theme.Role(rawValue: key) == nil {
            report(.unknownKey("roles.\(key)"), at: ["roles", key],
                   suggestion: (Self.roleNames.word(for: key) ?? Self.roleNames.suggestion(for: key)).map { "did you mean \($0)?" })
        }
        var missing: [String] = []
        for role in Theme.Role.allCases {
            guard let value = roles?[role.rawValue] else {
                missing.append(role.rawValue)
                continue
            }
            let path = ["roles", role.rawValue]
            guard let spec = value.table else {
                report(.wrongType(key: "roles.\(role.rawValue)", expected: "a table such as { fg = \"#ffffff\" }"), at: path)
                continue
            }
            definition.roles[role] = roleSpec(spec, path: path, palette: paletteNames, paletteKnown: !baseUnknown)
        }
        if !extends, roles != nil || document["roles"] == nil, !missing.isEmpty {
            report(.missingRoles(missing), at: ["roles"])
        }
        return extended.map { definition.laid(over: $0) } ?? definition
    }

    private mutating func roleSpec(_ spec: TOMLTable, path: [String], palette: Set<String>, paletteKnown: Bool) -> ThemeDefinition.RoleSpec {
        var out = ThemeDefinition.RoleSpec()
        let key = path.joined(separator: ".")
        for field in spec.keys.sorted() {
            let fieldPath = path + [field]
            let fieldKey = "\(key).\(field)"
            switch field {
            case "fg", "bg":
                guard let text = spec[field]?.string else {
                    report(.wrongType(key: fieldKey, expected: "a colour string"), at: fieldPath)
                    continue
                }
                let ref: ThemeDefinition.ColorRef
                if palette.contains(text) {
                    ref = .palette(text)
                } else if let color = NamedColor.parse(text) {
                    ref = .color(color)
                } else {
                    if paletteKnown {
                        let near = ThemeLoader.nearest(text, in: palette.sorted() + NamedColor.names)
                        report(.badColor(key: fieldKey, value: text), at: fieldPath, suggestion: near.map { "did you mean \"\($0)\"?" })
                    }
                    continue
                }
                if field == "fg" { out.fg = ref } else { out.bg = ref }
            case "attributes":
                guard let list = spec[field]?.array else {
                    report(.wrongType(key: fieldKey, expected: "a list such as [\"bold\"]"), at: fieldPath)
                    continue
                }
                var attributes: Attributes = []
                for item in list {
                    guard let word = item.string else {
                        report(.wrongType(key: fieldKey, expected: "a list of strings such as [\"bold\"]"), at: fieldPath)
                        continue
                    }
                    switch word.lowercased() {
                    case "bold": attributes.insert(.bold)
                    case "dim": attributes.insert(.dim)
                    case "underline": attributes.insert(.underline)
                    case "reverse": attributes.insert(.reverse)
                    default:
                        report(.badAttribute(key: fieldKey, value: word), at: fieldPath,
                               suggestion: Self.attributeWords.suggestion(for: word).map { "did you mean \"\($0)\"?" })
                    }
                }
                out.attributes = attributes
            default:
                let near = Self.roleFields.word(for: field) ?? Self.roleFields.suggestion(for: field)
                report(.unknownKey(fieldKey), at: fieldPath, suggestion: near.map { "did you mean \($0)?" })
            }
        }
        return out
    }

    private mutating func string(_ table: TOMLTable, _ key: String) -> String? {
        guard let value = table[key] else { return nil }
        guard let text = value.string else {
            report(.wrongType(key: key, expected: "a string"), at: [key])
            return nil
        }
        return text
    }
}
