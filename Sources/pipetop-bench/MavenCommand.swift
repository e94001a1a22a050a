import ArgumentParser
import Foundation
import PipelineKit

/// `pipetop-bench maven`: reading the Maven Analytics CRM sample, a real export, file by file.
struct MavenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "maven",
        abstract: "Measure reading the maven-crm sample's CSV files (typed from their own headers).",
        discussion: "Each file is read through TableLoader with a schema inferred from its header and first rows. Skipped, with a message, when the folder is absent."
    )

    @Option(name: .long, help: "The maven-crm folder (default: ../shared/realdata/maven-crm from the current folder).")
    var path = "../shared/realdata/maven-crm"

    @Option(name: .long, help: "Timed runs per file.")
    var runs = 21

    @Flag(name: .long, help: "Print the table as Markdown.")
    var markdown = false

    func run() throws {
        warnIfDebug()
        let folder = URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true))
            .standardizedFileURL
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".csv") }.sorted()
        guard !names.isEmpty else {
            print("maven-crm: no CSV files at \(folder.path); skipped (pass --path to point at the folder)")
            return
        }
        let readers = CellReaders(time: { [parser = TimestampParser(format: .iso, timeZone: TimeZone(identifier: "UTC")!)] in parser.parse($0) },
                                  timeLayout: "YYYY-MM-DD", number: { parseNumber($0, format: .standard) })
        var table = ResultTable(columns: ["file", "size", "rows", "columns", "load", "MB/s", "rows/s", "problems"],
                                rightAligned: [1, 2, 4, 5, 6, 7])
        var totalBytes = 0, totalRows = 0, totalTime = 0.0
        for name in names {
            let url = folder.appendingPathComponent(name)
            let bytes = (try? [UInt8](Data(contentsOf: url))) ?? []
            guard let schema = GenericSchema.infer(name: String(name.dropLast(4)), bytes: bytes) else { continue }
            var loaded: LoadedTable?
            let time = Stopwatch.median(runs: runs) { loaded = TableLoader.load(url: url, schema: schema, readers: readers) }
            let rows = loaded?.rowCount ?? 0
            totalBytes += bytes.count; totalRows += rows; totalTime += time
            table.rows.append([name, String(format: "%.1f kB", Double(bytes.count) / 1e3), "\(rows)", kinds(schema),
                               Format.seconds(time), String(format: "%.0f", Double(bytes.count) / 1e6 / time),
                               Format.rate(Double(rows) / time, unit: ""), "\(loaded?.diagnostics.count ?? 0)"])
        }
        table.rows.append(["all", String(format: "%.1f kB", Double(totalBytes) / 1e3), "\(totalRows)", "",
                           Format.seconds(totalTime), String(format: "%.0f", Double(totalBytes) / 1e6 / totalTime),
                           Format.rate(Double(totalRows) / totalTime, unit: ""), ""])
        print(table.render(markdown: markdown))
        print("\(markdown ? "\n" : "")Medians of \(runs) runs after one warm-up; read from \(folder.path). Each file typed from its own header (t = time, n = number, c = category, x = text).")

        // The way the dashboard opens it: the maven-crm preset and the authored settings and quotas.
        let settings = URL(fileURLWithPath: "examples/maven-crm/pipetop.toml", relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true)).standardizedFileURL
        guard FileManager.default.fileExists(atPath: settings.path) else {
            print("examples/maven-crm/pipetop.toml not found from \(FileManager.default.currentDirectoryPath): the preset load is skipped")
            return
        }
        var loader = SnapshotLoader(folder: folder)
        loader.settingsFile = settings
        var snapshot: Snapshot?
        let whole = Stopwatch.median(runs: runs) { snapshot = loader.load() }
        var metricsTime = Double.nan
        if let s = snapshot {
            metricsTime = Stopwatch.median(runs: runs) { _ = Metrics.compute(s, period: .current(.month, of: s), scope: .everyone, split: .all) }
            print("\(markdown ? "\n" : "")With the maven-crm preset (--settings examples/maven-crm/pipetop.toml): load and link \(Format.seconds(whole)), "
                  + "\(s.deals.count) deals, \(s.reps.count) reps, \(s.diagnostics.count) warnings; all metrics \(Format.seconds(metricsTime)).")
        }
    }

    /// Column kinds in header order, one letter each.
    private func kinds(_ schema: TableSchema) -> String {
        String(schema.fields.map { f -> Character in
            switch f.kind { case .time: "t"; case .number: "n"; case .category: "c"; case .text: "x" }
        })
    }
}
