/// The funnel, conversions, win rate, velocity and pipeline for one period and scope.
///
/// - The funnel's cohort is the leads created in the period; "reached k" counts every lead whose
///   furthest stage is k or later (a lead now at SQL also counts as MQL and SAL), so leads that
///   skipped a stage still count for it.
/// - Win rate, sales cycle and velocity look at deals closed in the period (close_date in it).
/// - Lead velocity counts leads by their mql_at, this period against the one before.
/// - Open pipeline and stale deals are as of the snapshot's as-of moment, whatever the period.
public enum FunnelMetrics {
    /// How many disqualify reasons the report lists.
    public static let reasonsShown = 5

    public static func compute(_ s: Snapshot, period: Period, scope: Scope, split: SourceSplit) -> FunnelReport {
        let filter = ScopeFilter(s, scope)
        return report(s, period: period, scope: scope, split: split,
                      cohort: countCohort(s, period: period, filter: filter, split: split),
                      deals: dealSide(s, period: period, filter: filter, split: split))
    }

    /// The deals' half of the funnel: the stage history read, and the deals counted.
    struct DealSide {
        var history: DealHistory
        var counts: DealCounts
    }

    static func dealSide(_ s: Snapshot, period: Period, filter: ScopeFilter, split: SourceSplit) -> DealSide {
        let admitted = admittedDeals(s, filter: filter, split: split)
        let history = DealHistory.read(s, period: period, admitted: admitted)
        return DealSide(history: history, counts: countDeals(s, period: period, admitted: admitted, lastChange: history.lastChange))
    }

    /// The report from the leads' half and the deals' half, which can be computed at the same time.
    static func report(_ s: Snapshot, period: Period, scope: Scope, split: SourceSplit, cohort: Cohort, deals side: DealSide) -> FunnelReport {
        var missing: [String] = []
        let leadsFile = s.fileName("leads")

        // MARK: Leads: the cohort, its exits, days between stages, and MQLs by date.
        let leads = s.leads
        var cohort = cohort
        let measureGaps = leads.hasStageTimes
        let hasMQLTimes = s.hasColumn("leads", "mql_at")
        let (furthestCounts, reasonCounts, withoutReason) = (cohort.furthest, cohort.reasons, cohort.withoutReason)
        let (lost, disqualified, recycled, mqls, mqlsPrevious) = (cohort.lost, cohort.disqualified, cohort.recycled, cohort.mqls, cohort.mqlsPrevious)
        if !measureGaps && s.hasFile("leads") {
            missing.append("no stage timestamps (mql_at, sal_at, sql_at, opportunity_at) in \(leadsFile): days between stages cannot be computed")
        }

        var stages: [FunnelStageRow] = []
        var marketingReached = 0, salesReached = 0
        var reachedBySplit = [Int](repeating: 0, count: 6)
        for k in stride(from: 5, through: 0, by: -1) {
            marketingReached += furthestCounts[k * 2]
            salesReached += furthestCounts[k * 2 + 1]
            reachedBySplit[k] = split == .all ? marketingReached + salesReached : (split == .marketing ? marketingReached : salesReached)
            stages.insert(FunnelStageRow(stage: LeadStage.funnel[k], reached: reachedBySplit[k], marketing: marketingReached,
                                         sales: salesReached, nextStepConversion: nil, cumulativeConversion: nil,
                                         medianDaysToNext: nil), at: 0)
        }
        for k in 0..<6 {
            if k < 5 {
                stages[k].nextStepConversion = ratio(reachedBySplit[k + 1], reachedBySplit[k])
                stages[k].medianDaysToNext = Quantiles.median(seconds: &cohort.gaps[k], unitSeconds: 86_400)
            }
            stages[k].cumulativeConversion = ratio(reachedBySplit[k], reachedBySplit[0])
        }
        var exitReasons = reasonCounts.enumerated().filter { $0.element > 0 }
            .map { ExitReason(reason: leads.disqualifyReason.values[$0.offset], count: $0.element) }
        if withoutReason > 0 { exitReasons.append(ExitReason(reason: nil, count: withoutReason)) }
        exitReasons.sort { a, b in a.count != b.count ? a.count > b.count : (a.reason ?? "\u{10FFFF}") < (b.reason ?? "\u{10FFFF}") }

        let lvr: Double? = mqlsPrevious > 0 ? Double(mqls - mqlsPrevious) / Double(mqlsPrevious) : nil
        if !hasMQLTimes && s.hasFile("leads") {
            missing.append("no mql_at column in \(leadsFile): MQLs are counted by created_at among the leads that reached MQL")
        }

        // MARK: Deals: closed in the period, and open now.
        let history = side.history
        var deals = side.counts
        let (won, lostDeals, openDeals) = (deals.won, deals.lost, deals.open)
        let winRate = ratio(won, won + lostDeals)
        let averageWon = won > 0 ? deals.wonAmount / Double(won) : nil
        let averageCycle = deals.cycles.isEmpty ? nil : deals.cycleDays / Double(deals.cycles.count)
        var velocity: Double?
        if let winRate, let averageWon, let averageCycle, averageCycle > 0 {
            velocity = Double(openDeals) * winRate * averageWon / averageCycle
        }
        if s.history.count == 0 {
            missing.append("no \(s.fileName("stage_history")): time in each deal stage cannot be computed")
        }

        let convention = "Reached: a lead now at SQL also counts as MQL and SAL. Cohort: leads created in \(period.label)."
        var report = FunnelReport(period: period, scope: scope, split: split, countingConvention: convention, stages: stages,
                            lost: lost, disqualified: disqualified, disqualifyReasons: Array(exitReasons.prefix(reasonsShown)),
                            recycled: recycled, dealsWon: won, dealsLost: lostDeals, winRate: winRate,
                            mqls: mqls, mqlsPrevious: mqlsPrevious, leadVelocityRate: lvr,
                            medianSalesCycleDays: Quantiles.median(seconds: &deals.cycles, unitSeconds: 86_400), averageSalesCycleDays: averageCycle,
                            averageWonAmount: averageWon, wonAmount: deals.wonAmount, pipelineVelocityPerDay: velocity,
                            openDeals: openDeals, openPipeline: deals.openAmount, weightedPipeline: deals.weighted,
                            pipelineCreated: deals.createdAmount,
                            staleDeals: deals.stale, staleDays: s.settings.sla.staleDays,
                            dealStageTimes: history.stageTimes, missing: missing)
        report.mqlsPreviousToSamePoint = period.isRunning(at: s.asOf)
        return report
    }

