import Foundation
import Testing

/// Two screens on one folder: a rep triages a lead in one, and the other shows it.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: terminal sessions cannot be driven"), .serialized)
struct TriageEndToEndTests {
    @Test func aTouchInOneScreenShowsInTheOther() throws {
        let binary = try #require(DashboardEndToEndTests.binary, "the pipetop binary was not built")
        let folder = try DashboardEndToEndTests.scratchSeeds()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rep = try TmuxSession(command: "'\(binary)' '\(folder.path)' --user omar --pane inbox; sleep 30", width: 160, height: 45)
        defer { rep.kill() }
        let wall = try TmuxSession(command: "'\(binary)' '\(folder.path)' --read-only --pane inbox; sleep 30", width: 160, height: 45)
        defer { wall.kill() }
        #expect(rep.waitFor(text: "12 waiting"))
        #expect(wall.waitFor(text: "12 waiting"))
        // The first lead in the inbox is L-01958: log a touch on it.
        try rep.sendText("t")
        #expect(rep.waitFor(text: "11 waiting"), "\((try? rep.capture()) ?? "")")
        #expect(wall.waitFor(text: "11 waiting"), "\((try? wall.capture()) ?? "")")
        #expect(try !wall.capture().contains("L-01958"))
        // The read-only screen refuses the same action and says so.
        try wall.sendText("t")
        #expect(wall.waitFor(text: "Read-only"))
        let log = try String(contentsOf: folder.appendingPathComponent("activity.csv"), encoding: .utf8)
        #expect(log.contains(",omar,leads.csv,L-01958,first_touch_at,"))
    }
}
