import Foundation

/// One cell to change: the record with `id` in the key column, the field by header name.
public struct CellEdit: Sendable, Equatable {
    public var id: String
    public var field: String
    public var newValue: String
    /// What the editor saw in the cell when it decided on the change; nil = do not check.
    /// When the file now holds something else, the edit is refused (someone changed it meanwhile).
    public var expected: String?

    public init(id: String, field: String, newValue: String, expected: String? = nil) {
        self.id = id
        self.field = field
        self.newValue = newValue
        self.expected = expected
    }
}

public enum CellEditError: Error, Equatable, CustomStringConvertible {
    case unreadable(String)
    case noSuchColumn(String)
    case noSuchRecord(String)
    /// The cell holds `found`, not what the editor saw.
    case changedMeanwhile(id: String, field: String, expected: String, found: String)

    public var description: String {
        switch self {
        case .unreadable(let why): return why
        case .noSuchColumn(let c): return "the file has no column \"\(c)\""
        case .noSuchRecord(let id): return "\(id) is no longer in the file"
        case .changedMeanwhile(let id, let field, let expected, let found):
            return "\(id): \(field) was changed to \"\(found)\" by someone else (you saw \"\(expected)\"); nothing was written"
        }
    }
}

/// Rewrites cells of a CSV file in memory and leaves every other byte as it was: row order,
/// other columns, quoting, line endings and the byte-order mark.
public enum CSVCellEditor {
    /// The file's bytes with `edits` applied, looking records up by the value in column `key`
    /// (header names are compared as written, surrounding spaces aside; the first of equal names counts).
    /// Either every edit applies or none does. A record shorter than the header gets the missing
    /// cells added at its end when one of them is edited.
    /// `from`: the offset of a record at or before every edited one (from `lookup`), so the records
    /// before it are not read again; nil reads from the top.
    public static func apply(_ edits: [CellEdit], to data: [UInt8], key: String, from hint: Int? = nil) throws(CellEditError) -> [UInt8] {
        guard !edits.isEmpty else { return data }
        return try data.withUnsafeBufferPointer { (buf) throws(CellEditError) -> [UInt8] in
            let parser = CSVParser(bytes: buf)
            let start = CSVParser.bodyStart(buf)
            var header: [String] = []
            // (range, order among equal starts, bytes): an added cell goes after an edit ending where it starts.
            var replacements: [(range: Range<Int>, order: Int, text: [UInt8])] = []
            var wanted: [String: [CellEdit]] = Dictionary(grouping: edits, by: \.id)
            let wantedKeys = KeyFilter(Set(wanted.keys))
            var failure: CellEditError?
            var keyIndex = -1
            var fieldIndex: [String: Int] = [:]
            let visit: (UnsafeBufferPointer<FieldSpan>, RecordInfo) -> Bool = { cells, info in
                if header.isEmpty {
                    header = cells.map { cell(buf, $0) }
                    for (i, h) in header.enumerated() {
                        let name = h.trimmingCharacters(in: .whitespaces)
                        if fieldIndex[name] == nil { fieldIndex[name] = i }
                    }
                    guard let k = fieldIndex[key] else { failure = .noSuchColumn(key); return false }
                    keyIndex = k
                    for e in edits where fieldIndex[e.field] == nil { failure = .noSuchColumn(e.field); return false }
                    return true
                }
                guard keyIndex < cells.count else { return true }
                // Most records are not wanted: tell so from their bytes, without making a String.
                guard wantedKeys.mightMatch(buf, cells[keyIndex]) else { return true }
                let id = cell(buf, cells[keyIndex])
                guard let mine = wanted.removeValue(forKey: id) else { return !wanted.isEmpty }
                var added: [Int: String] = [:]
                for e in mine {
                    let index = fieldIndex[e.field]!
                    guard index < cells.count else {
                        if let expected = e.expected, !expected.isEmpty {
                            failure = .changedMeanwhile(id: id, field: e.field, expected: expected, found: "")
                            return false
                        }
                        added[index] = e.newValue
                        continue
                    }
                    let span = cells[index]
                    let current = cell(buf, span)
                    if let expected = e.expected, expected != current {
                        failure = .changedMeanwhile(id: id, field: e.field, expected: expected, found: current)
                        return false
                    }
                    // Replace the whole cell, quotes included, with the new value quoted only if it must be.
                    let lower = span.quoted ? span.start - 1 : span.start
                    let upper = span.quoted ? span.end + 1 : span.end
                    replacements.append((lower..<min(upper, buf.count), 0, Array(CSVWriter.encode(e.newValue).utf8)))
                }
                if let last = added.keys.max() {
                    let end = cells[cells.count - 1]
                    let at = min(end.quoted ? end.end + 1 : end.end, buf.count)
                    var text: [UInt8] = []
                    for i in cells.count...last {
                        text.append(UInt8(ascii: ","))
                        text.append(contentsOf: Array(CSVWriter.encode(added[i] ?? "").utf8))
                    }
                    replacements.append((at..<at, 1, text))
                }
                return !wanted.isEmpty
            }
            // The header first; then from the hint, when it is past the header, else on from the header.
            var headerEnd = start
            let first = parser.parse(from: start, to: buf.count) { cells, info in
                headerEnd = info.endOffset
                return visit(cells, info) && false
            }
            var outcome = first
            if failure == nil && !header.isEmpty {
                let from = max(headerEnd, min(hint ?? headerEnd, buf.count))
                outcome = parser.parse(from: from, to: buf.count, visit: visit)
                outcome.problems += first.problems
            }
            if let failure { throw failure }
            if header.isEmpty { throw .unreadable("the file is empty") }
            if outcome.problems.contains(where: { if case .unterminatedQuote = $0 { return true } else { return false } }) {
                throw .unreadable("the file ends inside a quoted cell (is it still being written?)")
            }
            if let missing = wanted.keys.sorted().first { throw .noSuchRecord(missing) }
            replacements.sort { ($0.range.lowerBound, $0.order) < ($1.range.lowerBound, $1.order) }
            var out: [UInt8] = []
            out.reserveCapacity(buf.count + 64)
            var at = 0
            for r in replacements {
                out.append(contentsOf: buf[at..<r.range.lowerBound])
                out.append(contentsOf: r.text)
                at = r.range.upperBound
            }
            out.append(contentsOf: buf[at..<buf.count])
            return out
        }
    }

