import Foundation
import PipelineKit

/// Options fixed at start-up from the command line and settings.
public struct AppOptions: Sendable, Equatable {
    public var folderLabel: String
    public var readOnly: Bool
    /// The person at the keyboard (`--user`), matched against reps.csv.
    public var user: String?
    /// Narrow the inbox to this rep's leads and the unassigned ones (`--rep`).
    public var rep: String?
    public var unicode: Bool
    /// True when the demo simulator is changing the data.
    public var simulating: Bool
    /// The zone of the header's wall clock: the viewer's own.
    public var clockZone: TimeZone = .current
    public var view: ViewKind = .dashboard
    /// Seconds per pane in the standup rotation.
    public var rotateSeconds: Int = 20
    /// "Since last standup" starts here (seconds since 1970); nil = 24 hours before the as-of moment.
    public var since: Int64?

    public init(folderLabel: String, readOnly: Bool = false, user: String? = nil, rep: String? = nil,
                unicode: Bool = true, simulating: Bool = false) {
        self.folderLabel = folderLabel
        self.readOnly = readOnly
        self.user = user
        self.rep = rep
        self.unicode = unicode
        self.simulating = simulating
    }
}

/// What the screen is doing besides showing panes.
public enum Mode: Sendable, Equatable {
    case normal
    /// Typing a filter for the focused pane; the draft applies as it is typed.
    case filtering
    /// The command palette, with what has been typed and the highlighted completion.
    case palette(text: String, choice: Int)
    case help(scroll: Int)
    /// Every problem in the data files, as `pipetop check` lists them.
    case problems(scroll: Int)
    /// The detail view of the selected row of a pane.
    case detail(PaneID)
    /// Choosing a rep or a reason for a triage action.
    case picker(Picker)
    /// Answering the questions of a new deal.
    case prompt(Prompt)
    /// Asked before an action on leads other reps own.
    case confirm(Confirmation)
}

/// A short message in the footer: what just happened, or what went wrong.
public struct StatusMessage: Sendable, Equatable {
    public var text: String
    public var isError: Bool
    /// Wall-clock second after which it is no longer shown.
    public var until: Int64

    public init(text: String, isError: Bool, until: Int64) {
        self.text = text
        self.isError = isError
        self.until = until
    }
}

/// Everything the screen shows, in one value. Only `update` changes it.
public struct AppState: Sendable {
    public var options: AppOptions
    public var snapshot: Snapshot?
    /// Whether the data has any lead: the SLA and the inbox are measured on leads, and without
    /// any their counts are unknown, not zero.
    var hasLeads: Bool { (snapshot?.leads.count ?? 0) > 0 }
    public var metrics: Metrics?
    /// The inbox shown: the scope's waiting leads, or with `--rep` that rep's and the unassigned ones.
    public var inbox: [InboxItem] = []
    public var period: PeriodChoice = .month
    public var scope: Scope = .everyone
    public var split: SourceSplit = .all
    public var focus: PaneID = .campaigns
    public var panes: [PaneID: PaneState] = Dictionary(uniqueKeysWithValues: PaneID.allCases.map { ($0, PaneState()) })
    public var mode: Mode = .normal
    public var width: Int
    public var height: Int
    /// Wall clock, seconds since 1970, for the header clock and message expiry.
    public var now: Int64
    /// Values that changed in the last reload, by key, with the second their highlight ends.
    public var flashes: [String: Int64] = [:]
    public var message: StatusMessage?
    /// Each pane's rows, filtered and sorted; rebuilt when the data, period, scope, filter or sort change.
    public var views: [PaneID: PaneView] = [:]
    public var running = true
    /// What changed since the last standup (computed in the standup view).
    public var sinceReport: SinceReport?
    /// The standup rotation: paused by Space, and when the shown pane last changed.
    public var rotationPaused = false
    public var lastRotation: Int64 = 0
    /// Scopes left by drilling down (manager view), for Backspace to go back.
    public var scopeTrail: [Scope] = []
    /// Leads marked with Space in the inbox, for an action on several at once.
    public var marks: Set<String> = []
    /// The selected lead left the list when the files were read again (someone else changed
    /// it), and the selection went to another: the next action key is not taken for that one.
    public var movedSelection: MovedSelection?
    /// The leads of the user's last write, until the load it brings is shown.
    var ownWrite: Set<String> = []
    /// The last key was an Escape that closed something (a prompt, a picker, a list).
    var escapeClosedSomething = false
    /// The problems in the data files as the `!` list shows them: made when the list opens and on
    /// each load while it is open, not per frame; wrapped again only when the width changes.
    public var problemEntries: [String] = []
    /// `problemEntries` wrapped to the screen, and the entry each line belongs to.
    public var problemList: [String] = []
    var problemLineEntry: [Int] = []
    /// My writes in this session, for undo and redo.
    public var undoStack: [AppliedTriage] = []
    public var redoStack: [AppliedTriage] = []
    /// Loads in flight, so a burst of file events does not start a pile of reloads.
    public var reloadPending = false
    /// What the screen is drawn with; replaced when the settings name another theme.
    public var theme: Theme = .standard
    /// What is wrong with the theme the settings name, listed with the data's problems.
    public var themeProblems: [Diagnostic] = []

    public init(options: AppOptions, width: Int, height: Int, now: Int64) {
        self.options = options
        self.width = width
        self.height = height
        self.now = now
    }

    public subscript(pane: PaneID) -> PaneState {
        get { panes[pane] ?? PaneState() }
        set { panes[pane] = newValue }
    }

    /// The period as dates, for the current snapshot.
    public var currentPeriod: Period? {
        guard let s = snapshot else { return nil }
        return period.period(asOf: s.asOf, settings: s.settings)
    }

    public func isFlashing(_ key: String) -> Bool { (flashes[key] ?? 0) > now }

    /// The panes of the current view, in order.
    public var paneOrder: [PaneID] { options.view.panes }

    mutating func say(_ text: String, error: Bool = false, seconds: Int64 = 4) {
        message = StatusMessage(text: text, isError: error, until: now + seconds)
    }

    /// Recomputes every metric for the current snapshot, period and scope.
    mutating func recompute() {
        guard let s = snapshot else { metrics = nil; inbox = []; return }
        let m = Metrics.compute(s, period: period.period(asOf: s.asOf, settings: s.settings), scope: scope, split: split)
        metrics = m
        // A rep's inbox: their leads and the unassigned ones, which no rep scope would include.
        inbox = options.rep.map { rep in SLAMetrics.inbox(s, scope: scope == .rep(rep) ? .everyone : scope, owner: rep) } ?? m.inbox
        if options.view == .standup {
            sinceReport = SinceReport.compute(s, since: options.since ?? s.asOf - 86_400, scope: scope)
        }
    }
}

/// A selection that moved by itself: `lost` left the list of `pane`, and `now` is selected.
public struct MovedSelection: Sendable, Equatable {
    public var pane: PaneID
    public var lost: String
    public var now: String
}
