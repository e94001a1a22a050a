import ArgumentParser
import Foundation
import PipelineKit
import PipetopUI

/// How the dashboard looks and who is at the keyboard, shared by the dashboard and `snapshot`.
struct ViewOptions: ParsableArguments {
    @Option(name: .long, help: "Colour theme: dark, light, high-contrast, colorblind, mono, or a .toml file (default: the settings' theme, mono under NO_COLOR, else dark).")
    var theme: String?

    @Option(name: .long, help: "The pane to start on: campaigns, funnel, quotas, sla or inbox.")
    var pane: String?

    @Option(name: .long, help: "Who is at the keyboard, matched against reps.csv (default: the login name).")
    var user: String?

    @Option(name: .long, help: "Narrow the inbox to this rep's leads and the unassigned ones.")
    var rep: String?

    @Flag(name: .customLong("read-only"), help: "Turn every editing command off (for a shared screen).")
    var readOnly = false

    @Flag(name: .long, help: "ASCII bars and box lines whatever the locale says.")
    var ascii = false

    func paneID() throws -> PaneID? {
        guard let pane else { return nil }
        guard let id = PaneID(name: pane) else {
            throw ValidationError("--pane \(pane): write one of \(PaneID.allCases.map(\.name).joined(separator: ", "))")
        }
        return id
    }

    /// The theme: --theme, then the settings' display.theme, then the default for the environment.
    func resolveTheme(settings: Settings?, environment: [String: String]) throws -> Theme {
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        let name = theme ?? (noColor ? nil : settings?.display.theme) ?? ThemeLoader.defaultName(environment: environment)
        var paths: [URL] = []
        if let seeds = SeedLocation.path() { paths.append(URL(fileURLWithPath: seeds).deletingLastPathComponent().appendingPathComponent("themes")) }
        switch ThemeLoader.load(name: name, searchPaths: paths) {
        case .success(let t): return t
        case .failure(let e): throw ValidationError("--theme \(name): \(e)")
        }
    }

    func appOptions(folderLabel: String, settings: Settings?, unicode: Bool, simulating: Bool) -> AppOptions {
        AppOptions(folderLabel: folderLabel, readOnly: readOnly || (settings?.readOnly ?? false),
                   user: user ?? ProcessInfo.processInfo.environment["USER"], rep: rep,
                   themeName: theme ?? settings?.display.theme ?? "dark", unicode: unicode && !ascii, simulating: simulating)
    }
}

/// `pipetop snapshot`: exactly the frame the dashboard would show, printed once.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print the dashboard as it would look at a given size, and exit.",
        discussion: "For chat, e-mail and tests. Colour only with --color (24-bit escape sequences)."
    )

    @OptionGroup var folder: FolderArgument
    @OptionGroup var selection: MetricsSelection
    @OptionGroup var view: ViewOptions

    @Option(name: .long, help: "Width in columns.")
    var width: Int = 120

    @Option(name: .long, help: "Height in rows.")
    var height: Int = 40

    @Flag(name: .long, help: "Include colours as terminal escape sequences.")
    var color = false

    @Option(name: .long, help: "The wall-clock time shown in the header, as YYYY-MM-DDThh:mm:ss (default: the data's as-of moment).")
    var clock: String?

    func validate() throws {
        guard (1...1000).contains(width), (1...1000).contains(height) else {
            throw ValidationError("--width and --height must be between 1 and 1000")
        }
    }

    func run() throws {
        let url = try folder.url()
        let snapshot = try folder.loader(url).load()
        let environment = ProcessInfo.processInfo.environment
        let theme = try view.resolveTheme(settings: snapshot.settings, environment: environment)
        let unicode = Glyphs.forLocale(environment: environment).isUnicode
        let options = view.appOptions(folderLabel: folder.label, settings: snapshot.settings, unicode: unicode, simulating: false)
        let now: Int64
        if let clock {
            guard let t = TimestampParser(format: .iso, timeZone: .current).parse(clock) else {
                throw ValidationError("--clock \(clock): write YYYY-MM-DDThh:mm:ss")
            }
            now = t
        } else {
            now = snapshot.asOf
        }
        var state = AppState.showing(snapshot, options: options, width: width, height: height, now: now, focus: try view.paneID() ?? .campaigns)
        state.scope = try selection.resolveScope(snapshot)
        state.split = SourceSplit(rawValue: selection.split) ?? .all
        switch selection.period.lowercased() {
        case "month": state.period = .month
        case "quarter": state.period = .quarter
        default:
            let p = try selection.resolvePeriod(snapshot)
            state.period = .custom(from: p.start, to: p.end)
        }
        state.recomputeAll()
        let context = RenderContext(theme: theme, glyphs: options.unicode ? .unicode : .ascii)
        let frame = view.pane != nil
            ? Dashboard.renderPane(try view.paneID()!, state: state, context: context)
            : Dashboard.render(state, context: context)
        print(color ? ansiText(frame) : frame.text, terminator: "")
    }
}