    /// The header row's cells.
    public static func header(_ data: [UInt8]) -> [String] {
        data.withUnsafeBufferPointer { buf in
            var header: [String] = []
            _ = CSVParser(bytes: buf).parse(from: CSVParser.bodyStart(buf), to: buf.count) { cells, _ in
                header = cells.map { cell(buf, $0) }
                return false
            }
            return header
        }
    }

    /// The cells of the first record holding each of `ids` in column `keyColumn`; ids not found are absent.
    /// Stops reading as soon as every id is found.
    public static func lookup(_ ids: Set<String>, keyColumn: Int, in data: [UInt8]) -> [String: [String]] {
        lookupWithOffset(ids, keyColumn: keyColumn, in: data).records
    }

    /// `lookup`, and the byte offset of the first record found (to hand to `apply(from:)`).
    public static func lookupWithOffset(_ ids: Set<String>, keyColumn: Int, in data: [UInt8]) -> (records: [String: [String]], firstOffset: Int?) {
        let scan = lookup(ids, keyColumn: keyColumn, in: data, wholeFile: false)
        return (scan.records, scan.firstOffset)
    }

    /// What one pass over a file found: the first record holding each id asked for (its cells
    /// and its bytes), and, for a pass over the whole file, how the file ends.
    public struct Lookup: Sendable {
        public var records: [String: [String]] = [:]
        public var ranges: [String: Range<Int>] = [:]
        public var firstOffset: Int?
        /// The line where a quoted cell opens that never closes.
        public var unterminatedQuoteLine: Int?
        /// The last record's bytes, and how many records there are, the header among them.
        public var lastRecord: Range<Int>?
        public var recordCount = 0
    }

    /// Finds the records holding `ids`; with `wholeFile`, reads on to the end to see how the file
    /// ends (one pass serves both a write's lookup and its check that the file is whole).
    public static func lookup(_ ids: Set<String>, keyColumn: Int, in data: [UInt8], wholeFile: Bool) -> Lookup {
        var scan = Lookup()
        guard !ids.isEmpty || wholeFile else { return scan }
        let keys = KeyFilter(ids)
        data.withUnsafeBufferPointer { buf in
            var pastHeader = false
            let outcome = CSVParser(bytes: buf).parse(from: CSVParser.bodyStart(buf), to: buf.count) { cells, info in
                scan.recordCount += 1
                scan.lastRecord = info.offset..<info.endOffset
                guard pastHeader else { pastHeader = true; return true }
                guard keyColumn < cells.count, keys.mightMatch(buf, cells[keyColumn]) else { return true }
                let id = cell(buf, cells[keyColumn])
                if ids.contains(id), scan.records[id] == nil {
                    scan.records[id] = cells.map { cell(buf, $0) }
                    scan.ranges[id] = info.offset..<info.endOffset
                    if scan.firstOffset == nil { scan.firstOffset = info.offset }
                }
                return wholeFile || scan.records.count < ids.count
            }
            for case .unterminatedQuote(_, let line) in outcome.problems { scan.unterminatedQuoteLine = line }
        }
        return scan
    }

