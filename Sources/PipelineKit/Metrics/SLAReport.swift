/// A lead waiting for its first touch, and where it stands against the SLA clock.
public struct InboxItem: Sendable, Equatable {
    /// Row in `Snapshot.leads`.
    public var lead: Int
    /// When the SLA clock runs out: first_touch_hours after it started (business hours when set).
    public var dueAt: Int64
    /// Wall-clock seconds past `dueAt` at the as-of moment; negative = time left.
    public var overdueSeconds: Int64
    /// Marketing handed the lead over, so the SLA's first-touch promise covers it. A lead sales
    /// found itself waits in the inbox too, but no deadline of the SLA runs on it.
    public var underSLA: Bool

    public init(lead: Int, dueAt: Int64, overdueSeconds: Int64, underSLA: Bool = true) {
        self.lead = lead
        self.dueAt = dueAt
        self.overdueSeconds = overdueSeconds
        self.underSLA = underSLA
    }

    public var isBreaching: Bool { underSLA && overdueSeconds > 0 }
}

/// Both sides of the SLA between marketing and sales for one period.
public struct SLAReport: Sendable {
    public var period: Period
    public var scope: Scope

    // Marketing's side.
    /// Marketing-sourced leads whose mql_at falls in the period.
    public var mqlsDelivered: Int
    /// The monthly target scaled to the period (x3 for a quarter); nil when none is set, for a
    /// custom period, or for a scope narrower than everyone (the target is the whole company's).
    public var mqlTarget: Int?
    /// target x elapsed share of the period.
    public var mqlExpectedByNow: Double?
    /// delivered / expected by now: 1.0 = on pace.
    public var mqlPace: Double?

    // Sales' side, over marketing-sourced leads whose SLA clock started in the period.
    public var firstTouchTargetHours: Double
    public var fastTouchHours: Double
    /// True when the clock counts business hours only.
    public var businessHoursOnly: Bool
    /// Leads with a first touch, the ones the two figures below are over.
    public var touched: Int
    /// Hours from clock start to first touch: the median, and the 90th percentile by nearest rank.
    public var firstTouchMedianHours: Double?
    public var firstTouchP90Hours: Double?
    /// Share touched within the SLA (or the fast figure) among the leads whose outcome is known:
    /// touched, or untouched past the limit. Untouched leads still inside it are not counted yet.
    public var touchedWithinTargetShare: Double?
    public var touchedWithinFastShare: Double?
    /// The period's MQLs that reached SAL or later, and those disqualified or recycled before.
    public var accepted: Int
    public var rejected: Int
    /// accepted / (accepted + rejected).
    public var acceptedShare: Double?
    /// Unworked leads past their SLA now, worst first.
    public var breaching: [InboxItem]
    public var missing: [String]
}
