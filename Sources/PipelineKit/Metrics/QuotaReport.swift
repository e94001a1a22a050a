/// One quota (a rep's or a team's, for one metric) against what has been done so far.
public struct QuotaRow: Sendable, Equatable {
    /// A rep name, or a team name when `isTeam`.
    public var owner: String
    public var isTeam: Bool
    /// The rep's team; nil for a team row.
    public var team: String?
    public var metric: QuotaMetric
    public var target: Double
    /// won_amount: amounts of won deals closed in the period; deals_won: their count; sals and
    /// sqls: leads whose sal_at / sql_at falls in the period.
    public var actual: Double
    /// actual / target; nil when the target is 0.
    public var attainment: Double?
    /// target x elapsed share of the period (selling days).
    public var expectedToDate: Double
    /// attainment / elapsed share: 1.0 = on pace; nil before the period's first selling hour.
    public var pacing: Double?
    /// target - actual (negative once beyond the target).
    public var gap: Double
    /// actual / elapsed share: where the period ends at this rate; nil before it starts.
    public var runRateForecast: Double?
    /// Open deals with a close date in the period: amounts for won_amount, a count for deals_won;
    /// nil for lead metrics.
    public var openPipelineInPeriod: Double?
    /// openPipelineInPeriod / gap; nil when the gap is closed or there is no pipeline figure.
    public var coverage: Double?
    /// Won / (won + lost) over deals closed in the 365 days up to the as-of moment.
    public var winRate: Double?
    /// 1 / win rate: the coverage that closes the gap at the usual win rate.
    public var neededCoverage: Double?
    /// pacing below `QuotaMetrics.onPaceThreshold`.
    public var behindPace: Bool
    /// For a team row: true when its target is the sum of its reps' quotas (no team quota in the file).
    public var targetFromReps: Bool
}

public struct QuotaReport: Sendable {
    public var period: Period
    public var scope: Scope
    /// The share of the period's selling time gone at the as-of moment, 0...1.
    public var elapsedShare: Double
    /// Reps in reps.csv order, each rep's metrics in `QuotaMetric` order.
    public var reps: [QuotaRow]
    /// Teams in reps.csv order.
    public var teams: [QuotaRow]
    public var missing: [String]
}
