import ArgumentParser
import Foundation
import PipelineKit
import PipetopUI

/// How the dashboard looks and who is at the keyboard, shared by the dashboard and `snapshot`.
struct ViewOptions: ParsableArguments {
    @Option(name: .long, help: "Colour theme: dark, light, high-contrast, colorblind, mono, or a .toml file (docs/themes.md; default: the settings' theme, else dark). Without colour (NO_COLOR, or a terminal with none) the dashboard draws mono.")
    var theme: String?

    @Option(name: .long, help: "The pane to start on: campaigns, funnel, quotas, sla or inbox; deals in the manager and rep views, since in the standup (with snapshot: the only pane printed, at full size).")
    var pane: String?

    @Option(name: .long, help: "Who is at the keyboard, matched against reps.csv (default: the login name).")
    var user: String?

    @Option(name: .long, help: "Narrow the inbox to this rep's leads and the unassigned ones.")
    var rep: String?

    @Flag(name: .customLong("read-only"), help: "Turn every editing command off (for a shared screen).")
    var readOnly = false

    @Flag(name: .long, help: "ASCII bars and box lines whatever the locale says.")
    var ascii = false

    @Option(name: .long, help: "dashboard, standup, manager or rep (default: the settings' view, else dashboard).")
    var view: String?

    @Flag(name: .long, help: "The standup screen: read-only, big numbers, rotating panes, what changed since the last standup.")
    var standup = false

    @Option(name: .long, parsing: .unconditional, help: "Standup: seconds per pane, 3 at least (fewer is read as 3), 0 to never rotate (default: the settings' rotate_seconds, else 20).")
    var rotate: Int?

    @Option(name: .long, help: "Standup: show what changed since this moment (YYYY-MM-DD or YYYY-MM-DDThh:mm; default: the last standup in this folder).")
    var since: String?

    func validate() throws {
        if let user, let problem = LoginName.problem(with: user) { throw ValidationError(problem) }
    }

