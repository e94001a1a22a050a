/// Text written into Markdown so that it renders as itself: names and notes come from data
/// files, and a cell holding `<b>`, `[a](javascript:…)`, `*`, `_` or a bar would otherwise turn
/// into HTML, a link, emphasis or a new table column wherever the report is pasted.
enum MarkdownText {
    /// `s` with a backslash before each character Markdown or its tables give a meaning to
    /// (CommonMark lets any ASCII punctuation be escaped so), and `&` before a name and `;` (an
    /// entity such as `&lt;`) written as `&amp;`.
    static func escaped(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { significant.contains($0) || $0 == "&" }) else { return s }
        let scalars = Array(s.unicodeScalars)
        var out = String.UnicodeScalarView()
        for (i, u) in scalars.enumerated() {
            if significant.contains(u) {
                out.append("\\")
                out.append(u)
            } else if u == "&", startsEntity(scalars, at: i) {
                out.append(contentsOf: "&amp;".unicodeScalars)
            } else {
                out.append(u)
            }
        }
        return String(out)
    }

    /// A backslash first among them: escaped along with the rest, a name's own `\|` stays a
    /// backslash and a bar rather than ending the cell.
    static let significant: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "<", ">", "#", "|", "~"]

    /// Whether `&` at `i` starts an entity: `&name;`, `&#123;` or `&#x1F;`.
    private static func startsEntity(_ scalars: [Unicode.Scalar], at i: Int) -> Bool {
        var k = i + 1
        while k < scalars.count, k - i <= 32 {
            let u = scalars[k]
            if u == ";" { return k > i + 1 }
            guard u.isASCII, u.properties.isAlphabetic || ("0"..."9").contains(u) || u == "#" else { return false }
            k += 1
        }
        return false
    }
}
