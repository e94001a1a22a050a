import Foundation

/// What every chunk of one file shares: where each field sits in a record and how to convert it.
struct ChunkContext: @unchecked Sendable {
    let schema: TableSchema
    /// Field index -> cell position in the record, or -1 when the file lacks it.
    let positions: [Int]
    let headerCount: Int
    let readers: CellReaders
    let file: String
    /// Field index -> constant bytes for a column the file lacks.
    let fixed: [Int: [UInt8]]
    /// The header ends in a comma: a row one cell short of it is whole.
    var lastNameEmpty = false

    /// The cell position of the table's id, or -1: a row left out is named by it, so that rows of
    /// other files that name it are told so.
    var idPosition: Int {
        guard let field = schema.idField, let f = schema.index(of: field) else { return -1 }
        return positions[f]
    }
}

/// Typed columns and problems for one run of records.
struct ChunkResult: @unchecked Sendable {
    var kinds: [FieldKind]
    var present: [Bool]
    var texts: [TextColumn]
    var categories: [CategoryBuilder]
    var times: [[Int64]]
    var numbers: [[Double]]
    var lines: [Int32] = []
    /// Where each batch of records began: the blocks a later reload compares, and each block's hash
    /// (taken while the bytes are still there: a large file's are freed piece by piece).
    var starts: [RowBlocks.Start] = []
    var hashes: [UInt64] = []
    var diagnostics: [Diagnostic] = []
    var lineCount = 0
    var endedInsideQuotes = false
    /// A row was left out for a stray quote: where the next row starts then depends on bytes past
    /// the row, so its block cannot be trusted to read the same when only later bytes change.
    var strayQuotes = false

    /// Holds nothing: what a chunk is left as once its columns have been taken.
    init() {
        kinds = []
        present = []
        texts = []
        categories = []
        times = []
        numbers = []
    }

    init(context: ChunkContext, capacity: Int) {
        let fields = context.schema.fields
        kinds = fields.map(\.kind)
        present = fields.indices.map { context.positions[$0] >= 0 || context.fixed[$0] != nil }
        texts = fields.map { f in
            var c = TextColumn()
            if f.kind == .text { c.reserve(rows: capacity, bytes: capacity * 12) }
            return c
        }
        categories = fields.map { $0.kind == .category ? CategoryBuilder(capacity: capacity) : CategoryBuilder() }
        times = fields.map { f in
            var a: [Int64] = []
            if f.kind == .time { a.reserveCapacityOnHugePages(capacity) }
            return a
        }
        numbers = fields.map { f in
            var a: [Double] = []
            if f.kind == .number { a.reserveCapacityOnHugePages(capacity) }
            return a
        }
        lines.reserveCapacityOnHugePages(capacity)
    }

    /// Hashes the chunk's last block, and makes the first block start where the chunk does (whatever
    /// comes before its first batch: blank lines, bad rows), so that no block runs into the next
    /// chunk. The other blocks were hashed as the batch after each began, while their bytes were
    /// still in the cache.
    mutating func sealBlocks(_ bytes: UnsafeBufferPointer<UInt8>, range: (Int, Int), firstLine: Int) {
        if let last = starts.last, hashes.count < starts.count { hashes.append(RowBlocks.hash(bytes, last.offset..<range.1)) }
        if starts.first?.offset != range.0 {
            let end = starts.first?.offset ?? range.1
            starts.insert(RowBlocks.Start(offset: range.0, row: 0, line: firstLine), at: 0)
            hashes.insert(RowBlocks.hash(bytes, range.0..<end), at: 0)
        }
    }

    mutating func shiftLines(by n: Int) {
        guard n != 0 else { return }
        let d = Int32(n)
        for k in lines.indices { lines[k] += d }
        for k in starts.indices { starts[k].line += n }
        for k in diagnostics.indices where diagnostics[k].line > 0 {
            diagnostics[k].line += n
            if diagnostics[k].rowLine > 0 { diagnostics[k].rowLine += n }
        }
    }

