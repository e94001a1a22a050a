import PipelineKit

/// The styles a screen is drawn with, one per role. Widgets ask for a role ("bad", "selection"),
/// never for a colour, so a theme file can recolour everything and the monochrome theme can carry
/// the same meaning with bold, reverse and underline alone.
public struct Theme: Sendable, Hashable {
    /// A role's key in theme files is its raw value.
    public enum Role: String, CaseIterable, Sendable {
        case text
        case background
        case muted
        case accent
        case border
        case borderFocused = "border_focused"
        case title
        case header
        case selection
        case good
        case warning
        case bad
        case highlight
        case bar
        case barBehind = "bar_behind"
        case marker
        case tabActive = "tab_active"
        case tabInactive = "tab_inactive"
        case statusOk = "status_ok"
        case statusError = "status_error"

        /// The letter a role's style shows as in `Frame.styleText(legend:)`.
        public var legendLetter: Character {
            switch self {
            case .text: "t"
            case .background: "."
            case .muted: "m"
            case .accent: "a"
            case .border: "b"
            case .borderFocused: "B"
            case .title: "T"
            case .header: "h"
            case .selection: "s"
            case .good: "g"
            case .warning: "w"
            case .bad: "x"
            case .highlight: "H"
            case .bar: "="
            case .barBehind: "-"
            case .marker: "|"
            case .tabActive: "A"
            case .tabInactive: "i"
            case .statusOk: "o"
            case .statusError: "E"
            }
        }
    }

    public var name: String
    public var description: String

    /// What empty space is cleared with; a theme that sets its background colour here paints it.
    public var background: Style
    /// Ordinary text.
    public var text: Style
    /// Secondary text: units, hints, labels of lesser importance.
    public var muted: Style
    public var accent: Style
    public var border: Style
    public var borderFocused: Style
    public var title: Style
    public var header: Style
    public var selection: Style
    public var good: Style
    public var warning: Style
    public var bad: Style
    /// A value that just changed.
    public var highlight: Style
    public var bar: Style
    /// The empty part of a bar's track.
    public var barBehind: Style
    /// The pace marker on a bar.
    public var marker: Style
    public var tabActive: Style
    public var tabInactive: Style
    public var statusOk: Style
    public var statusError: Style

    /// A theme with every role set to `style`; set the roles that differ afterwards.
    public init(name: String, description: String = "", uniform style: Style = .plain) {
        self.name = name
        self.description = description
        background = style
        text = style
        muted = style
        accent = style
        border = style
        borderFocused = style
        title = style
        header = style
        selection = style
        good = style
        warning = style
        bad = style
        highlight = style
        bar = style
        barBehind = style
        marker = style
        tabActive = style
        tabInactive = style
        statusOk = style
        statusError = style
    }

    public subscript(role: Role) -> Style {
        get {
            switch role {
            case .text: text
            case .background: background
            case .muted: muted
            case .accent: accent
            case .border: border
            case .borderFocused: borderFocused
            case .title: title
            case .header: header
            case .selection: selection
            case .good: good
            case .warning: warning
            case .bad: bad
            case .highlight: highlight
            case .bar: bar
            case .barBehind: barBehind
            case .marker: marker
            case .tabActive: tabActive
            case .tabInactive: tabInactive
            case .statusOk: statusOk
            case .statusError: statusError
            }
        }
        set {
            switch role {
            case .text: text = newValue
            case .background: background = newValue
            case .muted: muted = newValue
            case .accent: accent = newValue
            case .border: border = newValue
            case .borderFocused: borderFocused = newValue
            case .title: title = newValue
            case .header: header = newValue
            case .selection: selection = newValue
            case .good: good = newValue
            case .warning: warning = newValue
            case .bad: bad = newValue
            case .highlight: highlight = newValue
            case .bar: bar = newValue
            case .barBehind: barBehind = newValue
            case .marker: marker = newValue
            case .tabActive: tabActive = newValue
            case .tabInactive: tabInactive = newValue
            case .statusOk: statusOk = newValue
            case .statusError: statusError = newValue
            }
        }
    }

    /// Letters for every role's style, for `Frame.styleText(legend:)` in tests. Roles that share a
    /// style show as the first of them in `Role.allCases` order.
    public var styleLegend: [(Character, Style)] {
        Role.allCases.map { ($0.legendLetter, self[$0]) }
    }

    /// Attributes only, no colour: what is left when every theme file fails to load.
    public static let plain: Theme = {
        var theme = Theme(name: "plain", description: "Attributes only, no colours")
        theme.muted = Style(attributes: .dim)
        theme.accent = Style(attributes: .bold)
        theme.borderFocused = Style(attributes: .bold)
        theme.title = Style(attributes: .bold)
        theme.header = Style(attributes: [.bold, .underline])
        theme.selection = Style(attributes: .reverse)
        theme.good = Style(attributes: .bold)
        theme.warning = Style(attributes: .underline)
        theme.bad = Style(attributes: [.bold, .reverse])
        theme.highlight = Style(attributes: .reverse)
        theme.barBehind = Style(attributes: .dim)
        theme.marker = Style(attributes: .bold)
        theme.tabActive = Style(attributes: [.bold, .reverse])
        theme.statusError = Style(attributes: [.bold, .reverse])
        return theme
    }()

    /// The names of the themes built into the program, the default first.
    public static let builtinNames = ["dark", "light", "high-contrast", "colorblind", "mono"]

    /// A built-in theme by name; the same text as the files in `themes/`, so the program works
    /// without them.
    public static func builtin(named name: String) -> Theme? {
        builtinThemes[name]
    }

    /// The built-in theme's name a name stands for, ignoring case, spaces, `-` and `_`
    /// (`Dark`, `High Contrast`).
    public static func builtinName(matching name: String) -> String? {
        let key = normalizedKey(name)
        return builtinNames.first { normalizedKey($0) == key }
    }

    /// The default theme: dark, which paints its own background.
    public static var standard: Theme { builtin(named: "dark") ?? plain }

    /// Whether any role has a colour: a theme with none is fit as it is for a screen without colour.
    public var hasColour: Bool {
        Role.allCases.contains { self[$0].fg != .default || self[$0].bg != .default }
    }

    private static let builtinThemes: [String: Theme] = {
        var themes: [String: Theme] = [:]
        for name in builtinNames {
            themes[name] = ThemeDefinition.builtin(named: name)?.theme
        }
        return themes
    }()
}

extension ThemeDefinition {
    /// A built-in theme as written, for themes that extend it.
    static func builtin(named name: String) -> ThemeDefinition? {
        builtinDefinitions[name]
    }

    /// Finds a built-in theme for `extends` in text that is not a file (a built-in theme, or text
    /// given to `ThemeLoader.parse`).
    static func builtinBase(_ name: String) -> Result<ThemeDefinition, BaseFailure> {
        if let found = Theme.builtinName(matching: name), let definition = builtin(named: found) { return .success(definition) }
        return .failure(.unknown(name: name, searched: [], available: Theme.builtinNames))
    }

    private static let builtinDefinitions: [String: ThemeDefinition] = {
        var definitions: [String: ThemeDefinition] = [:]
        // Parsed in order, so one may extend another before it.
        for name in Theme.builtinNames {
            guard let source = BuiltinThemeText.source(named: name) else { continue }
            let earlier = definitions
            let parsed = ThemeParser.parse(source, name: name, file: "\(name).toml") { base in
                earlier[base].map { .success($0) } ?? .failure(.unknown(name: base, searched: [], available: Array(earlier.keys).sorted()))
            }
            if case .success(let definition) = parsed { definitions[name] = definition }
        }
        return definitions
    }()
}
