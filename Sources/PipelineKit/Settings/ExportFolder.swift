import Foundation

/// A folder of CSV exports as presets and `pipetop init` look at it: which files it has, their
/// headers, and sample values of a column. Files are read once and kept.
final class ExportFolder: @unchecked Sendable {
    let url: URL
    private var cache: [String: [[String]]] = [:]
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

    func header(_ file: String) -> [String]? {
        records(file)?.first
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

    /// The first file whose header has every one of `headers`.
    func file(withHeaders headers: [String]) -> String? {
        files.first { file in headers.allSatisfy { headerCell(file, $0) != nil } }
    }

    /// The file named like `name` (any case), if there is one.
    func file(named name: String) -> String? {
        files.first { $0.lowercased() == name.lowercased() }
    }
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
