/// Rows of text under a header, with a selected row, scrolling that keeps the selection in view,
/// a sort indicator, and columns that give way (lowest priority first) when the space is narrow.
public struct Table: Sendable {
    public struct Column: Sendable, Hashable {
        public enum Width: Sendable, Hashable {
            /// Exactly this many columns when there is room (down to `minWidth` when there is not).
            case fixed(Int)
            /// A share of the space left after fixed columns, in proportion to `weight`.
            case flexible(weight: Int)
        }

        public var title: String
        public var width: Width
        public var alignment: Alignment
        /// The narrowest the column may get before it is dropped instead.
        public var minWidth: Int
        /// Columns with the lowest priority are dropped first when the table is too narrow;
        /// among equals, the rightmost goes first.
        public var priority: Int

        public init(_ title: String, width: Width = .flexible(weight: 1), alignment: Alignment = .left,
                    minWidth: Int? = nil, priority: Int = 0) {
            self.title = title
            self.width = width
            self.alignment = alignment
            switch width {
            case .fixed(let n): self.minWidth = max(1, min(minWidth ?? n, n))
            case .flexible: self.minWidth = max(1, minWidth ?? max(3, min(10, displayWidth(of: title))))
            }
            self.priority = priority
        }

        var preferredWidth: Int {
            if case .fixed(let n) = width { return max(n, minWidth) }
            return minWidth
        }

        var weight: Int {
            if case .flexible(let weight) = width { return max(0, weight) }
            return 0
        }
    }

    /// One cell: its text and, optionally, its own style (a bad number in the `bad` style, say).
    public struct Cell: Sendable, Hashable, ExpressibleByStringLiteral {
        public var text: String
        public var style: Style?
        public init(_ text: String, style: Style? = nil) {
            self.text = text
            self.style = style
        }
        public init(stringLiteral value: String) { self.init(value) }
    }

    public enum SortDirection: Sendable, Hashable {
        case ascending, descending
    }

    public var columns: [Column]
    public var rows: [[Cell]]
    /// The selected row's index in `rows`, drawn in the selection style.
    public var selection: Int?
    /// The first row shown last time; moved only as far as needed to show the selection.
    public var scrollOffset: Int
    /// The column the rows are sorted by, marked with ▲ or ▼ in the header.
    public var sortColumn: Int?
    public var sortDirection: SortDirection
    public var showsHeader: Bool
    /// Shown (muted) where the rows would be when there are none.
    public var emptyText: String
    /// Blank columns between two columns.
    public var columnGap: Int

    public init(columns: [Column], rows: [[Cell]], selection: Int? = nil, scrollOffset: Int = 0,
                sortColumn: Int? = nil, sortDirection: SortDirection = .ascending,
                showsHeader: Bool = true, emptyText: String = "", columnGap: Int = 1) {
        self.columns = columns
        self.rows = rows
        self.selection = selection
        self.scrollOffset = scrollOffset
        self.sortColumn = sortColumn
        self.sortDirection = sortDirection
        self.showsHeader = showsHeader
        self.emptyText = emptyText
        self.columnGap = columnGap
    }

    public init(columns: [Column], rows: [[String]], selection: Int? = nil, scrollOffset: Int = 0,
                sortColumn: Int? = nil, sortDirection: SortDirection = .ascending,
                showsHeader: Bool = true, emptyText: String = "", columnGap: Int = 1) {
        self.init(columns: columns, rows: rows.map { $0.map { Cell($0) } }, selection: selection,
                  scrollOffset: scrollOffset, sortColumn: sortColumn, sortDirection: sortDirection,
                  showsHeader: showsHeader, emptyText: emptyText, columnGap: columnGap)
    }

    /// The rows to show in `height` lines: starts at `offset` and moves only as far as needed to
    /// keep `selection` in view (so the list does not jump while the cursor moves inside it), and
    /// never leaves empty lines at the bottom while rows above are hidden.
    public static func visibleRange(selection: Int?, count: Int, height: Int, offset: Int = 0) -> Range<Int> {
        guard count > 0, height > 0 else { return 0..<0 }
        var start = min(max(0, offset), max(0, count - height))
        if let selection {
            let selected = min(max(0, selection), count - 1)
            if selected < start { start = selected }
            if selected >= start + height { start = selected - height + 1 }
        }
        return start..<min(count, start + height)
    }

