/// The counts and money of one campaign (or of all of them), with the ratios derived from them.
/// A ratio is nil when its denominator is 0 or an input is unknown, never 0 in disguise.
public struct CampaignFigures: Sendable, Equatable {
    /// nil when campaigns.csv has no such column or the cell is empty.
    public var budget: Double?
    public var spend: Double?
    public var impressions: Double?
    public var clicks: Double?
    public var leads: Int
    /// Leads that reached MQL (or later), SQL (or later).
    public var mqls: Int
    public var sqls: Int
    /// Won deals whose lead came from the campaign, and their amounts.
    public var won: Int
    public var wonRevenue: Double
    /// Open deals whose lead came from the campaign: amounts, and amounts x probability.
    public var pipelineSourced: Double
    public var weightedPipeline: Double
    /// Leads created in each of the 12 weeks up to the as-of moment, oldest first: the last entry is
    /// the 7 days ending at as-of.
    public var leadsPerWeek: [Double]
    /// False when the counts cover only part of the campaign (some reps' leads, one period) while
    /// spend is the whole campaign's: then the cost-per ratios, ROI and ROAS are nil.
    public var costsApply: Bool

    /// Clicks / impressions.
    public var ctr: Double? { clicks.flatMap { c in impressions.flatMap { ratio(c, $0) } } }
    /// Spend / clicks (both whole-campaign figures).
    public var cpc: Double? { spend.flatMap { s in clicks.flatMap { ratio(s, $0) } } }
    /// Spend / leads.
    public var cpl: Double? { costPer(leads) }
    public var costPerMQL: Double? { costPer(mqls) }
    public var costPerSQL: Double? { costPer(sqls) }
    public var costPerWon: Double? { costPer(won) }
    /// (won revenue - spend) / spend.
    public var roi: Double? { costsApply ? spend.flatMap { ratio(wonRevenue - $0, $0) } : nil }
    /// Won revenue / spend.
    public var roas: Double? { costsApply ? spend.flatMap { ratio(wonRevenue, $0) } : nil }

    private func costPer(_ count: Int) -> Double? {
        guard costsApply, let spend, count > 0 else { return nil }
        return spend / Double(count)
    }

    static let weeks = 12

    static let empty = CampaignFigures(budget: nil, spend: nil, impressions: nil, clicks: nil, leads: 0, mqls: 0, sqls: 0,
                                       won: 0, wonRevenue: 0, pipelineSourced: 0, weightedPipeline: 0,
                                       leadsPerWeek: Array(repeating: 0, count: weeks), costsApply: true)
}

/// One campaign's line. Its figures read as its own properties (`row.cpl`, `row.leads`).
@dynamicMemberLookup
public struct CampaignRow: Sendable, Equatable {
    /// Row in `Snapshot.campaigns`.
    public var campaign: Int
    public var id: String
    public var name: String
    /// The channel word (`ppc`) and its label (`PPC`).
    public var channel: String
    public var channelLabel: String
    public var owner: String?
    /// planned, active or finished at the as-of moment.
    public var status: CampaignStatus
    public var start: Int64
    /// nil when open-ended.
    public var end: Int64?
    public var figures: CampaignFigures

    public subscript<T>(dynamicMember path: KeyPath<CampaignFigures, T>) -> T { figures[keyPath: path] }
}

public struct CampaignReport: Sendable {
    /// nil = each campaign's whole life (what the dashboard shows).
    public var period: Period?
    public var scope: Scope
    /// In campaigns.csv order.
    public var rows: [CampaignRow]
    /// Sums over the rows; money sums skip unknown cells (nil when no row knows the figure).
    public var totals: CampaignFigures
    public var missing: [String]
}
