/// Every deal (opportunity), column by column.
public struct Deals: Sendable {
    public internal(set) var count: Int
    public internal(set) var id: TextColumn
    public internal(set) var name: TextColumn
    public internal(set) var account: TextColumn
    /// Row in `Snapshot.reps`, or `Missing.index`.
    public internal(set) var owner: [Int32]
    public internal(set) var ownerName: CategoryColumn
    /// Index into `Settings.dealStages.vocabulary`.
    public internal(set) var stage: [Int32]
    public internal(set) var isWon: [Bool]
    public internal(set) var isLost: [Bool]
    public internal(set) var amount: [Double]
    public internal(set) var createdAt: [Int64]
    /// Expected close date while open, the actual one once closed.
    public internal(set) var closeDate: [Int64]
    /// Row in `Snapshot.leads`, or `Missing.index`.
    public internal(set) var lead: [Int32]
    /// 0...1: the row's own probability, or its stage's default.
    public internal(set) var probability: [Double]
    public internal(set) var product: CategoryColumn
    public internal(set) var line: [Int32]

    public static let empty = Deals(count: 0, id: TextColumn(), name: TextColumn(), account: TextColumn(), owner: [],
                                    ownerName: CategoryColumn(), stage: [], isWon: [], isLost: [], amount: [], createdAt: [],
                                    closeDate: [], lead: [], probability: [], product: CategoryColumn(), line: [])

    public func isOpen(_ r: Int) -> Bool { !isWon[r] && !isLost[r] }

    /// Won, or lost, by `asOf`: a deal whose close date is after it had not closed yet then (a
    /// missing date is Int64.min, before any).
    public func isWon(_ r: Int, asOf: Int64) -> Bool { isWon[r] && closeDate[r] <= asOf }
    public func isLost(_ r: Int, asOf: Int64) -> Bool { isLost[r] && closeDate[r] <= asOf }

    /// Open at `asOf`: made by then and not closed by then.
    public func isOpen(_ r: Int, asOf: Int64) -> Bool { !isWon(r, asOf: asOf) && !isLost(r, asOf: asOf) && createdAt[r] <= asOf }
}

/// Stage changes of deals, when the data has them: real time in stage.
public struct StageHistory: Sendable {
    public internal(set) var deal: [Int32]
    public internal(set) var stage: [Int32]
    public internal(set) var at: [Int64]
    public var count: Int { at.count }
    public static let empty = StageHistory(deal: [], stage: [], at: [])
}

/// One line of the activity log: who changed what, when.
public struct ActivityEntry: Sendable, Equatable {
    public var at: Int64
    public var user: String
    public var file: String
    public var record: String
    public var field: String
    public var old: String
    public var new: String
    public var line: Int

    public init(at: Int64, user: String, file: String, record: String, field: String, old: String, new: String, line: Int = 0) {
        self.at = at
        self.user = user
        self.file = file
        self.record = record
        self.field = field
        self.old = old
        self.new = new
        self.line = line
    }
}
