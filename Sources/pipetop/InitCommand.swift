import ArgumentParser
import Foundation
import PipelineKit

/// `pipetop init [DIR]`: a first pipetop.toml for a folder of CRM exports.
struct InitCommand: UsageReporting {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Write a settings file (pipetop.toml) for a folder of CRM exports.",
        discussion: """
        Recognises known exports (\(Preset.names.joined(separator: ", "))) or guesses a mapping from the headers; \
        each guess is commented, and each question it cannot settle (an ambiguous date order, an unknown stage name) \
        is left as a TODO that `pipetop check` reports until it is answered. For a read-only folder, use --print \
        and keep the file elsewhere: `pipetop DIR --settings FILE`. Exit status: 0 when written, 1 when nothing was \
        written (no CSV file or none that looks like a table, a pipetop.toml already there), 2 for a usage error.
        """
    )

    @Argument(help: "The folder of exports (default: the current folder).")
    var folder: String = "."

    @Flag(name: .customLong("print"), help: "Write the settings to standard output instead of DIR/pipetop.toml.")
    var printOnly = false

    @Flag(name: .customLong("force"), help: "Replace an existing pipetop.toml, keeping it as pipetop.toml.bak.")
    var force = false

    /// Says why nothing was written, and exits with 1.
    func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("pipetop init: \(message)\n".utf8))
        Foundation.exit(1)
    }

    func perform() throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            throw ValidationError(FolderArgument.notAFolder(folder))
        }
        let url = URL(fileURLWithPath: folder).standardizedFileURL
        let draft = SettingsDraft(folder: url)
        // A folder with nothing to read is the data's fault, as `check` exits 1 for data with errors.
        if let nothing = draft.nothingToRead {
            fail("\(nothing.message(folder: folder)); nothing was written")
        }
        if printOnly {
            print(draft.text, terminator: "")
            return
        }
        let target = url.appendingPathComponent("pipetop.toml")
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: target.path, isDirectory: &isFolder), isFolder.boolValue {
            fail("\(folder)/pipetop.toml is a folder; move it away, or use --print and keep the settings elsewhere")
        }
        if FileManager.default.fileExists(atPath: target.path) && !force {
            fail("\(folder)/pipetop.toml already exists; pass --force to replace it, or --print to see the draft")
        }
        let replaced: SettingsDraft.Replaced
        do {
            replaced = try draft.save(to: target)
        } catch {
            let reason = (error as? POSIXFailure)?.description ?? error.localizedDescription
            fail("cannot write \(target.path): \(reason); use --print and keep the file elsewhere (pipetop \(folder) --settings FILE)")
        }
        let found = draft.preset.map { "as a \($0) export" } ?? "from the headers"
        switch replaced {
        case .nothing:
            print("wrote \(folder)/pipetop.toml (read \(found))")
        case .sameDraft:
            print("\(folder)/pipetop.toml already holds this draft (read \(found)); left as it was")
        case .keptAs(let backup):
            print("wrote \(folder)/pipetop.toml (read \(found)); the old one is kept as \(folder)/\(backup)")
        }
        for other in draft.otherExports {
            print("the folder holds a \(other.preset) export too (\(other.files.joined(separator: ", "))): only the \(draft.preset ?? "") files are read\(other.readAnywayText)")
        }
        if !draft.unreadFiles.isEmpty {
            print("CSV files not read: \(draft.unreadFiles.joined(separator: ", "))")
        }
        if draft.questions.isEmpty {
            print("no open questions; run `pipetop check \(folder)`")
        } else {
            print("\(draft.questions.count) question\(draft.questions.count == 1 ? "" : "s") left as TODO (pipetop check lists them):")
            for q in draft.questions { print("  \(q)") }
        }
    }
}
