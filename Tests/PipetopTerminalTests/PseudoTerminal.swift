import Foundation
import PipetopUI
@testable import PipetopTerminal

#if canImport(Glibc)
import Glibc

// glibc declares these only under feature macros Swift's Glibc module is built without.
@_silgen_name("posix_openpt") private func posix_openpt(_ flags: Int32) -> Int32
@_silgen_name("grantpt") private func grantpt(_ master: Int32) -> Int32
@_silgen_name("unlockpt") private func unlockpt(_ master: Int32) -> Int32
@_silgen_name("ptsname") private func ptsname(_ master: Int32) -> UnsafeMutablePointer<CChar>?
#elseif canImport(Darwin)
import Darwin
#endif

/// A pseudo-terminal pair: the program under test uses the slave side as its terminal; the test
/// plays the terminal emulator on the master side, typing keys and reading what was drawn.
final class PseudoTerminal {
    let master: Int32
    let slave: Int32
    private let output: ReceivedBytes

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    init(width: Int, height: Int) throws {
        master = posix_openpt(O_RDWR | O_NOCTTY)
        guard master >= 0, grantpt(master) == 0, unlockpt(master) == 0, let name = ptsname(master) else {
            throw Failure(description: "cannot open a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        slave = open(name, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else { throw Failure(description: "cannot open \(String(cString: name))") }
        output = ReceivedBytes()
        setSize(width: width, height: height)
        // Drain the master continuously so a large first frame never blocks the writer.
        let (output, master) = (output, master)
        Thread.detachNewThread { output.readContinuously(from: master) }
    }

    private var masterOpen = true

    deinit {
        output.stopReading()
        close(slave)
        if masterOpen { close(master) }
    }

    func setSize(width: Int, height: Int) {
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        #if os(Linux)
        let setWindowSize = UInt(TIOCSWINSZ)
        #else
        let setWindowSize: UInt = 0x8008_7467  // TIOCSWINSZ, a macro Swift does not import on macOS
        #endif
        _ = ioctl(master, setWindowSize, &size)
    }

    /// Sends bytes as if typed on the keyboard.
    func type(_ text: String) {
        let bytes = Array(text.utf8)
        _ = bytes.withUnsafeBytes { write(master, $0.baseAddress, $0.count) }
    }

    /// Everything the program wrote since the last call. A marker written behind the program's
    /// output tells when all of it has come through.
    func takeOutput(timeout: Double = 10) -> [UInt8] {
        let marker = Array("\u{1}pipetop-end-of-output\u{1}".utf8)
        _ = marker.withUnsafeBytes { write(slave, $0.baseAddress, $0.count) }
        return output.take(through: marker, timeout: timeout)
    }

    /// Hangs up: the slave side reads end of file from now on, as when a terminal window closes.
    func hangUp() {
        output.stopReading()
        if masterOpen { close(master) }
        masterOpen = false
    }

    /// Whether the slave side's line discipline echoes and edits lines (a terminal not in curses mode).
    var isInLineMode: Bool {
        var modes = termios()
        tcgetattr(slave, &modes)
        return modes.c_lflag & tcflag_t(ECHO) != 0 && modes.c_lflag & tcflag_t(ICANON) != 0
    }
}

/// What the master side received, filled by a reader thread.
private final class ReceivedBytes: @unchecked Sendable {  // every field is guarded by `condition`
    private let condition = NSCondition()
    private var bytes: [UInt8] = []
    private var stopped = false
    private var readerDone = false

    func readContinuously(from master: Int32) {
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            condition.lock()
            let stop = stopped
            condition.unlock()
            if stop { break }
            var entry = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
            guard poll(&entry, 1, 20) > 0 else { continue }
            let count = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            if count <= 0 { continue }
            condition.lock()
            bytes.append(contentsOf: chunk[0..<count])
            condition.broadcast()
            condition.unlock()
        }
        condition.lock()
        readerDone = true
        condition.broadcast()
        condition.unlock()
    }

    /// Stops the reader and waits until it no longer touches the descriptor.
    func stopReading() {
        condition.lock()
        stopped = true
        while !readerDone { condition.wait() }
        condition.unlock()
    }

    func take(through marker: [UInt8], timeout: Double) -> [UInt8] {
        let deadline = Date().addingTimeInterval(timeout)
        condition.lock()
        defer { condition.unlock() }
        while true {
            if let end = bytes.firstRange(of: marker) {
                let output = Array(bytes[..<end.lowerBound])
                bytes.removeSubrange(..<end.upperBound)
                return output
            }
            if !condition.wait(until: deadline) { return bytes }
        }
    }
}

extension PseudoTerminal {
    /// A Screen on this pseudo-terminal, with a fixed terminal type and no environment.
    func openScreen(terminalType: String = "xterm-256color", environment: [String: String] = [:]) throws -> Screen {
        try Screen(terminalType: terminalType, input: slave, output: slave, environment: environment)
    }
}

/// Reads keys until `count` arrived or `timeout` passed (typed bytes reach the slave side a moment
/// after they are written).
func readKeys(from screen: Screen, count: Int, timeout: Double = 5) -> [Key] {
    var keys: [Key] = []
    let deadline = Date().addingTimeInterval(timeout)
    while keys.count < count && Date() < deadline {
        var entry = pollfd(fd: screen.inputDescriptor, events: Int16(POLLIN), revents: 0)
        _ = poll(&entry, 1, 50)
        while let key = screen.readKey() { keys.append(key) }
    }
    return keys
}

/// Bytes sent to the terminal for each frame drawn in turn, on a pseudo-terminal of the frames'
/// size: the first count is a full paint, later ones show how much a change costs.
func measureRedrawBytes(frames: [Frame], terminalType: String = "xterm-256color") throws -> [Int] {
    guard let first = frames.first else { return [] }
    let terminal = try PseudoTerminal(width: first.width, height: first.height)
    let screen = try terminal.openScreen(terminalType: terminalType)
    defer { screen.restore() }
    _ = terminal.takeOutput()  // set-up sequences (alternate screen, keypad mode)
    return frames.map { frame in
        screen.draw(frame)
        return terminal.takeOutput().count
    }
}

extension Frame {
    /// Writes `text` from (x, y) on, one cell per character.
    mutating func write(_ text: String, x: Int, y: Int, style: Style = .plain) {
        var column = x
        for character in text {
            self[column, y] = Cell(character, style: style)
            column += 1
        }
    }
}
