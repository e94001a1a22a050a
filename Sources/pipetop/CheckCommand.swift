import ArgumentParser
import Foundation
import PipelineKit

/// `pipetop check [DIR]`: every problem in the data as `file:line:column: message`.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Load and validate a data folder; list every problem.",
        discussion: "Exit status: 0 when there are no errors (warnings allowed), 1 when the data has errors, 2 for a usage error."
    )

    @OptionGroup var folder: FolderArgument

    @Flag(name: .customLong("quiet"), help: "Print only the summary line.")
    var quiet = false

    func run() throws {
        let url = try folder.url()
        let snapshot = try folder.loader(url).load()
        let check = DataCheck(snapshot)
        let lines = check.lines(folderLabel: folder.label)
        for line in quiet ? Array(lines.suffix(1)) : lines { print(line) }
        if check.exitCode != 0 { throw ExitCode(check.exitCode) }
    }
}
