import Foundation
import PipelineKit

/// How a column of a pane's table looks.
public struct ColumnSpec: Sendable, Equatable {
    public var title: String
    /// A fixed width, or 0 for a column that takes a share of the room left.
    public var width: Int
    public var alignment: Alignment
    /// Lower numbers are dropped first when the pane is narrow.
    public var priority: Int
    public var minWidth: Int?

    public init(_ title: String, width: Int, alignment: Alignment = .right, priority: Int = 5, minWidth: Int? = nil) {
        self.title = title
        self.width = width
        self.alignment = alignment
        self.priority = priority
        self.minWidth = minWidth
    }

    var tableColumn: Table.Column {
        Table.Column(title, width: width > 0 ? .fixed(width) : .flexible(weight: 1), alignment: alignment,
                     minWidth: minWidth, priority: priority)
    }
}

/// A value to sort a column by.
public enum SortKey: Sendable, Comparable {
    case missing
    case number(Double)
    case text(String)

    public static func < (a: SortKey, b: SortKey) -> Bool {
        switch (a, b) {
        case (.number(let x), .number(let y)): return x < y
        case (.text(let x), .text(let y)): return x.localizedStandardCompare(y) == .orderedAscending
        case (.missing, .missing): return false
        case (.missing, _): return true
        case (_, .missing): return false
        case (.number, .text): return true
        case (.text, .number): return false
        }
    }
}

/// What a cell means, so the theme can colour it and the highlight can find it.
public enum CellTone: Sendable, Equatable {
    case normal, muted, good, warning, bad, accent
}

public struct CellText: Sendable, Equatable {
    public var text: String
    public var tone: CellTone
    /// Drawn as a bar across the cell (attainment), with an optional marker (where pace says it should be).
    public var bar: BarValue?
    /// Drawn as a sparkline across the cell.
    public var spark: [Double]?

    public init(_ text: String, _ tone: CellTone = .normal, bar: BarValue? = nil, spark: [Double]? = nil) {
        self.text = text
        self.tone = tone
        self.bar = bar
        self.spark = spark
    }
}

public struct BarValue: Sendable, Equatable {
    public var fraction: Double?
    public var marker: Double?
    public init(fraction: Double?, marker: Double?) {
        self.fraction = fraction
        self.marker = marker
    }
}

/// The rows of one pane's table, computed lazily so a million leads cost nothing until shown.
public protocol PaneModel: Sendable {
    var columns: [ColumnSpec] { get }
    var rowCount: Int { get }
    /// A stable id for row `row`, to keep the selection on it across reloads and to key highlights.
    func id(_ row: Int) -> String
    func cell(_ row: Int, _ column: Int) -> CellText
    func sortKey(_ row: Int, _ column: Int) -> SortKey
    /// Whether the row matches a filter (already lower-cased).
    func matches(_ row: Int, _ filter: String) -> Bool
    /// Lines for the detail view of a row.
    func detail(_ row: Int) -> [String]
    /// What the detail view's title calls the row: its id, unless the id is a key made for
    /// bookkeeping (a quota row's owner and metric, a funnel stage).
    func detailTitle(_ row: Int) -> String
    /// The rows matching a filter (already lower-cased), in model order, for models that can do it
    /// faster than row by row; nil = ask `matches` for each row.
    func rowsMatching(_ filter: String) -> [Int32]?
}

extension PaneModel {
    public func detailTitle(_ row: Int) -> String { id(row) }

    /// The default filter: any cell containing the text.
    public func matches(_ row: Int, _ filter: String) -> Bool {
        for c in columns.indices where SearchFolding.folded(cell(row, c).text).contains(filter) { return true }
        return false
    }

    public func rowsMatching(_ filter: String) -> [Int32]? { nil }

    /// The default detail: every column as `title: value`.
    public func detail(_ row: Int) -> [String] {
        columns.indices.map { c in
            let title = columns[c].title.isEmpty ? "Column \(c + 1)" : columns[c].title
            return "\(title): \(cell(row, c).text)"
        }
    }
}

/// A pane's model with its rows filtered and sorted as the pane's state asks.
public struct PaneView: Sendable {
    public var model: any PaneModel
    /// Model rows in display order.
    public var order: [Int32]

    public init(model: any PaneModel, state: PaneState) {
        self.model = model
        order = Self.order(model, state)
    }

    public static func order(_ model: any PaneModel, _ state: PaneState) -> [Int32] {
        var rows: [Int32]
        let filter = SearchFolding.folded(state.filter)
        if filter.isEmpty {
            rows = (0..<Int32(model.rowCount)).map { $0 }
        } else if let fast = model.rowsMatching(filter) {
            rows = fast
        } else {
            rows = []
            for r in 0..<model.rowCount where model.matches(r, filter) { rows.append(Int32(r)) }
        }
        if let c = state.sortColumn, c < model.columns.count {
            let ranks = Self.ranks(rows.map { model.sortKey(Int($0), c) })
            var idx = Array(ranks.indices)
            // Stable, so equal keys keep the pane's natural order.
            let descending = state.sortDescending
            idx.sort { a, b in
                let x = ranks[a], y = ranks[b]
                return x == y ? a < b : (descending ? x > y : x < y)
            }
            rows = idx.map { rows[$0] }
        }
        return rows
    }

    /// Each key's place in the order of the distinct keys (equal keys share one), so that rows
    /// are sorted by a number. A text is collated once however many rows hold it: sorting the
    /// deals by owner made a collation key for each of 172k rows, for a few dozen names.
    static func ranks(_ keys: [SortKey]) -> [Int32] {
        var distinct: [OrderKey] = []
        var textSlot: [String: Int32] = [:]
        var slots = [Int32](repeating: 0, count: keys.count)
        for (i, key) in keys.enumerated() {
            if case .text(let text) = key {
                if let slot = textSlot[text] {
                    slots[i] = slot
                    continue
                }
                textSlot[text] = Int32(distinct.count)
            }
            slots[i] = Int32(distinct.count)
            distinct.append(OrderKey(key))
        }
        var order = Array(distinct.indices)
        order.sort { distinct[$0].compare(distinct[$1]) < 0 }
        var rankOf = [Int32](repeating: 0, count: distinct.count)
        var rank: Int32 = 0
        for (j, d) in order.enumerated() {
            if j > 0 && distinct[order[j - 1]].compare(distinct[d]) != 0 { rank += 1 }
            rankOf[d] = rank
        }
        return slots.map { rankOf[Int($0)] }
    }

    public var count: Int { order.count }

    public func id(at position: Int) -> String? {
        guard position >= 0, position < order.count else { return nil }
        return model.id(Int(order[position]))
    }
}

/// Text as filters compare it: lower case, without accents, so that "mul" finds "Müller" and
/// "jose" finds "José". Filters are folded once; rows as they are compared.
public enum SearchFolding {
    public static func folded(_ s: String) -> String {
        // ASCII needs lower case only, and most text is ASCII: the folding below is far slower.
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.lowercased() }
        return s.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil).lowercased()
    }
}
