/// One row: a label, a bar, and the value as a percentage (or a text of the caller's) at the right.
///
///     Ana Ruiz    ████████▌░░░┃░░░░  63%
public struct Gauge: Sendable, Hashable {
    public var label: String
    public var fraction: Double?
    public var marker: Double?
    /// Columns for the label; its own width when nil. Give the same to gauges stacked in a column.
    public var labelWidth: Int?
    /// Shown instead of the percentage ("$1.2M", "12/40").
    public var valueText: String?
    /// Columns for the value text; its own width (at least 4) when nil.
    public var valueWidth: Int?
    public var barStyle: Style?
    public var valueStyle: Style?

    public init(label: String, fraction: Double?, marker: Double? = nil, labelWidth: Int? = nil,
                valueText: String? = nil, valueWidth: Int? = nil, barStyle: Style? = nil, valueStyle: Style? = nil) {
        self.label = label
        self.fraction = fraction
        self.marker = marker
        self.labelWidth = labelWidth
        self.valueText = valueText
        self.valueWidth = valueWidth
        self.barStyle = barStyle
        self.valueStyle = valueStyle
    }

    /// Draws on the first row of `rect`. When space is short the label shrinks first, then the bar
    /// goes; the value stays as long as it fits at all.
    public func draw(into frame: inout Frame, in rect: Rect, context: RenderContext) {
        guard !rect.isEmpty else { return }
        let theme = context.theme
        let row = rect.row(0)
        frame.fill(rect: row, style: theme.background)
        let value = valueText ?? context.numbers.percent(fraction, decimals: 0)
        let valueColumns = min(row.width, max(valueWidth ?? 4, displayWidth(of: value)))
        var labelColumns = label.isEmpty && labelWidth == nil ? 0 : (labelWidth ?? displayWidth(of: label))
        let minimumBar = 3
        var barColumns = row.width - valueColumns - 1 - (labelColumns > 0 ? labelColumns + 1 : 0)
        if barColumns < minimumBar, labelColumns > 0 {
            labelColumns = max(0, labelColumns - (minimumBar - barColumns))
            barColumns = row.width - valueColumns - 1 - (labelColumns > 0 ? labelColumns + 1 : 0)
        }
        if barColumns < minimumBar { barColumns = 0 }
        var x = row.x
        if labelColumns > 0 {
            frame.put(padded(label, toWidth: labelColumns, mark: context.glyphs.ellipsis), x: x, y: row.y, style: theme.text)
            x += labelColumns + 1
        }
        if barColumns > 0 {
            Bar(fraction: fraction, marker: marker, style: barStyle)
                .draw(into: &frame, in: Rect(x: x, y: row.y, width: barColumns, height: 1), context: context)
        }
        let valueX = row.maxX - valueColumns
        frame.put(padded(value, toWidth: valueColumns, alignment: .right, mark: context.glyphs.ellipsis),
                  x: valueX, y: row.y, style: valueStyle ?? theme.text)
    }
}
