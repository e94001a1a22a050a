import Foundation
import PipelineKit

/// The whole screen for a state: header, panes, footer and whatever overlay the mode shows.
/// Pure: the same state and size always give the same frame, which is what the tests read.
public enum Dashboard {
    public static func render(_ state: AppState, context: RenderContext) -> Frame {
        var frame = Frame(width: max(0, state.width), height: max(0, state.height), fill: context.theme.background)
        let layout = Layout.make(width: state.width, height: state.height, focus: state.focus, view: state.options.view)
        if layout.kind == .tooSmall {
            drawTooSmall(into: &frame, state: state, context: context)
            return frame
        }
        HeaderBar(state: state).draw(into: &frame, in: layout.header, context: context)
        if let tabs = layout.tabs {
            let order = state.paneOrder
            Tabs(titles: order.map(\.title), active: order.firstIndex(of: state.focus) ?? 0).draw(into: &frame, in: tabs, context: context)
        }
        if let tiles = layout.tiles { KPITiles(state: state).draw(into: &frame, in: tiles, context: context) }
        for placed in layout.panes {
            drawPane(placed.pane, in: placed.rect, state: state, showsNumber: layout.kind != .tabs, into: &frame, context: context)
        }
        FooterBar(state: state).draw(into: &frame, in: layout.footer, context: context)
        let body = Rect(x: 0, y: layout.header.maxY, width: state.width, height: max(0, layout.footer.y - layout.header.maxY))
        switch state.mode {
        case .help(let scroll): HelpOverlay(state: state, scroll: scroll).draw(into: &frame, in: body, context: context)
        case .problems(let scroll): ProblemsOverlay(state: state, scroll: scroll).draw(into: &frame, in: body, context: context)
        case .palette(let text, let choice): PaletteOverlay(state: state, text: text, choice: choice).draw(into: &frame, in: body, context: context)
        case .detail(let pane): DetailOverlay(state: state, pane: pane).draw(into: &frame, in: body, context: context)
        case .picker(let picker): PickerOverlay(picker: picker).draw(into: &frame, in: body, context: context)
        case .prompt(let prompt): PromptOverlay(prompt: prompt).draw(into: &frame, in: body, context: context)
        case .confirm(let question): ConfirmOverlay(question: question).draw(into: &frame, in: body, context: context)
        case .normal, .filtering: break
        }
        return frame
    }

    /// One pane alone, at the size of `width` x `height` (for `snapshot --pane`).
    public static func renderPane(_ pane: PaneID, state: AppState, context: RenderContext) -> Frame {
        var frame = Frame(width: state.width, height: state.height, fill: context.theme.background)
        drawPane(pane, in: frame.bounds, state: state, showsNumber: false, into: &frame, context: context)
        return frame
    }

