/// A rectangle of cells: where a pane or widget draws. Sizes never go negative, so a layout that
/// runs out of room yields empty rects that draw nothing instead of trapping.
public struct Rect: Hashable, Sendable, CustomStringConvertible {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
    public var isEmpty: Bool { width == 0 || height == 0 }
    public var description: String { "(\(x),\(y) \(width)x\(height))" }

    public func contains(x px: Int, y py: Int) -> Bool {
        px >= x && py >= y && px < maxX && py < maxY
    }

    /// The rect shrunk by `dx` columns on the left and right and `dy` rows on top and bottom.
    public func inset(dx: Int, dy: Int) -> Rect {
        inset(top: dy, left: dx, bottom: dy, right: dx)
    }

    /// The rect shrunk by one cell on every side: the inside of a border.
    public func inset(by amount: Int) -> Rect { inset(dx: amount, dy: amount) }

    public func inset(top: Int = 0, left: Int = 0, bottom: Int = 0, right: Int = 0) -> Rect {
        let w = max(0, width - left - right)
        let h = max(0, height - top - bottom)
        return Rect(x: x + min(left, width), y: y + min(top, height), width: w, height: h)
    }

    /// The part of both rects (empty, placed at the top-left corner of `self`, when they do not meet).
    public func intersection(_ other: Rect) -> Rect {
        let left = max(x, other.x), top = max(y, other.y)
        let right = min(maxX, other.maxX), bottom = min(maxY, other.maxY)
        guard right > left, bottom > top else { return Rect(x: x, y: y, width: 0, height: 0) }
        return Rect(x: left, y: top, width: right - left, height: bottom - top)
    }

    /// Row `index` of the rect as a one-row rect (empty when outside).
    public func row(_ index: Int) -> Rect {
        guard index >= 0, index < height else { return Rect(x: x, y: y + height, width: width, height: 0) }
        return Rect(x: x, y: y + index, width: width, height: 1)
    }

    /// A rect of the given size centred in this one (clamped to fit).
    public func centered(width w: Int, height h: Int) -> Rect {
        let cw = min(max(0, w), width), ch = min(max(0, h), height)
        return Rect(x: x + (width - cw) / 2, y: y + (height - ch) / 2, width: cw, height: ch)
    }

    /// Cut along a horizontal line `at` rows from the top (from the bottom when negative):
    /// the rows above and the rows from the line down.
    public func splitHorizontally(at offset: Int) -> (top: Rect, bottom: Rect) {
        let cut = min(height, max(0, offset < 0 ? height + offset : offset))
        return (Rect(x: x, y: y, width: width, height: cut),
                Rect(x: x, y: y + cut, width: width, height: height - cut))
    }

    /// Cut along a vertical line `at` columns from the left (from the right when negative).
    public func splitVertically(at offset: Int) -> (left: Rect, right: Rect) {
        let cut = min(width, max(0, offset < 0 ? width + offset : offset))
        return (Rect(x: x, y: y, width: cut, height: height),
                Rect(x: x + cut, y: y, width: width - cut, height: height))
    }

    /// Rows stacked top to bottom, their heights in proportion to `fractions` (normalised, so
    /// `[1, 2]` and `[0.33, 0.67]` are the same), with `spacing` rows between them. Heights add up
    /// exactly: leftover rows go to the parts with the largest remainders.
    public func splitHorizontally(fractions: [Double], spacing: Int = 0) -> [Rect] {
        let sizes = Rect.distribute(height, fractions: fractions, spacing: spacing)
        var top = y
        return sizes.map { size in
            defer { top += size + spacing }
            return Rect(x: x, y: top, width: width, height: size)
        }
    }

    /// Columns side by side left to right, their widths in proportion to `fractions`.
    public func splitVertically(fractions: [Double], spacing: Int = 0) -> [Rect] {
        let sizes = Rect.distribute(width, fractions: fractions, spacing: spacing)
        var left = x
        return sizes.map { size in
            defer { left += size + spacing }
            return Rect(x: left, y: y, width: size, height: height)
        }
    }

    /// `total` cells minus the gaps, shared by weight with the largest-remainder method.
    static func distribute(_ total: Int, fractions: [Double], spacing: Int) -> [Int] {
        guard !fractions.isEmpty else { return [] }
        let weights = fractions.map { $0.isFinite && $0 > 0 ? $0 : 0 }
        let available = max(0, total - max(0, spacing) * (fractions.count - 1))
        let sum = weights.reduce(0, +)
        guard sum > 0 else {
            return Rect.distribute(total, fractions: Array(repeating: 1, count: fractions.count), spacing: spacing)
        }
        let exact = weights.map { Double(available) * $0 / sum }
        var sizes = exact.map { Int($0.rounded(.down)) }
        var left = available - sizes.reduce(0, +)
        let remainder = exact.indices.map { exact[$0] - Double(sizes[$0]) }
        let order = exact.indices.sorted { remainder[$0] != remainder[$1] ? remainder[$0] > remainder[$1] : $0 < $1 }
        for index in order where left > 0 && weights[index] > 0 {
            sizes[index] += 1
            left -= 1
        }
        return sizes
    }
}
