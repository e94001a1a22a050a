/// A horizontal bar for a fraction 0...1 with eighth-of-a-cell precision (whole cells in ASCII).
/// Past 1 the bar is full and ends in an overflow glyph. An optional marker shows where the value
/// should be by now (expected-to-date against a quota, say).
public struct Bar: Sendable, Hashable {
    public var fraction: Double?
    /// Where the pace marker goes, as a fraction of the bar; nil for none.
    public var marker: Double?
    /// The filled part's style; the theme's `bar` when nil.
    public var style: Style?
    /// The overflow end's style; the filled part's when nil.
    public var overflowStyle: Style?

    public init(fraction: Double?, marker: Double? = nil, style: Style? = nil, overflowStyle: Style? = nil) {
        self.fraction = fraction
        self.marker = marker
        self.style = style
        self.overflowStyle = overflowStyle
    }

    /// The bar's characters for `width` cells: filled steps, then the empty track.
    /// A missing value (nil, NaN) leaves the track empty.
    public static func characters(fraction: Double?, marker: Double? = nil, width: Int, glyphs: Glyphs) -> [Character] {
        layout(fraction: fraction, marker: marker, width: width, glyphs: glyphs).map(\.character)
    }

    /// Draws the bar on every row of `rect` (a taller rect gives a thicker bar).
    public func draw(into frame: inout Frame, in rect: Rect, context: RenderContext) {
        guard !rect.isEmpty else { return }
        let theme = context.theme
        let fill = style ?? theme.bar
        let cells = Bar.layout(fraction: fraction, marker: marker, width: rect.width, glyphs: context.glyphs)
        for y in rect.y..<rect.maxY {
            for (offset, cell) in cells.enumerated() {
                let cellStyle: Style
                switch cell.part {
                case .filled: cellStyle = fill
                case .behind: cellStyle = theme.barBehind
                case .overflow: cellStyle = overflowStyle ?? fill
                case .marker: cellStyle = theme.marker
                }
                frame.put(String(cell.character), x: rect.x + offset, y: y, style: cellStyle)
            }
        }
    }

    enum Part { case filled, behind, overflow, marker }

    static func layout(fraction: Double?, marker: Double?, width: Int, glyphs: Glyphs) -> [(character: Character, part: Part)] {
        guard width > 0 else { return [] }
        var cells = Array(repeating: (character: glyphs.barBehind, part: Part.behind), count: width)
        let steps = max(1, glyphs.barSteps.count)
        let full = glyphs.barSteps.last ?? "#"
        if let fraction, fraction.isFinite, fraction > 0 {
            let clamped = min(fraction, 1)
            // Something above zero always shows at least one step: "a little" is not "nothing".
            let units = max(1, Int((clamped * Double(width * steps)).rounded()))
            let whole = units / steps, rest = units % steps
            for index in 0..<min(whole, width) { cells[index] = (full, .filled) }
            if rest > 0, whole < width { cells[whole] = (glyphs.barSteps[rest - 1], .filled) }
            if fraction > 1 { cells[width - 1] = (glyphs.barOverflow, .overflow) }
        }
        if let marker, marker.isFinite {
            var index = min(width - 1, max(0, Int((marker * Double(width)).rounded(.down))))
            // Over the overflow end the marker would make 118% look like 91%: it steps back a cell.
            if cells[index].part == .overflow && width > 1 { index -= 1 }
            cells[index] = (glyphs.pace, .marker)
        }
        return cells
    }
}
