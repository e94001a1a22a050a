import Foundation
import PipelineKit
import PipetopUI
import Testing
@testable import PipetopTerminal

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the loop until `stop` says so, showing a one-line frame after each event; gives up after
/// 200 ticks so a broken loop fails the test instead of hanging it.
private func events(
    of loop: EventLoop, until stop: (LoopEvent) -> Bool
) -> [LoopEvent] {
    var seen: [LoopEvent] = []
    var ticks = 0
    loop.run { event in
        seen.append(event)
        if case .tick = event { ticks += 1 }
        if stop(event) || ticks >= 200 { return nil }
        var frame = Frame(width: 20, height: 2)
        frame.write("events \(seen.count)", x: 0, y: 0)
        return frame
    }
    return seen
}

private final class ScratchFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-loop-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }
    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
    }
    func replaceByRename(_ name: String, _ text: String) throws {
        try write(".\(name).swp", text)
        _ = rename(url.appendingPathComponent(".\(name).swp").path, url.appendingPathComponent(name).path)
    }
}

extension ProcessWideTests {
    @Suite struct EventLoopTests {
        @Test func startsWithTheSizeThenDeliversKeysAndDrawsFrames() throws {
            let terminal = try PseudoTerminal(width: 80, height: 24)
            let screen = try terminal.openScreen()
            defer { screen.restore() }
            _ = terminal.takeOutput()
            terminal.type("x\u{1b}OBq")
            let loop = EventLoop(screen: screen, watcher: nil, tickInterval: 0.05)
            let seen = events(of: loop) { $0 == .key(.char("q")) }
            #expect(seen.first == .resize(width: 80, height: 24))
            #expect(seen.filter { if case .key = $0 { true } else { false } } == [.key(.char("x")), .key(.down), .key(.char("q"))])
            #expect(String(decoding: terminal.takeOutput(), as: UTF8.self).contains("events"))
        }

        @Test func collectsFileEventsIntoOneChange() throws {
            let folder = try ScratchFolder()
            try folder.write("deals.csv", "id\n")
            let terminal = try PseudoTerminal(width: 80, height: 24)
            let screen = try terminal.openScreen()
            defer { screen.restore() }
            let watcher = makeFolderWatcher(folder: folder.url)
            try folder.write("leads.csv", "id\n1\n")
            try folder.replaceByRename("deals.csv", "id\n2\n")
            let loop = EventLoop(screen: screen, watcher: watcher, tickInterval: 0.05)
            let seen = events(of: loop) { if case .filesChanged = $0 { true } else { false } }
            guard case .filesChanged(let names)? = seen.last else {
                Issue.record("no file change arrived: \(seen)")
                return
            }
            #expect(names.isSuperset(of: ["leads.csv", "deals.csv"]))
        }

        @Test func pollsWhenTheWatcherHasNoDescriptor() throws {
            let folder = try ScratchFolder()
            let terminal = try PseudoTerminal(width: 80, height: 24)
            let screen = try terminal.openScreen()
            defer { screen.restore() }
            let watcher = PollingFolderWatcher(folder: folder.url, interval: 0.02)
            try folder.write("quotas.csv", "rep\n")
            let loop = EventLoop(screen: screen, watcher: watcher, tickInterval: 0.05)
            let seen = events(of: loop) { if case .filesChanged = $0 { true } else { false } }
            #expect(seen.last == .filesChanged(["quotas.csv"]))
        }

        @Test func wakesWhenAnotherThreadAsks() throws {
            let terminal = try PseudoTerminal(width: 80, height: 24)
            let screen = try terminal.openScreen()
            defer { screen.restore() }
            let loop = EventLoop(screen: screen, watcher: nil, tickInterval: 0.05)
            let waker = loop.waker
            Thread.detachNewThread { waker.wake() }
            let seen = events(of: loop) { $0 == .wakeup }
            #expect(seen.last == .wakeup)
        }

        @Test func deliversTerminationSignals() throws {
            let terminal = try PseudoTerminal(width: 80, height: 24)
            let screen = try terminal.openScreen()
            defer { screen.restore() }
            let loop = EventLoop(screen: screen, watcher: nil, tickInterval: 0.05)
            // To the process, not this thread: test threads block signals, the main thread does not.
            kill(getpid(), SIGTERM)  // routed to the loop's pipe while the Screen is open
            let seen = events(of: loop) { if case .signal = $0 { true } else { false } }
            #expect(seen.last == .signal(SIGTERM))
        }

        @Test func reportsTheNewSizeAfterAResize() throws {
            let terminal = try PseudoTerminal(width: 80, height: 24)
            let screen = try terminal.openScreen()
            defer { screen.restore() }
            let loop = EventLoop(screen: screen, watcher: nil, tickInterval: 0.05)
            terminal.setSize(width: 132, height: 43)
            kill(getpid(), SIGWINCH)
            let seen = events(of: loop) { $0 == .resize(width: 132, height: 43) }
            #expect(seen.last == .resize(width: 132, height: 43))
        }

        @Test func endsWhenTheTerminalGoesAway() throws {
            let terminal = try PseudoTerminal(width: 80, height: 24)
            let screen = try terminal.openScreen()
            defer { screen.restore() }
            terminal.hangUp()
            let loop = EventLoop(screen: screen, watcher: nil, tickInterval: 0.05)
            // The handler never asks to stop: the loop must end by itself.
            let seen = events(of: loop) { _ in false }
            #expect(seen.last == .signal(SIGHUP))
            #expect(seen.filter { if case .tick = $0 { true } else { false } }.count < 200)
        }

        @Test func endsWhenInputReachesEndOfFile() throws {
            let terminal = try PseudoTerminal(width: 80, height: 24)
            let nothing = open("/dev/null", O_RDONLY | O_CLOEXEC)
            defer { close(nothing) }
            let screen = try Screen(terminalType: "xterm-256color", input: nothing, output: terminal.slave, environment: [:])
            defer { screen.restore() }
            let loop = EventLoop(screen: screen, watcher: nil, tickInterval: 0.05)
            let seen = events(of: loop) { _ in false }
            #expect(seen.last == .signal(SIGHUP))
            #expect(seen.filter { if case .tick = $0 { true } else { false } }.count < 200)
        }

        @Test func sleepsWhenNothingHappens() throws {
            let folder = try ScratchFolder()
            let terminal = try PseudoTerminal(width: 80, height: 24)
            let screen = try terminal.openScreen()
            defer { screen.restore() }
            let loop = EventLoop(screen: screen, watcher: makeFolderWatcher(folder: folder.url), tickInterval: 0.05)
            var ticks = 0
            _ = events(of: loop) { event in
                if case .tick = event { ticks += 1 }
                return ticks == 5
            }
            // One wake-up per tick; a little slack for a wake-up that lands just before a tick is due.
            #expect(loop.wakeUps <= 2 * ticks)
        }

        @Test func ticksOnWholeIntervals() throws {
            let terminal = try PseudoTerminal(width: 80, height: 24)
            let screen = try terminal.openScreen()
            defer { screen.restore() }
            let loop = EventLoop(screen: screen, watcher: nil, tickInterval: 0.05)
            var count = 0
            let seen = events(of: loop) { event in
                if case .tick = event { count += 1 }
                return count == 3
            }
            let times = seen.compactMap { event -> Double? in if case .tick(let now) = event { now } else { nil } }
            #expect(times.count == 3)
            #expect(times == times.sorted())
            // Each tick lands at or just after a multiple of the interval, never a whole interval late.
            let intervals = times.map { ($0 / 0.05).rounded(.down) }
            #expect(Set(intervals).count == 3)
        }
    }
}
