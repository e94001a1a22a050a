#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CNcursesShim
import PipelineKit
import PipetopUI

/// Something the program reacts to.
public enum LoopEvent: Sendable, Equatable {
    case key(Key)
    /// The terminal's size: sent first when the loop starts, then after every resize.
    case resize(width: Int, height: Int)
    /// Files of the watched folder that changed, collected over a few quiet milliseconds.
    case filesChanged(Set<String>)
    /// A clock tick on a whole multiple of the tick interval; `now` is seconds since 1970.
    case tick(now: Double)
    /// SIGINT, SIGTERM, SIGHUP or SIGQUIT arrived. SIGHUP also stands for the terminal going away,
    /// after which the loop ends whatever `handle` returns.
    case signal(Int32)
    /// Another thread called `wake()` (a background reload finished, say).
    case wakeup
}

/// Wakes the event loop from any thread.
public struct LoopWaker: Sendable {
    let pipe: SelfPipe
    public func wake() { pipe.send(SelfPipe.wakeUp) }
}

/// The program's one loop: waits in poll(2) on the terminal, the folder watcher and the signal
/// pipe, and sleeps until the next tick when nothing happens.
public final class EventLoop {
    private let screen: Screen
    private let watcher: FolderWatcher?
    private let tickInterval: Double
    public let waker: LoopWaker
    /// How many times poll(2) returned, to check that an idle loop sleeps.
    private(set) var wakeUps = 0

    /// File events are delivered once the folder has been quiet this long (a rename-over save is
    /// several events within microseconds)...
    static let quietPeriod = 0.005
    /// ...or this long after the first event, so a folder that never goes quiet still gets reloads.
    static let longestDelay = 0.1

    /// - Parameter tickInterval: seconds between `.tick` events (1 for a clock showing seconds).
    public init(screen: Screen, watcher: FolderWatcher?, tickInterval: Double) {
        precondition(tickInterval > 0, "tickInterval must be positive")
        self.screen = screen
        self.watcher = watcher
        self.tickInterval = tickInterval
        waker = LoopWaker(pipe: screen.signals)
    }

    /// Safe from any thread: the loop then calls `handle(.wakeup)`.
    public func wake() { waker.wake() }

    /// Runs until `handle` returns nil. `handle` gets every event and returns the frame to show;
    /// of several events handled in one wake-up, only the last frame is drawn.
    public func run(handle: (LoopEvent) -> Frame?) {
        let start = screen.size()
        var batch: [LoopEvent] = [.resize(width: start.width, height: start.height)]
        var pendingFiles: Set<String> = []
        var firstFileEvent: Double?
        var lastFileEvent = 0.0
        var nextTick = nextBoundary(after: wallClock())
        var nextWatcherPoll = watcher?.pollInterval.map { monotonicClock() + $0 }
        var terminalGone = false
        var emptyWakeUps = 0

        while true {
            var latest: Frame?
            for event in batch {
                guard let frame = handle(event) else { return }
                latest = frame
            }
            if let latest { screen.draw(latest) }
            if terminalGone { return }
            batch.removeAll(keepingCapacity: true)

            // Sleep until something is readable or the nearest deadline.
            var wait = max(0, nextTick - wallClock())
            let beforeWait = monotonicClock()
            if let first = firstFileEvent {
                wait = min(wait, max(0, min(lastFileEvent + Self.quietPeriod, first + Self.longestDelay) - beforeWait))
            }
            if let due = nextWatcherPoll { wait = min(wait, max(0, due - beforeWait)) }
            var descriptors = [
                pollfd(fd: screen.inputDescriptor, events: Int16(POLLIN), revents: 0),
                pollfd(fd: screen.signals.readEnd, events: Int16(POLLIN), revents: 0),
            ]
            if let fd = watcher?.descriptor { descriptors.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
            let milliseconds = Int32(min((wait * 1000).rounded(.up), 60_000))
            // EINTR (a signal, SIGWINCH among them) is a wake-up like any other.
            let ready = poll(&descriptors, nfds_t(descriptors.count), milliseconds)
            wakeUps += 1
            if ready < 0 && errno != EINTR && errno != EAGAIN { terminalGone = true }

            // Signals first, so a quit is handled before keys typed after it.
            var woken = false
            for byte in screen.signals.drain() {
                switch Int32(byte) {
                case Int32(SelfPipe.wakeUp): woken = true
                case SIGWINCH: break  // the resize key read below carries it
                default: batch.append(.signal(Int32(byte)))
                }
            }

            // Keys, after every wake-up: ncurses may hold some, and a resize shows up as a key.
            var readSomething = false
            while let input = screen.nextInput() {
                readSomething = true
                guard case .key(let key) = input else { continue }
                if key == .resize {
                    let size = screen.size()
                    batch.append(.resize(width: size.width, height: size.height))
                } else {
                    batch.append(.key(key))
                }
            }
            let inputEvents = Int32(descriptors[0].revents)
            if inputEvents & Int32(POLLHUP | POLLERR | POLLNVAL) != 0 {
                terminalGone = true
            } else if inputEvents & Int32(POLLIN) != 0 && !readSomething && pt_bytes_waiting(screen.inputDescriptor) <= 0 {
                // Readable yet empty is end of file (or a device such as /dev/null that cannot say
                // how much it holds). Twice in a row, to be sure: ncurses may have swallowed the
                // first bytes of a character whose rest is still on its way.
                emptyWakeUps += 1
                if emptyWakeUps >= 2 { terminalGone = true }
            } else {
                emptyWakeUps = 0
            }

            if woken { batch.append(.wakeup) }

            if let watcher {
                var polled = false
                var names: Set<String> = []
                if descriptors.count > 2 && descriptors[2].revents != 0 {
                    names.formUnion(watcher.changedFiles())
                    polled = true
                }
                if let due = nextWatcherPoll, monotonicClock() >= due {
                    names.formUnion(watcher.changedFiles())
                    polled = true
                }
                let now = monotonicClock()
                if polled { nextWatcherPoll = watcher.pollInterval.map { now + $0 } }
                if !names.isEmpty {
                    pendingFiles.formUnion(names)
                    if firstFileEvent == nil { firstFileEvent = now }
                    lastFileEvent = now
                }
                if let first = firstFileEvent, now >= min(lastFileEvent + Self.quietPeriod, first + Self.longestDelay) {
                    batch.append(.filesChanged(pendingFiles))
                    pendingFiles = []
                    firstFileEvent = nil
                }
            }

            let wall = wallClock()
            if wall >= nextTick {
                batch.append(.tick(now: wall))
                nextTick = nextBoundary(after: wall)
            } else if nextTick - wall > tickInterval {
                nextTick = nextBoundary(after: wall)  // the clock was set back
            }

            if terminalGone && !batch.contains(.signal(SIGHUP)) { batch.append(.signal(SIGHUP)) }
        }
    }

    private func nextBoundary(after time: Double) -> Double {
        ((time / tickInterval).rounded(.down) + 1) * tickInterval
    }
}

private func wallClock() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_REALTIME, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

private func monotonicClock() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_MONOTONIC, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