    func viewKind(settings: Settings?) throws -> ViewKind {
        if standup { return .standup }
        let name = view ?? settings?.display.view ?? "dashboard"
        guard let kind = ViewKind(rawValue: name.lowercased()) else {
            throw ValidationError("--view \(name): write one of \(ViewKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return kind
    }

    func paneID() throws -> PaneID? {
        guard let pane else { return nil }
        guard let id = PaneID(name: pane) else {
            throw ValidationError("--pane \(pane): write one of \(PaneID.allCases.map(\.name).joined(separator: ", "))")
        }
        return id
    }

    /// The theme to draw with: `--theme`, else the settings' theme, else the default for the
    /// environment. A bad `--theme` is a usage error; a theme the settings name that cannot be used
    /// is not a stop: the default is drawn and the choice's notice says why. The settings' theme
    /// is judged even when `--theme` wins, so that its problems are listed.
    func themeChoice(settings: Settings?, loader: SnapshotLoader, environment: [String: String]) throws -> ThemeChoice {
        let fromSettings = ThemeChoice.fromSettings(Self.settingsTheme(settings, loader: loader), environment: environment,
                                                    searchPaths: Self.themePaths)
        guard let theme else { return fromSettings }
        switch ThemeLoader.load(name: theme, searchPaths: Self.themePaths) {
        case .success(let t): return .commandLine(t, settings: fromSettings)
        case .failure(let e):
            let lines = e.lines.map { MessageText.escaped($0) }
            let shown = lines.count == 1 ? lines[0] : "\(lines.count) problems:\n" + lines.joined(separator: "\n")
            throw ValidationError("--theme \(MessageText.escaped(theme)): \(shown)")
        }
    }

    /// Where themes are looked for by name: the themes folder beside the sample company.
    static var themePaths: [URL] {
        SeedLocation.path().map { [URL(fileURLWithPath: $0).deletingLastPathComponent().appendingPathComponent("themes")] } ?? []
    }

    /// The theme the settings name, with where they name it; a path in the settings is from the
    /// settings file's folder, as its table paths are.
    static func settingsTheme(_ settings: Settings?, loader: SnapshotLoader) -> SettingsTheme? {
        guard let name = settings?.display.theme else { return nil }
        let at = loader.settingsPosition(of: ["display", "theme"])
        return SettingsTheme(name: name, folder: loader.settingsFolder, settingsFile: loader.settingsLabel,
                             line: at?.line ?? 0, column: at?.column ?? 0, dataFolder: loader.folder)
    }

    /// Everything the screen needs to know from the command line and the settings. For the rep
    /// view the user must be a rep in reps.csv; the standup is always read-only.
    /// `notice`: set when the settings' view cannot be opened for this user and the dashboard
    /// opens instead (a wall screen started with no flags should come up, not stop).
    func appOptions(folderLabel: String, snapshot: Snapshot?, notice: inout String?, unicode: Bool, simulating: Bool,
                    since: Int64? = nil) throws -> AppOptions {
        let settings = snapshot?.settings
        var kind = try viewKind(settings: settings)
        let who = LoginName.user(given: user)
        var narrowTo = rep
        if let rep, let s = snapshot {
            // Found as --user finds a rep (login, name or e-mail, case aside), not by the exact name only.
            guard let match = s.rep(matchingUser: rep) else {
                let near = s.reps.first { $0.name.lowercased().hasPrefix(rep.lowercased()) || ($0.login ?? "").lowercased().hasPrefix(rep.lowercased()) }
                let file = s.reps.isEmpty && s.status(of: "reps")?.state == .missing ? "the data (there is no reps file)" : s.fileName("reps")
                throw ValidationError("--rep \(MessageText.escaped(rep)): no rep with that login, name or e-mail in \(file)"
                                      + (near.map { " (did you mean \"\($0.name)\"?)" } ?? ""))
            }
            narrowTo = match.name
        }
        if kind == .rep, narrowTo == nil {
            if let who, let s = snapshot, let match = s.rep(matchingUser: who), !s.hasOwnNumbers(match) {
                // A rep screen for someone with no quota, no lead and no deal would be empty and
                // still offer triage keys: the view that fits them opens, saying why.
                let team = s.managedTeam(of: match)
                kind = team == nil ? .dashboard : .manager
                notice = "\(MessageText.escaped(match.name)) has no quota, leads or deals of their own: "
                    + (team.map { "the manager view opens on Team \(MessageText.escaped($0))" } ?? "the dashboard opens")
            } else if let who, let s = snapshot, let match = s.rep(matchingUser: who) {
                narrowTo = match.name
            } else if view == nil && !standup {
                notice = "pipetop.toml: view = \"rep\" needs the user to be a rep in reps.csv (\(MessageText.escaped(who ?? "no login name")) is not): the dashboard opens instead; start with --user NAME"
                kind = .dashboard
            } else {
                throw ValidationError("--view rep needs --user NAME matching a rep in reps.csv (by login, name or e-mail)")
            }
        }
        var o = AppOptions(folderLabel: folderLabel, readOnly: readOnly || kind == .standup || (settings?.readOnly ?? false),
                           user: who, rep: narrowTo,
                           unicode: unicode && !ascii, simulating: simulating)
        o.view = kind
        // 0 never rotates; otherwise at least 3 s, so a pane can be read.
        if let rotate, rotate < 0 { throw ValidationError("--rotate \(rotate): write the seconds per pane, or 0 to never rotate") }
        let seconds = rotate ?? settings?.display.rotateSeconds ?? 20
        o.rotateSeconds = seconds <= 0 ? 0 : max(3, seconds)
        o.since = since
        return o
    }

    /// The start of "since last standup": --since, else the moment the last standup in this folder
    /// began on a day before `moment`'s.
    func sinceMoment(folder: URL, settings: Settings, at moment: Int64) throws -> Int64? {
        if let since {
            guard let t = TimestampParser(format: .iso, timeZone: settings.timeZone).parse(since) else {
                throw ValidationError("--since \(since): write YYYY-MM-DD or YYYY-MM-DDThh:mm")
            }
            return t
        }
        return StandupMemory.last(in: folder, before: moment, timeZone: settings.timeZone)
    }

    /// The first state: the rep view opens on that rep's numbers.
    func initialState(_ snapshot: Snapshot, options: AppOptions, width: Int, height: Int, now: Int64) throws -> AppState {
        let start = try paneID() ?? options.view.panes[0]
        // A pane of another view has nothing computed here: an empty box would read as no data.
        guard options.view.panes.contains(start) else {
            let holders = ViewKind.allCases.filter { $0.panes.contains(start) }.map { "--view \($0.rawValue)" }
            throw ValidationError("--pane \(start.name): the \(options.view.rawValue) view has \(options.view.panes.map(\.name).joined(separator: ", ")); "
                                  + "\(start.name) is in \(holders.joined(separator: " and "))")
        }
        var state = AppState.showing(snapshot, options: options, width: width, height: height, now: now, focus: start)
        if options.view == .rep, let rep = options.rep {
            state.scope = .rep(rep)
            state.recomputeAll()
        }
        if options.view == .manager {
            state.openOnManagedTeam(of: options.user)
            // Reps behind pace first.
            state[.quotas].sortColumn = 0
            state[.quotas].sortDescending = true
            state.rebuildOrder(.quotas)
        }
        return state
    }
}

/// `pipetop snapshot`: exactly the frame the dashboard would show, printed once.
struct SnapshotCommand: UsageReporting {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "Print the dashboard as it would look at a given size, and exit.",
        discussion: "For chat, e-mail and tests. Colour only with --color (24-bit escape sequences), which shows the theme's colours even under NO_COLOR."
    )

    @OptionGroup var folder: FolderArgument
    @OptionGroup var selection: MetricsSelection
    @OptionGroup var view: ViewOptions

    @Option(name: .long, parsing: .unconditional, help: "Width in columns.")
    var width: Int = 120

    @Option(name: .long, parsing: .unconditional, help: "Height in rows.")
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

    func perform() throws {
        let url = try folder.url()
        let loader = try folder.loader(url)
        let snapshot = loader.load()
        let environment = ProcessInfo.processInfo.environment
        // Colour only with --color, which asks for it: the theme chosen is printed in its colours
        // even under NO_COLOR (where the default theme is mono).
        let choice = try view.themeChoice(settings: snapshot.settings, loader: loader, environment: environment)
        if let notice = choice.notice { FileHandle.standardError.write(Data("pipetop: \(MessageText.escaped(notice))\n".utf8)) }
        let theme = choice.theme
        let unicode = Glyphs.forLocale(environment: environment).isUnicode
        var notice: String?
        let options = try view.appOptions(folderLabel: folder.label, snapshot: snapshot, notice: &notice, unicode: unicode, simulating: false,
                                          since: try view.sinceMoment(folder: url, settings: snapshot.settings, at: snapshot.asOf))
        if let notice { FileHandle.standardError.write(Data("pipetop: \(notice)\n".utf8)) }
        let now: Int64
        if let clock {
            guard let t = TimestampParser(format: .iso, timeZone: .current).parse(clock) else {
                throw ValidationError("--clock \(clock): write YYYY-MM-DDThh:mm:ss")
            }
            now = t
        } else {
            now = snapshot.asOf
        }
        var state = try view.initialState(snapshot, options: options, width: width, height: height, now: now)
        try selection.apply(to: &state, snapshot: snapshot)
        let context = RenderContext(theme: theme, glyphs: options.unicode ? .unicode : .ascii)
        let frame = view.pane != nil
            ? Dashboard.renderPane(try view.paneID()!, state: state, context: context)
            : Dashboard.render(state, context: context)
        print(color ? ansiText(frame) : frame.text, terminator: "")
    }
}
