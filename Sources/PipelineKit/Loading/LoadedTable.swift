/// One typed column of a loaded table.
public enum Column: Sendable {
    case text(TextColumn)
    case category(CategoryColumn)
    case time([Int64])
    case number([Double])
    /// The file has no such column: every row has no value.
    case absent
}

/// What reading one file produced: typed columns of the rows that were good, and every problem seen.
public struct LoadedTable: Sendable {
    public let schema: TableSchema
    public let file: String
    public internal(set) var rowCount: Int
    /// By field index in the schema.
    public internal(set) var columns: [Column]
    /// The 1-based line where each kept row starts, for messages and edits.
    public internal(set) var lines: [Int32]
    public internal(set) var diagnostics: [Diagnostic]
    /// True when the file as a whole could not be read (missing, empty, no required column, cut short):
    /// the last good data should stay in place.
    public internal(set) var failed: Bool
    /// Header cells as they are in the file.
    public internal(set) var header: [String]
    /// The index of the id column built while checking for duplicates, kept for the joins while
    /// the rows stay as they were read (nil once any row is dropped).
    var idIndex: TextIndex?
    /// Where the rows sit in the file's bytes, so a change to the file can be read again in part
    /// (nil when the rows are no longer exactly those of the file, or the file could not be read).
    var blocks: RowBlocks?
    /// Field index -> the cell's place in the file's rows (-1 when the file lacks it), to find a
    /// cell again for a message.
    var positions: [Int] = []
    /// The rows are those of an earlier read: the file as it is now could not be read.
    var showsLastGood = false
    /// The file's last byte was a line break (or it was empty).
    var endsWithLineBreak = true

    public func column(_ field: String) -> Column {
        guard let i = schema.index(of: field) else { return .absent }
        return columns[i]
    }

    public func text(_ field: String) -> TextColumn {
        if case .text(let c) = column(field) { return c }
        var c = TextColumn()
        for _ in 0..<rowCount { c.appendEmpty() }
        return c
    }

    public func category(_ field: String) -> CategoryColumn {
        if case .category(let c) = column(field) { return c }
        return CategoryColumn(codes: Array(repeating: Missing.index, count: rowCount), values: [])
    }

    public func times(_ field: String) -> [Int64] {
        if case .time(let c) = column(field) { return c }
        return Array(repeating: Missing.time, count: rowCount)
    }

    public func numbers(_ field: String) -> [Double] {
        if case .number(let c) = column(field) { return c }
        return Array(repeating: .nan, count: rowCount)
    }

    public func has(_ field: String) -> Bool {
        if case .absent = column(field) { return false }
        return true
    }

    /// Appends rows `rows` of `other`, a table read from the same file before, each at the line
    /// in `at` (where the file now has it). A column the file no longer has stays absent.
    mutating func appending(rows: [Int], of other: LoadedTable, at newLines: [Int32]) {
        guard !rows.isEmpty else { return }
        idIndex = nil
        blocks = nil
        columns = zip(columns, other.columns).map { mine, theirs in
            switch mine {
            case .text(var c):
                for r in rows { if case .text(let o) = theirs { c.append(o[r]) } else { c.appendEmpty() } }
                return .text(c)
            case .category(let c):
                var codes = c.codes, values = c.values
                var known = Dictionary(values.enumerated().map { ($1, Int32($0)) }, uniquingKeysWith: { a, _ in a })
                for r in rows {
                    guard case .category(let o) = theirs, let value = o[r] else { codes.append(Missing.index); continue }
                    if let code = known[value] { codes.append(code); continue }
                    known[value] = Int32(values.count)
                    codes.append(Int32(values.count))
                    values.append(value)
                }
                return .category(CategoryColumn(codes: codes, values: values))
            case .time(var c):
                for r in rows { if case .time(let o) = theirs { c.append(o[r]) } else { c.append(Missing.time) } }
                return .time(c)
            case .number(var c):
                for r in rows { if case .number(let o) = theirs { c.append(o[r]) } else { c.append(.nan) } }
                return .number(c)
            case .absent: return .absent
            }
        }
        lines += newLines
        rowCount += rows.count
    }

    /// Drops the rows whose flag is false (rows found bad after reading, such as duplicates).
    mutating func keepRows(_ keep: [Bool]) {
        idIndex = nil
        blocks = nil
        columns = columns.map { col in
            switch col {
            case .text(let c): return .text(c.filtered(keep))
            case .category(let c): return .category(c.filtered(keep))
            case .time(let c): return .time(zip(c, keep).compactMap { $1 ? $0 : nil })
            case .number(let c): return .number(zip(c, keep).compactMap { $1 ? $0 : nil })
            case .absent: return .absent
            }
        }
        lines = zip(lines, keep).compactMap { $1 ? $0 : nil }
        rowCount = lines.count
    }
}
