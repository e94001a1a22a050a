import ArgumentParser
import Foundation
import PipelineKit
import PipetopUI

extension PipelineReport.Format: ExpressibleByArgument {}

/// `pipetop report [DIR]`: the dashboard's numbers as text, for pasting into chat.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the funnel, campaigns, quotas and SLA as text, Markdown or JSON.",
        discussion: "Exit status: 0 when printed (data problems are counted in the report; see `pipetop check`), 2 for a usage error."
    )

    @OptionGroup var folder: FolderArgument
    @OptionGroup var selection: MetricsSelection

    @Option(name: .long, help: "text, markdown or json.")
    var format: PipelineReport.Format = .text

    func run() throws {
        let url = try folder.url()
        let snapshot = try folder.loader(url).load()
        let metrics = try selection.compute(snapshot)
        print(PipelineReport(snapshot: snapshot, metrics: metrics, folderLabel: folder.label).render(format), terminator: "")
    }
}

/// The period, scope and source split options shared by `report` and `snapshot`.
struct MetricsSelection: ParsableArguments {
    @Option(name: .long, help: "month, quarter, or a range YYYY-MM-DD..YYYY-MM-DD (default: month).")
    var period: String = "month"

    @Option(name: .long, help: "everyone, a team name, a rep name, or channel:WORD (default: everyone).")
    var scope: String = "everyone"

    @Option(name: .long, help: "Funnel source split: all, marketing or sales.")
    var split: String = "all"

    func resolvePeriod(_ s: Snapshot) throws -> Period {
        switch period.lowercased() {
        case "month", "this month": return .current(.month, of: s)
        case "quarter", "this quarter": return .current(.quarter, of: s)
        default:
            let parts = period.components(separatedBy: "..")
            let parser = TimestampParser(format: .iso, timeZone: s.settings.timeZone)
            guard parts.count == 2, let from = parser.parse(parts[0]), let to = parser.parse(parts[1]), to >= from else {
                throw ValidationError("--period \(period): write month, quarter, or YYYY-MM-DD..YYYY-MM-DD")
            }
            // The range's last day counts in full.
            return .custom(from: from, to: to + 86_400, timeZone: s.settings.timeZone)
        }
    }

    func resolveScope(_ s: Snapshot) throws -> Scope {
        let key = scope.lowercased()
        if key == "everyone" || key == "all" { return .everyone }
        let all = Metrics.scopes(s)
        if key.hasPrefix("channel:") {
            let word = String(key.dropFirst("channel:".count))
            if let found = all.first(where: { if case .channel(let w) = $0 { return w.lowercased() == word } else { return false } }) {
                return found
            }
        }
        if let team = s.teams.first(where: { $0.lowercased() == key }) { return .team(team) }
        if let rep = s.reps.first(where: { $0.name.lowercased() == key }) { return .rep(rep.name) }
        let names = s.teams + s.reps.map(\.name)
        throw ValidationError("--scope \(scope): no such team, rep or channel (try: everyone, \(names.prefix(4).joined(separator: ", ")), channel:ppc)")
    }

    func compute(_ s: Snapshot) throws -> Metrics {
        guard let split = SourceSplit(rawValue: split.lowercased()) else {
            throw ValidationError("--split \(split): write all, marketing or sales")
        }
        return Metrics.compute(s, period: try resolvePeriod(s), scope: try resolveScope(s), split: split)
    }
}
