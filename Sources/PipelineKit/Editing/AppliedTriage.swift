import Foundation

/// What one triage wrote, exactly, so it can be undone and redone: each changed cell with its old
/// and new text as they stand in the file, and each record added.
public struct AppliedTriage: Sendable, Equatable {
    /// One cell of one record, looked up again by id (never by position) when undone.
    /// Whether undoing or redoing it writes the deals file.
    var touchesDeals: Bool {
        cells.contains { $0.table == Schemas.deals.name } || rows.contains { $0.table == Schemas.deals.name }
    }

    public struct Cell: Sendable, Equatable {
        /// The table (`leads`, `deals`) and its file name in the folder.
        public var table: String
        public var file: String
        public var record: String
        /// Our field name (`owner`), found again through the file's header and the settings.
        public var field: String
        public var old: String
        public var new: String
        /// The lead this change belongs to: undo and redo take or leave a lead's changes together.
        public var lead: String

        public init(table: String, file: String, record: String, field: String, old: String, new: String, lead: String) {
            self.table = table
            self.file = file
            self.record = record
            self.field = field
            self.old = old
            self.new = new
            self.lead = lead
        }
    }

    /// One record added at the end of a file.
    public struct Row: Sendable, Equatable {
        public var table: String
        public var file: String
        public var record: String
        /// The cells as written, in the file's column order.
        public var cells: [String]
        /// The file ended without a line break and one was added before the record.
        public var addedLineBreak: Bool
        public var lead: String

        public init(table: String, file: String, record: String, cells: [String], addedLineBreak: Bool, lead: String) {
            self.table = table
            self.file = file
            self.record = record
            self.cells = cells
            self.addedLineBreak = addedLineBreak
            self.lead = lead
        }
    }

    public var action: LeadAction
    /// The leads changed, in the order given.
    public var leads: [String]
    public var cells: [Cell]
    public var rows: [Row]
    /// When it was done (epoch seconds).
    public var at: Int64
    /// The footer line that described it: "Accepted 3 leads".
    public var summary: String
    /// Each lead's stage as the action left it. Undo and redo leave alone a lead whose stage
    /// someone else moved since, even when the action did not change the stage: a touch undone
    /// after a colleague qualified the lead on it would leave an SQL never touched.
    public var stageAfter: [String: String] = [:]
    /// Each lead's cells in the leads file as the action left them, by field. Undo leaves alone a
    /// lead someone changed since in any cell: undoing an accept after a colleague touched the
    /// lead left a touched lead with no owner, in no one's inbox.
    public var leadAfter: [String: [String: String]] = [:]
    /// The cells of a lead that an undo checks in `leadAfter`: its stage, owner, touches and
    /// stage times, reason and deal; not its score or contact details.
    static let triageFields: Set<String> = ["stage", "owner", "first_touch_at", "last_touch_at", "mql_at", "sal_at", "sql_at",
                                            "opportunity_at", "closed_at", "disqualify_reason", "deal_id"]

    public init(action: LeadAction, leads: [String], cells: [Cell], rows: [Row], at: Int64, summary: String) {
        self.action = action
        self.leads = leads
        self.cells = cells
        self.rows = rows
        self.at = at
        self.summary = summary
    }

    /// The part that concerns some of the leads.
    func keeping(_ kept: Set<String>) -> AppliedTriage {
        var part = AppliedTriage(action: action, leads: leads.filter(kept.contains), cells: cells.filter { kept.contains($0.lead) },
                                 rows: rows.filter { kept.contains($0.lead) }, at: at, summary: summary)
        part.stageAfter = stageAfter.filter { kept.contains($0.key) }
        part.leadAfter = leadAfter.filter { kept.contains($0.key) }
        return part
    }
}

/// The outcome of a triage, undo or redo.
public struct TriageResult: Sendable {
    /// What was written; nil when nothing was.
    public var applied: AppliedTriage?
    /// One plain message per lead left alone, e.g. `L-00012: owner was changed to "Ben Carter" by
    /// someone else since you saw it; nothing was written`.
    public var refused: [String]
    /// Why the whole action failed (the folder locked, a read-only file, a full disk), with the file named.
    public var error: String?
    /// One line for the footer: "Accepted 3 leads", "Accepted 2 leads; 1 refused".
    public var summary: String

    public init(applied: AppliedTriage?, refused: [String], error: String?, summary: String) {
        self.applied = applied
        self.refused = refused
        self.error = error
        self.summary = summary
    }

    /// `fileNames`: the data files' names, spelt as on disk when a message starts with one.
    static func failure(_ message: String, refused: [String] = [], fileNames: [String] = []) -> TriageResult {
        // The message says itself that nothing was written.
        TriageResult(applied: nil, refused: refused, error: message, summary: sentence(message, fileNames: fileNames))
    }

    /// The message as a sentence: its first letter in capitals, unless it starts with a file's
    /// name ("leads.csv ends…", not "Leads.csv ends…"; "leads export.csv is…").
    static func sentence(_ message: String, fileNames: [String] = []) -> String {
        let firstWord = message.prefix { $0 != " " }
        if firstWord.contains(".") || firstWord.contains("/") || fileNames.contains(where: { !$0.isEmpty && message.hasPrefix($0) }) {
            return message
        }
        return message.prefix(1).uppercased() + message.dropFirst()
    }
}
