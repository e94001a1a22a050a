/// `s` broken into lines of at most `width` columns at spaces; lines after the first start with
/// `indent`. The spaces between words stay as they were (a detail line spaces its fields apart);
/// a word longer than a line is cut where the line ends, so nothing is lost.
public func wrapped(_ s: String, toWidth width: Int, indent: String = "") -> [String] {
    let safe = sanitized(s)
    guard width > 0 else { return [] }
    let margin = displayWidth(of: indent) < width / 2 ? indent : ""
    // Each word with the spaces before it.
    var pieces: [(gap: String, word: String)] = []
    var gap = "", word = ""
    for character in safe {
        if character == " " {
            if !word.isEmpty { pieces.append((gap, word)); gap = ""; word = "" }
            gap.append(character)
        } else {
            word.append(character)
        }
    }
    if !word.isEmpty { pieces.append((gap, word)) }

    var lines: [String] = []
    var line = ""
    var used = 0
    var hasWords = false
    func startLine() {
        lines.append(line)
        line = margin
        used = displayWidth(of: margin)
        hasWords = false
    }
    for (k, piece) in pieces.enumerated() {
        // Spaces at the start of the text are kept; at the start of a wrapped line they go.
        let lead = hasWords || (k == 0 && lines.isEmpty) ? piece.gap : ""
        let w = displayWidth(of: piece.word)
        if used + lead.count + w <= width {
            line += lead + piece.word
            used += lead.count + w
            hasWords = true
            continue
        }
        if hasWords { startLine() }
        // A word wider than a whole line goes in pieces.
        for character in piece.word {
            let cw = displayWidth(of: character)
            if used + cw > width && hasWords { startLine() }
            line.append(character)
            used += cw
            hasWords = true
        }
    }
    if hasWords || lines.isEmpty { lines.append(line) }
    return lines
}
