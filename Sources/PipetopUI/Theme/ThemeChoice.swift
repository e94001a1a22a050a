import Foundation
import PipelineKit

/// The theme a screen is drawn with, where it came from, and what the user should be told about it.
public struct ThemeChoice: Sendable, Equatable {
    public enum Source: Sendable, Equatable {
        /// `--theme`, which wins over the settings.
        case commandLine
        /// `[display] theme` in the settings.
        case settings
        /// No theme named, or the one the settings name cannot be used.
        case standard
    }

    public var theme: Theme
    public var source: Source
    /// What is wrong with the theme the settings name, as `pipetop check` and the `!` list show it.
    public var problems: [Diagnostic]
    /// Said once in the footer when the theme drawn is not the one asked for.
    public var notice: String?

    public init(theme: Theme, source: Source, problems: [Diagnostic] = [], notice: String? = nil) {
        self.theme = theme
        self.source = source
        self.problems = problems
        self.notice = notice
    }

    /// The theme the settings name, else the default for the environment (`mono` under NO_COLOR,
    /// else `dark`). A settings theme that cannot be used is not a stop: the default is drawn,
    /// the notice says why and the problems list what to fix.
    public static func fromSettings(_ named: SettingsTheme?, environment: [String: String], searchPaths: [URL]) -> ThemeChoice {
        let fallbackName = ThemeLoader.defaultName(environment: environment)
        let fallback = (try? ThemeLoader.load(name: fallbackName, searchPaths: searchPaths).get())
            ?? Theme.builtin(named: fallbackName) ?? .plain
        guard let named else { return ThemeChoice(theme: fallback, source: .standard) }
        switch ThemeLoader.load(name: named.name, searchPaths: searchPaths, relativeTo: named.folder) {
        case .success(let theme):
            return ThemeChoice(theme: theme, source: .settings)
        case .failure(let error):
            let shown = named.relativized(error)
            return ThemeChoice(theme: fallback, source: .standard, problems: named.diagnostics(for: shown),
                               notice: MessageText.escaped("\(named.location): theme \"\(named.name)\": \(shown.summary); using the \(fallback.name) theme"))
        }
    }

    /// A theme named on the command line: it is drawn, and the settings' theme (`settings`) is
    /// still judged, so that its problems are listed.
    public static func commandLine(_ theme: Theme, settings: ThemeChoice) -> ThemeChoice {
        ThemeChoice(theme: theme, source: .commandLine, problems: settings.problems)
    }

    /// For a screen that shows no colour: a colour theme there keeps only its attributes, which
    /// can leave the selection bold among other bold text; the mono theme marks it with reverse
    /// video instead. A theme without colours is kept as it is. `reason` says why there is no
    /// colour, in the notice given when a theme was asked for.
    public func withoutColour(because reason: String) -> ThemeChoice {
        guard theme.hasColour, let mono = Theme.builtin(named: "mono") else { return self }
        var out = self
        out.theme = mono
        if source != .standard, notice == nil {
            out.notice = MessageText.escaped("\(reason): the \(theme.name) theme is drawn as mono (the selection in reverse video)")
        }
        return out
    }

    /// Why a terminal shows no colour, in a few words for the notice.
    public static func noColourReason(environment: [String: String]) -> String {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return "NO_COLOR is set" }
        return "This terminal (TERM=\(environment["TERM"] ?? "unset")) shows no colour"
    }
}

/// The theme the settings name, and where they name it.
public struct SettingsTheme: Sendable, Equatable {
    public var name: String
    /// The settings file's folder: a theme path in the settings is from there.
    public var folder: URL?
    /// The settings file as messages name it (`pipetop.toml`).
    public var settingsFile: String
    /// Where `theme` is written in it; 0 when not known.
    public var line: Int
    public var column: Int
    /// The data folder: theme files are named from it in the problems, as `pipetop check` names
    /// every file from the folder it checks.
    public var dataFolder: URL?

    public init(name: String, folder: URL?, settingsFile: String, line: Int = 0, column: Int = 0, dataFolder: URL? = nil) {
        self.name = name
        self.folder = folder
        self.settingsFile = settingsFile
        self.line = line
        self.column = column
        self.dataFolder = dataFolder
    }

    /// `pipetop.toml:40:9`, or less where the place is not known.
    public var location: String {
        Diagnostic(file: settingsFile, line: line, column: column, message: "").location
    }

    /// The error with its theme files named from the data folder.
    func relativized(_ error: ThemeError) -> ThemeError {
        guard let dataFolder, case .invalid(let problems) = error else { return error }
        return .invalid(problems.map { problem in
            var copy = problem
            if problem.file.hasPrefix("/") { copy.file = SettingsLoader.pathFrom(folder: dataFolder, to: URL(fileURLWithPath: problem.file)) }
            return copy
        })
    }

    /// The problems as diagnostics: one at the settings key, and with several problems in the
    /// theme's files, one at each problem's own place.
    func diagnostics(for error: ThemeError) -> [Diagnostic] {
        let outcome = "the dashboard uses its default theme"
        switch error {
        case .unknownTheme:
            return [Diagnostic(file: settingsFile, line: line, column: column, severity: .warning,
                               message: "theme \"\(name)\": \(error.lines[0]); \(outcome)")]
        case .invalid(let problems):
            guard problems.count > 1 else {
                return [Diagnostic(file: settingsFile, line: line, column: column, severity: .warning,
                                   message: "theme \"\(name)\": \(error.lines.first ?? "cannot be used"); \(outcome)")]
            }
            let head = Diagnostic(file: settingsFile, line: line, column: column, severity: .warning,
                                  message: "theme \"\(name)\" has \(problems.count) problems, each listed at its place; \(outcome)")
            return [head] + problems.map {
                Diagnostic(file: $0.file, line: $0.line, column: $0.column, severity: .warning, message: $0.message, suggestion: $0.suggestion)
            }
        }
    }
}
