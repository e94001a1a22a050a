/// A theme as its file writes it, before the roles are worked out: what `extends` lays a file
/// over. Keeping what was written, not the finished styles, lets a theme that sets a new
/// background repaint every role that had none of its own, and lets a palette name mean the
/// extending file's colour everywhere it is used.
struct ThemeDefinition: Sendable, Equatable {
    /// A colour as written: a colour itself, or a palette name looked up once the palettes of a
    /// theme and of the themes it extends are laid together.
    enum ColorRef: Sendable, Equatable {
        case color(Color)
        case palette(String)
    }

    /// One role's entry in `[roles]`; what it leaves out comes from the theme it extends, else
    /// from `text` (and `text`'s from `background`).
    struct RoleSpec: Sendable, Equatable {
        var fg: ColorRef?
        var bg: ColorRef?
        var attributes: Attributes?
    }

    var name: String
    var description: String
    var palette: [String: Color] = [:]
    var roles: [Theme.Role: RoleSpec] = [:]

    /// This theme laid over `base`: palette names and role fields it does not write are the base's.
    func laid(over base: ThemeDefinition) -> ThemeDefinition {
        var out = self
        out.palette = base.palette.merging(palette) { _, own in own }
        for (role, inherited) in base.roles {
            let own = roles[role]
            out.roles[role] = RoleSpec(fg: own?.fg ?? inherited.fg, bg: own?.bg ?? inherited.bg,
                                       attributes: own?.attributes ?? inherited.attributes)
        }
        return out
    }

    /// The finished styles. Background first, then text, then the rest, since each takes the
    /// colours it does not set from the one before.
    var theme: Theme {
        var theme = Theme(name: name, description: description)
        func color(_ ref: ColorRef?) -> Color? {
            switch ref {
            case .color(let c): c
            case .palette(let name): palette[name]
            case nil: nil
            }
        }
        func style(_ role: Theme.Role, over start: Style) -> Style {
            let spec = roles[role]
            return Style(fg: color(spec?.fg) ?? start.fg, bg: color(spec?.bg) ?? start.bg, attributes: spec?.attributes ?? [])
        }
        theme.background = style(.background, over: .plain)
        theme.text = style(.text, over: theme.background)
        for role in Theme.Role.allCases where role != .background && role != .text {
            theme[role] = style(role, over: theme.text)
        }
        return theme
    }
}
