/// The panes of the dashboard, in tab order.
public enum PaneID: Int, CaseIterable, Sendable, Hashable {
    case campaigns, funnel, quotas, sla, inbox

    public var title: String {
        switch self {
        case .campaigns: return "Campaigns"
        case .funnel: return "Funnel"
        case .quotas: return "Quotas"
        case .sla: return "SLA"
        case .inbox: return "Inbox"
        }
    }

    /// The name used on the command line and in the palette (`--pane funnel`).
    public var name: String { title.lowercased() }

    public init?(name: String) {
        guard let p = PaneID.allCases.first(where: { $0.name == name.lowercased() }) else { return nil }
        self = p
    }
}
