/// A bordered panel with a title on its top edge (and optionally a second one at the right, such
/// as "12/340" or "as of Nov 3"). The focused panel gets heavy lines in the focus style, so focus
/// shows without colour too.
public struct Box: Sendable, Hashable {
    public enum Border: Sendable, Hashable {
        case light, heavy, rounded
    }

    public var title: String
    public var rightTitle: String
    public var isFocused: Bool
    /// The line style; nil picks heavy when focused and light otherwise.
    public var border: Border?
    /// Clears the inside with the theme's background, so nothing drawn before shows through.
    public var clearsInside: Bool

    public init(title: String = "", rightTitle: String = "", isFocused: Bool = false,
                border: Border? = nil, clearsInside: Bool = true) {
        self.title = title
        self.rightTitle = rightTitle
        self.isFocused = isFocused
        self.border = border
        self.clearsInside = clearsInside
    }

    /// The space inside a box drawn in `rect`.
    public static func inner(of rect: Rect) -> Rect { rect.inset(by: 1) }

    /// Draws the box and returns the rect inside its border.
    @discardableResult
    public func draw(into frame: inout Frame, in rect: Rect, context: RenderContext) -> Rect {
        let theme = context.theme
        let inside = Box.inner(of: rect)
        guard rect.width >= 2, rect.height >= 2 else {
            frame.fill(rect: rect, style: theme.background)
            return inside
        }
        let lines = boxLines(context.glyphs)
        let style = isFocused ? theme.borderFocused : theme.border
        if clearsInside { frame.fill(rect: inside, style: theme.background) }

        let top = rect.y, bottom = rect.maxY - 1, left = rect.x, right = rect.maxX - 1
        frame.fill(rect: Rect(x: left + 1, y: top, width: rect.width - 2, height: 1), style: style, character: lines.horizontal)
        frame.fill(rect: Rect(x: left + 1, y: bottom, width: rect.width - 2, height: 1), style: style, character: lines.horizontal)
        frame.fill(rect: Rect(x: left, y: top + 1, width: 1, height: rect.height - 2), style: style, character: lines.vertical)
        frame.fill(rect: Rect(x: right, y: top + 1, width: 1, height: rect.height - 2), style: style, character: lines.vertical)
        frame.put(String(lines.topLeft), x: left, y: top, style: style)
        frame.put(String(lines.topRight), x: right, y: top, style: style)
        frame.put(String(lines.bottomLeft), x: left, y: bottom, style: style)
        frame.put(String(lines.bottomRight), x: right, y: bottom, style: style)
        drawTitles(into: &frame, from: left + 1, to: right, y: top, context: context)
        return inside
    }

    /// A horizontal rule across a box drawn in `rect`, at row `y`, joined to its sides (├───┤).
    public func drawRule(into frame: inout Frame, in rect: Rect, y: Int, context: RenderContext) {
        guard rect.width >= 2, y > rect.y, y < rect.maxY - 1 else { return }
        let lines = boxLines(context.glyphs)
        let style = isFocused ? context.theme.borderFocused : context.theme.border
        frame.fill(rect: Rect(x: rect.x + 1, y: y, width: rect.width - 2, height: 1), style: style, character: lines.horizontal)
        frame.put(String(lines.teeLeft), x: rect.x, y: y, style: style)
        frame.put(String(lines.teeRight), x: rect.maxX - 1, y: y, style: style)
    }

    private func boxLines(_ glyphs: Glyphs) -> Glyphs.BoxLines {
        switch border ?? (isFocused ? .heavy : .light) {
        case .light: glyphs.light
        case .heavy: glyphs.heavy
        case .rounded: glyphs.rounded
        }
    }

    /// Titles go between the corners, each with a space either side. When they do not both fit,
    /// the left one is cut (down to eight columns or its own width), then the right one is dropped.
    private func drawTitles(into frame: inout Frame, from start: Int, to end: Int, y: Int, context: RenderContext) {
        let room = end - start
        let mark = context.glyphs.ellipsis
        var titleWidth = title.isEmpty ? 0 : displayWidth(of: title) + 2
        let rightWidth = rightTitle.isEmpty ? 0 : displayWidth(of: rightTitle) + 2
        if rightWidth > 0 {
            let gap = titleWidth > 0 ? 1 : 0
            let leftForTitle = room - rightWidth - gap
            if leftForTitle >= min(titleWidth, 8 + 2) {
                titleWidth = min(titleWidth, leftForTitle)
                frame.put(" " + rightTitle + " ", x: end - rightWidth, y: y, style: context.theme.muted)
            }
        }
        guard titleWidth > 0, room >= 3 else { return }
        titleWidth = min(titleWidth, room)
        let text = " " + truncated(title, toWidth: titleWidth - 2, mark: mark) + " "
        frame.put(text, x: start, y: y, style: context.theme.title)
    }
}
