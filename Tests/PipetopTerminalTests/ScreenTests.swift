import CFileMapping
import CNcursesShim
import Foundation
import PipetopUI
import Testing
@testable import PipetopTerminal

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

extension ProcessWideTests {
    @Suite struct ScreenTests {
        @Test func reportsTheTerminalSizeAndColors() throws {
            let terminal = try PseudoTerminal(width: 100, height: 30)
            let screen = try terminal.openScreen()
            defer { screen.restore() }
            #expect(screen.size() == (100, 30))
            #expect(screen.colorDepth == .palette256)
        }

        @Test func unknownTerminalTypeIsAnError() throws {
            let terminal = try PseudoTerminal(width: 80, height: 24)
            #expect(throws: ScreenError.unknownTerminal("pipetop-no-such-terminal")) {
                _ = try terminal.openScreen(terminalType: "pipetop-no-such-terminal")
            }
            #expect(terminal.isInLineMode)
        }

        /// TERM=dumb cannot move the cursor: every row would be drawn over the last.
        @Test func terminalThatCannotMoveTheCursorIsAnError() throws {
            let terminal = try PseudoTerminal(width: 80, height: 24)
            #expect(throws: ScreenError.cannotMoveCursor("dumb")) {
                _ = try terminal.openScreen(terminalType: "dumb")
            }
            #expect(terminal.isInLineMode)
        }

        @Test func missingTerminalTypeIsAnError() throws {
            #expect(throws: ScreenError.noTerminalType) {
                _ = try Screen(terminalType: nil, environment: [:])
            }
        }

        @Test(arguments: [
            ("xterm-256color", [String: String](), ColorDepth.palette256),
            ("xterm-256color", ["NO_COLOR": "1"], ColorDepth.none),
            ("xterm", [:], ColorDepth.ansi8),
            ("vt100", [:], ColorDepth.none),
        ])
        func detectsColorDepth(type: String, environment: [String: String], expected: ColorDepth) throws {
            let terminal = try PseudoTerminal(width: 80, height: 24)
            let screen = try terminal.openScreen(terminalType: type, environment: environment)
            defer { screen.restore() }
            #expect(screen.colorDepth == expected)
        }

        @Test func redrawingOneChangedNumberSendsFewBytes() throws {
            var frame = Frame(width: 200, height: 50)
            let accent = Style(fg: .rgb(230, 126, 34), bg: .rgb(30, 30, 46), attributes: .bold)
            for row in 0..<50 {
                frame.write("Rep \(row)   won 41 of \(row + 60) deals   quota 87%", x: 2, y: row, style: row % 2 == 0 ? accent : .plain)
            }
            var changed = frame
            changed.write("42", x: 14, y: 25, style: accent.with(attributes: .bold))
            let bytes = try measureRedrawBytes(frames: [frame, changed, changed])
            #expect(bytes[0] > 1000)
            #expect(bytes[1] > 0)
            #expect(bytes[1] <= 200)
            #expect(bytes[2] == 0)
        }

        @Test func controlCharactersNeverReachTheTerminal() throws {
            let terminal = try PseudoTerminal(width: 40, height: 5)
            let screen = try terminal.openScreen()
            defer { screen.restore() }
            _ = terminal.takeOutput()
            var frame = Frame(width: 40, height: 5)
            frame.write("Acme\u{1b}]0;owned\u{7}\u{9b}2J", x: 0, y: 0)
            screen.draw(frame)
            let output = terminal.takeOutput()
            #expect(!output.contains(0x07))
            #expect(!output.contains(0x9B))
            #expect(!text(output).contains("\u{1b}]"))
            #expect(text(output).contains("Acme"))
        }

        @Test func drawsWideCharactersWhole() throws {
            let terminal = try PseudoTerminal(width: 20, height: 3)
            let screen = try terminal.openScreen()
            defer { screen.restore() }
            try #require(screen.supportsUnicode, "needs a UTF-8 locale (LANG=C.UTF-8)")
            _ = terminal.takeOutput()
            var frame = Frame(width: 20, height: 3)
            frame[0, 0] = Cell("日")
            frame[1, 0] = Cell(" ", isContinuation: true)
            frame[2, 0] = Cell("é")
            screen.draw(frame)
            #expect(text(terminal.takeOutput()).contains("日é"))
        }

        @Test func decodesKeysTypedOnTheTerminal() throws {
            let terminal = try PseudoTerminal(width: 80, height: 24)
            let screen = try terminal.openScreen()
            defer { screen.restore() }
            // xterm-256color's sequences in keypad-transmit mode: up, F5, shift-tab, page down.
            terminal.type("\u{1b}OA\u{1b}[15~\u{1b}[Z\u{1b}[6~x\u{1}\r\u{7f}\t")
            let expected: [Key] = [.up, .function(5), .backTab, .pageDown, .char("x"), .ctrl("a"), .enter, .backspace, .tab]
            #expect(readKeys(from: screen, count: expected.count) == expected)
            if screen.supportsUnicode {
                terminal.type("é日")
                #expect(readKeys(from: screen, count: 2) == [.char("é"), .char("日")])
            }
        }

        @Test func resizeArrivesAsAKeyWithTheNewSize() throws {
            let terminal = try PseudoTerminal(width: 80, height: 24)
            let screen = try terminal.openScreen()
            defer { screen.restore() }
            terminal.setSize(width: 120, height: 40)
            // The kernel signals a terminal's foreground process group; this one has none, so signal ourselves.
            kill(getpid(), SIGWINCH)
            #expect(readKeys(from: screen, count: 1) == [.resize])
            #expect(screen.size() == (120, 40))
            #expect(screen.signals.drain().contains(UInt8(SIGWINCH)))
        }

        @Test func restoreGivesTheTerminalBackOnce() throws {
            let terminal = try PseudoTerminal(width: 80, height: 24)
            let screen = try terminal.openScreen()
            #expect(!terminal.isInLineMode)
            #expect(text(terminal.takeOutput()).contains("\u{1b}[?1049h"))
            screen.restore()
            #expect(terminal.isInLineMode)
            #expect(text(terminal.takeOutput()).contains("\u{1b}[?1049l"))
            screen.restore()
            #expect(terminal.takeOutput().isEmpty)
        }

        @Test func crashGuardRestoresTheTerminal() throws {
            let terminal = try PseudoTerminal(width: 80, height: 24)
            let screen = try terminal.openScreen()
            defer { screen.restore() }
            var buffer = [CChar](repeating: 0, count: 512)
            let length = Int(pt_guard_reset_bytes(&buffer, Int32(buffer.count)))
            let reset = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            #expect(reset.contains("\u{1b}[?1049l"))  // rmcup: back from the alternate screen
            #expect(reset.contains("\u{1b}[?25h"))  // cnorm: cursor visible
            _ = terminal.takeOutput()
            // What a crash handler runs, called directly.
            pt_guard_restore()
            #expect(terminal.isInLineMode)
            #expect(text(terminal.takeOutput()).contains("\u{1b}[?1049l"))
        }

        /// A data file cut short by another program while the dashboard reads it mapped is no crash:
        /// the guard leaves the screen as it is and the lost pages read as zeros. Mapped before and
        /// after the guard is set, so either handler may be the one the signal reaches.
        @Test(arguments: [false, true])
        func aDataFileCutShortWhileMappedIsNoCrash(mappedFirst: Bool) throws {
            let file = try ScratchFile("pipetop-guard-\(getpid())-\(mappedFirst).csv", size: 1 << 20)
            var slot: Int32 = -1
            let early = mappedFirst ? file.map(&slot) : nil
            let terminal = try PseudoTerminal(width: 80, height: 24)
            let screen = try terminal.openScreen()
            defer { screen.restore() }
            guard let address = early ?? file.map(&slot) else {
                Issue.record("the file was not mapped")
                return
            }
            _ = terminal.takeOutput()
            #expect(file.cut(to: 10))
            let bytes = address.assumingMemoryBound(to: UInt8.self)
            #expect(bytes[5] == UInt8(ascii: "x"))
            #expect(bytes[file.size - 1] == 0)
            #expect(pt_mapping_was_cut(slot) == 1)
            #expect(!terminal.isInLineMode)
            pt_unmap_file(address, file.size, slot)
        }

        /// The screen's guard gone (the dashboard quit while a reload still runs), a file mapped
        /// and cut short afterwards is still no crash.
        @Test func aFileMappedAfterTheScreenIsGoneIsStillGuarded() throws {
            let file = try ScratchFile("pipetop-guard-after-\(getpid()).csv", size: 1 << 20)
            do {
                let terminal = try PseudoTerminal(width: 80, height: 24)
                let screen = try terminal.openScreen()
                // Mapped while the guard is set: this guard's handler may come after it.
                var early: Int32 = -1
                if let address = file.map(&early) { pt_unmap_file(address, file.size, early) }
                screen.restore()
            }
            var slot: Int32 = -1
            guard let address = file.map(&slot) else {
                Issue.record("the file was not mapped")
                return
            }
            #expect(file.cut(to: 10))
            #expect(address.assumingMemoryBound(to: UInt8.self)[file.size - 1] == 0)
            #expect(pt_mapping_was_cut(slot) == 1)
            pt_unmap_file(address, file.size, slot)
        }

        /// Only a read past the end of a cut file is answered with zeros: a bus error sent by
        /// another process, or of another kind, goes on to the handlers before.
        @Test func onlyAReadPastTheEndIsAbsorbed() throws {
            let file = try ScratchFile("pipetop-absorb-\(getpid()).csv", size: 64 << 10)
            var slot: Int32 = -1
            guard let address = file.map(&slot) else {
                Issue.record("the file was not mapped")
                return
            }
            defer { pt_unmap_file(address, file.size, slot) }
            let inside = address + file.size / 2
            #expect(pt_mapping_absorb_fault(Int32(SI_USER), inside) == 0)
            #expect(pt_mapping_absorb_fault(Int32(BUS_ADRALN), inside) == 0)
            #expect(pt_mapping_absorb_fault(Int32(BUS_ADRERR), UnsafeMutableRawPointer(bitPattern: 4096)) == 0)
            #expect(pt_mapping_was_cut(slot) == 0)
            #expect(pt_mapping_absorb_fault(Int32(BUS_ADRERR), inside) == 1)
            #expect(pt_mapping_was_cut(slot) == 1)
            #expect(address.assumingMemoryBound(to: UInt8.self)[file.size / 2] == 0)
            #expect(address.assumingMemoryBound(to: UInt8.self)[0] == UInt8(ascii: "x"))
        }
    }
}

/// A file of "x" bytes open for reading, for the tests of mapped data files; removed when done.
private final class ScratchFile {
    let url: URL
    let fd: Int32
    let size: Int

    init(_ name: String, size: Int) throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent(name)
        self.size = size
        try Data(repeating: UInt8(ascii: "x"), count: size).write(to: url)
        fd = open(url.path, O_RDONLY)
    }

    deinit {
        close(fd)
        try? FileManager.default.removeItem(at: url)
    }

    func map(_ slot: inout Int32) -> UnsafeMutableRawPointer? { pt_map_file(fd, size, &slot) }

    /// Cut short as another program would, in place.
    func cut(to length: Int) -> Bool { truncate(url.path, off_t(length)) == 0 }
}

extension Style {
    func with(attributes: Attributes) -> Style {
        var copy = self
        copy.attributes = attributes
        return copy
    }
}
