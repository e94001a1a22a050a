import TOMLKit

/// Typed reading of a parsed settings document. Every problem becomes a diagnostic at the key's
/// line, and the reader answers nil so the caller keeps its default.
final class SettingsReader {
    let fileName: String
    let locator: TOMLKeyLocator
    private(set) var diagnostics: [Diagnostic] = []

    init(fileName: String, locator: TOMLKeyLocator) {
        self.fileName = fileName
        self.locator = locator
    }

    func report(_ severity: Diagnostic.Severity, at path: [String], _ message: String, suggestion: String? = nil) {
        let position = locator.position(of: path)
        diagnostics.append(Diagnostic(file: fileName, line: position?.line ?? 0, column: position?.column ?? 0,
                                      severity: severity, message: message, suggestion: suggestion))
    }

    /// `data.time_zone`, `stages.aliases."Closed Won"`.
    func display(_ path: [String]) -> String {
        path.map { part in
            part.unicodeScalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" || $0 == "-") })
                && !part.isEmpty ? part : "\"\(part)\""
        }.joined(separator: ".")
    }

    /// The value at a key, or nil when it is absent or an unanswered `TODO` (reported here).
    func value(_ table: TOMLTable, _ key: String, path: [String]) -> TOMLValueConvertible? {
        guard let v = table[key] else { return nil }
        return isTodo(v, path: path) ? nil : v
    }

    /// Reports a string left as "TODO ..." by `pipetop init`.
    func isTodo(_ v: TOMLValueConvertible, path: [String]) -> Bool {
        guard v.type == .string, let s = v.string, s.hasPrefix("TODO") else { return false }
        report(.error, at: path, "not answered yet: \(s)",
               suggestion: "replace the TODO in \(display(path)) with the answer")
        return true
    }

    func wrongType(_ path: [String], expected: String, found: TOMLValueConvertible) {
        report(.error, at: path, "\(display(path)) must be \(expected), not \(article(found.type))")
    }

    private func article(_ type: TOMLType) -> String {
        switch type {
        case .int: "an integer"
        case .array: "an array"
        case .string: "a string"
        case .double: "a floating-point number"
        case .bool: "a boolean"
        case .table: "a table"
        case .date: "a date"
        case .time: "a time"
        case .dateTime: "a date-time"
        }
    }

    func table(_ table: TOMLTable, _ key: String, path: [String]) -> TOMLTable? {
        guard let v = value(table, key, path: path) else { return nil }
        guard let t = v.table else { wrongType(path, expected: "a table", found: v); return nil }
        return t
    }

    func string(_ table: TOMLTable, _ key: String, path: [String]) -> String? {
        guard let v = value(table, key, path: path) else { return nil }
        guard let s = v.string else { wrongType(path, expected: "a string", found: v); return nil }
        return s
    }

    func bool(_ table: TOMLTable, _ key: String, path: [String]) -> Bool? {
        guard let v = value(table, key, path: path) else { return nil }
        guard let b = v.bool else { wrongType(path, expected: "true or false", found: v); return nil }
        return b
    }

    /// An integer (a float with no fraction counts) within a range.
    func int(_ table: TOMLTable, _ key: String, path: [String], range: ClosedRange<Int>) -> Int? {
        guard let v = value(table, key, path: path) else { return nil }
        let n: Int
        if let i = v.int {
            n = i
        } else if let d = v.double, d.rounded() == d, abs(d) < 1e15 {
            n = Int(d)
        } else {
            wrongType(path, expected: "a whole number", found: v)
            return nil
        }
        guard range.contains(n) else {
            report(.error, at: path, "\(display(path)) must be from \(range.lowerBound) to \(range.upperBound), not \(n)")
            return nil
        }
        return n
    }

    /// A number within a range; `lowerOpen` excludes the lower bound.
    func number(_ table: TOMLTable, _ key: String, path: [String], range: ClosedRange<Double>,
                lowerOpen: Bool = false) -> Double? {
        guard let v = value(table, key, path: path) else { return nil }
        return number(v, path: path, range: range, lowerOpen: lowerOpen)
    }

    func number(_ v: TOMLValueConvertible, path: [String], range: ClosedRange<Double>, lowerOpen: Bool = false) -> Double? {
        let d: Double
        if let i = v.int { d = Double(i) } else if let x = v.double { d = x } else {
            wrongType(path, expected: "a number", found: v)
            return nil
        }
        guard d.isFinite, range.contains(d), !(lowerOpen && d == range.lowerBound) else {
            let low = lowerOpen ? "more than \(format(range.lowerBound))" : "at least \(format(range.lowerBound))"
            report(.error, at: path, "\(display(path)) is \(format(d)); it must be \(low) and at most \(format(range.upperBound))")
            return nil
        }
        return d
    }

    private func format(_ d: Double) -> String {
        d.rounded() == d && abs(d) < 1e15 ? String(Int(d)) : String(d)
    }

    /// An array of strings; wrong elements are reported and left out.
    func strings(_ table: TOMLTable, _ key: String, path: [String]) -> [String]? {
        guard let v = value(table, key, path: path) else { return nil }
        guard let array = v.array else { wrongType(path, expected: "an array of strings", found: v); return nil }
        var out: [String] = []
        for (n, element) in array.enumerated() {
            if isTodo(element, path: path) { continue }
            guard let s = element.string else {
                report(.error, at: path, "\(display(path)) item \(n + 1) must be a string, not \(article(element.type))")
                continue
            }
            out.append(s)
        }
        return out
    }

    /// A table of string values, in key order; wrong entries are reported and left out.
    func stringMap(_ table: TOMLTable, _ key: String, path: [String]) -> [(key: String, value: String)]? {
        guard let t = self.table(table, key, path: path) else { return nil }
        return stringMap(t, path: path)
    }

    func stringMap(_ t: TOMLTable, path: [String]) -> [(key: String, value: String)] {
        var out: [(key: String, value: String)] = []
        for k in t.keys.sorted() {
            let entryPath = path + [k]
            guard let v = value(t, k, path: entryPath) else { continue }
            guard let s = v.string else { wrongType(entryPath, expected: "a string", found: v); continue }
            out.append((k, s))
        }
        return out
    }

    /// Warns about keys a section does not have, with the nearest known key.
    func checkKeys(_ table: TOMLTable, path: [String], known: [String], hint: (String) -> String? = { _ in nil }) {
        let vocabulary = Vocabulary(words: known, aliases: [:])
        for key in table.keys.sorted() where !known.contains(key) {
            let where_ = path.isEmpty ? "at the top level" : "in [\(display(path))]"
            let suggestion = vocabulary.word(for: key).map { "did you mean \($0)?" }
                ?? vocabulary.suggestion(for: key).map { "did you mean \($0)?" }
                ?? hint(key)
            report(.warning, at: path + [key], "unknown key \(display([key])) \(where_)", suggestion: suggestion)
        }
    }

    var sortedDiagnostics: [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            (a.element.line, a.element.column, a.offset) < (b.element.line, b.element.column, b.offset)
        }.map(\.element)
    }
}
