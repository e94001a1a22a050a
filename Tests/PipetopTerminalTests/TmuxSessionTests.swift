import Foundation
import Testing

@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: terminal sessions cannot be driven"))
struct TmuxSessionTests {
    @Test func capturesWhatTheCommandPrints() throws {
        let session = try TmuxSession(command: "printf 'hello 日本'; sleep 10")
        defer { session.kill() }
        #expect(session.waitFor(text: "hello 日本"))
        #expect(try session.capture().hasPrefix("hello 日本"))
    }

    @Test func runsWithTheAgreedTerminalTypeAndLocale() throws {
        let session = try TmuxSession(command: "echo \"$TERM $LANG\"; sleep 10")
        defer { session.kill() }
        #expect(session.waitFor(text: "tmux-256color C.UTF-8"))
    }

    @Test func sendsKeysAndResizes() throws {
        let session = try TmuxSession(
            command: "stty size; read line; echo \"got $line\"; stty size; sleep 10", width: 80, height: 24)
        defer { session.kill() }
        #expect(session.waitFor(text: "24 80"))
        try session.resize(width: 100, height: 30)
        try session.sendText("abc")
        try session.sendKeys("Enter")
        #expect(session.waitFor(text: "got abc"))
        #expect(session.waitFor(text: "30 100"))
    }

    @Test func reportsTheExitStatus() throws {
        // No key is involved (sending keys is the test above): twice in full test runs, an Enter
        // sent right after "ready" showed was never read by `read`, and the command never ended.
        let session = try TmuxSession(command: "echo ready; sleep 5; exit 3")
        defer { session.kill() }
        #expect(session.waitFor(text: "ready"))
        #expect(try session.exitStatus() == nil)
        let status = session.waitForExit()
        #expect(status == 3, "\((try? session.capture()) ?? "")\n\(status == nil ? session.processReport() : "")")
    }

    /// A server that never reaps its panes (as tmux 3.3a sometimes does on a loaded machine) still
    /// gives the command's exit status.
    @Test func reportsTheExitStatusWhenTheServerNeverReaps() throws {
        let session = try TmuxSession(command: "echo ready; sleep 1; exit 3", serverBlocks: [SIGCHLD])
        defer { session.kill() }
        #expect(session.waitFor(text: "ready"))
        #expect(session.waitForExit() == 3)
    }

    /// The fallback for a pane tmux never marks dead: an ended, unreaped child's status is read
    /// as waitpid would give it, and only for the parent that owns it.
    @Test(arguments: [("exit 3", Int32(3)), ("kill -TERM $$", Int32(128 + SIGTERM))])
    func readsAZombiesExitStatus(script: String, expected: Int32) throws {
        let child = try spawnChild("/bin/sh", arguments: ["sh", "-c", script], environment: [])
        defer { _ = try? waitForChild(child) }
        var status: Int32?
        for _ in 0..<2_000 where status == nil {
            status = TmuxSession.zombieStatus(pid: child, parent: getpid())
            if status == nil { usleep(5_000) }
        }
        #expect(status == expected)
        #expect(TmuxSession.zombieStatus(pid: child, parent: getppid()) == nil)
        #expect(TmuxSession.zombieStatus(pid: getpid(), parent: getppid()) == nil)
    }

    @Test func passesEnvironmentToTheCommand() throws {
        let session = try TmuxSession(command: "echo \"color=$NO_COLOR\"; sleep 10", environment: ["NO_COLOR": "1"])
        defer { session.kill() }
        #expect(session.waitFor(text: "color=1"))
    }
}
