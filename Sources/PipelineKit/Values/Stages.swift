/// Where a lead is in the funnel. The raw values are the codes in the loaded columns and the
/// indices into `LeadStage.vocabulary.words`.
public enum LeadStage: UInt8, CaseIterable, Sendable {
    case lead, mql, sal, sql, opportunity, won, lost, disqualified, recycled

    /// The word in data files.
    public var name: String {
        switch self {
        case .lead: "lead"
        case .mql: "mql"
        case .sal: "sal"
        case .sql: "sql"
        case .opportunity: "opportunity"
        case .won: "won"
        case .lost: "lost"
        case .disqualified: "disqualified"
        case .recycled: "recycled"
        }
    }

    /// The word on screen.
    public var label: String {
        switch self {
        case .lead: "Lead"
        case .mql: "MQL"
        case .sal: "SAL"
        case .sql: "SQL"
        case .opportunity: "Opportunity"
        case .won: "Won"
        case .lost: "Lost"
        case .disqualified: "Disqualified"
        case .recycled: "Recycled"
        }
    }

    /// The stages a lead passes on the way to a deal, in order.
    public static let funnel: [LeadStage] = [.lead, .mql, .sal, .sql, .opportunity, .won]

    /// The side exits: the lead left the funnel without a deal won.
    public var isExit: Bool {
        switch self {
        case .lost, .disqualified, .recycled: true
        default: false
        }
    }

    /// The case for an index into `vocabulary.words` (or a settings vocabulary built from it).
    public init?(index: Int) {
        guard let raw = UInt8(exactly: index), let stage = LeadStage(rawValue: raw) else { return nil }
        self = stage
    }

    /// Spellings that CRMs use for these stages: HubSpot lifecycle stages, Salesforce lead
    /// statuses, the demand waterfall's names.
    public static let builtInAliases: [String: String] = [
        "Inquiry": "lead", "New": "lead", "Open": "lead", "Subscriber": "lead",
        "Open - Not Contacted": "lead", "Raw": "lead", "Prospect": "lead",
        "Marketing Qualified Lead": "mql", "Marketing Qualified": "mql",
        "Sales Accepted Lead": "sal", "Sales Accepted": "sal", "Accepted": "sal",
        "Working - Contacted": "sal", "Working": "sal", "Contacted": "sal",
        "Sales Qualified Lead": "sql", "Sales Qualified": "sql", "Qualified": "sql",
        "Opp": "opportunity", "Closed - Converted": "opportunity", "Converted": "opportunity",
        "Closed Won": "won", "Customer": "won",
        "Closed Lost": "lost",
        "Closed - Not Converted": "disqualified", "Unqualified": "disqualified",
        "DQ": "disqualified", "Rejected": "disqualified",
        "Nurture": "recycled", "Nurturing": "recycled", "Recycle": "recycled",
    ]

    public static let vocabulary = Vocabulary(words: allCases.map(\.name), aliases: builtInAliases)
}

/// The deal pipeline's defaults. Deal stages are set in the settings (`[deal_stages]`), so they
/// are words, not an enum; `won` and `lost` always close the list.
public enum DefaultDealStages {
    public static let open: [String] = ["prospecting", "qualification", "proposal", "negotiation"]
    public static let won = "won"
    public static let lost = "lost"

    /// Percent chance of closing, per open stage.
    public static let probabilities: [String: Double] = [
        "prospecting": 10, "qualification": 25, "proposal": 50, "negotiation": 75,
    ]

    /// Salesforce's and other CRMs' names for the default stages. Kept only for the stages a
    /// settings file's own list still has.
    public static let builtInAliases: [String: String] = [
        "Closed Won": "won", "Closed Lost": "lost",
        "Prospect": "prospecting",
        "Discovery": "qualification", "Qualify": "qualification", "Needs Analysis": "qualification",
        "Proposal/Price Quote": "proposal", "Proposal/Quote": "proposal", "Quote": "proposal",
        "Value Proposition": "proposal",
        "Negotiation/Review": "negotiation", "Negotiating": "negotiation", "Contract": "negotiation",
    ]
}
