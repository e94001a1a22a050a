/// One key press, as the terminal backend decodes it and the update function consumes it.
public enum Key: Hashable, Sendable {
    /// A printable character (any script; multi-byte UTF-8 input arrives whole).
    case char(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, tab, backTab, backspace, delete, escape
    /// F1, F2, ...: `function(1)` is F1.
    case function(Int)
    /// A control chord, named by its lowercase letter: Ctrl-R is `ctrl("r")`.
    case ctrl(Character)
    /// The terminal changed size.
    case resize
}