    /// The chunks' rows put together in order, the columns merged at once on every core (each column's
    /// copy is independent of the others). Each chunk's column is freed as soon as it is copied, so the
    /// two copies of a column never all exist at once.
    static func merging(_ chunks: inout [ChunkResult]) -> ChunkResult {
        var merged = chunks[0]
        chunks[0] = ChunkResult()
        guard chunks.count > 1 else { return merged }
        // Move every chunk's columns into one box per field, so each task owns what it touches.
        let fields = merged.kinds.indices
        let boxes = fields.map { _ in FieldMerge() }
        for f in fields {
            let box = boxes[f]
            box.text = merged.texts[f]; merged.texts[f] = TextColumn()
            box.category = merged.categories[f]; merged.categories[f] = CategoryBuilder()
            box.time = merged.times[f]; merged.times[f] = []
            box.number = merged.numbers[f]; merged.numbers[f] = []
            for k in 1..<chunks.count {
                box.texts.append(chunks[k].texts[f]); chunks[k].texts[f] = TextColumn()
                box.categories.append(chunks[k].categories[f]); chunks[k].categories[f] = CategoryBuilder()
                box.times.append(chunks[k].times[f]); chunks[k].times[f] = []
                box.numbers.append(chunks[k].numbers[f]); chunks[k].numbers[f] = []
            }
        }
        let kinds = merged.kinds
        DispatchQueue.concurrentPerform(iterations: kinds.count) { f in boxes[f].merge(kinds[f]) }
        for f in fields {
            merged.texts[f] = boxes[f].text
            merged.categories[f] = boxes[f].category
            merged.times[f] = boxes[f].time
            merged.numbers[f] = boxes[f].number
        }
        for k in 1..<chunks.count {
            merged.lines += chunks[k].lines
            chunks[k].lines = []
            merged.diagnostics += chunks[k].diagnostics
            merged.lineCount += chunks[k].lineCount
            merged.endedInsideQuotes = merged.endedInsideQuotes || chunks[k].endedInsideQuotes
            merged.strayQuotes = merged.strayQuotes || chunks[k].strayQuotes
        }
        return merged
    }

    func columns() -> [Column] {
        kinds.indices.map { f in
            guard present[f] else { return .absent }
            switch kinds[f] {
            case .text: return .text(texts[f])
            case .category: return .category(categories[f].build())
            case .time: return .time(times[f])
            case .number: return .number(numbers[f])
            }
        }
    }
}

/// One field's column from the first chunk and its parts from the others, merged by one task.
private final class FieldMerge: @unchecked Sendable {
    var text = TextColumn()
    var category = CategoryBuilder()
    var time: [Int64] = []
    var number: [Double] = []
    var texts: [TextColumn] = []
    var categories: [CategoryBuilder] = []
    var times: [[Int64]] = []
    var numbers: [[Double]] = []

    func merge(_ kind: FieldKind) {
        for k in texts.indices {
            switch kind {
            case .text: text.append(contentsOf: texts[k])
            case .category: category.append(contentsOf: categories[k])
            case .time: time += times[k]
            case .number: number += numbers[k]
            }
            texts[k] = TextColumn()
            categories[k] = CategoryBuilder()
            times[k] = []
            numbers[k] = []
        }
    }
}

