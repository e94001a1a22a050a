import ArgumentParser
import Foundation
import PipelineKit

/// `pipetop-bench load DIR`: one load in a fresh process, so its peak memory is that load's alone.
/// The run command starts it as a child and reads the one line it prints.
struct LoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "load",
        abstract: "Load a data folder once and print the time, the rows and the peak resident memory."
    )

    @Argument(help: "The data folder.")
    var folder: String

    @Flag(name: .customLong("leads-only"), help: "Read only leads.csv (no settings-driven linking).")
    var leadsOnly = false

    func run() throws {
        warnIfDebug()
        let url = URL(fileURLWithPath: folder)
        let startBytes = PeakMemory.currentBytes() ?? 0
        var rows = 0, errors = 0
        let seconds = Stopwatch.seconds {
            if leadsOnly {
                let table = LeadsFile(folder: url).load()
                rows = table.rowCount
                errors = table.diagnostics.count
            } else {
                let snapshot = SnapshotLoader(folder: url).load()
                rows = snapshot.files.reduce(0) { $0 + $1.rows }
                errors = snapshot.diagnostics.filter { $0.severity == .error }.count
            }
        }
        print(LoadReport(seconds: seconds, rows: rows, errors: errors, peakBytes: PeakMemory.peakBytes(), startBytes: startBytes).line)
    }
}

/// The child's answer, one `key=value` line that people can read too.
struct LoadReport {
    var seconds: Double
    var rows: Int
    var errors: Int
    var peakBytes: Int
    /// Resident memory before the load began (the program itself and its libraries).
    var startBytes: Int

    var line: String { "seconds=\(seconds) rows=\(rows) errors=\(errors) peak_bytes=\(peakBytes) start_bytes=\(startBytes)" }

    init(seconds: Double, rows: Int, errors: Int, peakBytes: Int, startBytes: Int) {
        self.seconds = seconds
        self.rows = rows
        self.errors = errors
        self.peakBytes = peakBytes
        self.startBytes = startBytes
    }

    init?(line: String) {
        var values: [String: String] = [:]
        for pair in line.split(separator: " ") {
            let kv = pair.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { values[String(kv[0])] = String(kv[1]) }
        }
        guard let s = values["seconds"].flatMap(Double.init), let r = values["rows"].flatMap(Int.init),
              let e = values["errors"].flatMap(Int.init), let p = values["peak_bytes"].flatMap(Int.init),
              let b = values["start_bytes"].flatMap(Int.init) else { return nil }
        self.init(seconds: s, rows: r, errors: e, peakBytes: p, startBytes: b)
    }

    /// Runs `pipetop-bench load` on `folder` in a child process of this same executable.
    static func measureInChild(folder: URL, leadsOnly: Bool = false) throws -> LoadReport {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: selfExecutable())
        process.arguments = ["load", folder.path] + (leadsOnly ? ["--leads-only"] : [])
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0, let report = text.split(separator: "\n").last.flatMap({ LoadReport(line: String($0)) }) else {
            throw ValidationError("the child load of \(folder.path) failed (status \(process.terminationStatus)): \(text)")
        }
        return report
    }

    /// This executable's path: /proc/self/exe on Linux, else what the system says started us.
    static func selfExecutable() -> String {
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        return Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}
