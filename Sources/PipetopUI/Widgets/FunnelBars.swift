/// The funnel: one row per stage, a label, a bar in proportion to the stage's count (centred, so
/// the rows narrow like a funnel, or left-aligned), the count, and a detail such as the conversion
/// from the stage above.
///
///     Lead        ███████████████████  1,204  100%
///     MQL             ███████████        642  53.3%
public struct FunnelBars: Sendable, Hashable {
    public struct Stage: Sendable, Hashable {
        public var label: String
        /// nil when unknown: drawn as the missing mark, never as an empty bar that reads as 0.
        public var count: Int?
        public var detail: String
        /// The bar's style; the theme's `bar` when nil.
        public var style: Style?

        public init(_ label: String, count: Int?, detail: String = "", style: Style? = nil) {
            self.label = label
            self.count = count
            self.detail = detail
            self.style = style
        }
    }

    public var stages: [Stage]
    public var centered: Bool
    /// Blank rows between stages.
    public var spacing: Int

    public init(stages: [Stage], centered: Bool = true, spacing: Int = 0) {
        self.stages = stages
        self.centered = centered
        self.spacing = spacing
    }

    /// Draws one stage per row from the top of `rect`. When narrow, details go first, then the
    /// label shrinks; the count stays.
    public func draw(into frame: inout Frame, in rect: Rect, context: RenderContext) {
        guard !rect.isEmpty else { return }
        let theme = context.theme
        frame.fill(rect: rect, style: theme.background)
        let counts = stages.map { context.numbers.count($0.count) }
        let countColumns = counts.map { displayWidth(of: $0) }.max() ?? 0
        var detailColumns = stages.map { displayWidth(of: $0.detail) }.max() ?? 0
        var labelColumns = stages.map { displayWidth(of: $0.label) }.max() ?? 0
        let minimumBar = 6
        func barColumns() -> Int {
            rect.width - labelColumns - 1 - countColumns - (detailColumns > 0 ? detailColumns + 1 : 0) - 1
        }
        if barColumns() < minimumBar { detailColumns = 0 }
        if barColumns() < minimumBar { labelColumns = max(3, labelColumns - (minimumBar - barColumns())) }
        let barWidth = max(0, barColumns())
        let largest = stages.compactMap(\.count).max() ?? 0
        let mark = context.glyphs.ellipsis

        for (index, stage) in stages.enumerated() {
            let y = rect.y + index * (1 + max(0, spacing))
            guard y < rect.maxY else { break }
            var x = rect.x
            frame.put(padded(stage.label, toWidth: labelColumns, mark: mark), x: x, y: y, style: theme.text, maxWidth: rect.maxX - x)
            x += labelColumns + 1
            if barWidth > 0 {
                drawBar(stage, largest: largest, into: &frame, x: x, y: y, width: barWidth, context: context)
                x += barWidth + 1
            }
            let countStyle = stage.count == nil ? theme.muted : theme.text
            x += frame.put(padded(counts[index], toWidth: countColumns, alignment: .right, mark: mark),
                           x: x, y: y, style: countStyle, maxWidth: max(0, rect.maxX - x))
            if detailColumns > 0 {
                frame.put(padded(stage.detail, toWidth: detailColumns, alignment: .right, mark: mark),
                          x: x + 1, y: y, style: theme.muted, maxWidth: max(0, rect.maxX - x - 1))
            }
        }
    }

    private func drawBar(_ stage: Stage, largest: Int, into frame: inout Frame, x: Int, y: Int, width: Int, context: RenderContext) {
        guard let count = stage.count, largest > 0 else { return }
        let fraction = Double(max(0, count)) / Double(largest)
        let style = stage.style ?? context.theme.bar
        if !centered {
            var glyphs = context.glyphs
            glyphs.barBehind = " "
            Bar(fraction: fraction, style: style)
                .draw(into: &frame, in: Rect(x: x, y: y, width: width, height: 1),
                      context: RenderContext(theme: context.theme, glyphs: glyphs))
            return
        }
        // Centred bars grow by a cell on each side, so widths keep the parity of the full bar.
        var cells = Int((fraction * Double(width)).rounded())
        if count > 0 { cells = max(cells, 1) }
        if cells > 0, (width - cells) % 2 != 0 { cells += cells < width ? 1 : -1 }
        let start = x + (width - cells) / 2
        let full = String(context.glyphs.barSteps.last ?? "#")
        frame.put(String(repeating: full, count: cells), x: start, y: y, style: style)
    }
}
