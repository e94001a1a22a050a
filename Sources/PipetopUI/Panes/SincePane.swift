import Foundation
import PipelineKit

/// What changed since the last standup, newest first.
struct SinceModel: PaneModel {
    let report: SinceReport
    let zone: TimeZone
    let numbers: NumberText

    let columns: [ColumnSpec] = [
        ColumnSpec("When", width: 11, alignment: .left, priority: 8),
        ColumnSpec("What", width: 8, alignment: .left, priority: 10),
        ColumnSpec("Record", width: 8, alignment: .left, priority: 9),
        ColumnSpec("Who", width: 10, alignment: .left, priority: 7),
        ColumnSpec("", width: 0, alignment: .left, priority: 10, minWidth: 12),
    ]

    var rowCount: Int { report.events.count }
    func id(_ row: Int) -> String { "\(report.events[row].record)|\(report.events[row].at)|\(row)" }
    func detailTitle(_ row: Int) -> String { report.events[row].record }

    func cell(_ row: Int, _ column: Int) -> CellText {
        let e = report.events[row]
        switch column {
        case 0:
            return CellText(TimeText.monthDayMinute(e.at, zone), .muted)
        case 1:
            let tone: CellTone = e.kind == .dealWon ? .good : (e.kind == .dealLost ? .bad : (e.kind == .newLead ? .accent : .normal))
            return CellText(e.kind.rawValue, tone)
        case 2: return CellText(e.record, .muted)
        case 3: return CellText(e.user ?? "", .muted)
        default: return CellText(e.amount.map { "\(e.text)  \(numbers.money($0))" } ?? e.text)
        }
    }

    func sortKey(_ row: Int, _ column: Int) -> SortKey {
        let e = report.events[row]
        switch column {
        case 0: return .number(Double(e.at))
        case 1: return .text(e.kind.rawValue)
        case 2: return .text(e.record)
        case 3: return e.user.map(SortKey.text) ?? .missing
        default: return .text(e.text)
        }
    }
}

enum SincePane {
    static func summary(_ r: SinceReport, zone: TimeZone, numbers: NumberText) -> [SummaryLine] {
        let when = TimeText.minute(r.since, zone)
        let sources = r.newLeadsBySource.prefix(4).map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        let users = r.byUser.prefix(5).map { "\($0.0) \($0.1)" }.joined(separator: ", ")
        return [
            SummaryLine([.muted("Since \(when): "), .text("\(numbers.count(r.newLeads)) new leads", .accent),
                         .muted(sources.isEmpty ? "" : " (\(sources))"), .muted("  "), .plain("\(numbers.count(r.stageMoves)) stage moves"),
                         .muted("  "), .text("won \(r.won) (\(numbers.money(r.wonAmount)))", r.won > 0 ? .good : .normal),
                         .muted("  "), .text("lost \(r.lost)", r.lost > 0 ? .bad : .normal)]),
            SummaryLine([.muted("Who did what: "), .plain(users.isEmpty ? "no logged changes" : users)]),
        ]
    }
}
