/// Rows of figures printed as aligned text for a terminal or as a Markdown table for a README.
struct ResultTable {
    var columns: [String]
    /// Columns whose cells are right-aligned (figures); the others are left-aligned.
    var rightAligned: Set<Int>
    var rows: [[String]] = []

    func render(markdown: Bool) -> String {
        markdown ? renderMarkdown() : renderText()
    }

    private func renderText() -> String {
        let widths = columns.indices.map { c in ([columns[c]] + rows.map { $0[c] }).map(\.count).max() ?? 0 }
        func line(_ cells: [String]) -> String {
            cells.indices.map { c in
                let pad = String(repeating: " ", count: widths[c] - cells[c].count)
                return rightAligned.contains(c) ? pad + cells[c] : cells[c] + pad
            }.joined(separator: "  ")
        }
        var out = [line(columns), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }

    private func renderMarkdown() -> String {
        let rule = columns.indices.map { rightAligned.contains($0) ? "---:" : ":---" }
        return ([columns, rule] + rows).map { "| " + $0.joined(separator: " | ") + " |" }.joined(separator: "\n")
    }
}
