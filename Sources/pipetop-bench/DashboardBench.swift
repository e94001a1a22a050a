import ArgumentParser
import Foundation
import PipelineKit
import PipetopUI

/// `pipetop-bench dashboard`: the live dashboard's targets: a full frame, a keystroke (a filter
/// over the inbox included), a saved change to the new frame, and a triage write seen by another
/// screen watching the folder.
struct DashboardBenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Measure frame render, keystroke, saved-change and triage-to-other-screen times."
    )

    @Option(name: .long, help: "Leads for the render and keystroke measurements.")
    var leads: LeadCount = LeadCount(1_000_000)

    @Option(name: .customLong("reload-leads"), help: "Leads for the saved-change and triage measurements.")
    var reloadLeads: LeadCount = LeadCount(100_000)

    @Option(name: .long, help: "Timed runs per measurement.")
    var runs: Int = 9

    /// The median time of the `s` keystroke (and its frame) that lands on the sort `message`
    /// says; `s` steps through the columns and the other steps are not timed.
    static func timeSort(_ state: inout AppState, to message: String, runs: Int, context: RenderContext) -> (median: Double?, rows: Int) {
        var times: [Double] = []
        for _ in 0..<runs {
            for _ in 0..<20 {
                let took = Stopwatch.seconds {
                    _ = update(&state, .key(.char("s")))
                    _ = Dashboard.render(state, context: context)
                }
                if state.message?.text == message { times.append(took); break }
            }
        }
        return (times.isEmpty ? nil : Stopwatch.median(times), state.views[state.focus]?.count ?? 0)
    }

    func run() throws {
        warnIfDebug()
        let context = RenderContext(theme: .standard, glyphs: .unicode)
        var options = AppOptions(folderLabel: "bench")
        options.clockZone = TimeZone(identifier: "UTC")!

        // Render and keystrokes on the big folder.
        let big = try BenchData.ensure(leads: leads.value) { print($0) }
        let snapshot = SnapshotLoader(folder: big).load()
        var state = AppState.showing(snapshot, options: options, width: 200, height: 60, now: snapshot.asOf, focus: .inbox)
        let render = Stopwatch.median(runs: runs) { _ = Dashboard.render(state, context: context) }
        let inboxCount = state.inbox.count
        let move = Stopwatch.median(runs: runs) {
            _ = update(&state, .key(.down))
            _ = Dashboard.render(state, context: context)
        }
        // A filter typed letter by letter over the whole inbox: each keystroke re-filters.
        _ = update(&state, .key(.char("/")))
        var keystrokes: [Double] = []
        for _ in 0..<max(1, runs / 3) {
            for c in "ber" {
                keystrokes.append(Stopwatch.seconds {
                    _ = update(&state, .key(.char(c)))
                    _ = Dashboard.render(state, context: context)
                })
            }
            for _ in 0..<3 { _ = update(&state, .key(.backspace)) }
        }
        let filterKey = Stopwatch.median(keystrokes)
        _ = update(&state, .key(.escape))
        let period = Stopwatch.median(runs: max(3, runs / 2)) {
            _ = update(&state, .key(.char("p")))
            _ = Dashboard.render(state, context: context)
        }

        // Sorting the inbox by a column of words (names, nearly all different): `s` steps through
        // the columns, and only the step that lands on Name is timed.
        var sorts: [Double] = []
        for _ in 0..<max(3, runs / 2) {
            for _ in 0..<20 {
                var landed = false
                let took = Stopwatch.seconds {
                    _ = update(&state, .key(.char("s")))
                    _ = Dashboard.render(state, context: context)
                }
                if state.message?.text == "Sorted by Name" { sorts.append(took); landed = true }
                if landed { break }
            }
        }
        let sortKey = sorts.isEmpty ? nil : Stopwatch.median(sorts)
        // The Deals pane by owner: a few names over every deal of the period.
        var managerOptions = options
        managerOptions.view = .manager
        var dealsState = AppState.showing(snapshot, options: managerOptions, width: 200, height: 60, now: snapshot.asOf, focus: .deals)
        let dealSort = Self.timeSort(&dealsState, to: "Sorted by Owner", runs: max(3, runs / 2), context: context)

        // A saved change on the smaller folder: write, the watcher sees it, reload, new frame.
        let source = try BenchData.ensure(leads: reloadLeads.value) { print($0) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-bench-live-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.copyItem(at: source, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let loader = SnapshotLoader(folder: folder)
        var latest = loader.load()
        var live = AppState.showing(latest, options: options, width: 200, height: 60, now: latest.asOf)
        let watcher = makeFolderWatcher(folder: folder)
        let campaignsURL = folder.appendingPathComponent("campaigns.csv")
        let leadsURL = folder.appendingPathComponent("leads.csv")
        var saved: [Double] = [], savedLeads: [Double] = []
        for i in 0..<runs {
            // A campaign's spend (a small file) and a lead's score (the big one), as another program would save them.
            for (url, key, id, field) in [(campaignsURL, "campaign_id", latest.campaigns[0].id, "spend"), (leadsURL, "lead_id", latest.leads.id[i], "score")] {
                let bytes = try [UInt8](Data(contentsOf: url))
                let edited = try CSVCellEditor.apply([CellEdit(id: id, field: field, newValue: "\(1000 + i)")], to: bytes, key: key)
                let start = DispatchTime.now().uptimeNanoseconds
                try AtomicFile.write(edited, to: url)
                let changed = waitForChange(watcher)
                latest = loader.load(previous: latest, changed: changed)
                _ = update(&live, .loaded(latest))
                _ = Dashboard.render(live, context: context)
                let took = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
                if url == campaignsURL { saved.append(took) } else { savedLeads.append(took) }
            }
        }

        // A triage action by one rep, seen by another screen watching the same folder.
        let triage = LeadTriage(folder: folder, settings: latest.settings, user: "bench", userRep: latest.reps.first?.name)
        var triaged: [Double] = []
        let waiting = SLAMetrics.inbox(latest, scope: .everyone, owner: nil)
        for k in 0..<min(runs, waiting.count) {
            let id = latest.leads.id[waiting[k].lead]
            let start = DispatchTime.now().uptimeNanoseconds
            let result = triage.perform(.logTouch, on: [id], seen: [:], at: latest.asOf)
            guard result.applied != nil else { print("triage refused: \(result.refused) \(result.error ?? "")"); continue }
            let changed = waitForChange(watcher)
            latest = loader.load(previous: latest, changed: changed)
            _ = update(&live, .loaded(latest))
            _ = Dashboard.render(live, context: context)
            triaged.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }

        let rows: [(String, String, String)] = [
            ("full frame render, 200x60", "\(leads.label) leads", Format.seconds(render)),
            ("keystroke (move) to new frame", "\(leads.label) leads", Format.seconds(move)),
            ("keystroke (filter the inbox) to new frame", "\(leads.label) leads, inbox of \(inboxCount)", Format.seconds(filterKey)),
            ("switch period (all metrics again) to new frame", "\(leads.label) leads", Format.seconds(period)),
            ("sort the inbox by name to new frame", "\(leads.label) leads, inbox of \(inboxCount)", sortKey.map(Format.seconds) ?? "-"),
            ("sort the deals by owner to new frame", "\(leads.label) leads, \(dealSort.rows) deals shown", dealSort.median.map(Format.seconds) ?? "-"),
            ("saved change (campaigns.csv) to new frame", "\(reloadLeads.label) leads", Format.seconds(Stopwatch.median(saved))),
            ("saved change (leads.csv) to new frame", "\(reloadLeads.label) leads", Format.seconds(Stopwatch.median(savedLeads))),
            ("triage write to frame on another screen", "\(reloadLeads.label) leads", triaged.isEmpty ? "-" : Format.seconds(Stopwatch.median(triaged))),
        ]
        print("| measurement | data | median |")
        print("|---|---|---:|")
        for r in rows { print("| \(r.0) | \(r.1) | \(r.2) |") }
        print("Medians of \(runs) runs (the filter: every keystroke of several typed filters). A \"saved change\" runs from the atomic replace of the file, through the folder watcher, the reload of the changed file and the metrics, to the new frame; the terminal's own drawing of the few changed cells is not included.")
    }

    /// Blocks until the watcher reports changed files (the way the event loop waits on its descriptor).
    private func waitForChange(_ watcher: FolderWatcher) -> Set<String> {
        var names: Set<String> = []
        let deadline = Date().addingTimeInterval(5)
        while names.isEmpty && Date() < deadline {
            if let fd = watcher.descriptor {
                var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                _ = poll(&p, 1, 100)
            } else {
                usleep(UInt32((watcher.pollInterval ?? 0.05) * 1e6))
            }
            names = watcher.changedFiles()
        }
        return names
    }
}
