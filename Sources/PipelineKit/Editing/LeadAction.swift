import Foundation

/// What a rep does to leads in the inbox. Every action changes a few cells of each lead by id;
/// `convert` also adds a deal.
public enum LeadAction: Sendable, Equatable {
    /// stage -> sal, sal_at = now; the owner becomes the user's rep when the lead has none.
    case accept
    /// owner = that rep (a name in reps.csv).
    case assign(String)
    /// stage -> sql, sql_at = now.
    case qualify
    /// stage -> disqualified, disqualify_reason = the reason, closed_at = now.
    case disqualify(String)
    /// stage -> recycled, closed_at = now: back to marketing's nurture.
    case recycle
    /// first_touch_at = now when empty; last_touch_at = now.
    case logTouch
    /// Adds a deal (new id following the file's pattern) and sets stage -> opportunity,
    /// opportunity_at = now and deal_id on the lead. The deal is `owner`'s when given (a name or
    /// login in reps.csv); else the lead owner's, or the acting rep's for a lead with none. A lead
    /// owned by an SDR needs an owner named when reps.csv has account executives: the deal goes to
    /// one of them, and their quotas count won deals by owner.
    case convert(amount: Double, closeDate: String, owner: String? = nil)

    /// The lead stages the action starts from; nil = any stage.
    var fromStages: Set<String>? {
        switch self {
        case .accept: ["lead", "mql", "recycled"]
        case .qualify: ["lead", "mql", "sal", "recycled"]
        case .disqualify: ["lead", "mql", "sal", "sql", "recycled"]
        case .recycle: ["lead", "mql", "sal", "sql", "disqualified"]
        case .convert: ["lead", "mql", "sal", "sql"]
        case .assign, .logTouch: nil
        }
    }

    /// Assigning is how a lead goes from one rep to another: never refused for its owner.
    public var isAssign: Bool {
        if case .assign = self { return true }
        return false
    }

    /// The verb for a refusal: "cannot accept".
    public var verb: String {
        switch self {
        case .accept: "accept"
        case .assign: "assign"
        case .qualify: "qualify"
        case .disqualify: "disqualify"
        case .recycle: "recycle"
        case .logTouch: "log a touch on"
        case .convert: "convert"
        }
    }

    /// The footer line for the leads done: "Accepted 3 leads", or "Accepted L-00042" for one, so
    /// the user sees which lead the action reached.
    func summary(done: [String], deals: [String]) -> String {
        let count = done.count
        let leads = count == 1 ? sanitizedForMessage(done[0]) : "\(count) leads"
        switch self {
        case .accept: return "Accepted \(leads)"
        case .assign(let rep): return "Assigned \(leads) to \(rep)"
        case .qualify: return "Qualified \(leads)"
        case .disqualify(let reason): return "Disqualified \(leads) (\(reason))"
        case .recycle: return "Recycled \(leads) to marketing"
        case .logTouch: return "Logged a touch on \(leads)"
        case .convert:
            return deals.isEmpty ? "Converted \(leads)" : "Converted \(leads) to \(deals.joined(separator: ", "))"
        }
    }
}
