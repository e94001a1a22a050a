import Foundation
import PipelineKit
import Testing
@testable import PipetopUI

/// Scripted key sessions through `update`, the way a user drives the dashboard.
@Suite struct KeySessionTests {
    /// A detail view is titled with the row's name, not the key kept for it internally.
    @Test func detailTitlesNameTheRow() {
        for (pane, unwanted) in [(PaneID.quotas, ["rep:", "team:", "won_amount"]), (.funnel, ["Funnel: lead", "Funnel: mql"])] {
            var state = SeedCompany.state(width: 120, height: 40, focus: pane)
            press(&state, [.enter])
            let text = Dashboard.render(state, context: SeedCompany.context).text
            #expect(text.contains("\(pane.title): "), "\(pane)")
            for u in unwanted { #expect(!text.contains(u), "\(pane): \(u)") }
        }
    }

    /// A change to a file the data is read from reloads it, whatever its name or place (a
    /// settings file given by path, a table the settings name); other files in the folder do not.
    @Test func onlyTheFilesTheDataComesFromAreReloaded() {
        var state = SeedCompany.state(width: 120, height: 40)
        let names: Set<String> = [".leads.csv.swp", ".pipetop.lock", "notes.txt", "leads.csv", "pipetop.toml"]
        #expect(update(&state, .filesChanged(names)) == [.reload(["leads.csv", "pipetop.toml"])])
        #expect(update(&state, .filesChanged(["theme.toml", "old.csv"])) == [])
    }

    /// On a terminal too small to show anything, keys acted on the hidden screen: `a` accepted a
    /// lead, and a typed q went into a prompt. Only quitting works there, as the message says.
    @Test func aTooSmallTerminalOnlyQuits() {
        var state = SeedCompany.state(width: 120, height: 40, focus: .inbox)
        press(&state, [.char("d")])
        guard case .picker = state.mode else { Issue.record("no picker: \(state.mode)"); return }
        _ = update(&state, .resize(width: 30, height: 8))
        for key: Key in [.char("x"), .enter, .char("a"), .down] { #expect(update(&state, .key(key)) == [], "\(key)") }
        guard case .picker(let picker) = state.mode else { Issue.record("the picker went: \(state.mode)"); return }
        #expect(picker.text.isEmpty && picker.choice == 0)
        #expect(update(&state, .key(.char("q"))) == [.quit])
    }

    /// A marked lead's mark has a column of its own: drawn over the row's first cell, it hid the
    /// minus of an overdue time ("●11d 22h" for "-11d 22h").
    @Test func aMarkDoesNotHideTheOverdueSign() {
        var state = SeedCompany.state(width: 120, height: 40, focus: .inbox)
        let inbox = state.views[.inbox]!
        let first = inbox.id(at: 0)!
        let due = inbox.model.cell(Int(inbox.order[0]), 0).text
        #expect(due.hasPrefix("-"))
        press(&state, [.char(" ")])
        #expect(state.marks == [first])
        let row = Dashboard.render(state, context: SeedCompany.context).text
            .split(separator: "\n").first { $0.contains(first) && $0.contains("●") }
        #expect(row?.contains("● " + due) == true || row?.contains("●  " + due) == true, "\(row ?? "no row")")
    }

    /// The quotas summary counts people behind pace, not their quota rows: Chloe is behind on
    /// two quotas and is one rep.
    @Test func behindPaceCountsPeople() {
        let state = SeedCompany.state(width: 200, height: 60)
        let text = Dashboard.render(state, context: SeedCompany.context).text
        #expect(text.contains("▼ 4 reps and 1 team behind pace"), "\(text)")
    }

    /// Narrowed to marketing-sourced leads, the funnel shows no count for the sales-sourced ones:
    /// a figure there would read as part of the funnel shown.
    @Test func aSplitFunnelShowsNoCountForTheSourcesItLeavesOut() {
        var state = SeedCompany.state(width: 120, height: 40, focus: .funnel)
        press(&state, [.char("m")])
        let text = Dashboard.render(state, context: SeedCompany.context).text
        let line = text.split(separator: "\n").first { $0.contains("Lead ") && $0.contains("█") }.map(String.init) ?? ""
        let lead = line.components(separatedBy: "Lead ").last ?? ""
        let counts = lead.split(separator: " ").filter { $0.allSatisfy { $0.isNumber || $0 == "," } || $0 == "—" }
        #expect(counts.prefix(3).map(String.init) == ["238", "238", "—"], "\(lead)")
    }

    /// A filter ignores accents and case: "bronte" finds Zoë Brontë.
    @Test func filtersIgnoreAccents() {
        var state = SeedCompany.state(width: 120, height: 40, focus: .inbox)
        press(&state, [.char("/")])
        type(&state, "bronte")
        let view = state.views[.inbox]!
        #expect(view.count >= 1)
        #expect((0..<view.count).allSatisfy { state.snapshot!.leads.name[state.snapshot!.leadIndex.row(for: view.id(at: $0)!)!].contains("Brontë") })
        #expect(Picker(purpose: .assign, title: "", options: ["Ana Ruiz", "Zoë Brontë"], text: "zoe", allowsTyped: false).matches == ["Zoë Brontë"])
    }

    /// While typing a filter, Ctrl-W drops the last word and Ctrl-U clears it, as in a shell.
    @Test func filterLineEditingKeys() {
        var state = SeedCompany.state(width: 120, height: 40, focus: .inbox)
        press(&state, [.char("/")])
        type(&state, "acme corp")
        press(&state, [.ctrl("w")])
        #expect(state[.inbox].filter == "acme ")
        press(&state, [.ctrl("u")])
        #expect(state[.inbox].filter == "")
        #expect(state.mode == .filtering)
    }

    /// Sorting steps through the columns the pane shows at this size, then back to the natural
    /// order: never by a column the user cannot see.
    @Test func sortingStepsThroughTheShownColumnsOnly() {
        var state = SeedCompany.state(width: 120, height: 40, focus: .inbox)
        let model = state.views[.inbox]!.model
        let shown = state.shownColumns(.inbox).map { model.columns[$0].title }
        #expect(shown.count < model.columns.count, "every column is shown at 120 columns: the test needs a narrower pane")
        var sortedBy: [String] = []
        for _ in 0...model.columns.count {
            press(&state, [.char("s")])
            guard let text = state.message?.text, text.hasPrefix("Sorted by ") else { break }
            sortedBy.append(String(text.dropFirst("Sorted by ".count)))
        }
        #expect(sortedBy == shown)
        #expect(state.message?.text == "Natural order")
    }

    @Test func tabNumbersAndShiftTabMoveBetweenPanes() {
        var s = SeedCompany.state(width: 120, height: 40)
        press(&s, [.tab])
        #expect(s.focus == .funnel)
        press(&s, [.char("5")])
        #expect(s.focus == .inbox)
        press(&s, [.tab])
        #expect(s.focus == .campaigns)
        press(&s, [.backTab, .backTab])
        #expect(s.focus == .sla)
    }

    @Test func arrowsPagesAndEnds() {
        var s = SeedCompany.state(width: 120, height: 40, focus: .quotas)
        press(&s, [.down, .char("j"), .char("j")])
        #expect(s[.quotas].selection == 3)
        press(&s, [.char("k")])
        #expect(s[.quotas].selection == 2)
        press(&s, [.char("G")])
        #expect(s[.quotas].selection == s.views[.quotas]!.count - 1)
        #expect(s[.quotas].scroll > 0)
        press(&s, [.char("g")])
        #expect(s[.quotas].selection == 0 && s[.quotas].scroll == 0)
        press(&s, [.pageDown])
        #expect(s[.quotas].selection == s.pageSize)
    }

    @Test func filterNarrowsTheFocusedPaneAndEscapeClearsIt() {
        var s = SeedCompany.state(width: 120, height: 40, focus: .campaigns)
        press(&s, [.char("/")])
        #expect(s.mode == .filtering)
        type(&s, "content")
        #expect(s.views[.campaigns]!.count == 2)
        press(&s, [.enter])
        #expect(s.mode == .normal && s[.campaigns].filter == "content")
        let text = Dashboard.render(s, context: SeedCompany.context).text
        #expect(text.contains("/content"))
        press(&s, [.escape])
        #expect(s[.campaigns].filter.isEmpty && s.views[.campaigns]!.count == 9)
    }

    @Test func inboxFilterMatchesNamesCompaniesAndOwnersCaseInsensitively() {
        var s = SeedCompany.state(width: 120, height: 40, focus: .inbox)
        press(&s, [.char("/")])
        type(&s, "BEN CARTER")
        let view = s.views[.inbox]!
        #expect(view.count > 0)
        for p in 0..<view.count { #expect(view.model.cell(Int(view.order[p]), 6).text == "Ben Carter") }
        press(&s, [.backspace, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace, .backspace])
        #expect(s.views[.inbox]!.count == s.inbox.count)
    }

    @Test func sortCyclesColumnsAndReverses() {
        var s = SeedCompany.state(width: 120, height: 40, focus: .campaigns)
        press(&s, [.char("s")])
        #expect(s[.campaigns].sortColumn == 0)
        let names = { (s: AppState) in (0..<s.views[.campaigns]!.count).map { s.views[.campaigns]!.model.cell(Int(s.views[.campaigns]!.order[$0]), 0).text } }
        // Words come from A to Z first.
        let ascending = names(s)
        #expect(ascending == ascending.sorted { $0.localizedStandardCompare($1) == .orderedAscending })
        press(&s, [.char("S")])
        #expect(names(s) == ascending.reversed())
        #expect(s.message?.text == "Sorted by Campaign")
    }

    @Test func selectionStaysOnItsRowWhenTheSortChanges() {
        var s = SeedCompany.state(width: 120, height: 40, focus: .campaigns)
        press(&s, [.down, .down])
        let id = s[.campaigns].selectedID
        press(&s, [.char("s"), .char("s"), .char("s"), .char("s"), .char("s"), .char("s"), .char("s")])
        #expect(s[.campaigns].selectedID == id)
        #expect(s.views[.campaigns]!.id(at: s[.campaigns].selection) == id)
    }

    @Test func periodAndScopeSwitchRecomputeEveryPane() {
        var s = SeedCompany.state(width: 120, height: 40)
        press(&s, [.char("p")])
        #expect(s.period == .quarter && s.metrics?.period.label.hasPrefix("Q4") == true)
        press(&s, [.char("o")])
        #expect(s.scope == .team("Enterprise"))
        #expect(s.metrics?.scope == .team("Enterprise"))
        press(&s, [.char("O")])
        #expect(s.scope == .everyone)
    }

    @Test func paletteCompletesAndRunsCommandsAndRanges() {
        var s = SeedCompany.state(width: 120, height: 40)
        press(&s, [.char(":")])
        type(&s, "scope priya")
        press(&s, [.enter])
        #expect(s.scope == .rep("Priya Natarajan"))
        press(&s, [.char(":")])
        type(&s, "period 2026-11-01..2026-11-15")
        press(&s, [.enter])
        #expect(s.metrics?.period.label.contains("Nov 1") == true || s.metrics?.period.kind == .custom)
        press(&s, [.char(":")])
        type(&s, "pane inbox")
        press(&s, [.enter])
        #expect(s.focus == .inbox)
        // A range written end first says so, with the range to write.
        press(&s, [.char(":")])
        type(&s, "period 2026-11-15..2026-11-01")
        press(&s, [.enter])
        #expect(s.message?.text == "Not a period: the end comes before the start; write 2026-11-01..2026-11-15", "\(String(describing: s.message))")
    }

    /// A command's label longer than its column ran into its description ("YYY…A month").
    @Test func aLongPaletteLabelKeepsItsGap() {
        var s = SeedCompany.state(width: 80, height: 24)
        press(&s, [.char(":")])
        type(&s, "period")
        let text = Dashboard.render(s, context: SeedCompany.context).text
        let row = text.split(separator: "\n").first { $0.contains("period YYYY") }
        #expect(row?.contains("…  ") == true, "\(String(describing: row))")
    }

    /// A past month can be looked at as a month, with its quotas: typed as YYYY-MM or as the
    /// range of its days. While it is typed the palette says what Enter will show.
    @Test func aPastMonthIsAMonthWithItsQuotas() {
        var s = SeedCompany.state(width: 120, height: 40)
        press(&s, [.char(":")])
        type(&s, "period 2026-10")
        #expect(Dashboard.render(s, context: SeedCompany.context).text.contains("Enter shows Oct 2026"))
        press(&s, [.enter])
        #expect(s.metrics?.period.label == "Oct 2026" && s.metrics?.period.kind == .month)
        #expect(s.metrics?.quotas.reps.isEmpty == false)
        press(&s, [.char(":")])
        type(&s, "period 2026-10-01..2026-10-31")
        press(&s, [.enter])
        #expect(s.metrics?.period.kind == .month)
        // Ctrl-U clears what was typed, Ctrl-W the last word.
        press(&s, [.char(":")])
        type(&s, "period 2026-")
        press(&s, [.ctrl("w")])
        #expect(s.mode == .palette(text: "period ", choice: 0))
        press(&s, [.ctrl("u")])
        #expect(s.mode == .palette(text: "", choice: 0))
    }

    @Test func helpAndDetailOpenAndClose() {
        var s = SeedCompany.state(width: 120, height: 40, focus: .inbox)
        press(&s, [.char("?")])
        #expect(s.mode == .help(scroll: 0))
        press(&s, [.char("j")])
        #expect(s.mode == .help(scroll: 1))
        press(&s, [.escape, .enter])
        #expect(s.mode == .detail(.inbox))
        let text = Dashboard.render(s, context: SeedCompany.context).text
        #expect(text.contains("leads.csv line"))
        press(&s, [.escape])
        #expect(s.mode == .normal)
    }

    /// q in the help or the problems list closes it; it does not quit.
    @Test func qClosesTheHelpAndTheProblemsList() {
        var s = SeedCompany.state(width: 120, height: 40, focus: .inbox)
        press(&s, [.char("?")])
        let effects = update(&s, .key(.char("q")))
        #expect(effects.isEmpty && s.running && s.mode == .normal)
        press(&s, [.char("!"), .char("q")])
        #expect(s.running && s.mode == .normal)
    }

    @Test func quitEndsTheSession() {
        var s = SeedCompany.state(width: 80, height: 24)
        let effects = update(&s, .key(.char("q")))
        #expect(effects == [.quit] && !s.running)
    }

    @Test func resizeRelaysOutAtOnce() {
        var s = SeedCompany.state(width: 200, height: 60)
        #expect(Layout.make(width: s.width, height: s.height, focus: s.focus).kind == .large)
        _ = update(&s, .resize(width: 80, height: 24))
        let text = Dashboard.render(s, context: SeedCompany.context).text
        #expect(text.split(separator: "\n").count == 24)
        #expect(text.contains("1 Campaigns  2 Funnel"))
    }

    /// A saved change comes back as a new snapshot: the cursor, filter and sort stay, and the
    /// values that changed are highlighted.
    @Test func reloadKeepsCursorFilterSortAndFlashesChanges() throws {
        let folder = try SeedCompany.scratchCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let loader = SnapshotLoader(folder: folder)
        let first = loader.load()
        var s = AppState.showing(first, options: SeedCompany.options(), width: 120, height: 40, now: first.asOf, focus: .campaigns)
        press(&s, [.char("s"), .down, .down])
        let selected = s[.campaigns].selectedID
        // Add a lead to the selected campaign: its lead count changes.
        let url = folder.appendingPathComponent("leads.csv")
        let data = try [UInt8](Data(contentsOf: url))
        let header = CSVCellEditor.records(data).header
        let campaign = try #require(selected)
        let values = ["lead_id": "L-99999", "created_at": "2026-11-26T09:00:00", "name": "New Person", "company": "Acme",
                      "source": "campaign", "campaign_id": campaign, "stage": "lead"]
        try AtomicFile.write(CSVCellEditor.appending([header.map { values[$0] ?? "" }], to: data), to: url)
        let second = loader.load(previous: first, changed: ["leads.csv"])
        _ = update(&s, .loaded(second))
        #expect(s[.campaigns].selectedID == selected)
        #expect(s[.campaigns].sortColumn == 0)
        let leadsColumn = 7
        #expect(s.isFlashing(AppState.flashKey(.campaigns, campaign, leadsColumn)))
        _ = update(&s, .tick(now: s.now + AppState.flashSeconds + 1))
        #expect(!s.isFlashing(AppState.flashKey(.campaigns, campaign, leadsColumn)))
    }

    /// A screen left open with no file changing: the SLA clocks and the as-of time follow the data's
    /// clock minute by minute, without highlighting anything (no data changed).
    @Test func theDataClockMovesTheSLAClocksOn() {
        var s = SeedCompany.state(width: 160, height: 45, focus: .inbox)
        let start = s.snapshot!.asOf
        let before = s.inbox
        let lead = before[0].lead
        _ = update(&s, .dataClock(start + 20))
        #expect(s.snapshot!.asOf == start && s.inbox == before)
        _ = update(&s, .dataClock(start + 7_200))
        #expect(s.snapshot!.asOf == start + 7_200)
        let after = s.inbox.first { $0.lead == lead }
        #expect(after?.overdueSeconds == before[0].overdueSeconds + 7_200)
        #expect(s.flashes.isEmpty)
        let header = Dashboard.render(s, context: SeedCompany.context).text.split(separator: "\n")[0]
        #expect(header.contains("as of 2026-11-26 12:30"), "\(header)")
        // An older moment (a pinned as_of, or a clock set back) changes nothing.
        _ = update(&s, .dataClock(start))
        #expect(s.snapshot!.asOf == start + 7_200)
    }

    /// Another rep touches the lead this screen has selected: it leaves the inbox and the
    /// selection moves to the next lead. The screen says so, and the next action key is not
    /// taken for the lead it moved to; pressed again, it is.
    @Test func aLeadTakenAwayUnderTheSelectionIsSaidAndItsKeyAskedAgain() throws {
        let folder = try SeedCompany.scratchCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let loader = SnapshotLoader(folder: folder)
        let first = loader.load()
        var s = AppState.showing(first, options: SeedCompany.options(), width: 160, height: 45, now: first.asOf, focus: .inbox)
        let lost = try #require(s[.inbox].selectedID)
        let other = try #require(first.reps.last)
        let triage = LeadTriage(folder: folder, settings: first.settings, user: other.name, userRep: other.name)
        #expect(triage.perform(.logTouch, on: [lost], seen: [:], at: first.asOf).applied != nil)
        _ = update(&s, .loaded(loader.load(previous: first, changed: ["leads.csv", "activity.csv"])))
        let now = try #require(s[.inbox].selectedID)
        #expect(now != lost)
        #expect(s.message?.text == "\(lost) left the list (changed by \(other.name)); the selection moved to \(now)")
        let refused = update(&s, .key(.char("t")))
        #expect(!refused.contains { if case .triage = $0 { return true } else { return false } })
        #expect(s.message?.text.hasPrefix("Nothing done: \(lost) left the list") == true)
        let again = update(&s, .key(.char("t")))
        #expect(again.contains { if case .triage(let request) = $0 { return request.leads == [now] } else { return false } })
    }

    @Test func aBrokenFileKeepsTheLastGoodDataAndSaysWhere() throws {
        let folder = try SeedCompany.scratchCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let loader = SnapshotLoader(folder: folder)
        let first = loader.load()
        var s = AppState.showing(first, options: SeedCompany.options(), width: 160, height: 45, now: first.asOf)
        let before = s.inbox.count
        // Half-written: the file ends inside a quoted cell.
        let url = folder.appendingPathComponent("leads.csv")
        var data = try [UInt8](Data(contentsOf: url))
        data += Array("L-99998,2026-11-26T09:00:00,\"Half written".utf8)
        try Data(data).write(to: url)
        _ = update(&s, .loaded(loader.load(previous: first, changed: ["leads.csv"])))
        #expect(s.inbox.count == before)
        let text = Dashboard.render(s, context: SeedCompany.context).text
        #expect(text.contains("leads stale: leads.csv:"))
        #expect(text.contains("unterminated quote"))
        #expect(s.message?.text.hasSuffix("showing the last good data") == true)
        // Once the file is whole again, the message that the last good data is shown goes.
        try Data(data.dropLast("L-99998,2026-11-26T09:00:00,\"Half written".utf8.count)).write(to: url)
        _ = update(&s, .loaded(loader.load(previous: s.snapshot!, changed: ["leads.csv"])))
        #expect(s.message == nil)
    }

    @Test func readOnlyRefusesEditsAndSaysSo() {
        var s = SeedCompany.state(width: 120, height: 40, options: SeedCompany.options(readOnly: true))
        let text = Dashboard.render(s, context: SeedCompany.context).text
        #expect(text.contains("READ-ONLY"))
        let edit = Command("test.edit", hint: "edit", description: "An edit", keys: [], group: .leads, edits: true) { _ in [.reload(nil)] }
        #expect(s.run(edit) == [])
        #expect(s.message?.text.hasPrefix("Read-only") == true)
    }

    @Test func dataTextNeverReachesTheFrameWithEscapes() throws {
        let folder = try SeedCompany.scratchCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("campaigns.csv")
        var text = try String(contentsOf: url, encoding: .utf8)
        text = text.replacingOccurrences(of: "Buyer's Guide Print Mailer", with: "Evil\u{1B}]0;owned\u{07}\u{1B}[2J Mailer")
        try text.write(to: url, atomically: true, encoding: .utf8)
        let snap = SnapshotLoader(folder: folder).load()
        let s = AppState.showing(snap, options: SeedCompany.options(), width: 200, height: 60, now: snap.asOf)
        let out = Dashboard.render(s, context: SeedCompany.context).text
        #expect(!out.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(out.contains("Evil"))
    }
}

/// A typed range covers exactly its days, the last one included.
@Suite struct PeriodRangeTests {
    @Test func aRangeEndsWithItsLastDay() throws {
        let s = SeedCompany.snapshot
        let choice = try #require(PeriodChoice.range("2026-11-01..2026-11-15", timeZone: s.settings.timeZone))
        let p = choice.period(asOf: s.asOf, settings: s.settings)
        #expect(p.label == "2026-11-01 – 2026-11-15")
        #expect(p.days == 15)
        #expect(PeriodChoice.range("2026-11-15..2026-11-01", timeZone: s.settings.timeZone) == nil)
    }
}

/// The list overlays move with the keys that move in a list.
@Suite struct OverlayKeyTests {
    /// In the help, G closed it instead of going to its end.
    @Test(arguments: [(Key.char("G"), Key.char("g")), (.end, .home)])
    func endAndHomeMoveInTheHelp(end: Key, home: Key) {
        var state = SeedCompany.state(width: 120, height: 40)
        press(&state, [.char("?")])
        let lines = HelpOverlay.lines(unicode: true, pane: state.focus, view: .dashboard, readOnly: false).count
        let last = max(0, lines - Overlay.listRows(screenHeight: state.height))
        #expect(last > 0)
        press(&state, [end])
        #expect(state.mode == .help(scroll: last))
        press(&state, [home])
        #expect(state.mode == .help(scroll: 0))
        press(&state, [.char("x")])
        #expect(state.mode == .normal)
    }
}

/// The funnel's rows mean something in their order.
@Suite struct FunnelOrderTests {
    /// `s` on the Funnel sorted its stages (Recycled first): sorting is not offered there, the
    /// key says why, and the footer shows no sort hint for it.
    @Test func theFunnelIsNotSorted() throws {
        var state = SeedCompany.state(width: 120, height: 40, focus: .funnel)
        let before = try #require(state.views[.funnel]).order
        press(&state, [.char("s")])
        #expect(state.views[.funnel]?.order == before)
        #expect(state[.funnel].sortColumn == nil)
        #expect(state.message?.text == "The funnel's stages keep their order, lead to won: it is not sorted")
        press(&state, [.char("S")])
        #expect(state.views[.funnel]?.order == before)
        let hints = FooterBar.hints(for: .funnel, view: .dashboard, readOnly: false, unicode: true)
        #expect(!hints.contains { $0.1 == "sort" || $0.1 == "reverse sort" })
        // Other panes still sort.
        #expect(FooterBar.hints(for: .campaigns, view: .dashboard, readOnly: false, unicode: true).contains { $0.1 == "sort" })
    }
}
