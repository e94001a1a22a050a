import Foundation
import PipelineKit

/// The one place state changes: an event in, the new state and the work to do out.
public func update(_ state: inout AppState, _ event: Event) -> [Effect] {
    switch event {
    case .resize(let w, let h):
        let widthChanged = state.width != w
        state.width = w
        state.height = h
        state.clampSelections()
        // The problems are wrapped to the screen's width again, keeping the one at the top.
        if widthChanged, case .problems(let scroll) = state.mode { state.wrapProblems(keepingLine: scroll) }
        return []
    case .tick(let now):
        state.now = now
        if let m = state.message, m.until <= now { state.message = nil }
        state.flashes = state.flashes.filter { $0.value > now }
        state.rotateIfDue()
        return []
    case .dataClock(let moment):
        // Minutes are what the panes show: recomputing once a minute keeps them true. Nothing
        // is highlighted, since no data changed.
        guard let s = state.snapshot, moment / 60 > s.asOf / 60 else { return [] }
        state.snapshot = s.advanced(to: moment)
        state.recomputeAll()
        return []
    case .filesChanged(let names):
        // Only files the loader reads (not a lock, an editor's swap file, a save's temporary copy);
        // before the first load, any CSV or settings file.
        let relevant = names.filter { name in
            state.snapshot.map { $0.sourceFiles.contains(name) } ?? (name.hasSuffix(".csv") || name.hasSuffix(".toml"))
        }
        return relevant.isEmpty ? [] : [.reload(relevant)]
    case .loaded(let snapshot):
        let themeBefore = state.snapshot.map { $0.settings.display.theme }
        state.accept(snapshot)
        // The settings name another theme: chosen outside, since that reads files.
        if let themeBefore, themeBefore != snapshot.settings.display.theme { return [.chooseTheme] }
        return []
    case .key(let key):
        let effects = state.handle(key)
        // A write may wait a moment (the lock, a file another program is saving): the footer
        // says it is under way until its outcome replaces it.
        if effects.contains(where: \.writes) { state.say("Saving…", seconds: 30) }
        return effects
    case .triaged(let result, let kind):
        return state.finishTriage(result, kind: kind)
    case .themeChosen(let choice):
        state.adopt(choice)
        return []
    }
}

extension AppState {
    /// Wraps the problems for the screen's width; the list then starts on the first line of the
    /// problem that held line `keepingLine` before.
    mutating func wrapProblems(keepingLine line: Int) {
        let top = problemLineEntry.isEmpty ? 0 : problemLineEntry[min(max(0, line), problemLineEntry.count - 1)]
        (problemList, problemLineEntry) = ProblemsOverlay.wrap(problemEntries, width: width)
        if case .problems = mode { mode = .problems(scroll: problemLineEntry.firstIndex(of: top) ?? 0) }
    }

    // MARK: - Keys by mode

    /// A list to read (help, the problems) of `lines` lines: keys scroll it, by the rows it shows,
    /// no further than its last page, and g/G, Home/End go to its ends; q quits, any other key
    /// closes it.
    mutating func scrollOrClose(_ key: Key, scroll: Int, lines: Int, _ mode: (Int) -> Mode) -> [Effect] {
        let page = Overlay.listRows(screenHeight: height)
        let last = max(0, lines - page)
        let at = min(scroll, last)
        switch key {
        case .down, .char("j"): self.mode = mode(min(last, at + 1))
        case .up, .char("k"): self.mode = mode(max(0, at - 1))
        case .pageDown, .char(" "): self.mode = mode(min(last, at + page))
        case .pageUp: self.mode = mode(max(0, at - page))
        // The keys that go to a list's ends elsewhere do so here too, rather than closing it.
        case .home, .char("g"): self.mode = mode(0)
        case .end, .char("G"): self.mode = mode(last)
        // q closes the list, as the detail view and most tools' help do: on a shared screen a q
        // pressed to leave the help ended the standup.
        default: self.mode = .normal
        }
        return []
    }