    /// Each column's width in `width` cells, nil for a column dropped for lack of room.
    public static func layout(_ columns: [Column], width: Int, gap: Int = 1) -> [Int?] {
        guard !columns.isEmpty, width > 0 else { return Array(repeating: nil, count: columns.count) }
        var kept = Array(columns.indices)
        func needed(_ set: [Int]) -> Int {
            set.reduce(0) { $0 + columns[$1].minWidth } + max(0, gap) * max(0, set.count - 1)
        }
        while kept.count > 1, needed(kept) > width {
            let victim = kept.min { a, b in
                columns[a].priority != columns[b].priority ? columns[a].priority < columns[b].priority : a > b
            }!
            kept.removeAll { $0 == victim }
        }
        var widths: [Int?] = Array(repeating: nil, count: columns.count)
        for index in kept { widths[index] = columns[index].minWidth }
        var spare = width - needed(kept)
        if spare < 0, let only = kept.first {
            widths[only] = width
            return widths
        }
        // Fixed columns grow back to their set width first, left to right.
        for index in kept where spare > 0 {
            let grow = min(spare, columns[index].preferredWidth - columns[index].minWidth)
            widths[index]! += grow
            spare -= grow
        }
        let flexible = kept.filter { columns[$0].weight > 0 }
        if spare > 0, !flexible.isEmpty {
            let shares = Rect.distribute(spare, fractions: flexible.map { Double(columns[$0].weight) }, spacing: 0)
            for (index, share) in zip(flexible, shares) { widths[index]! += share }
        }
        return widths
    }

    /// Draws the table and returns the range of rows shown (store its lower bound as the next
    /// `scrollOffset`).
    @discardableResult
    public func draw(into frame: inout Frame, in rect: Rect, context: RenderContext) -> Range<Int> {
        let theme = context.theme
        frame.fill(rect: rect, style: theme.background)
        guard !rect.isEmpty else { return 0..<0 }
        let widths = Table.layout(columns, width: rect.width, gap: columnGap)
        var body = rect
        if showsHeader {
            let split = rect.splitHorizontally(at: 1)
            drawHeader(into: &frame, y: rect.y, x: rect.x, width: rect.width, widths: widths, context: context)
            body = split.bottom
        }
        if rows.isEmpty {
            if !emptyText.isEmpty, body.height > 0 {
                frame.put(emptyText, x: body.x, y: body.y, style: theme.muted, maxWidth: body.width)
            }
            return 0..<0
        }
        let range = Table.visibleRange(selection: selection, count: rows.count, height: body.height, offset: scrollOffset)
        for (line, index) in range.enumerated() {
            let y = body.y + line
            let isSelected = index == selection
            let rowStyle = isSelected ? theme.selection : theme.text
            frame.fill(rect: Rect(x: body.x, y: y, width: body.width, height: 1), style: rowStyle)
            var x = body.x
            for (column, width) in zip(columns.indices, widths) {
                guard let width else { continue }
                let cell = column < rows[index].count ? rows[index][column] : Cell("")
                let style = isSelected ? rowStyle : (cell.style ?? rowStyle)
                let text = tableCell(cell.text, toWidth: width, alignment: columns[column].alignment, mark: context.glyphs.ellipsis)
                frame.put(text, x: x, y: y, style: style, maxWidth: min(width, body.maxX - x))
                x += width + columnGap
            }
        }
        return range
    }

    private func drawHeader(into frame: inout Frame, y: Int, x start: Int, width total: Int, widths: [Int?], context: RenderContext) {
        let style = context.theme.header
        frame.fill(rect: Rect(x: start, y: y, width: total, height: 1), style: style)
        var x = start
        for (index, width) in zip(columns.indices, widths) {
            guard let width else { continue }
            let column = columns[index]
            var text: String
            if index == sortColumn, width >= 2 {
                let arrow = String(sortDirection == .ascending ? context.glyphs.sortAscending : context.glyphs.sortDescending)
                let lastShown = !widths[(index + 1)...].contains { $0 != nil }
                if displayWidth(of: column.title) >= width, columnGap > 0,
                   column.alignment == .right ? x > start : !lastShown {
                    // No room beside the title: the arrow takes the gap on the side it is drawn on
                    // (after a left-aligned title, before a right-aligned one), so the title is
                    // not cut ("Stag…").
                    frame.put(arrow, x: column.alignment == .right ? x - 1 : x + width, y: y, style: style)
                    text = column.title
                } else {
                    let title = truncated(column.title, toWidth: width - 1, mark: context.glyphs.ellipsis)
                    text = column.alignment == .right ? arrow + title : title + arrow
                }
            } else {
                text = column.title
            }
            text = padded(text, toWidth: width, alignment: column.alignment, mark: context.glyphs.ellipsis)
            frame.put(text, x: x, y: y, style: style, maxWidth: min(width, start + total - x))
            x += width + columnGap
        }
    }
}
