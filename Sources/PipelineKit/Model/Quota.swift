// QuotaMetric (what a quota counts) is defined with the settings vocabularies, in Values/QuotaTerms.swift.

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
