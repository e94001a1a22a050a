/// What a quota counts.
public enum QuotaMetric: UInt8, CaseIterable, Sendable {
    case wonAmount, dealsWon, sals, sqls, meetings

    public var name: String {
        switch self {
        case .wonAmount: "won_amount"
        case .dealsWon: "deals_won"
        case .sals: "sals"
        case .sqls: "sqls"
        case .meetings: "meetings"
        }
    }

    public var label: String {
        switch self {
        case .wonAmount: "Won amount"
        case .dealsWon: "Deals won"
        case .sals: "SALs"
        case .sqls: "SQLs"
        case .meetings: "Meetings"
        }
    }

    /// True when the target is money rather than a count.
    public var isMoney: Bool { self == .wonAmount }

    public init?(index: Int) {
        guard let raw = UInt8(exactly: index), let m = QuotaMetric(rawValue: raw) else { return nil }
        self = m
    }

    public static let builtInAliases: [String: String] = [
        "Revenue": "won_amount", "Bookings": "won_amount", "Amount": "won_amount", "Closed Won Amount": "won_amount",
        "Deals": "deals_won", "Wins": "deals_won", "Won Deals": "deals_won",
        "SAL": "sals", "Accepted Leads": "sals", "Leads Accepted": "sals",
        "SQL": "sqls", "Qualified Leads": "sqls",
        "Meeting": "meetings", "Meetings Booked": "meetings",
    ]

    public static let vocabulary = Vocabulary(words: allCases.map(\.name), aliases: builtInAliases)
}

/// The length of a quota period.
public enum QuotaPeriod: UInt8, CaseIterable, Sendable {
    case month, quarter

    public var name: String { self == .month ? "month" : "quarter" }
    public var label: String { self == .month ? "Month" : "Quarter" }
    public var months: Int { self == .month ? 1 : 3 }

    public init?(index: Int) {
        guard let raw = UInt8(exactly: index), let p = QuotaPeriod(rawValue: raw) else { return nil }
        self = p
    }

    public static let builtInAliases: [String: String] = [
        "Monthly": "month", "Mo": "month", "Quarterly": "quarter", "Qtr": "quarter", "Q": "quarter",
    ]

    public static let vocabulary = Vocabulary(words: allCases.map(\.name), aliases: builtInAliases)
}
