/// Why the terminal could not be opened.
public enum ScreenError: Error, Equatable, CustomStringConvertible {
    /// TERM is unset or empty.
    case noTerminalType
    /// TERM names a terminal the terminfo database does not describe.
    case unknownTerminal(String)
    /// The terminal cannot put the cursor anywhere on the screen (TERM=dumb, a printing terminal).
    case cannotMoveCursor(String)
    /// A system call failed while setting up (the call and errno's text).
    case systemError(String)

    public var description: String {
        switch self {
        case .noTerminalType:
            return "TERM is not set: set it to your terminal's type (for example TERM=xterm-256color)"
        case .unknownTerminal(let name):
            return "unknown terminal type '\(name)': the terminfo database has no entry for it "
                + "(try TERM=xterm-256color, or install the entry with your terminal's package)"
        case .cannotMoveCursor(let name):
            return "the terminal type '\(name)' cannot move the cursor, which the dashboard needs "
                + "(run it in a full terminal, such as TERM=xterm-256color)"
        case .systemError(let message):
            return "cannot open the terminal: \(message)"
        }
    }
}
