import Foundation

/// How a file's own column names and constants map onto a schema (from the settings or a preset).
public struct ColumnMapping: Sendable {
    /// Our field name -> the header in the file.
    public var headers: [String: String]
    /// Our field name -> a value for every row, for a column the export lacks.
    public var fixed: [String: String]

    public init(headers: [String: String] = [:], fixed: [String: String] = [:]) {
        self.headers = headers
        self.fixed = fixed
    }

    public static let none = ColumnMapping()
}

/// Reads one CSV file into typed columns. Large files are split into as many pieces as there are cores,
/// read at once.
public enum TableLoader {
    /// Files above this size are read in pieces at once.
    static let parallelThreshold = 4 << 20

    /// `label` names the file in messages (default: its name).
    public static func load(url: URL, label: String? = nil, schema: TableSchema, readers: CellReaders, mapping: ColumnMapping = .none) -> LoadedTable {
        load(url: url, label: label, schema: schema, readers: readers, mapping: mapping, mapFile: true)
    }

    /// `mapFile`: false reads the bytes even from a large file (once its mapping saw it change).
    static func load(url: URL, label: String?, schema: TableSchema, readers: CellReaders, mapping: ColumnMapping,
                     mapFile: Bool) -> LoadedTable {
        let file = label ?? url.lastPathComponent
        switch FileBuffer.read(url, mapping: mapFile) {
        case .failure(let message):
            return failedTable(schema: schema, file: file, message: message)
        case .success(let buffer):
            // The bytes are freed as the pieces are converted, and wholly before the pieces are put together.
            let table = load(buffer: buffer.bytes, file: file, schema: schema, readers: readers, mapping: mapping,
                             releaseBuffer: buffer.release, discard: { buffer.discard(upTo: $0) }, drop: buffer.dropper)
            buffer.release()
            // Cut short or written to while mapped: read from a copy that cannot change underneath.
            if buffer.changedWhileRead { return load(url: url, label: label, schema: schema, readers: readers, mapping: mapping, mapFile: false) }
            return table
        }
    }

    static func failedTable(schema: TableSchema, file: String, message: String, line: Int = 0) -> LoadedTable {
        failedTable(schema: schema, file: file, diagnostics: [Diagnostic(file: file, line: line, message: message)])
    }

    /// A table with no rows that says why, with the header when one was read.
    static func failedTable(schema: TableSchema, file: String, diagnostics: [Diagnostic], header: [String] = []) -> LoadedTable {
        LoadedTable(schema: schema, file: file, rowCount: 0,
                    columns: Array(repeating: .absent, count: schema.fields.count), lines: [],
                    diagnostics: diagnostics, failed: true, header: header)
    }

    public static func load(bytes: [UInt8], file: String, schema: TableSchema, readers: CellReaders,
                            mapping: ColumnMapping = .none) -> LoadedTable {
        bytes.withUnsafeBufferPointer { buf in
            load(buffer: buf, file: file, schema: schema, readers: readers, mapping: mapping)
        }
    }

    static func load(bytes: [UInt8], file: String, schema: TableSchema, readers: CellReaders,
                     mapping: ColumnMapping = .none, parallelAbove: Int) -> LoadedTable {
        bytes.withUnsafeBufferPointer { buf in
            load(buffer: buf, file: file, schema: schema, readers: readers, mapping: mapping, parallelAbove: parallelAbove)
        }
    }

