/// The panes of the dashboard, in tab order.
public enum PaneID: Int, CaseIterable, Sendable, Hashable {
    case campaigns, funnel, quotas, sla, inbox
    /// What changed since the last standup.
    case since
    /// Open deals (and those closed in the period) of the scope.
    case deals

    public var title: String {
        switch self {
        case .campaigns: return "Campaigns"
        case .funnel: return "Funnel"
        case .quotas: return "Quotas"
        case .sla: return "SLA"
        case .inbox: return "Inbox"
        case .since: return "Since last standup"
        case .deals: return "Deals"
        }
    }

    /// The name used on the command line and in the palette (`--pane funnel`).
    public var name: String { self == .since ? "since" : title.lowercased() }

    public init?(name: String) {
        guard let p = PaneID.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = p
    }
}

/// The arrangements of panes for the three ways pipetop is used, and the full dashboard.
public enum ViewKind: String, CaseIterable, Sendable, Equatable {
    case dashboard, standup, manager, rep

    /// The panes of the view, in tab and number-key order.
    public var panes: [PaneID] {
        switch self {
        case .dashboard: return [.campaigns, .funnel, .quotas, .sla, .inbox]
        case .standup: return [.since, .campaigns, .funnel, .quotas, .sla, .inbox]
        case .manager: return [.quotas, .deals, .inbox, .funnel]
        case .rep: return [.inbox, .deals, .quotas, .sla]
        }
    }
}
