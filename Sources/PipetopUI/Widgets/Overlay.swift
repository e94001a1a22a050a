/// A box centred over whatever is on screen (help, a prompt, a picker). It clears the cells under
/// it, so the pane behind never shows through.
public struct Overlay: Sendable, Hashable {
    public var title: String
    public var rightTitle: String
    /// Outer size wanted, border included; shrunk to fit the area it is drawn in.
    public var width: Int
    public var height: Int

    public init(title: String, rightTitle: String = "", width: Int, height: Int) {
        self.title = title
        self.rightTitle = rightTitle
        self.width = width
        self.height = height
    }

    /// An overlay just big enough for `lines` with one column of padding inside the border.
    public init(title: String, rightTitle: String = "", fitting lines: [String]) {
        let widest = lines.map { displayWidth(of: $0) }.max() ?? 0
        let titles = displayWidth(of: title) + (rightTitle.isEmpty ? 0 : displayWidth(of: rightTitle) + 3)
        self.init(title: title, rightTitle: rightTitle, width: max(widest + 4, titles + 4), height: lines.count + 2)
    }

    /// Where the overlay goes in `area`: centred, leaving a one-cell margin when there is room.
    public func frameRect(in area: Rect) -> Rect {
        let room = area.width > 4 && area.height > 4 ? area.inset(by: 1) : area
        return room.centered(width: width, height: height)
    }

    /// Clears and draws the overlay's box in `area`; returns the padded rect inside for its content.
    @discardableResult
    public func draw(into frame: inout Frame, in area: Rect, context: RenderContext) -> Rect {
        let outer = frameRect(in: area)
        frame.fill(rect: outer, style: context.theme.background)
        let inside = Box(title: title, rightTitle: rightTitle, isFocused: true, border: .rounded)
            .draw(into: &frame, in: outer, context: context)
        return inside.inset(left: 1, right: 1)
    }

    /// Draws the overlay with `lines` of text inside, cut to fit.
    public func draw(lines: [String], into frame: inout Frame, in area: Rect, context: RenderContext) {
        let inside = draw(into: &frame, in: area, context: context)
        for (index, line) in lines.enumerated() where index < inside.height {
            frame.put(truncated(line, toWidth: inside.width, mark: context.glyphs.ellipsis),
                      x: inside.x, y: inside.y + index, style: context.theme.text, maxWidth: inside.width)
        }
    }
}
