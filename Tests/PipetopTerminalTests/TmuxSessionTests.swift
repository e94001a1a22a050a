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
        #expect(session.waitForExit() == 3, "\((try? session.capture()) ?? "")")
    }

    @Test func passesEnvironmentToTheCommand() throws {
        let session = try TmuxSession(command: "echo \"color=$NO_COLOR\"; sleep 10", environment: ["NO_COLOR": "1"])
        defer { session.kill() }
        #expect(session.waitFor(text: "color=1"))
    }
}
