/// Every lead, column by column. Row `r` of each array is the same lead.
public struct Leads: Sendable {
    public internal(set) var count: Int
    public internal(set) var id: TextColumn
    public internal(set) var createdAt: [Int64]
    public internal(set) var name: TextColumn
    public internal(set) var company: TextColumn
    public internal(set) var email: TextColumn
    /// Index into the settings' source vocabulary.
    public internal(set) var source: [Int32]
    /// True for a lead sales found itself (cold call, networking, ...), false for marketing's.
    public internal(set) var salesSourced: [Bool]
    /// Row in `Snapshot.campaigns`, or `Missing.index`.
    public internal(set) var campaign: [Int32]
    public internal(set) var stage: [LeadStage]
    /// The furthest funnel stage reached (lead...won), from the stage and its timestamps.
    public internal(set) var furthest: [LeadStage]
    /// Row in `Snapshot.reps`, or `Missing.index` when unassigned or unknown.
    public internal(set) var owner: [Int32]
    /// The owner cell as written, so an unknown name can still be shown.
    public internal(set) var ownerName: CategoryColumn
    public internal(set) var score: [Double]
    public internal(set) var firstTouchAt: [Int64]
    public internal(set) var lastTouchAt: [Int64]
    public internal(set) var mqlAt: [Int64]
    public internal(set) var salAt: [Int64]
    public internal(set) var sqlAt: [Int64]
    public internal(set) var opportunityAt: [Int64]
    public internal(set) var closedAt: [Int64]
    public internal(set) var disqualifyReason: CategoryColumn
    public internal(set) var dealID: TextColumn
    /// Line in leads.csv, for messages and edits.
    public internal(set) var line: [Int32]
    /// Which optional columns the file has: a pane says what is missing rather than show zeros.
    public internal(set) var hasFirstTouch: Bool
    public internal(set) var hasStageTimes: Bool
    /// The stage and furthest stage as they stood at the snapshot's as-of moment (see
    /// `replay(at:)`): the same as `stage` and `furthest` unless the data has stage times after it.
    public internal(set) var stageAsOf: [LeadStage] = []
    public internal(set) var furthestAsOf: [LeadStage] = []
    /// The latest stage time in the data: no replay is needed at or after it.
    var latestStageTime = Int64.min
    /// The moment `stageAsOf` stands at: times after it had not come yet.
    public internal(set) var replayedAt = Int64.max

    public static let empty = Leads(count: 0, id: TextColumn(), createdAt: [], name: TextColumn(), company: TextColumn(),
                                    email: TextColumn(), source: [], salesSourced: [], campaign: [], stage: [], furthest: [],
                                    owner: [], ownerName: CategoryColumn(), score: [], firstTouchAt: [], lastTouchAt: [],
                                    mqlAt: [], salAt: [], sqlAt: [], opportunityAt: [], closedAt: [],
                                    disqualifyReason: CategoryColumn(), dealID: TextColumn(), line: [],
                                    hasFirstTouch: false, hasStageTimes: false)

    /// When the lead's first-touch SLA clock started: when it became an MQL, or its creation when
    /// it has no MQL time, or one after the moment replayed (it was not an MQL then).
    public func slaClockStart(_ r: Int) -> Int64 { mqlAt[r] != Missing.time && mqlAt[r] <= replayedAt ? mqlAt[r] : createdAt[r] }

    /// The MQL time as of the moment replayed: missing when it came after.
    public func mqlAtAsOf(_ r: Int) -> Int64 { mqlAt[r] <= replayedAt ? mqlAt[r] : Missing.time }

    /// When the lead reached a funnel stage, if recorded.
    public func reachedAt(_ stage: LeadStage, _ r: Int) -> Int64 {
        switch stage {
        case .lead: return createdAt[r]
        case .mql: return mqlAt[r]
        case .sal: return salAt[r]
        case .sql: return sqlAt[r]
        case .opportunity: return opportunityAt[r]
        case .won, .lost, .disqualified, .recycled: return self.stage[r] == stage ? closedAt[r] : Missing.time
        }
    }
}
