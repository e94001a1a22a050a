/// The characters widgets draw with. `unicode` needs a UTF-8 terminal; `ascii` works anywhere.
/// The backend picks one from the locale once, and widgets receive it in the `RenderContext`.
public struct Glyphs: Sendable, Hashable {
    /// The eight pieces of a rectangle's border.
    public struct BoxLines: Sendable, Hashable {
        public var topLeft: Character
        public var topRight: Character
        public var bottomLeft: Character
        public var bottomRight: Character
        public var horizontal: Character
        public var vertical: Character
        /// Joins a horizontal rule to the left and right borders (├ ┤).
        public var teeLeft: Character
        public var teeRight: Character

        public init(
            topLeft: Character, topRight: Character, bottomLeft: Character, bottomRight: Character,
            horizontal: Character, vertical: Character, teeLeft: Character, teeRight: Character
        ) {
            self.topLeft = topLeft
            self.topRight = topRight
            self.bottomLeft = bottomLeft
            self.bottomRight = bottomRight
            self.horizontal = horizontal
            self.vertical = vertical
            self.teeLeft = teeLeft
            self.teeRight = teeRight
        }
    }

    public var isUnicode: Bool
    public var light: BoxLines
    public var heavy: BoxLines
    public var rounded: BoxLines
    /// Partial bar cells from one step to a full cell: eight eighths in Unicode, one `#` in ASCII.
    public var barSteps: [Character]
    /// The empty part of a bar's track.
    public var barBehind: Character
    /// The last cell of a bar whose value is past its end (over 100%).
    public var barOverflow: Character
    /// Sparkline levels from lowest to highest.
    public var sparkLevels: [Character]
    /// Beside the title of the column a table is sorted by. Arrows, not triangles, so they are
    /// not read as the behind-pace mark in the rows below.
    public var sortAscending: Character
    public var sortDescending: Character
    /// Marks a rep or team behind pace, beside the colour.
    public var behind: Character
    public var left: Character
    public var right: Character
    public var filled: Character
    public var hollow: Character
    public var check: Character
    public var cross: Character
    /// The "where it should be by now" mark on a bar.
    public var pace: Character
    /// Ends text that was cut short.
    public var ellipsis: Character
    /// Stands for a value that is not there. Never 0.
    public var missing: String
    /// Fills big digits in ASCII; Unicode uses full and half blocks.
    public var bigPixel: Character

    /// Chooses Unicode when the locale's character set is UTF-8, from LC_ALL, LC_CTYPE or LANG
    /// (the first one set), the way setlocale reads them.
    public static func forLocale(environment: [String: String]) -> Glyphs {
        let locale = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
        let lowered = locale.lowercased()
        return lowered.contains("utf-8") || lowered.contains("utf8") ? .unicode : .ascii
    }

    public static let unicode = Glyphs(
        isUnicode: true,
        light: BoxLines(topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
                        horizontal: "─", vertical: "│", teeLeft: "├", teeRight: "┤"),
        heavy: BoxLines(topLeft: "┏", topRight: "┓", bottomLeft: "┗", bottomRight: "┛",
                        horizontal: "━", vertical: "┃", teeLeft: "┣", teeRight: "┫"),
        rounded: BoxLines(topLeft: "╭", topRight: "╮", bottomLeft: "╰", bottomRight: "╯",
                          horizontal: "─", vertical: "│", teeLeft: "├", teeRight: "┤"),
        barSteps: ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"],
        barBehind: "░",
        barOverflow: "▶",
        sparkLevels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        sortAscending: "↑", sortDescending: "↓", behind: "▼", left: "◀", right: "▶",
        filled: "●", hollow: "○", check: "✓", cross: "✗",
        pace: "┃",
        ellipsis: "…",
        missing: "—",
        bigPixel: "█"
    )

    public static let ascii = Glyphs(
        isUnicode: false,
        light: BoxLines(topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
                        horizontal: "-", vertical: "|", teeLeft: "+", teeRight: "+"),
        heavy: BoxLines(topLeft: "#", topRight: "#", bottomLeft: "#", bottomRight: "#",
                        horizontal: "=", vertical: "|", teeLeft: "#", teeRight: "#"),
        rounded: BoxLines(topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
                          horizontal: "-", vertical: "|", teeLeft: "+", teeRight: "+"),
        barSteps: ["#"],
        barBehind: ".",
        barOverflow: ">",
        sparkLevels: ["_", ".", "-", "=", "^"],
        sortAscending: "^", sortDescending: "v", behind: "!", left: "<", right: ">",
        filled: "*", hollow: "o", check: "+", cross: "x",
        pace: "|",
        ellipsis: "~",
        missing: "-",
        bigPixel: "#"
    )
}