/// True when the bytes are valid UTF-8. Runs of ASCII are skipped eight bytes at a time, so a whole
/// file is checked in one fast pass and cells need no check unless it fails.
func isValidUTF8Fast(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = s.baseAddress else { return true }
    let raw = UnsafeRawPointer(base)
    var i = 0
    while i < s.count {
        // Four words per test first: text is mostly ASCII, and one branch per 32 bytes is cheaper than four.
        while i + 32 <= s.count {
            let w = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
                | raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self) | raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self)
            if w & 0x8080_8080_8080_8080 != 0 { break }
            i += 32
        }
        while i + 8 <= s.count && raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 { i += 8 }
        while i < s.count && s[i] < 0x80 { i += 1 }
        guard i < s.count else { return true }
        // A multi-byte sequence: check its lead and continuation bytes.
        let b = s[i]
        let need: Int
        if b & 0xE0 == 0xC0 && b >= 0xC2 { need = 1 }
        else if b & 0xF0 == 0xE0 { need = 2 }
        else if b & 0xF8 == 0xF0 && b <= 0xF4 { need = 3 }
        else { return false }
        guard i + need < s.count else { return false }
        for k in 1...need where s[i + k] & 0xC0 != 0x80 { return false }
        if need == 2 {
            let c = s[i + 1]
            if (b == 0xE0 && c < 0xA0) || (b == 0xED && c >= 0xA0) { return false }  // overlong, surrogates
        } else if need == 3 {
            let c = s[i + 1]
            if (b == 0xF0 && c < 0x90) || (b == 0xF4 && c >= 0x90) { return false }  // overlong, above U+10FFFF
        }
        i += need + 1
    }
    return true
}

/// True when every byte is ASCII or the bytes are valid UTF-8.
@inline(__always) func isValidUTF8(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
    var ascii = true
    for b in s where b >= 0x80 { ascii = false; break }
    if ascii { return true }
    var it = s.makeIterator()
    var decoder = UTF8()
    while true {
        switch decoder.decode(&it) {
        case .scalarValue: continue
        case .emptyInput: return true
        case .error: return false
        }
    }
}

/// Reads records in `range` into typed columns. A record with any bad cell is reported and left out.
///
/// Records are gathered in batches of spans and then converted one column at a time: each column's loop
/// does one kind of work with its storage held locally, which is what keeps a million rows fast.
///
/// `drop`, for bytes that can be read again from the file (a mapped file), gives back the pages
/// behind the reading as it goes, so that a large piece does not keep its whole range in memory.
func readChunk(parser: CSVParser, range: (Int, Int), firstLine: Int, context: ChunkContext, capacity: Int? = nil,
               drop: ((Range<Int>) -> Void)? = nil) -> ChunkResult {
    let estimate = max(16, capacity ?? (range.1 - range.0) / 120)
    var out = ChunkResult(context: context, capacity: estimate)
    var batch = RecordBatch(width: context.headerCount, rows: RecordBatch.rows)
    defer { batch.free() }
    // From the first batch on: what comes before it is hashed last, as the chunk's first block.
    var dropped: Int?
    func convertBatch() {
        convert(&batch, into: &out, parser: parser, context: context)
        guard let drop, let first = out.starts.first?.offset, let current = out.starts.last?.offset else { return }
        // Up to the block not yet hashed.
        let from = dropped ?? first
        if current - from >= dropStep {
            drop(from..<current)
            dropped = current
        }
    }
    let outcome = parser.parse(from: range.0, to: range.1, firstLine: firstLine) { cells, record in
        var count = cells.count
        if count != context.headerCount {
            // A lone trailing empty cell after the last column is tolerated (some exports end rows with a comma).
            if count == context.headerCount + 1 && cells[count - 1].count == 0 {
                count -= 1
            } else if context.lastNameEmpty && count == context.headerCount - 1 {
                // The header's own trailing comma: the row lacks only the unnamed cell.
            } else {
                let what = count > context.headerCount ? "too many" : "too few"
                // At the first cell past the header's, or where the missing ones would begin.
                let last = cells[count - 1]
                let end = min(last.end + (last.quoted ? 1 : 0), range.1)
                let at = count > context.headerCount ? cells[context.headerCount] : FieldSpan(start: end, end: end, quoted: false, hasDoubledQuotes: false)
                let id = context.idPosition
                let rowID = id >= 0 && id < count ? leftOutID(parser.bytes, cells[id]) : nil
                // A carriage return alone (an old Mac line end, from files joined together) is
                // data to the reader: the rows on either side of it read as one row.
                let loneReturns = loneCarriageReturns(parser.bytes, from: record.offset, to: min(record.endOffset, range.1))
                if let first = loneReturns.first {
                    let span = FieldSpan(start: first, end: first, quoted: false, hasDoubledQuotes: false)
                    report(&out, context, parser.bytes, record, span, 0,
                           "a carriage return alone here runs \(loneReturns.count + 1) rows together into one line of \(count) cells (the header has \(context.headerCount)); they are left out",
                           rowID: rowID, suggestion: "save the file with LF or CRLF line ends", rowsJoined: loneReturns.count + 1)
                    return true
                }
                report(&out, context, parser.bytes, record, at, 0, "\(what) cells: this row has \(count), the header has \(context.headerCount); the row is left out",
                       rowID: rowID)
                return true
            }
        }
        batch.add(cells, count: count, record)
        if batch.isFull { convertBatch() }
        return true
    }
    if batch.rows > 0 { convertBatch() }
    out.lineCount = outcome.lines
    for problem in outcome.problems {
        switch problem {
        case .unterminatedQuote(let offset, let line):
            out.endedInsideQuotes = true
            // The open quote swallowed the rest of the file, so the row's cell count says nothing more.
            out.diagnostics.removeAll { $0.line >= line && $0.message.contains(" cells: this row has ") }
            out.diagnostics.append(Diagnostic(
                file: context.file, line: line, column: characterColumn(parser.bytes, offset),
                message: "unterminated quote: the quoted cell that opens here never closes (is the file still being written?)",
                suggestion: "close the quote, or double any quote inside the cell"))
        case .textAfterClosingQuote(let offset, let line):
            out.diagnostics.append(Diagnostic(
                file: context.file, line: line, column: characterColumn(parser.bytes, offset),
                severity: .warning,
                message: "text after a closing quote is left out of the cell",
                suggestion: "quote the whole cell and double the quotes inside it"))
        case .quoteNotClosedOnItsLine(let offset, let line):
            out.strayQuotes = true
            var diagnostic = Diagnostic(
                file: context.file, line: line, column: characterColumn(parser.bytes, offset),
                message: "a quoted cell opens here but does not close on its line; the row is left out and the next line is read as the next row",
                suggestion: "close the quote on this line, or double it if it is part of the text")
            diagnostic.leftOutID = idBeforeQuote(parser.bytes, quote: offset, position: context.idPosition)
            out.diagnostics.append(diagnostic)
        }
    }
    return out
}

