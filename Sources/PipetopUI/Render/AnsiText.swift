/// A frame as text with 24-bit colour escape sequences (for `snapshot --color`): pasted into a
/// terminal or a chat that understands them, it looks as it does on screen.
public func ansiText(_ frame: Frame) -> String {
    var out = ""
    out.reserveCapacity(frame.width * frame.height * 2)
    for y in 0..<frame.height {
        var current: Style?
        for x in 0..<frame.width {
            let cell = frame[x, y]
            if cell.isContinuation { continue }
            if cell.style != current {
                out += sgr(cell.style)
                current = cell.style
            }
            out.append(cell.character)
        }
        out += "\u{1B}[0m\n"
    }
    return out
}

private func sgr(_ style: Style) -> String {
    var codes = ["0"]
    if style.attributes.contains(.bold) { codes.append("1") }
    if style.attributes.contains(.dim) { codes.append("2") }
    if style.attributes.contains(.underline) { codes.append("4") }
    if style.attributes.contains(.reverse) { codes.append("7") }
    if case .rgb(let r, let g, let b) = style.fg { codes.append("38;2;\(r);\(g);\(b)") }
    if case .rgb(let r, let g, let b) = style.bg { codes.append("48;2;\(r);\(g);\(b)") }
    return "\u{1B}[" + codes.joined(separator: ";") + "m"
}
