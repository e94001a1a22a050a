/// Leads as they stood at an earlier moment, for a replay (`as_of` before the data's last
/// changes): counts by stage then must not include stages reached, or exits made, after it.
extension Leads {
    /// Sets `stageAsOf` and `furthestAsOf` for `asOf`, from each lead's stage times. A stage whose
    /// time is after `asOf` had not been reached yet; an exit (won, lost, disqualified, recycled)
    /// whose closed_at is after it had not happened. A stage without a time is taken as reached,
    /// since the data cannot say when.
    mutating func replay(at asOf: Int64) {
        guard latestStageTime > asOf else {
            stageAsOf = stage
            furthestAsOf = furthest
            return
        }
        var stages = stage, reached = furthest
        for r in 0..<count {
            var f = furthest[r]
            // Step down past stages reached only after the moment.
            while true {
                let at: Int64
                switch f {
                case .won: at = closedAt[r]
                case .opportunity: at = opportunityAt[r]
                case .sql: at = sqlAt[r]
                case .sal: at = salAt[r]
                case .mql: at = mqlAt[r]
                default: at = Missing.time
                }
                guard at != Missing.time, at > asOf, let lower = LeadStage(rawValue: f.rawValue - 1) else { break }
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
