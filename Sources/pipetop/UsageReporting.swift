import ArgumentParser
import Foundation
import PipelineKit

/// A subcommand whose usage errors found while running (a scope no one has, a pane the view
/// lacks) end with its own usage line, as those found while parsing do, not the top-level one.
protocol UsageReporting: ParsableCommand {
    func perform() throws
}

extension UsageReporting {
    func run() throws {
        do {
            try perform()
        } catch let error as ValidationError {
            let name = Self.configuration.commandName ?? ""
            let text = """
                Error: \(MessageText.escaped(error.message, keeping: { $0 == "\n" }))
                Usage: pipetop \(Self.usageString())
                  See 'pipetop \(name) --help' for more information.

                """
            FileHandle.standardError.write(Data(text.utf8))
            throw ExitCode.validationFailure
        }
    }
}
