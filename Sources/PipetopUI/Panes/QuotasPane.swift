import PipelineKit

/// The leaderboard: teams first, then reps, each against their quota and the pace to it.
struct QuotasModel: PaneModel {
    let report: QuotaReport
    let numbers: NumberText
    /// Glyph that marks a rep behind pace, so it never rests on colour alone.
    let behindMark: String
    let rows: [QuotaRow]

    init(report: QuotaReport, numbers: NumberText, behindMark: String) {
        self.report = report
        self.numbers = numbers
        self.behindMark = behindMark
        rows = report.teams + report.reps
    }

    let columns: [ColumnSpec] = [
        ColumnSpec("", width: 1, alignment: .left, priority: 10),
        ColumnSpec("Who", width: 0, alignment: .left, priority: 10, minWidth: 10),
        ColumnSpec("Metric", width: 6, alignment: .left, priority: 9),
        ColumnSpec("Quota", width: 7, priority: 9),
        ColumnSpec("Won", width: 7, priority: 9),
        ColumnSpec("Attainment", width: 0, alignment: .left, priority: 5, minWidth: 8),
        ColumnSpec("Att", width: 5, priority: 9),
        ColumnSpec("Pace", width: 5, priority: 8),
        ColumnSpec("Gap", width: 7, priority: 7),
        ColumnSpec("Fcst", width: 7, priority: 3),
        ColumnSpec("Cover", width: 5, priority: 6),
    ]

    var rowCount: Int { rows.count }
    func id(_ row: Int) -> String { (rows[row].isTeam ? "team:" : "rep:") + rows[row].owner + ":" + rows[row].metric.name }
    func detailTitle(_ row: Int) -> String { (rows[row].isTeam ? "Team " : "") + rows[row].owner + " · " + rows[row].metric.label }

    /// Short, money or not: a count quota of millions in full digits is wider than its column.
    private func amount(_ r: QuotaRow, _ v: Double?) -> String {
        r.metric.isMoney ? numbers.money(v) : numbers.compactCount(v)
    }

    func cell(_ row: Int, _ column: Int) -> CellText {
        let r = rows[row]
        switch column {
        case 0: return r.behindPace ? CellText(behindMark, .bad) : CellText("")
        // Reps are not indented: the team rows come first, and a rep indented below them (or below
        // another team once sorted) would read as that team's.
        case 1: return CellText(r.isTeam ? "Team \(r.owner)" : r.owner, r.isTeam ? .accent : .normal)
        case 2: return CellText(shortMetric(r.metric), .muted)
        case 3: return CellText(amount(r, r.target))
        case 4: return CellText(amount(r, r.actual))
        case 5: return CellText("", bar: BarValue(fraction: r.attainment, marker: report.elapsedShare))
        case 6: return CellText(numbers.percent(r.attainment, decimals: 0), tone(r))
        case 7: return CellText(numbers.multiple(r.pacing, decimals: 2), tone(r))
        case 8: return CellText(amount(r, r.gap), r.gap <= 0 ? .good : .normal)
        case 9:
            // Too early in the period for a run rate to mean much: "early", not $3.75M of $85k.
            if report.elapsedShare < QuotaMetrics.forecastFromShare { return CellText("early", .muted) }
            return CellText(amount(r, r.runRateForecast), (r.runRateForecast ?? 0) >= r.target ? .good : .normal)
        default:
            let short = r.coverage != nil && r.neededCoverage != nil && r.coverage! < r.neededCoverage!
            return CellText(numbers.multiple(r.coverage), short ? .warning : .normal)
        }
    }

    private func tone(_ r: QuotaRow) -> CellTone {
        guard let pacing = r.pacing else { return .muted }
        return r.behindPace ? .bad : (pacing >= 1 ? .good : .warning)
    }

    private func shortMetric(_ m: QuotaMetric) -> String {
        switch m.name {
        case "won_amount": return "won $"
        case "deals_won": return "deals"
        default: return m.label
        }
    }