/// How far the reading of a piece goes before the bytes behind it are given back.
private let dropStep = 8 << 20

/// Spans of up to `capacity` records, `width` cells each, in one flat block.
struct RecordBatch {
    /// Records per batch: small enough that a batch's spans and the bytes they point at stay in the
    /// core's cache while it is converted column by column (4096 rows of a wide file did not).
    static let rows = 512

    let width: Int
    let capacity: Int
    var spans: UnsafeMutablePointer<FieldSpan>
    var records: [RecordInfo] = []
    var bad: [Bool]
    var rows = 0

    init(width: Int, rows: Int) {
        self.width = max(1, width)
        capacity = rows
        spans = .allocate(capacity: self.width * rows)
        records.reserveCapacity(rows)
        bad = Array(repeating: false, count: rows)
    }

    var isFull: Bool { rows == capacity }

    /// `count` cells of the record, and empty ones after them up to the width (a row without the
    /// header's unnamed last cell).
    mutating func add(_ cells: UnsafeBufferPointer<FieldSpan>, count: Int, _ record: RecordInfo) {
        let copied = min(count, width)
        (spans + rows * width).initialize(from: cells.baseAddress!, count: copied)
        if copied < width {
            let empty = FieldSpan(start: record.endOffset, end: record.endOffset, quoted: false, hasDoubledQuotes: false)
            (spans + rows * width + copied).initialize(repeating: empty, count: width - copied)
        }
        records.append(record)
        rows += 1
    }

    mutating func reset() {
        rows = 0
        records.removeAll(keepingCapacity: true)
        for k in bad.indices { bad[k] = false }
    }

    func free() { spans.deallocate() }
}

