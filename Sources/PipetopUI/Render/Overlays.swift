import PipelineKit

/// Every command by group with its keys: made from the registry, so it is never out of date.
struct HelpOverlay {
    let state: AppState
    let scroll: Int

    /// The commands of `view`: a key that does nothing there (a pane the view lacks, the standup's
    /// pause elsewhere, an edit on a read-only screen) is not offered.
    static func lines(unicode: Bool, pane: PaneID, view: ViewKind, readOnly: Bool = false) -> [String] {
        var out: [String] = []
        if readOnly { out.append("Read-only: the keys that change leads are off.") }
        for group in Command.Group.allCases {
            let commands = Commands.all.filter { $0.group == group && $0.available(in: view) && !(readOnly && $0.edits) }
            guard !commands.isEmpty else { continue }
            if !out.isEmpty { out.append("") }
            out.append(group.rawValue)
            for c in commands {
                let keys = c.keys.map(unicode ? keyLabel : keyLabelASCII).joined(separator: " ")
                let where_ = c.panes.map { " (" + $0.map(\.title).sorted().joined(separator: ", ") + ")" } ?? ""
                out.append("  " + padded(keys, toWidth: 14) + " " + c.description + where_)
            }
        }
        out.append("")
        out.append("Type : for the command palette: every command by name, scopes, periods.")
        return out
    }

    func draw(into frame: inout Frame, in area: Rect, context: RenderContext) {
        let all = HelpOverlay.lines(unicode: context.glyphs.isUnicode, pane: state.focus, view: state.options.view,
                                    readOnly: state.options.readOnly)
        let width = min(area.width - 2, (all.map { displayWidth(of: $0) }.max() ?? 20) + 4)
        let height = min(area.height - 2, all.count + 2)
        let visible = max(1, height - 2)
        let start = min(max(0, scroll), max(0, all.count - visible))
        let more = all.count > visible ? "\(start + 1)-\(min(all.count, start + visible))/\(all.count)  j/k g/G scroll  other keys close" : "any key closes"
        Overlay(title: "Keys", rightTitle: more, width: width, height: height)
            .draw(lines: Array(all[start..<min(all.count, start + visible)]), into: &frame, in: area, context: context)
    }
}

/// The palette: what has been typed, and the matching commands with the chosen one highlighted.
struct PaletteOverlay {
    let state: AppState
    let text: String
    let choice: Int

    func draw(into frame: inout Frame, in area: Rect, context: RenderContext) {
        let matches = Palette.matches(text, in: Palette.entries(state))
        // A period typed in full is no command's name, but Enter sets it: say so, not "0 matches".
        let typedPeriod = matches.isEmpty ? Palette.typedPeriod(text, state) : nil
        let width = min(area.width - 2, 76)
        let height = min(area.height - 2, 16)
        let count = typedPeriod == nil ? "\(matches.count) match\(matches.count == 1 ? "" : "es")" : "period"
        let inside = Overlay(title: "Command", rightTitle: "\(count)  Tab/↓ next  Enter run  Esc close",
                             width: width, height: height).draw(into: &frame, in: area, context: context)
        guard inside.height > 0 else { return }
        let theme = context.theme
        var x = inside.x
        x += frame.put(": " + text, x: x, y: inside.y, style: theme.accent, maxWidth: inside.width - 1)
        frame.put(context.glyphs.isUnicode ? "▏" : "_", x: x, y: inside.y, style: theme.accent)
        let rows = max(0, inside.height - 1)
        let range = Table.visibleRange(selection: choice, count: matches.count, height: rows)
        let labelWidth = min(34, (matches.map { displayWidth(of: $0.label) }.max() ?? 10) + 2)
        for (line, index) in range.enumerated() {
            let y = inside.y + 1 + line
            let selected = index == choice
            let style = selected ? theme.selection : theme.text
            frame.fill(rect: Rect(x: inside.x, y: y, width: inside.width, height: 1), style: style)
            // A long label is cut before the gap, so that it never runs into its description.
            let label = truncated(matches[index].label, toWidth: labelWidth - 2, mark: context.glyphs.ellipsis)
            frame.put(padded(label, toWidth: labelWidth), x: inside.x, y: y, style: style, maxWidth: inside.width)
            // A description cut short says so, as everywhere else ("Select the previous" read whole).
            let room = max(0, inside.width - labelWidth)
            frame.put(truncated(matches[index].description, toWidth: room, mark: context.glyphs.ellipsis),
                      x: inside.x + labelWidth, y: y, style: selected ? style : theme.muted, maxWidth: room)
        }
        if matches.isEmpty, rows > 0 {
            let line = typedPeriod.map { "Enter shows \($0.label)" } ?? "No command matches"
            frame.put(line, x: inside.x, y: inside.y + 1, style: typedPeriod == nil ? theme.muted : theme.text, maxWidth: inside.width)
        }
    }
}

