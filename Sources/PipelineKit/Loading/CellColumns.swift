import Foundation

/// Finds the columns of messages about one cell that were made once the file's bytes were given
/// back (an unknown stage, a duplicate id, a rep not in reps.csv): the file is read again and each
/// such row parsed to the cell, so every message can name its file, line and column. Only files
/// with such messages are read, once each.
enum CellColumns {
    /// Fills in the column, and the line the cell itself is on, of each message at `indices`, all
    /// about rows of `table` as read from `url`. A row that no longer has the cell, or has other
    /// text in it (the file changed since it was read), keeps its message without a column: the
    /// reload that change brings finds it.
    static func locate(_ diagnostics: inout [Diagnostic], at indices: [Int], url: URL, table: LoadedTable) {
        guard !indices.isEmpty, case .success(let buffer) = FileBuffer.read(url) else { return }
        defer { buffer.release() }
        let bytes = buffer.bytes
        guard let base = bytes.baseAddress else { return }
        let parser = CSVParser(bytes: bytes)
        // One pass over the line starts, up to the last line asked for.
        var line = 1, offset = 0
        for k in indices.sorted(by: { diagnostics[$0].line < diagnostics[$1].line }) {
            let target = diagnostics[k].line
            while line < target && offset < bytes.count {
                guard let lf = memchr(base + offset, 0x0A, bytes.count - offset) else { offset = bytes.count; break }
                offset = UnsafeRawPointer(lf).assumingMemoryBound(to: UInt8.self) - base + 1
                line += 1
            }
            guard line == target, offset < bytes.count, let field = diagnostics[k].cellField,
                  let f = table.schema.index(of: field), f < table.positions.count, table.positions[f] >= 0 else { continue }
            let position = table.positions[f]
            var at = -1
            let expected = diagnostics[k].cellValue
            _ = parser.parse(from: offset, to: bytes.count, firstLine: target) { cells, _ in
                guard position < cells.count else { return false }
                let cell = cells[position]
                if let expected, parser.string(cell).trimmingCharacters(in: .init(charactersIn: " \t")) != expected { return false }
                at = cell.quoted ? cell.start - 1 : cell.start
                return false
            }
            guard at >= 0 else { continue }
            // A cell after a quoted line break is on a later line than its row's start.
            var cellLine = target
            for i in offset..<at where base[i] == 0x0A { cellLine += 1 }
            diagnostics[k].line = cellLine
            diagnostics[k].column = characterColumn(bytes, at)
        }
    }
}
