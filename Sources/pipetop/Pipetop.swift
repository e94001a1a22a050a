import ArgumentParser
import Foundation
import PipelineKit

/// The `pipetop` command: the dashboard by default, and one-shot subcommands.
@main
struct Pipetop: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipetop",
        abstract: "One live view of the marketing and sales pipeline, in the terminal.",
        discussion: "With no folder, opens a live demo of the bundled sample company.",
        version: "0.1.0",
        subcommands: [DashboardCommand.self, CheckCommand.self, ReportCommand.self, SnapshotCommand.self, TriageCommand.self, InitCommand.self],
        defaultSubcommand: DashboardCommand.self
    )

    /// Usage errors exit with 2 (ArgumentParser's own default is 64), so scripts can tell them from data errors.
    static func main() {
        do {
            try refuseHelpForUnknownCommand(Array(CommandLine.arguments.dropFirst()))
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            guard code != .success else { exit(withError: error) }
            // Messages repeat what was typed (a folder, an action, a --period), which may hold
            // escape sequences: they are shown escaped, line breaks kept.
            let message = MessageText.escaped(fullMessage(for: error), keeping: { $0 == "\n" })
            // An exit code alone (check with errors, refused triage) has said its piece already.
            if !message.isEmpty { FileHandle.standardError.write(Data((message + "\n").utf8)) }
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }

    /// `pipetop help NAME` with a name that is no command printed the top-level help and exited 0,
    /// so a script asking for a misspelt command's help could not tell; it is a usage error.
    static func refuseHelpForUnknownCommand(_ arguments: [String]) throws {
        guard arguments.first == "help", arguments.count > 1 else { return }
        let names = configuration.subcommands.map { $0._commandName }
        let asked = arguments[1]
        guard !asked.hasPrefix("-"), !names.contains(asked) else { return }
        throw ValidationError("help \(asked): no such command; the commands are \(names.joined(separator: ", "))")
    }
}

/// Where a data folder argument points, resolved the same way by every subcommand.
struct FolderArgument: ParsableArguments {
    @Argument(help: "The data folder (default: the bundled sample company).")
    var folder: String?

    @Option(name: .customLong("as-of"), help: "Compute the numbers as of this moment (YYYY-MM-DDThh:mm, or YYYY-MM-DD for the end of that day), overriding the settings.")
    var asOf: String?

    @Option(name: .customLong("preset"), help: "Read the folder as this known export: \(Preset.names.joined(separator: ", ")) (overrides the settings' preset).")
    var preset: String?

    @Option(name: .customLong("settings"), help: "Read this settings file instead of the folder's pipetop.toml (for a read-only export folder); table files given as paths are found from its folder.")
    var settings: String?

    /// Why `path` is not a data folder, in plain words.
    static func notAFolder(_ path: String) -> String {
        FileManager.default.fileExists(atPath: path)
            ? "\(path) is a file, not a folder: give the folder that holds the CSV files"
            : "\(path): no such folder"
    }

    func url() throws -> URL {
        let path = folder ?? SeedLocation.path()
        guard let path else {
            throw ValidationError("no data folder given and the sample company (seeds/) was not found; pass a folder")
        }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir), isDir.boolValue else {
            throw ValidationError(FolderArgument.notAFolder(path))
        }
        return URL(fileURLWithPath: path).standardizedFileURL
    }

    /// The folder as the user named it; "." and ".." by the folder's own name, which says more.
    var label: String {
        guard let folder else { return "seeds" }
        let trimmed = folder.hasSuffix("/") && folder.count > 1 ? String(folder.dropLast()) : folder
        guard trimmed == "." || trimmed == ".." else { return folder }
        return URL(fileURLWithPath: trimmed).standardizedFileURL.lastPathComponent
    }

    func loader(_ url: URL) throws -> SnapshotLoader {
        let asOf = self.asOf
        if let asOf, TimestampParser(format: .iso, timeZone: TimeZone(identifier: "UTC")!).parse(asOf) == nil {
            throw ValidationError("--as-of \(asOf): write YYYY-MM-DD or YYYY-MM-DDThh:mm")
        }
        try Self.checkPreset(preset)
        var loader = SnapshotLoader(folder: url) { settings in
            // Read in the data's own time zone so a date means that day there, to its end (as in
            // the settings: everything dated that day has happened).
            if let asOf, let local = SettingsLoader.asOfMoment(asOf, timeZone: settings.timeZone) {
                settings.asOf = local
            }
        }
        loader.preset = preset
        loader.settingsFile = try Self.settingsFile(settings)
        return loader
    }

    /// `--preset NAME`, refused when no preset has that name (triage takes it too).
    static func checkPreset(_ preset: String?) throws {
        if let preset, Preset.named(preset) == nil {
            throw ValidationError("--preset \(preset): unknown preset; the presets are \(Preset.names.joined(separator: ", "))")
        }
    }

    /// `--settings FILE` as a URL, refused when there is no such file (triage takes it too).
    static func settingsFile(_ path: String?) throws -> URL? {
        guard let path else { return nil }
        guard FileManager.default.fileExists(atPath: path) else { throw ValidationError("--settings \(path): no such file") }
        return URL(fileURLWithPath: path).standardizedFileURL
    }
}

/// Finds the bundled seeds/: beside the executable's package checkout, or the current folder.
enum SeedLocation {
    /// The seeds of the program's own checkout first (.build/<config>/pipetop, or
    /// .build/<triple>/<config>/pipetop), or beside the program, then in the current folder: a
    /// folder of the user's that happens to be called "seeds" (~/seeds for a program in
    /// ~/.local/bin) is not the sample company.
    static func path() -> String? {
        // The running file itself, not argv[0], which is a bare name when found on the PATH.
        let exe = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0]).resolvingSymlinksInPath()
        let dir = exe.deletingLastPathComponent()
        var candidates = [dir.appendingPathComponent("seeds").path]
        var up = dir
        for _ in 0..<3 {
            up = up.deletingLastPathComponent()
            if up.lastPathComponent == ".build" {
                candidates.append(up.deletingLastPathComponent().appendingPathComponent("seeds").path)
                break
            }
        }
        candidates.append(FileManager.default.currentDirectoryPath + "/seeds")
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/leads.csv") }
    }
}