    /// `parallelAbove`: files with a larger body are read in pieces at once (tests lower it to exercise the split);
    /// `pieces`: how many (default: one per core, at least two; four times that for a large file);
    /// `discard`: frees the file's bytes before an offset once no piece needs them;
    /// `drop`: gives back the pages of a range of bytes that can be read again (a mapped file).
    static func load(buffer: UnsafeBufferPointer<UInt8>, file: String, schema: TableSchema, readers: CellReaders,
                     mapping: ColumnMapping, parallelAbove: Int = parallelThreshold, pieces: Int? = nil,
                     releaseBuffer: () -> Void = {}, discard: @escaping @Sendable (Int) -> Void = { _ in },
                     drop: (@Sendable (Range<Int>) -> Void)? = nil) -> LoadedTable {
        let parser = CSVParser(bytes: buffer)
        let head: HeaderMatch
        switch matchHeader(parser: parser, file: file, schema: schema, readers: readers, mapping: mapping) {
        case .failed(let table): return table
        case .matched(let h): head = h
        }
        let endsWithBreak = buffer.last == UInt8(ascii: "\n")
        let headerHash = RowBlocks.hash(buffer, 0..<head.end)
        var chunks = readChunks(parser: parser, from: head.end, bodyLine: head.bodyLine, context: head.context,
                                parallelAbove: parallelAbove, pieces: pieces, discard: discard, drop: drop)
        let blocks = rowBlocks(headerHash: headerHash, size: buffer.count, head: head, chunks: chunks)
        releaseBuffer()

        // Chunk 0 was sized for the whole file, so the others are appended without moving it.
        let merged = ChunkResult.merging(&chunks)
        let failed = merged.endedInsideQuotes
        var table = LoadedTable(schema: schema, file: file, rowCount: merged.lines.count,
                                columns: merged.columns(), lines: merged.lines,
                                diagnostics: inLineOrder(head.notes + merged.diagnostics), failed: failed, header: head.header)
        table.blocks = failed || merged.strayQuotes ? nil : blocks
        table.positions = head.context.positions
        table.endsWithLineBreak = endsWithBreak
        if !failed && !endsWithBreak { markCutShort(&table, lastLine: blocks.endLine) }
        if let idField = schema.idField { dropDuplicateIDs(&table, field: idField) }
        return table
    }

    /// A file that ends, without a line break, in a row that had to be left out was most likely
    /// caught while being written (a save in progress, a copy cut short): the table is marked failed,
    /// so that the rows read before stay on screen, and the message says why.
    static func markCutShort(_ table: inout LoadedTable, lastLine: Int) {
        guard table.diagnostics.contains(where: { $0.severity == .error && $0.line == lastLine }) else { return }
        table.failed = true
        table.blocks = nil
        table.diagnostics.append(Diagnostic(file: table.file, line: lastLine,
                                            message: "the file ends in the middle of this row (is it still being written?)",
                                            suggestion: "finish the row and end it with a line break"))
    }

    /// The header row read and matched to the schema's fields.
    struct HeaderMatch {
        var header: [String]
        /// The first byte after the header row, and the line it is on.
        var end: Int
        var bodyLine: Int
        var context: ChunkContext
        /// Warnings about the header itself (a name given twice).
        var notes: [Diagnostic] = []
    }

    enum HeaderOutcome {
        case matched(HeaderMatch)
        /// No usable header: the table to return, with its messages.
        case failed(LoadedTable)
    }

