import Foundation
import PipelineKit

/// The scope's deals: open ones by close date, then those closed in the period.
struct DealsModel: PaneModel {
    let snapshot: Snapshot
    let rows: [Int]
    let numbers: NumberText
    let period: Period

    init(snapshot s: Snapshot, scope: Scope, period: Period, numbers: NumberText) {
        snapshot = s
        // Over several reps (a manager's everyone or team), whose deal it is is what is asked
        // first: Owner stays until only the deal and its amount are left, a little narrower.
        if case .rep = scope {} else {
            columns[1] = ColumnSpec("Owner", width: 14, alignment: .left, priority: 9, minWidth: 10)
        }
        self.numbers = numbers
        self.period = period
        let d = s.deals
        var open: [Int] = [], closed: [Int] = []
        // As at the as-of moment: a deal closed after it is open then, one made after it is not there.
        for r in s.dealRows(in: scope) {
            if d.isOpen(r, asOf: s.asOf) { open.append(r) }
            else if d.createdAt[r] <= s.asOf && d.closeDate[r] <= s.asOf && period.contains(d.closeDate[r]) { closed.append(r) }
        }
        open.sort { d.closeDate[$0] != d.closeDate[$1] ? d.closeDate[$0] < d.closeDate[$1] : $0 < $1 }
        closed.sort { d.closeDate[$0] > d.closeDate[$1] }
        rows = open + closed
    }

    private(set) var columns: [ColumnSpec] = [
        ColumnSpec("Deal", width: 0, alignment: .left, priority: 10, minWidth: 12),
        ColumnSpec("Owner", width: 14, alignment: .left, priority: 7),
        ColumnSpec("Stage", width: 13, alignment: .left, priority: 9),
        ColumnSpec("Amount", width: 7, priority: 10),
        ColumnSpec("Prob", width: 4, priority: 3),
        ColumnSpec("Close", width: 10, alignment: .left, priority: 8),
        ColumnSpec("Age", width: 5, priority: 4),
    ]

    var rowCount: Int { rows.count }
    func id(_ row: Int) -> String { snapshot.deals.id[rows[row]] }

    private func stageWord(_ r: Int) -> String {
        let d = snapshot.deals
        if d.isWon(r, asOf: snapshot.asOf) { return "won" }
        if d.isLost(r, asOf: snapshot.asOf) { return "lost" }
        // Closed only after the as-of moment: its stage then is not known, only that it was open.
        if !d.isOpen(r) { return "open" }
        let words = snapshot.settings.dealStages.vocabulary.words
        let code = Int(d.stage[r])
        return code >= 0 && code < words.count ? words[code] : numbers.missing
    }

    private func day(_ t: Int64) -> String {
        t == Missing.time ? numbers.missing : TimeText.day(t, snapshot.settings.timeZone)
    }

    func cell(_ row: Int, _ column: Int) -> CellText {
        let d = snapshot.deals, r = rows[row]
        switch column {
        case 0: return CellText(d.name[r])
        case 1: return CellText(d.ownerName[r] ?? "unassigned", d.ownerName[r] == nil ? .warning : .normal)
        case 2: return CellText(stageWord(r), d.isWon(r, asOf: snapshot.asOf) ? .good : (d.isLost(r, asOf: snapshot.asOf) ? .bad : .normal))
        case 3: return CellText(numbers.money(d.amount[r].isNaN ? nil : d.amount[r]))
        case 4: return CellText(d.probability[r].isNaN ? numbers.missing : numbers.percent(d.probability[r] > 1 ? d.probability[r] / 100 : d.probability[r], decimals: 0), .muted)
        case 5:
            let late = d.isOpen(r, asOf: snapshot.asOf) && d.closeDate[r] != Missing.time && d.closeDate[r] < snapshot.asOf - 86_400
            return CellText(day(d.closeDate[r]), late ? .bad : .normal)
        default:
            let days = d.createdAt[r] == Missing.time ? nil : Double(snapshot.asOf - d.createdAt[r]) / 86_400
            return CellText(days.map { numbers.count($0) + "d" } ?? numbers.missing, .muted)
        }
    }

    func sortKey(_ row: Int, _ column: Int) -> SortKey {
        let d = snapshot.deals, r = rows[row]
        switch column {
        case 0: return .text(d.name[r])
        case 1: return d.ownerName[r].map(SortKey.text) ?? .missing
        case 2: return .text(stageWord(r))
        case 3: return d.amount[r].isNaN ? .missing : .number(d.amount[r])
        case 4: return d.probability[r].isNaN ? .missing : .number(d.probability[r])
        case 5: return d.closeDate[r] == Missing.time ? .missing : .number(Double(d.closeDate[r]))
        default: return .number(Double(d.createdAt[r]))
        }
    }

    func detail(_ row: Int) -> [String] {
        let d = snapshot.deals, r = rows[row]
        var lines = [
            "\(d.id[r])  \(d.name[r])",
            "Account: \(d.account.value(r) ?? numbers.missing)    Owner: \(d.ownerName[r] ?? "unassigned")",
            "Stage: \(stageWord(r))    Amount: \(numbers.moneyExact(d.amount[r].isNaN ? nil : d.amount[r]))    Product: \(d.product[r] ?? numbers.missing)",
            "Created \(day(d.createdAt[r]))    Close \(day(d.closeDate[r]))",
        ]
        let lead = Int(d.lead[r])
        if lead >= 0 { lines.append("From lead \(snapshot.leads.id[lead]): \(snapshot.leads.name[lead]), \(snapshot.leads.company[lead])") }
        lines.append("deals.csv line \(d.line[r])")
        return lines
    }
}

enum DealsPane {
    static func summary(_ model: DealsModel, numbers: NumberText) -> [SummaryLine] {
        let d = model.snapshot.deals
        var open = 0, openAmount = 0.0, won = 0, wonAmount = 0.0
        for r in model.rows {
            let amount = d.amount[r].isNaN ? 0 : d.amount[r]
            let asOf = model.snapshot.asOf
            if d.isOpen(r, asOf: asOf) { open += 1; openAmount += amount } else if d.isWon(r, asOf: asOf) { won += 1; wonAmount += amount }
        }
        return [SummaryLine([.plain("\(numbers.count(open)) open"), .muted(" worth "), .plain(numbers.money(openAmount)),
                             .muted("  won in \(model.period.label): "), .text("\(numbers.count(won)) (\(numbers.money(wonAmount)))", won > 0 ? .good : .normal)])]
    }
}
