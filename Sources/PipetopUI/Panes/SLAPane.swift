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
            marketing = SummaryLine([
                .muted("Marketing  MQLs "), .plain("\(numbers.count(a.mqlsDelivered))/\(target) "),
                .bar(BarValue(fraction: fraction, marker: marker), width: 16),
                .muted(" pace "), .text(numbers.multiple(a.mqlPace, decimals: 2), paceTone),
            ])
        }
        var out = [
            marketing,
            SummaryLine([
                .muted("Sales      first touch median "), .plain(hours(a.firstTouchMedianHours, numbers)),
                .muted("  p90 "), .plain(hours(a.firstTouchP90Hours, numbers)),
                .muted("  within \(numbers.targetHours(a.firstTouchTargetHours)) "),
                .text(numbers.percent(a.touchedWithinTargetShare, decimals: 0), (a.touchedWithinTargetShare ?? 0) >= 0.8 ? .good : .warning),
                .muted("  within \(numbers.targetHours(a.fastTouchHours)) "), .plain(numbers.percent(a.touchedWithinFastShare, decimals: 0)),
                .muted(a.businessHoursOnly ? "  (business hours)" : ""),
            ]),
        ]
        if lines > 2 {
            out.append(SummaryLine([
                .muted("Handover   accepted "), .plain(numbers.count(a.accepted)), .muted("  rejected "), .plain(numbers.count(a.rejected)),
                .muted("  "), .plain(numbers.percent(a.acceptedShare, decimals: 0)), .muted(" accepted"),
            ]))
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
