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

/// Reads one CSV file into typed columns. Large files are split in two and read on both cores.
public enum TableLoader {
    /// Files above this size are read in two halves at once.
    static let parallelThreshold = 4 << 20

    /// `label` names the file in messages (default: its name).
    public static func load(url: URL, label: String? = nil, schema: TableSchema, readers: CellReaders, mapping: ColumnMapping = .none) -> LoadedTable {
        let file = label ?? url.lastPathComponent
        switch readFile(url) {
        case .failure(let message):
            return failedTable(schema: schema, file: file, message: message)
        case .success(let bytes):
            return load(bytes: bytes, file: file, schema: schema, readers: readers, mapping: mapping)
        }
    }

    enum ReadResult { case success([UInt8]), failure(String) }

    static func readFile(_ url: URL) -> ReadResult {
        let fd = open(url.path, O_RDONLY)
        if fd < 0 {
            return .failure(errno == ENOENT ? "missing file" : "cannot open: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { return .failure("cannot read: \(String(cString: strerror(errno)))") }
        if (st.st_mode & S_IFMT) == S_IFDIR { return .failure("is a folder, not a file") }
        let size = Int(st.st_size)
        var failure: String?
        let bytes = [UInt8](unsafeUninitializedCapacity: size) { buf, initialized in
            var got = 0
            while got < size {
                let n = read(fd, buf.baseAddress! + got, size - got)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = "cannot read: \(String(cString: strerror(errno)))"
                    break
                }
                if n == 0 { break }
                got += n
            }
            initialized = got
        }
        if let failure { return .failure(failure) }
        return .success(bytes)
    }

    static func failedTable(schema: TableSchema, file: String, message: String, line: Int = 0) -> LoadedTable {
        LoadedTable(schema: schema, file: file, rowCount: 0,
                    columns: Array(repeating: .absent, count: schema.fields.count), lines: [],
                    diagnostics: [Diagnostic(file: file, line: line, message: message)], failed: true, header: [])
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

    /// `parallelAbove`: files with a larger body are read in two halves at once (tests lower it to exercise the split).
    static func load(buffer: UnsafeBufferPointer<UInt8>, file: String, schema: TableSchema, readers: CellReaders,
                     mapping: ColumnMapping, parallelAbove: Int = parallelThreshold) -> LoadedTable {
        let parser = CSVParser(bytes: buffer)
        let start = CSVParser.bodyStart(buffer)
        var header: [String] = []
        var headerEnd = start
        var headerLines = 0
        let headerOutcome = parser.parse(from: start, to: buffer.count) { fields, record in
            header = fields.map { parser.string($0) }
            headerEnd = record.endOffset
            return false
        }
        headerLines = headerOutcome.lines
        let expected = schema.fields.map(\.name).joined(separator: ", ")
        if header.isEmpty || (header.count == 1 && header[0].trimmingCharacters(in: .whitespaces).isEmpty) {
            return failedTable(schema: schema, file: file,
                               message: "the file is empty: expected a header row with the columns \(expected)")
        }

        // Match header cells to fields.
        var diagnostics: [Diagnostic] = []
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
            missing.append(Diagnostic(file: file, line: 1, message: "missing required column \(label); the header has: \(header.joined(separator: ", "))",
                                      suggestion: near.map { "did you mean \"\($0)\"?" }))
        }
        if !missing.isEmpty {
            var t = failedTable(schema: schema, file: file, message: "")
            t.diagnostics = missing
            t.header = header
            return t
        }

        let context = ChunkContext(schema: schema, positions: positions, headerCount: header.count,
                                   readers: readers, file: file, fixed: fixedValues,
                                   allValidUTF8: isValidUTF8Fast(buffer))
        let bodyLine = 1 + headerLines
        let chunks: [ChunkResult]
        if buffer.count - headerEnd > parallelAbove, let split = splitPoint(buffer, from: headerEnd) {
            let ranges = [(headerEnd, split), (split, buffer.count)]
            let results = ResultSlots(count: 2)
            DispatchQueue.concurrentPerform(iterations: 2) { k in
                results.set(k, readChunk(parser: parser, range: ranges[k], firstLine: 1, context: context))
            }
            let a = results.value(0), b = results.value(1)
            if a.endedInsideQuotes {
                // The split fell inside a quoted line break: read it all in one pass instead.
                chunks = [readChunk(parser: parser, range: (headerEnd, buffer.count), firstLine: bodyLine, context: context)]
            } else {
                var a = a, b = b
                a.shiftLines(by: bodyLine - 1)
                b.shiftLines(by: bodyLine - 1 + a.lineCount)
                chunks = [a, b]
            }
        } else {
            chunks = [readChunk(parser: parser, range: (headerEnd, buffer.count), firstLine: bodyLine, context: context)]
        }

        var merged = chunks[0]
        for c in chunks.dropFirst() { merged.append(c) }
        diagnostics += merged.diagnostics
        let failed = merged.endedInsideQuotes
        var table = LoadedTable(schema: schema, file: file, rowCount: merged.lines.count,
                                columns: merged.columns(), lines: merged.lines,
                                diagnostics: diagnostics, failed: failed, header: header)
        if let idField = schema.idField { dropDuplicateIDs(&table, field: idField) }
        return table
    }

    /// A line start near the middle of the body, or nil when there is none.
    static func splitPoint(_ buffer: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        var i = from + (buffer.count - from) / 2
        while i < buffer.count && buffer[i] != UInt8(ascii: "\n") { i += 1 }
        return i + 1 < buffer.count ? i + 1 : nil
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
                file: table.file, line: Int(table.lines[r]), column: 1,
                message: "duplicate \(field) \"\(ids[r])\" (first at line \(table.lines[first])): this row is left out"))
        }
        if any { table.keepRows(keep) }
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

/// Per-chunk results written from two threads, each slot by one thread only.
private final class ResultSlots: @unchecked Sendable {
    private var slots: [ChunkResult?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ k: Int, _ r: ChunkResult) { lock.lock(); slots[k] = r; lock.unlock() }
    func value(_ k: Int) -> ChunkResult { lock.lock(); defer { lock.unlock() }; return slots[k]! }
}