    static func matchHeader(parser: CSVParser, file: String, schema: TableSchema, readers: CellReaders,
                            mapping: ColumnMapping) -> HeaderOutcome {
        let buffer = parser.bytes
        let start = CSVParser.bodyStart(buffer)
        var header: [String] = []
        var headerEnd = start
        let headerOutcome = parser.parse(from: start, to: buffer.count) { fields, record in
            header = fields.map { parser.string($0) }
            headerEnd = record.endOffset
            return false
        }
        let expected = schema.fields.map(\.name).joined(separator: ", ")
        // The header row itself left out for a stray quote (the reading stops at the first row, so
        // any such problem is the header's): the next row would be taken for it.
        for problem in headerOutcome.problems {
            // A quote in the header that never closes at all would take the whole file for one name.
            let place: (offset: Int, line: Int)
            switch problem {
            case .quoteNotClosedOnItsLine(let offset, let line), .unterminatedQuote(let offset, let line): place = (offset, line)
            case .textAfterClosingQuote: continue
            }
            return .failed(failedTable(schema: schema, file: file, diagnostics: [
                Diagnostic(file: file, line: place.line, column: characterColumn(buffer, place.offset),
                           message: "the header row has a quote that does not close on its line",
                           suggestion: "remove the quote, or close it around the name"),
            ]))
        }
        if buffer.count >= 2 && ((buffer[0] == 0xFF && buffer[1] == 0xFE) || (buffer[0] == 0xFE && buffer[1] == 0xFF))
            || buffer[start..<min(headerEnd, buffer.count)].contains(0) {
            // UTF-16 (Excel's "Unicode text"): every other byte of the header is a NUL.
            return .failed(failedTable(schema: schema, file: file, diagnostics: [
                Diagnostic(file: file, line: 1, message: "the file is in UTF-16 or another encoding that is not UTF-8",
                           suggestion: "save it as CSV UTF-8"),
            ]))
        }
        if header.isEmpty || (header.count == 1 && header[0].trimmingCharacters(in: .whitespaces).isEmpty) {
            return .failed(failedTable(schema: schema, file: file,
                                       message: "the file is empty: expected a header row with the columns \(expected)"))
        }
        if headerEnd == buffer.count, buffer[start..<headerEnd].contains(UInt8(ascii: "\r")),
           !buffer[start..<headerEnd].contains(UInt8(ascii: "\n")) {
            // The whole file is one line with carriage returns in it: the classic Mac line end.
            return .failed(failedTable(schema: schema, file: file, diagnostics: [
                Diagnostic(file: file, line: 1, message: "the lines end in a carriage return alone (the old Mac line end); pipetop reads lines that end in LF or CRLF",
                           suggestion: "save the file again with LF or CRLF line ends (in Excel: CSV UTF-8)"),
            ]))
        }

        // A header ending in a comma names an empty column: rows may have that last cell or not
        // (an export that writes the comma on the header alone made every row a cell short).
        // The column has no name, so nothing is read from it; said once.
        var notes: [Diagnostic] = []
        let lastNameEmpty = header.count > 1 && header[header.count - 1].trimmingCharacters(in: .whitespaces).isEmpty
        if lastNameEmpty {
            notes.append(Diagnostic(file: file, line: 1, severity: .warning,
                                    message: "the header ends with a comma (an empty column name after \"\(sanitizedForMessage(header[header.count - 2]))\"); that column is not read, and rows may leave it out",
                                    suggestion: "remove the comma at the end of the header"))
        }

        // Match header cells to fields.
        let keys = header.map(headerKey)
        var positions = Array(repeating: -1, count: schema.fields.count)
        var fixedValues: [Int: [UInt8]] = [:]
        for (f, field) in schema.fields.enumerated() {
            let wanted: [String]
            if let mapped = mapping.headers[field.name] { wanted = [headerKey(mapped)] }
            else { wanted = ([field.name] + field.headerAliases).map(headerKey) }
            if let p = wanted.lazy.compactMap({ w in keys.firstIndex(of: w) }).first { positions[f] = p }
            if positions[f] < 0, let value = mapping.fixed[field.name] { fixedValues[f] = Array(value.utf8) }
        }
        var missing: [Diagnostic] = []
        for (f, field) in schema.fields.enumerated() where field.required && positions[f] < 0 && fixedValues[f] == nil {
            let label = mapping.headers[field.name].map { "\"\($0)\" (for \(field.name))" } ?? "\"\(field.name)\""
            let near = closestHeader(to: mapping.headers[field.name] ?? field.name, in: header)
            missing.append(Diagnostic(file: file, line: 1, message: "missing required column \(label); the header has: \(headerList(header))",
                                      suggestion: near.map { "did you mean \"\($0)\"?" }))
        }
        if !missing.isEmpty {
            return .failed(failedTable(schema: schema, file: file, diagnostics: missing, header: header))
        }
        var context = ChunkContext(schema: schema, positions: positions, headerCount: header.count,
                                   readers: readers, file: file, fixed: fixedValues)
        context.lastNameEmpty = lastNameEmpty
        // A name the header gives twice is read from its first column only: say so, since the
        // other column's values are silently not used (or are the ones the writer meant).
        for (f, field) in schema.fields.enumerated() where positions[f] >= 0 {
            let others = keys.indices.filter { $0 != positions[f] && keys[$0] == keys[positions[f]] }
            guard !others.isEmpty else { continue }
            notes.append(Diagnostic(file: file, line: 1, severity: .warning,
                                    message: "the header has \"\(header[positions[f]])\" more than once (columns \(([positions[f]] + others).map { String($0 + 1) }.joined(separator: ", "))); \(field.name) is read from column \(positions[f] + 1)",
                                    suggestion: "rename or remove the other column"))
        }
        return .matched(HeaderMatch(header: header, end: headerEnd, bodyLine: 1 + headerOutcome.lines, context: context, notes: notes))
    }