    mutating func handle(_ key: Key) -> [Effect] {
        // Too small to show anything: a key would act on a screen no one sees (accept a lead,
        // answer a prompt). Only quitting, as the message offers.
        if Layout.kind(width: width, height: height) == .tooSmall {
            if key == .char("q") || key == .ctrl("c") {
                running = false
                return [.quit]
            }
            return []
        }
        // An Escape that closed a prompt, a picker or a list does not go on to clear the marks
        // when pressed again at once: Escape pressed twice to back out keeps them.
        let wasOpen = mode != .normal
        let effects = handleByMode(key)
        escapeClosedSomething = key == .escape && wasOpen && mode == .normal
        return effects
    }

    private mutating func handleByMode(_ key: Key) -> [Effect] {
        switch mode {
        case .filtering: return handleFilterKey(key)
        case .picker(let picker): return handlePickerKey(key, picker)
        case .prompt(let prompt): return handlePromptKey(key, prompt)
        case .confirm(let question): return handleConfirmKey(key, question)
        case .palette(let text, let choice): return handlePaletteKey(key, text: text, choice: choice)
        case .help(let scroll):
            let lines = HelpOverlay.lines(unicode: options.unicode, pane: focus, view: options.view, readOnly: options.readOnly).count
            return scrollOrClose(key, scroll: scroll, lines: lines) { .help(scroll: $0) }
        case .problems(let scroll):
            return scrollOrClose(key, scroll: scroll, lines: problemList.count) { .problems(scroll: $0) }
        case .detail:
            switch key {
            case .escape, .enter, .char("q"), .backspace: mode = .normal
            case .down, .char("j"): moveSelection(by: 1)
            case .up, .char("k"): moveSelection(by: -1)
            default:
                // Commands still work from the detail view (actions on the lead shown).
                if let c = Commands.command(for: key, in: focus, view: options.view), c.group == .leads { return run(c) }
            }
            return []
        case .normal:
            if key == .escape {
                let escapedJustNow = escapeClosedSomething
                // One thing at a time: the filter first, then the marks, which an action would
                // otherwise apply to though they may be out of sight.
                if !self[focus].filter.isEmpty {
                    setFilter("")
                } else if !marks.isEmpty && escapedJustNow {
                    say("\(marks.count) lead\(marks.count == 1 ? "" : "s") still marked: Esc again clears the marks")
                } else if !marks.isEmpty {
                    say("Marks cleared (\(marks.count) lead\(marks.count == 1 ? "" : "s"))")
                    marks = []
                }
                return []
            }
            guard let command = Commands.command(for: key, in: focus, view: options.view) else {
                // A key kept from this pane on purpose says why.
                if let kept = Commands.all.first(where: { $0.keys.contains(key) && $0.except.contains(focus) && $0.available(in: options.view) }),
                   let why = kept.exceptWhy {
                    say(why, error: true)
                    return []
                }
                // A key of another view says why it does nothing here, rather than nothing at all.
                if options.view == .rep, let other = Commands.command(for: key, in: focus), other.group == .view {
                    say("The rep view shows \(options.rep.map { "\($0)'s" } ?? "your") own numbers; open the dashboard to see others")
                }
                return []
            }
            // Reading down a pane's rows in the standup gives that pane a full interval again.
            if command.group == .move && options.view == .standup { lastRotation = now }
            return run(command)
        }
    }

    mutating func run(_ command: Command) -> [Effect] {
        // Another pane, scope or view: the question about a moved selection is stale.
        if command.group != .leads { movedSelection = nil }
        if command.edits && options.readOnly {
            say("Read-only: \(command.hint) is turned off on this screen", error: true)
            return []
        }
        if command.except.contains(focus), let why = command.exceptWhy {
            say(why, error: true)
            return []
        }
        if !command.applies(to: focus) {
            say("\(command.hint) works in the \(command.panes!.map(\.title).sorted().joined(separator: ", ")) pane", error: true)
            return []
        }
        return command.run(&self)
    }

    mutating func handleFilterKey(_ key: Key) -> [Effect] {
        var text = self[focus].filter
        switch key {
        case .escape: setFilter(""); mode = .normal; return []
        case .enter: mode = .normal; return []
        case .backspace, .delete: if !text.isEmpty { text.removeLast() }
        // The line-editing keys a terminal user's fingers know: Ctrl-U clears, Ctrl-W drops a word.
        case .ctrl("u"): text = ""
        case .ctrl("w"):
            while text.last == " " { text.removeLast() }
            while let last = text.last, last != " " { text.removeLast() }
        case .char(let c): text.append(c)
        default: return []
        }
        setFilter(text)
        return []
    }

    mutating func setFilter(_ text: String) {
        movedSelection = nil
        self[focus].filter = text
        self[focus].selection = 0
        self[focus].scroll = 0
        self[focus].selectedID = nil
        rebuildOrder(focus)
    }

    // MARK: - Palette

    mutating func handlePaletteKey(_ key: Key, text: String, choice: Int) -> [Effect] {
        let entries = Palette.matches(text, in: Palette.entries(self))
        switch key {
        case .escape: mode = .normal
        case .down, .tab: mode = .palette(text: text, choice: entries.isEmpty ? 0 : (choice + 1) % entries.count)
        case .up, .backTab: mode = .palette(text: text, choice: entries.isEmpty ? 0 : (choice + entries.count - 1) % entries.count)
        case .backspace, .delete: mode = .palette(text: String(text.dropLast()), choice: 0)
        case .char(let c): mode = .palette(text: text + String(c), choice: 0)
        // Line editing as in the filter: Ctrl-U clears, Ctrl-W drops the last word.
        case .ctrl("u"): mode = .palette(text: "", choice: 0)
        case .ctrl("w"):
            var kept = text
            while kept.last == " " { kept.removeLast() }
            while let last = kept.last, last != " " { kept.removeLast() }
            mode = .palette(text: kept, choice: 0)
        case .enter:
            mode = .normal
            if let typed = Palette.parseTyped(text, self) { return typed(&self) }
            guard choice < entries.count else {
                say("No command matches \"\(text)\"", error: true)
                return []
            }
            return entries[choice].action(&self)
        default: break
        }
        return []
    }

    // MARK: - Selection and scrolling

    /// Rows that fit in the focused pane's table, for page moves.
    var pageSize: Int { max(1, Layout.visibleRows(for: focus, width: width, height: height, view: options.view) - 1) }

    mutating func moveSelection(by delta: Int) {
        movedSelection = nil
        let count = views[focus]?.count ?? 0
        var p = self[focus]
        guard count > 0 else { p.selection = 0; self[focus] = p; return }
        let target = delta > 0 ? min(count - 1, p.selection &+ delta) : max(0, p.selection &+ delta)
        p.selection = max(0, min(count - 1, target))
        p.selectedID = views[focus]?.id(at: p.selection)
        // Scroll only as far as it takes to keep the selection in view.
        let rows = Layout.visibleRows(for: focus, width: width, height: height, view: options.view)
        p.scroll = Table.visibleRange(selection: p.selection, count: count, height: rows, offset: p.scroll).lowerBound
        self[focus] = p
    }

    mutating func clampSelections() {
        for pane in PaneID.allCases {
            let count = views[pane]?.count ?? 0
            var p = self[pane]
            p.selection = max(0, min(p.selection, count - 1))
            self[pane] = p
        }
    }

    /// The focused pane's columns shown at this size: sorting by one that is not shown would
    /// reorder the rows by something the user cannot see.
    func shownColumns(_ pane: PaneID) -> [Int] {
        guard let model = views[pane]?.model,
              let rect = Layout.make(width: width, height: height, focus: pane, view: options.view).rect(for: pane) else { return [] }
        // The table sits inside the box's border and a margin of one on each side.
        let widths = Table.layout(model.columns.map(\.tableColumn), width: max(0, rect.width - 4), gap: 1)
        return widths.indices.filter { widths[$0] != nil }
    }

    mutating func cycleSort() {
        let shown = shownColumns(focus)
        guard !shown.isEmpty else { return }
        var p = self[focus]
        p.sortColumn = shown.first { $0 > (p.sortColumn ?? -1) }
        // Figures largest first; words from A to Z.
        let model = views[focus]?.model
        let isText = p.sortColumn.map { c in
            (0..<min(model?.rowCount ?? 0, 50)).contains { if case .text = model!.sortKey($0, c) { true } else { false } }
        } ?? false
        p.sortDescending = !isText
        self[focus] = p
        rebuildOrder(focus)
        if let c = p.sortColumn, let title = model?.columns[c].title {
            say("Sorted by \(title.isEmpty ? "column \(c + 1)" : title)")
        } else {
            say("Natural order")
        }
    }

    mutating func cycleScope(by step: Int) {
        guard let s = snapshot else { return }
        let all = Metrics.scopes(s)
        guard !all.isEmpty else { return }
        let i = all.firstIndex(of: scope) ?? 0
        scope = all[(i + step + all.count) % all.count]
        recomputeAll()
        say("Scope: \(scope.label)" + filtersNote)
    }

    /// Filters are the panes' own and stay when the scope changes: a message about the new scope
    /// says which are still on, so a short list is not taken for the whole scope.
    var filtersNote: String {
        let on = paneOrder.filter { !self[$0].filter.isEmpty }
        guard !on.isEmpty else { return "" }
        return " (still filtered: " + on.map { "\($0.title) /\(self[$0].filter)" }.joined(separator: ", ") + "; Esc clears)"
    }

    // MARK: - Views

    mutating func stepFocus(by step: Int) {
        let order = paneOrder
        let i = order.firstIndex(of: focus) ?? 0
        focus = order[(i + step + order.count) % order.count]
        lastRotation = now
    }

    /// A pane chosen by hand in the standup is being talked about: the rotation pauses there
    /// (Space resumes from it), rather than jumping away mid-discussion when its timer runs out.
    mutating func holdRotation() {
        guard options.view == .standup, options.rotateSeconds > 0 else { return }
        lastRotation = now
        // Said again for each pane chosen while paused: the footer names the pane it holds on.
        rotationPaused = true
        say("Rotation paused on \(focus.title) (Space resumes)")
    }

    /// The standup screen moves to the next pane every `rotateSeconds`, unless paused.
    mutating func rotateIfDue() {
        guard options.view == .standup, !rotationPaused, options.rotateSeconds > 0, mode == .normal else { return }
        if lastRotation == 0 { lastRotation = now; return }
        if now - lastRotation >= Int64(options.rotateSeconds) {
            stepFocus(by: 1)
            lastRotation = now
        }
    }

    /// Manager view: from a team's quota to that team, from a rep's to that rep.
    mutating func drillDown() {
        guard let view = views[.quotas], let row = view.order.indices.contains(self[.quotas].selection) ? Int(view.order[self[.quotas].selection]) : nil,
              let model = view.model as? QuotasModel else { return }
        let quota = model.rows[row]
        let target: Scope = quota.isTeam ? .team(quota.owner) : .rep(quota.owner)
        guard target != scope else { return }
        scopeTrail.append(scope)
        scope = target
        recomputeAll()
        listsFromTheTop()
        // An SDR has leads, not deals: their inbox, rather than an empty Deals pane.
        let sdr = !quota.isTeam && snapshot?.reps.first { $0.name == quota.owner }?.role == "sdr"
        let noDeals = (views[.deals]?.count ?? 0) == 0 && (sdr || (views[.inbox]?.count ?? 0) > 0)
        focus = noDeals ? .inbox : .deals
        say("\(target.label): " + (noDeals ? "no deals; their leads" : "deals and leads") + " (Backspace goes back)" + filtersNote)
    }

    /// Another scope's deals and leads are read from the top, where the overdue ones are: a
    /// cursor kept from the scope before stood mid-list.
    mutating func listsFromTheTop() {
        for pane in [PaneID.deals, .inbox] {
            self[pane].selection = 0
            self[pane].scroll = 0
            self[pane].selectedID = nil
            restoreSelection(pane)
        }
    }

    // MARK: - Data

    /// Recomputes metrics and every pane's rows, keeping each selection on its row.
    public mutating func recomputeAll() {
        recompute()
        rebuildViews()
    }

    mutating func rebuildViews() {
        for pane in paneOrder {
            views[pane] = PaneView(model: PaneCatalog.model(for: pane, state: self), state: self[pane])
            restoreSelection(pane)
        }
    }

    public mutating func rebuildOrder(_ pane: PaneID) {
        guard let v = views[pane] else { return }
        views[pane] = PaneView(model: v.model, state: self[pane])
        restoreSelection(pane)
    }

    /// Puts the selection back on the row it was on, by id; failing that, keeps its position.
    mutating func restoreSelection(_ pane: PaneID) {
        guard let v = views[pane] else { return }
        var p = self[pane]
        if let id = p.selectedID, let pos = Self.position(of: id, in: v, near: p.selection) {
            p.selection = pos
        }
        p.selection = max(0, min(p.selection, v.count - 1))
        p.selectedID = v.id(at: p.selection)
        self[pane] = p
    }

    static func position(of id: String, in view: PaneView, near: Int) -> Int? {
        if view.id(at: near) == id { return near }
        for pos in 0..<view.count where view.model.id(Int(view.order[pos])) == id { return pos }
        return nil
    }

    /// A new snapshot arrived: show it, keep cursors, and mark what changed.
    mutating func accept(_ new: Snapshot) {
        let oldViews = views
        let hadData = snapshot != nil
        let loggedBefore = snapshot?.activity.count ?? 0
        let selected = self[focus].selectedID
        snapshot = new
        reloadPending = false
        recomputeAll()
        if hadData { markChanges(from: oldViews) }
        if hadData { noteMovedSelection(from: selected, loggedBefore: loggedBefore) }
        if case .problems(let scroll) = mode {
            problemEntries = ProblemsOverlay.entries(new, more: themeProblems)
            wrapProblems(keepingLine: scroll)
        }
        if let bad = new.files.first(where: { $0.showingLastGood }), let p = bad.firstProblem {
            say("\(p.location): \(p.message)\(Self.lastGoodSuffix)", error: true, seconds: 8)
        } else if message?.text.hasSuffix(Self.lastGoodSuffix) == true {
            // Every file reads again: a message that the last good data is shown is no longer true.
            message = nil
        }
    }

    static let lastGoodSuffix = " — showing the last good data"

    /// A lead list's selected lead that this load took out of the list (someone else accepted,
    /// touched or disqualified it) moves the selection to a neighbour: said, with who when the
    /// activity log says, so that a key meant for the lead that left does not go to the next.
    mutating func noteMovedSelection(from selected: String?, loggedBefore: Int) {
        let own = ownWrite
        ownWrite = []
        // A read-only screen (the wall at a standup) acts on nothing: no need to say it. A key
        // pressed in a question, a picker or a form is no action key on the list.
        guard !options.readOnly, mode == .normal || mode == .detail(focus), focus == .inbox || focus == .sla,
              let lost = selected, let now = self[focus].selectedID, now != lost else { return }
        // The user's own write took it out: that is what they asked for.
        if own.contains(lost) { return }
        let logged = snapshot?.activity ?? []
        // The log names the user as they logged in; the screen names reps by their names.
        let who = (logged.count > loggedBefore ? logged[loggedBefore...].last(where: { $0.record == lost })?.user : nil)
            .map { user in snapshot?.rep(matchingUser: user)?.name ?? user }
        movedSelection = MovedSelection(pane: focus, lost: lost, now: now)
        say("\(lost) left the list\(who.map { " (changed by \(MessageText.escaped($0)))" } ?? ""); the selection moved to \(now)", seconds: 8)
    }

    /// How long a changed value stays highlighted.
    static let flashSeconds: Int64 = 3

    mutating func markChanges(from oldViews: [PaneID: PaneView]) {
        for pane in paneOrder {
            guard let old = oldViews[pane], let new = views[pane] else { continue }
            // Only rows on screen can flash, so only they are compared: a long list costs no more than a short one.
            // Their old versions are looked for near the same place in the old order (rows rarely move far).
            let shown = Layout.visibleRows(for: pane, width: width, height: height, view: options.view) + 2
            let start = max(0, min(self[pane].scroll, new.count - shown))
            let window = start..<min(new.count, start + shown)
            let margin = 200
            var oldRows: [String: Int] = [:]
            for pos in max(0, start - margin)..<min(old.count, start + shown + margin) {
                oldRows[old.model.id(Int(old.order[pos]))] = Int(old.order[pos])
            }
            for pos in window {
                let row = Int(new.order[pos])
                let id = new.model.id(row)
                guard let o = oldRows[id] else { continue }
                for c in new.model.columns.indices where c < old.model.columns.count {
                    if new.model.cell(row, c).text != old.model.cell(o, c).text {
                        flashes[Self.flashKey(pane, id, c)] = now + Self.flashSeconds
                    }
                }
            }
        }
    }

    public static func flashKey(_ pane: PaneID, _ id: String, _ column: Int) -> String { "\(pane.rawValue)|\(id)|\(column)" }
}