    func sortKey(_ row: Int, _ column: Int) -> SortKey {
        let r = rows[row]
        let n = { (v: Double?) in v.map(SortKey.number) ?? .missing }
        switch column {
        case 0: return .number(r.behindPace ? 1 : 0)
        case 1: return .text(r.owner)
        case 2: return .text(r.metric.name)
        case 3: return .number(r.target)
        case 4: return .number(r.actual)
        case 5, 6: return n(r.attainment)
        case 7: return n(r.pacing)
        case 8: return .number(r.gap)
        case 9: return n(r.runRateForecast)
        default: return n(r.coverage)
        }
    }

    func matches(_ row: Int, _ filter: String) -> Bool {
        let r = rows[row]
        if filter == "behind" { return r.behindPace }
        return [r.owner, r.team ?? "", r.metric.label, r.metric.name].contains { SearchFolding.folded($0).contains(filter) }
    }

    func detail(_ row: Int) -> [String] {
        let r = rows[row]
        var lines = [
            (r.isTeam ? "Team \(r.owner)" : "\(r.owner), team \(r.team ?? "-")") + ": \(r.metric.label), \(report.period.label)",
            "Quota \(amount(r, r.target))\(r.targetFromReps ? " (the sum of its reps' quotas)" : "")   done \(amount(r, r.actual))   attainment \(numbers.percent(r.attainment))",
            "Expected by now \(amount(r, r.expectedToDate)) (\(numbers.percent(report.elapsedShare, decimals: 0)) of the selling days gone)",
            "Pacing \(numbers.multiple(r.pacing, decimals: 2))\(r.behindPace ? "  \(behindMark) behind pace" : "")   gap \(amount(r, r.gap))   run-rate forecast \(amount(r, r.runRateForecast))"
                + (report.elapsedShare < QuotaMetrics.forecastFromShare ? " (early in the period: a run rate of a few days)" : ""),
        ]
        if r.metric.isMoney || r.metric.name == "deals_won" {
            lines.append("Open pipeline closing in the period \(amount(r, r.openPipelineInPeriod))   coverage \(numbers.multiple(r.coverage)) (needed about \(numbers.multiple(r.neededCoverage)) at a \(numbers.percent(r.winRate, decimals: 0)) win rate)")
        }
        return lines
    }
}

enum QuotasPane {
    /// `width`: the line gives way part by part, so the count behind pace is read whole.
    static func summary(_ m: Metrics, numbers: NumberText, behindMark: String, width: Int = .max) -> [SummaryLine] {
        let q = m.quotas
        if q.reps.isEmpty && q.teams.isEmpty {
            return [SummaryLine(q.missing.first.map { "missing: " + $0 } ?? "No quotas for \(q.period.label)", .warning)]
        }
        // The people and teams the marker flags, each once however many of their quotas it flags.
        let reps = Set(q.reps.filter(\.behindPace).map(\.owner)).count, teams = Set(q.teams.filter(\.behindPace).map(\.owner)).count
        var counted: [String] = []
        if !q.reps.isEmpty || q.teams.isEmpty { counted.append("\(reps) rep\(reps == 1 ? "" : "s")") }
        if !q.teams.isEmpty { counted.append("\(teams) team\(teams == 1 ? "" : "s")") }
        let behind = SummaryLine.Segment.text("\(behindMark) \(counted.joined(separator: " and ")) behind pace", reps + teams > 0 ? .bad : .good)
        let elapsed: [SummaryLine.Segment] = [.plain(q.period.label), .muted(": "), .plain(numbers.percent(q.elapsedShare, decimals: 0))]
        // Under a channel the rows are everyone's: said first, so they are not read as the channel's.
        var lead: [SummaryLine.Segment] = []
        if case .channel = m.scope { lead = [.text("Everyone's (no quota per channel)", .warning), .muted("  ")] }
        let candidates = [
            SummaryLine(lead + elapsed + [.muted(" of the selling days gone (the marker on each bar)  "), behind]),
            SummaryLine(lead + elapsed + [.muted(" of the selling days gone  "), behind]),
            SummaryLine(lead + elapsed + [.muted(" of days gone  "), behind]),
            SummaryLine(lead + [behind]),
            SummaryLine((lead.isEmpty ? [] : [.text("Everyone's", .warning), .muted("  ")]) + [behind]),
            SummaryLine([behind]),
        ]
        return [candidates.first { displayWidth(of: $0.text) <= width } ?? candidates[candidates.count - 1]]
    }
}
