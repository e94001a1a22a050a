/// Drawing text and areas into a Frame. Everything that reaches a cell goes through `sanitized`,
/// and a double-width character is never left half drawn: overwriting either half clears the other.
extension Frame {
    /// The whole frame as a rect.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// Draws `text` from column `x` of row `y` and returns the columns it advanced.
    ///
    /// The text is sanitized first. It stops at the frame's right edge and after `maxWidth` columns;
    /// a wide character that does not fit whole is drawn as a space instead. Characters of width 0
    /// (a lone combining mark, a joiner) take no cell and are dropped. Columns left of the frame are
    /// counted but not drawn.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height else { return 0 }
        var limit = width
        if let maxWidth { limit = min(limit, x + max(0, maxWidth)) }
        var column = x
        for character in sanitized(text) {
            let w = displayWidth(of: character)
            if w == 0 { continue }
            if column + w > limit {
                if column < limit, column >= 0 {
                    setCell(" ", width: 1, x: column, y: y, style: style)
                    column += 1
                }
                break
            }
            if column >= 0 {
                setCell(character, width: w, x: column, y: y, style: style)
            } else if column + w > 0 {
                setCell(" ", width: 1, x: 0, y: y, style: style)
            }
            column += w
        }
        return max(0, column - x)
    }

    /// Fills `rect` (clipped to the frame) with `character`, which should be one column wide.
    public mutating func fill(rect: Rect, style: Style, character: Character = " ") {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        let glyph = displayWidth(of: character) == 1 ? character : " "
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX {
                setCell(glyph, width: 1, x: x, y: y, style: style)
            }
        }
    }

    /// Repaints the style of the cells in `rect`, keeping their characters (a selection bar, a flash).
    public mutating func restyle(rect: Rect, style: Style) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX {
                self[x, y].style = style
            }
        }
    }

    /// The rows of `text`, without their line ends.
    public var lines: [String] {
        var rows = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        rows.removeLast()
        return rows
    }

    /// The frame's styles as text, one letter a cell, so tests can check colours like characters.
    /// `legend` names each style; the first letter given for a style wins, and a style that is not
    /// in the legend shows as `unknown`. Continuation cells are skipped, as in `text`, so each row
    /// lines up character for character with the same row of `text`.
    public func styleText(legend: [(Character, Style)], unknown: Character = "?") -> String {
        var letters: [Style: Character] = [:]
        for (letter, style) in legend where letters[style] == nil { letters[style] = letter }
        var out = ""
        for y in 0..<height {
            for x in 0..<width {
                let cell = self[x, y]
                if !cell.isContinuation { out.append(letters[cell.style] ?? unknown) }
            }
            out.append("\n")
        }
        return out
    }

    /// Writes one character of width 1 or 2 at (x, y), clearing any wide character it cuts in half.
    mutating func setCell(_ character: Character, width w: Int, x: Int, y: Int, style: Style) {
        guard contains(x: x, y: y) else { return }
        let span = (w == 2 && x + 1 < width) ? 2 : 1
        let drawn: Character = (w == 2 && span == 1) ? " " : character
        // The left half of a wide character we are about to cover part of.
        if self[x, y].isContinuation, x > 0 {
            self[x - 1, y] = Cell(" ", style: self[x - 1, y].style)
        }
        // The right half of a wide character whose left half we cover.
        let after = x + span
        if after < width, self[after, y].isContinuation {
            self[after, y] = Cell(" ", style: self[after, y].style)
        }
        self[x, y] = Cell(drawn, style: style)
        if span == 2 {
            self[x + 1, y] = Cell(" ", style: style, isContinuation: true)
        }
    }
}
