import CNcurses
import CNcursesShim
import Foundation
import PipetopUI

/// The terminal, driven through ncurses: copies Frames to it, reads keys from it, reports its size.
///
/// Every call must come from the thread that created the Screen (ncurses is not thread-safe), and
/// only one Screen may be open at a time (the terminal guard and signal routing are process-wide).
///
/// From `init` until `restore()`, the terminal is put back whatever way the program ends: SIGINT,
/// SIGTERM, SIGHUP and SIGQUIT are routed to the event loop as `LoopEvent.signal`, and a crash
/// (SIGSEGV, SIGABRT, SIGILL, SIGBUS, SIGFPE, SIGTRAP) restores the terminal before the crash runs
/// its course.
public final class Screen {
    public let colorDepth: ColorDepth
    /// Whether the locale's character set is UTF-8; without it a character outside ASCII shows as
    /// its ASCII letter, or "?".
    public let supportsUnicode: Bool
    /// The descriptor keys arrive on, for poll(2).
    public let inputDescriptor: Int32

    let signals: SelfPipe
    private let terminal: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private let inputFile: UnsafeMutablePointer<FILE>
    private let outputFile: UnsafeMutablePointer<FILE>
    private var isOpen = true

    private let usesDefaultColors: Bool
    private let highestPair: Int32
    private var drawStyles: [Style: DrawStyle] = [:]
    private var asciiFallback = ASCIIFallback()
    private var pairs: [ColorPair: Int32] = [:]
    private var nextPair: Int32 = 1
    private let cellCapacity: Int
    private let cellBuffer: UnsafeMutablePointer<wchar_t>

    private struct DrawStyle {
        var attributes: UInt32
        var pair: Int32
    }

    private struct ColorPair: Hashable {
        var foreground: Int32
        var background: Int32
    }

