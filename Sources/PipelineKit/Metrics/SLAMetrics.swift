/// The SLA between marketing and sales, and the inbox of leads waiting for a first touch.
///
/// The SLA clock of a lead starts at its mql_at (its created_at when it has none) and runs for
/// `sla.first_touch_hours`, counting only business hours on business days when `sla.business_hours`
/// is set. Time to first touch is first_touch_at - clock start on that clock; the report gives its
/// median and 90th percentile, never the mean (a few leads left for weeks would swamp it).
/// The SLA figures cover marketing-sourced leads (those sales did not find itself).
public enum SLAMetrics {
    public static func compute(_ s: Snapshot, period: Period, scope: Scope) -> SLAReport {
        let clock = BusinessClock(sla: s.settings.sla, timeZone: s.settings.timeZone)
        return compute(s, period: period, scope: scope, clock: clock, inbox: inbox(s, scope: scope, owner: nil, clock: clock))
    }

    /// With the clock and the scope's inbox already at hand (`Metrics` shares them).
    static func compute(_ s: Snapshot, period: Period, scope: Scope, clock: BusinessClock, inbox: [InboxItem]) -> SLAReport {
        let filter = ScopeFilter(s, scope)
        let sla = s.settings.sla
        var missing: [String] = []
        let leadsFile = s.fileName("leads")
        let hasMQLTimes = s.hasColumn("leads", "mql_at"), hasTouch = s.leads.hasFirstTouch
        if !hasMQLTimes {
            missing.append("no mql_at column in \(leadsFile): MQLs are counted by created_at among the leads that reached MQL")
        }
        if !hasTouch {
            missing.append("no first_touch_at column in \(leadsFile): time to first touch cannot be computed")
        }

        let targetSeconds = Int64((sla.firstTouchHours * 3600).rounded())
        let fastSeconds = Int64((sla.fastTouchHours * 3600).rounded())
        var delivered = 0, accepted = 0, rejected = 0
        var hours: [Double] = []
        var withinTarget = 0, decidedTarget = 0, withinFast = 0, decidedFast = 0
        let l = s.leads, asOf = s.asOf
        let owner = l.owner, campaign = l.campaign, salesSourced = l.salesSourced, created = l.createdAt
        let mqlAt = l.mqlAt, touchAt = l.firstTouchAt, furthest = l.furthest, stage = l.stage
        let sal = LeadStage.sal.rawValue
        for r in 0..<l.count {
            guard !salesSourced[r], filter.admitsLead(owner: owner[r], campaign: campaign[r]) else { continue }
            let m = mqlAt[r]
            // The period's MQLs: by mql_at, or by creation when the file has no mql_at.
            let isMQL = hasMQLTimes ? period.contains(m) : (period.contains(created[r]) && furthest[r].rawValue >= LeadStage.mql.rawValue)
            if isMQL {
                delivered += 1
                if furthest[r].rawValue >= sal {
                    accepted += 1
                } else if stage[r] == .disqualified || stage[r] == .recycled {
                    rejected += 1
                }
            }
            guard hasTouch else { continue }
            let start = m != Missing.time ? m : created[r]
            guard period.contains(start), start <= asOf else { continue }
            let touch = touchAt[r]
            if touch != Missing.time && touch <= asOf {
                let took = clock.seconds(from: start, to: touch)
                hours.append(Double(took) / 3600)
                decidedTarget += 1
                decidedFast += 1
                if took <= targetSeconds { withinTarget += 1 }
                if took <= fastSeconds { withinFast += 1 }
            } else {
                // Untouched: it counts as a miss once its limit has passed, and not at all before.
                let waited = clock.seconds(from: start, to: asOf)
                if waited > targetSeconds { decidedTarget += 1 }
                if waited > fastSeconds { decidedFast += 1 }
            }
        }

        var target: Int?
        if let monthly = sla.mqlTargetPerMonth, scope == .everyone {
            switch period.kind {
            case .month: target = monthly
            case .quarter: target = monthly * 3
            case .custom: missing.append("the MQL target is set per month: pace is shown for a month or a quarter")
            }
        } else if sla.mqlTargetPerMonth == nil {
            missing.append("no mql_target_per_month under [sla] in pipetop.toml: MQL pace cannot be computed")
        } else {
            missing.append("the MQL target is the whole company's: pace is shown for Everyone")
        }
        let elapsed = period.elapsedShare(at: asOf)
        let expected = target.map { Double($0) * elapsed }
        let pace = expected.flatMap { $0 > 0 ? Double(delivered) / $0 : nil }

        let touchedCount = hours.count
        let median = Quantiles.median(&hours)
        let p90 = Quantiles.nearestRank(&hours, 0.9)
        let breaching = inbox.prefix { $0.isBreaching }

        return SLAReport(period: period, scope: scope, mqlsDelivered: delivered, mqlTarget: target,
                         mqlExpectedByNow: expected, mqlPace: pace,
                         firstTouchTargetHours: sla.firstTouchHours, fastTouchHours: sla.fastTouchHours,
                         businessHoursOnly: !clock.isAroundTheClock, touched: touchedCount,
                         firstTouchMedianHours: median, firstTouchP90Hours: p90,
                         touchedWithinTargetShare: ratio(withinTarget, decidedTarget),
                         touchedWithinFastShare: ratio(withinFast, decidedFast),
                         accepted: accepted, rejected: rejected, acceptedShare: ratio(accepted, accepted + rejected),
                         breaching: Array(breaching), missing: missing)
    }

    /// New and unworked leads: at stage lead or MQL, or SAL without a first touch; never touched;
    /// not closed; created by the as-of moment. Worst breach first, then least time left.
    /// With `owner`, that rep's own leads plus the unassigned ones.
    public static func inbox(_ s: Snapshot, scope: Scope, owner: String?) -> [InboxItem] {
        inbox(s, scope: scope, owner: owner, clock: BusinessClock(sla: s.settings.sla, timeZone: s.settings.timeZone))
    }

    static func inbox(_ s: Snapshot, scope: Scope, owner ownerName: String?, clock: BusinessClock) -> [InboxItem] {
        let filter = ScopeFilter(s, scope)
        let l = s.leads, asOf = s.asOf
        let limit = Int64((s.settings.sla.firstTouchHours * 3600).rounded())
        // A named rep: their leads and the unassigned ones. An unknown name keeps the unassigned only.
        let mine: Int32? = ownerName.map { name in s.repIndex[name].map(Int32.init) ?? Int32.min }
        let owner = l.owner, ownerCodes = l.ownerName.codes, campaign = l.campaign, stage = l.stage
        let created = l.createdAt, mqlAt = l.mqlAt, touchAt = l.firstTouchAt
        // Without a first_touch_at column every SAL would look untouched: then only leads and MQLs wait.
        let salWaits = l.hasFirstTouch
        var items: [InboxItem] = []
        for r in 0..<l.count {
            let st = stage[r]
            guard st == .lead || st == .mql || (st == .sal && salWaits), touchAt[r] == Missing.time,
                  created[r] <= asOf, filter.admitsLead(owner: owner[r], campaign: campaign[r]) else { continue }
            if let mine, ownerCodes[r] >= 0 && owner[r] != mine { continue }
            let start = mqlAt[r] != Missing.time ? mqlAt[r] : created[r]
            let due = clock.deadline(from: start, after: limit)
            items.append(InboxItem(lead: r, dueAt: due, overdueSeconds: asOf - due))
        }
        items.sort { $0.overdueSeconds != $1.overdueSeconds ? $0.overdueSeconds > $1.overdueSeconds : $0.lead < $1.lead }
        return items
    }
}
