/// Quota attainment, pace and coverage per rep and per team.
///
/// Which quotas apply: for a month, the `month` quotas of that month; for a quarter, its `quarter`
/// quotas, and for an owner and metric without one, the sum of its `month` quotas within the
/// quarter. A custom period has no quotas. A team's target is its own row in quotas.csv when there
/// is one, else the sum of its reps' targets. Quotas belong to people, so a channel scope shows
/// everyone's; a team scope shows the team and its reps, a rep scope that rep.
public enum QuotaMetrics {
    /// Pacing below this is behind: a 5 % margin, so a rep a few hours behind a perfect line is not flagged.
    public static let onPaceThreshold = 0.95
    /// Share of the period's selling time gone before a run-rate forecast is shown: on its first
    /// morning one deal projects to 44 times the quota. The figure is still computed.
    public static let forecastFromShare = 0.1

    private struct Key: Hashable {
        var owner: String
        var isTeam: Bool
        var metric: QuotaMetric
    }

    /// Per-rep actuals, indexed by rep row.
    private struct Actuals {
        var wonAmount: [Double]
        var dealsWon: [Double]
        var sals: [Double]
        var sqls: [Double]
        var openAmount: [Double]
        var openCount: [Double]
        /// Open deals without a close date or an amount: their part of the pipeline is unknown.
        var openUnknown: [Double]
        var recentWon: [Int]
        var recentLost: [Int]

        init(reps: Int) {
            wonAmount = Array(repeating: 0, count: reps)
            (dealsWon, sals, sqls, openAmount, openCount, openUnknown) = (wonAmount, wonAmount, wonAmount, wonAmount, wonAmount, wonAmount)
            recentWon = Array(repeating: 0, count: reps)
            recentLost = recentWon
        }
    }