/// The selected row of a pane in full.
struct DetailOverlay {
    let state: AppState
    let pane: PaneID

    func draw(into frame: inout Frame, in area: Rect, context: RenderContext) {
        guard let view = state.views[pane], view.id(at: state[pane].selection) != nil else { return }
        let row = Int(view.order[state[pane].selection])
        // Wrapped to the screen, so an e-mail or a long company name is read whole, not cut.
        let lines = (view.model.detail(row) + ["", "Esc closes  ↑↓ previous/next"])
            .flatMap { $0.isEmpty ? [""] : wrapped($0, toWidth: max(10, area.width - 6), indent: "  ") }
        let overlay = Overlay(title: pane.title + ": " + view.model.detailTitle(row), rightTitle: "\(context.numbers.count(state[pane].selection + 1))/\(context.numbers.count(view.count))", fitting: lines)
        var sized = overlay
        sized.width = min(overlay.width, area.width - 2)
        sized.height = min(overlay.height, area.height - 2)
        sized.draw(lines: lines, into: &frame, in: area, context: context)
    }
}

/// The rep or reason picker: what has been typed, and the matches with the chosen one highlighted.
struct PickerOverlay {
    let picker: Picker

    func draw(into frame: inout Frame, in area: Rect, context: RenderContext) {
        let matches = picker.matchIndices
        let theme = context.theme
        let titles = displayWidth(of: picker.title) + displayWidth(of: "Enter choose  Esc cancel") + 7
        let widest = picker.options.indices.map { i in
            displayWidth(of: picker.options[i]) + (picker.detail(i).isEmpty ? 0 : displayWidth(of: picker.detail(i)) + 2)
        }.max() ?? 10
        let width = min(area.width - 2, max(44, titles, widest + 6))
        let height = min(area.height - 2, max(6, min(picker.options.count, 12) + 4))
        let inside = Overlay(title: picker.title, rightTitle: "Enter choose  Esc cancel", width: width, height: height)
            .draw(into: &frame, in: area, context: context)
        guard inside.height > 1 else { return }
        var x = inside.x
        x += frame.put("> " + picker.text, x: x, y: inside.y, style: theme.accent, maxWidth: inside.width - 1)
        frame.put(context.glyphs.isUnicode ? "▏" : "_", x: x, y: inside.y, style: theme.accent)
        let rows = inside.height - 1
        if matches.isEmpty {
            let text = picker.allowsTyped && !picker.text.isEmpty ? "Enter uses \"\(picker.text)\"" : "Nothing matches"
            frame.put(text, x: inside.x, y: inside.y + 1, style: theme.muted, maxWidth: inside.width)
            return
        }
        let range = Table.visibleRange(selection: picker.choice, count: matches.count, height: rows)
        for (line, index) in range.enumerated() {
            let y = inside.y + 1 + line
            let style = index == picker.choice ? theme.selection : theme.text
            frame.fill(rect: Rect(x: inside.x, y: y, width: inside.width, height: 1), style: style)
            let option = matches[index]
            // The detail sits at the right edge and gives way to the name when the box is narrow.
            let detail = picker.detail(option)
            let detailWidth = displayWidth(of: detail)
            let nameWidth = frame.put(picker.options[option], x: inside.x, y: y, style: style, maxWidth: inside.width)
            if !detail.isEmpty && nameWidth + 2 + detailWidth <= inside.width {
                frame.put(detail, x: inside.x + inside.width - detailWidth, y: y, style: index == picker.choice ? style : theme.muted)
            }
        }
    }
}

/// The questions of a new deal, one field at a time.
struct PromptOverlay {
    let prompt: Prompt

