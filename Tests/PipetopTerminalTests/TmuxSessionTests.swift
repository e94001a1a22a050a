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
        let session = try TmuxSession(command: "echo ready; read line; exit 3")
        defer { session.kill() }
        #expect(session.waitFor(text: "ready"))
        #expect(try session.exitStatus() == nil)
        // The key is pressed again when the first is not read within a few seconds: twice in full
        // test runs the command never saw it (the cause is not known yet).
        var status: Int32?
        for _ in 0..<4 where status == nil {
            try session.sendKeys("Enter")
            status = session.waitForExit(timeout: 8)
        }
        #expect(status == 3, "\((try? session.capture()) ?? "")")
    }

    @Test func passesEnvironmentToTheCommand() throws {
        let session = try TmuxSession(command: "echo \"color=$NO_COLOR\"; sleep 10", environment: ["NO_COLOR": "1"])
        defer { session.kill() }
        #expect(session.waitFor(text: "color=1"))
    }
}
