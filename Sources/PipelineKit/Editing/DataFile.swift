import Foundation

/// One data file as read under the folder lock: its bytes, where our fields are, and its id column.
struct DataFile {
    let schema: TableSchema
    let name: String
    let url: URL
    let bytes: [UInt8]
    let columns: FileColumns
    let keyColumn: Int
    /// The id column's header, as `CSVCellEditor` looks it up.
    let keyHeader: String
    /// The file when it was read; a write refuses to replace it once it has changed since.
    var signature: FileSignature?

    /// Reads `schema`'s file, named by the settings' `[tables.NAME] file` or the default.
    static func read(_ schema: TableSchema, folder: URL, settings: Settings) throws(TriageFailure) -> DataFile {
        let mapping = settings.tables[schema.name]
        let name = mapping?.file ?? schema.defaultFile
        let url = settings.fileURL(of: schema, folder: folder)
        let bytes: [UInt8]
        let signature: FileSignature?
        switch FileBuffer.readArray(url) {
        case .success(let read, let readSignature): (bytes, signature) = (read, readSignature)
        case .failure(let message):
            if !FileManager.default.fileExists(atPath: url.path) {
                throw TriageFailure("\(name) is missing from the data folder; nothing was written")
            }
            throw TriageFailure("\(name): \(message); nothing was written")
        }
        // Empty: most likely caught between another program's truncate and its write.
        guard bytes.contains(where: { $0 != 10 && $0 != 13 && $0 != 0x20 }) else {
            throw TriageFailure("\(name) is empty (is it being written?); nothing was written")
        }
        let header = CSVCellEditor.header(bytes)
        let columns = FileColumns(header: header, schema: schema, mapping: mapping)
        guard let idField = schema.idField, let key = columns.index(of: idField), let keyHeader = columns.headerName(of: idField) else {
            throw TriageFailure("\(name) has no \(schema.idField ?? "id") column; nothing was written")
        }
        return DataFile(schema: schema, name: name, url: url, bytes: bytes, columns: columns, keyColumn: key, keyHeader: keyHeader,
                        signature: signature)
    }

    /// The table's schema by name, for a file named in an applied triage.
    static func schema(named table: String) -> TableSchema? {
        Schemas.all.first { $0.name == table }
    }

    func checkWritable() throws(TriageFailure) {
        try TriageFailure.checkWritable(url, label: name)
    }

    /// One field of a record as read by `CSVCellEditor.lookup`; "" for a missing column or cell.
    func value(_ field: String, in record: [String]) -> String {
        guard let i = columns.index(of: field), i < record.count else { return "" }
        return record[i]
    }
}

extension DataFile {
    /// Records looked at for a sample of how the file writes its values (moments, stage words,
    /// owners).
    static let layoutSampleRecords = 2_000

    /// Calls `visit` with the cells of each record after the header, among the first
    /// `layoutSampleRecords`, until it returns false.
    func forEachSampledRecord(_ visit: (UnsafeBufferPointer<UInt8>, UnsafeBufferPointer<FieldSpan>) -> Bool) {
        bytes.withUnsafeBufferPointer { buf in
            var records = 0
            _ = CSVParser(bytes: buf).parse(from: CSVParser.bodyStart(buf), to: buf.count) { cells, _ in
                records += 1
                guard records > 1 else { return true }
                return visit(buf, cells) && records <= Self.layoutSampleRecords
            }
        }
    }

    /// The filled cells of `field` among the sampled records, trimmed.
    func sampledCells(of field: String) -> [String] {
        guard let column = columns.index(of: field) else { return [] }
        var cells: [String] = []
        forEachSampledRecord { buf, record in
            if column < record.count, record[column].count > 0 {
                cells.append(CSVCellEditor.cell(buf, record[column]).trimmingCharacters(in: .whitespaces))
            }
            return true
        }
        return cells
    }

    /// How this file writes its moments: for each of its time columns, the layout of the first of
    /// its cells (among the first records) that reads as one. One pass serves every field an
    /// action writes.
    func timeLayouts(order: DateOrder) -> TimeLayouts {
        let timeColumns = schema.fields.filter { $0.kind == .time }.compactMap { columns.index(of: $0.name) }
        var found: [Int: TimestampLayout] = [:]
        if !timeColumns.isEmpty {
            forEachSampledRecord { buf, cells in
                for c in timeColumns where c < cells.count && found[c] == nil && cells[c].count > 0 {
                    if let layout = TimestampLayout(sample: CSVCellEditor.cell(buf, cells[c]), order: order) { found[c] = layout }
                }
                return found.count < timeColumns.count
            }
        }
        return TimeLayouts(columns: columns, timeColumns: timeColumns, byColumn: found)
    }

