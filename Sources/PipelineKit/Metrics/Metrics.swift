import Foundation

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
        // Two independent halves of about equal work, on two threads when the machine has them.
        let parts = Parts()
        DispatchQueue.concurrentPerform(iterations: 2) { half in
            if half == 0 {
                parts.set(funnel: FunnelMetrics.compute(s, period: period, scope: scope, split: split),
                          quotas: QuotaMetrics.compute(s, period: period, scope: scope))
            } else {
                let clock = BusinessClock(s)
                let inbox = SLAMetrics.inbox(s, scope: scope, owner: nil, clock: clock)
                parts.set(campaigns: CampaignMetrics.compute(s, period: nil, scope: scope),
                          sla: SLAMetrics.compute(s, period: period, scope: scope, clock: clock, inbox: inbox), inbox: inbox)
            }
        }
        return parts.metrics(period: period, scope: scope, split: split)
    }

    /// The halves' results, each written by one thread and read after both finished.
    private final class Parts: @unchecked Sendable {
        private let lock = NSLock()
        private var funnel: FunnelReport?, quotas: QuotaReport?, campaigns: CampaignReport?, sla: SLAReport?
        private var inbox: [InboxItem] = []

        func set(funnel: FunnelReport, quotas: QuotaReport) {
            lock.lock()
            (self.funnel, self.quotas) = (funnel, quotas)
            lock.unlock()
        }

        func set(campaigns: CampaignReport, sla: SLAReport, inbox: [InboxItem]) {
            lock.lock()
            (self.campaigns, self.sla, self.inbox) = (campaigns, sla, inbox)
            lock.unlock()
        }

        func metrics(period: Period, scope: Scope, split: SourceSplit) -> Metrics {
            lock.lock()
            defer { lock.unlock() }
            return Metrics(period: period, scope: scope, split: split, funnel: funnel!, campaigns: campaigns!,
                           quotas: quotas!, sla: sla!, inbox: inbox)
        }
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
