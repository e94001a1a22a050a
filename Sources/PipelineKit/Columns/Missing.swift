/// Sentinels for "no value" in typed columns, so columns stay plain arrays of machine values.
public enum Missing {
    /// A timestamp column's empty cell.
    public static let time = Int64.min
    /// An index column's empty or unresolved cell.
    public static let index: Int32 = -1
}

extension Int64 {
    public var isMissingTime: Bool { self == Missing.time }
}