private func convert(_ batch: inout RecordBatch, into out: inout ChunkResult, parser: CSVParser, context: ChunkContext) {
    let buffer = parser.bytes
    let base = buffer.baseAddress!
    let fields = context.schema.fields
    let n = batch.rows, width = batch.width
    var anyBad = false
    // Every byte of the batch is valid UTF-8, checked in one pass while its bytes are still in the cache
    // (records start and end on ASCII bytes): cells then need no check of their own.
    let first = batch.records[0].offset, last = batch.records[n - 1].endOffset
    // The block before ends where this batch begins.
    if let previous = out.starts.last { out.hashes.append(RowBlocks.hash(buffer, previous.offset..<first)) }
    out.starts.append(RowBlocks.Start(offset: first, row: out.lines.count, line: batch.records[0].line))
    let allValidUTF8 = isValidUTF8Fast(UnsafeBufferPointer(start: base + first, count: last - first))
    var times = Array(repeating: [Int64](), count: fields.count)
    var numbers = Array(repeating: [Double](), count: fields.count)

    // Check and convert, column by column; nothing is appended until every column has been checked.
    for f in fields.indices {
        let p = context.positions[f]
        let spec = fields[f]
        let required = spec.required && !spec.emptyAllowed
        let kind = spec.kind
        if p < 0 {
            // A constant from the mapping, or nothing.
            guard let value = context.fixed[f] else { continue }
            let v = value.withUnsafeBufferPointer { b in (context.readers.time(b), context.readers.number(b)) }
            if kind == .time { times[f] = Array(repeating: v.0 ?? Missing.time, count: n) }
            if kind == .number { numbers[f] = Array(repeating: v.1 ?? .nan, count: n) }
            continue
        }
        switch kind {
        case .time:
            var col = [Int64](repeating: Missing.time, count: n)
            let read = context.readers.time
            // Only plain values in the loop: copying the reader itself would retain its zone per cell.
            let isoOffset = context.readers.iso?.fixedOffset, skipEmpty = context.readers.blankIsNil && !required
            let monthStarts = MonthStarts.table
            // A date in an ISO file is read from its first ten bytes: the time and zone after are
            // ignored, once the whole cell has read as a valid timestamp.
            let dateOnly = spec.dateOnly && context.readers.iso != nil
            for r in 0..<n {
                let span = batch.spans[r * width + p]
                if skipEmpty && span.end == span.start { continue }
                let slice = UnsafeBufferPointer(start: base + span.start, count: span.end - span.start)
                if dateOnly && slice.count > 10 && (slice[10] == UInt8(ascii: "T") || slice[10] == UInt8(ascii: " ")),
                   read(slice) != nil, let t = read(UnsafeBufferPointer(rebasing: slice[0..<10])) {
                    col[r] = t
                    continue
                }
                if let isoOffset, let t = ISOTimestampReader.localSeconds(slice, monthStarts: monthStarts) { col[r] = t - isoOffset; continue }
                if let t = read(slice) { col[r] = t; continue }
                if isBlank(slice) {
                    if required { flag(&batch, &out, context, buffer, r, span, p, "\(spec.name): a value is required here; the row is left out"); anyBad = true }
                    continue
                }
                let iso = context.readers.iso != nil
                let why = iso && hasISOShape(slice)
                    ? "is not a real date or time (\(isoRangeProblem(slice)))"
                    : "is not a date in the layout \(context.readers.timeLayout)"
                // A date written another way than the settings say is a setting to change, not a row to fix.
                let hint = iso && hasSlashDateShape(slice)
                    ? "if the file writes dates this way, set date_format under [data] in pipetop.toml: \"mdy\" reads 07/10/2026 as July 10, \"dmy\" as 7 October"
                    : nil
                flag(&batch, &out, context, buffer, r, span, p, "\(spec.name): \"\(shown(slice))\" \(why); the row is left out", suggestion: hint)
                anyBad = true
            }
            times[f] = col
        case .number:
            var col = [Double](repeating: .nan, count: n)
            let read = context.readers.number
            let skipEmpty = context.readers.blankIsNil && !required
            for r in 0..<n {
                let span = batch.spans[r * width + p]
                if skipEmpty && span.end == span.start { continue }
                let slice = UnsafeBufferPointer(start: base + span.start, count: span.end - span.start)
                if let v = read(slice) { col[r] = v; continue }
                if isBlank(slice) {
                    if required { flag(&batch, &out, context, buffer, r, span, p, "\(spec.name): a value is required here; the row is left out"); anyBad = true }
                    continue
                }
                // "1,5" in a standard file: a decimal comma the settings do not say.
                let hint = hasDecimalCommaShape(slice) && context.readers.decimalSeparator == UInt8(ascii: ".")
                    ? "if the file writes decimals with a comma, set number_format = \"decimal_comma\" under [data] in pipetop.toml"
                    : nil
                flag(&batch, &out, context, buffer, r, span, p, "\(spec.name): \"\(shown(slice))\" is not a number; the row is left out", suggestion: hint)
                anyBad = true
            }
            numbers[f] = col
        case .text, .category:
            for r in 0..<n {
                let span = batch.spans[r * width + p]
                let slice = UnsafeBufferPointer(start: base + span.start, count: span.end - span.start)
                if required && isBlank(slice) {
                    flag(&batch, &out, context, buffer, r, span, p, "\(spec.name): a value is required here; the row is left out")
                    anyBad = true
                } else if !allValidUTF8 && !isValidUTF8(slice) {
                    flag(&batch, &out, context, buffer, r, span, p, "\(spec.name): bytes that are not UTF-8 (is the file in another encoding?); the row is left out")
                    anyBad = true
                }
            }
        }
    }

    // Append the good rows, again column by column, each column's storage taken out of `out` while it grows
    // so that appends do not pay for copy-on-write checks through nested arrays.
    for f in fields.indices where out.present[f] {
        let p = context.positions[f]
        switch fields[f].kind {
        case .time:
            var col = out.times[f]; out.times[f] = []
            let src = times[f]
            if anyBad { for r in 0..<n where !batch.bad[r] { col.append(src[r]) } } else { col.append(contentsOf: src) }
            out.times[f] = col
        case .number:
            var col = out.numbers[f]; out.numbers[f] = []
            let src = numbers[f]
            if anyBad { for r in 0..<n where !batch.bad[r] { col.append(src[r]) } } else { col.append(contentsOf: src) }
            out.numbers[f] = col
        case .text:
            var col = out.texts[f]; out.texts[f] = TextColumn()
            if p < 0 {
                let value = context.fixed[f]!
                value.withUnsafeBufferPointer { v in for r in 0..<n where !batch.bad[r] { col.append(v) } }
            } else {
                for r in 0..<n where !batch.bad[r] {
                    let span = batch.spans[r * width + p]
                    let slice = UnsafeBufferPointer(start: base + span.start, count: span.end - span.start)
                    if span.hasDoubledQuotes { col.appendCollapsingQuotes(slice) }
                    else if isBlank(slice) { col.appendEmpty() }
                    else { col.append(slice) }
                }
            }
            out.texts[f] = col
        case .category:
            var col = out.categories[f]; out.categories[f] = CategoryBuilder()
            if p < 0 {
                let value = context.fixed[f]!
                value.withUnsafeBufferPointer { v in for r in 0..<n where !batch.bad[r] { col.append(trimmed(v)) } }
            } else {
                for r in 0..<n where !batch.bad[r] {
                    let span = batch.spans[r * width + p]
                    let slice = UnsafeBufferPointer(start: base + span.start, count: span.end - span.start)
                    col.append(trimmed(slice), collapseQuotes: span.hasDoubledQuotes)
                }
            }
            out.categories[f] = col
        }
    }
    for r in 0..<n where !batch.bad[r] { out.lines.append(Int32(truncatingIfNeeded: batch.records[r].line)) }
    batch.reset()
}

