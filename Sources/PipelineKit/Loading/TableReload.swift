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
            return reload(buffer: buffer.bytes, file: file, previous: previous, readers: readers, mapping: mapping,
                          releaseBuffer: buffer.release, discard: { buffer.discard(upTo: $0) })
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
        guard !region.endedInsideQuotes else { return whole() }
        if to > from { region.sealBlocks(buffer, range: (from, to), firstLine: firstLine) }

        // What moves: the rows and lines after the region, and its blocks, by what the region gained.
        let headRows = old.firstRow(of: head), tailRows = old.firstRow(of: tail)
        let regionEndLine = firstLine + region.lineCount
        let lineShift = regionEndLine - old.firstLine(of: tail)
        let rowShift = region.lines.count - (tailRows - headRows)

        var starts = Array(old.starts[..<head])
        var hashes = Array(old.hashes[..<head])
        starts += region.starts.map { RowBlocks.Start(offset: $0.offset, row: $0.row + headRows, line: $0.line) }
        hashes += region.hashes
        for k in tail..<old.starts.count {
            let s = old.starts[k]
            starts.append(RowBlocks.Start(offset: s.offset + delta, row: s.row + rowShift, line: s.line + lineShift))
            hashes.append(old.hashes[k])
        }

        // Messages go with their rows' blocks (a last line without a line end is on `endLine` itself).
        var diagnostics = head == old.starts.count ? previous.diagnostics : previous.diagnostics.filter { $0.line < firstLine }
        diagnostics += region.diagnostics
        for var d in previous.diagnostics where d.line >= old.firstLine(of: tail) && tail < old.starts.count {
            d.line += lineShift
            diagnostics.append(d)
        }

        let columns = region.columns()
        var spliced: [Column] = []
        for (f, column) in previous.columns.enumerated() {
            switch (column, columns[f]) {
            case (.text(let c), .text(let m)): spliced.append(.text(c.spliced(head: headRows, middle: m, tail: tailRows)))
            case (.category(let c), .category(let m)): spliced.append(.category(c.spliced(head: headRows, middle: m, tail: tailRows)))
            case (.time(let c), .time(let m)): spliced.append(.time(Array(c[..<headRows]) + m + c[tailRows...]))
            case (.number(let c), .number(let m)): spliced.append(.number(Array(c[..<headRows]) + m + c[tailRows...]))
            case (.absent, .absent): spliced.append(.absent)
            default: return whole()
            }
        }
        releaseBuffer()
        var lines = Array(previous.lines[..<headRows])
        lines += region.lines
        let shift = Int32(lineShift)
        lines += previous.lines[tailRows...].map { $0 + shift }

        var table = LoadedTable(schema: schema, file: file, rowCount: lines.count, columns: spliced, lines: lines,
                                diagnostics: inLineOrder(diagnostics), failed: false, header: header.header)
        var blocks = old
        blocks.starts = starts
        blocks.hashes = hashes
        blocks.fileSize = buffer.count
        blocks.endLine = old.endLine + lineShift
        blocks.rowCount = lines.count
        table.blocks = blocks
        if let idField = schema.idField, let f = schema.index(of: idField) {
            if rowShift == 0, let index = previous.idIndex, case .text(let oldIDs) = previous.columns[f],
               case .text(let newIDs) = columns[f], oldIDs.sameRows(headRows..<tailRows, as: newIDs) {
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
