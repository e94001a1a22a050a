/// The row of pane names at the top, numbered by the key that opens each: ` 1 Campaigns  2 Funnel `.
/// The active one is drawn in `tabActive`; when the row is narrow the others shorten, down to
/// their number alone.
public struct Tabs: Sendable, Hashable {
    public var titles: [String]
    public var active: Int
    public var numbered: Bool

    public init(titles: [String], active: Int, numbered: Bool = true) {
        self.titles = titles
        self.active = active
        self.numbered = numbered
    }

    /// The labels as drawn, each with a space either side, for a row `width` columns wide.
    public func labels(width: Int, glyphs: Glyphs) -> [String] {
        func label(_ index: Int, titleWidth: Int?) -> String {
            let number = numbered ? "\(index + 1)" : ""
            var title = titles[index]
            if let titleWidth {
                title = titleWidth <= 0 ? "" : truncated(title, toWidth: titleWidth, mark: glyphs.ellipsis)
            }
            let body = [number, title].filter { !$0.isEmpty }.joined(separator: " ")
            return " " + body + " "
        }
        let longest = titles.map { displayWidth(of: $0) }.max() ?? 0
        // Shorten the inactive titles one column at a time until the row fits.
        for limit in stride(from: longest, through: 0, by: -1) {
            let candidate = titles.indices.map { label($0, titleWidth: $0 == active ? nil : limit) }
            if candidate.reduce(0, { $0 + displayWidth(of: $1) }) <= width || (limit == 0 && numbered) {
                return candidate
            }
        }
        return titles.indices.map { label($0, titleWidth: $0 == active ? nil : 0) }
    }

    /// Draws on the first row of `rect`, which is first filled in the inactive style.
    public func draw(into frame: inout Frame, in rect: Rect, context: RenderContext) {
        guard !rect.isEmpty else { return }
        let row = rect.row(0)
        frame.fill(rect: row, style: context.theme.tabInactive)
        var x = row.x
        for (index, text) in labels(width: row.width, glyphs: context.glyphs).enumerated() {
            guard x < row.maxX else { break }
            let style = index == active ? context.theme.tabActive : context.theme.tabInactive
            x += frame.put(text, x: x, y: row.y, style: style, maxWidth: row.maxX - x)
        }
    }
}