    /// Every record's cell in one column (empty where a record is too short).
    public static func column(_ index: Int, in data: [UInt8]) -> [String] {
        data.withUnsafeBufferPointer { buf in
            var values: [String] = []
            var pastHeader = false
            _ = CSVParser(bytes: buf).parse(from: CSVParser.bodyStart(buf), to: buf.count) { cells, _ in
                guard pastHeader else { pastHeader = true; return true }
                values.append(index < cells.count ? cell(buf, cells[index]) : "")
                return true
            }
            return values
        }
    }

    /// The file without the first record holding each of `ids` in column `keyColumn`, every other
    /// byte kept. `dropLineBreak`: also remove the line ending before a removed record that was the
    /// last one, giving back a file that ended without a line break.
    public static func removing(_ ids: Set<String>, keyColumn: Int, from data: [UInt8], dropLineBreak: Bool = false) -> [UInt8] {
        guard !ids.isEmpty else { return data }
        return data.withUnsafeBufferPointer { buf in
            var ranges: [Range<Int>] = []
            var pending = ids
            var pastHeader = false
            _ = CSVParser(bytes: buf).parse(from: CSVParser.bodyStart(buf), to: buf.count) { cells, record in
                guard pastHeader else { pastHeader = true; return true }
                guard keyColumn < cells.count else { return true }
                let id = cell(buf, cells[keyColumn])
                if pending.remove(id) != nil {
                    var lower = record.offset
                    if dropLineBreak, record.endOffset == buf.count, lower > 0, buf[lower - 1] == 10 {
                        lower -= (lower > 1 && buf[lower - 2] == 13) ? 2 : 1
                    }
                    ranges.append(lower..<record.endOffset)
                }
                return !pending.isEmpty
            }
            var out: [UInt8] = []
            out.reserveCapacity(buf.count)
            var at = 0
            for r in ranges {
                out.append(contentsOf: buf[at..<r.lowerBound])
                at = r.upperBound
            }
            out.append(contentsOf: buf[at..<buf.count])
            return out
        }
    }

    /// Whether the file ends with a line break (a record appended to it needs none before it).
    public static func endsWithLineBreak(_ data: [UInt8]) -> Bool {
        data.last == 10 || data.isEmpty
    }

    /// The file with `lines` (already encoded records) added at the end, after a line break if the
    /// last record has none, in the file's own line ending.
    public static func appending(_ records: [[String]], to data: [UInt8]) -> [UInt8] {
        let crlf = data.firstIndex(of: 10).map { $0 > 0 && data[$0 - 1] == 13 } ?? false
        let writer = CSVWriter(lineEnding: crlf ? "\r\n" : "\n")
        var out = data
        if let last = out.last, last != 10 { out.append(contentsOf: Array(writer.lineEnding.utf8)) }
        for r in records { out.append(contentsOf: Array(writer.line(r).utf8)) }
        return out
    }

    /// Header names and the records as text, for small edits that need to read values first.
    public static func records(_ data: [UInt8]) -> (header: [String], rows: [[String]]) {
        data.withUnsafeBufferPointer { buf in
            var rows: [[String]] = []
            _ = CSVParser(bytes: buf).parse(from: CSVParser.bodyStart(buf), to: buf.count) { cells, _ in
                rows.append(cells.map { cell(buf, $0) })
                return true
            }
            guard !rows.isEmpty else { return ([], []) }
            return (rows[0], Array(rows.dropFirst()))
        }
    }

    static func cell(_ buf: UnsafeBufferPointer<UInt8>, _ span: FieldSpan) -> String {
        let s = String(decoding: UnsafeBufferPointer(rebasing: buf[span.start..<span.end]), as: UTF8.self)
        return span.hasDoubledQuotes ? s.replacingOccurrences(of: "\"\"", with: "\"") : s
    }
}

/// A quick byte test for "could this cell be one of these ids": its length and first and last
/// bytes must match one of them (quoted cells with doubled quotes always go on to the full check).
struct KeyFilter {
    private var shapes: Set<UInt32> = []

    init(_ ids: Set<String>) {
        for id in ids {
            let b = Array(id.utf8)
            shapes.insert(Self.shape(count: b.count, first: b.first ?? 0, last: b.last ?? 0))
        }
    }

    @inline(__always) static func shape(count: Int, first: UInt8, last: UInt8) -> UInt32 {
        UInt32(truncatingIfNeeded: min(count, 0xFFFF)) << 16 | UInt32(first) << 8 | UInt32(last)
    }

    @inline(__always) func mightMatch(_ buf: UnsafeBufferPointer<UInt8>, _ span: FieldSpan) -> Bool {
        if span.hasDoubledQuotes { return true }
        let n = span.end - span.start
        let first = n > 0 ? buf[span.start] : 0, last = n > 0 ? buf[span.end - 1] : 0
        return shapes.contains(Self.shape(count: n, first: first, last: last))
    }
}
