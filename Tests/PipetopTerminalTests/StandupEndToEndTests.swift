import Foundation
import Testing

/// The standup screen as a shared screen shows it: rotating, pausable, read-only.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: terminal sessions cannot be driven"), .serialized)
struct StandupEndToEndTests {
    @Test func rotatesPausesAndRefusesEdits() throws {
        let binary = try #require(DashboardEndToEndTests.binary, "the pipetop binary was not built")
        let folder = try DashboardEndToEndTests.scratchSeeds()
        defer { try? FileManager.default.removeItem(at: folder) }
        let leadsBefore = try Data(contentsOf: folder.appendingPathComponent("leads.csv"))
        let session = try TmuxSession(command: "'\(binary)' --standup --rotate 3 '\(folder.path)'; sleep 30", width: 120, height: 35)
        defer { session.kill() }
        #expect(session.waitFor(text: "1 Since last standup"))
        #expect(try session.capture().contains("READ-ONLY"))
        // The next pane comes up on its own.
        #expect(session.waitFor(text: "┏ 2 Campaigns", timeout: 8), "\((try? session.capture()) ?? "")")
        // Space pauses; 6 goes to the inbox, where a touch is refused.
        try session.sendText(" ")
        #expect(session.waitFor(text: "Rotation paused"))
        try session.sendText("6")
        #expect(session.waitFor(text: "┏ 6 Inbox"))
        try session.sendText("t")
        #expect(session.waitFor(text: "Read-only"))
        Thread.sleep(forTimeInterval: 3.5)
        #expect(try session.capture().contains("┏ 6 Inbox"))
        // The standup remembered when it ran, for the next one's "since".
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".pipetop-standup").path))
        #expect(try Data(contentsOf: folder.appendingPathComponent("leads.csv")) == leadsBefore)
    }
}
