import ArgumentParser
import Foundation
import PipelineKit
import PipetopTerminal
import PipetopUI

/// `pipetop [DIR]`: the live dashboard.
struct DashboardCommand: UsageReporting {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the live dashboard on a data folder (the default command).",
        discussion: "With no folder, opens a live demo: the sample company is copied to a scratch folder and changed every few seconds. Keys: ? shows them all."
    )

    @OptionGroup var folder: FolderArgument
    @OptionGroup var view: ViewOptions
    @OptionGroup var selection: MetricsSelection

    @Flag(name: .customLong("no-simulate"), help: "In the demo, keep the sample data still.")
    var noSimulate = false

    func perform() throws {
        let environment = ProcessInfo.processInfo.environment
        guard isatty(STDIN_FILENO) == 1, isatty(STDOUT_FILENO) == 1 else {
            FileHandle.standardError.write(Data("""
            pipetop: the dashboard needs a terminal (standard input and output are not one).
            For text output use `pipetop snapshot [DIR] --width 120 --height 40` or `pipetop report [DIR]`.

            """.utf8))
            throw ExitCode(2)
        }
        let demo = folder.folder == nil
        var url = try folder.url()
        var simulator: DemoSimulator?
        var adjust: (@Sendable (inout Settings) -> Void)?
        var demoClock: DemoClock?
        // The demo works on a scratch copy, removed when it quits.
        let scratch = demo ? try DemoFolder.copySeeds(from: url) : nil
        defer { if let scratch { DemoFolder.remove(scratch) } }
        if let scratch { url = scratch }
        if demo && !noSimulate {
            // The demo's clock starts at the seeds' as-of moment and runs from there.
            let seedSettings = SettingsLoader.load(folder: url).0
            let clock = DemoClock(origin: seedSettings.asOf ?? Int64(Date().timeIntervalSince1970), started: Date())
            demoClock = clock
            simulator = DemoSimulator(folder: url, clock: clock, zone: seedSettings.timeZone)
            adjust = { settings in settings.asOf = clock.now() }
        }
        AtomicFile.removeStrays(in: url)
        // A screen reloads for as long as it is open: what each reload frees goes back.
        LargeBlocks.giveBackWhenFreed()
        var loader = try folder.loader(url)
        if let adjust {
            let base = loader.adjustSettings
            loader = SnapshotLoader(folder: url) { settings in base(&settings); adjust(&settings) }
        }
        // Let go of before the screen runs: a binding lives to the end of its scope, and this one
        // would hold the first load's hundreds of megabytes beside the latest one's.
        var first: Snapshot! = loader.load()
        var themeChoice = try view.themeChoice(settings: first.settings, loader: loader, environment: environment)
        _ = try view.paneID()
        _ = try view.viewKind(settings: first.settings)

        let screen: Screen
        do {
            screen = try Screen(environment: environment)
        } catch {
            FileHandle.standardError.write(Data("""
            pipetop: cannot open the terminal: \(error).
            For text output use `pipetop snapshot [DIR]` or `pipetop report [DIR]`.

            """.utf8))
            throw ExitCode(2)
        }
        let options: AppOptions
        var notice: String?
        do {
            let since = try view.sinceMoment(folder: url, settings: first.settings, at: first.asOf)
            options = try view.appOptions(folderLabel: demo ? "sample company" : folder.label, snapshot: first, notice: &notice,
                                          unicode: screen.supportsUnicode, simulating: simulator != nil, since: since)
        } catch {
            screen.restore()
            throw error
        }
        // A folder whose settings say read_only is not written to, not even this small file; nor
        // one whose settings have an error, which cannot say whether they do (as triage refuses).
        if options.view == .standup && !first.settings.readOnly && first.status(of: "settings")?.state != .failed {
            StandupMemory.remember(first.asOf, in: url, timeZone: first.settings.timeZone)
        }
        // A terminal without colours shows a theme's colours as nothing, and its selection as bold
        // among bold: the mono theme marks it with reverse video instead, whatever theme was named.
        let colourless = screen.colorDepth == .none
        let noColourReason = ThemeChoice.noColourReason(environment: environment)
        if colourless { themeChoice = themeChoice.withoutColour(because: noColourReason) }
        let glyphs: Glyphs = options.unicode ? .unicode : .ascii
        let size = screen.size()
        var state = try view.initialState(first, options: options, width: size.width, height: size.height,
                                          now: Int64(Date().timeIntervalSince1970))
        // A wall screen can open on a team, a period or a source split of its own.
        try selection.apply(to: &state, snapshot: first)
        state.theme = themeChoice.theme
        state.themeProblems = themeChoice.problems
        if let warning = themeChoice.notice ?? notice { state.message = StatusMessage(text: warning, isError: true, until: state.now + 10) }
        // The theme named on the command line, kept when the settings name another.
        let commandLineTheme = themeChoice.source == .commandLine ? themeChoice.theme : nil
        // Files read from outside the folder are followed under the settings of the latest load.
        let latestLoad = LatestLoad(first)
        let watcher = OutsideFilesWatcher(folder: makeFolderWatcher(folder: url)) { [loader] in
            loader.filesOutsideFolder(settings: latestLoad.snapshot.settings)
        }
        let loop = EventLoop(screen: screen, watcher: watcher, tickInterval: 1)
        let mailbox = Mailbox(waker: loop.waker)
        let reloads = Reloader(loader: loader, latest: latestLoad, mailbox: mailbox)
        let userRep = options.user.flatMap { first.rep(matchingUser: $0)?.name }
        // The data's own now: the demo's running clock, else the wall clock, except when the settings
        // pin the moment (as_of, --as-of). The numbers follow it on a screen left open, and writes
        // are stamped with it (with the pinned moment when there is one).
        let clock = demoClock
        let dataNow: @Sendable (Snapshot) -> Int64? = { s in
            if let clock { return clock.now() }
            return s.settings.asOf == nil ? Int64(Date().timeIntervalSince1970) : nil
        }
        // The first snapshot's moment only: a closure must not keep the snapshot.
        let pinned = first.asOf, firstIsPinned = first.settings.asOf != nil
        let stamp: @Sendable () -> Int64 = {
            if let clock { return clock.now() }
            return firstIsPinned ? pinned : Int64(Date().timeIntervalSince1970)
        }
        var triage = LeadTriage(folder: url, settings: first.settings, user: options.user ?? "unknown", userRep: userRep)
        let settingsLoader = loader
        triage.currentSettings = {
            let (settings, problems) = settingsLoader.currentSettings()
            // While the screen holds the last good settings (the file gone or being saved), the
            // file's own, read_only among them, are not known: writes wait for it.
            guard latestLoad.snapshot.settingsHeld || settingsLoader.settingsBeingSaved(after: latestLoad.snapshot) else {
                return (settings, problems)
            }
            return (settings, problems + [Diagnostic(file: settingsLoader.settingsLabel,
                                                     message: "the settings file is gone or being saved")])
        }
        let writer = TriageWorker(triage: triage, mailbox: mailbox, clock: stamp)
        simulator?.start()
        defer {
            simulator?.stop()
            // A write in progress ends before the demo's copy is removed.
            writer.finish()
            screen.restore()
        }

        first = nil
        loop.run { event in
            var effects: [Effect] = []
            switch event {
            case .key(let key): effects = update(&state, .key(key))
            case .resize(let w, let h): effects = update(&state, .resize(width: w, height: h))
            case .filesChanged(let names): effects = update(&state, .filesChanged(names))
            case .tick(let now):
                effects = update(&state, .tick(now: Int64(now)))
                // A file that ends mid-line (or lost its rows) counts as saved once left alone a moment.
                let settling = latestLoad.snapshot.settlingFiles
                if !settling.isEmpty { reloads.request(settling) }
                if let s = state.snapshot, let moment = dataNow(s) { effects += update(&state, .dataClock(moment)) }
            case .signal: return nil
            case .wakeup:
                for event in mailbox.drain() {
                    // A load that began before the clock last moved on is shown at the clock's
                    // moment, so the as-of time and the SLA clocks never step back.
                    if case .loaded(let s) = event, let moment = dataNow(s), moment > s.asOf {
                        effects += update(&state, .loaded(s.advanced(to: moment)))
                    } else {
                        effects += update(&state, event)
                    }
                }
            }
            for effect in effects {
                switch effect {
                case .quit: return nil
                case .reload(let names): reloads.request(names)
                case .triage(let request): writer.perform(request)
                case .undo(let applied): writer.undo(applied)
                case .redo(let applied): writer.redo(applied)
                case .chooseTheme:
                    // Theme files are small (a megabyte at most) and read at once, here.
                    var choice = ThemeChoice.fromSettings(ViewOptions.settingsTheme(state.snapshot?.settings, loader: loader),
                                                          environment: environment, searchPaths: ViewOptions.themePaths)
                    if let commandLineTheme { choice = .commandLine(commandLineTheme, settings: choice) }
                    if colourless { choice = choice.withoutColour(because: noColourReason) }
                    mailbox.post(.themeChosen(choice))
                }
            }
            return Dashboard.render(state, context: RenderContext(theme: state.theme, glyphs: glyphs))
        }
    }
}