private func flag(_ batch: inout RecordBatch, _ out: inout ChunkResult, _ context: ChunkContext,
                  _ buffer: UnsafeBufferPointer<UInt8>, _ row: Int, _ span: FieldSpan, _ position: Int, _ message: String,
                  suggestion: String? = nil) {
    batch.bad[row] = true
    let id = context.idPosition
    report(&out, context, buffer, batch.records[row], span, position, message,
           rowID: id >= 0 ? leftOutID(buffer, batch.spans[row * batch.width + id]) : nil, suggestion: suggestion)
}

/// Which part of an ISO-shaped date or time is out of range, in words.
func isoRangeProblem(_ s: UnsafeBufferPointer<UInt8>) -> String {
    func number(_ at: Int, _ n: Int) -> Int { (at..<(at + n)).reduce(0) { $0 * 10 + Int(s[$1] &- 0x30) } }
    let year = number(0, 4), month = number(5, 2), day = number(8, 2)
    if month < 1 || month > 12 { return "there is no month \(month)" }
    let days = daysInMonth(year: year, month: month)
    if day < 1 || day > days { return "\(monthAbbreviations[month - 1]) \(year) has \(days) days" }
    if s.count >= 16 {
        if number(11, 2) > 23 { return "hours run from 00 to 23" }
        if number(14, 2) > 59 { return "minutes run from 00 to 59" }
    }
    if s.count == 19 && number(17, 2) > 59 { return "seconds run from 00 to 59" }
    return "outside the years pipetop reads"
}

