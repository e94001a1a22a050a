import Foundation

extension TableLoader {
    /// Reads a file that changed since `previous` was read from it. The rows of blocks whose bytes
    /// are unchanged are taken from `previous`; only the region between them is parsed. The result is
    /// the table a full read of the new file gives; whenever that cannot be sure (a new header, a
    /// change that opens a quote, rows the old read left out as duplicates) the file is read whole.
    public static func reload(url: URL, label: String? = nil, previous: LoadedTable, readers: CellReaders,
                              mapping: ColumnMapping = .none) -> LoadedTable {
        let file = label ?? url.lastPathComponent
        guard previous.blocks != nil else {
            return load(url: url, label: label, schema: previous.schema, readers: readers, mapping: mapping)
        }
        switch FileBuffer.read(url) {
        case .failure(let message):
            return failedTable(schema: previous.schema, file: file, message: message)
        case .success(let buffer):
            let table = reload(buffer: buffer.bytes, file: file, previous: previous, readers: readers, mapping: mapping,
                               releaseBuffer: buffer.release, discard: { buffer.discard(upTo: $0) })
            buffer.release()
            // Cut short or written to while mapped: read whole from a copy that cannot change underneath.
            if buffer.changedWhileRead { return load(url: url, label: label, schema: previous.schema, readers: readers, mapping: mapping, mapFile: false) }
            return table
        }
    }

    static func reload(bytes: [UInt8], file: String, previous: LoadedTable, readers: CellReaders,
                       mapping: ColumnMapping = .none) -> LoadedTable {
        bytes.withUnsafeBufferPointer { buf in
            reload(buffer: buf, file: file, previous: previous, readers: readers, mapping: mapping)
        }
    }

    static func reload(buffer: UnsafeBufferPointer<UInt8>, file: String, previous: LoadedTable, readers: CellReaders,
                       mapping: ColumnMapping, releaseBuffer: () -> Void = {},
                       discard: @escaping @Sendable (Int) -> Void = { _ in }) -> LoadedTable {
        let schema = previous.schema
        func whole() -> LoadedTable {
            load(buffer: buffer, file: file, schema: schema, readers: readers, mapping: mapping, releaseBuffer: releaseBuffer,
                 discard: discard)
        }
        guard let old = previous.blocks, !previous.failed, previous.file == file,
              let (head, tail) = old.unchanged(in: buffer) else { return whole() }
        let parser = CSVParser(bytes: buffer)
        guard case .matched(let header) = matchHeader(parser: parser, file: file, schema: schema, readers: readers, mapping: mapping),
              header.header == previous.header, header.end == old.headerEnd else { return whole() }

        let delta = buffer.count - old.fileSize
        let from = old.offset(of: head)
        let to = old.offset(of: tail) + delta
        // The region must end its last record where the unchanged rows begin; and when most of the
        // file changed, reading it whole on every core is as quick.
        guard to >= from, to == buffer.count || to == from || buffer[to - 1] == UInt8(ascii: "\n"),
              (to - from) * 2 <= buffer.count else { return whole() }
        let firstLine = old.firstLine(of: head)
        var region = readChunk(parser: parser, range: (from, to), firstLine: firstLine, context: header.context)
        guard !region.endedInsideQuotes, !region.strayQuotes else { return whole() }
        if to > from { region.sealBlocks(buffer, range: (from, to), firstLine: firstLine) }

        let splice = Splice(old: old, head: head, tail: tail, delta: delta, firstLine: firstLine, region: region)
        let columns = region.columns()
        guard let spliced = splice.columns(previous.columns, middle: columns) else { return whole() }
        // Read before the bytes go back: they must not be touched after.
        let endsWithBreak = buffer.last == UInt8(ascii: "\n")
        releaseBuffer()
        let lines = splice.lines(previous.lines, middle: region.lines)
        var table = LoadedTable(schema: schema, file: file, rowCount: lines.count, columns: spliced, lines: lines,
                                diagnostics: inLineOrder(splice.diagnostics(previous.diagnostics, middle: region.diagnostics)),
                                failed: false, header: header.header)
        table.blocks = splice.blocks(fileSize: buffer.count, rowCount: lines.count)
        table.positions = header.context.positions
        table.endsWithLineBreak = endsWithBreak
        if !endsWithBreak, let end = table.blocks?.endLine { markCutShort(&table, lastLine: end) }
        if let idField = schema.idField, let f = schema.index(of: idField) {
            if splice.rowShift == 0, let index = previous.idIndex, case .text(let oldIDs) = previous.columns[f],
               case .text(let newIDs) = columns[f], oldIDs.sameRows(splice.headRows..<splice.tailRows, as: newIDs) {
                // The edit left every id where it was (the usual save of a changed cell): the id
                // column and its index stand as they are, with no duplicates, as before.
                table.columns[f] = previous.columns[f]
                table.idIndex = index
            } else {
                dropDuplicateIDs(&table, field: idField)
            }
        }
        return table
    }
}