    /// The blocks of a freshly read file, put together from its chunks' own.
    static func rowBlocks(headerHash: UInt64, size: Int, head: HeaderMatch, chunks: [ChunkResult]) -> RowBlocks {
        var starts: [RowBlocks.Start] = []
        var hashes: [UInt64] = []
        var rows = 0, lines = 0
        for chunk in chunks {
            starts += chunk.starts.map { RowBlocks.Start(offset: $0.offset, row: $0.row + rows, line: $0.line) }
            hashes += chunk.hashes
            rows += chunk.lines.count
            lines += chunk.lineCount
        }
        return RowBlocks(headerEnd: head.end, headerHash: headerHash, starts: starts, hashes: hashes, fileSize: size,
                         endLine: head.bodyLine + lines, rowCount: rows)
    }

    /// Messages by line, in the order they were found within a line: the same whichever pieces the
    /// file was read in.
    static func inLineOrder(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            a.element.line != b.element.line ? a.element.line < b.element.line : a.offset < b.offset
        }.map(\.element)
    }

    /// Reads the body in as many pieces as there are cores when it is larger than `parallelAbove`,
    /// each piece starting on a line start. A large file read into memory is read in four times as
    /// many, so that its bytes can be freed as the pieces are done; a mapped one (`drop`) gives its
    /// pages back as each piece reads on, and one piece per core copies least when they are put
    /// together. A piece that ends inside a quoted cell means a split fell
    /// inside a quoted line break: the body is then read again in one pass from that piece on, whose
    /// bytes are still there because bytes are only freed up to the end of a run of pieces that each
    /// ended cleanly. Line numbers come out file-wide.
    static func readChunks(parser: CSVParser, from start: Int, bodyLine: Int, context: ChunkContext,
                           parallelAbove: Int, pieces: Int? = nil, discard: @escaping @Sendable (Int) -> Void = { _ in },
                           drop: (@Sendable (Range<Int>) -> Void)? = nil) -> [ChunkResult] {
        let bytes = parser.bytes
        let end = bytes.count
        let estimate = (end - start) / 100
        let cores = max(2, ProcessInfo.processInfo.activeProcessorCount)
        let count = pieces ?? (end - start > manyPiecesAbove && drop == nil ? cores * 4 : cores)
        let bounds = end - start > parallelAbove ? splitPoints(bytes, from: start, pieces: count) : [start, end]
        func whole(from: Int, line: Int, capacity: Int) -> ChunkResult {
            var chunk = readChunk(parser: parser, range: (from, end), firstLine: line, context: context, capacity: capacity, drop: drop)
            chunk.sealBlocks(bytes, range: (from, end), firstLine: line)
            return chunk
        }
        guard bounds.count > 2 else { return [whole(from: start, line: bodyLine, capacity: estimate)] }
        let n = bounds.count - 1
        let results = TaskResults(count: n, initial: ChunkResult())
        let progress = PieceProgress(count: n, bounds: bounds, discard: discard)
        DispatchQueue.concurrentPerform(iterations: n) { k in
            // The first piece reserves room for the whole file: the others are appended to it.
            let capacity = k == 0 ? estimate : (bounds[k + 1] - bounds[k]) / 100
            var chunk = readChunk(parser: parser, range: (bounds[k], bounds[k + 1]), firstLine: 1, context: context, capacity: capacity,
                                  drop: drop)
            chunk.sealBlocks(parser.bytes, range: (bounds[k], bounds[k + 1]), firstLine: 1)
            let clean = !chunk.endedInsideQuotes
            results.set(k, chunk)
            progress.finished(k, clean: clean)
        }
        var chunks = (0..<n).map { results.value($0) }
        var line = bodyLine - 1
        for k in chunks.indices {
            chunks[k].shiftLines(by: line)
            line += chunks[k].lineCount
        }
        if let split = chunks.dropLast().firstIndex(where: \.endedInsideQuotes) {
            // Pieces before this one are right; from its start on, one pass.
            let firstLine = chunks[split].starts[0].line
            chunks.removeSubrange(split...)
            chunks.append(whole(from: bounds[split], line: firstLine, capacity: split == 0 ? estimate : (end - bounds[split]) / 100))
        }
        return chunks
    }

    /// Bodies above this size are read in more pieces than cores.
    static let manyPiecesAbove = 64 << 20

    /// `from`, the line starts nearest to each equal share of the body, and the end; fewer when the
    /// body has fewer lines than pieces.
    static func splitPoints(_ buffer: UnsafeBufferPointer<UInt8>, from: Int, pieces: Int) -> [Int] {
        var points = [from]
        for k in 1..<pieces {
            var i = max(points[points.count - 1], from + (buffer.count - from) * k / pieces)
            while i < buffer.count && buffer[i] != UInt8(ascii: "\n") { i += 1 }
            if i + 1 < buffer.count && i + 1 > points[points.count - 1] { points.append(i + 1) }
        }
        points.append(buffer.count)
        return points
    }

    /// The header's names for a message: the first 40, each cut at 40 characters, with control
    /// characters shown escaped (a header can be any text, or a whole file read as one line).
    static func headerList(_ header: [String]) -> String {
        let names = header.prefix(40).map { name in
            let safe = sanitizedForMessage(name)
            return safe.count > 40 ? String(safe.prefix(40)) + "…" : safe
        }
        return names.joined(separator: ", ") + (header.count > 40 ? ", … (\(header.count) in all)" : "")
    }

    static func closestHeader(to name: String, in header: [String]) -> String? {
        let key = headerKey(name)
        var best: (String, Int)?
        for h in header {
            let d = editDistance(key, headerKey(h))
            if d <= max(2, key.count / 3), d < (best?.1 ?? Int.max) { best = (h, d) }
        }
        return best?.0
    }

    static func dropDuplicateIDs(_ table: inout LoadedTable, field: String) {
        guard case .text(let ids) = table.column(field) else { return }
        let index = TextIndex(ids)
        var keep = Array(repeating: true, count: table.rowCount)
        var any = false
        for (r, first) in index.duplicates {
            keep[r] = false
            any = true
            table.diagnostics.append(Diagnostic(
                file: table.file, line: Int(table.lines[r]), cell: field, value: ids[r].trimmingCharacters(in: .init(charactersIn: " \t")),
                message: "duplicate \(field) \"\(ids[r])\" (first at line \(table.lines[first])): this row is left out"))
        }
        if any { table.keepRows(keep) } else { table.idIndex = index }
        if any { table.diagnostics = inLineOrder(table.diagnostics) }
    }
}

