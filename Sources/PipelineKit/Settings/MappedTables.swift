/// The tables a `[tables.NAME]` section can map, with their fields, so a mapping's misspelt
/// field is reported rather than silently ignored.
enum MappedTable: String, CaseIterable {
    case campaigns, leads, deals, reps, quotas
    case stageHistory = "stage_history"
    case activity
    case products
    case campaignMembers = "campaign_members"

    /// The table's fields, from its schema: one list, so a field added there can be mapped.
    var fields: [String] {
        Schemas.all.first { $0.name == rawValue }?.fields.map(\.name) ?? []
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
