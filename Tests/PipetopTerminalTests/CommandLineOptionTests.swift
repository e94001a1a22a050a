import Foundation
import Testing

/// Command-line options read as the docs say, through the real binary.
@Suite struct CommandLineOptionTests {
    /// Runs pipetop with `arguments`; its exit status and what it printed (both streams).
    static func run(_ arguments: [String], in folder: URL? = nil) throws -> (status: Int32, output: String) {
        let binary = try #require(DashboardEndToEndTests.binary, "the pipetop binary was not built")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static var seeds: String { DashboardEndToEndTests.root.appendingPathComponent("seeds").path }

    /// `pipetop check .` ended "no problems in ." : the folder is named by its own name.
    @Test func theCurrentFolderIsNamedByItsName() throws {
        let out = try Self.run(["check", "."], in: URL(fileURLWithPath: Self.seeds))
        #expect(out.status == 0 && out.output.contains("no problems in seeds ("), "\(out.output)")
    }

    /// `--rep` finds a rep as `--user` does (login, name or e-mail, case aside), and refuses a name
    /// that is no one's instead of showing the unassigned leads alone.
    @Test func repIsFoundByLoginAndAnUnknownOneIsRefused() throws {
        let byLogin = try Self.run(["snapshot", Self.seeds, "--rep", "chloe", "--pane", "inbox", "--width", "120", "--height", "40"])
        #expect(byLogin.status == 0)
        #expect(byLogin.output.contains("Chloe Dubois's leads"))
        let unknown = try Self.run(["snapshot", Self.seeds, "--rep", "nobody at all", "--pane", "inbox"])
        #expect(unknown.status == 2)
        // Found while running, the error ends with the subcommand's usage, not the top level's.
        #expect(unknown.output.contains("Usage: pipetop snapshot ") && unknown.output.contains("See 'pipetop snapshot --help'"), "\(unknown.output)")
        #expect(unknown.output.contains("--rep nobody at all: no rep with that login, name or e-mail in reps.csv"))
    }

    /// `view = "rep"` in the settings stopped a bare start for anyone not in reps.csv: the
    /// dashboard opens instead, saying why; `--view rep` on the command line is still refused.
    @Test func aRepViewFromTheSettingsFallsBackToTheDashboard() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-view-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: Self.seeds, toPath: folder.path)
        defer { try? FileManager.default.removeItem(at: folder) }
        let settings = folder.appendingPathComponent("pipetop.toml")
        try (String(contentsOf: settings, encoding: .utf8) + "view = \"rep\"\n").write(to: settings, atomically: true, encoding: .utf8)
        let stranger = try Self.run(["snapshot", folder.path, "--user", "nobody", "--width", "100", "--height", "30"])
        #expect(stranger.status == 0)
        #expect(stranger.output.contains("view = \"rep\" needs the user to be a rep in reps.csv"))
        let ben = try Self.run(["snapshot", folder.path, "--user", "ben", "--width", "100", "--height", "30"])
        #expect(ben.status == 0 && ben.output.contains("Rep: Ben Carter"))
        let explicit = try Self.run(["snapshot", folder.path, "--view", "rep", "--user", "nobody"])
        #expect(explicit.status == 2)
    }

    /// `--view manager --user helena` opened on everyone: a manager of a team starts on that
    /// team; a rep, or no match, starts on everyone as before.
    @Test func theManagerViewOpensOnTheUsersTeam() throws {
        let helena = try Self.run(["snapshot", Self.seeds, "--view", "manager", "--user", "helena", "--width", "120", "--height", "35"])
        #expect(helena.status == 0)
        #expect(helena.output.contains("Team Enterprise │ Manager"), "\(helena.output.prefix(300))")
        #expect(helena.output.contains("Team Enterprise, which Helena Brandt manages (Backspace: everyone)"))
        let ben = try Self.run(["snapshot", Self.seeds, "--view", "manager", "--user", "ben", "--width", "120", "--height", "35"])
        #expect(ben.output.contains("Everyone │ Manager"), "\(ben.output.prefix(300))")
    }

    /// `--view rep --user helena` (a manager) or `nina` (a marketer) opened an empty rep screen
    /// that offered triage keys: the view that fits opens instead, saying why.
    @Test func aRepViewForSomeoneWithNoNumbersOpensTheViewThatFits() throws {
        let helena = try Self.run(["snapshot", Self.seeds, "--view", "rep", "--user", "helena", "--width", "120", "--height", "35"])
        #expect(helena.status == 0)
        #expect(helena.output.contains("Helena Brandt has no quota, leads or deals of their own: the manager view opens on Team Enterprise"), "\(helena.output.prefix(300))")
        #expect(helena.output.contains("Team Enterprise │ Manager") && !helena.output.contains("Rep: "))
        let nina = try Self.run(["snapshot", Self.seeds, "--view", "rep", "--user", "nina", "--width", "120", "--height", "35"])
        #expect(nina.status == 0)
        #expect(nina.output.contains("Nina Kowalski has no quota, leads or deals of their own: the dashboard opens"), "\(nina.output.prefix(300))")
        #expect(!nina.output.contains("Rep: ") && nina.output.contains("Campaigns"))
        let ben = try Self.run(["snapshot", Self.seeds, "--view", "rep", "--user", "ben", "--width", "120", "--height", "35"])
        #expect(ben.output.contains("Rep: Ben Carter") && !ben.output.contains("of their own"))
    }

    /// A channel in `--scope` is read through the channel aliases, as a channel cell is.
    @Test func aScopeChannelTakesItsAliases() throws {
        let aliased = try Self.run(["report", Self.seeds, "--scope", "channel:Paid Search"])
        #expect(aliased.status == 0, "\(aliased.output)")
        #expect(aliased.output.contains("Scope: Channel PPC"), "\(aliased.output.prefix(200))")
    }

    /// A pane the view does not have printed an empty box, as if there were no deals: it is
    /// refused, naming the views that have it.
    @Test func aPaneOfAnotherViewIsRefused() throws {
        let refused = try Self.run(["snapshot", Self.seeds, "--pane", "deals"])
        #expect(refused.status == 2)
        #expect(refused.output.contains("--pane deals: the dashboard view has campaigns, funnel, quotas, sla, inbox; deals is in --view manager and --view rep"))
        let shown = try Self.run(["snapshot", Self.seeds, "--pane", "deals", "--view", "manager", "--width", "100", "--height", "20"])
        #expect(shown.status == 0 && shown.output.contains("open worth"))
    }

    /// A negative size or wait was taken for a missing value ("Missing value for '--width'").
    @Test func aNegativeNumberIsTheValueGiven() throws {
        let width = try Self.run(["snapshot", Self.seeds, "--width", "-5"])
        #expect(width.status == 2 && width.output.contains("--width and --height must be between 1 and 1000"), "\(width.output)")
    }

    /// With no folder, a folder of the user's called "seeds" in the current folder was opened
    /// instead of the bundled sample company.
    @Test func theBundledSampleComesBeforeAFolderCalledSeedsHere() throws {
        let here = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-here-\(UUID().uuidString)")
        let own = here.appendingPathComponent("seeds")
        try FileManager.default.createDirectory(at: own, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: here) }
        try "lead_id,created_at\nX1,2026-01-01\n".write(to: own.appendingPathComponent("leads.csv"), atomically: true, encoding: .utf8)
        let checked = try Self.run(["check"], in: here)
        #expect(checked.output.contains("leads.csv 1997"), "\(checked.output)")
    }

    /// `check` passed a theme the dashboard could not use: it is a warning at the key's place.
    @Test func checkWarnsAboutATheme() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-theme-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: Self.seeds, toPath: folder.path)
        defer { try? FileManager.default.removeItem(at: folder) }
        let settings = folder.appendingPathComponent("pipetop.toml")
        try String(contentsOf: settings, encoding: .utf8).replacingOccurrences(of: "theme = \"dark\"", with: "theme = \"nope\"")
            .write(to: settings, atomically: true, encoding: .utf8)
        let checked = try Self.run(["check", folder.path])
        #expect(checked.status == 0)
        #expect(checked.output.contains("pipetop.toml:40:1: warning: theme \"nope\": no theme named \"nope\""), "\(checked.output)")
    }

    /// A close date that cannot be one is a usage error, exit 2 as the help says; it was a
    /// refusal with exit 1. Nothing is written.
    @Test func aBadCloseDateIsAUsageError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-close-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: Self.seeds, toPath: folder.path)
        defer { try? FileManager.default.removeItem(at: folder) }
        let deals = try Data(contentsOf: folder.appendingPathComponent("deals.csv"))
        let refused = try Self.run(["triage", folder.path, "convert", "L-01958", "--amount", "1000", "--close-date", "12/01/2026"])
        #expect(refused.status == 2)
        #expect(refused.output.contains("--close-date 12/01/2026: the close date \"12/01/2026\" is not a date: write it YYYY-MM-DD"), "\(refused.output)")
        #expect(try Data(contentsOf: folder.appendingPathComponent("deals.csv")) == deals)
    }

    /// Help for a command that does not exist is a usage error naming the commands; it printed the
    /// top-level help with exit 0. Help for a real command still works.
    @Test func helpForAnUnknownCommandIsAUsageError() throws {
        let unknown = try Self.run(["help", "chek"])
        #expect(unknown.status == 2)
        #expect(unknown.output.contains("help chek: no such command; the commands are dashboard, check, report, snapshot, triage, init"), "\(unknown.output)")
        let known = try Self.run(["help", "check"])
        #expect(known.status == 0)
        #expect(known.output.contains("Load and validate a data folder"))
    }

    /// `--user` is written into activity.csv: an escape sequence went there raw, and an empty
    /// name was taken. Both are usage errors, for triage and the dashboard alike.
    @Test func aUserNameMustBePlainText() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-user-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: Self.seeds, toPath: folder.path)
        defer { try? FileManager.default.removeItem(at: folder) }
        let escaped = try Self.run(["triage", folder.path, "accept", "L-01964", "--user", "\u{1b}[31mx"])
        #expect(escaped.status == 2)
        #expect(escaped.output.contains("--user \\u{1b}[31mx: the name has control characters; write it as plain text"), "\(escaped.output)")
        for arguments in [["triage", folder.path, "accept", "L-01964", "--user", ""], ["snapshot", Self.seeds, "--user", " "]] {
            let empty = try Self.run(arguments)
            #expect(empty.status == 2)
            #expect(empty.output.contains("--user needs a name: a login, name or e-mail from reps.csv"), "\(empty.output)")
        }
        // Spaces around a name are not part of it: " ben " was no rep, and logged with them.
        let spaced = try Self.run(["triage", folder.path, "accept", "L-01964", "--user", " ben "])
        #expect(spaced.status == 0, "\(spaced.output)")
        let log = try String(contentsOf: folder.appendingPathComponent("activity.csv"), encoding: .utf8)
        #expect(log.hasSuffix(",ben,leads.csv,L-01964,owner,,Ben Carter\n"), "\(log.suffix(200))")
    }

    /// A script acts on its user's leads and unowned ones: another rep's lead is refused unless
    /// --any-owner says otherwise (assigning always may). A user reps.csv does not know is told so.
    @Test func anotherRepsLeadNeedsAnyOwner() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-owner-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: Self.seeds, toPath: folder.path)
        defer { try? FileManager.default.removeItem(at: folder) }
        let refused = try Self.run(["triage", folder.path, "accept", "L-01958", "--user", "ben"])
        #expect(refused.status == 1)
        #expect(refused.output.contains("refused: L-01958 is Omar Haddad's lead, not yours; nothing was written"), "\(refused.output)")
        #expect(refused.output.contains("(--any-owner acts on other reps' leads too)"))
        let own = try Self.run(["triage", folder.path, "touch", "L-01958", "--user", "omar"])
        #expect(own.status == 0, "\(own.output)")
        let assigned = try Self.run(["triage", folder.path, "assign", "L-01958", "--rep", "Ben Carter", "--user", "rachel"])
        #expect(assigned.status == 0, "\(assigned.output)")
        let anyOwner = try Self.run(["triage", folder.path, "qualify", "L-01958", "--user", "omar", "--any-owner"])
        #expect(anyOwner.status == 0, "\(anyOwner.output)")
        let typo = try Self.run(["triage", folder.path, "accept", "L-01964", "--user", "Bne Carter"])
        #expect(typo.output.contains("note: \"Bne Carter\" is no rep in reps.csv (did you mean \"Ben Carter\"?)"), "\(typo.output)")
    }

    /// Triage had no --settings: an export whose settings are kept elsewhere could not be
    /// triaged from a script. Its reps are found beside those settings, and the export's own
    /// stage word is written.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: Self.workshop.path), "the real exports are not on this machine"))
    func triageTakesSettingsKeptElsewhere() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-elsewhere-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let export = root.appendingPathComponent("export"), mine = root.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Self.workshop, to: export)
        try FileManager.default.copyItem(at: DashboardEndToEndTests.root.appendingPathComponent("examples/salesforce-workshop"), to: mine)
        _ = chmod(export.path, 0o755)
        for name in try FileManager.default.contentsOfDirectory(atPath: export.path) { _ = chmod(export.appendingPathComponent(name).path, 0o644) }
        let settings = mine.appendingPathComponent("pipetop.toml")
        let text = try String(contentsOf: settings, encoding: .utf8).replacingOccurrences(of: "read_only = true", with: "read_only = false")
        try text.write(to: settings, atomically: true, encoding: .utf8)
        let done = try Self.run(["triage", export.path, "accept", "00QEc00000BBaeYMAT", "--settings", settings.path, "--user", "Workshop User"])
        #expect(done.status == 0, "\(done.output)")
        let lead = try String(contentsOf: export.appendingPathComponent("Lead.csv"), encoding: .utf8)
        let row = lead.split(separator: "\n").first { $0.hasPrefix("00QEc00000BBaeYMAT,") } ?? ""
        #expect(row.contains(",Working,"))
        // The owner is a user Id in the export: it stays one (the rep's name went there).
        #expect(row.contains(",005Ec000004oBPNIA2,") && !row.contains("Workshop User"), "\(row)")
        // The folder's read_only is kept: the example as written refuses.
        try String(contentsOf: DashboardEndToEndTests.root.appendingPathComponent("examples/salesforce-workshop/pipetop.toml"), encoding: .utf8)
            .write(to: settings, atomically: true, encoding: .utf8)
        let refused = try Self.run(["triage", export.path, "accept", "00QEc00000BBaeZMAT", "--settings", settings.path, "--user", "Workshop User"])
        #expect(refused.status == 1 && refused.output.contains("read-only"), "\(refused.output)")
    }

    static var workshop: URL { DashboardEndToEndTests.root.appendingPathComponent("../shared/realdata/salesforce-workshop").standardizedFileURL }

    /// An amount is read as the dashboard reads a typed one, by the settings' number format:
    /// "$25,000.00" was a usage error on the command line. What is not a positive number is one.
    @Test func anAmountReadsAsTheDashboardReadsIt() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-amount-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: Self.seeds, toPath: folder.path)
        defer { try? FileManager.default.removeItem(at: folder) }
        let done = try Self.run(["triage", folder.path, "convert", "L-01958", "--amount", "$25,000.50", "--close-date", "2026-12-20", "--owner", "Marcus Webb", "--user", "omar"])
        #expect(done.status == 0, "\(done.output)")
        #expect(try String(contentsOf: folder.appendingPathComponent("deals.csv"), encoding: .utf8).contains(",25000.50,"))
        for (amount, said) in [("12,5", "--amount 12,5 is not a number in the settings' number format (1,234.25): write it like 25000"),
                               ("-5", "--amount -5: the amount must be a positive number, like 25000"),
                               ("0.001", "--amount 0.001: the amount rounds to 0.00: write it to the cent at least"),
                               ("99999999999999999", "--amount 99999999999999999: the amount is too large for a deal")] {
            let refused = try Self.run(["triage", folder.path, "convert", "L-01964", "--amount", amount, "--close-date", "2026-12-20", "--owner", "Marcus Webb", "--user", "omar"])
            #expect(refused.status == 2 && refused.output.contains(said), "\(refused.output)")
        }
    }

    /// `--at 2099-...` was recorded as given: a moment that has not happened is a usage error, as
    /// is one after the folder's pinned moment (written, it would not show) and a date alone.
    @Test func aMomentInTheFutureIsAUsageError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-at-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: Self.seeds, toPath: folder.path)
        defer { try? FileManager.default.removeItem(at: folder) }
        let pinned = try Self.run(["triage", folder.path, "touch", "L-01977", "--user", "ben", "--at", "2026-11-26T23:00:00"])
        #expect(pinned.status == 2)
        #expect(pinned.output.contains("--at 2026-11-26T23:00:00 is after the folder's pinned moment (as_of 2026-11-26T10:30:00): it would not show"), "\(pinned.output)")
        for date in ["2026-11-26", " 2026-11-26"] {
            let day = try Self.run(["triage", folder.path, "touch", "L-01977", "--user", "ben", "--at", date])
            #expect(day.status == 2 && day.output.contains("--at \(date): write YYYY-MM-DDThh:mm or YYYY-MM-DDThh:mm:ss"), "\(day.output)")
        }
        // Without a pinned moment, the clock is the limit.
        let settings = folder.appendingPathComponent("pipetop.toml")
        let text = try String(contentsOf: settings, encoding: .utf8).split(separator: "\n").filter { !$0.hasPrefix("as_of") }.joined(separator: "\n")
        try (text + "\n").write(to: settings, atomically: true, encoding: .utf8)
        let future = try Self.run(["triage", folder.path, "touch", "L-01977", "--user", "ben", "--at", "2099-11-20T11:02:00"])
        #expect(future.status == 2)
        #expect(future.output.contains("--at 2099-11-20T11:02:00 is in the future: record what has happened"), "\(future.output)")
    }

    /// A usage error repeats what was typed: its escape sequences are written escaped.
    @Test func aUsageErrorIsEscaped() throws {
        let shown = try Self.run(["check", "/tmp/no-such-\u{1b}[31mfolder"])
        #expect(shown.status == 2)
        #expect(!shown.output.unicodeScalars.contains { $0.value == 0x1b } && shown.output.contains("\\u{1b}[31m"), "\(shown.output)")
    }

    /// A theme file named in settings kept outside the data folder is found beside them, as the
    /// settings' table paths are; it was looked for in the data folder.
    @Test func aThemePathIsFromTheSettingsFolder() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-themepath-\(UUID().uuidString)")
        let data = root.appendingPathComponent("data"), kept = root.appendingPathComponent("settings")
        try FileManager.default.createDirectory(at: kept, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Self.seeds, toPath: data.path)
        defer { try? FileManager.default.removeItem(at: root) }
        let settings = try String(contentsOf: data.appendingPathComponent("pipetop.toml"), encoding: .utf8)
            .replacingOccurrences(of: "theme = \"dark\"", with: "theme = \"./mine.toml\"")
        try settings.write(to: kept.appendingPathComponent("pipetop.toml"), atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: data.appendingPathComponent("pipetop.toml"))
        try FileManager.default.copyItem(at: DashboardEndToEndTests.root.appendingPathComponent("themes/light.toml"), to: kept.appendingPathComponent("mine.toml"))
        let checked = try Self.run(["check", data.path, "--settings", kept.appendingPathComponent("pipetop.toml").path])
        #expect(checked.status == 0 && checked.output.contains("no problems"), "\(checked.output)")
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
