import Foundation

/// Where one cell's bytes lie in the file. `start..<end` excludes the surrounding quotes;
/// `hasDoubledQuotes` says the bytes still contain `""` pairs to collapse.
public struct FieldSpan: Sendable, Equatable {
    public var start: Int
    public var end: Int
    public var quoted: Bool
    public var hasDoubledQuotes: Bool
    public var count: Int { end - start }
}

/// What the parser knows about one record when it hands it over.
public struct RecordInfo: Sendable {
    /// 1-based physical line where the record starts.
    public var line: Int
    /// Byte offset of the record's first byte.
    public var offset: Int
    /// Byte offset just past the record's line end (or the end of the data).
    public var endOffset: Int
}

/// A problem the tokenizer itself can see.
public enum CSVSyntaxProblem: Sendable, Equatable {
    /// A quoted field reaches the end of the data without its closing quote (typically a file still being written).
    case unterminatedQuote(offset: Int, line: Int)
    /// Characters after a closing quote before the delimiter, as in `"abc"def`.
    case textAfterClosingQuote(offset: Int, line: Int)
    /// A quote that opens a cell but does not close it on its line, where the quote that seemed to
    /// close it, lines later, is followed by text: a stray quote, which would otherwise swallow the
    /// records in between into one cell. The record on that first line is left out and reading
    /// goes on from the next line.
    case quoteNotClosedOnItsLine(offset: Int, line: Int)
}

/// RFC 4180 tokenizer over raw bytes: comma, `"` quoting with doubled quotes, line breaks inside quotes,
/// LF or CRLF (a lone CR is kept as data). It never builds a String: records come out as spans.
/// Sendable because it only reads the buffer, which its owner keeps alive and unchanged while parsing;
/// callers convert cells straight into typed columns.
public struct CSVParser: @unchecked Sendable {
    public let bytes: UnsafeBufferPointer<UInt8>
    public let delimiter: UInt8

    public init(bytes: UnsafeBufferPointer<UInt8>, delimiter: UInt8 = UInt8(ascii: ",")) {
        self.bytes = bytes
        self.delimiter = delimiter
    }

    /// Offset of the first byte after a UTF-8 byte-order mark, if there is one.
    public static func bodyStart(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { return 3 }
        return 0
    }

    public struct Outcome: Sendable {
        /// Offset where parsing stopped: `end` unless stopped early by the visitor.
        public var offset: Int
        /// Number of physical lines consumed.
        public var lines: Int
        public var problems: [CSVSyntaxProblem]
    }

