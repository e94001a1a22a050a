import Foundation
import Testing

/// Command-line options read as the docs say, through the real binary.
@Suite struct CommandLineOptionTests {
    /// Runs pipetop with `arguments`; its exit status and what it printed (both streams).
    static func run(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let binary = try #require(DashboardEndToEndTests.binary, "the pipetop binary was not built")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static var seeds: String { DashboardEndToEndTests.root.appendingPathComponent("seeds").path }

    /// `--rep` finds a rep as `--user` does (login, name or e-mail, case aside), and refuses a name
    /// that is no one's instead of showing the unassigned leads alone.
    @Test func repIsFoundByLoginAndAnUnknownOneIsRefused() throws {
        let byLogin = try Self.run(["snapshot", Self.seeds, "--rep", "chloe", "--pane", "inbox", "--width", "120", "--height", "40"])
        #expect(byLogin.status == 0)
        #expect(byLogin.output.contains("Chloe Dubois's leads"))
        let unknown = try Self.run(["snapshot", Self.seeds, "--rep", "nobody at all", "--pane", "inbox"])
        #expect(unknown.status == 2)
        #expect(unknown.output.contains("--rep nobody at all: no rep with that login, name or e-mail in reps.csv"))
    }

    /// A rotation of 0 never rotates: the header does not claim one.
    @Test func rotationZeroIsNone() throws {
        let shown = try Self.run(["snapshot", Self.seeds, "--standup", "--rotate", "0", "--width", "120", "--height", "40"])
        #expect(shown.status == 0)
        #expect(shown.output.contains("Standup") && !shown.output.contains("(every"))
        let negative = try Self.run(["snapshot", Self.seeds, "--standup", "--rotate", "-5"])
        #expect(negative.status == 2 && negative.output.contains("--rotate -5: write the seconds per pane, or 0 to never rotate"))
    }
}
