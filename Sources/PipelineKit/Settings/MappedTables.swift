/// The tables a `[tables.NAME]` section can map, with their fields as docs/data-format.md lists
/// them, so a mapping's misspelt field is reported rather than silently ignored.
enum MappedTable: String, CaseIterable {
    case campaigns, leads, deals, reps, quotas
    case stageHistory = "stage_history"
    case activity
    case products
    case campaignMembers = "campaign_members"

    var fields: [String] {
        switch self {
        case .campaigns:
            ["campaign_id", "name", "channel", "owner", "start", "end", "budget", "spend", "impressions", "clicks"]
        case .leads:
            ["lead_id", "created_at", "name", "company", "email", "source", "campaign_id", "stage", "owner",
             "score", "first_touch_at", "last_touch_at", "mql_at", "sal_at", "sql_at", "opportunity_at",
             "closed_at", "disqualify_reason", "deal_id"]
        case .deals:
            ["deal_id", "name", "account", "owner", "stage", "amount", "created_at", "close_date", "lead_id",
             "probability", "product"]
        case .reps:
            ["rep", "team", "manager", "region", "role", "email", "login", "id"]
        case .quotas:
            ["owner", "period_start", "period", "metric", "target"]
        case .stageHistory:
            ["deal_id", "stage", "at"]
        case .activity:
            ["at", "user", "file", "record", "field", "old", "new"]
        case .products:
            ["product", "series", "price"]
        case .campaignMembers:
            ["lead_id", "campaign_id"]
        }
    }

    /// The vocabulary a field's values must come from, with the noun for messages.
    func vocabulary(for field: String, in settings: Settings) -> (vocabulary: Vocabulary, noun: String)? {
        switch (self, field) {
        case (.campaigns, "channel"): (settings.channels, "channel")
        case (.leads, "source"): (settings.sources, "lead source")
        case (.leads, "stage"): (settings.leadStages, "lead stage")
        case (.deals, "stage"), (.stageHistory, "stage"): (settings.dealStages.vocabulary, "deal stage")
        case (.reps, "role"): (settings.roles, "role")
        case (.quotas, "period"): (settings.periods, "period")
        case (.quotas, "metric"): (settings.metrics, "metric")
        default: nil
        }
    }
}
