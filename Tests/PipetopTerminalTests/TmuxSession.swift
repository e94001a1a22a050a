import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A command running in a private tmux server, driven the way a user drives a terminal: keys in,
/// screen text out. Each session has its own server (`tmux -L`) and socket folder, so sessions run
/// side by side and never touch the user's tmux.
///
/// tmux is spawned with posix_spawn and waited for with waitpid; output goes through a file, not a
/// pipe. (Foundation's Process can wait forever on a pipe that the forked tmux server inherited.)
final class TmuxSession {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// tmux's path, or nil when it is not installed.
    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/tmux" }.first { access($0, X_OK) == 0 }
    }()
    static var isAvailable: Bool { executable != nil }

    let width: Int
    let height: Int
    private let server: String
    private let folder: URL
    private let target = "main"
    private var killed = false

    /// Starts `command` (run by /bin/sh) in a window of `width` x `height` cells, with
    /// TERM=tmux-256color and LANG=C.UTF-8. The pane stays after the command exits so its exit
    /// status can be read. What a short-lived command printed can be gone from the dead pane
    /// (seen with tmux 3.3 for commands living under a second), so check the screen while it runs.
    ///
    /// `serverBlocks`: signals the server starts with blocked, to make a server that never reaps
    /// its panes (SIGCHLD) and check how the harness copes.
    init(command: String, width: Int = 80, height: Int = 24, environment: [String: String] = [:],
         serverBlocks: [Int32] = []) throws {
        guard Self.isAvailable else { throw Failure(description: "tmux is not installed") }
        self.width = width
        self.height = height
        server = "pipetop-\(getpid())-\(UUID().uuidString.prefix(8))"
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(server)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let config = folder.appendingPathComponent("tmux.conf")
        try """
            set -g default-terminal tmux-256color
            set -g status off
            set -g remain-on-exit on
            set -g history-limit 1000

            """.write(to: config, atomically: true, encoding: .utf8)
        var arguments = [
            "-f", config.path, "new-session", "-d", "-s", target, "-x", "\(width)", "-y", "\(height)",
        ]
        for (name, value) in environment.sorted(by: { $0.key < $1.key }) { arguments += ["-e", "\(name)=\(value)"] }
        arguments.append(command)
        let result = try tmux(arguments, blocking: serverBlocks)
        guard result.status == 0 else {
            try? FileManager.default.removeItem(at: folder)
            killed = true
            throw Failure(description: "tmux new-session failed (\(result.status)): \(result.output)")
        }
    }

    deinit { kill() }

    /// Presses keys, named as tmux names them: "q", "Enter", "Up", "C-c", "F5", "BTab".
    func sendKeys(_ keys: String...) throws {
        try check(tmux(["send-keys", "-t", target] + keys), "send-keys")
    }

    /// Types `text` literally.
    func sendText(_ text: String) throws {
        try check(tmux(["send-keys", "-t", target, "-l", text]), "send-keys -l")
    }

    /// The visible screen as text, one line per row (trailing spaces trimmed by tmux).
    func capture() throws -> String {
        let result = try tmux(["capture-pane", "-p", "-t", target])
        try check(result, "capture-pane")
        return result.output
    }

    /// The visible screen with colours and attributes as SGR escape sequences.
    func captureWithStyles() throws -> String {
        let result = try tmux(["capture-pane", "-p", "-e", "-t", target])
        try check(result, "capture-pane -e")
        return result.output
    }

    /// How long a wait may take: generous, since on a loaded 2-core machine starting a tmux server
    /// and a program in it has taken over 15 s; a wait ends as soon as what it waits for happens.
    static let patience: Double = 40

    /// Captures every 20 ms until `text` shows up; false if `timeout` seconds pass first.
    func waitFor(text: String, timeout: Double = patience) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let screen = try? capture(), screen.contains(text) { return true }
            usleep(20_000)
        } while Date() < deadline
        return false
    }

    /// Changes the window size; the command gets SIGWINCH as in a real terminal.
    func resize(width: Int, height: Int) throws {
        try check(tmux(["resize-window", "-t", target, "-x", "\(width)", "-y", "\(height)"]), "resize-window")
    }

    /// The command's exit status once it has ended (128 + the signal when one ended it), nil while
    /// it runs.
    ///
    /// tmux 3.3a on a loaded machine sometimes never reaps a pane's ended command (seen in about
    /// one full test run in three): the shell stays a zombie with its exit code set, and the pane
    /// is dead by its terminal's end of file but has no status. The zombie's own exit code is then
    /// the answer, read from /proc, checked to be this server's child so that a reused pid cannot
    /// be mistaken for it.
    func exitStatus() throws -> Int32? {
        let result = try tmux(["display-message", "-p", "-t", target,
                               "#{pane_dead}:#{pane_dead_status}:#{pane_dead_signal}:#{pane_pid}:#{pid}"])
        try check(result, "display-message")
        let fields = result.output.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 5 else { return nil }
        if fields[0] == "1" {
            if let status = Int32(fields[1]) { return status }
            if let signal = Int32(fields[2]) { return 128 + signal }
            // Dead by its terminal's end of file, but its process never reaped: no status yet.
        }
        guard let pane = Int32(fields[3]), let server = Int32(fields[4]) else { return nil }
        return Self.zombieStatus(pid: pane, parent: server)
    }

    /// The exit status of `pid` when it has ended but not been reaped by `parent`; nil otherwise.
    static func zombieStatus(pid: Int32, parent: Int32) -> Int32? {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.lastIndex(of: ")") else { return nil }
        // After the command name: state, parent, ... and the wait status as field 52 of the file.
        let after = stat[stat.index(after: close)...].split(separator: " ")
        guard after.count > 49, after[0] == "Z", Int32(after[1]) == parent,
              let status = Int32(after[49].trimmingCharacters(in: .whitespacesAndNewlines)) else { return nil }
        let signal = status & 0x7F
        return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
    }

    /// Waits until the command has ended; nil if `timeout` seconds pass first.
    func waitForExit(timeout: Double = patience) -> Int32? {
        let deadline = Date().addingTimeInterval(timeout)
        repeat {
            if let status = try? exitStatus() { return status }
            usleep(20_000)
        } while Date() < deadline
        return nil
    }

    /// What the system says about the pane's process and the server, for a message when a wait
    /// for the command's end runs out: whether the command is still running, stopped, or ended
    /// without the server noticing.
    func processReport() -> String {
        var lines: [String] = []
        for (what, format) in [("pane", "#{pane_pid}"), ("server", "#{pid}")] {
            guard let result = try? tmux(["display-message", "-p", "-t", target, format]),
                  let pid = Int32(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
                lines.append("\(what): pid unknown")
                continue
            }
            lines.append("\(what) \(pid): " + Self.procStatus(pid))
            // Its children, with their own state: a shell waiting on a stopped child looks alive.
            let children = (try? String(contentsOfFile: "/proc/\(pid)/task/\(pid)/children", encoding: .utf8)) ?? ""
            for child in children.split(separator: " ").compactMap({ Int32($0) }) {
                lines.append("  child \(child): " + Self.procStatus(child))
            }
        }
        return lines.joined(separator: "\n")
    }

    private static func procStatus(_ pid: Int32) -> String {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return "gone" }
        let wanted = ["Name", "State", "PPid", "SigPnd", "ShdPnd", "SigBlk", "SigIgn", "SigCgt"]
        let fields = status.split(separator: "\n").filter { line in wanted.contains { line.hasPrefix($0 + ":") } }
        let stat = (try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)) ?? ""
        // The exit code is the last field of stat: set for a zombie not yet reaped.
        let exitCode = stat.split(separator: " ").last.map { "exit_code=\($0.trimmingCharacters(in: .whitespacesAndNewlines))" } ?? ""
        return fields.map { $0.replacingOccurrences(of: "\t", with: " ") }.joined(separator: ", ") + ", " + exitCode
    }

    /// Stops the server and everything running in it. Safe to call more than once.
    func kill() {
        guard !killed else { return }
        killed = true
        _ = try? tmux(["kill-server"])
        try? FileManager.default.removeItem(at: folder)
    }

    private func check(_ result: (status: Int32, output: String), _ what: String) throws {
        guard result.status == 0 else {
            throw Failure(description: "tmux \(what) failed (\(result.status)): \(result.output)")
        }
    }

    /// Runs one tmux client command against this session's server and waits for it.
    private func tmux(_ arguments: [String], blocking: [Int32] = []) throws -> (status: Int32, output: String) {
        guard let executable = Self.executable else { throw Failure(description: "tmux is not installed") }
        let outputPath = folder.appendingPathComponent("output-\(UUID().uuidString)").path
        defer { unlink(outputPath) }
        let environment = [
            "PATH=" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"),
            "HOME=" + NSHomeDirectory(),
            "SHELL=/bin/sh",
            "LANG=C.UTF-8",
            "TERM=xterm-256color",
            "TMUX_TMPDIR=" + folder.path,
        ]
        let status = try spawnAndWait(
            executable, arguments: ["tmux", "-L", server] + arguments, environment: environment, outputPath: outputPath,
            blocking: blocking)
        let output = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
        return (status, output)
    }
}

