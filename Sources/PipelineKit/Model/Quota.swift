/// What a quota counts.
public enum QuotaMetric: String, Sendable, CaseIterable {
    case wonAmount = "won_amount"
    case dealsWon = "deals_won"
    case sals
    case sqls

    public var isMoney: Bool { self == .wonAmount }
    public var label: String {
        switch self {
        case .wonAmount: return "won"
        case .dealsWon: return "deals won"
        case .sals: return "leads accepted"
        case .sqls: return "SQLs"
        }
    }
}

public enum QuotaPeriodKind: String, Sendable, CaseIterable {
    case month, quarter
}

/// One target for a rep or a team over a month or a quarter.
public struct Quota: Sendable, Equatable {
    public var owner: String
    /// True when `owner` names a team rather than a rep.
    public var isTeam: Bool
    public var periodStart: Int64
    public var period: QuotaPeriodKind
    public var metric: QuotaMetric
    public var target: Double
    public var line: Int
}