/// `07/10/2026` or `7.10.26`: a date written day and month first.
func hasSlashDateShape(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
    var i = 0, parts = 0, digits = 0
    while i < s.count, s[i] != 0x20, s[i] != UInt8(ascii: "T") {
        let b = s[i]
        if b &- 0x30 < 10 { digits += 1 }
        else if (b == UInt8(ascii: "/") || b == UInt8(ascii: ".")) && digits > 0 && digits <= 4 { parts += 1; digits = 0 }
        else { return false }
        i += 1
    }
    return parts == 2 && digits >= 2 && digits <= 4
}

/// `1,5` or `12,25`: digits, one comma, one or two digits.
func hasDecimalCommaShape(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
    let t = trimmed(s)
    guard let comma = t.firstIndex(of: UInt8(ascii: ",")), comma > 0 else { return false }
    let after = t.count - comma - 1
    return after >= 1 && after <= 2 && t.indices.allSatisfy { $0 == comma || t[$0] &- 0x30 < 10 }
}

/// Written exactly as an ISO date or time is (`2026-02-30`, `2026-11-03 25:61`,
/// `2026-11-03T10:00:00`), digit for digit: a cell that failed to read despite that shape has
/// numbers out of range, not another layout.
func hasISOShape(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
    func digits(_ at: Int, _ n: Int) -> Bool {
        at + n <= s.count && (at..<(at + n)).allSatisfy { s[$0] >= UInt8(ascii: "0") && s[$0] <= UInt8(ascii: "9") }
    }
    func byte(_ at: Int, _ b: UInt8) -> Bool { at < s.count && s[at] == b }
    guard digits(0, 4), byte(4, UInt8(ascii: "-")), digits(5, 2), byte(7, UInt8(ascii: "-")), digits(8, 2) else { return false }
    if s.count == 10 { return true }
    guard byte(10, UInt8(ascii: "T")) || byte(10, UInt8(ascii: " ")), digits(11, 2), byte(13, UInt8(ascii: ":")), digits(14, 2) else { return false }
    if s.count == 16 { return true }
    return byte(16, UInt8(ascii: ":")) && digits(17, 2) && s.count == 19
}

@inline(__always) private func isBlank(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
    for b in s where b != 0x20 && b != 0x09 { return false }
    return true
}

@inline(__always) func trimmed(_ s: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
    var a = 0, b = s.count
    while a < b && (s[a] == 0x20 || s[a] == 0x09) { a += 1 }
    while b > a && (s[b - 1] == 0x20 || s[b - 1] == 0x09) { b -= 1 }
    if a == 0 && b == s.count { return s }
    return UnsafeBufferPointer(rebasing: s[a..<b])
}

