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
        // Four independent pieces of similar size, on as many threads as the machine has.
        let filter = ScopeFilter(s, scope)
        let parts = Parts()
        DispatchQueue.concurrentPerform(iterations: 4) { piece in
            switch piece {
            case 0:
                let cohort = FunnelMetrics.countCohort(s, period: period, filter: filter, split: split)
                parts.update { $0.cohort = cohort }
            case 1:
                let deals = FunnelMetrics.dealSide(s, period: period, filter: filter, split: split)
                parts.update { $0.deals = deals }
            case 2:
                let campaigns = CampaignMetrics.compute(s, period: nil, scope: scope)
                let quotas = QuotaMetrics.compute(s, period: period, scope: scope)
                parts.update { $0.campaigns = campaigns; $0.quotas = quotas }
            default:
                let clock = BusinessClock(s)
                let inbox = SLAMetrics.inbox(s, scope: scope, owner: nil, clock: clock)
                let sla = SLAMetrics.compute(s, period: period, scope: scope, clock: clock, inbox: inbox)
                parts.update { $0.sla = sla; $0.inbox = inbox }
            }
        }
        let done = parts.values
        let funnel = FunnelMetrics.report(s, period: period, scope: scope, split: split, cohort: done.cohort!, deals: done.deals!)
        return Metrics(period: period, scope: scope, split: split, funnel: funnel, campaigns: done.campaigns!,
                       quotas: done.quotas!, sla: done.sla!, inbox: done.inbox)
    }

    /// The pieces' results, each written by one thread and read after all finished.
    private final class Parts: @unchecked Sendable {
        struct Values {
            var cohort: FunnelMetrics.Cohort?
            var deals: FunnelMetrics.DealSide?
            var campaigns: CampaignReport?
            var quotas: QuotaReport?
            var sla: SLAReport?
            var inbox: [InboxItem] = []
        }
        private let lock = NSLock()
        private var stored = Values()

        func update(_ change: (inout Values) -> Void) {
            lock.lock()
            change(&stored)
            lock.unlock()
        }

        var values: Values {
            lock.lock()
            defer { lock.unlock() }
            return stored
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
