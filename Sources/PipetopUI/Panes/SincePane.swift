import Foundation
import PipelineKit

/// What changed since the last standup, newest first.
struct SinceModel: PaneModel {
    let report: SinceReport
    let zone: TimeZone
    let numbers: NumberText
    /// Who, as the activity log writes them (a login), to their names in reps.csv.
    var names: [String: String] = [:]

    func who(_ e: SinceReport.Event) -> String? { e.user.map { names[$0] ?? $0 } }

    let columns: [ColumnSpec] = [
        ColumnSpec("When", width: 11, alignment: .left, priority: 8),
        ColumnSpec("What", width: 8, alignment: .left, priority: 10),
        ColumnSpec("Record", width: 8, alignment: .left, priority: 9),
        ColumnSpec("Who", width: 16, alignment: .left, priority: 7, minWidth: 10),
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
        case 3: return CellText(who(e) ?? "", .muted)
        // A won deal's amount first: cut at the end of a long name, it was the part lost.
        default: return CellText(e.amount.map { "\(numbers.money($0))  \(e.text)" } ?? e.text)
        }
    }

    func sortKey(_ row: Int, _ column: Int) -> SortKey {
        let e = report.events[row]
        switch column {
        case 0: return .number(Double(e.at))
        case 1: return .text(e.kind.rawValue)
        case 2: return .text(e.record)
        case 3: return who(e).map(SortKey.text) ?? .missing
        default: return .text(e.text)
        }
    }
}

enum SincePane {
    /// The figures of the report in `width` columns. The parts shown always add up to the totals
    /// ("…, 3 other"); when the line is too long, the least needed part gives way first (the
    /// sources' breakdown, one source at a time, then longer words, then the stage moves), so the
    /// won and lost counts are the last to be cut.
    static func summary(_ r: SinceReport, zone: TimeZone, numbers: NumberText, width: Int, names: [String: String] = [:]) -> [SummaryLine] {
        [figuresLine(r, zone: zone, numbers: numbers, width: width), whoLine(r, numbers: numbers, width: width, names: names)]
    }

    /// The people the report names (logins in the activity log, names on deals), each to their
    /// name in reps.csv when they match a rep as `--user` does; others as logged.
    static func names(_ r: SinceReport, snapshot s: Snapshot) -> [String: String] {
        var out: [String: String] = [:]
        for user in Set(r.byUser.map(\.0) + r.events.compactMap(\.user)) {
            if let rep = s.rep(matchingUser: user), rep.name != user { out[user] = rep.name }
        }
        return out
    }

    static func figuresLine(_ r: SinceReport, zone: TimeZone, numbers: NumberText, width: Int) -> SummaryLine {
        let sources = r.newLeadsBySource
        func line(sourcesShown k: Int?, short: Bool, moves: Bool = true) -> SummaryLine {
            let when = short ? TimeText.monthDayMinute(r.since, zone) : TimeText.minute(r.since, zone)
            var breakdown = ""
            if let k, !sources.isEmpty {
                var parts = sources.prefix(k).map { "\($0.0) \(numbers.count($0.1))" }
                let rest = sources.dropFirst(k).reduce(0) { $0 + $1.1 }
                if rest > 0 { parts.append("\(numbers.count(rest)) other") }
                breakdown = " (\(parts.joined(separator: ", ")))"
            }
            return SummaryLine([.muted("Since \(when): "), .text("\(numbers.count(r.newLeads)) new leads", .accent),
                                .muted(breakdown), .muted(moves ? "  " : ""), .plain(moves ? "\(numbers.count(r.stageMoves)) \(short ? "moves" : "stage moves")" : ""),
                                .muted("  "), .text("won \(numbers.count(r.won)) (\(numbers.money(r.wonAmount)))", r.won > 0 ? .good : .normal),
                                .muted("  "), .text("lost \(numbers.count(r.lost))", r.lost > 0 ? .bad : .normal)])
        }
        // Every source; then the largest ones and what the others add up to (one other source
        // is named rather than called "1 other": it takes about as much room); then none.
        var shown: [Int?] = [sources.count]
        shown += stride(from: sources.count - 2, through: 1, by: -1).map { Optional($0) }
        shown.append(nil)
        for short in [false, true] {
            for k in shown {
                let candidate = line(sourcesShown: k, short: short)
                if fits(candidate, width) { return candidate }
            }
        }
        // Last, the stage moves: the results of the day matter more.
        return line(sourcesShown: nil, short: true, moves: false)
    }

    static func whoLine(_ r: SinceReport, numbers: NumberText, width: Int, names: [String: String] = [:]) -> SummaryLine {
        // One person logged as "ben" and as "Ben Carter" is one line.
        var counts: [String: Int] = [:]
        for (user, n) in r.byUser { counts[names[user] ?? user, default: 0] += n }
        let users = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
        guard !users.isEmpty else { return SummaryLine([.muted("Who did what: "), .plain("no logged changes")]) }
        func line(_ k: Int) -> SummaryLine {
            var parts = users.prefix(k).map { "\($0.0) \(numbers.count($0.1))" }
            let rest = users.dropFirst(k)
            if !rest.isEmpty {
                let changes = rest.reduce(0) { $0 + $1.1 }
                parts.append("\(numbers.count(changes)) by \(rest.count) other\(rest.count == 1 ? "" : "s")")
            }
            return SummaryLine([.muted("Who did what: "), .plain(parts.joined(separator: ", "))])
        }
        for k in stride(from: users.count, through: 1, by: -1) where k != users.count - 1 {
            if fits(line(k), width) { return line(k) }
        }
        return line(1)
    }

    /// True when the line is drawn whole in `width` columns.
    static func fits(_ line: SummaryLine, _ width: Int) -> Bool {
        displayWidth(of: line.text) <= width
    }
}
