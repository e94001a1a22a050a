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
    /// The file's bytes with `edits` applied, looking records up by the value in column `key`.
    /// Either every edit applies or none does.
    public static func apply(_ edits: [CellEdit], to data: [UInt8], key: String) throws(CellEditError) -> [UInt8] {
        guard !edits.isEmpty else { return data }
        return try data.withUnsafeBufferPointer { (buf) throws(CellEditError) -> [UInt8] in
            let parser = CSVParser(bytes: buf)
            let start = CSVParser.bodyStart(buf)
            var header: [String] = []
            var replacements: [(range: Range<Int>, text: [UInt8])] = []
            var wanted: [String: [CellEdit]] = Dictionary(grouping: edits, by: \.id)
            var failure: CellEditError?
            var keyIndex = -1
            var fieldIndex: [String: Int] = [:]
            let outcome = parser.parse(from: start, to: buf.count) { cells, _ in
                if header.isEmpty {
                    header = cells.map { cell(buf, $0) }
                    for (i, h) in header.enumerated() { fieldIndex[h.trimmingCharacters(in: .whitespaces)] = i }
                    guard let k = fieldIndex[key] else { failure = .noSuchColumn(key); return false }
                    keyIndex = k
                    for e in edits where fieldIndex[e.field] == nil { failure = .noSuchColumn(e.field); return false }
                    return true
                }
                guard keyIndex < cells.count else { return true }
                let id = cell(buf, cells[keyIndex])
                guard let mine = wanted.removeValue(forKey: id) else { return !wanted.isEmpty }
                for e in mine {
                    let index = fieldIndex[e.field]!
                    guard index < cells.count else { failure = .noSuchRecord(id); return false }
                    let span = cells[index]
                    let current = cell(buf, span)
                    if let expected = e.expected, expected != current {
                        failure = .changedMeanwhile(id: id, field: e.field, expected: expected, found: current)
                        return false
                    }
                    // Replace the whole cell, quotes included, with the new value quoted only if it must be.
                    let lower = span.quoted ? span.start - 1 : span.start
                    let upper = span.quoted ? span.end + 1 : span.end
                    replacements.append((lower..<min(upper, buf.count), Array(CSVWriter.encode(e.newValue).utf8)))
                }
                return !wanted.isEmpty
            }
            if let failure { throw failure }
            if header.isEmpty { throw .unreadable("the file is empty") }
            if outcome.problems.contains(where: { if case .unterminatedQuote = $0 { return true } else { return false } }) {
                throw .unreadable("the file ends inside a quoted cell (is it still being written?)")
            }
            if let missing = wanted.keys.sorted().first { throw .noSuchRecord(missing) }
            replacements.sort { $0.range.lowerBound < $1.range.lowerBound }
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
