import Foundation

/// A folder of CSV exports as presets and `pipetop init` look at it: which files it has, their
/// headers, and sample values of a column. Files are read once and kept.
final class ExportFolder: @unchecked Sendable {
    let url: URL
    private var cache: [String: [[String]]] = [:]
    private var headers: [String: [String]] = [:]
    private let lock = NSLock()

    init(url: URL) {
        self.url = url
    }

    /// The CSV files, sorted by name.
    lazy var files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.lowercased().hasSuffix(".csv") }.sorted()
    }()

    /// A file's records (the header first), or nil when it cannot be read.
    func records(_ file: String) -> [[String]]? {
        lock.lock()
        defer { lock.unlock() }
        if let cached = cache[file] { return cached }
        guard let data = FileManager.default.contents(atPath: url.appendingPathComponent(file).path) else { return nil }
        let bytes = [UInt8](data)
        var rows: [[String]] = []
        bytes.withUnsafeBufferPointer { buffer in
            let parser = CSVParser(bytes: buffer)
            _ = parser.parse(from: CSVParser.bodyStart(buffer), to: buffer.count) { fields, _ in
                rows.append(fields.map { parser.string($0) })
                return true
            }
        }
        cache[file] = rows
        return rows
    }

    /// A file's first record, read from the start of the file alone when the file is not read yet:
    /// finding a preset's files by their headers looks at every CSV file of the folder.
    func header(_ file: String) -> [String]? {
        lock.lock()
        if let cached = cache[file] { lock.unlock(); return cached.first }
        if let cached = headers[file] { lock.unlock(); return cached }
        lock.unlock()
        guard let handle = FileHandle(forReadingAtPath: url.appendingPathComponent(file).path) else { return nil }
        let chunk = 1 << 16
        let data = (try? handle.read(upToCount: chunk)) ?? Data()
        try? handle.close()
        var first: [String]?
        var complete = false
        [UInt8](data).withUnsafeBufferPointer { buffer in
            let parser = CSVParser(bytes: buffer)
            _ = parser.parse(from: CSVParser.bodyStart(buffer), to: buffer.count) { fields, record in
                first = fields.map { parser.string($0) }
                // A header cut off by the end of the chunk is read again from the whole file.
                complete = record.endOffset < buffer.count || buffer.count < chunk
                return false
            }
        }
        if !complete && data.count >= chunk { return records(file)?.first }
        lock.lock()
        headers[file] = first
        lock.unlock()
        return first
    }

    /// The header cell that stands for `name` (compared like column names), if the file has one.
    func headerCell(_ file: String, _ name: String) -> String? {
        let key = headerKey(name)
        return header(file)?.first { headerKey($0) == key }
    }

    /// The non-empty values of a column, with the line each is on (line 2 is the first record).
    func values(_ file: String, column name: String) -> [(value: String, line: Int)] {
        guard let rows = records(file), let head = rows.first else { return [] }
        let key = headerKey(name)
        guard let index = head.firstIndex(where: { headerKey($0) == key }) else { return [] }
        var out: [(String, Int)] = []
        for (n, row) in rows.dropFirst().enumerated() where index < row.count {
            let v = row[index].trimmingCharacters(in: .whitespaces)
            if !v.isEmpty { out.append((v, n + 2)) }
        }
        return out
    }

    /// The first file whose header has every one of `headers`, other than those in `excluding`.
    func file(withHeaders headers: [String], excluding: Set<String> = []) -> String? {
        files.first { file in !excluding.contains(file) && headers.allSatisfy { headerCell(file, $0) != nil } }
    }

    /// The file named `name` in any case (`LEAD.CSV` for `Lead.csv`), else, unless `exactly`, one
    /// whose name is the plural or the singular of it, spelt with other separators (`leads.csv`,
    /// `Sales Pipeline.csv`).
    func file(named name: String, exactly: Bool = false) -> String? {
        if let exact = files.first(where: { $0.lowercased() == name.lowercased() }) { return exact }
        if exactly { return nil }
        let key = fileKey(name)
        return files.first { fileKey($0) == key }
    }
}

extension ExportFolder {
    /// The files of an export, each given by its usual name and columns that only its file has:
    /// the file of this folder that is each, keyed by the usual name. A file with the very name in
    /// any case is taken first; then one named in another number or spelling (`Leads.CSV`) that has
    /// the columns, then any with the columns: a file named like one of an export's but holding
    /// something else (a `campaigns.csv` in pipetop's own format) is left alone.
    func find(_ wanted: [(file: String, headers: [String])]) -> [String: String] {
        var found: [String: String] = [:]
        func has(_ file: String, _ headers: [String]) -> Bool { headers.allSatisfy { headerCell(file, $0) != nil } }
        for w in wanted {
            if let f = files.first(where: { $0.lowercased() == w.file.lowercased() && !found.values.contains($0) }) { found[w.file] = f }
        }
        for w in wanted where found[w.file] == nil {
            if let f = files.first(where: { fileKey($0) == fileKey(w.file) && !found.values.contains($0) && has($0, w.headers) }) { found[w.file] = f }
        }
        for w in wanted where found[w.file] == nil {
            if let f = file(withHeaders: w.headers, excluding: Set(found.values)) { found[w.file] = f }
        }
        return found
    }
}

/// A file name compared like a table's: without `.csv`, case and separators, and in the singular
/// (`Opportunities.CSV`, `opportunity.csv` and `Opportunity.csv` are one name).
func fileKey(_ name: String) -> String {
    var stem = name
    if stem.lowercased().hasSuffix(".csv") { stem = String(stem.dropLast(4)) }
    let key = headerKey(stem)
    if key.hasSuffix("ies"), key.count > 4 { return String(key.dropLast(3)) + "y" }
    if key.hasSuffix("s"), !key.hasSuffix("ss"), key.count > 2 { return String(key.dropLast()) }
    return key
}

/// What the dates of some columns say about their day/month order. `03/01/17` could be either;
/// `03/21/17` can only be month first.
enum DateEvidence: Equatable {
    /// No date-looking values.
    case none
    /// All year first with dashes (`2017-03-01`, `2024-01-23T02:35:01.000+0000`).
    case iso
    /// A day above 12 in the second field: month first.
    case monthFirst
    /// A day above 12 in the first field: day first.
    case dayFirst
    /// Both orders fit every value: the example is one that could be either.
    case ambiguous(example: String, line: Int)
    /// Some values only fit month first, others only day first.
    case conflicting

    /// Reads values such as `02/24/26 08:55 PM`, `2017-03-01` or `1.3.2017`.
    static func of(_ values: [(value: String, line: Int)]) -> DateEvidence {
        var sawISO = false, sawOther = false, monthFirst = false, dayFirst = false
        var example: (String, Int)?
        for (value, line) in values {
            let datePart = value.split(whereSeparator: { $0 == " " || $0 == "T" }).first.map(String.init) ?? value
            let fields = datePart.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." })
            guard fields.count == 3, fields.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { continue }
            if fields[0].count == 4 { sawISO = true; continue }
            sawOther = true
            guard let a = Int(fields[0]), let b = Int(fields[1]) else { continue }
            if a > 12 && b <= 12 { dayFirst = true }
            if b > 12 && a <= 12 { monthFirst = true }
            if a <= 12 && b <= 12 && example == nil { example = (value, line) }
        }
        if monthFirst && dayFirst { return .conflicting }
        if monthFirst { return .monthFirst }
        if dayFirst { return .dayFirst }
        if sawOther, let example { return .ambiguous(example: example.0, line: example.1) }
        return sawISO ? .iso : .none
    }
}
