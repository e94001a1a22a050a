/// What every widget draws with: the theme's styles, the glyph set the terminal can show, and
/// how numbers are written. Made once by the backend (the locale decides the glyphs) and passed down.
public struct RenderContext: Sendable {
    public var theme: Theme
    public var glyphs: Glyphs
    public var numbers: NumberText

    public init(theme: Theme = .standard, glyphs: Glyphs = .unicode, currencySymbol: String = "$") {
        self.theme = theme
        self.glyphs = glyphs
        numbers = NumberText(glyphs: glyphs, currencySymbol: currencySymbol)
    }
}