    /// What two passes over the leads find: the cohort's furthest stages by side, its exits, the
    /// days between stages, and MQLs by date in this period and the one before.
    struct Cohort {
        /// furthest stage x 2 + (sales-sourced ? 1 : 0), over the scope, whatever the split.
        var furthest = [Int](repeating: 0, count: 12)
        var lost = 0, disqualified = 0, recycled = 0, withoutReason = 0
        var reasons: [Int]
        /// Seconds from funnel stage k to k + 1.
        var gaps: [[Int64]] = []
        var mqls = 0, mqlsPrevious = 0
    }

    static func countCohort(_ s: Snapshot, period: Period, filter: ScopeFilter, split: SourceSplit) -> Cohort {
        let leads = s.leads
        var out = Cohort(reasons: [Int](repeating: 0, count: leads.disqualifyReason.values.count))
        let previous = period.previous()
        let owner = leads.owner, campaign = leads.campaign, sales = leads.salesSourced
        let created = leads.createdAt, mqlAt = leads.mqlAt, reached = leads.furthestAsOf
        // Without mql_at, a marketing lead's MQL moment is taken as its creation when it reached
        // MQL, as the SLA counts them; a sales-sourced lead enters at SAL or later, never an MQL.
        let mqlTimes = s.hasColumn("leads", "mql_at"), mql = LeadStage.mql.rawValue
        // One unsigned comparison per range test; a missing time (Int64.min) wraps out of range.
        let (start, length) = period.happened(by: s.asOf)
        var (previousStart, previousLength) = previous.happened(by: s.asOf)
        // A period still running is set against the one before to the same point (November's
        // first 26 days against October's), not against all of it: a whole month against part
        // of one read as a fall every morning early in the month.
        if period.isRunning(at: s.asOf) { previousLength = min(previousLength, length) }
        let everyone = filter.isEveryone

        // Pass 1, over every lead: MQLs by date, and the rows of the cohort. Written without
        // branches on the data: on unsorted rows they would be mispredicted over and over.
        let cohort = Tally<Int32>(uninitialized: leads.count + 1)
        defer { cohort.free() }
        var cohortSize = 0, mqls = 0, mqlsPrevious = 0
        for r in 0..<leads.count {
            if !everyone && !filter.admitsLead(owner: owner[r], campaign: campaign[r]) { continue }
            let inSplit = split.admits(salesSourced: sales[r])
            let m = mqlTimes ? mqlAt[r] : (reached[r].rawValue >= mql && !sales[r] ? created[r] : Missing.time)
            let now = UInt64(bitPattern: m &- start) < length, before = UInt64(bitPattern: m &- previousStart) < previousLength
            mqls &+= (inSplit ? 1 : 0) & (now ? 1 : 0)
            mqlsPrevious &+= (inSplit ? 1 : 0) & (before ? 1 : 0)
            cohort[cohortSize] = Int32(truncatingIfNeeded: r)
            cohortSize &+= UInt64(bitPattern: created[r] &- start) < length ? 1 : 0
        }
        out.mqls = mqls
        out.mqlsPrevious = mqlsPrevious

        // Pass 2, over the cohort only.
        let furthest = leads.furthestAsOf, stage = leads.stageAsOf
        let salAt = leads.salAt, sqlAt = leads.sqlAt, opportunityAt = leads.opportunityAt, closedAt = leads.closedAt
        let reasons = leads.disqualifyReason.codes
        let measureGaps = leads.hasStageTimes
        // Seconds between stages, five runs of cohortSize + 1 slots; a value is always written and
        // kept only when valid, so that test is not a branch either.
        let gaps = Tally<Int64>(uninitialized: measureGaps ? (cohortSize + 1) * 5 : 0)
        defer { gaps.free() }
        var counts = (0, 0, 0, 0, 0)
        let run = cohortSize + 1
        let asOf = s.asOf
        @inline(__always) func gap(_ k: Int, _ count: inout Int, _ a: Int64, _ b: Int64) {
            gaps[k &* run &+ count] = b &- a
            // A move made after the as-of moment had not happened then.
            count &+= (a != Missing.time ? 1 : 0) & (b != Missing.time ? 1 : 0) & (b >= a ? 1 : 0) & (b <= asOf ? 1 : 0)
        }
        var furthestCounts = (0..<12).map { _ in 0 }   // furthest stage x 2 + (sales-sourced ? 1 : 0)
        for k in 0..<cohortSize {
            let r = Int(cohort[k])
            let isSales = sales[r]
            furthestCounts[Int(furthest[r].rawValue) &* 2 &+ (isSales ? 1 : 0)] &+= 1
            guard split.admits(salesSourced: isSales) else { continue }
            let now = stage[r]
            switch now {
            case .lost: out.lost += 1
            case .disqualified:
                out.disqualified += 1
                let c = reasons[r]
                if c >= 0 { out.reasons[Int(c)] += 1 } else { out.withoutReason += 1 }
            case .recycled: out.recycled += 1
            default: break
            }
            if measureGaps {
                let t = created[r], m = mqlAt[r], sal = salAt[r], sql = sqlAt[r], opportunity = opportunityAt[r]
                let won = now == .won ? closedAt[r] : Missing.time
                gap(0, &counts.0, t, m)
                gap(1, &counts.1, m, sal)
                gap(2, &counts.2, sal, sql)
                gap(3, &counts.3, sql, opportunity)
                gap(4, &counts.4, opportunity, won)
            }
        }
        out.furthest = furthestCounts
        let found = [counts.0, counts.1, counts.2, counts.3, counts.4]
        out.gaps = (0..<5).map { k in measureGaps ? gaps.array((k * run)..<(k * run + found[k])) : [] }
        return out
    }