/// A cell shortened for a message. Control characters are escaped so messages are safe to print.
func shown(_ s: UnsafeBufferPointer<UInt8>) -> String {
    let out = MessageText.escaped(String(decoding: s.prefix(60), as: UTF8.self)).replacingOccurrences(of: "\"", with: "\\\"")
    return s.count > 60 ? out + "…" : out
}

private func report(_ out: inout ChunkResult, _ context: ChunkContext, _ buffer: UnsafeBufferPointer<UInt8>,
                    _ record: RecordInfo, _ span: FieldSpan, _ position: Int, _ message: String, rowID: String? = nil,
                    suggestion: String? = nil, rowsJoined: Int = 1) {
    var line = record.line, column = 0
    if position >= 0 {
        // Exact line and column of the cell, for editors: computed only when something is wrong.
        let at = span.quoted ? span.start - 1 : span.start
        var i = record.offset
        while i < at { if buffer[i] == UInt8(ascii: "\n") { line += 1 }; i += 1 }
        column = characterColumn(buffer, at)
    }
    var diagnostic = Diagnostic(file: context.file, line: line, column: column, message: message, suggestion: suggestion)
    diagnostic.leftOutID = rowID
    // The row is told by the line it starts on: bad cells on two lines of one row are one row.
    diagnostic.rowLine = record.line
    diagnostic.rowsJoined = rowsJoined
    out.diagnostics.append(diagnostic)
}

/// The offsets of the carriage returns not followed by a line feed outside quotes in a record's
/// bytes: in an unquoted cell, or after a closing quote (an export that quotes every cell).
private func loneCarriageReturns(_ buffer: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> [Int] {
    var found: [Int] = []
    var quoted = false
    var i = start
    while i < end {
        let b = buffer[i]
        if b == UInt8(ascii: "\"") { quoted.toggle() }
        else if b == 13 && !quoted && (i + 1 >= buffer.count || buffer[i + 1] != 10) { found.append(i) }
        i += 1
    }
    return found
}

/// The id of a row left out for a stray quote: its cell at `position` on the quote's line, when
/// that cell ends before the quote and holds no quote of its own.
private func idBeforeQuote(_ buffer: UnsafeBufferPointer<UInt8>, quote: Int, position: Int) -> String? {
    guard position >= 0 else { return nil }
    var start = quote
    while start > 0 && buffer[start - 1] != UInt8(ascii: "\n") { start -= 1 }
    var cell = 0, i = start, cellStart = start
    while i < quote {
        if buffer[i] == UInt8(ascii: "\"") { return nil }
        if buffer[i] == UInt8(ascii: ",") {
            if cell == position { break }
            cell += 1
            cellStart = i + 1
        }
        i += 1
    }
    guard cell == position, i < quote else { return nil }
    return leftOutID(buffer, FieldSpan(start: cellStart, end: i, quoted: false, hasDoubledQuotes: false))
}

/// The id of a row being left out, as the rows of other files would name it; nil when its cell
/// holds none that could be matched.
private func leftOutID(_ buffer: UnsafeBufferPointer<UInt8>, _ span: FieldSpan) -> String? {
    let cell = trimmed(UnsafeBufferPointer(rebasing: buffer[span.start..<span.end]))
    guard !cell.isEmpty, isValidUTF8(cell) else { return nil }
    let text = String(decoding: cell, as: UTF8.self)
    return span.hasDoubledQuotes ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
}

/// 1-based character column of a byte offset within its line.
func characterColumn(_ buffer: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Int {
    var start = min(offset, buffer.count)
    while start > 0 && buffer[start - 1] != UInt8(ascii: "\n") { start -= 1 }
    // A byte-order mark is no character of the first line.
    if start == 0 && offset >= 3 && CSVParser.bodyStart(buffer) == 3 { start = 3 }
    var column = 1
    var i = start
    while i < offset && i < buffer.count {
        if buffer[i] & 0xC0 != 0x80 { column += 1 }
        i += 1
    }
    return column
}