    /// Parses records in `from..<to`, which must start at a record boundary. `firstLine` numbers the lines.
    /// The visitor gets each record's spans (the storage is reused: copy what you keep) and returns false to stop.
    public func parse(from: Int, to: Int, firstLine: Int = 1,
                      visit: (_ fields: UnsafeBufferPointer<FieldSpan>, _ record: RecordInfo) -> Bool) -> Outcome {
        let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        let delim = delimiter
        // Spans go into plain memory: an Array here costs a uniqueness check per cell.
        var fields = SpanBuffer()
        defer { fields.free() }
        var problems: [CSVSyntaxProblem] = []
        var i = from
        var line = firstLine
        guard let base = bytes.baseAddress else { return Outcome(offset: from, lines: 0, problems: []) }

        while i < to {
            let recordStart = i
            let recordLine = line
            fields.count = 0
            var recordEnded = false
            // The record's first line break inside quotes, the quote that opened that cell and the
            // cell's place, and whether that same cell's closing quote was followed by text:
            // together the sign of a stray quote.
            var quotedBreak = -1, strayQuote = -1, breakField = -1
            var textAfterQuote = false
            // A quote left open at the end of the data, where it opened, and its cell's first line break.
            var openQuote = -1, openBreak = -1, openBreakLine = 0
            let problemsBefore = problems.count
            while !recordEnded {
                if i < to && base[i] == quote {
                    // Quoted field: runs to the next quote not followed by another quote.
                    let start = i + 1
                    var j = start
                    var doubled = false
                    var closed = false
                    // The cell's first line break, and the line that starts after it.
                    var cellBreak = -1, cellBreakLine = 0
                    while j < to {
                        let b = base[j]
                        if b == quote {
                            if j + 1 < to && base[j + 1] == quote {
                                doubled = true
                                j += 2
                                continue
                            }
                            closed = true
                            break
                        }
                        if b == lf {
                            line += 1
                            if quotedBreak < 0 { (quotedBreak, strayQuote, breakField) = (j, i, fields.count) }
                            if cellBreak < 0 { (cellBreak, cellBreakLine) = (j, line) }
                        }
                        j += 1
                    }
                    if !closed {
                        // A quote still open at the very end, with whole lines after the one it
                        // opens on, is a stray one: the row on its line is left out and the lines
                        // after are read as rows. Open on the last line, the file is more likely
                        // being written, ending on the cell being written.
                        // Not in the header row: every reader of the file (the loader, the editor,
                        // the importer) takes it for the header, and the line after must not be.
                        if cellBreak >= 0 && to == bytes.count && recordStart > Self.bodyStart(bytes)
                            && UnsafeBufferPointer(rebasing: bytes[(cellBreak + 1)..<to]).contains(lf) {
                            (openQuote, openBreak, openBreakLine) = (i, cellBreak, cellBreakLine)
                            recordEnded = true
                            break
                        }
                        problems.append(.unterminatedQuote(offset: i, line: recordLine))
                        fields.append(FieldSpan(start: start, end: to, quoted: true, hasDoubledQuotes: doubled))
                        i = to
                        recordEnded = true
                        break
                    }
                    fields.append(FieldSpan(start: start, end: j, quoted: true, hasDoubledQuotes: doubled))
                    i = j + 1
                    // After the closing quote: a delimiter, a line end, or the end.
                    if i < to && base[i] != delim && base[i] != lf && !(base[i] == cr && i + 1 < to && base[i + 1] == lf) && !(base[i] == cr && i + 1 == to) {
                        problems.append(.textAfterClosingQuote(offset: i, line: line))
                        // Skip to the next delimiter or line end, keeping the record's shape.
                        var blank = true
                        while i < to && base[i] != delim && base[i] != lf {
                            if base[i] != 0x20 && base[i] != 0x09 && base[i] != cr { blank = false }
                            i += 1
                        }
                        // Only real text after the quote that closed the cell with the line break:
                        // a space before the comma, or another cell's slip, says nothing of a stray.
                        if !blank && fields.count - 1 == breakField { textAfterQuote = true }
                    }
                } else {
                    let start = i
                    i = scanToDelimiterOrLF(base, from: i, to: to, delimiter: delim)
                    var end = i
                    if i < to && base[i] == lf && end > start && base[end - 1] == cr { end -= 1 }
                    else if i == to && end > start && base[end - 1] == cr { end -= 1 }
                    fields.append(FieldSpan(start: start, end: end, quoted: false, hasDoubledQuotes: false))
                }
                if i >= to {
                    recordEnded = true
                } else if base[i] == delim {
                    i += 1
                    if i >= to {
                        // A trailing delimiter at the very end still opens one last empty field.
                        fields.append(FieldSpan(start: i, end: i, quoted: false, hasDoubledQuotes: false))
                        recordEnded = true
                    }
                } else if base[i] == cr && i + 1 < to && base[i + 1] == lf {
                    i += 2
                    line += 1
                    recordEnded = true
                } else if base[i] == cr && i + 1 == to {
                    i += 1
                    recordEnded = true
                } else if base[i] == lf {
                    i += 1
                    line += 1
                    recordEnded = true
                }
            }
            // An earlier stray on the record's first line is told first: reading goes on from the
            // next line, where a quote left open is then found on its own line.
            if quotedBreak >= 0 && textAfterQuote {
                problems.removeSubrange(problemsBefore...)
                problems.append(.quoteNotClosedOnItsLine(offset: strayQuote, line: recordLine))
                i = quotedBreak + 1
                line = recordLine + 1
                continue
            }
            if openBreak >= 0 {
                problems.removeSubrange(problemsBefore...)
                problems.append(.quoteNotClosedOnItsLine(offset: openQuote, line: openBreakLine - 1))
                i = openBreak + 1
                line = openBreakLine
                continue
            }
            // A blank line is no record.
            if fields.count == 1 && fields.base[0].count == 0 && !fields.base[0].quoted { continue }
            let info = RecordInfo(line: recordLine, offset: recordStart, endOffset: i)
            if !visit(UnsafeBufferPointer(start: fields.base, count: fields.count), info) { return Outcome(offset: i, lines: line - firstLine, problems: problems) }
        }
        return Outcome(offset: i, lines: line - firstLine, problems: problems)
    }

    /// The cell's text with doubled quotes collapsed. For headers, messages and edits: not the hot path.
    public func string(_ span: FieldSpan) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[span.start..<span.end])
        let raw = String(decoding: slice, as: UTF8.self)
        return span.hasDoubledQuotes ? raw.replacingOccurrences(of: "\"\"", with: "\"") : raw
    }
}

/// A growable run of spans in manually managed memory, reused record after record.
struct SpanBuffer {
    var base: UnsafeMutablePointer<FieldSpan>
    var capacity = 64
    var count = 0

    init() { base = .allocate(capacity: 64) }

    @inline(__always) mutating func append(_ span: FieldSpan) {
        if count == capacity {
            let bigger = UnsafeMutablePointer<FieldSpan>.allocate(capacity: capacity * 2)
            bigger.moveInitialize(from: base, count: count)
            base.deallocate()
            base = bigger
            capacity *= 2
        }
        (base + count).initialize(to: span)
        count += 1
    }

    func free() { base.deallocate() }
}

/// Index of the first delimiter or LF in `from..<to`, or `to`. Looks at eight bytes per step
/// (a zero-byte test on the word XORed with each wanted byte), which roughly halves the tokenizer's time.
@inline(__always)
func scanToDelimiterOrLF(_ base: UnsafePointer<UInt8>, from: Int, to: Int, delimiter: UInt8) -> Int {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let d = ones &* UInt64(delimiter)
    let l = ones &* 0x0A
    var i = from
    let raw = UnsafeRawPointer(base)
    while i + 8 <= to {
        let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
        let x = w ^ d, y = w ^ l
        let hit = ((x &- ones) & ~x & highs) | ((y &- ones) & ~y & highs)
        if hit != 0 { return i + (UInt64(littleEndian: hit).trailingZeroBitCount >> 3) }
        i += 8
    }
    while i < to {
        let b = base[i]
        if b == delimiter || b == 0x0A { return i }
        i += 1
    }
    return i
}
