import ArgumentParser
import Foundation
import PipelineKit
import PipetopTerminal
import PipetopUI

/// `pipetop [DIR]`: the live dashboard.
struct DashboardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open the live dashboard on a data folder (the default command).",
        discussion: "With no folder, opens a live demo: the sample company is copied to a scratch folder and changed every few seconds. Keys: ? shows them all."
    )

    @OptionGroup var folder: FolderArgument
    @OptionGroup var view: ViewOptions

    @Flag(name: .customLong("no-simulate"), help: "In the demo, keep the sample data still.")
    var noSimulate = false

    func run() throws {
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
        if demo {
            url = try DemoFolder.copySeeds(from: url)
            if !noSimulate {
                // The demo's clock starts at the seeds' as-of moment and runs from there.
                let seedSettings = SettingsLoader.load(folder: url).0
                let clock = DemoClock(origin: seedSettings.asOf ?? Int64(Date().timeIntervalSince1970), started: Date())
                simulator = DemoSimulator(folder: url, clock: clock, zone: seedSettings.timeZone)
                adjust = { settings in settings.asOf = clock.now() }
            }
        }
        AtomicFile.removeStrays(in: url)
        var loader = try folder.loader(url)
        if let adjust {
            let base = loader.adjustSettings
            loader = SnapshotLoader(folder: url) { settings in base(&settings); adjust(&settings) }
        }
        let first = loader.load()
        let theme = try view.resolveTheme(settings: first.settings, environment: environment)
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
        do {
            let since = try view.sinceMoment(folder: url, settings: first.settings)
            options = try view.appOptions(folderLabel: demo ? "sample company" : folder.label, snapshot: first,
                                          unicode: screen.supportsUnicode, simulating: simulator != nil, since: since)
        } catch {
            screen.restore()
            throw error
        }
        if options.view == .standup { StandupMemory.remember(first.asOf, in: url, settings: first.settings) }
        let context = RenderContext(theme: theme, glyphs: options.unicode ? .unicode : .ascii)
        let size = screen.size()
        var state = try view.initialState(first, options: options, width: size.width, height: size.height,
                                          now: Int64(Date().timeIntervalSince1970))
        let loop = EventLoop(screen: screen, watcher: makeFolderWatcher(folder: url), tickInterval: 1)
        let reloads = Reloader(loader: loader, latest: first, waker: loop.waker)
        simulator?.start()
        defer {
            simulator?.stop()
            screen.restore()
        }

        loop.run { event in
            var effects: [Effect] = []
            switch event {
            case .key(let key): effects = update(&state, .key(key))
            case .resize(let w, let h): effects = update(&state, .resize(width: w, height: h))
            case .filesChanged(let names): effects = update(&state, .filesChanged(names))
            case .tick(let now): effects = update(&state, .tick(now: Int64(now)))
            case .signal: return nil
            case .wakeup:
                if let snapshot = reloads.take() { effects = update(&state, .loaded(snapshot)) }
            }
            for effect in effects {
                switch effect {
                case .quit: return nil
                case .reload(let names): reloads.request(names)
                }
            }
            return Dashboard.render(state, context: context)
        }
    }
}

/// Loads off the event loop's thread, one load at a time; a request made during a load runs
/// right after it, covering every file asked for meanwhile.
final class Reloader: @unchecked Sendable {
    private let loader: SnapshotLoader
    private let waker: LoopWaker
    private let queue = DispatchQueue(label: "pipetop.reload")
    private let lock = NSLock()
    private var latest: Snapshot
    private var ready: Snapshot?
    private var running = false
    private var pending: Set<String>?? = .none

    init(loader: SnapshotLoader, latest: Snapshot, waker: LoopWaker) {
        self.loader = loader
        self.latest = latest
        self.waker = waker
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
            let previous = latest
            lock.unlock()
            let snapshot = loader.load(previous: previous, changed: names)
            lock.lock()
            latest = snapshot
            ready = snapshot
            lock.unlock()
            waker.wake()
        }
    }

    /// The newest finished load not yet shown.
    func take() -> Snapshot? {
        lock.lock()
        defer { lock.unlock() }
        let s = ready
        ready = nil
        return s
    }
}

/// The demo's scratch copy of the seeds: the seeds themselves are never written.
enum DemoFolder {
    static func copySeeds(from seeds: URL) throws -> URL {
        let target = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-demo-\(getpid())")
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: seeds.path) where name.hasSuffix(".csv") || name.hasSuffix(".toml") {
            try FileManager.default.copyItem(at: seeds.appendingPathComponent(name), to: target.appendingPathComponent(name))
        }
        return target
    }
}
