import ArgumentParser
import Foundation

/// `pipetop-bench generate --leads N DIR`: writes a synthetic company that `pipetop check` accepts.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a synthetic company (campaigns, leads, deals, reps, quotas, settings) into a folder."
    )

    @Option(name: .long, help: "How many leads (10k, 1M or digits).")
    var leads = LeadCount(100_000)

    @Argument(help: "The folder to write into (created if needed; existing files of the same names are replaced).")
    var folder: String

    func run() throws {
        let url = URL(fileURLWithPath: folder)
        let seconds = try Stopwatch.seconds { try SyntheticCompany(leads: leads.value).write(to: url) }
        let bytes = BenchData.csvBytes(in: url)
        print("wrote \(leads.value) leads to \(url.path): \(Format.megabytes(bytes)) of CSV in \(Format.seconds(seconds))")
    }
}

extension Stopwatch {
    static func seconds(_ body: () throws -> Void) throws -> Double {
        var failure: Error?
        let s = seconds { do { try body() } catch { failure = error } }
        if let failure { throw failure }
        return s
    }
}
