import Foundation

/// Writes CSV the way the reader reads it: a cell is quoted only when it must be (a comma, a quote,
/// a line break, or spaces at either end that a reader might trim), with quotes doubled inside.
public struct CSVWriter: Sendable {
    public var lineEnding: String

    public init(lineEnding: String = "\n") { self.lineEnding = lineEnding }

    public static func needsQuotes(_ cell: String) -> Bool {
        var first = true
        var last: UInt8 = 0
        for b in cell.utf8 {
            if b == UInt8(ascii: ",") || b == UInt8(ascii: "\"") || b == 10 || b == 13 { return true }
            if first && b == 0x20 { return true }
            first = false
            last = b
        }
        return last == 0x20
    }

    /// One cell as it appears in the file.
    public static func encode(_ cell: String) -> String {
        guard needsQuotes(cell) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// One record, with its line ending.
    public func line(_ cells: [String]) -> String {
        cells.map(Self.encode).joined(separator: ",") + lineEnding
    }

    /// A whole file: header then rows.
    public func document(header: [String], rows: [[String]]) -> String {
        var out = line(header)
        for row in rows { out += line(row) }
        return out
    }
}