    func draw(into frame: inout Frame, in area: Rect, context: RenderContext) {
        let theme = context.theme
        let labelWidth = (prompt.fields.map { displayWidth(of: $0.label) }.max() ?? 6) + 2
        let width = min(area.width - 2, 64)
        let height = min(area.height - 2, prompt.fields.count + 5)
        let inside = Overlay(title: prompt.title, rightTitle: "Enter next/save  Esc cancel", width: width, height: height)
            .draw(into: &frame, in: area, context: context)
        for (i, field) in prompt.fields.enumerated() where i < inside.height {
            let y = inside.y + i
            frame.put(field.label, x: inside.x, y: y, style: theme.muted, maxWidth: labelWidth)
            let current = i == prompt.current
            var x = inside.x + labelWidth
            let shown = field.text.isEmpty && !current ? field.hint : field.text
            x += frame.put(shown, x: x, y: y, style: current ? theme.accent : (field.text.isEmpty ? theme.muted : theme.text),
                           maxWidth: max(0, inside.maxX - x - 1))
            if current { frame.put(context.glyphs.isUnicode ? "▏" : "_", x: x, y: y, style: theme.accent) }
        }
        if let error = prompt.error, inside.height > prompt.fields.count + 1 {
            // Cut before a figure, never inside a date or number.
            frame.put(truncatedBeforeFigure(error, toWidth: inside.width, mark: context.glyphs.ellipsis),
                      x: inside.x, y: inside.y + prompt.fields.count + 1, style: theme.bad, maxWidth: inside.width)
        }
    }
}

/// The question before an action on other reps' leads, wrapped to the screen.
struct ConfirmOverlay {
    let question: Confirmation

    func draw(into frame: inout Frame, in area: Rect, context: RenderContext) {
        let width = min(area.width - 2, 72)
        // The keys' line (the last) stands out from the words, however it wraps.
        let lines = question.lines.enumerated().flatMap { k, text in
            wrapped(text, toWidth: max(10, width - 4), indent: "").map { ($0, k == question.lines.count - 1) }
        }
        let inside = Overlay(title: question.title, width: width, height: min(area.height - 2, lines.count + 2))
            .draw(into: &frame, in: area, context: context)
        for (i, line) in lines.enumerated() where i < inside.height {
            frame.put(line.0, x: inside.x, y: inside.y + i, style: line.1 ? context.theme.accent : context.theme.text, maxWidth: inside.width)
        }
    }
}

extension Overlay {
    /// Rows of a list overlay (the keys, the problems) on a screen `height` rows tall: the body
    /// between the header's two rows and the footer's one, less the overlay's margin and border.
    /// Paging moves by this.
    static func listRows(screenHeight height: Int) -> Int { max(1, height - 7) }
}

/// Every problem in the data files, as `pipetop check` lists them, wrapped to the screen: the
/// header has room for the first one only. Scrolled by line, so a long problem is read to its end.
struct ProblemsOverlay {
    let state: AppState
    /// The first line shown.
    let scroll: Int

    /// Problems listed at most: past that, `pipetop check` has them all (listing half a million
    /// bad rows would hold the screen up for seconds).
    static let listed = 2_000

    /// `more`: problems found outside the data (the theme the settings name).
    static func entries(_ snapshot: Snapshot, more: [Diagnostic] = []) -> [String] {
        // The list says what `pipetop check` says: totals that overflow too.
        DataCheck(snapshot, more: more + TotalOverflow.diagnostics(snapshot, locating: false)).lines(folderLabel: "", limit: listed)
    }

    /// The entries wrapped for a screen `width` wide, with the entry each line comes from.
    static func wrap(_ entries: [String], width: Int) -> (lines: [String], owner: [Int]) {
        var lines: [String] = [], owner: [Int] = []
        for (k, entry) in entries.enumerated() {
            let part = wrapped(entry, toWidth: max(10, width - 6), indent: "    ")
            lines += part
            owner += Array(repeating: k, count: part.count)
        }
        return (lines, owner)
    }

    func draw(into frame: inout Frame, in area: Rect, context: RenderContext) {
        let all = state.problemList
        let height = min(max(3, area.height - 2), all.count + 2)
        let visible = max(1, height - 2)
        let start = min(max(0, scroll), max(0, all.count - visible))
        let more = all.count > visible ? "\(start + 1)-\(min(all.count, start + visible))/\(all.count)  j/k g/G scroll  other keys close" : "any key closes"
        Overlay(title: "Problems", rightTitle: more, width: area.width - 2, height: height)
            .draw(lines: Array(all[start..<min(all.count, start + visible)]), into: &frame, in: area, context: context)
    }
}
