import PipelineKit

/// The bottom line: the filter being typed, a message, or the key hints of the focused pane, all
/// from the command registry.
struct FooterBar {
    let state: AppState

    func draw(into frame: inout Frame, in rect: Rect, context: RenderContext) {
        guard rect.height > 0 else { return }
        let theme = context.theme
        frame.fill(rect: rect, style: theme.muted)
        var x = rect.x + 1
        if state.mode == .filtering {
            x += frame.put("/" + state[state.focus].filter, x: x, y: rect.y, style: theme.accent, maxWidth: rect.width / 2)
            x += frame.put(context.glyphs.isUnicode ? "▏" : "_", x: x, y: rect.y, style: theme.accent)
            x += 2
            frame.put("type to filter " + state.focus.title + "  Enter keep  Esc clear", x: x, y: rect.y, style: theme.muted, maxWidth: rect.maxX - x)
            return
        }
        if let m = state.message, m.until > state.now {
            // A message comes before the hints: it may take the whole line, cut with a mark.
            x += frame.put(truncatedBeforeFigure(m.text, toWidth: rect.width - 2, mark: context.glyphs.ellipsis), x: x, y: rect.y, style: m.isError ? theme.statusError : theme.accent)
            x += 3
        }
        let all = FooterBar.hints(for: state.focus, view: state.options.view, readOnly: state.options.readOnly, unicode: context.glyphs.isUnicode,
                                  paused: state.rotationPaused, rotates: state.options.rotateSeconds > 0)
        // Help and quit always show, at the right end; the pane's own hints fill the space before them.
        let tail = all.filter { $0.1 == "help" || $0.1 == "quit" }
        let tailWidth = tail.reduce(0) { $0 + displayWidth(of: $1.0) + 1 + displayWidth(of: $1.1) + 2 }
        func put(_ keys: String, _ hint: String) {
            x += frame.put(keys, x: x, y: rect.y, style: theme.accent) + 1
            x += frame.put(hint, x: x, y: rect.y, style: theme.muted) + 2
        }
        for (keys, hint) in all where !tail.contains(where: { $0 == (keys, hint) }) {
            let needed = displayWidth(of: keys) + 1 + displayWidth(of: hint) + 2
            // One that does not fit leaves room for a shorter one after it.
            guard x + needed <= rect.maxX - tailWidth else { continue }
            put(keys, hint)
        }
        x = max(x, rect.maxX - tailWidth)
        for (keys, hint) in tail where x + displayWidth(of: keys) + 1 + displayWidth(of: hint) <= rect.maxX {
            put(keys, hint)
        }
    }

    /// The footer's hints in priority order: the first key of each command that has a hint priority.
    static func hints(for pane: PaneID, view: ViewKind, readOnly: Bool, unicode: Bool, paused: Bool = false,
                      rotates: Bool = true) -> [(String, String)] {
        Commands.all
            .filter { $0.hintPriority != nil && $0.applies(to: pane) && $0.available(in: view) && !(readOnly && $0.edits) }
            .filter { rotates || $0.name != "rotate.pause" }
            .sorted { $0.hintPriority! < $1.hintPriority! }
            // The pause key says what it does now.
            .map { ((unicode ? keyLabel : keyLabelASCII)($0.keys[0]), $0.name == "rotate.pause" && paused ? "resume" : $0.hint) }
    }
}
