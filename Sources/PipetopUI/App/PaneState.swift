/// What the user has done to one pane: kept across reloads so a saved file never moves the cursor away.
public struct PaneState: Sendable, Equatable {
    public var selection = 0
    public var scroll = 0
    /// Column index the rows are sorted by; nil = the pane's natural order.
    public var sortColumn: Int?
    public var sortDescending = true
    public var filter = ""
    /// The id of the selected row, so the selection follows its row when a reload reorders rows.
    public var selectedID: String?

    public init() {}
}
