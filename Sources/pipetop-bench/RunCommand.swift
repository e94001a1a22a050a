import ArgumentParser
import Foundation
import PipelineKit

/// The default command: for each size, medians of the folder load, leads.csv alone and the metrics,
/// and the peak memory of one folder load in a fresh child process.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Measure load time, throughput, peak memory and metrics time for each size (the default)."
    )

    @Option(name: .long, help: "Lead counts to measure, comma-separated.")
    var sizes = LeadCounts([LeadCount(10_000), LeadCount(100_000), LeadCount(1_000_000)])

    @Option(name: .long, help: "Timed runs per measurement (default: 7, and 5 from 1M leads up).")
    var runs: Int?

    @Flag(name: .long, help: "Print the table as Markdown.")
    var markdown = false

    func validate() throws {
        if let runs, runs < 1 { throw ValidationError("--runs must be at least 1") }
    }

    func run() throws {
        warnIfDebug()
        let log: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        var table = ResultTable(
            columns: ["leads", "leads.csv", "all CSV", "folder load", "MB/s", "rows/s",
                      "leads.csv load", "MB/s", "rows/s", "peak RSS", "peak/leads.csv", "metrics"],
            rightAligned: Set(1...11))
        var notes: [String] = []
        for size in sizes.values {
            let n = size.value
            let folder = try BenchData.ensure(leads: n, log: log)
            let runs = self.runs ?? (n >= 1_000_000 ? 5 : 7)
            let leadsBytes = BenchData.fileBytes(folder.appendingPathComponent("leads.csv"))
            let folderBytes = BenchData.csvBytes(in: folder)
            log("\(size.label): \(runs) runs each ...")

            // Peak memory first, in a child, before this process has touched the data.
            let child = try LoadReport.measureInChild(folder: folder)
            if child.errors > 0 { notes.append("\(size.label): the folder load reported \(child.errors) errors") }

            let loader = SnapshotLoader(folder: folder)
            var rows = 0
            let folderTime = Stopwatch.median(runs: runs) { rows = loader.load().files.reduce(0) { $0 + $1.rows } }

            let leadsFile = LeadsFile(folder: folder)
            var leadRows = 0
            let leadsTime = Stopwatch.median(runs: runs) { leadRows = leadsFile.load().rowCount }

            let snapshot = loader.load()
            let period = Period.current(.month, of: snapshot)
            let metricsTime = Stopwatch.median(runs: runs) {
                _ = Metrics.compute(snapshot, period: period, scope: .everyone, split: .all)
            }

            table.rows.append([
                size.label, Format.megabytes(leadsBytes), Format.megabytes(folderBytes),
                Format.seconds(folderTime), String(format: "%.0f", Double(folderBytes) / 1e6 / folderTime),
                Format.rate(Double(rows) / folderTime, unit: ""),
                Format.seconds(leadsTime), String(format: "%.0f", Double(leadsBytes) / 1e6 / leadsTime),
                Format.rate(Double(leadRows) / leadsTime, unit: ""),
                Format.megabytes(child.peakBytes), Format.ratio(Double(child.peakBytes) / Double(leadsBytes)),
                Format.seconds(metricsTime),
            ].map { $0.trimmingCharacters(in: .whitespaces) })
        }
        print(table.render(markdown: markdown))
        let legend = """
            Medians of \(runs.map(String.init) ?? "7 (5 from 1M leads)") timed runs after one warm-up, \(ProcessInfo.processInfo.activeProcessorCount) cores. \
            "folder load": SnapshotLoader(folder:).load() of every file with linking; "leads.csv load": TableLoader alone; \
            MB/s over the CSV bytes read (MB = 10^6 bytes); rows/s over all rows kept. \
            "peak RSS": VmHWM of one folder load in a fresh child process (program included). \
            "metrics": Metrics.compute for the current month, everyone, all sources.
            """
        print(markdown ? "\n" + legend : legend)
        for note in notes { print("note: \(note)") }
    }
}
