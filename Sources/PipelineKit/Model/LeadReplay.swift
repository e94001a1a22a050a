/// Leads as they stood at an earlier moment, for a replay (`as_of` before the data's last
/// changes): counts by stage then must not include stages reached, or exits made, after it.
extension Leads {
    /// Sets `stageAsOf` and `furthestAsOf` for `asOf`, from each lead's stage times. A stage whose
    /// time is after `asOf` had not been reached yet, nor had one with no time when an earlier
    /// stage's time is after it (an export without sal_at, say); an exit (won, lost,
    /// disqualified, recycled) whose closed_at is after it had not happened. A stage without a time
    /// and nothing later than `asOf` below it is taken as reached, since the data cannot say when.
    /// A sales-sourced lead is never stepped down to MQL: it enters at SAL or later.
    mutating func replay(at asOf: Int64) {
        replayedAt = asOf
        guard latestStageTime > asOf else {
            stageAsOf = stage
            furthestAsOf = furthest
            return
        }
        var stages = stage, reached = furthest
        for r in 0..<count {
            var f = furthest[r]
            // Step down past stages reached only after the moment.
            while f.rawValue > LeadStage.lead.rawValue, f.rawValue <= LeadStage.won.rawValue {
                let at = reachedAt(f, r)
                var later = at != Missing.time && at > asOf
                if at == Missing.time {
                    // No time of its own: not reached yet if a stage below was reached after the moment.
                    var k = f.rawValue - 1
                    while k > LeadStage.lead.rawValue, !later {
                        let t = reachedAt(LeadStage(rawValue: k)!, r)
                        if t != Missing.time { later = t > asOf; break }
                        k -= 1
                    }
                }
                guard later, var lower = LeadStage(rawValue: f.rawValue - 1) else { break }
                if lower == .mql && salesSourced[r] { lower = .lead }
                f = lower
            }
            reached[r] = f
            let s = stage[r]
            let exit = s == .won || s == .lost || s == .disqualified || s == .recycled
            if exit && closedAt[r] != Missing.time && closedAt[r] > asOf {
                stages[r] = f
            } else if !exit && f.rawValue < s.rawValue {
                stages[r] = f
            }
        }
        stageAsOf = stages
        furthestAsOf = reached
    }

    /// The latest of the stage times, once per load.
    mutating func noteLatestStageTime() {
        var latest = Int64.min
        for column in [mqlAt, salAt, sqlAt, opportunityAt, closedAt] {
            for t in column where t > latest { latest = t }
        }
        latestStageTime = latest
    }
}
