/// The native files of a data folder: see docs/data-format.md, which this mirrors.
public enum Schemas {
    public static let campaigns = TableSchema(name: "campaigns", defaultFile: "campaigns.csv", idField: "campaign_id", fields: [
        FieldSpec("campaign_id", .text, required: true, aliases: ["id", "campaign"]),
        FieldSpec("name", .text, required: true, aliases: ["campaign_name"]),
        FieldSpec("channel", .category, required: true, aliases: ["type"]),
        FieldSpec("owner", .category),
        FieldSpec("start", .time, required: true, aliases: ["start_date"], dateOnly: true),
        FieldSpec("end", .time, aliases: ["end_date"], dateOnly: true),
        FieldSpec("budget", .number),
        FieldSpec("spend", .number, aliases: ["actual_cost", "cost"]),
        FieldSpec("impressions", .number),
        FieldSpec("clicks", .number),
    ])

    public static let leads = TableSchema(name: "leads", defaultFile: "leads.csv", idField: "lead_id", fields: [
        FieldSpec("lead_id", .text, required: true, aliases: ["id", "lead"]),
        FieldSpec("created_at", .time, required: true, aliases: ["created", "created_date"]),
        FieldSpec("name", .text),
        FieldSpec("company", .text),
        FieldSpec("email", .text),
        FieldSpec("source", .category, required: true, aliases: ["lead_source"]),
        FieldSpec("campaign_id", .category, aliases: ["campaign"]),
        FieldSpec("stage", .category, required: true, aliases: ["status"]),
        FieldSpec("owner", .category),
        FieldSpec("score", .number, aliases: ["lead_score"]),
        FieldSpec("first_touch_at", .time, aliases: ["first_touch"]),
        FieldSpec("last_touch_at", .time, aliases: ["last_touch"]),
        FieldSpec("mql_at", .time),
        FieldSpec("sal_at", .time),
        FieldSpec("sql_at", .time),
        FieldSpec("opportunity_at", .time),
        FieldSpec("closed_at", .time),
        FieldSpec("disqualify_reason", .category),
        FieldSpec("deal_id", .text),
    ])

    public static let deals = TableSchema(name: "deals", defaultFile: "deals.csv", idField: "deal_id", fields: [
        FieldSpec("deal_id", .text, required: true, aliases: ["id", "opportunity_id"]),
        FieldSpec("name", .text),
        FieldSpec("account", .text),
        FieldSpec("owner", .category, required: true),
        FieldSpec("stage", .category, required: true),
        // Open deals may leave these empty: CRMs fill them in as a deal moves on.
        FieldSpec("amount", .number, required: true, emptyAllowed: true),
        FieldSpec("created_at", .time, required: true, emptyAllowed: true, aliases: ["created"]),
        FieldSpec("close_date", .time, required: true, emptyAllowed: true, dateOnly: true),
        FieldSpec("lead_id", .text),
        FieldSpec("probability", .number),
        FieldSpec("product", .category),
    ])

    public static let reps = TableSchema(name: "reps", defaultFile: "reps.csv", idField: "rep", fields: [
        FieldSpec("rep", .text, required: true, aliases: ["name"]),
        FieldSpec("team", .category, required: true),
        FieldSpec("manager", .category),
        FieldSpec("region", .category),
        FieldSpec("role", .category),
        FieldSpec("email", .text),
        FieldSpec("login", .text),
        // The CRM's own id for the rep (a Salesforce user Id), when owner columns name reps by it.
        FieldSpec("id", .text),
    ])

    public static let quotas = TableSchema(name: "quotas", defaultFile: "quotas.csv", idField: nil, fields: [
        FieldSpec("owner", .category, required: true, aliases: ["rep", "team"]),
        FieldSpec("period_start", .time, required: true, dateOnly: true),
        FieldSpec("period", .category, required: true),
        FieldSpec("metric", .category, required: true),
        FieldSpec("target", .number, required: true),
    ])

    public static let stageHistory = TableSchema(name: "stage_history", defaultFile: "stage_history.csv", idField: nil, fields: [
        FieldSpec("deal_id", .category, required: true),
        FieldSpec("stage", .category, required: true),
        FieldSpec("at", .time, required: true),
    ])

    public static let activity = TableSchema(name: "activity", defaultFile: "activity.csv", idField: nil, fields: [
        FieldSpec("at", .time, required: true),
        FieldSpec("user", .category, required: true),
        FieldSpec("file", .category, required: true),
        FieldSpec("record", .text, required: true),
        FieldSpec("field", .category, required: true),
        FieldSpec("old", .text),
        FieldSpec("new", .text),
    ])

    /// Optional: the product list, so a deal naming a product that is not in it is reported.
    public static let products = TableSchema(name: "products", defaultFile: "products.csv", idField: "product", fields: [
        FieldSpec("product", .text, required: true, aliases: ["name"]),
        FieldSpec("series", .category),
        FieldSpec("price", .number, aliases: ["sales_price"]),
    ])

    /// Optional: which campaigns each lead was a member of (Salesforce's CampaignMember), for
    /// exports whose leads file has no campaign column. A lead is credited to the campaign that
    /// reached it first: its earliest membership, then the earliest campaign to start.
    public static let campaignMembers = TableSchema(name: "campaign_members", defaultFile: "campaign_members.csv", idField: nil, fields: [
        // A membership of a contact rather than a lead has no lead id: it is not a lead's.
        FieldSpec("lead_id", .text, required: true, emptyAllowed: true),
        FieldSpec("campaign_id", .text, required: true),
        FieldSpec("added_at", .time),
    ])

    public static let all = [campaigns, leads, deals, reps, quotas, stageHistory, activity, products, campaignMembers]
}