/// Events finished on other threads, waiting for the event loop.
final class Mailbox: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [Event] = []
    private let waker: LoopWaker

    init(waker: LoopWaker) { self.waker = waker }

    func post(_ event: Event) {
        lock.lock()
        // Only the newest snapshot matters: an older one still waiting is dropped.
        if case .loaded = event { events.removeAll { if case .loaded = $0 { return true } else { return false } } }
        events.append(event)
        lock.unlock()
        waker.wake()
    }

    func drain() -> [Event] {
        lock.lock()
        defer { lock.unlock() }
        let out = events
        events.removeAll()
        return out
    }
}

/// Loads off the event loop's thread, one load at a time; a request made during a load runs
/// right after it, covering every file asked for meanwhile.
final class Reloader: @unchecked Sendable {
    private let loader: SnapshotLoader
    private let mailbox: Mailbox
    private let queue = DispatchQueue(label: "pipetop.reload")
    private let lock = NSLock()
    private let latest: LatestLoad
    private var running = false
    private var pending: Set<String>?? = .none

    init(loader: SnapshotLoader, latest: LatestLoad, mailbox: Mailbox) {
        self.loader = loader
        self.latest = latest
        self.mailbox = mailbox
    }

    /// Asks for a load of `names` (nil = every file).
    func request(_ names: Set<String>?) {
        lock.lock()
        switch pending {
        case .none: pending = .some(names)
        case .some(let existing): pending = .some(existing.flatMap { e in names.map { e.union($0) } })
        }
        let start = !running
        if start { running = true }
        lock.unlock()
        if start { queue.async { self.drain() } }
    }

