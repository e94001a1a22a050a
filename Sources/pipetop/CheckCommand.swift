import ArgumentParser
import Foundation
import PipelineKit
import PipetopUI

/// `pipetop check [DIR]`: every problem in the data as `file:line:column: message`.
struct CheckCommand: UsageReporting {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Load and validate a data folder; list every problem.",
        discussion: "Exit status: 0 when there are no errors (warnings allowed), 1 when the data has errors, 2 for a usage error."
    )

    @OptionGroup var folder: FolderArgument

    @Flag(name: .customLong("quiet"), help: "Print only the summary line.")
    var quiet = false

    func perform() throws {
        let url = try folder.url()
        let loader = try folder.loader(url)
        let snapshot = loader.load()
        // The theme is the screen's business, not the model's: looked up here, so that a name
        // the dashboard cannot use is found before a standup, not at it.
        // The same problems the dashboard's ! list shows.
        var more = ThemeChoice.fromSettings(ViewOptions.settingsTheme(snapshot.settings, loader: loader),
                                            environment: [:], searchPaths: ViewOptions.themePaths).problems
        // Values that each parse but add up past what a number holds: totals over them overflow.
        more += TotalOverflow.diagnostics(snapshot)
        let check = DataCheck(snapshot, more: more)
        let lines = check.lines(folderLabel: folder.label)
        for line in quiet ? Array(lines.suffix(1)) : lines { print(line) }
        if check.exitCode != 0 { throw ExitCode(check.exitCode) }
    }
}