    /// Opens the terminal.
    /// - Parameters:
    ///   - terminalType: the terminfo name; nil reads TERM from `environment`.
    ///   - input, output: the terminal's descriptors (duplicated; the originals stay open).
    ///   - environment: where TERM, NO_COLOR and friends are read.
    public init(
        terminalType: String? = nil, input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws(ScreenError) {
        setlocale(LC_ALL, "")
        let codeset = String(cString: nl_langinfo(nl_item(CODESET))).uppercased()
        supportsUnicode = codeset == "UTF-8" || codeset == "UTF8"

        guard let type = terminalType ?? environment["TERM"], !type.isEmpty else { throw .noTerminalType }

        guard let signals = SelfPipe() else { throw .systemError("pipe: \(String(cString: strerror(errno)))") }
        self.signals = signals
        let inputCopy = dup(input)
        let outputCopy = dup(output)
        guard inputCopy >= 0, outputCopy >= 0,
            let inputFile = fdopen(inputCopy, "r"), let outputFile = fdopen(outputCopy, "w")
        else {
            let reason = String(cString: strerror(errno))
            if inputCopy >= 0 { close(inputCopy) }
            if outputCopy >= 0 { close(outputCopy) }
            throw .systemError("dup/fdopen: \(reason)")
        }
        inputDescriptor = inputCopy
        // Programs started later (an editor, say) get the terminal as 0/1/2, not these copies.
        _ = fcntl(inputCopy, F_SETFD, FD_CLOEXEC)
        _ = fcntl(outputCopy, F_SETFD, FD_CLOEXEC)

        // Before newterm: ncurses installs its own SIGINT/SIGTERM cleanup only where none exists.
        if pt_guard_save_modes(outputCopy) != 0 { _ = pt_guard_save_modes(inputCopy) }
        _ = pt_stop_signals_install(signals.writeEnd)
        _ = pt_crash_handlers_install()

        pt_size_from_terminal()  // LINES/COLUMNS in the environment must not override the real size
        guard let terminal = newterm(type, outputFile, inputFile) else {
            pt_crash_handlers_remove()
            pt_stop_signals_remove()
            fclose(inputFile)
            fclose(outputFile)
            throw .unknownTerminal(type)
        }
        guard pt_can_move_cursor() != 0 else {
            endwin()
            delscreen(terminal)
            pt_crash_handlers_remove()
            pt_stop_signals_remove()
            fclose(inputFile)
            fclose(outputFile)
            throw .cannotMoveCursor(type)
        }
        self.terminal = terminal
        self.inputFile = inputFile
        self.outputFile = outputFile
        window = pt_stdscr()
        pt_guard_capture_reset(outputCopy)
        _ = pt_resize_signal_install(signals.writeEnd)

        cbreak()
        noecho()
        nonl()
        intrflush(window, false)
        keypad(window, true)
        nodelay(window, true)
        leaveok(window, true)  // the cursor is hidden: never spend bytes moving it back
        _ = pt_set_escdelay(25)
        curs_set(0)

        var depth = ColorDepth.none
        var defaults = false
        let noColor = !(environment["NO_COLOR"] ?? "").isEmpty
        if !noColor && has_colors() {
            start_color()
            defaults = use_default_colors() == OK
            depth = ColorDepth.detect(
                hasColors: true, terminalColors: Int(pt_colors()),
                extendedColors: pt_has_extended_colors() != 0, environment: environment)
        }
        colorDepth = depth
        usesDefaultColors = defaults
        let pairLimit = pt_has_extended_colors() != 0 ? pt_color_pairs() : min(pt_color_pairs(), 32767)
        highestPair = pairLimit - 1

        cellCapacity = Int(pt_cell_capacity())
        cellBuffer = .allocate(capacity: cellCapacity + 1)
        cellBuffer.initialize(repeating: 0, count: cellCapacity + 1)
    }

    deinit {
        restore()
        cellBuffer.deallocate()
    }

    /// Leaves curses mode and gives the terminal back as it was. Safe to call more than once.
    public func restore() {
        guard isOpen else { return }
        isOpen = false
        // Without an alternate screen the last frame would stay, with the shell's prompt written
        // over its footer: clear it first.
        if pt_has_alternate_screen() == 0 {
            werase(window)
            wrefresh(window)
        }
        endwin()
        pt_guard_disarm()
        pt_resize_signal_remove()
        pt_stop_signals_remove()
        pt_crash_handlers_remove()
        delscreen(terminal)
        fclose(inputFile)
        fclose(outputFile)
    }

    /// Columns and rows, as ncurses last learned them (updated when a resize key is read).
    public func size() -> (width: Int, height: Int) {
        guard isOpen else { return (0, 0) }
        return (Int(pt_getmaxx(window)), Int(pt_getmaxy(window)))
    }

    /// Copies the whole frame; ncurses compares it with what the terminal shows and sends only the
    /// differences. Parts of the screen the frame does not cover are blanked; parts of the frame
    /// beyond the screen are cut.
    public func draw(_ frame: Frame) {
        guard isOpen else { return }
        let (width, height) = size()
        let cells = frame.cells
        for y in 0..<height {
            for x in 0..<width {
                guard x < frame.width, y < frame.height else {
                    put(" ", style: .plain, x: x, y: y)
                    continue
                }
                let cell = cells[y * frame.width + x]
                if let (first, second) = CellText.flagLetters(cell.character), x + 1 < width {
                    put(first, style: cell.style, x: x, y: y)
                    put(second, style: cell.style, x: x + 1, y: y)
                    continue
                }
                if cell.isContinuation {
                    // A flag's second column holds its second letter, put with the first.
                    if x > 0, CellText.flagLetters(cells[y * frame.width + x - 1].character) != nil { continue }
                    // With Unicode the wide character before already covers this cell; without,
                    // it was drawn as one "?" and this half needs filling.
                    if !supportsUnicode { put(" ", style: cell.style, x: x, y: y) }
                    continue
                }
                let cutAtEdge = x == width - 1 && x + 1 < frame.width && cells[y * frame.width + x + 1].isContinuation
                put(cutAtEdge ? " " : cell.character, style: cell.style, x: x, y: y)
            }
        }
        wnoutrefresh(window)
        doupdate()
    }

    /// The next key typed, or nil when none is waiting. Never blocks, except for the 25 ms ncurses
    /// waits after a lone Escape to tell it from the start of an escape sequence.
    public func readKey() -> Key? {
        while let input = nextInput() {
            if case .key(let key) = input { return key }
        }
        return nil
    }

    enum Input {
        case key(Key)
        /// Input ncurses consumed that maps to no key (an unknown escape sequence, a C1 control).
        case ignored
    }

    func nextInput() -> Input? {
        guard isOpen else { return nil }
        var value: wint_t = 0
        let result = wget_wch(window, &value)
        if result == ERR { return nil }
        if result != KEY_CODE_YES && value == 0x1B { return escapeSequence() }
        let key =
            result == KEY_CODE_YES
            ? KeyDecoding.key(forKeyCode: Int32(truncatingIfNeeded: value))
            : KeyDecoding.key(forCharacter: UInt32(truncatingIfNeeded: value))
        return key.map(Input.key) ?? .ignored
    }

    /// After an Escape ncurses did not make a key of: the rest of a sequence it does not know is
    /// already waiting (it waited ESCDELAY for it), and is read whole; a lone Escape is Escape,
    /// and a key after it (Alt held, or typed fast) is read next, as itself.
    private func escapeSequence() -> Input {
        var next: wint_t = 0
        let got = wget_wch(window, &next)
        guard got != ERR else { return .key(.escape) }
        guard got != KEY_CODE_YES, next == 0x5B || next == 0x4F else {
            putBack(next, isKeyCode: got == KEY_CODE_YES)
            return .key(.escape)
        }
        let introducer = UInt8(truncatingIfNeeded: next)
        var byte: wint_t = 0
        let first = wget_wch(window, &byte)
        // Escape then "[" or "O" typed, and nothing after yet: the keys they are.
        guard first != ERR else { putBack(next, isKeyCode: false); return .key(.escape) }
        guard first != KEY_CODE_YES, byte < 0x80,
              KeyDecoding.canContinue(UInt8(truncatingIfNeeded: byte), introducer: introducer) else {
            putBack(byte, isKeyCode: first == KEY_CODE_YES)
            putBack(next, isKeyCode: false)
            return .key(.escape)
        }
        var body: [UInt8] = [introducer, UInt8(truncatingIfNeeded: byte)]
        while !KeyDecoding.endsSequence(body[body.count - 1], introducer: introducer), body.count < 16 {
            let got = wget_wch(window, &byte)
            if got == ERR { break }
            if got == KEY_CODE_YES || byte >= 0x80 { putBack(byte, isKeyCode: got == KEY_CODE_YES); break }
            body.append(UInt8(truncatingIfNeeded: byte))
        }
        return KeyDecoding.key(forSequence: body).map(Input.key) ?? .ignored
    }

    /// Puts input back to be read next: a key code as one (it is no character), else a character.
    /// ncurses gives back the last put back first.
    private func putBack(_ value: wint_t, isKeyCode: Bool) {
        if isKeyCode { _ = ungetch(Int32(truncatingIfNeeded: value)) } else { _ = unget_wch(wchar_t(truncatingIfNeeded: value)) }
    }

    private func put(_ character: Character, style: Style, x: Int, y: Int) {
        let look = drawStyle(for: style)
        CellText.fill(cellBuffer, capacity: cellCapacity, character: character, unicode: supportsUnicode,
                      ascii: supportsUnicode ? nil : { self.asciiFallback.scalar(for: $0) })
        let placed = pt_put_cell(window, Int32(y), Int32(x), cellBuffer, look.attributes, look.pair)
        if placed == ERR && cellBuffer[1] != 0 {
            // Some combining sequences are refused; the base character alone still fills the cell.
            cellBuffer[1] = 0
            _ = pt_put_cell(window, Int32(y), Int32(x), cellBuffer, look.attributes, look.pair)
        }
    }

    private func drawStyle(for style: Style) -> DrawStyle {
        if let known = drawStyles[style] { return known }
        var attributes = pt_attr_normal()
        if style.attributes.contains(.bold) { attributes |= pt_attr_bold() }
        if style.attributes.contains(.dim) { attributes |= pt_attr_dim() }
        if style.attributes.contains(.underline) { attributes |= pt_attr_underline() }
        if style.attributes.contains(.reverse) { attributes |= pt_attr_reverse() }
        let look = DrawStyle(attributes: attributes, pair: pair(for: style))
        drawStyles[style] = look
        return look
    }

    /// The colour pair for a style's colours, defined the first time it is needed. When the
    /// terminal's pairs run out, definitions start over; ncurses repaints cells whose pair changed.
    private func pair(for style: Style) -> Int32 {
        guard var (foreground, background) = colorDepth.colorNumbers(foreground: style.fg, background: style.bg) else { return 0 }
        if !usesDefaultColors {
            if foreground < 0 { foreground = Int32(COLOR_WHITE) }
            if background < 0 { background = Int32(COLOR_BLACK) }
            if foreground == Int32(COLOR_WHITE) && background == Int32(COLOR_BLACK) { return 0 }
        } else if foreground < 0 && background < 0 {
            return 0
        }
        let key = ColorPair(foreground: foreground, background: background)
        if let known = pairs[key] { return known }
        if nextPair > highestPair {
            pairs.removeAll()
            drawStyles.removeAll()
            nextPair = 1
        }
        guard nextPair <= highestPair, pt_init_pair(nextPair, foreground, background) != ERR else { return 0 }
        pairs[key] = nextPair
        nextPair += 1
        return pairs[key]!
    }
}