    private func drain() {
        while true {
            lock.lock()
            guard case .some(let names) = pending else {
                running = false
                lock.unlock()
                return
            }
            pending = .none
            lock.unlock()
            let snapshot = loader.load(previous: latest.snapshot, changed: names)
            latest.snapshot = snapshot
            mailbox.post(.loaded(snapshot))
        }
    }
}

/// The snapshot of the latest load, read by the watcher on the loop's thread and replaced by the
/// reloads on theirs.
final class LatestLoad: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Snapshot

    init(_ snapshot: Snapshot) { value = snapshot }

    var snapshot: Snapshot {
        get { lock.lock(); defer { lock.unlock() }; return value }
        set { lock.lock(); value = newValue; lock.unlock() }
    }
}

/// Runs triage writes one after the other off the event loop's thread (a write waits for the
/// folder's lock, which another program may hold for a while).
final class TriageWorker: @unchecked Sendable {
    private let triage: LeadTriage
    private let mailbox: Mailbox
    private let queue = DispatchQueue(label: "pipetop.triage")
    private let clock: @Sendable () -> Int64

    init(triage: LeadTriage, mailbox: Mailbox, clock: @escaping @Sendable () -> Int64) {
        self.triage = triage
        self.mailbox = mailbox
        self.clock = clock
    }

    private var now: Int64 { clock() }

    func perform(_ request: TriageRequest) {
        queue.async { [self] in
            mailbox.post(.triaged(triage.perform(request.action, on: request.leads, seen: request.seen, at: now), .perform))
        }
    }

    /// Waits for the write in progress, if any.
    func finish() { queue.sync {} }

    func undo(_ applied: AppliedTriage) {
        queue.async { [self] in mailbox.post(.triaged(triage.undo(applied, at: now), .undo)) }
    }

    func redo(_ applied: AppliedTriage) {
        queue.async { [self] in mailbox.post(.triaged(triage.redo(applied, at: now), .redo)) }
    }
}

/// The demo's scratch copy of the seeds: the seeds themselves are never written. The demo removes
/// its copy when it quits; a copy left by a demo that was killed is removed by the next one.
enum DemoFolder {
    static let prefix = "pipetop-demo-"

    static func copySeeds(from seeds: URL) throws -> URL {
        let temp = FileManager.default.temporaryDirectory
        removeLeftovers(in: temp)
        let target = temp.appendingPathComponent("\(prefix)\(getpid())")
        try? FileManager.default.removeItem(at: target)
        try SnapshotLoader.copyDataFiles(from: seeds, to: target)
        return target
    }

    /// Copies named after a process that no longer exists. One whose number now belongs to another
    /// process, or to another user's, stays until a later demo finds it gone.
    static func removeLeftovers(in temp: URL) {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: temp.path)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = pid_t(name.dropFirst(prefix.count)), pid > 0, pid != getpid(),
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            try? FileManager.default.removeItem(at: temp.appendingPathComponent(name))
        }
    }

    static func remove(_ copy: URL) {
        try? FileManager.default.removeItem(at: copy)
    }
}
