import ArgumentParser
import Foundation

/// `pipetop-bench`: how fast pipetop reads a large data folder and computes its numbers.
@main
struct PipetopBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pipetop-bench",
        abstract: "Measure loading and metrics on synthetic data folders of 10k to 1M leads.",
        discussion: "Build with -c release: a debug build is many times slower and says nothing about the product.",
        subcommands: [RunCommand.self, GenerateCommand.self, LoadCommand.self, MavenCommand.self, DashboardBenchCommand.self],
        defaultSubcommand: RunCommand.self
    )
}

/// Lead counts written as `10k`, `100k`, `1M` or plain digits (underscores allowed).
struct LeadCount: ExpressibleByArgument, Hashable, Comparable {
    let value: Int

    init(_ value: Int) { self.value = value }

    init?(argument: String) {
        var text = argument.lowercased().replacingOccurrences(of: "_", with: "")
        var scale = 1
        if text.hasSuffix("k") { scale = 1_000; text.removeLast() }
        else if text.hasSuffix("m") { scale = 1_000_000; text.removeLast() }
        guard let n = Int(text), n > 0 else { return nil }
        value = n * scale
    }

    /// How `--help` shows a default.
    var defaultValueDescription: String { label }

    /// `10k`, `1M`: how the sizes are named in tables.
    var label: String {
        if value % 1_000_000 == 0 { return "\(value / 1_000_000)M" }
        if value % 1_000 == 0 { return "\(value / 1_000)k" }
        return "\(value)"
    }

    static func < (a: LeadCount, b: LeadCount) -> Bool { a.value < b.value }
}

/// Sizes as a comma-separated list: `--sizes 10k,1M`.
struct LeadCounts: ExpressibleByArgument {
    let values: [LeadCount]

    init?(argument: String) {
        let parts = argument.split(separator: ",").map { LeadCount(argument: String($0).trimmingCharacters(in: .whitespaces)) }
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        values = parts.compactMap { $0 }
    }

    init(_ values: [LeadCount]) { self.values = values }

    var defaultValueDescription: String { values.map(\.label).joined(separator: ",") }
}

extension ParsableCommand {
    /// Says so on standard error when the numbers come from a debug build.
    func warnIfDebug() {
        #if DEBUG
        FileHandle.standardError.write(Data("warning: this is a debug build; run `swift run -c release pipetop-bench` for real numbers\n".utf8))
        #endif
    }
}
