/// A row of block glyphs, one per value, scaled so the largest value reaches the top.
/// A missing value is a space, so a gap in the data never passes for a low value.
public struct Sparkline: Sendable, Hashable {
    public var values: [Double?]
    /// The value drawn at full height; the largest value when nil. Share one across sparklines
    /// that should be compared.
    public var maximum: Double?
    /// The theme's `bar` style when nil.
    public var style: Style?

    public init(values: [Double?], maximum: Double? = nil, style: Style? = nil) {
        self.values = values
        self.maximum = maximum
        self.style = style
    }

    /// The glyphs for the last `width` values (all of them when there are fewer), left-aligned.
    public static func text(values: [Double?], maximum: Double? = nil, width: Int, glyphs: Glyphs) -> String {
        guard width > 0, !glyphs.sparkLevels.isEmpty else { return "" }
        let shown = values.suffix(width)
        let top = maximum ?? shown.compactMap { $0 }.filter(\.isFinite).max() ?? 0
        let levels = glyphs.sparkLevels
        var out = ""
        for value in shown {
            guard let value, value.isFinite else {
                out.append(" ")
                continue
            }
            var level = 0
            if top > 0, value > 0 {
                level = Int((min(value, top) / top * Double(levels.count - 1)).rounded())
            }
            out.append(levels[min(max(0, level), levels.count - 1)])
        }
        return out
    }

    /// Draws on the first row of `rect`.
    public func draw(into frame: inout Frame, in rect: Rect, context: RenderContext) {
        guard !rect.isEmpty else { return }
        let line = Sparkline.text(values: values, maximum: maximum, width: rect.width, glyphs: context.glyphs)
        frame.put(line, x: rect.x, y: rect.y, style: style ?? context.theme.bar, maxWidth: rect.width)
    }
}
