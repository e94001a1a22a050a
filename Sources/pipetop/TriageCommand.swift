import ArgumentParser
import Foundation
import PipelineKit

/// `pipetop triage DIR ACTION LEAD...`: the inbox's triage actions from a script, written the same
/// safe way the dashboard writes them.
struct TriageCommand: UsageReporting {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Accept, assign, qualify, disqualify, recycle, touch or convert leads.",
        discussion: """
        Actions: accept, assign (--rep), qualify, disqualify (--reason), recycle, touch, convert (--amount, --close-date, --owner).
        With --batch FILE (or - for standard input), each line "ACTION LEAD [ARG]" is its own locked edit;
        ARG is the rep for assign, the reason for disqualify, "AMOUNT CLOSE-DATE [OWNER]" for convert. Blank lines and # comments are skipped.
        Exit status: 0 when everything was written, 1 when a lead was refused or an action failed, 2 for a usage error.
        """
    )

    @Argument(help: "The data folder.")
    var folder: String

    @Argument(help: "The action (without --batch).")
    var action: String?

    @Argument(help: "Lead ids (without --batch).")
    var leads: [String] = []

    @Option(name: .long, help: "Who is triaging, matched against reps.csv (default: the login name).")
    var user: String?

    @Option(name: .long, help: "The reason, for disqualify.")
    var reason: String?

    @Option(name: .long, help: "The rep, for assign.")
    var rep: String?

    @Option(name: .long, parsing: .unconditional, help: "The deal amount, for convert, as the settings' number format writes it (25000, $25,000.00).")
    var amount: String?

    @Option(name: .customLong("close-date"), help: "The expected close date (YYYY-MM-DD), for convert.")
    var closeDate: String?

    @Option(name: .long, help: "Who owns the new deal, for convert (default: the lead's owner; needed when that is an SDR).")
    var owner: String?

    @Flag(name: .customLong("any-owner"), help: "Act on leads other reps own too (assign always may); without it they are refused.")
    var anyOwner = false

    @Option(name: .long, help: "A file of lines \"ACTION LEAD [ARG]\", each done as its own edit (- reads standard input).")
    var batch: String?

    @Option(name: .customLong("at"), help: "The moment to record (YYYY-MM-DDThh:mm:ss in the settings' time zone; default: the settings' as_of when they pin one, else now).")
    var at: String?

    @Option(name: .long, parsing: .unconditional, help: "Seconds to wait for another writer to let go of the folder.")
    var wait: Double = 2

    @Option(name: .customLong("settings"), help: "Read this settings file instead of the folder's pipetop.toml; table files given as paths are found from its folder.")
    var settingsFile: String?

    @Option(name: .customLong("preset"), help: "Read the folder as this known export: \(Preset.names.joined(separator: ", ")) (overrides the settings' preset).")
    var preset: String?

    func validate() throws {
        if batch != nil {
            guard action == nil else { throw ValidationError("give either --batch or an action with leads, not both") }
        } else {
            guard action != nil else { throw ValidationError("give an action (accept, assign, qualify, disqualify, recycle, touch, convert) and lead ids, or --batch FILE") }
            guard !leads.isEmpty else { throw ValidationError("give at least one lead id") }
        }
        guard wait >= 0, wait <= 3600 else { throw ValidationError("--wait takes 0 to 3600 seconds") }
        if let user, let problem = LoginName.problem(with: user) { throw ValidationError(problem) }
    }

    func perform() throws {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDir), isDir.boolValue else {
            throw ValidationError(FolderArgument.notAFolder(folder))
        }
        let url = URL(fileURLWithPath: folder).standardizedFileURL
        try FolderArgument.checkPreset(preset)
        let settingsURL = try FolderArgument.settingsFile(settingsFile)
        let load: @Sendable () -> (Settings, [Diagnostic]) = { [preset, settingsURL] in
            SettingsLoader.load(folder: url, settingsFile: settingsURL, preset: preset)
        }
        let settings = load().0
        // Amounts are read as the deals file writes numbers.
        let numbers = settings.tables[Schemas.deals.name]?.numberFormat ?? settings.numberFormat
        AtomicFile.removeStrays(in: url)
        let who = LoginName.user(given: user) ?? "unknown"
        var triage = LeadTriage(folder: url, settings: settings, user: who,
                                userRep: LeadTriage.rep(matchingUser: who, folder: url, settings: settings))
        triage.lockTimeout = wait
        triage.currentSettings = load
        triage.othersLeads = anyOwner
        if triage.userRep == nil { noteNotARep(who, folder: url, settings: settings) }
        let moment = try timestamp(settings)
        // A close date on the command line that cannot be one is a usage error (exit 2), as a bad
        // --at is; in a batch file it is that line's refusal.
        if batch == nil, action?.lowercased() == "convert", let closeDate {
            let format = settings.dateFormat(of: Schemas.deals)
            if let problem = LeadTriage.closeDateProblem(closeDate, format: format, at: moment, timeZone: settings.timeZone) {
                throw ValidationError("--close-date \(MessageText.escaped(closeDate)): \(problem)")
            }
        }

        var steps: [(LeadAction, [String])] = []
        if let batch {
            steps = try batchSteps(batch, numbers: numbers)
        } else if let action {
            steps = [(try leadAction(action, argument: nil, numbers: numbers), leads)]
        }
        var failed = false
        var saidAnyOwner = false
        for (action, ids) in steps {
            let result = triage.perform(action, on: ids, seen: [:], at: moment)
            // Ids and names in the messages come from the command line, a batch file or the data.
            print(MessageText.escaped(result.summary))
            for message in result.refused { print("refused: \(MessageText.escaped(message))") }
            if !anyOwner, result.refused.contains(where: { $0.contains("'s lead, not yours") }), !saidAnyOwner {
                print("(--any-owner acts on other reps' leads too)")
                saidAnyOwner = true
            }
            if let error = result.error, result.applied != nil { print("error: \(MessageText.escaped(error))") }
            failed = failed || !result.refused.isEmpty || result.error != nil
        }
        if failed { throw ExitCode(1) }
    }

    /// A user reps.csv does not know is said on standard error: a typo ("Bne Carter") is likely.
    private func noteNotARep(_ who: String, folder: URL, settings: Settings) {
        guard let note = LeadTriage.notARepNote(user: who, folder: folder, settings: settings) else { return }
        FileHandle.standardError.write(Data("note: \(MessageText.escaped(note))\n".utf8))
    }

    /// `--at`, else the moment the folder pins (`as_of`, as the dashboard stamps its writes, so a
    /// first touch never lands after the data's own now), else the wall clock.
    private func timestamp(_ settings: Settings) throws -> Int64 {
        guard let at else { return settings.asOf ?? Int64(Date().timeIntervalSince1970) }
        // A time of day is needed: a date alone is no moment a touch happened at.
        guard at.trimmingCharacters(in: .whitespaces).count > 10, let t = TimestampParser(format: .iso, timeZone: settings.timeZone).parse(at) else {
            throw ValidationError("--at \(at): write YYYY-MM-DDThh:mm or YYYY-MM-DDThh:mm:ss")
        }
        // A folder that pins its moment shows the data as of then: a later moment would be
        // written, and not seen.
        if let pinned = settings.asOf, t > pinned {
            throw ValidationError("--at \(at) is after the folder's pinned moment (as_of \(formatISO(pinned, timeZone: settings.timeZone, withTime: true))): it would not show")
        }
        // A day's leeway for clocks and zones; past that, it has not happened (nor past the
        // folder's own pinned moment, when that is later).
        let now = max(Date().timeIntervalSince1970, Double(settings.asOf ?? 0))
        guard Double(t) <= now + 86_400 else {
            throw ValidationError("--at \(at) is in the future: record what has happened")
        }
        return t
    }

    /// An amount as the dashboard reads a typed one, by the deals file's number format: "12,5"
    /// and "$1,234.50" were usage errors here while the dashboard took "$12,500".
    private func dealAmount(_ text: String, named: String, numbers numberFormat: NumberFormat) throws -> Double {
        guard let value = parseNumber(text, format: numberFormat) else {
            throw ValidationError("\(named) \(MessageText.escaped(text)) is not a number in the settings' number format (\(numberFormat.example)): write it like 25000")
        }
        if let problem = LeadTriage.amountProblem(value) { throw ValidationError("\(named) \(MessageText.escaped(text)): \(problem)") }
        return value
    }

    /// One action from its name, its argument from a batch line or else the options.
    private func leadAction(_ name: String, argument: String?, numbers: NumberFormat) throws -> LeadAction {
        switch name.lowercased() {
        case "accept": return .accept
        case "qualify": return .qualify
        case "recycle": return .recycle
        case "touch", "log-touch", "logtouch": return .logTouch
        case "assign":
            guard let who = argument ?? rep else { throw ValidationError("assign needs a rep: --rep NAME") }
            return .assign(who)
        case "disqualify":
            guard let why = argument ?? reason else { throw ValidationError("disqualify needs --reason") }
            return .disqualify(why)
        case "convert":
            if let argument {
                // The owner is the rest of the line: a name may have spaces.
                let parts = argument.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
                guard parts.count >= 2 else {
                    throw ValidationError("convert takes \"AMOUNT CLOSE-DATE [OWNER]\", not \"\(argument)\"")
                }
                return .convert(amount: try dealAmount(String(parts[0]), named: "the amount", numbers: numbers), closeDate: String(parts[1]),
                                owner: parts.count > 2 ? String(parts[2]) : nil)
            }
            guard let amount, let closeDate else { throw ValidationError("convert needs --amount and --close-date") }
            return .convert(amount: try dealAmount(amount, named: "--amount", numbers: numbers), closeDate: closeDate, owner: owner)
        default:
            throw ValidationError("unknown action \"\(name)\": use accept, assign, qualify, disqualify, recycle, touch or convert")
        }
    }

    private func batchSteps(_ path: String, numbers: NumberFormat) throws -> [(LeadAction, [String])] {
        let data: Data
        if path == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let read = FileManager.default.contents(atPath: path) else { throw ValidationError("--batch \(path): cannot read the file") }
            data = read
        }
        var steps: [(LeadAction, [String])] = []
        for (n, raw) in String(decoding: data, as: UTF8.self).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let parts = line.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
            guard parts.count >= 2 else { throw ValidationError("\(path):\(n + 1): write \"ACTION LEAD [ARG]\"") }
            let argument = parts.count == 3 ? parts[2].trimmingCharacters(in: .whitespaces) : nil
            // One lead per line: a second id after an action that takes no argument would be dropped.
            if let argument, ["accept", "qualify", "recycle", "touch", "log-touch", "logtouch"].contains(parts[0].lowercased()) {
                throw ValidationError("\(path):\(n + 1): \(parts[0]) takes one lead and nothing after it, not \"\(argument)\"; write one line per lead")
            }
            do {
                steps.append((try leadAction(String(parts[0]), argument: argument, numbers: numbers), [String(parts[1])]))
            } catch let error as ValidationError {
                throw ValidationError("\(path):\(n + 1): \(error.message)")
            }
        }
        return steps
    }
}