    /// How this file spells each word of `field`, from its first records: per word (as `word`
    /// reads a cell), the spelling most of its cells use. A CRM export writes "Working" where
    /// pipetop says sal: an edit writes the file's own word, not ours.
    func spellings(of field: String, word: (String) -> String?) -> [String: String] {
        var counts: [String: [String: Int]] = [:]
        for raw in sampledCells(of: field) {
            if let w = word(raw) { counts[w, default: [:]][raw, default: 0] += 1 }
        }
        // The most used spelling; of equals, the first in order, so the choice does not vary.
        return counts.mapValues { spellings in spellings.max { a, b in a.value != b.value ? a.value < b.value : a.key > b.key }!.key }
    }

    /// Whether `field`'s cells, among the first records, name people by their `ids` (an
    /// export's OwnerId) more often than by their `names`: an edit then writes the id.
    func writesIDs(in field: String, ids: Set<String>, names: Set<String>) -> Bool {
        guard !ids.isEmpty else { return false }
        let cells = sampledCells(of: field)
        return cells.filter(ids.contains).count > cells.filter { !ids.contains($0) && names.contains($0) }.count
    }
}

/// The layouts a file's time columns use, as sampled by `DataFile.timeLayouts(order:)`.
struct TimeLayouts {
    let columns: FileColumns
    /// The file's time columns, in the schema's field order.
    let timeColumns: [Int]
    let byColumn: [Int: TimestampLayout]

    /// How to write `field`: its own column's layout (`ownColumn`), else another time column's.
    /// Nil when the file has none to copy: the value is then written as ISO 8601.
    func layout(for field: String) -> (layout: TimestampLayout, ownColumn: Bool)? {
        if let own = columns.index(of: field), let layout = byColumn[own] { return (layout, true) }
        return timeColumns.lazy.compactMap { byColumn[$0] }.first.map { ($0, false) }
    }

    /// `moment` as the file would write it in `field`: a column of dates alone gets a date, a
    /// layout borrowed from another column keeps the time, and ISO 8601 when there is none.
    func text(_ moment: Int64, for field: String, timeZone: TimeZone, withTime: Bool = true) -> String {
        guard let found = layout(for: field) else { return formatISO(moment, timeZone: timeZone, withTime: withTime) }
        return found.layout.format(moment, timeZone: timeZone, withTime: withTime && !found.ownColumn)
    }
}

extension DataFile {
    /// Refuses a file the loader cannot read as a whole: one that ends inside a quoted cell or in
    /// the middle of a row (another program's save in progress), or whose lines end in a carriage
    /// return alone. Rewriting it would keep the cut end, and the rest of the other program's
    /// write would land after it.
    func checkWhole(settings: Settings) throws(TriageFailure) {
        try checkWhole(CSVCellEditor.lookup([], keyColumn: keyColumn, in: bytes, wholeFile: true), settings: settings)
    }

    /// The same, from a pass over the whole file made for a lookup.
    func checkWhole(_ scan: CSVCellEditor.Lookup, settings: Settings) throws(TriageFailure) {
        if !bytes.contains(10) && bytes.contains(13) {
            throw TriageFailure("\(name): the lines end in a carriage return alone (the old Mac line end); save it with LF or CRLF line ends; nothing was written")
        }
        if let line = scan.unterminatedQuoteLine {
            throw TriageFailure("\(name): the quoted cell that opens on line \(line) never closes (is the file still being written?); nothing was written")
        }
        if !CSVCellEditor.endsWithLineBreak(bytes), scan.recordCount > 1, let last = scan.lastRecord,
           leftOutReason(record: last, settings: settings) != nil {
            throw TriageFailure("\(name) ends in the middle of a row (is it still being written?); nothing was written")
        }
    }

    /// Why the loader leaves out the record at `record` (a cell that does not read, cells that do
    /// not line up with the header), in the loader's own words; nil when it reads the record. The
    /// record is read as the only row under the file's header, with the same settings.
    func leftOutReason(record: Range<Int>, settings: Settings) -> String? {
        var headerEnd = 0
        bytes.withUnsafeBufferPointer { buffer in
            _ = CSVParser(bytes: buffer).parse(from: CSVParser.bodyStart(buffer), to: buffer.count) { _, header in
                headerEnd = header.endOffset
                return false
            }
        }
        var sample = Array(bytes[..<headerEnd])
        if sample.last != 10 { sample.append(10) }
        sample += bytes[record]
        if sample.last != 10 { sample.append(10) }
        let mapping = settings.tables[schema.name]
        let table = TableLoader.load(bytes: sample, file: name, schema: schema,
                                     readers: SnapshotLoader(folder: url.deletingLastPathComponent()).readers(for: schema.name, settings: settings),
                                     mapping: ColumnMapping(headers: mapping?.columns ?? [:], fixed: mapping?.fixed ?? [:]))
        guard table.rowCount == 0 else { return nil }
        let why = table.diagnostics.first { $0.severity == .error }?.message ?? "it cannot be read"
        return why.replacingOccurrences(of: "; the row is left out", with: "")
    }
}
