/// One stage of the funnel for the period's cohort.
public struct FunnelStageRow: Sendable, Equatable {
    public var stage: LeadStage
    /// Leads of the cohort whose furthest stage is this one or later (within the source split).
    public var reached: Int
    /// The same count for marketing-sourced and sales-sourced leads, whatever the split.
    public var marketing: Int
    public var sales: Int
    /// reached(next) / reached(this); nil for the last stage or when nothing reached this one.
    public var nextStepConversion: Double?
    /// reached(this) / reached(lead); nil when the cohort is empty.
    public var cumulativeConversion: Double?
    /// Median days from this stage's timestamp to the next one's, over the leads that have both;
    /// nil when none has.
    public var medianDaysToNext: Double?
}

/// A disqualify reason and how many of the cohort's leads left with it.
public struct ExitReason: Sendable, Equatable {
    /// nil = disqualified without a reason.
    public var reason: String?
    public var count: Int
}

/// How long deals stay in one stage, from the stage history.
public struct DealStageTime: Sendable, Equatable {
    public var stage: String
    public var medianDays: Double
    /// Stays that ended in the period (the deal moved on), the ones measured.
    public var stays: Int
}

public struct FunnelReport: Sendable {
    public var period: Period
    public var scope: Scope
    public var split: SourceSplit
    /// What the counts mean, to show on screen.
    public var countingConvention: String
    /// lead, mql, sal, sql, opportunity, won.
    public var stages: [FunnelStageRow]

    /// Side exits among the cohort (within the split).
    public var lost: Int
    public var disqualified: Int
    /// Most frequent first, at most `FunnelMetrics.reasonsShown`.
    public var disqualifyReasons: [ExitReason]
    public var recycled: Int

    /// Deals closed in the period (close_date in it), won and lost.
    public var dealsWon: Int
    public var dealsLost: Int
    /// won / (won + lost) over deals closed in the period.
    public var winRate: Double?
    /// Leads whose mql_at falls in the period, and in the period before (to the same point of
    /// it while this one is still running: `mqlsPreviousToSamePoint`).
    public var mqls: Int
    public var mqlsPrevious: Int
    public var mqlsPreviousToSamePoint = false
    /// (mqls - mqlsPrevious) / mqlsPrevious; nil when the previous period had none.
    public var leadVelocityRate: Double?
    /// Median of close date - created date over won deals closed in the period.
    public var medianSalesCycleDays: Double?
    public var averageSalesCycleDays: Double?
    public var averageWonAmount: Double?
    /// Amount of the deals won in the period, together.
    public var wonAmount: Double
    /// Open opportunities x win rate x average won deal / average cycle days: expected revenue per day.
    public var pipelineVelocityPerDay: Double?

    /// Open deals now (whatever their close date), their amounts, and amounts x probability.
    public var openDeals: Int
    public var openPipeline: Double
    public var weightedPipeline: Double
    /// Amounts of the deals created in the period (opened then, whatever they became since).
    public var pipelineCreated: Double
    /// Open deals without a stage change for more than `staleDays` at the snapshot's as-of moment,
    /// longest unchanged first (rows in `Snapshot.deals`).
    public var staleDeals: [Int]
    public var staleDays: Int
    /// Median time in each deal stage when the data has a stage history; empty otherwise.
    public var dealStageTimes: [DealStageTime]
    /// What cannot be computed from these files, and why.
    public var missing: [String]

    public func row(_ stage: LeadStage) -> FunnelStageRow? { stages.first { $0.stage == stage } }
}