    public static func compute(_ s: Snapshot, period: Period, scope: Scope) -> QuotaReport {
        let elapsed = period.elapsedShare(at: s.asOf)
        var missing: [String] = []
        let file = s.fileName("quotas")
        if s.status(of: "quotas")?.state == .missing {
            missing.append("no \(file): attainment cannot be computed")
        }

        // Targets that apply to the period.
        var targets: [Key: Double] = [:]
        switch period.kind {
        case .custom:
            if !s.quotas.isEmpty {
                missing.append("quotas are set per month or quarter: choose a month or a quarter to see attainment")
            }
        case .month, .quarter:
            var fromMonths: [Key: Double] = [:]
            var monthsGiven: [Key: Set<Int>] = [:]
            for q in s.quotas where period.contains(q.periodStart) && !q.target.isNaN {
                let key = Key(owner: q.owner, isTeam: q.isTeam, metric: q.metric)
                switch (period.kind, q.period) {
                case (.month, .month), (.quarter, .quarter): targets[key, default: 0] += q.target
                case (.quarter, .month):
                    fromMonths[key, default: 0] += q.target
                    let (y, m, _) = civilFromDays(period.timeZone.day(at: q.periodStart))
                    monthsGiven[key, default: []].insert(y * 12 + m)
                default: break
                }
            }
            var partial: [String] = []
            for (key, target) in fromMonths where targets[key] == nil {
                targets[key] = target
                // A quarter's target made of its monthly quotas: say when some months have none.
                if (monthsGiven[key] ?? []).count < 3 { partial.append("\(key.owner) (\(key.metric.label))") }
            }
            if !partial.isEmpty {
                missing.append("the \(period.label) target of \(partial.sorted().joined(separator: ", ")) adds up the monthly quotas of only some of its months")
            }
            if targets.isEmpty && !s.quotas.isEmpty {
                missing.append("no quotas in \(file) for \(period.label)")
            }
        }
        let undated = (0..<s.deals.count).filter { s.deals.isOpen($0, asOf: s.asOf) && (s.deals.closeDate[$0] == Missing.time || s.deals.amount[$0].isNaN) }.count
        if undated > 0 {
            missing.append("\(undated) open deals in \(s.fileName("deals")) have no close date or amount: coverage is unknown for their owners")
        }
        if targets.keys.contains(where: { $0.metric == .meetings }) {
            missing.append("meetings are not recorded in the data files: meetings quotas cannot be tracked")
        }

        for (metric, field) in [(QuotaMetric.sals, "sal_at"), (.sqls, "sql_at")]
        where targets.keys.contains(where: { $0.metric == metric }) && !s.hasColumn("leads", field) && s.hasFile("leads") {
            missing.append("no \(field) column in \(s.fileName("leads")): \(metric.label) cannot be counted")
        }

        if case .channel(let channel) = scope {
            missing.append("quotas are per rep and team, not per channel: these are everyone's, not \(channel)'s")
        }
        let actuals = collectActuals(s, period: period)

        // Which reps and teams the scope shows.
        let teamShown: (String) -> Bool
        let repShown: (Rep) -> Bool
        switch scope {
        case .everyone, .channel:
            teamShown = { _ in true }
            repShown = { _ in true }
        case .team(let team):
            teamShown = { $0 == team }
            repShown = { $0.team == team }
        case .rep(let name):
            teamShown = { _ in false }
            repShown = { $0.name == name }
        }

        let tracked = QuotaMetric.allCases.filter { $0 != .meetings }
        var repRows: [QuotaRow] = []
        for (k, rep) in s.reps.enumerated() where repShown(rep) {
            for metric in tracked {
                guard let target = targets[Key(owner: rep.name, isTeam: false, metric: metric)] else { continue }
                repRows.append(row(owner: rep.name, isTeam: false, team: rep.team, metric: metric, target: target,
                                   members: [k], actuals: actuals, elapsed: elapsed, targetFromReps: false))
            }
        }
        var teamRows: [QuotaRow] = []
        for team in s.teams where teamShown(team) {
            let members = s.reps.indices.filter { s.reps[$0].team == team }
            for metric in tracked {
                var target = targets[Key(owner: team, isTeam: true, metric: metric)]
                var counted = members
                if target == nil {
                    // Without a team quota the target is its reps' quotas added up, and the
                    // actuals are those same reps': a member without a quota would otherwise add
                    // wins against no target.
                    counted = members.filter { targets[Key(owner: s.reps[$0].name, isTeam: false, metric: metric)] != nil }
                    if !counted.isEmpty {
                        target = counted.reduce(0) { $0 + targets[Key(owner: s.reps[$1].name, isTeam: false, metric: metric)]! }
                    }
                }
                guard let target else { continue }
                teamRows.append(row(owner: team, isTeam: true, team: nil, metric: metric, target: target,
                                    members: counted, actuals: actuals, elapsed: elapsed,
                                    targetFromReps: targets[Key(owner: team, isTeam: true, metric: metric)] == nil))
            }
        }
        return QuotaReport(period: period, scope: scope, elapsedShare: elapsed, reps: repRows, teams: teamRows, missing: missing)
    }

    private static func row(owner: String, isTeam: Bool, team: String?, metric: QuotaMetric, target: Double,
                            members: [Int], actuals a: Actuals, elapsed: Double, targetFromReps: Bool) -> QuotaRow {
        func sum(_ column: [Double]) -> Double { members.reduce(0) { $0 + column[$1] } }
        let actual: Double
        var pipeline: Double?
        switch metric {
        case .wonAmount:
            actual = sum(a.wonAmount)
            pipeline = sum(a.openAmount)
        case .dealsWon:
            actual = sum(a.dealsWon)
            pipeline = sum(a.openCount)
        case .sals: actual = sum(a.sals)
        case .sqls: actual = sum(a.sqls)
        case .meetings: actual = 0
        }
        let attainment = target > 0 ? actual / target : nil
        let pacing = elapsed > 0 ? attainment.map { $0 / elapsed } : nil
        let gap = target - actual
        let won = members.reduce(0) { $0 + a.recentWon[$1] }, lost = members.reduce(0) { $0 + a.recentLost[$1] }
        let winRate = ratio(won, won + lost)
        // Open deals with no close date or amount might close in the period: the pipeline is then unknown, not 0.
        if sum(a.openUnknown) > 0 { pipeline = nil }
        let coverage = gap > 0 ? pipeline.map { $0 / gap } : nil
        return QuotaRow(owner: owner, isTeam: isTeam, team: team, metric: metric, target: target, actual: actual,
                        attainment: attainment, expectedToDate: target * elapsed, pacing: pacing, gap: gap,
                        runRateForecast: elapsed > 0 ? actual / elapsed : nil, openPipelineInPeriod: pipeline,
                        coverage: coverage, winRate: winRate,
                        neededCoverage: winRate.flatMap { $0 > 0 ? 1 / $0 : nil },
                        behindPace: pacing.map { $0 < onPaceThreshold } ?? false, targetFromReps: targetFromReps)
    }

