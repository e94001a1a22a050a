import PipelineKit

/// Draws a pane's rows: only the ones on screen are turned into text, so the length of the list
/// does not matter. Changed values are drawn in the highlight style while their flash lasts.
struct PaneTable {
    let pane: PaneID
    let view: PaneView
    let paneState: PaneState
    let focused: Bool
    let state: AppState

    func draw(into frame: inout Frame, in rect: Rect, context: RenderContext) {
        let theme = context.theme
        guard !rect.isEmpty else { return }
        let model = view.model
        let columns = model.columns.map(\.tableColumn)
        // While leads are marked, the mark has a column of its own: drawn over the first cell it
        // would hide the minus of an overdue time.
        let gutter = (pane == .inbox || pane == .sla) && !state.marks.isEmpty && rect.width > 2 ? 2 : 0
        let widths = Table.layout(columns, width: rect.width - gutter, gap: 1)
        drawHeader(into: &frame, y: rect.y, x: rect.x, width: rect.width, gutter: gutter, widths: widths, context: context)
        let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        guard body.height > 0 else { return }
        if view.count == 0 {
            let empty = paneState.filter.isEmpty ? "Nothing to show" : "No rows match \"\(paneState.filter)\" (Esc clears)"
            frame.put(empty, x: body.x + 1, y: body.y, style: theme.muted, maxWidth: body.width - 1)
            return
        }
        let range = Table.visibleRange(selection: paneState.selection, count: view.count, height: body.height, offset: paneState.scroll)
        for (line, position) in range.enumerated() {
            let y = body.y + line
            let row = Int(view.order[position])
            let selected = position == paneState.selection
            let rowStyle = selected ? (focused ? theme.selection : theme.header) : theme.text
            frame.fill(rect: Rect(x: body.x, y: y, width: body.width, height: 1), style: rowStyle)
            let id = model.id(row)
            // In the standup, rows that changed since the last one are marked.
            let changedSince = pane != .since && (state.sinceReport?.changedIDs.contains(id) ?? false)
            var x = body.x + gutter
            var firstText = true
            for (column, width) in zip(columns.indices, widths) {
                guard let width else { continue }
                let cell = model.cell(row, column)
                let cellRect = Rect(x: x, y: y, width: width, height: 1)
                let flashing = state.isFlashing(AppState.flashKey(pane, id, column))
                if let bar = cell.bar {
                    Bar(fraction: bar.fraction, marker: bar.marker, style: theme.style(for: cell.tone) ?? theme.bar)
                        .draw(into: &frame, in: cellRect, context: context)
                } else if let spark = cell.spark {
                    Sparkline(values: spark.map { Optional($0) }, style: theme.accent).draw(into: &frame, in: cellRect, context: context)
                } else {
                    var style = selected ? rowStyle : (theme.style(for: cell.tone) ?? rowStyle)
                    if flashing || (changedSince && firstText && !cell.text.isEmpty) { style = theme.highlight }
                    if !cell.text.isEmpty { firstText = false }
                    let text = tableCell(cell.text, toWidth: width, alignment: columns[column].alignment, mark: context.glyphs.ellipsis)
                    frame.put(text, x: x, y: y, style: style, maxWidth: width)
                }
                x += width + 1
            }
            if state.marks.contains(id) {
                frame.put(String(context.glyphs.filled), x: body.x, y: y, style: selected ? rowStyle : theme.accent, maxWidth: 1)
            }
        }
    }

    private func drawHeader(into frame: inout Frame, y: Int, x start: Int, width total: Int, gutter: Int, widths: [Int?], context: RenderContext) {
        let style = context.theme.header
        frame.fill(rect: Rect(x: start, y: y, width: total, height: 1), style: style)
        var x = start + gutter
        let columns = view.model.columns
        for (index, width) in zip(columns.indices, widths) {
            guard let width else { continue }
            var title = columns[index].title
            if index == paneState.sortColumn {
                let arrow = String(paneState.sortDescending ? context.glyphs.sortDescending : context.glyphs.sortAscending)
                // The arrow stays whole: the title gives way to it on a narrow column.
                if displayWidth(of: title) + displayWidth(of: arrow) > width {
                    title = truncated(title, toWidth: max(0, width - displayWidth(of: arrow)), ellipsis: false)
                }
                title = columns[index].alignment == .right ? arrow + title : title + arrow
            }
            frame.put(padded(title, toWidth: width, alignment: columns[index].alignment, mark: context.glyphs.ellipsis),
                      x: x, y: y, style: style, maxWidth: width)
            x += width + 1
        }
    }
}

/// Draws summary lines: tones for text, bars at their set width.
struct SummaryDrawing {
    static func draw(_ lines: [SummaryLine], into frame: inout Frame, in rect: Rect, context: RenderContext) {
        let theme = context.theme
        for (index, line) in lines.enumerated() where index < rect.height {
            var x = rect.x
            let y = rect.y + index
            for (k, segment) in line.segments.enumerated() {
                guard x < rect.maxX else { break }
                switch segment {
                case .text(let text, let tone):
                    // A segment that does not fit, or a label that would leave no room for what
                    // follows it, is cut with a mark, and never inside a figure.
                    let room = rect.maxX - x
                    let needed = displayWidth(of: text) + (k < line.segments.count - 1 ? 1 : 0)
                    // A segment that fits only without what follows is cut too, so the line still
                    // ends with the mark.
                    let more = k < line.segments.count - 1 ? " " : ""
                    let shown = needed <= room ? text : truncatedBeforeFigure(text + more, toWidth: room, mark: context.glyphs.ellipsis)
                    x += frame.put(shown, x: x, y: y, style: theme.style(for: tone) ?? theme.text, maxWidth: room)
                    if needed > room { x = rect.maxX }
                case .bar(let value, let width):
                    let w = min(width, rect.maxX - x)
                    Bar(fraction: value.fraction, marker: value.marker).draw(into: &frame, in: Rect(x: x, y: y, width: w, height: 1), context: context)
                    x += w
                }
            }
        }
    }
}

extension Theme {
    /// The style of a tone; nil for `.normal`, which takes whatever its place is drawn in.
    func style(for tone: CellTone) -> Style? {
        switch tone {
        case .normal: return nil
        case .muted: return muted
        case .good: return good
        case .warning: return warning
        case .bad: return bad
        case .accent: return accent
        }
    }
}
