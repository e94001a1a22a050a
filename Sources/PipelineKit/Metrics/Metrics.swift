/// Every pane's numbers for one period, scope and source split, computed together from one snapshot.
public struct Metrics: Sendable {
    public var period: Period
    public var scope: Scope
    public var split: SourceSplit
    public var funnel: FunnelReport
    /// Whole-life campaign figures (no period): campaigns run for months; the period shows in the
    /// leads-per-week sparkline instead.
    public var campaigns: CampaignReport
    public var quotas: QuotaReport
    public var sla: SLAReport
    /// Everyone's unworked leads in the scope, worst breach first.
    public var inbox: [InboxItem]

    public static func compute(_ s: Snapshot, period: Period, scope: Scope, split: SourceSplit) -> Metrics {
        let clock = BusinessClock(sla: s.settings.sla, timeZone: s.settings.timeZone)
        let inbox = SLAMetrics.inbox(s, scope: scope, owner: nil, clock: clock)
        return Metrics(period: period, scope: scope, split: split,
                       funnel: FunnelMetrics.compute(s, period: period, scope: scope, split: split),
                       campaigns: CampaignMetrics.compute(s, period: nil, scope: scope),
                       quotas: QuotaMetrics.compute(s, period: period, scope: scope),
                       sla: SLAMetrics.compute(s, period: period, scope: scope, clock: clock, inbox: inbox),
                       inbox: inbox)
    }

    /// The scopes worth offering: everyone, each team and rep in reps.csv order, and each channel
    /// some campaign runs in, in the settings' channel order.
    public static func scopes(_ s: Snapshot) -> [Scope] {
        var out: [Scope] = [.everyone]
        out += s.teams.map { .team($0) }
        out += s.reps.map { .rep($0.name) }
        let used = Set(s.campaigns.map(\.channel))
        out += s.settings.channels.words.indices.filter(used.contains).map { .channel(s.settings.channels.words[$0]) }
        return out
    }
}

extension Period {
    /// The month or fiscal quarter holding the snapshot's as-of moment, in the settings' zone.
    public static func current(_ kind: Kind, of s: Snapshot) -> Period {
        switch kind {
        case .quarter:
            return .quarter(containing: s.asOf, fiscalYearStartMonth: s.settings.fiscalYearStartMonth, timeZone: s.settings.timeZone)
        case .month, .custom:
            return .month(containing: s.asOf, timeZone: s.settings.timeZone)
        }
    }
}