    /// One pass over deals and one over leads, summing by owner row.
    private static func collectActuals(_ s: Snapshot, period: Period) -> Actuals {
        var a = Actuals(reps: s.reps.count)
        let reps = s.reps.count
        // Wins and accepted leads count up to the as-of moment; open deals by the close date they
        // expect, anywhere in the period.
        let (start, length) = period.happened(by: s.asOf)
        let wholeLength = UInt64(period.end - period.start)
        let asOf = s.asOf
        let recentStart = s.asOf - 365 * 86_400 + 1, recentLength = UInt64(365 * 86_400)   // (as-of - 365 days, as-of]
        // Per rep (and one spare row for deals and leads without a known owner) a row of counters,
        // added to without branching on data that changes from row to row.
        let stride = 7
        let money = Tally<Double>(count: (reps + 1) * stride)
        defer { money.free() }
        let d = s.deals
        let owner = d.owner, isWon = d.isWon, isLost = d.isLost, amount = d.amount, close = d.closeDate, created = d.createdAt
        for k in 0..<d.count {
            let o = Int(owner[k])
            let row = (o >= 0 ? o : reps) &* stride
            let c = close[k]
            let value = amount[k].isNaN ? 0 : amount[k]
            let inPeriod = UInt64(bitPattern: c &- start) < length
            let closesInPeriod = UInt64(bitPattern: c &- start) < wholeLength
            let recent = UInt64(bitPattern: c &- recentStart) < recentLength
            // As at the as-of moment: closed after it is open then; created after it, not there yet.
            let won = isWon[k] && c <= asOf, lost = isLost[k] && c <= asOf, open = !won && !lost && created[k] <= asOf
            money.add(won && inPeriod ? value : 0, at: row)
            money.add(won && inPeriod ? 1 : 0, at: row &+ 1)
            money.add(won && recent ? 1 : 0, at: row &+ 2)
            money.add(lost && recent ? 1 : 0, at: row &+ 3)
            money.add(open && closesInPeriod ? value : 0, at: row &+ 4)
            money.add(open && closesInPeriod ? 1 : 0, at: row &+ 5)
            money.add(open && (c == Missing.time || amount[k].isNaN) ? 1 : 0, at: row &+ 6)
        }
        let counts = Tally<Int32>(count: (reps + 1) * 2)
        defer { counts.free() }
        let l = s.leads
        let leadOwner = l.owner, salAt = l.salAt, sqlAt = l.sqlAt
        for r in 0..<l.count {
            let o = Int(leadOwner[r])
            let row = (o >= 0 ? o : reps) &* 2
            counts.add(UInt64(bitPattern: salAt[r] &- start) < length ? 1 : 0, at: row)
            counts.add(UInt64(bitPattern: sqlAt[r] &- start) < length ? 1 : 0, at: row &+ 1)
        }
        for o in 0..<reps {
            let row = o * stride
            a.wonAmount[o] = money[row]
            a.dealsWon[o] = money[row + 1]
            a.recentWon[o] = Int(money[row + 2])
            a.recentLost[o] = Int(money[row + 3])
            a.openAmount[o] = money[row + 4]
            a.openCount[o] = money[row + 5]
            a.openUnknown[o] = money[row + 6]
            a.sals[o] = Double(counts[o * 2])
            a.sqls[o] = Double(counts[o * 2 + 1])
        }
        return a
    }
}
