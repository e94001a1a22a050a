import PipelineKit

/// The leads breaching the SLA right now, under the figures of both sides of it.
struct BreachModel: PaneModel {
    let inbox: InboxModel

    var columns: [ColumnSpec] { [
        ColumnSpec("Overdue", width: 8, priority: 10),
        ColumnSpec("Lead", width: inbox.idWidth, alignment: .left, priority: 5),
        ColumnSpec("Name", width: 0, alignment: .left, priority: 9, minWidth: 10),
        ColumnSpec("Company", width: 0, alignment: .left, priority: 6, minWidth: 10),
        ColumnSpec("Owner", width: 14, alignment: .left, priority: 8),
    ] }
    /// The inbox column shown in each of ours.
    private static let source = [0, 1, 2, 3, 6]

    var rowCount: Int { inbox.items.prefix { $0.isBreaching }.count }
    func id(_ row: Int) -> String { inbox.id(row) }
    func cell(_ row: Int, _ column: Int) -> CellText {
        // Under "Overdue" the time past due reads as a positive amount (the inbox's "Due" counts
        // down, so there it is negative), as `pipetop report` writes it.
        if column == 0 { return CellText(inbox.numbers.duration(seconds: Double(inbox.items[row].overdueSeconds)), .bad) }
        return inbox.cell(row, Self.source[column])
    }
    func sortKey(_ row: Int, _ column: Int) -> SortKey { inbox.sortKey(row, Self.source[column]) }
    func matches(_ row: Int, _ filter: String) -> Bool { inbox.matches(row, filter) }
    /// The breaching leads are the inbox's first rows: the inbox's search serves them.
    func rowsMatching(_ filter: String) -> [Int32]? { inbox.rows(matching: filter, among: 0..<rowCount) }
    func detail(_ row: Int) -> [String] { inbox.detail(row) }
}

enum SLAPane {
    /// `companyTarget`: the settings set an MQL target, which is the whole company's. `width`:
    /// the columns the lines are drawn in, so a note is shown whole or not at all.
    static func summary(_ m: Metrics, numbers: NumberText, lines: Int, hasLeads: Bool = true, companyTarget: Bool = false,
                        width: Int = .max) -> [SummaryLine] {
        let a = m.sla
        if !hasLeads {
            return [SummaryLine("missing: no leads in this folder: the SLA is measured on leads (mql_at, first_touch_at)", .warning)]
        }
        // In a rep's or a team's scope the company's MQL target has no share to measure against:
        // the line says what reached this scope, and whose the target is, rather than "21/—".
        let notCompany = companyTarget && a.scope != .everyone && a.mqlTarget == nil
        var notes = a.missing
        if notCompany { notes.removeAll { $0.hasPrefix("the MQL target is the whole company's") } }
        let target = a.mqlTarget.map { numbers.count($0) } ?? numbers.missing
        let fraction = a.mqlTarget.map { $0 > 0 ? Double(a.mqlsDelivered) / Double($0) : 0 }
        // Where the bar should have reached by now: the expected count as a share of the target.
        let marker: Double? = a.mqlTarget.flatMap { t in a.mqlExpectedByNow.map { t > 0 ? $0 / Double(t) : 0 } }
        let paceTone: CellTone = a.mqlPace.map { $0 >= 1 ? .good : ($0 >= 0.9 ? .warning : .bad) } ?? .muted
        let marketing: SummaryLine
        if notCompany {
            let delivered = numbers.count(a.mqlsDelivered)
            let whose = a.scope.label
            marketing = [
                SummaryLine([.muted("Marketing  MQLs to \(whose) "), .plain(delivered), .muted("  (the MQL target is the company's, not per \(Self.unit(a.scope)))")]),
                SummaryLine([.muted("Marketing  MQLs to \(whose) "), .plain(delivered), .muted("  (target: company's)")]),
                SummaryLine([.muted("Marketing  MQLs to \(whose) "), .plain(delivered)]),
                SummaryLine([.muted("Marketing  MQLs "), .plain(delivered)]),
            ].first { displayWidth(of: $0.text) <= width } ?? SummaryLine([.muted("MQLs "), .plain(delivered)])
        } else {
            // The bar narrows to keep the pace whole on a narrow pane, and goes below 6 columns.
            let counts: [SummaryLine.Segment] = [.muted("Marketing  MQLs "), .plain("\(numbers.count(a.mqlsDelivered))/\(target) ")]
            let pace: [SummaryLine.Segment] = [.muted(" pace "), .text(numbers.multiple(a.mqlPace, decimals: 2), paceTone)]
            let room = width == .max ? 16 : width - displayWidth(of: SummaryLine(counts + pace).text)
            let bar: [SummaryLine.Segment] = room >= 6 ? [.bar(BarValue(fraction: fraction, marker: marker), width: min(16, room))] : []
            marketing = SummaryLine(counts + bar + pace)
        }
        var out = [marketing, salesLine(a, numbers: numbers, width: width)]
        if lines > 2 {
            let counts: [SummaryLine.Segment] = [
                .muted("Handover   accepted "), .plain(numbers.count(a.accepted)), .muted("  rejected "), .plain(numbers.count(a.rejected)),
                .muted("  "), .plain(numbers.percent(a.acceptedShare, decimals: 0)),
            ]
            let whole = SummaryLine(counts + [.muted(" accepted")])
            out.append(displayWidth(of: whole.text) <= width ? whole : SummaryLine(counts))
        }
        if lines > 3 {
            let n = a.breaching.count
            let breaching = SummaryLine.Segment.text("Breaching now: \(numbers.count(n))", n > 0 ? .bad : .good)
            // A note is a sentence: whole, or pointed at where it is whole.
            var line = SummaryLine([breaching])
            if let note = notes.first {
                let whole = SummaryLine([breaching, .text("   missing: " + note, .warning)])
                let pointer = SummaryLine([breaching, .text("   \(notes.count) note\(notes.count == 1 ? "" : "s") in pipetop report", .warning)])
                line = [whole, pointer].first { displayWidth(of: $0.text) <= width } ?? line
            }
            out.append(line)
        }
        return out
    }

