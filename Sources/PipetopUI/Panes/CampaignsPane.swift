import Foundation
import PipelineKit

/// One row per campaign: what it cost, what it brought in, and whether it paid.
struct CampaignsModel: PaneModel {
    let report: CampaignReport
    let numbers: NumberText
    let zone: TimeZone

    let columns: [ColumnSpec] = [
        ColumnSpec("Campaign", width: 0, alignment: .left, priority: 10, minWidth: 12),
        ColumnSpec("Channel", width: 8, alignment: .left, priority: 8),
        ColumnSpec("Status", width: 8, alignment: .left, priority: 4),
        ColumnSpec("Start", width: 10, alignment: .left, priority: 1),
        ColumnSpec("End", width: 10, alignment: .left, priority: 0),
        ColumnSpec("Budget", width: 7, priority: 2),
        ColumnSpec("Spend", width: 7, priority: 6),
        ColumnSpec("Leads", width: 6, priority: 9),
        ColumnSpec("MQLs", width: 5, priority: 8),
        ColumnSpec("CPL", width: 6, priority: 7),
        ColumnSpec("CPMQL", width: 6, priority: 5),
        ColumnSpec("Pipeline", width: 8, priority: 6),
        ColumnSpec("Won", width: 7, priority: 7),
        ColumnSpec("ROI", width: 6, priority: 7),
        ColumnSpec("Leads/wk", width: 12, alignment: .left, priority: 3),
    ]

    var rowCount: Int { report.rows.count }
    func id(_ row: Int) -> String { report.rows[row].id }

    func cell(_ row: Int, _ column: Int) -> CellText {
        let r = report.rows[row]
        switch column {
        case 0: return CellText(r.name)
        case 1: return CellText(r.channelLabel, .muted)
        case 2: return CellText(r.status.rawValue, r.status == .active ? .accent : .muted)
        case 3: return CellText(day(r.start))
        case 4: return CellText(r.end.map(day) ?? "open", .muted)
        case 5: return CellText(numbers.money(r.budget))
        case 6: return CellText(numbers.money(r.spend))
        case 7: return CellText(numbers.count(r.leads))
        case 8: return CellText(numbers.count(r.mqls))
        case 9: return CellText(numbers.money(r.cpl))
        case 10: return CellText(numbers.money(r.costPerMQL))
        case 11: return CellText(numbers.money(r.pipelineSourced))
        case 12: return CellText(numbers.money(r.wonRevenue), r.wonRevenue > 0 ? .good : .normal)
        case 13:
            let roi = r.roi
            return CellText(numbers.percent(roi, decimals: 0), roi == nil ? .muted : (roi! >= 0 ? .good : .bad))
        default: return CellText("", spark: r.leadsPerWeek)
        }
    }

    func sortKey(_ row: Int, _ column: Int) -> SortKey {
        let r = report.rows[row]
        let n = { (v: Double?) in v.map(SortKey.number) ?? .missing }
        switch column {
        case 0: return .text(r.name)
        case 1: return .text(r.channelLabel)
        case 2: return .text(r.status.rawValue)
        case 3: return .number(Double(r.start))
        case 4: return n(r.end.map(Double.init))
        case 5: return n(r.budget)
        case 6: return n(r.spend)
        case 7: return .number(Double(r.leads))
        case 8: return .number(Double(r.mqls))
        case 9: return n(r.cpl)
        case 10: return n(r.costPerMQL)
        case 11: return .number(r.pipelineSourced)
        case 12: return .number(r.wonRevenue)
        case 13: return n(r.roi)
        default: return .number(r.leadsPerWeek.last ?? 0)
        }
    }

    /// The filter looks at the name, the channel (word and label) and the status.
    func matches(_ row: Int, _ filter: String) -> Bool {
        let r = report.rows[row]
        return [r.name, r.channel, r.channelLabel, r.status.rawValue, r.id].contains { SearchFolding.folded($0).contains(filter) }
    }

    func detail(_ row: Int) -> [String] {
        let r = report.rows[row]
        var lines = [
            "\(r.name) (\(r.id))",
            "Channel: \(r.channelLabel)    Status: \(r.status.rawValue)    Owner: \(r.owner ?? "-")",
            "Runs: \(day(r.start)) to \(r.end.map(day) ?? "open")",
            "Budget \(numbers.moneyExact(r.budget))   Spend \(numbers.moneyExact(r.spend))",
            "Impressions \(numbers.count(r.impressions))   Clicks \(numbers.count(r.clicks))   CTR \(numbers.percent(r.ctr))   CPC \(numbers.moneyExact(r.cpc, cents: true))",
            "Leads \(numbers.count(r.leads))   MQLs \(numbers.count(r.mqls))   SQLs \(numbers.count(r.sqls))   Won deals \(numbers.count(r.won))",
            "Cost per lead \(numbers.moneyExact(r.cpl))   per MQL \(numbers.moneyExact(r.costPerMQL))   per SQL \(numbers.moneyExact(r.costPerSQL))   per won deal \(numbers.moneyExact(r.costPerWon))",
            "Pipeline sourced \(numbers.moneyExact(r.pipelineSourced)) (weighted \(numbers.moneyExact(r.weightedPipeline)))",
            "Won revenue \(numbers.moneyExact(r.wonRevenue))   ROI \(numbers.percent(r.roi))   ROAS \(numbers.multiple(r.roas))",
            "Leads per week, last 12 weeks: " + r.leadsPerWeek.map { numbers.count($0) }.joined(separator: " "),
        ]
        if !r.costsApply { lines.append("Cost ratios are hidden: the counts cover only part of the campaign in this scope.") }
        return lines
    }

    private func day(_ t: Int64) -> String { TimeText.day(t, zone) }
}

enum CampaignsPane {
    static func summary(_ m: Metrics, numbers: NumberText) -> [SummaryLine] {
        let t = m.campaigns.totals
        let active = m.campaigns.rows.filter { $0.status == .active }.count
        var line: [SummaryLine.Segment] = [
            .plain("\(m.campaigns.rows.count) campaigns, \(active) active"), .muted("  spend "), .plain(numbers.money(t.spend)),
            .muted("  leads "), .plain(numbers.count(t.leads)), .muted("  CPL "), .plain(numbers.money(t.cpl)),
            .muted("  pipeline "), .plain(numbers.money(t.pipelineSourced)), .muted("  won "), .plain(numbers.money(t.wonRevenue)),
            .muted("  ROI "), .text(numbers.percent(t.roi, decimals: 0), (t.roi ?? 0) >= 0 ? .good : .bad),
        ]
        if let note = m.campaigns.missing.first { line = [.text("missing: " + note, .warning)] }
        return [SummaryLine(line)]
    }
}
