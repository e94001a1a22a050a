import PipelineKit

/// Which model and summary each pane shows, from the state's metrics.
public enum PaneCatalog {
    public static func glyphs(_ options: AppOptions) -> Glyphs { options.unicode ? .unicode : .ascii }

    static func numbers(_ options: AppOptions) -> NumberText { NumberText(glyphs: glyphs(options)) }

    /// Marks a rep behind pace, beside the colour.
    static func behindMark(_ options: AppOptions) -> String { String(glyphs(options).behind) }

    public static func model(for pane: PaneID, state: AppState) -> any PaneModel {
        let numbers = numbers(state.options)
        guard let s = state.snapshot, let m = state.metrics else { return EmptyModel() }
        switch pane {
        case .campaigns: return CampaignsModel(report: m.campaigns, numbers: numbers, zone: s.settings.timeZone)
        case .funnel: return FunnelModel(report: m.funnel, numbers: numbers, leadsKnown: s.leads.count > 0 || s.status(of: "leads")?.state == .ok)
        case .quotas: return QuotasModel(report: m.quotas, numbers: numbers, behindMark: behindMark(state.options))
        case .sla: return BreachModel(inbox: InboxModel(items: m.sla.breaching, snapshot: s, numbers: numbers))
        case .inbox: return InboxModel(items: state.inbox, snapshot: s, numbers: numbers)
        case .deals: return DealsModel(snapshot: s, scope: state.scope, period: m.period, numbers: numbers)
        case .since:
            guard let report = state.sinceReport else { return EmptyModel() }
            return SinceModel(report: report, zone: s.settings.timeZone, numbers: numbers, names: SincePane.names(report, snapshot: s))
        }
    }

    /// Lines of figures above the pane's table, for a pane box `height` rows tall.
    public static func summaryLines(for pane: PaneID, height: Int) -> Int {
        switch pane {
        case .campaigns, .quotas, .inbox, .deals: return 1
        case .since: return 2
        case .funnel: return height >= 16 ? 3 : (height >= 12 ? 2 : 1)
        case .sla: return height >= 14 ? 4 : (height >= 10 ? 3 : 2)
        }
    }

    /// `width`: the columns the lines are drawn in, for a pane whose line gives way part by part.
    public static func summary(for pane: PaneID, state: AppState, height: Int, width: Int = .max) -> [SummaryLine] {
        guard let m = state.metrics else { return [] }
        let numbers = numbers(state.options)
        let lines = summaryLines(for: pane, height: height)
        switch pane {
        case .campaigns: return CampaignsPane.summary(m, numbers: numbers)
        case .funnel:
            guard let s = state.snapshot else { return [] }
            return FunnelPane.summary(m, snapshot: s, numbers: numbers, lines: lines)
        case .quotas: return QuotasPane.summary(m, numbers: numbers, behindMark: behindMark(state.options), width: width)
        case .sla: return SLAPane.summary(m, numbers: numbers, lines: lines, hasLeads: state.hasLeads,
                                          companyTarget: state.snapshot?.settings.sla.mqlTargetPerMonth != nil, width: width)
        case .inbox: return InboxPane.summary(m, items: state.inbox, numbers: numbers, owner: state.options.rep, hasLeads: state.hasLeads)
        case .deals:
            guard let model = state.views[.deals]?.model as? DealsModel else { return [] }
            return DealsPane.summary(model, numbers: numbers)
        case .since:
            guard let r = state.sinceReport, let s = state.snapshot else { return [] }
            return SincePane.summary(r, zone: s.settings.timeZone, numbers: numbers, width: width, names: SincePane.names(r, snapshot: s))
        }
    }
}

/// What a pane shows before the first load.
struct EmptyModel: PaneModel {
    var columns: [ColumnSpec] { [] }
    var rowCount: Int { 0 }
    func id(_ row: Int) -> String { "" }
    func cell(_ row: Int, _ column: Int) -> CellText { CellText("") }
    func sortKey(_ row: Int, _ column: Int) -> SortKey { .missing }
}