    static func drawPane(_ pane: PaneID, in rect: Rect, state: AppState, showsNumber: Bool, into frame: inout Frame, context: RenderContext) {
        let focused = pane == state.focus
        let paneState = state[pane]
        let view = state.views[pane]
        var right = ""
        if let view, view.count > 0 {
            right = "\(context.numbers.count(paneState.selection + 1))/\(context.numbers.count(view.count))"
        }
        var filtered = ""
        if !paneState.filter.isEmpty {
            // The pane's figures are for all its rows: the title says the list is a part of them,
            // so "69 open" above 28 rows reads as what it is (shorter when the box is narrow).
            let total = view?.model.rowCount ?? 0
            filtered = "/\(paneState.filter): \(context.numbers.count(view?.count ?? 0)) of \(context.numbers.count(total)) shown  "
            right = filtered + right
        }
        if (pane == .inbox || pane == .sla) && !state.marks.isEmpty {
            // Marks the list does not show (hidden by the filter, or not in this list) are not
            // acted on: the count says how many are off screen.
            let hidden = state.marks.count - state.shownMarks(in: pane).count
            right = "\(state.marks.count) marked\(hidden > 0 ? " (\(hidden) hidden)" : "")  " + right
        }
        let number = (state.paneOrder.firstIndex(of: pane) ?? 0) + 1
        let title = (showsNumber ? "\(number) " : "") + pane.title + paneTitleSuffix(pane, state: state, dot: context.glyphs.isUnicode ? " · " : " - ")
        if !filtered.isEmpty && displayWidth(of: title) + displayWidth(of: right) + 6 > rect.width {
            right = right.replacingOccurrences(of: filtered, with: "/\(paneState.filter) (of \(context.numbers.count(view?.model.rowCount ?? 0)))  ")
        }
        let inside = Box(title: title, rightTitle: right, isFocused: focused).draw(into: &frame, in: rect, context: context)
        guard inside.height > 0, inside.width > 0 else { return }
        let content = inside.inset(left: 1, right: 1)
        if state.snapshot == nil {
            frame.put("Loading…", x: content.x, y: content.y, style: context.theme.muted, maxWidth: content.width)
            return
        }
        if let problem = paneProblem(pane, state: state) {
            frame.put(problem, x: content.x, y: content.y, style: context.theme.bad, maxWidth: content.width)
        }
        let offset = paneProblem(pane, state: state) == nil ? 0 : 1
        let summaryCount = PaneCatalog.summaryLines(for: pane, height: rect.height)
        let summary = PaneCatalog.summary(for: pane, state: state, height: rect.height, width: content.width)
        let summaryRect = Rect(x: content.x, y: content.y + offset, width: content.width, height: min(summaryCount, max(0, content.height - offset - 2)))
        SummaryDrawing.draw(summary, into: &frame, in: summaryRect, context: context)
        var tableRect = Rect(x: content.x, y: summaryRect.maxY, width: content.width, height: max(0, content.maxY - summaryRect.maxY))
        // The funnel's rows are few: notes fill the room below them (a blank line between).
        if pane == .funnel, let view, let m = state.metrics, let s = state.snapshot, s.leads.count > 0 {
            let spare = tableRect.height - 1 - view.count - 1
            if spare > 0 {
                let notes = Array(FunnelPane.notes(m, snapshot: s, numbers: context.numbers).prefix(spare))
                let notesRect = Rect(x: content.x, y: content.maxY - notes.count, width: content.width, height: notes.count)
                SummaryDrawing.draw(notes, into: &frame, in: notesRect, context: context)
                tableRect.height -= notes.count
            }
        }
        if let view { PaneTable(pane: pane, view: view, paneState: paneState, focused: focused, state: state).draw(into: &frame, in: tableRect, context: context) }
    }

    private static func paneTitleSuffix(_ pane: PaneID, state: AppState, dot: String) -> String {
        switch pane {
        case .funnel: return state.split == .all ? "" : dot + state.split.label
        case .campaigns: return dot + "whole life"
        default: return ""
        }
    }

    /// The file whose error this pane's numbers are missing, if any (its last good data is still shown).
    static func paneProblem(_ pane: PaneID, state: AppState) -> String? {
        guard let s = state.snapshot else { return nil }
        let tables: [String]
        switch pane {
        case .campaigns: tables = ["campaigns", "leads", "deals"]
        case .funnel: tables = ["leads", "deals"]
        case .quotas: tables = ["quotas", "deals", "reps"]
        case .sla, .inbox: tables = ["leads"]
        case .deals: tables = ["deals"]
        case .since: tables = ["activity", "leads", "deals"]
        }
        for t in tables {
            guard let f = s.status(of: t), f.state == .failed, let p = f.firstProblem else { continue }
            return "\(p.location): \(p.message)" + (f.showingLastGood ? " (last good data shown)" : "")
        }
        return nil
    }

    static func drawTooSmall(into frame: inout Frame, state: AppState, context: RenderContext) {
        // Wrapped at word breaks: on a very narrow terminal a cut would change the numbers it gives.
        let sentences = [("terminal too small: needs \(Layout.minimumWidth)x\(Layout.minimumHeight)", context.theme.warning),
                         ("now \(state.width)x\(state.height); q quits", context.theme.muted)]
        var lines: [(String, Style)] = []
        for (sentence, style) in sentences {
            var line = ""
            for word in sentence.split(separator: " ") {
                if !line.isEmpty && displayWidth(of: line) + 1 + displayWidth(of: String(word)) > state.width {
                    lines.append((line, style))
                    line = ""
                }
                line += (line.isEmpty ? "" : " ") + word
            }
            lines.append((line, style))
        }
        let top = max(0, (state.height - lines.count) / 2)
        for (i, (line, style)) in lines.enumerated() {
            let x = max(0, (state.width - displayWidth(of: line)) / 2)
            frame.put(line, x: x, y: top + i, style: style)
        }
    }
}
