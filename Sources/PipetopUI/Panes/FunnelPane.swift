import Foundation
import PipelineKit

/// The funnel as rows: the six stages with bars, then the side exits.
struct FunnelModel: PaneModel {
    let report: FunnelReport
    let numbers: NumberText
    /// False when the export has no leads: the lead stages are unknown, not 0.
    let leadsKnown: Bool

    enum Row {
        case stage(FunnelStageRow)
        case exit(String, Int)
    }
    let rows: [Row]

    init(report: FunnelReport, numbers: NumberText, leadsKnown: Bool = true) {
        self.report = report
        self.numbers = numbers
        self.leadsKnown = leadsKnown
        rows = report.stages.map(Row.stage) + [
            .exit("Lost", report.lost), .exit("Disqualified", report.disqualified), .exit("Recycled", report.recycled),
        ]
    }

    let columns: [ColumnSpec] = [
        ColumnSpec("Stage", width: 12, alignment: .left, priority: 10),
        ColumnSpec("", width: 0, alignment: .left, priority: 6, minWidth: 6),
        ColumnSpec("Count", width: 6, priority: 10),
        ColumnSpec("Mktg", width: 6, priority: 5),
        ColumnSpec("Sales", width: 6, priority: 5),
        ColumnSpec("Next", width: 6, priority: 8),
        ColumnSpec("Cumul", width: 6, priority: 3),
        ColumnSpec("Days→", width: 6, priority: 4),
    ]

    var rowCount: Int { rows.count }

    func id(_ row: Int) -> String {
        switch rows[row] {
        case .stage(let s): return s.stage.name
        case .exit(let name, _): return name.lowercased()
        }
    }

    func detailTitle(_ row: Int) -> String {
        switch rows[row] {
        case .stage(let s): return s.stage.label
        case .exit(let name, _): return name
        }
    }

    private var top: Int { max(1, report.stages.first?.reached ?? 1) }

    func cell(_ row: Int, _ column: Int) -> CellText {
        switch rows[row] {
        case .stage(let s) where !leadsKnown:
            return column == 0 ? CellText(s.stage.label, .muted) : (column == 1 ? CellText("") : CellText(numbers.missing, .muted))
        case .exit where !leadsKnown:
            return column == 0 ? CellText(rowLabel(row), .muted) : (column == 2 ? CellText(numbers.missing, .muted) : CellText(""))
        case .stage(let s):
            switch column {
            case 0: return CellText(s.stage.label)
            case 1: return CellText("", bar: BarValue(fraction: Double(s.reached) / Double(top), marker: nil))
            case 2: return CellText(numbers.count(s.reached))
            // The sources the split leaves out show no count: a figure there would read as part of it.
            case 3: return report.split == .sales ? CellText(numbers.missing, .muted) : CellText(numbers.count(s.marketing))
            case 4: return report.split == .marketing ? CellText(numbers.missing, .muted) : CellText(numbers.count(s.sales))
            case 5: return CellText(numbers.percent(s.nextStepConversion, decimals: 0))
            case 6: return CellText(numbers.percent(s.cumulativeConversion, decimals: 0), .muted)
            default: return CellText(numbers.decimal(s.medianDaysToNext), .muted)
            }
        case .exit(let name, let count):
            switch column {
            case 0: return CellText(name, .muted)
            case 2: return CellText(numbers.count(count), count > 0 ? .warning : .muted)
            default: return CellText("")
            }
        }
    }

    private func rowLabel(_ row: Int) -> String {
        if case .exit(let name, _) = rows[row] { return name }
        return ""
    }

    func sortKey(_ row: Int, _ column: Int) -> SortKey {
        switch rows[row] {
        case .stage(let s):
            switch column {
            case 0: return .number(Double(s.stage.rawValue))
            case 1, 2: return .number(Double(s.reached))
            case 3: return .number(Double(s.marketing))
            case 4: return .number(Double(s.sales))
            case 5: return s.nextStepConversion.map(SortKey.number) ?? .missing
            case 6: return s.cumulativeConversion.map(SortKey.number) ?? .missing
            default: return s.medianDaysToNext.map(SortKey.number) ?? .missing
            }
        case .exit(_, let count): return column == 0 ? .number(100 + Double(row)) : (column == 2 ? .number(Double(count)) : .missing)
        }
    }

    func detail(_ row: Int) -> [String] {
        switch rows[row] {
        case .stage(let s):
            var lines = [
                "\(s.stage.label): \(numbers.count(s.reached)) leads of the cohort reached it (\(report.split.label))",
                "Marketing-sourced \(numbers.count(s.marketing)), sales-sourced \(numbers.count(s.sales))",
                "On to the next stage: \(numbers.percent(s.nextStepConversion))   of all leads: \(numbers.percent(s.cumulativeConversion))",
                "Median days to the next stage: \(numbers.decimal(s.medianDaysToNext))",
            ]
            lines.append(report.countingConvention)
            return lines
        case .exit(let name, let count):
            var lines = ["\(name): \(numbers.count(count)) leads of the cohort"]
            if name == "Disqualified" {
                lines += report.disqualifyReasons.map { "  \($0.reason ?? "no reason given"): \(numbers.count($0.count))" }
            }
            return lines
        }
    }
}

