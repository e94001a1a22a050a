/// The marketing channel a campaign runs in.
public enum Channel: UInt8, CaseIterable, Sendable {
    case print, content, social, ppc, email, events

    public var name: String {
        switch self {
        case .print: "print"
        case .content: "content"
        case .social: "social"
        case .ppc: "ppc"
        case .email: "email"
        case .events: "events"
        }
    }

    public var label: String {
        switch self {
        case .print: "Print"
        case .content: "Content"
        case .social: "Social"
        case .ppc: "PPC"
        case .email: "Email"
        case .events: "Events"
        }
    }

    public init?(index: Int) {
        guard let raw = UInt8(exactly: index), let c = Channel(rawValue: raw) else { return nil }
        self = c
    }

    public static let builtInAliases: [String: String] = [
        "Pay-per-click": "ppc", "Paid Search": "ppc", "SEM": "ppc", "AdWords": "ppc",
        "Google Ads": "ppc", "CPC": "ppc",
        "Social Media": "social", "LinkedIn Ads": "social", "Paid Social": "social", "Facebook Ads": "social",
        "Event": "events", "Trade Show": "events", "Webinar": "events", "Conference": "events",
        "Blog": "content", "SEO": "content", "Content Marketing": "content",
        "Direct Mail": "print", "Print Ad": "print", "Print Ads": "print",
        "Newsletter": "email", "E-mail": "email", "Email Marketing": "email",
    ]

    public static let vocabulary = Vocabulary(words: allCases.map(\.name), aliases: builtInAliases)
}
