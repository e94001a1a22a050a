/// What a person in reps.csv does; it decides which quotas and panes apply to them.
public enum RepRole: UInt8, CaseIterable, Sendable {
    case ae, sdr, manager, marketing

    public var name: String {
        switch self {
        case .ae: "ae"
        case .sdr: "sdr"
        case .manager: "manager"
        case .marketing: "marketing"
        }
    }

    public var label: String {
        switch self {
        case .ae: "AE"
        case .sdr: "SDR"
        case .manager: "Manager"
        case .marketing: "Marketing"
        }
    }

    public init?(index: Int) {
        guard let raw = UInt8(exactly: index), let r = RepRole(rawValue: raw) else { return nil }
        self = r
    }

    public static let builtInAliases: [String: String] = [
        "Account Executive": "ae", "Sales Rep": "ae", "Sales Representative": "ae", "Closer": "ae",
        "BDR": "sdr", "Business Development Rep": "sdr", "Business Development Representative": "sdr",
        "Sales Development Rep": "sdr", "Sales Development Representative": "sdr",
        "Lead Qualifier": "sdr", "Inside Sales": "sdr",
        "Sales Manager": "manager", "Team Lead": "manager", "Sales Director": "manager", "Head of Sales": "manager",
        "Marketer": "marketing", "Marketing Manager": "marketing", "Demand Generation": "marketing",
    ]

    public static let vocabulary = Vocabulary(words: allCases.map(\.name), aliases: builtInAliases)

    /// What a person whose `role` is not an account executive's is, said beside that ("an SDR",
    /// "a manager", "in marketing"); nil for a role without such words.
    public static func notAE(_ role: String?) -> String? {
        ["sdr": "an SDR", "manager": "a manager", "marketing": "in marketing"][role ?? ""]
    }

    /// The rest of "X is …" for someone who may not own a deal: "an SDR, not an account executive".
    public static func isNotAccountExecutive(_ role: String?) -> String {
        notAE(role).map { "\($0), not an account executive" } ?? "not an account executive"
    }
}
