/// A number or a short figure ("$1.2M", "87%", "12/40") in large characters, readable from across
/// a room at the morning standup.
///
/// Each character is a bitmap five pixels tall. Large (5 rows) draws a pixel as two cells of █
/// (or ##), so pixels are about square. Small (3 rows) packs two pixel rows into one with half
/// blocks ▀ ▄ █; its ASCII form draws segments with `_` and `|` instead, since ASCII has no half blocks.
/// It draws digits, `$ % . , / k M B T x -` and space; `size(toFit:)` refuses any other
/// character, so a figure is never shown with a letter missing ("$1.7" for $1.7B).
public struct BigDigits: Sendable, Hashable {
    public enum Size: Sendable, Hashable, CaseIterable {
        /// Three rows tall.
        case small
        /// Five rows tall.
        case large

        public var rows: Int { self == .small ? 3 : 5 }
        var pixelColumns: Int { self == .small ? 1 : 2 }
    }

    public var text: String
    public var size: Size
    /// The theme's `title` style when nil.
    public var style: Style?
    public var alignment: Alignment

    public init(_ text: String, size: Size = .large, style: Style? = nil, alignment: Alignment = .left) {
        self.text = text
        self.size = size
        self.style = style
        self.alignment = alignment
    }

    /// Cells between two characters.
    static let spacing = 1

    /// Columns `text` takes at `size` (the same with Unicode and ASCII glyphs).
    public static func width(of text: String, size: Size = .large) -> Int {
        let characters = Array(text)
        guard !characters.isEmpty else { return 0 }
        let pixels = characters.reduce(0) { $0 + bitmap(for: $1).first!.count }
        return pixels * size.pixelColumns + spacing * (characters.count - 1)
    }

    /// The largest size at which `text` fits in `width` x `height`, nil when not even small fits.
    public static func size(toFit text: String, width: Int, height: Int) -> Size? {
        guard text.allSatisfy(canDraw) else { return nil }
        for size in [Size.large, .small] where size.rows <= height && BigDigits.width(of: text, size: size) <= width {
            return size
        }
        return nil
    }

    /// The rows of text for `text`, each `width(of:size:)` columns.
    public static func lines(_ text: String, size: Size = .large, glyphs: Glyphs) -> [String] {
        var rows = Array(repeating: "", count: size.rows)
        for (index, character) in text.enumerated() {
            if index > 0 {
                for row in rows.indices { rows[row] += String(repeating: " ", count: spacing) }
            }
            let glyphRows = rendered(character, size: size, glyphs: glyphs)
            for row in rows.indices { rows[row] += glyphRows[row] }
        }
        return rows
    }

    /// Draws the figure at the top of `rect`, aligned as asked and cut at its right edge.
    public func draw(into frame: inout Frame, in rect: Rect, context: RenderContext) {
        guard !rect.isEmpty else { return }
        let rows = BigDigits.lines(text, size: size, glyphs: context.glyphs)
        let width = BigDigits.width(of: text, size: size)
        let offset: Int
        switch alignment {
        case .left: offset = 0
        case .right: offset = max(0, rect.width - width)
        case .center: offset = max(0, (rect.width - width) / 2)
        }
        for (index, row) in rows.enumerated() where index < rect.height {
            frame.put(row, x: rect.x + offset, y: rect.y + index, style: style ?? context.theme.title,
                      maxWidth: rect.width - offset)
        }
    }

    private static func rendered(_ character: Character, size: Size, glyphs: Glyphs) -> [String] {
        let pixels = bitmap(for: character)
        switch (size, glyphs.isUnicode) {
        case (.large, _):
            let on = String(repeating: String(glyphs.bigPixel), count: 2)
            return pixels.map { row in row.map { $0 == "#" ? on : "  " }.joined() }
        case (.small, true):
            return stride(from: 0, to: 5, by: 2).map { top in
                let upper = Array(pixels[top])
                let lower = top + 1 < pixels.count ? Array(pixels[top + 1]) : Array(repeating: Character("."), count: upper.count)
                return String(zip(upper, lower).map { pair -> Character in
                    switch (pair.0 == "#", pair.1 == "#") {
                    case (true, true): "█"
                    case (true, false): "▀"
                    case (false, true): "▄"
                    case (false, false): " "
                    }
                })
            }
        case (.small, false):
            return segments(for: character)
        }
    }

    /// The five-row bitmaps, `#` for a pixel that is on.
    static func canDraw(_ character: Character) -> Bool {
        character == " " || bitmap(for: character) != bitmap(for: " ")
    }

    private static func bitmap(for character: Character) -> [String] {
        switch character {
        case "0": ["###", "#.#", "#.#", "#.#", "###"]
        case "1": [".#.", "##.", ".#.", ".#.", "###"]
        case "2": ["###", "..#", "###", "#..", "###"]
        case "3": ["###", "..#", ".##", "..#", "###"]
        case "4": ["#.#", "#.#", "###", "..#", "..#"]
        case "5": ["###", "#..", "###", "..#", "###"]
        case "6": ["###", "#..", "###", "#.#", "###"]
        case "7": ["###", "..#", ".#.", ".#.", ".#."]
        case "8": ["###", "#.#", "###", "#.#", "###"]
        case "9": ["###", "#.#", "###", "..#", "###"]
        case "$": [".##", "##.", ".#.", ".##", "##."]
        case "%": ["#.#", "..#", ".#.", "#..", "#.#"]
        case ".": [".", ".", ".", ".", "#"]
        case ",": [".", ".", ".", "#", "#"]
        case "/": ["..#", "..#", ".#.", "#..", "#.."]
        case "k", "K": ["#..", "#.#", "##.", "#.#", "#.#"]
        case "M": ["#...#", "##.##", "#.#.#", "#...#", "#...#"]
        case "B": ["##.", "#.#", "##.", "#.#", "##."]
        case "T": ["###", ".#.", ".#.", ".#.", ".#."]
        case "x": ["...", "#.#", ".#.", "#.#", "..."]
        case "-", "—", "−": ["...", "...", "###", "...", "..."]
        default: ["...", "...", "...", "...", "..."]
        }
    }

    /// Three-row ASCII forms, seven-segment style, each as wide as the character's bitmap.
    private static func segments(for character: Character) -> [String] {
        switch character {
        case "0": [" _ ", "| |", "|_|"]
        case "1": ["   ", "  |", "  |"]
        case "2": [" _ ", " _|", "|_ "]
        case "3": [" _ ", " _|", " _|"]
        case "4": ["   ", "|_|", "  |"]
        case "5": [" _ ", "|_ ", " _|"]
        case "6": [" _ ", "|_ ", "|_|"]
        case "7": [" _ ", "  |", "  |"]
        case "8": [" _ ", "|_|", "|_|"]
        case "9": [" _ ", "|_|", " _|"]
        case "$": ["_|_", "(_ ", " _)"]
        case "%": ["o /", " / ", "/ o"]
        case ".": [" ", " ", "."]
        case ",": [" ", " ", ","]
        case "/": ["  /", " / ", "/  "]
        case "k", "K": ["|  ", "|/ ", "|\\ "]
        case "M": ["     ", "|\\ /|", "| V |"]
        case "B": ["_  ", "|_)", "|_)"]
        case "T": ["___", " | ", " | "]
        case "x": ["   ", "\\ /", "/ \\"]
        case "-", "—", "−": ["   ", " _ ", "   "]
        default: ["   ", "   ", "   "]
        }
    }
}
