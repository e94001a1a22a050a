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
        var missing: [String] = []
        let leadsFile = s.fileName("leads")

        // MARK: Leads: the cohort, its exits, days between stages, and MQLs by date.
        let leads = s.leads
        let previous = period.previous()
        var furthestCounts = [Int](repeating: 0, count: 12)      // furthest stage x 2 + (sales-sourced ? 1 : 0)
        var lost = 0, disqualified = 0, recycled = 0, withoutReason = 0
        var reasonCounts = [Int](repeating: 0, count: leads.disqualifyReason.values.count)
        var gaps = [[Double]](repeating: [], count: 5)           // days from stage k to k + 1
        var mqls = 0, mqlsPrevious = 0
        let measureGaps = leads.hasStageTimes
        let hasMQLTimes = s.hasColumn("leads", "mql_at")
        do {
            let owner = leads.owner, campaign = leads.campaign, sales = leads.salesSourced
            let created = leads.createdAt, furthest = leads.furthest, stage = leads.stage
            let mqlAt = leads.mqlAt, salAt = leads.salAt, sqlAt = leads.sqlAt
            let opportunityAt = leads.opportunityAt, closedAt = leads.closedAt
            let reasons = leads.disqualifyReason.codes
            let (start, end) = (period.start, period.end)
            let (previousStart, previousEnd) = (previous.start, previous.end)
            for r in 0..<leads.count {
                guard filter.admitsLead(owner: owner[r], campaign: campaign[r]) else { continue }
                let isSales = sales[r]
                let inSplit = split.admits(salesSourced: isSales)
                let m = mqlAt[r]
                if inSplit && m != Missing.time {
                    if m >= start && m < end { mqls += 1 } else if m >= previousStart && m < previousEnd { mqlsPrevious += 1 }
                }
                let t = created[r]
                guard t >= start && t < end else { continue }
                furthestCounts[Int(furthest[r].rawValue) &* 2 &+ (isSales ? 1 : 0)] += 1
                guard inSplit else { continue }
                let now = stage[r]
                switch now {
                case .lost: lost += 1
                case .disqualified:
                    disqualified += 1
                    let c = reasons[r]
                    if c >= 0 { reasonCounts[Int(c)] += 1 } else { withoutReason += 1 }
                case .recycled: recycled += 1
                default: break
                }
                if measureGaps {
                    let won = now == .won ? closedAt[r] : Missing.time
                    let times = (t, m, salAt[r], sqlAt[r], opportunityAt[r], won)
                    addGap(&gaps[0], times.0, times.1)
                    addGap(&gaps[1], times.1, times.2)
                    addGap(&gaps[2], times.2, times.3)
                    addGap(&gaps[3], times.3, times.4)
                    addGap(&gaps[4], times.4, times.5)
                }
            }
        }
        if !measureGaps {
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
                stages[k].medianDaysToNext = Quantiles.median(&gaps[k])
            }
            stages[k].cumulativeConversion = ratio(reachedBySplit[k], reachedBySplit[0])
        }
        var exitReasons = reasonCounts.enumerated().filter { $0.element > 0 }
            .map { ExitReason(reason: leads.disqualifyReason.values[$0.offset], count: $0.element) }
        if withoutReason > 0 { exitReasons.append(ExitReason(reason: nil, count: withoutReason)) }
        exitReasons.sort { a, b in a.count != b.count ? a.count > b.count : (a.reason ?? "\u{10FFFF}") < (b.reason ?? "\u{10FFFF}") }

        var lvr: Double?
        if hasMQLTimes {
            lvr = mqlsPrevious > 0 ? Double(mqls - mqlsPrevious) / Double(mqlsPrevious) : nil
        } else {
            missing.append("no mql_at column in \(leadsFile): lead velocity rate cannot be computed")
        }

        // MARK: Deals: closed in the period, and open now.
        let deals = s.deals
        let lastChange = lastStageChange(s)
        let staleSeconds = Int64(s.settings.sla.staleDays) * 86_400
        var won = 0, lostDeals = 0, wonAmount = 0.0, cycleDays = 0.0
        var cycles: [Double] = []
        var openDeals = 0, openPipeline = 0.0, weighted = 0.0
        var stale: [(since: Int64, deal: Int)] = []
        do {
            let owner = deals.owner, lead = deals.lead, isWon = deals.isWon, isLost = deals.isLost
            let amount = deals.amount, probability = deals.probability, closeDate = deals.closeDate, created = deals.createdAt
            let leadCampaign = leads.campaign, leadSales = leads.salesSourced
            let asOf = s.asOf
            for d in 0..<deals.count {
                guard filter.admitsDeal(owner: owner[d], lead: lead[d], leadCampaigns: leadCampaign),
                      split.admitsDeal(lead: lead[d], salesSourced: leadSales) else { continue }
                let a = amount[d].isNaN ? 0 : amount[d]
                if isWon[d] || isLost[d] {
                    let c = closeDate[d]
                    guard c >= period.start && c < period.end else { continue }
                    if isWon[d] {
                        won += 1
                        wonAmount += a
                        let days = Double(max(0, c - created[d])) / 86_400
                        cycleDays += days
                        cycles.append(days)
                    } else {
                        lostDeals += 1
                    }
                } else {
                    openDeals += 1
                    openPipeline += a
                    weighted += a * probability[d]
                    if asOf - lastChange[d] > staleSeconds { stale.append((lastChange[d], d)) }
                }
            }
        }
        let winRate = ratio(won, won + lostDeals)
        let averageWon = won > 0 ? wonAmount / Double(won) : nil
        let averageCycle = won > 0 ? cycleDays / Double(won) : nil
        var velocity: Double?
        if let winRate, let averageWon, let averageCycle, averageCycle > 0 {
            velocity = Double(openDeals) * winRate * averageWon / averageCycle
        }
        stale.sort { $0.since != $1.since ? $0.since < $1.since : $0.deal < $1.deal }

        let stageTimes = dealStageTimes(s, period: period) { d in
            filter.admitsDeal(owner: deals.owner[d], lead: deals.lead[d], leadCampaigns: leads.campaign)
                && split.admitsDeal(lead: deals.lead[d], salesSourced: leads.salesSourced)
        }
        if s.history.count == 0 {
            missing.append("no \(s.fileName("stage_history")): time in each deal stage cannot be computed")
        }

        let convention = "Reached: a lead now at SQL also counts as MQL and SAL. Cohort: leads created in \(period.label)."
        return FunnelReport(period: period, scope: scope, split: split, countingConvention: convention, stages: stages,
                            lost: lost, disqualified: disqualified, disqualifyReasons: Array(exitReasons.prefix(reasonsShown)),
                            recycled: recycled, dealsWon: won, dealsLost: lostDeals, winRate: winRate,
                            mqls: mqls, mqlsPrevious: mqlsPrevious, leadVelocityRate: lvr,
                            medianSalesCycleDays: Quantiles.median(&cycles), averageSalesCycleDays: averageCycle,
                            averageWonAmount: averageWon, pipelineVelocityPerDay: velocity,
                            openDeals: openDeals, openPipeline: openPipeline, weightedPipeline: weighted,
                            staleDeals: stale.map(\.deal), staleDays: s.settings.sla.staleDays,
                            dealStageTimes: stageTimes, missing: missing)
    }

    @inline(__always) private static func addGap(_ into: inout [Double], _ a: Int64, _ b: Int64) {
        if a != Missing.time && b != Missing.time && b >= a { into.append(Double(b - a) / 86_400) }
    }

    /// When each deal last changed stage: its latest stage-history entry up to the as-of moment,
    /// or its creation when it has none.
    static func lastStageChange(_ s: Snapshot) -> [Int64] {
        var last = s.deals.createdAt
        let h = s.history, asOf = s.asOf
        for i in 0..<h.count {
            let d = Int(h.deal[i]), t = h.at[i]
            if t <= asOf && t > last[d] { last[d] = t }
        }
        return last
    }

    /// Median days deals spent in each open stage, over the stays that ended in the period: a
    /// stay runs from one history entry of a deal to its next, in time order.
    static func dealStageTimes(_ s: Snapshot, period: Period, admits: (Int) -> Bool) -> [DealStageTime] {
        let h = s.history
        guard h.count > 0 else { return [] }
        // Bucket the entries by deal (a counting sort), then order each deal's few entries by time.
        var offsets = [Int](repeating: 0, count: s.deals.count + 1)
        for i in 0..<h.count { offsets[Int(h.deal[i]) + 1] += 1 }
        for d in 0..<s.deals.count { offsets[d + 1] += offsets[d] }
        var order = [Int32](repeating: 0, count: h.count)
        var fill = offsets
        for i in 0..<h.count {
            let d = Int(h.deal[i])
            order[fill[d]] = Int32(i)
            fill[d] += 1
        }
        let stages = s.settings.dealStages
        var stays = [[Double]](repeating: [], count: stages.vocabulary.words.count)
        for d in 0..<s.deals.count where offsets[d + 1] - offsets[d] > 1 && admits(d) {
            let a = offsets[d], b = offsets[d + 1]
            for i in (a + 1)..<b {   // insertion sort: a deal has a handful of entries
                let e = order[i]
                var j = i
                while j > a && h.at[Int(order[j - 1])] > h.at[Int(e)] { order[j] = order[j - 1]; j -= 1 }
                order[j] = e
            }
            var entered = Int(order[a])   // repeated entries of one stage are one stay, from the first
            for i in (a + 1)..<b {
                let next = Int(order[i])
                guard h.stage[next] != h.stage[entered] else { continue }
                let stage = Int(h.stage[entered])
                if stages.isOpen(stage) && period.contains(h.at[next]) {
                    stays[stage].append(Double(h.at[next] - h.at[entered]) / 86_400)
                }
                entered = next
            }
        }
        var out: [DealStageTime] = []
        for (k, word) in stages.open.enumerated() where !stays[k].isEmpty {
            let n = stays[k].count
            out.append(DealStageTime(stage: word, medianDays: Quantiles.median(&stays[k])!, stays: n))
        }
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