/// How a partial reload puts a table together: the old rows before the changed region, the
/// region's rows, and the old rows after it, moved by what the region gained.
private struct Splice {
    let old: RowBlocks
    let head: Int, tail: Int
    /// Bytes, rows and lines the region gained (negative when it lost).
    let delta: Int, rowShift: Int, lineShift: Int
    let headRows: Int, tailRows: Int
    let firstLine: Int
    let region: ChunkResult

    init(old: RowBlocks, head: Int, tail: Int, delta: Int, firstLine: Int, region: ChunkResult) {
        self.old = old
        self.head = head
        self.tail = tail
        self.delta = delta
        self.firstLine = firstLine
        self.region = region
        headRows = old.firstRow(of: head)
        tailRows = old.firstRow(of: tail)
        rowShift = region.lines.count - (tailRows - headRows)
        lineShift = firstLine + region.lineCount - old.firstLine(of: tail)
    }

    func columns(_ columns: [Column], middle: [Column]) -> [Column]? {
        var out: [Column] = []
        for (f, column) in columns.enumerated() {
            switch (column, middle[f]) {
            case (.text(let c), .text(let m)): out.append(.text(c.spliced(head: headRows, middle: m, tail: tailRows)))
            case (.category(let c), .category(let m)): out.append(.category(c.spliced(head: headRows, middle: m, tail: tailRows)))
            case (.time(let c), .time(let m)): out.append(.time(Array(c[..<headRows]) + m + c[tailRows...]))
            case (.number(let c), .number(let m)): out.append(.number(Array(c[..<headRows]) + m + c[tailRows...]))
            case (.absent, .absent): out.append(.absent)
            default: return nil
            }
        }
        return out
    }

    func lines(_ lines: [Int32], middle: [Int32]) -> [Int32] {
        let shift = Int32(lineShift)
        return Array(lines[..<headRows]) + middle + lines[tailRows...].map { $0 + shift }
    }

    /// Messages go with their rows' blocks (a last line without a line end is on `endLine` itself).
    func diagnostics(_ old: [Diagnostic], middle: [Diagnostic]) -> [Diagnostic] {
        var out = head == self.old.starts.count ? old : old.filter { $0.line < firstLine }
        out += middle
        guard tail < self.old.starts.count else { return out }
        let tailLine = self.old.firstLine(of: tail)
        for var d in old where d.line >= tailLine {
            d.line += lineShift
            if d.rowLine > 0 { d.rowLine += lineShift }
            out.append(d)
        }
        return out
    }

    func blocks(fileSize: Int, rowCount: Int) -> RowBlocks {
        var blocks = old
        blocks.starts = Array(old.starts[..<head]) + region.starts.map { RowBlocks.Start(offset: $0.offset, row: $0.row + headRows, line: $0.line) }
            + old.starts[tail...].map { RowBlocks.Start(offset: $0.offset + delta, row: $0.row + rowShift, line: $0.line + lineShift) }
        blocks.hashes = Array(old.hashes[..<head]) + region.hashes + old.hashes[tail...]
        blocks.fileSize = fileSize
        blocks.endLine = old.endLine + lineShift
        blocks.rowCount = rowCount
        return blocks
    }
}
