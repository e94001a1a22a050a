/// Whose numbers a pane shows. Leads and deals belong to a team or rep through their owner; a
/// lead belongs to a channel through its campaign, and a deal through its lead's campaign.
public enum Scope: Sendable, Hashable {
    case everyone
    case team(String)
    case rep(String)
    /// A channel word from the settings (`ppc`, `events`, ...).
    case channel(String)

    public var label: String {
        switch self {
        case .everyone: return "Everyone"
        case .team(let name): return "Team \(name)"
        case .rep(let name): return name
        case .channel(let word):
            let key = normalizedKey(word)
            return "Channel " + (Channel.allCases.first { normalizedKey($0.name) == key }?.label ?? word)
        }
    }
}

/// Which leads the funnel counts: all, those marketing brought in, or those sales found itself.
public enum SourceSplit: String, Sendable, Hashable, CaseIterable {
    case all, marketing, sales

    public var label: String {
        switch self {
        case .all: return "All sources"
        case .marketing: return "Marketing-sourced"
        case .sales: return "Sales-sourced"
        }
    }

    @inline(__always) func admits(salesSourced: Bool) -> Bool {
        switch self {
        case .all: return true
        case .marketing: return !salesSourced
        case .sales: return salesSourced
        }
    }
}

/// A scope resolved against one snapshot: masks over the few reps and campaigns, so the per-row
/// test is two array reads.
struct ScopeFilter {
    /// By rep row; nil = every owner (unassigned included).
    let reps: [Bool]?
    /// By campaign row; nil = any campaign or none.
    let campaigns: [Bool]?

    init(_ s: Snapshot, _ scope: Scope) {
        switch scope {
        case .everyone:
            reps = nil
            campaigns = nil
        case .team(let team):
            reps = s.reps.map { $0.team == team }
            campaigns = nil
        case .rep(let name):
            reps = s.reps.map { $0.name == name }
            campaigns = nil
        case .channel(let word):
            reps = nil
            let index = s.settings.channels.index(of: word)
            campaigns = s.campaigns.map { $0.channel == index }
        }
    }

    var isEveryone: Bool { reps == nil && campaigns == nil }

    /// Whether a rep row (or `Missing.index`) is in scope, owners only.
    @inline(__always) func admits(owner: Int32) -> Bool {
        guard let reps else { return true }
        return owner >= 0 && reps[Int(owner)]
    }

    @inline(__always) func admits(campaign: Int32) -> Bool {
        guard let campaigns else { return true }
        return campaign >= 0 && campaigns[Int(campaign)]
    }

    @inline(__always) func admitsLead(owner: Int32, campaign: Int32) -> Bool {
        admits(owner: owner) && admits(campaign: campaign)
    }

    /// A deal by its own owner and its lead's campaign (a deal without a lead has no channel).
    @inline(__always) func admitsDeal(owner: Int32, lead: Int32, leadCampaigns: [Int32]) -> Bool {
        guard admits(owner: owner) else { return false }
        guard campaigns != nil else { return true }
        return lead >= 0 && admits(campaign: leadCampaigns[Int(lead)])
    }
}

extension SourceSplit {
    /// A deal's side is its lead's; a deal entered without a lead was found by sales.
    @inline(__always) func admitsDeal(lead: Int32, salesSourced: [Bool]) -> Bool {
        self == .all || admits(salesSourced: lead < 0 || salesSourced[Int(lead)])
    }
}

extension Snapshot {
    /// Rows of `deals` in a scope, in file order: by owner for a team or rep, by the lead's
    /// campaign for a channel, the same test the metrics use.
    public func dealRows(in scope: Scope) -> [Int] {
        let filter = ScopeFilter(self, scope)
        let owner = deals.owner, lead = deals.lead, campaigns = leads.campaign
        return (0..<deals.count).filter { filter.admitsDeal(owner: owner[$0], lead: lead[$0], leadCampaigns: campaigns) }
    }

    /// Whether a loaded file has a column (a file without it reads as all empty).
    func hasColumn(_ table: String, _ field: String) -> Bool {
        tables[table]?.has(field) ?? false
    }

    /// Whether a table's file was read (or its last good rows are shown): without it, its missing
    /// columns are not worth a note each, since the panes say the whole file is missing or broken.
    func hasFile(_ table: String) -> Bool {
        tables[table].map { !$0.failed } ?? false
    }

    /// The file name a table was read from, for messages.
    public func fileName(_ table: String) -> String {
        status(of: table)?.file ?? "\(table).csv"
    }
}
