import Foundation

/// Columns whose values add up past the largest number a Double holds (about 1.8e308): each
/// value parses, but a total over them is infinite, and would read as unknown. Said as a warning
/// at the row where the running total of the column's sizes first overflows: every total that
/// leaves that row out is finite (it adds up less), so a clean column is proof no total overflows.
public enum TotalOverflow {
    /// One warning per column that overflows. `locating`: find each warning's column in its file
    /// (`pipetop check` wants it; a report's note does not).
    public static func diagnostics(_ s: Snapshot, locating: Bool = true) -> [Diagnostic] {
        var found: [(table: String, diagnostic: Diagnostic)] = []
        func scan(_ table: String, _ field: String, what: String, count: Int, value: (Int) -> Double, line: (Int) -> Int) {
            var total = 0.0
            for r in 0..<count {
                let v = value(r)
                guard !v.isNaN else { continue }
                total += abs(v)
                guard total.isFinite else {
                    let file = s.tables[table]?.file ?? s.fileName(table)
                    found.append((table, Diagnostic(file: file, line: line(r), cell: field, severity: .warning,
                                                    message: "\(field): the \(what) add up past the largest number pipetop can hold (about 1.8e308) by this row; totals that take it in are shown as overflow",
                                                    suggestion: "check the \(field) column for a value written too large")))
                    return
                }
            }
        }
        let d = s.deals
        scan("deals", "amount", what: "deal amounts", count: d.count, value: { d.amount[$0] }, line: { Int(d.line[$0]) })
        let c = s.campaigns
        scan("campaigns", "budget", what: "campaign budgets", count: c.count, value: { c[$0].budget }, line: { c[$0].line })
        scan("campaigns", "spend", what: "campaign spends", count: c.count, value: { c[$0].spend }, line: { c[$0].line })
        scan("campaigns", "impressions", what: "campaign impressions", count: c.count, value: { c[$0].impressions }, line: { c[$0].line })
        scan("campaigns", "clicks", what: "campaign clicks", count: c.count, value: { c[$0].clicks }, line: { c[$0].line })
        let q = s.quotas
        scan("quotas", "target", what: "quota targets", count: q.count, value: { q[$0].target }, line: { q[$0].line })

        var out = found.map(\.diagnostic)
        if locating {
            for (k, item) in found.enumerated() where out[k].line > 0 {
                guard let table = s.tables[item.table] else { continue }
                let url = table.file.hasPrefix("/") ? URL(fileURLWithPath: table.file) : s.folder.appendingPathComponent(table.file)
                CellColumns.locate(&out, at: [k], url: url, table: table)
            }
        }
        return out
    }
}
