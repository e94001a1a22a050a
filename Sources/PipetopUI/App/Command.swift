import PipelineKit

/// One thing the user can do, registered once: its keys, the help screen, the footer hints and the
/// palette are all generated from it.
public struct Command: Sendable {
    public enum Group: String, Sendable, CaseIterable {
        case move = "Move", panes = "Panes", view = "View", data = "Data", leads = "Leads", app = "App"
    }

    /// The long name, as typed in the palette: `pane.next`, `sort.column`.
    public let name: String
    /// A few words for the footer: "next pane".
    public let hint: String
    public let description: String
    public let keys: [Key]
    public let group: Group
    /// Shown in the footer when it applies; lower comes first.
    public let hintPriority: Int?
    /// The panes it works in; nil = all.
    public let panes: Set<PaneID>?
    /// Panes it is not offered in, however `panes` reads, and why (said when its key is pressed
    /// there): sorting the funnel would break the order its stages mean.
    public let except: Set<PaneID>
    public let exceptWhy: String?
    /// The views it exists in; nil = all.
    public let views: Set<ViewKind>?
    /// Changes data files, or only prepares such a change (marking leads): refused, and not
    /// offered, in read-only mode.
    public let edits: Bool
    public let run: @Sendable (inout AppState) -> [Effect]

    public init(_ name: String, hint: String, description: String, keys: [Key], group: Group, hintPriority: Int? = nil,
                panes: Set<PaneID>? = nil, except: Set<PaneID> = [], exceptWhy: String? = nil, views: Set<ViewKind>? = nil, edits: Bool = false,
                run: @escaping @Sendable (inout AppState) -> [Effect]) {
        self.name = name
        self.hint = hint
        self.description = description
        self.keys = keys
        self.group = group
        self.hintPriority = hintPriority
        self.panes = panes
        self.except = except
        self.exceptWhy = exceptWhy
        self.views = views
        self.edits = edits
        self.run = run
    }

    public func applies(to pane: PaneID) -> Bool { !except.contains(pane) && (panes?.contains(pane) ?? true) }

    public func available(in view: ViewKind) -> Bool { views?.contains(view) ?? true }
}

/// How a key is written in help and hints.
public func keyLabel(_ key: Key) -> String {
    switch key {
    case .char(" "): return "Space"
    case .char(let c): return String(c)
    case .up: return "↑"
    case .down: return "↓"
    case .left: return "←"
    case .right: return "→"
    case .pageUp: return "PgUp"
    case .pageDown: return "PgDn"
    case .home: return "Home"
    case .end: return "End"
    case .enter: return "Enter"
    case .tab: return "Tab"
    case .backTab: return "S-Tab"
    case .backspace: return "Bksp"
    case .delete: return "Del"
    case .escape: return "Esc"
    case .function(let n): return "F\(n)"
    case .ctrl(let c): return "^\(String(c).uppercased())"
    case .resize: return "resize"
    }
}

/// ASCII spellings for terminals without Unicode.
public func keyLabelASCII(_ key: Key) -> String {
    switch key {
    case .up: return "Up"
    case .down: return "Down"
    case .left: return "Left"
    case .right: return "Right"
    default: return keyLabel(key)
    }
}
