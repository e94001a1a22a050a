/// Where a lead came from. `campaign` and `inbound` are marketing's; the rest are found by sales
/// (the split is a setting: `[sources] sales`).
public enum LeadSource: UInt8, CaseIterable, Sendable {
    case campaign, inbound, coldCall, networking, linkedin, emailOutreach, referral

    public var name: String {
        switch self {
        case .campaign: "campaign"
        case .inbound: "inbound"
        case .coldCall: "cold_call"
        case .networking: "networking"
        case .linkedin: "linkedin"
        case .emailOutreach: "email_outreach"
        case .referral: "referral"
        }
    }

    public var label: String {
        switch self {
        case .campaign: "Campaign"
        case .inbound: "Inbound"
        case .coldCall: "Cold call"
        case .networking: "Networking"
        case .linkedin: "LinkedIn"
        case .emailOutreach: "Email outreach"
        case .referral: "Referral"
        }
    }

    public init?(index: Int) {
        guard let raw = UInt8(exactly: index), let s = LeadSource(rawValue: raw) else { return nil }
        self = s
    }

    /// The sources sales finds itself, unless the settings say otherwise.
    public static let defaultSales: Set<String> = ["cold_call", "networking", "linkedin", "email_outreach", "referral"]

    /// Salesforce's and HubSpot's usual lead sources. `Other` is deliberately not here: it says
    /// nothing about who found the lead, so a file that uses it gets a diagnostic and the settings
    /// decide (`[sources] aliases = { Other = "inbound" }`).
    public static let builtInAliases: [String: String] = [
        "Web": "inbound", "Website": "inbound", "Online Form": "inbound", "Web Form": "inbound",
        "Phone Inquiry": "inbound", "Organic Search": "inbound", "Public Relations": "inbound",
        "Purchased List": "cold_call", "Cold Calling": "cold_call", "Outbound Call": "cold_call",
        "Trade Show": "networking", "Networking Event": "networking",
        "Partner Referral": "referral", "Employee Referral": "referral", "External Referral": "referral",
        "Customer Referral": "referral", "Partner": "referral", "Word of Mouth": "referral",
        "LinkedIn Outreach": "linkedin", "Social Selling": "linkedin", "LinkedIn Sales Navigator": "linkedin",
        "Cold Email": "email_outreach", "Outbound Email": "email_outreach",
        "Marketing Campaign": "campaign", "Advertisement": "campaign", "Paid Campaign": "campaign",
    ]

    public static let vocabulary = Vocabulary(words: allCases.map(\.name), aliases: builtInAliases)
}