/// Levenshtein distance over characters, for "did you mean" suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var prev = Array(0...b.count)
    var cur = prev
    for i in 1...a.count {
        cur[0] = i
        for j in 1...b.count {
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        swap(&prev, &cur)
    }
    return prev[b.count]
}

/// Which pieces are done, so the bytes before the first piece still needed can be freed.
private final class PieceProgress: @unchecked Sendable {
    private var done: [Bool]
    private var clean: [Bool]
    private var next = 0
    private let bounds: [Int]
    private let discard: @Sendable (Int) -> Void
    private let lock = NSLock()

    init(count: Int, bounds: [Int], discard: @escaping @Sendable (Int) -> Void) {
        done = Array(repeating: false, count: count)
        clean = Array(repeating: false, count: count)
        self.bounds = bounds
        self.discard = discard
    }

    /// Frees up to the end of the run of finished pieces from the start, stopping after one that
    /// ended inside a quote: the one-pass reading again starts there.
    func finished(_ k: Int, clean isClean: Bool) {
        lock.lock()
        defer { lock.unlock() }
        done[k] = true
        clean[k] = isClean
        let before = next
        while next < done.count && done[next] && clean[next] { next += 1 }
        // The line break before the next piece stays: a message on that piece's first line looks
        // back to it to count its column.
        if next > before { discard(bounds[next] - 1) }
    }
}