    /// Time to first touch. On a narrow pane it gives way part by part, the share within the
    /// SLA's target last, rather than being cut mid-number.
    static func salesLine(_ a: SLAReport, numbers: NumberText, width: Int) -> SummaryLine {
        let median = hours(a.firstTouchMedianHours, numbers)
        let p90: [SummaryLine.Segment] = [.muted("  p90 "), .plain(hours(a.firstTouchP90Hours, numbers))]
        let within: [SummaryLine.Segment] = [
            .muted("  within \(numbers.targetHours(a.firstTouchTargetHours)) "),
            .text(numbers.percent(a.touchedWithinTargetShare, decimals: 0), (a.touchedWithinTargetShare ?? 0) >= 0.8 ? .good : .warning),
        ]
        let fast: [SummaryLine.Segment] = [
            .muted("  within \(numbers.targetHours(a.fastTouchHours)) "), .plain(numbers.percent(a.touchedWithinFastShare, decimals: 0)),
        ]
        let hoursNote: [SummaryLine.Segment] = a.businessHoursOnly ? [.muted("  (business hours)")] : []
        let long: [SummaryLine.Segment] = [.muted("Sales      first touch median "), .plain(median)]
        let short: [SummaryLine.Segment] = [.muted("Sales      median "), .plain(median)]
        let candidates = [
            long + p90 + within + fast + hoursNote,
            long + p90 + within + hoursNote,
            long + within + hoursNote,
            short + within + hoursNote,
            short + within,
            [.muted("Sales  median "), .plain(median)] + within,
        ].map { SummaryLine($0) }
        return candidates.first { displayWidth(of: $0.text) <= width } ?? candidates[candidates.count - 1]
    }

    static func unit(_ scope: Scope) -> String {
        switch scope {
        case .rep: return "rep"
        case .team: return "team"
        case .channel: return "channel"
        case .everyone: return "scope"
        }
    }

    static func hours(_ h: Double?, _ numbers: NumberText) -> String { numbers.duration(seconds: h.map { $0 * 3600 }) }
}
