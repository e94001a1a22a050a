/// The SLA between marketing and sales, and the inbox of leads waiting for a first touch.
///
/// The SLA clock of a lead starts at its mql_at (its created_at when the file has no mql_at column) and runs for
/// `sla.first_touch_hours`, counting only business hours on business days when `sla.business_hours`
/// is set. Time to first touch is first_touch_at - clock start on that clock; the report gives its
/// median and 90th percentile, never the mean (a few leads left for weeks would swamp it).
/// The SLA figures cover marketing-sourced leads (those sales did not find itself).
public enum SLAMetrics {
    public static func compute(_ s: Snapshot, period: Period, scope: Scope) -> SLAReport {
        let clock = BusinessClock(s)
        return compute(s, period: period, scope: scope, clock: clock, inbox: inbox(s, scope: scope, owner: nil, clock: clock))
    }

    /// With the clock and the scope's inbox already at hand (`Metrics` shares them).
    static func compute(_ s: Snapshot, period: Period, scope: Scope, clock: BusinessClock, inbox: [InboxItem]) -> SLAReport {
        let filter = ScopeFilter(s, scope)
        let sla = s.settings.sla
        var missing: [String] = []
        let leadsFile = s.fileName("leads")
        let hasMQLTimes = s.hasColumn("leads", "mql_at"), hasTouch = s.leads.hasFirstTouch
        if !hasMQLTimes && s.hasFile("leads") {
            missing.append("no mql_at column in \(leadsFile): MQLs are counted by created_at among the leads that reached MQL")
        }
        if !hasTouch && s.hasFile("leads") {
            missing.append("no first_touch_at column in \(leadsFile): time to first touch cannot be computed")
        }

        let targetSeconds = Int64((sla.firstTouchHours * 3600).rounded())
        let fastSeconds = Int64((sla.fastTouchHours * 3600).rounded())
        var delivered = 0, accepted = 0, rejected = 0
        var took: [Int64] = []   // seconds on the SLA clock to first touch
        var withinTarget = 0, decidedTarget = 0, withinFast = 0, decidedFast = 0
        let l = s.leads, asOf = s.asOf
        let owner = l.owner, campaign = l.campaign, salesSourced = l.salesSourced, created = l.createdAt
        let mqlAt = l.mqlAt, touchAt = l.firstTouchAt, lastTouchAt = l.lastTouchAt, furthest = l.furthestAsOf, stage = l.stageAsOf
        let sal = LeadStage.sal.rawValue, mql = LeadStage.mql.rawValue
        let (start, length) = period.happened(by: asOf)
        // Stages that leave the funnel before SAL: a rejected MQL.
        let exitMask: UInt16 = 1 << LeadStage.disqualified.rawValue | 1 << LeadStage.recycled.rawValue
        let everyone = filter.isEveryone
        // Pass 1 over every lead, without branching on the data: the period's MQLs, accepted and
        // rejected, and the rows whose SLA clock started in the period.
        let started = Tally<Int32>(uninitialized: l.count + 1)
        defer { started.free() }
        var startedCount = 0
        for r in 0..<l.count {
            if !everyone && !filter.admitsLead(owner: owner[r], campaign: campaign[r]) { continue }
            let marketing = salesSourced[r] ? 0 : 1
            let m = mqlAt[r], t = created[r], f = furthest[r].rawValue
            // The period's MQLs: by mql_at, or by creation when the file has no mql_at.
            let isMQL = marketing & (hasMQLTimes ? (UInt64(bitPattern: m &- start) < length ? 1 : 0)
                                                 : (UInt64(bitPattern: t &- start) < length ? 1 : 0) & (f >= mql ? 1 : 0))
            let reachedSAL = f >= sal ? 1 : 0
            let exited = Int((exitMask >> UInt16(stage[r].rawValue)) & 1)
            delivered &+= isMQL
            accepted &+= isMQL & reachedSAL
            rejected &+= isMQL & (1 &- reachedSAL) & exited
            // With an mql_at column, a lead that never became an MQL never started the clock.
            let hasClock = m != Missing.time || !hasMQLTimes ? 1 : 0
            let clockStart = m != Missing.time ? m : t
            started[startedCount] = Int32(truncatingIfNeeded: r)
            startedCount &+= hasClock & marketing & (UInt64(bitPattern: clockStart &- start) < length ? 1 : 0) & (clockStart <= asOf ? 1 : 0)
        }
        // Pass 2: time to first touch of the leads whose clock started in the period.
        if hasTouch {
            took.reserveCapacity(startedCount)
            for k in 0..<startedCount {
                let r = Int(started[k])
                let m = mqlAt[r]
                let clockStart = m != Missing.time ? m : created[r]
                let touch = touchAt[r]
                // A last touch without a first: touched, but when first is unknown, so it is
                // neither a time to first touch nor a miss.
                if touch == Missing.time && lastTouchAt[r] != Missing.time && lastTouchAt[r] <= asOf { continue }
                if touch != Missing.time && touch <= asOf {
                    let seconds = clock.seconds(from: clockStart, to: touch)
                    took.append(seconds)
                    withinTarget &+= seconds <= targetSeconds ? 1 : 0
                    withinFast &+= seconds <= fastSeconds ? 1 : 0
                } else {
                    // Untouched: it counts as a miss once its limit has passed, and not at all before.
                    let waited = clock.seconds(from: clockStart, to: asOf)
                    decidedTarget &+= waited > targetSeconds ? 1 : 0
                    decidedFast &+= waited > fastSeconds ? 1 : 0
                }
            }
            decidedTarget &+= took.count
            decidedFast &+= took.count
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

        let touchedCount = took.count
        let median = Quantiles.median(seconds: &took, unitSeconds: 3600)
        let p90 = Quantiles.nearestRank(&took, 0.9).map { Double($0) / 3600 }
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

    /// New and unworked leads: MQLs, SALs without a first touch, and raw leads already given to a
    /// rep (an unassigned raw lead is still marketing's to nurture, not sales' to call); never touched;
    /// not closed; created by the as-of moment. Worst breach first, then least time left; the leads
    /// sales found itself, which the SLA does not cover, after those, oldest first.
    /// With `owner`, that rep's own leads plus the unassigned ones.
    public static func inbox(_ s: Snapshot, scope: Scope, owner: String?) -> [InboxItem] {
        inbox(s, scope: scope, owner: owner, clock: BusinessClock(s))
    }

    static func inbox(_ s: Snapshot, scope: Scope, owner ownerName: String?, clock: BusinessClock) -> [InboxItem] {
        let filter = ScopeFilter(s, scope)
        let l = s.leads, asOf = s.asOf
        let limit = Int64((s.settings.sla.firstTouchHours * 3600).rounded())
        // A named rep: their leads and the ones no rep has. An unknown name keeps the latter only.
        let mine: Int32? = ownerName.map { name in s.repIndex[name].map(Int32.init) ?? Int32.min }
        let owner = l.owner, ownerCodes = l.ownerName.codes, campaign = l.campaign, stage = l.stageAsOf
        let created = l.createdAt, touchAt = l.firstTouchAt, lastTouchAt = l.lastTouchAt
        // Which stages wait for a first touch, as bits by stage. Without a first_touch_at column
        // every SAL would look untouched: then only leads and MQLs wait.
        var waiting: UInt16 = 1 << LeadStage.mql.rawValue
        if l.hasFirstTouch { waiting |= 1 << LeadStage.sal.rawValue }
        let everyone = filter.isEveryone
        let repsKnown = !s.reps.isEmpty
        // Pass 1 gathers the waiting leads without branching on each row (on unsorted rows such
        // branches are mispredicted over and over); pass 2 works on those few.
        let candidates = Tally<Int32>(uninitialized: l.count + 1)
        defer { candidates.free() }
        var found = 0
        for r in 0..<l.count {
            // Given to a rep; without a reps file (an export may have none), to any owner named.
            // With one, an owner it does not list (a queue, someone gone) is no one to call.
            let assignedLead = (stage[r] == .lead ? 1 : 0) & ((repsKnown ? owner[r] : ownerCodes[r]) >= 0 ? 1 : 0)
            let waits = Int((waiting >> UInt16(stage[r].rawValue)) & 1) | assignedLead
            // A last touch is a touch too: exports without a first-touch column (Salesforce's
            // LastActivityDate) still show who was contacted.
            // A touch after the as-of moment had not happened yet then.
            let untouched = (touchAt[r] == Missing.time || touchAt[r] > asOf ? 1 : 0) & (lastTouchAt[r] == Missing.time || lastTouchAt[r] > asOf ? 1 : 0)
            let t = created[r]
            let arrived = (t <= asOf ? 1 : 0) & (t != Missing.time ? 1 : 0)
            candidates[found] = Int32(truncatingIfNeeded: r)
            found &+= waits & untouched & arrived
        }
        var rows: [Int] = []
        var due: [Int64] = []
        var covered: [Int] = [], own: [Int] = []
        rows.reserveCapacity(found)
        due.reserveCapacity(found)
        let salesSourced = l.salesSourced
        for k in 0..<found {
            let r = Int(candidates[k])
            if !everyone && !filter.admitsLead(owner: owner[r], campaign: campaign[r]) { continue }
            // A named rep sees the leads no rep has: unassigned, or with an owner reps.csv does
            // not list (someone gone), which someone must take. Without a reps file, any owner
            // named is someone else.
            if let mine, repsKnown ? (owner[r] >= 0 && owner[r] != mine) : ownerCodes[r] >= 0 { continue }
            if salesSourced[r] { own.append(rows.count) } else { covered.append(rows.count) }
            rows.append(r)
            due.append(clock.deadline(from: l.slaClockStart(r), after: limit))
        }
        // Most overdue first = earliest due first; ties by row (positions follow rows).
        let ordered = RadixSort.rows(covered) { due[$0] } + RadixSort.rows(own) { due[$0] }
        return ordered.map { k in
            InboxItem(lead: rows[k], dueAt: due[k], overdueSeconds: asOf - due[k], underSLA: !salesSourced[rows[k]])
        }
    }
}
