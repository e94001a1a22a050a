import Foundation
import PipelineKit

/// Two lines: where the data comes from and which numbers are shown; then each file's state.
struct HeaderBar {
    let state: AppState

    func draw(into frame: inout Frame, in rect: Rect, context: RenderContext) {
        guard rect.height > 0 else { return }
        let theme = context.theme
        frame.fill(rect: Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: theme.title)
        let bar = context.glyphs.isUnicode ? " │ " : " | "
        // Parts with the order they give way in when the line is too narrow (lowest first), so that
        // a value is dropped whole rather than cut in the middle. Whose numbers and which period
        // go last: a team's $195k read as the company's, on a standup's screen, misleads everyone.
        var parts: [(text: String, keep: Int)] = [
            ("pipetop", 0),
            (Self.shortFolder(state.options.folderLabel, glyphs: context.glyphs) + (state.options.simulating ? " (live demo)" : ""), 1),
        ]
        if let p = state.currentPeriod { parts.append((p.label, 5)) }
        parts.append((state.scope.label, state.scope == .everyone ? 2 : 6))
        switch state.options.view {
        case .dashboard: break
        case .standup:
            let rotation = state.options.rotateSeconds == 0 ? "" : (state.rotationPaused ? " (paused)" : " (every \(state.options.rotateSeconds)s)")
            parts.append(("Standup" + rotation, 3))
        case .manager: parts.append(("Manager", 3))
        case .rep: parts.append(("Rep: " + (state.options.rep ?? state.options.user ?? ""), 3))
        }
        if let s = state.snapshot { parts.append(("as of " + TimeText.minute(s.asOf, s.settings.timeZone), 4)) }
        let clock = clockText(state.now)
        var right = clock + " "
        if state.options.readOnly { right = "READ-ONLY  " + right }
        let rightWidth = displayWidth(of: right)
        let room = max(0, rect.width - rightWidth - 1)
        var left = " " + parts.map(\.text).joined(separator: bar)
        while displayWidth(of: left) > room, parts.count > 1, let weakest = parts.indices.min(by: { parts[$0].keep < parts[$1].keep }) {
            parts.remove(at: weakest)
            left = " " + parts.map(\.text).joined(separator: bar)
        }
        frame.put(left, x: rect.x, y: rect.y, style: theme.title, maxWidth: max(0, rect.width - rightWidth - 1))
        frame.put(right, x: rect.maxX - rightWidth, y: rect.y, style: theme.title)
        if state.options.readOnly {
            frame.put("READ-ONLY", x: rect.maxX - rightWidth, y: rect.y, style: theme.warning)
        }
        guard rect.height > 1 else { return }
        drawFiles(into: &frame, y: rect.y + 1, x: rect.x, width: rect.width, context: context)
    }

