import Foundation
import PipelineKit
import Testing

/// The real `pipetop` binary in a terminal: start, move, filter, a file changed from outside,
/// resize, quit, and the terminal given back.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: terminal sessions cannot be driven"), .serialized)
struct DashboardEndToEndTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The binary built beside the tests.
    static var binary: String? {
        var candidates: [String] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
            for _ in 0..<4 {
                candidates.append(dir.appendingPathComponent("pipetop").path)
                dir = dir.deletingLastPathComponent()
            }
        }
        for bundle in Bundle.allBundles { candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("pipetop").path) }
        candidates.append(root.appendingPathComponent(".build/debug/pipetop").path)
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) && !$0.hasSuffix(".xctest") }
    }

    static func scratchSeeds() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-e2e-\(UUID().uuidString)")
        try SnapshotLoader.copyDataFiles(from: root.appendingPathComponent("seeds"), to: url)
        return url
    }

    @Test func startMoveFilterChangeResizeQuit() throws {
        let binary = try #require(Self.binary, "the pipetop binary was not built")
        let folder = try Self.scratchSeeds()
        defer { try? FileManager.default.removeItem(at: folder) }
        // The shell prints a marker after pipetop exits, and `stty -a` shows whether echo is back.
        let session = try TmuxSession(command: "'\(binary)' '\(folder.path)'; echo \"exit=$?\"; stty -a | tr ' ' '\\n' | grep -x echo; sleep 30",
                                      width: 160, height: 45)
        defer { session.kill() }
        #expect(session.waitFor(text: "5 Inbox"))
        let first = try session.capture()
        for pane in ["1 Campaigns", "2 Funnel", "3 Quotas", "4 SLA", "5 Inbox"] { #expect(first.contains(pane)) }

        // Move to the campaigns pane and filter it.
        try session.sendText("1/search")
        #expect(session.waitFor(text: "/search"))
        try session.sendKeys("Enter")
        #expect(session.waitFor(text: "1/1"))
        #expect(try !session.capture().contains("Buyer's Guide"))

        // Change a campaign's spend from outside, the way a script would: the new value shows.
        let url = folder.appendingPathComponent("campaigns.csv")
        var text = try String(contentsOf: url, encoding: .utf8)
        text = text.replacingOccurrences(of: "51623", with: "91623")
        let temp = folder.appendingPathComponent(".campaigns.tmp")
        try text.write(to: temp, atomically: false, encoding: .utf8)
        _ = rename(temp.path, url.path)
        #expect(session.waitFor(text: "$91.6k"))
        // The filter survived the reload.
        #expect(try session.capture().contains("/search"))

        // A smaller terminal: tabs instead of the grid.
        try session.resize(width: 80, height: 24)
        #expect(session.waitFor(text: "1 Campaigns  2 Funnel"))

        try session.sendText("q")
        #expect(session.waitFor(text: "exit=0"))
        // Echo is on again: the terminal was given back.
        #expect(session.waitFor(text: "\necho"))
    }

    /// The demo works on a scratch copy of the sample company: it removes the copy when it quits,
    /// and a copy left by a demo that was killed, but never a running demo's copy.
    /// A wall screen opens on a team and a period of its own, named as the screen names them.
    @Test func aScreenOpensOnTheScopeAndPeriodAskedFor() throws {
        let binary = try #require(Self.binary, "the pipetop binary was not built")
        let folder = try Self.scratchSeeds()
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = try TmuxSession(command: "'\(binary)' '\(folder.path)' --read-only --scope 'Team Enterprise' --period quarter; sleep 30",
                                      width: 160, height: 45)
        defer { session.kill() }
        #expect(session.waitFor(text: "Team Enterprise"), "\((try? session.capture()) ?? "")")
        #expect(try session.capture().split(separator: "\n").first?.contains("Q4 2026") == true, "\((try? session.capture()) ?? "")")
    }

    @Test func theDemoRemovesItsScratchCopy() throws {
        let binary = try #require(Self.binary, "the pipetop binary was not built")
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-tmp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temp) }
        let gone = try #require((4_000_000..<4_001_000).first { kill(pid_t($0), 0) != 0 && errno == ESRCH })
        let left = temp.appendingPathComponent("pipetop-demo-\(gone)"), running = temp.appendingPathComponent("pipetop-demo-\(getpid())")
        for folder in [left, running] {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try "lead_id\n".write(to: folder.appendingPathComponent("leads.csv"), atomically: false, encoding: .utf8)
        }
        func copies() -> Set<String> {
            Set(((try? FileManager.default.contentsOfDirectory(atPath: temp.path)) ?? []).filter { $0.hasPrefix("pipetop-demo-") })
        }
        let session = try TmuxSession(command: "TMPDIR='\(temp.path)' '\(binary)' --no-simulate; echo \"exit=$?\"; sleep 30",
                                      width: 120, height: 40)
        defer { session.kill() }
        #expect(session.waitFor(text: "sample company"))
        let during = copies()
        #expect(during.count == 2 && during.contains(running.lastPathComponent) && !during.contains(left.lastPathComponent), "\(during)")
        try session.sendText("q")
        #expect(session.waitFor(text: "exit=0"))
        #expect(copies() == [running.lastPathComponent])
    }

    /// A theme the settings name that cannot be used is a warning with the default theme, not a
    /// stop blamed on a flag the user never gave.
    @Test func anUnknownThemeInTheSettingsIsAWarning() throws {
        let binary = try #require(Self.binary, "the pipetop binary was not built")
        let folder = try Self.scratchSeeds()
        defer { try? FileManager.default.removeItem(at: folder) }
        let settings = folder.appendingPathComponent("pipetop.toml")
        let text = try String(contentsOf: settings, encoding: .utf8)
        try text.replacingOccurrences(of: "theme = \"dark\"", with: "theme = \"darkk\"").write(to: settings, atomically: false, encoding: .utf8)
        let session = try TmuxSession(command: "'\(binary)' snapshot '\(folder.path)' --width 60 --height 16 > /dev/null; echo \"exit=$?\"; sleep 30",
                                      width: 200, height: 20)
        defer { session.kill() }
        #expect(session.waitFor(text: "exit="), "\((try? session.capture()) ?? "")")
        let screen = try session.capture()
        #expect(screen.contains("pipetop.toml:40:1: theme \"darkk\""), "\(screen)")
        #expect(screen.contains("exit=0") && !screen.contains("--theme"), "\(screen)")
    }

    /// A terminal without an alternate screen (the Linux console) kept the last frame after q,
    /// with the shell's prompt written over its footer: the screen is cleared first.
    @Test func quittingClearsATerminalWithoutAnAlternateScreen() throws {
        let binary = try #require(Self.binary, "the pipetop binary was not built")
        let folder = try Self.scratchSeeds()
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = try TmuxSession(command: "TERM=linux '\(binary)' '\(folder.path)'; echo quit-done; sleep 30", width: 100, height: 30)
        defer { session.kill() }
        #expect(session.waitFor(text: "1 Campaigns"), "\((try? session.capture()) ?? "")")
        try session.sendText("q")
        #expect(session.waitFor(text: "quit-done"))
        let screen = try session.capture()
        #expect(!screen.contains("Campaigns") && !screen.contains("pipetop │"), "\(screen)")
    }

    /// Settings kept outside a read-only export folder (`--settings`) are followed like the
    /// folder's own files: a new as-of moment shows without a restart.
    @Test func settingsOutsideTheFolderAreFollowed() throws {
        let binary = try #require(Self.binary, "the pipetop binary was not built")
        let folder = try Self.scratchSeeds()
        defer { try? FileManager.default.removeItem(at: folder) }
        let elsewhere = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-e2e-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: elsewhere) }
        let settings = elsewhere.appendingPathComponent("crm.toml")
        try FileManager.default.moveItem(at: folder.appendingPathComponent("pipetop.toml"), to: settings)
        let session = try TmuxSession(command: "'\(binary)' '\(folder.path)' --settings '\(settings.path)'; sleep 30", width: 120, height: 30)
        defer { session.kill() }
        #expect(session.waitFor(text: "as of 2026-11-26 10:30"), "\((try? session.capture()) ?? "")")
        let text = try String(contentsOf: settings, encoding: .utf8)
        try text.replacingOccurrences(of: "as_of = \"2026-11-26T10:30:00\"", with: "as_of = \"2026-10-15T09:00:00\"")
            .write(to: settings, atomically: true, encoding: .utf8)
        #expect(session.waitFor(text: "as of 2026-10-15 09:00"), "\((try? session.capture()) ?? "")")
    }

    @Test func notATerminalPointsToSnapshotAndReport() throws {
        let binary = try #require(Self.binary, "the pipetop binary was not built")
        let session = try TmuxSession(command: "'\(binary)' '\(Self.root.appendingPathComponent("seeds").path)' < /dev/null 2>&1 | cat; sleep 10")
        defer { session.kill() }
        #expect(session.waitFor(text: "needs a terminal"), "\((try? session.capture()) ?? "")")
        #expect(try session.capture().contains("pipetop snapshot"))
    }

    @Test func ctrlCRestoresTheTerminal() throws {
        let binary = try #require(Self.binary, "the pipetop binary was not built")
        // The shell gets the Ctrl-C too: a trap keeps it alive to report what pipetop left behind.
        let session = try TmuxSession(command: "trap 'true' INT; '\(binary)' --no-simulate; echo \"exit=$?\"; stty -a | tr ' ' '\\n' | grep -x echo; sleep 30",
                                      width: 120, height: 40)
        defer { session.kill() }
        #expect(session.waitFor(text: "sample company"))
        try session.sendKeys("C-c")
        #expect(session.waitFor(text: "exit="), "\((try? session.capture()) ?? "")")
        #expect(session.waitFor(text: "\necho"))
    }

    @Test(arguments: [SIGTERM, SIGHUP])
    func terminationSignalsRestoreTheTerminal(signal: Int32) throws {
        let binary = try #require(Self.binary, "the pipetop binary was not built")
        let folder = try Self.scratchSeeds()
        defer { try? FileManager.default.removeItem(at: folder) }
        let session = try TmuxSession(command: "'\(binary)' '\(folder.path)'; echo \"exit=$?\"; stty -a | tr ' ' '\\n' | grep -x echo; sleep 30",
                                      width: 120, height: 40)
        defer { session.kill() }
        #expect(session.waitFor(text: "5 Inbox"))
        // Find this pipetop by its own scratch folder, and stop it the way a system or a closed window would.
        let pids = Self.processes(matching: folder.path)
        let pid = try #require(pids.first, "pipetop's process was not found")
        kill(pid, signal)
        #expect(session.waitFor(text: "exit="), "\((try? session.capture()) ?? "")")
        #expect(session.waitFor(text: "\necho"))
    }

    /// A terminal with no colours still shows the selection: in reverse video, from the mono theme.
    @Test func aTerminalWithoutColoursStillShowsTheSelection() throws {
        let binary = try #require(Self.binary, "the pipetop binary was not built")
        let session = try TmuxSession(command: "TERM=vt100 '\(binary)' --no-simulate; sleep 30", width: 100, height: 30)
        defer { session.kill() }
        #expect(session.waitFor(text: "Campaigns"))
        let styled = try session.captureWithStyles()
        #expect(styled.contains("\u{1B}[7m"), "no reverse video in:\n\(styled)")
        #expect(!styled.contains("\u{1B}[38;5;"))
    }

    /// With a colour theme named, a terminal without colour (or NO_COLOR) showed the selection
    /// in bold only, lost among bold cells: it is drawn as mono, in reverse video, and said once.
    @Test(arguments: ["TERM=vt100", "NO_COLOR=1"])
    func aNamedThemeWithoutColourStillShowsTheSelection(environment: String) throws {
        let binary = try #require(Self.binary, "the pipetop binary was not built")
        let session = try TmuxSession(command: "\(environment) '\(binary)' --no-simulate --theme dark; sleep 30", width: 160, height: 30)
        defer { session.kill() }
        #expect(session.waitFor(text: "Campaigns"))
        #expect(session.waitFor(text: "the dark theme is drawn as mono"), "\((try? session.capture()) ?? "")")
        let styled = try session.captureWithStyles()
        #expect(styled.contains("\u{1B}[7m"), "no reverse video in:\n\(styled)")
        #expect(!styled.contains("\u{1B}[38;5;") && !styled.contains("\u{1B}[38;2;"))
    }

    /// Another theme in the settings while the dashboard is open is drawn at once; one that
    /// cannot be used is said in the footer and listed by `!`.
    @Test func theSettingsThemeChangesWhileOpen() throws {
        let binary = try #require(Self.binary, "the pipetop binary was not built")
        let folder = try Self.scratchSeeds()
        defer { try? FileManager.default.removeItem(at: folder) }
        let settings = folder.appendingPathComponent("pipetop.toml")
        let text = try String(contentsOf: settings, encoding: .utf8)
        let session = try TmuxSession(command: "'\(binary)' '\(folder.path)'; sleep 30", width: 160, height: 40)
        defer { session.kill() }
        #expect(session.waitFor(text: "5 Inbox"))
        let before = try session.captureWithStyles()
        try text.replacingOccurrences(of: "theme = \"dark\"", with: "theme = \"light\"").write(to: settings, atomically: true, encoding: .utf8)
        #expect(session.waitFor(text: "Theme: light"), "\((try? session.capture()) ?? "")")
        #expect(try session.captureWithStyles() != before)
        try text.replacingOccurrences(of: "theme = \"dark\"", with: "theme = \"darkk\"").write(to: settings, atomically: true, encoding: .utf8)
        #expect(session.waitFor(text: "pipetop.toml:40:1: theme \"darkk\""), "\((try? session.capture()) ?? "")")
        try session.sendText("!")
        #expect(session.waitFor(text: "warning: theme \"darkk\": no theme named"), "\((try? session.capture()) ?? "")")
    }

    /// Under vt100, End's sequence (ESC [ 4 ~) chose pane 4: it is read whole, and the focus stays.
    @Test func keysTheTerminalTypeDoesNotDescribeDoNotChoosePanes() throws {
        let binary = try #require(Self.binary, "the pipetop binary was not built")
        let session = try TmuxSession(command: "TERM=vt100 '\(binary)' --no-simulate --pane inbox; sleep 30", width: 120, height: 30)
        defer { session.kill() }
        #expect(session.waitFor(text: "5 Inbox"))
        #expect(session.waitFor(text: "┏ 5 Inbox"))
        try session.sendKeys("End")
        try session.sendKeys("Home")
        try session.sendKeys("DC")
        // Pressed after them: once its pane has the focus, the three keys have been read.
        try session.sendKeys("Tab")
        #expect(session.waitFor(text: "┏ 1 Campaigns"))
        // The focused pane's box is drawn heavy: Tab moved on from the inbox, so End, Home and
        // Delete had left the focus there (they chose panes 4, 1 and 3 before).
        let screen = try session.capture()
        #expect(!screen.contains("┏ 4") && !screen.contains("┏ 3"), "\(screen)")
    }

    /// Processes whose command line contains `text`.
    static func processes(matching text: String) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { name -> pid_t? in
            guard let pid = pid_t(name), let data = FileManager.default.contents(atPath: "/proc/\(name)/cmdline") else { return nil }
            let args = data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
            guard args.first?.hasSuffix("/pipetop") == true, args.contains(text) else { return nil }
            return pid
        }
    }
}