    /// What one pass over the deals finds: those closed in the period, and those open now.
    struct DealCounts {
        var won = 0, lost = 0, open = 0
        var wonAmount = 0.0, cycleDays = 0.0, openAmount = 0.0, weighted = 0.0
        /// Amounts of the deals created in the period, whatever they became.
        var createdAmount = 0.0
        /// Seconds from creation to close of each won deal with a creation date.
        var cycles: [Int64] = []
        /// Open deals unchanged for more than the stale limit, longest first.
        var stale: [Int] = []
    }

    /// The deals in a scope and split, or nil when that is all of them.
    static func admittedDeals(_ s: Snapshot, filter: ScopeFilter, split: SourceSplit) -> [Bool]? {
        guard !filter.isEveryone || split != .all else { return nil }
        let deals = s.deals, owner = deals.owner, lead = deals.lead
        let leadCampaign = s.leads.campaign, leadSales = s.leads.salesSourced
        return (0..<deals.count).map { d in
            filter.admitsDeal(owner: owner[d], lead: lead[d], leadCampaigns: leadCampaign)
                && split.admitsDeal(lead: lead[d], salesSourced: leadSales)
        }
    }

    static func countDeals(_ s: Snapshot, period: Period, admitted: [Bool]?, lastChange: [Int64]) -> DealCounts {
        var out = DealCounts()
        var won = 0, lost = 0, open = 0
        var wonAmount = 0.0, openAmount = 0.0, weighted = 0.0, createdAmount = 0.0
        var cycleSeconds: Int64 = 0
        let deals = s.deals
        let staleBefore = s.asOf - Int64(s.settings.sla.staleDays) * 86_400
        // Appended without branches: a slot is always written, and counted only when it applies.
        let cycles = Tally<Int64>(uninitialized: deals.count + 1), staleRows = Tally<Int32>(uninitialized: deals.count + 1)
        defer { cycles.free(); staleRows.free() }
        var staleCount = 0
        let isWon = deals.isWon, isLost = deals.isLost
        let amount = deals.amount, probability = deals.probability, closeDate = deals.closeDate, created = deals.createdAt
        let (start, length) = period.happened(by: s.asOf)
        let asOf = s.asOf
        let all = admitted == nil, admits = admitted ?? []
        var cycleCount = 0
        for d in 0..<deals.count {
            if !all && !admits[d] { continue }
            let a = amount[d].isNaN ? 0 : amount[d]
            // Sums without branching on each deal's state, which varies from row to row. The state
            // is the one at the as-of moment: a deal closed after it is still open then, and one
            // created after it is not there yet (a missing time is Int64.min, before any).
            let closedByNow = closeDate[d] <= asOf
            let w = isWon[d] && closedByNow, l = isLost[d] && closedByNow, o = !w && !l && created[d] <= asOf
            let closedInPeriod = UInt64(bitPattern: closeDate[d] &- start) < length
            let wonNow = w && closedInPeriod
            lost &+= l && closedInPeriod ? 1 : 0
            open &+= o ? 1 : 0
            wonAmount += wonNow ? a : 0
            openAmount += o ? a : 0
            weighted += o ? a * probability[d] : 0
            createdAmount += UInt64(bitPattern: created[d] &- start) < length ? a : 0
            // A deal with no creation date has no cycle to measure (it is not one of 0 days).
            let measured = wonNow && created[d] != Missing.time
            let cycle = max(0, closeDate[d] &- created[d])
            cycleSeconds &+= measured ? cycle : 0
            cycles[cycleCount] = cycle
            cycleCount &+= measured ? 1 : 0
            won &+= wonNow ? 1 : 0
            staleRows[staleCount] = Int32(truncatingIfNeeded: d)
            // A deal with no date at all cannot be called stale: its age is unknown.
            staleCount &+= (o ? 1 : 0) & (lastChange[d] < staleBefore ? 1 : 0) & (lastChange[d] != Missing.time ? 1 : 0)
        }
        out.cycles = cycles.array(0..<cycleCount)
        let stale = (0..<staleCount).map { Int(staleRows[$0]) }
        (out.won, out.lost, out.open) = (won, lost, open)
        (out.wonAmount, out.cycleDays, out.openAmount, out.weighted) = (wonAmount, Double(cycleSeconds) / 86_400, openAmount, weighted)
        out.createdAmount = createdAmount
        out.stale = RadixSort.rows(stale) { lastChange[$0] }
        return out
    }

}

/// a / b, or nil when b is 0: a rate of nothing is not zero.
@inline(__always) func ratio(_ a: Int, _ b: Int) -> Double? {
    b > 0 ? Double(a) / Double(b) : nil
}

@inline(__always) func ratio(_ a: Double, _ b: Double) -> Double? {
    b > 0 && !a.isNaN ? a / b : nil
}