enum FunnelPane {
    static func summary(_ m: Metrics, snapshot: Snapshot, numbers: NumberText, lines: Int) -> [SummaryLine] {
        let f = m.funnel
        // Open deals whose amounts are all unknown have no pipeline figure, not a pipeline of 0.
        let d = snapshot.deals
        let openKnown = (0..<d.count).contains { d.isOpen($0) && !d.amount[$0].isNaN }
        let open = f.openDeals > 0 && !openKnown ? numbers.missing : numbers.money(f.openPipeline)
        if snapshot.leads.count == 0 {
            // Without a leads file, that is the news; with an empty one, the first thing it lacks.
            let noFile = snapshot.status(of: "leads").map { $0.state == .missing } ?? true
            let why = noFile ? nil : f.missing.first
            let shown = why ?? "no leads in this folder: the lead stages are unknown"
            return [SummaryLine("missing: " + shown, .warning),
                    SummaryLine([.muted("deals: win rate "), .plain(numbers.percent(f.winRate, decimals: 0)),
                                 .muted("  won "), .plain(numbers.count(f.dealsWon)), .muted("  lost "), .plain(numbers.count(f.dealsLost)),
                                 .muted("  open "), .plain(numbers.count(f.openDeals)), .muted(" worth "), .plain(open)])]
                .prefix(max(1, lines)).map { $0 }
        }
        // The counting convention is named on the pane: on one line when short of room, else two.
        let sentences = f.countingConvention.split(separator: ".").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var out: [SummaryLine]
        if lines >= 3, sentences.count >= 2 {
            out = [SummaryLine([.plain(f.split.label), .muted(". " + sentences.dropFirst().joined(separator: ". ") + ".")]),
                   SummaryLine([.muted(sentences[0] + ".")])]
        } else {
            out = [SummaryLine([.plain(f.split.label), .muted(". " + f.countingConvention)])]
        }
        if lines > 1 {
            out.append(SummaryLine([
                .muted("win rate "), .plain(numbers.percent(f.winRate, decimals: 0)),
                .muted("  cycle "), .plain(f.medianSalesCycleDays.map { numbers.decimal($0, decimals: 0) + "d" } ?? numbers.missing),
                .muted("  open "), .plain(open),
                .muted("  MQLs "), .plain(numbers.count(f.mqls)),
                .text(" " + numbers.delta(f.leadVelocityRate), (f.leadVelocityRate ?? 0) >= 0 ? .good : .bad),
                .muted("  stale "), .text(numbers.count(f.staleDeals.count), f.staleDeals.isEmpty ? .normal : .warning),
            ]))
        }
        return out
    }
}

extension FunnelPane {
    /// What fills the space under the stages when there is room: why leads were disqualified,
    /// how long deals sit in each stage, and which deals have gone stale.
    static func notes(_ m: Metrics, snapshot: Snapshot, numbers: NumberText) -> [SummaryLine] {
        let f = m.funnel
        var out: [SummaryLine] = []
        if !f.disqualifyReasons.isEmpty {
            let reasons = f.disqualifyReasons.map { "\($0.reason ?? "no reason") \(numbers.count($0.count))" }.joined(separator: ", ")
            out.append(SummaryLine([.muted("Disqualified for: "), .plain(reasons)]))
        }
        if !f.dealStageTimes.isEmpty {
            let times = f.dealStageTimes.map { "\($0.stage) \(numbers.decimal($0.medianDays))d" }.joined(separator: ", ")
            out.append(SummaryLine([.muted("Median days in deal stages: "), .plain(times)]))
        }
        if !f.staleDeals.isEmpty {
            let ids = f.staleDeals.prefix(6).map { snapshot.deals.id[$0] }.joined(separator: ", ")
            out.append(SummaryLine([.text("\(numbers.count(f.staleDeals.count)) stale deals", .warning),
                                    .muted(" (no change for \(f.staleDays)+ days): "), .plain(ids + (f.staleDeals.count > 6 ? ", …" : ""))]))
        }
        if let cycle = f.medianSalesCycleDays {
            out.append(SummaryLine([.muted("Sales cycle: median "), .plain(numbers.decimal(cycle, decimals: 0) + " days"),
                                    .muted("  average won deal "), .plain(numbers.money(f.averageWonAmount)),
                                    .muted("  pipeline velocity "), .plain(numbers.money(f.pipelineVelocityPerDay) + "/day")]))
        }
        return out
    }
}