    private func drawFiles(into frame: inout Frame, y: Int, x: Int, width: Int, context: RenderContext) {
        let theme = context.theme
        frame.fill(rect: Rect(x: x, y: y, width: width, height: 1), style: theme.background)
        guard let s = state.snapshot else {
            frame.put(" loading \(state.options.folderLabel)…", x: x, y: y, style: theme.muted, maxWidth: width)
            return
        }
        var cursor = x + 1
        let limit = x + width
        // Problems first, with their location, so the message is never cut off by the ok ones.
        let files = s.files.filter { $0.expected || $0.state != .missing }
        // A file that could not be read at all (every figure from it is stale or gone) before one
        // missing, before one with bad rows.
        let rank = { (f: FileStatus) in f.state == .failed ? 0 : (f.state == .missing ? 1 : 2) }
        let bad = files.filter { $0.state != .ok || $0.errors > 0 }.enumerated()
            .sorted { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }.map(\.element)
        for (k, f) in (bad + files.filter({ $0.state == .ok && $0.errors == 0 })).enumerated() {
            let name = f.file.hasSuffix(".csv") ? String(f.file.dropLast(4)) : f.file
            let text: String, style: Style
            switch f.state {
            case .ok where f.errors == 0:
                text = name + " " + String(context.glyphs.check)
                style = theme.statusOk
            case .ok:
                let where_ = f.firstProblem.map { " \($0.location): \($0.message)" } ?? ""
                // Errors, not rows: an unknown rep on a lead is an error, and the lead stays.
                text = "\(name) \(f.errors) error\(f.errors == 1 ? "" : "s")" + where_
                style = theme.warning
            case .missing:
                text = "\(name) missing"
                style = theme.warning
            case .failed:
                let problem = f.firstProblem.map { "\($0.location): \($0.message)" } ?? "could not be read"
                text = "\(name) \(f.showingLastGood ? "stale" : "failed"): " + problem
                style = theme.statusError
            }
            guard cursor < limit else { break }
            if k < bad.count {
                // A problem that does not fit is cut with a mark, and says where the whole list is;
                // problems of other files that find no room are counted.
                // A whole problem leaves room for at least the count of the ones after it, and the
                // last file's for the pointer when any file has more problems than its first.
                let later = bad.count - k - 1
                let pointer = later > 0 ? "+\(later) more: ! lists all" : "! lists all"
                // Anything the header cannot show: more problems than one per broken file, or
                // warnings in a file that shows as fine.
                let hidden = later > 0 || s.diagnostics.count > bad.count
                let room = limit - cursor
                if displayWidth(of: text) <= room - (hidden ? displayWidth(of: pointer) + 2 : 0) {
                    cursor += frame.put(text, x: cursor, y: y, style: style, maxWidth: room) + 2
                    if later == 0 && hidden { cursor += frame.put(pointer, x: cursor, y: y, style: theme.muted, maxWidth: limit - cursor) + 2 }
                    continue
                }
                let pointerWidth = displayWidth(of: pointer)
                if room - pointerWidth - 2 >= 12 {
                    cursor += frame.put(truncated(text, toWidth: room - pointerWidth - 2, mark: context.glyphs.ellipsis),
                                        x: cursor, y: y, style: style, maxWidth: room) + 2
                    frame.put(pointer, x: cursor, y: y, style: theme.muted, maxWidth: limit - cursor)
                } else if k > 0 {
                    // No room for this one's problem: it is counted with the rest.
                    frame.put("+\(later + 1) more: ! lists all", x: cursor, y: y, style: theme.muted, maxWidth: room)
                } else {
                    frame.put(truncated(text, toWidth: room, mark: context.glyphs.ellipsis), x: cursor, y: y, style: style, maxWidth: room)
                }
                break
            }
            // A file that is fine shows whole or not at all: "stage_hist" reads as another name.
            guard displayWidth(of: text) <= limit - cursor else { break }
            cursor += frame.put(text, x: cursor, y: y, style: style, maxWidth: limit - cursor)
            cursor += 2
        }
        // Warnings alone (a settings key misspelt, a deal closing before it opened) mark no file
        // as failed: without a word here nothing would send anyone to the list.
        if bad.isEmpty, !s.diagnostics.isEmpty {
            let count = s.diagnostics.count
            let text = "\(count) warning\(count == 1 ? "" : "s"): ! lists \(count == 1 ? "it" : "them")"
            if displayWidth(of: text) <= limit - cursor { frame.put(text, x: cursor, y: y, style: context.theme.warning, maxWidth: limit - cursor) }
        }
    }

    /// A long folder path keeps its last part, which is what tells folders apart on a shared screen.
    static func shortFolder(_ path: String, glyphs: Glyphs) -> String {
        guard displayWidth(of: path) > 32 else { return path }
        let last = path.split(separator: "/").last.map(String.init) ?? path
        return (glyphs.isUnicode ? "…" : "...") + "/" + last
    }

    /// The wall clock in the viewer's own zone.
    private func clockText(_ now: Int64) -> String {
        let local = now + Int64(state.options.clockZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(now))))
        let day = ((local % 86_400) + 86_400) % 86_400
        return String(format: "%02d:%02d:%02d", day / 3600, day / 60 % 60, day % 60)
    }
}