/// Starts `path` with stdin from /dev/null and stdout and stderr into `outputPath`, and waits for
/// it to end. Returns its exit status (128 + n when killed by signal n).
private func spawnAndWait(
    _ path: String, arguments: [String], environment: [String], outputPath: String, blocking: [Int32]
) throws -> Int32 {
    try waitForChild(spawnChild(path, arguments: arguments, environment: environment, outputPath: outputPath, blocking: blocking))
}

/// Starts `path` (`arguments` from argv[0] on) with stdin from /dev/null and stdout and stderr
/// into `outputPath`, with the signals in `blocking` blocked and no other; the caller waits for it or kills it.
func spawnChild(_ path: String, arguments: [String], environment: [String], outputPath: String = "/dev/null",
                blocking: [Int32] = []) throws -> pid_t {
    #if os(Linux)
    var actions = posix_spawn_file_actions_t()
    #else
    var actions: posix_spawn_file_actions_t = nil
    #endif
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)

    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup($0) } + [nil]
    defer {
        argv.forEach { free($0) }
        envp.forEach { free($0) }
    }
    // The calling thread may block signals (test runners' worker threads do), and a child inherits
    // that mask: a tmux server started with SIGCHLD and SIGTERM blocked never reaps its panes nor
    // obeys kill-server. Start it with no signal blocked and every handler at its default.
    #if os(Linux)
    var attributes = posix_spawnattr_t()
    #else
    var attributes: posix_spawnattr_t = nil
    #endif
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var mask = sigset_t()
    sigemptyset(&mask)
    for signal in blocking { sigaddset(&mask, signal) }
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    sigdelset(&allSignals, SIGKILL)
    sigdelset(&allSignals, SIGSTOP)
    posix_spawnattr_setsigmask(&attributes, &mask)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    var pid: pid_t = 0
    let spawned = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
    guard spawned == 0 else {
        throw TmuxSession.Failure(description: "cannot start \(path): \(String(cString: strerror(spawned)))")
    }
    return pid
}

/// Waits for a child to end: its exit status, or 128 + the signal that ended it.
func waitForChild(_ pid: pid_t) throws -> Int32 {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 {
        guard errno == EINTR else { throw TmuxSession.Failure(description: "waitpid: \(String(cString: strerror(errno)))") }
    }
    let signal = status & 0x7F
    return signal == 0 ? (status >> 8) & 0xFF : 128 + signal
}
