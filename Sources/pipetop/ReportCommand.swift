import ArgumentParser
import Foundation
import PipelineKit
import PipetopUI

extension PipelineReport.Format: ExpressibleByArgument {}

/// `pipetop report [DIR]`: the dashboard's numbers as text, for pasting into chat.
struct ReportCommand: UsageReporting {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print the funnel, campaigns, quotas and SLA as text, Markdown or JSON.",
        discussion: "Exit status: 0 when printed (data problems are counted in the report; see `pipetop check`), 2 for a usage error."
    )

    @OptionGroup var folder: FolderArgument
    @OptionGroup var selection: MetricsSelection

    @Option(name: .long, help: "text, markdown or json.")
    var format: PipelineReport.Format = .text

    func perform() throws {
        let url = try folder.url()
        let snapshot = try folder.loader(url).load()
        let metrics = try selection.compute(snapshot)
        print(PipelineReport(snapshot: snapshot, metrics: metrics, folderLabel: folder.label).render(format), terminator: "")
    }
}

/// The period, scope and source split options shared by `report` and `snapshot`.
struct MetricsSelection: ParsableArguments {
    @Option(name: .long, help: "month, quarter (the current ones), a month YYYY-MM, or a range YYYY-MM-DD..YYYY-MM-DD.")
    var period: String = "month"

    @Option(name: .long, help: "everyone, a team name, a rep name, or channel:WORD (default: everyone; a view's own otherwise).")
    var scope: String?

    @Option(name: .long, help: "Funnel source split: all, marketing or sales.")
    var split: String = "all"

    /// The period as the dashboard holds it.
    func periodChoice(_ s: Snapshot) throws -> PeriodChoice {
        switch period.lowercased() {
        case "month", "this month": return .month
        case "quarter", "this quarter": return .quarter
        default:
            guard let range = PeriodChoice.range(period, timeZone: s.settings.timeZone) else {
                if let reversed = PeriodChoice.reversedRange(period, timeZone: s.settings.timeZone) {
                    throw ValidationError("--period \(period): \(reversed)")
                }
                throw ValidationError("--period \(period): write month, quarter, YYYY-MM, or YYYY-MM-DD..YYYY-MM-DD")
            }
            return range
        }
    }

    func resolveScope(_ s: Snapshot) throws -> Scope {
        let scope = self.scope ?? "everyone"
        let key = scope.lowercased()
        if key == "everyone" || key == "all" { return .everyone }
        let all = Metrics.scopes(s)
        if key.hasPrefix("channel:") {
            // Through the channel aliases, as the data files' own channel cells are ("Paid Search").
            let typed = String(scope.dropFirst("channel:".count))
            let word = (s.settings.channels.word(for: typed) ?? typed).lowercased()
            if let found = all.first(where: { if case .channel(let w) = $0 { return w.lowercased() == word } else { return false } }) {
                return found
            }
        }
        // As the screen names a team ("Team Enterprise"), or by its name alone.
        let teamKey = key.hasPrefix("team ") ? String(key.dropFirst("team ".count)) : key
        if let team = s.teams.first(where: { $0.lowercased() == key || $0.lowercased() == teamKey }) { return .team(team) }
        if let rep = s.reps.first(where: { $0.name.lowercased() == key }) { return .rep(rep.name) }
        let names = s.teams + s.reps.map(\.name)
        throw ValidationError("--scope \(scope): no such team, rep or channel (try: everyone, \(names.prefix(4).joined(separator: ", ")), channel:ppc)")
    }

    /// The period, scope and split asked for, on a screen's first state (computed again only
    /// when they differ from what it opened on).
    func apply(to state: inout AppState, snapshot: Snapshot) throws {
        // Given, it is the scope shown; not given, the view's own (the manager's team).
        if self.scope != nil, state.options.view == .rep {
            throw ValidationError("--scope: the rep view shows one rep's own numbers; leave --scope out, or open --view manager or the dashboard")
        }
        let scope = self.scope != nil ? try resolveScope(snapshot) : state.scope
        guard let split = SourceSplit(rawValue: split.lowercased()) else {
            throw ValidationError("--split \(self.split): write all, marketing or sales")
        }
        let period = try periodChoice(snapshot)
        if scope != state.scope || split != state.split || period != state.period {
            (state.scope, state.split, state.period) = (scope, split, period)
            state.recomputeAll()
        }
    }

    func compute(_ s: Snapshot) throws -> Metrics {
        guard let split = SourceSplit(rawValue: split.lowercased()) else {
            throw ValidationError("--split \(split): write all, marketing or sales")
        }
        let period = try periodChoice(s).period(asOf: s.asOf, settings: s.settings)
        return Metrics.compute(s, period: period, scope: try resolveScope(s), split: split)
    }
}
