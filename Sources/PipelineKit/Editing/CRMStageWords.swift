/// The words a CRM's own lead stages use, for a stage its export holds no cell of yet. A
/// Salesforce Lead file with no converted lead would otherwise get pipetop's "opportunity", a
/// status Salesforce does not have.
enum CRMStageWords {
    /// Salesforce's two standard lead status lists: the classic one, and the one newer orgs get.
    /// Neither has a status for every stage; a converted lead is "Closed - Converted" in both,
    /// the one status that reads as converted.
    static let salesforceClassic = [
        "lead": "Open - Not Contacted", "sal": "Working - Contacted",
        "opportunity": "Closed - Converted", "disqualified": "Closed - Not Converted",
    ]
    static let salesforceCurrent = [
        "lead": "New", "sal": "Working", "sql": "Qualified", "recycled": "Nurturing",
        "opportunity": "Closed - Converted", "disqualified": "Unqualified",
    ]
    /// HubSpot's lifecycle stages, as its exports label them.
    static let hubspot = [
        "lead": "Lead", "mql": "Marketing Qualified Lead", "sql": "Sales Qualified Lead",
        "opportunity": "Opportunity", "won": "Customer",
    ]

    /// How the preset's CRM spells `word`, in the list the file's own `seen` spellings come from
    /// (the newer Salesforce list when they tell nothing); nil when the CRM has no such status.
    static func spelling(of word: String, preset: String?, seen: some Sequence<String>) -> String? {
        switch preset.flatMap(Preset.named)?.name {
        case "salesforce":
            let seen = Set(seen.map(normalizedKey))
            let inClassic = Self.salesforceClassic.values.contains { $0 != "Closed - Converted" && seen.contains(normalizedKey($0)) }
            let inCurrent = Self.salesforceCurrent.values.contains { $0 != "Closed - Converted" && seen.contains(normalizedKey($0)) }
            let (first, second) = inClassic && !inCurrent ? (salesforceClassic, salesforceCurrent) : (salesforceCurrent, salesforceClassic)
            return first[word] ?? second[word]
        case "hubspot":
            return hubspot[word]
        default:
            return nil
        }
    }
}
