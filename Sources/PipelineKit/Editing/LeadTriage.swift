import Foundation

/// Triage of leads from the inbox, written back to the data files safely.
///
/// Every action, undo and redo runs under the folder lock (`FolderLock`): it reads the files again,
/// applies its changes by record id to what is there now, changing only the cells it means to
/// (`CSVCellEditor`), refuses a lead whose cells someone else changed since the user saw them,
/// replaces each file whole (`AtomicFile`), and appends one line per changed cell to the activity
/// log. A convert writes deals.csv before leads.csv, so a lead never names a deal that is not there.
/// Failures come back as messages; nothing here throws or stops the program.
public struct LeadTriage: Sendable {
    public let folder: URL
    public internal(set) var settings: Settings
    /// Who is triaging, as the activity log names them.
    public let user: String
    /// The user's name in reps.csv, when they are a rep: the owner an accepted or converted lead gets
    /// when it has none.
    public let userRep: String?
    /// How many times an action is made when its files keep changing under it.
    static let attemptsWhileChanging = 5
    /// Seconds to wait for another writer to let go of the folder.
    public var lockTimeout: Double = 2
    /// False to refuse a lead another rep owns (other than to assign it): a script acts on what
    /// its user owns unless told otherwise. The dashboard asks the user instead.
    public var othersLeads = true
    /// The folder's settings as they are now, read again under the lock before each write, so that
    /// a write follows settings changed since (read_only turned on, a column mapped elsewhere) and a
    /// settings file with an error stops it. Without it, `settings` is used as given.
    public var currentSettings: (@Sendable () -> (Settings, [Diagnostic]))?
    /// Puts bytes in files: `write(2)`, or a stand-in in tests that simulate a full disk.
    var writeCall: AtomicFile.WriteCall = AtomicFile.systemWrite
    /// The folder lock while an action holds it: each file written is noted in it.
    var lock: FolderLock?

    public init(folder: URL, settings: Settings, user: String, userRep: String?) {
        self.folder = folder
        self.settings = settings
        self.user = user
        self.userRep = userRep
    }

    /// Who the activity log names: the rep's login from reps.csv when the user is a rep with one,
    /// so that `--user ben` and `--user "Ben Carter"` are one person there; else the user as given.
    func loggedName() -> String {
        guard let userRep else { return user }
        let login = RepList.read(folder: folder, settings: settings).first { $0.name == userRep }?.login ?? ""
        return login.isEmpty ? user : login
    }

    /// The rep in the folder's reps.csv whose login, name or email is `user` (case aside), as `--user` finds it.
    public static func rep(matchingUser user: String, folder: URL, settings: Settings) -> String? {
        firstMatchingUser(user, in: RepList.read(folder: folder, settings: settings),
                          login: { $0.login }, name: { $0.name }, email: { $0.email })?.name
    }

    /// What to tell a user whom reps.csv does not know (nil when it has no reps): their edits are
    /// logged under the name as given and no lead becomes theirs, with the nearest rep's name when
    /// the name looks like a typo of it.
    public static func notARepNote(user: String, folder: URL, settings: Settings) -> String? {
        let reps = RepList.read(folder: folder, settings: settings)
        guard !reps.isEmpty else { return nil }
        let key = user.lowercased()
        // By name or by login, whichever the typo is nearer: "bne" is ben's.
        let near = reps.map { rep in
            (rep.name, min(editDistance(key, rep.name.lowercased()), rep.login.isEmpty ? Int.max : editDistance(key, rep.login.lowercased())))
        }.min { $0.1 < $1.1 }
        let hint = near.map { $0.1 <= max(2, key.count / 3) ? " (did you mean \"\($0.0)\"?)" : "" } ?? ""
        return "\"\(user)\" is no rep in reps.csv\(hint): the activity log names this user as given, and no lead becomes theirs"
    }

    /// Applies `action` to each of `leads` that is still as the user saw it (`seen`: per lead id, the
    /// canonical text of fields the user saw; a field left out is not checked).
    public func perform(_ action: LeadAction, on leads: [String], seen: [String: [String: String]], at: Int64) -> TriageResult {
        var ids: [String] = []
        var chosen = Set<String>()
        for id in leads where chosen.insert(id).inserted { ids.append(id) }
        guard !ids.isEmpty else { return TriageResult(applied: nil, refused: [], error: nil, summary: "No leads chosen") }
        let convert: Bool
        if case .convert = action { convert = true } else { convert = false }
        return locked(writingDeals: convert) { (triage) throws(TriageFailure) -> TriageResult in
            try triage.performLocked(action, ids: ids, seen: seen, at: at)
        }
    }

    /// Runs `body` under the folder lock with stray temporary files cleared, given this triage with
    /// the settings as they are now; a failure becomes a message.
    /// `writingDeals`: the action may replace the deals file too, which is then waited for as
    /// well when another program has just changed it.
    func locked(writingDeals: Bool, _ body: (LeadTriage) throws(TriageFailure) -> TriageResult) -> TriageResult {
        // A settings file given with --settings by its whole path: a path from the data folder
        // reads oddly from wherever the command was typed.
        let settingsName = settings.settingsFile.map { $0.standardizedFileURL.path } ?? "pipetop.toml"
        let readOnly = TriageResult.failure("the data folder is read-only (read_only = true in \(settingsName)); nothing was written")
        if settings.readOnly { return readOnly }
        // Nothing is made in a folder with no leads to edit, not even the lock file.
        let leadsFile = settings.fileURL(of: Schemas.leads, folder: folder)
        guard FileManager.default.fileExists(atPath: leadsFile.path) else {
            return .failure("\(settings.tables[Schemas.leads.name]?.file ?? Schemas.leads.defaultFile) is missing from the data folder; nothing was written")
        }
        let lock: FolderLock
        do {
            lock = try FolderLock.acquire(in: folder, user: user, timeout: lockTimeout)
        } catch {
            return .failure(error.message(timeZone: settings.timeZone))
        }
        defer { lock.release() }
        // The settings as they are now that no one else is writing.
        var triage = self
        if let currentSettings {
            let (settings, problems) = currentSettings()
            if let problem = problems.first(where: { $0.severity == .error }) {
                return .failure("\(problem.location): \(problem.message); fix the settings before changing leads; nothing was written")
            }
            triage.settings = settings
        }
        if triage.settings.readOnly { return readOnly }
        triage.lock = lock
        AtomicFile.removeStrays(in: folder)
        if let busy = lock.awaitQuiet(triage.writableFiles(includingDeals: writingDeals)) {
            return .failure("\(busy.lastPathComponent) is still being written by another program; try again in a moment; nothing was written")
        }
        // A program that takes no lock (an export appending rows) may write a file between its
        // reading and its replacing: the action is then made again on what the file holds now.
        var attempt = 0
        while true {
            do {
                return try body(triage)
            } catch {
                attempt += 1
                if error.changedMeanwhile && attempt < Self.attemptsWhileChanging { continue }
                // A file's name opens many messages: it keeps its spelling in the summary.
                let names = Schemas.all.map { triage.settings.tables[$0.name]?.file ?? $0.defaultFile }
                return .failure(error.message, fileNames: names)
            }
        }
    }

    private func performLocked(_ action: LeadAction, ids: [String], seen: [String: [String: String]], at: Int64) throws(TriageFailure) -> TriageResult {
        let leads = try DataFile.read(Schemas.leads, folder: folder, settings: settings)
        try leads.checkWritable()
        try checkFolderWritable()
        // One pass finds the leads and sees that the file can be read as a whole.
        let scan = CSVCellEditor.lookup(Set(ids), keyColumn: leads.keyColumn, in: leads.bytes, wholeFile: true)
        try leads.checkWhole(scan, settings: settings)
        let reps = RepList.read(folder: folder, settings: settings)
        let repNames = Set(reps.map(\.name))
        // The account executives, when reps.csv has any: the only ones a new deal may belong to.
        let aes = Set(reps.filter { $0.role == "ae" }.map(\.name))
        // An export names owners by the CRM's id (Salesforce's OwnerId): read as the rep's name,
        // and written as the id, so the file keeps the CRM's own values.
        // Of two reps with one id, the last, as the loader keeps it.
        let nameByID = Dictionary(reps.filter { !$0.id.isEmpty }.map { ($0.id, $0.name) }, uniquingKeysWith: { _, last in last })
        let idByName = Dictionary(reps.filter { !$0.id.isEmpty }.map { ($0.name, $0.id) }, uniquingKeysWith: { _, last in last })
        let canon = SeenValues(settings: settings, ownerNames: nameByID)
        // The stage words as the file spells them, sampled once per action.
        let fileStages = leads.spellings(of: "stage") { canon.stage($0) }
        // A stage the file holds no cell of: as the settings' value map spells it, else as the
        // preset's CRM does (when that reads back as the stage), else our word.
        func crmStageWord(_ word: String) -> String {
            let mapped = spelling(of: word, field: "stage", mapping: settings.tables[Schemas.leads.name])
            guard mapped == word, let crm = CRMStageWords.spelling(of: word, preset: settings.preset, seen: fileStages.values),
                  canon.stage(crm) == word else { return mapped }
            return crm
        }
        let leadsWriteIDs = leads.writesIDs(in: "owner", ids: Set(nameByID.keys), names: repNames)
        func leadOwner(_ name: String) -> String { leadsWriteIDs ? idByName[name] ?? name : name }
        // An owner reps.csv does not list (someone gone) owns nothing: the lead is taken as one
        // with no owner. Without a reps file, any owner named stands.
        /// `owner`: a name, as `canon.canonical` gives it from the file's cell.
        func hasNoRep(_ name: String) -> Bool {
            name.isEmpty || (!repNames.isEmpty && !repNames.contains(name))
        }
        let leadMapping = settings.tables[Schemas.leads.name]
        // A moment is written the way the file writes its own, sampled once per action.
        var leadTimes: TimeLayouts?
        func stamp(_ field: String) -> String {
            if leadTimes == nil { leadTimes = leads.timeLayouts(order: (leadMapping?.dateFormat ?? settings.dateFormat).order) }
            return leadTimes!.text(at, for: field, timeZone: settings.timeZone)
        }

        // What the action needs besides the leads.
        var repName: String?
        var reason = ""
        var deals: DataFile?
        var dealTimes: TimeLayouts?
        var dealIds: [String] = []
        var closeDate = ""
        var amount = ""
        var dealOwner: String?
        switch action {
        case .assign(let name): repName = try RepList.resolve(name, folder: folder, settings: settings)
        case .disqualify(let why):
            reason = why.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty else { throw TriageFailure("a disqualify reason is needed; nothing was written") }
            // Written into the files, and shown from them on every screen, and a category the
            // reasons are counted by: one line of plain text ("two⏎lines" made a two-line cell).
            if reason.unicodeScalars.contains(where: { $0 == "\n" || $0 == "\r" }) {
                throw TriageFailure("the reason \"\(sanitizedForMessage(reason))\" is on more than one line; write it on one; nothing was written")
            }
            guard !reason.unicodeScalars.contains(where: { MessageText.isUnsafe($0) && $0 != "\t" }) else {
                throw TriageFailure("the reason \"\(sanitizedForMessage(reason))\" has control characters; write it as plain text; nothing was written")
            }
        case .convert(let value, let date, let owner):
            let file = try DataFile.read(Schemas.deals, folder: folder, settings: settings)
            try file.checkWritable()
            try file.checkWhole(settings: settings)
            deals = file
            dealIds = CSVCellEditor.column(file.keyColumn, in: file.bytes)
            let inFile = Set(dealIds)
            dealIds += ActivityLog.records(of: file.name, folder: folder, settings: settings).filter { !inFile.contains($0) }.sorted()
            let format = settings.dateFormat(of: Schemas.deals)
            dealTimes = file.timeLayouts(order: format.order)
            closeDate = try dealDate(date, format: format, layouts: dealTimes!, at: at)
            amount = try dealAmount(value)
            if let owner { dealOwner = try RepList.resolve(owner, folder: folder, settings: settings) }
        default: break
        }

        // A file that names owners by CRM id gets an id: a rep without one in reps.csv would
        // put a name among the ids, which the CRM cannot read back.
        let dealsWriteIDs = deals?.writesIDs(in: "owner", ids: Set(nameByID.keys), names: repNames) ?? false
        for (name, file) in [(userRep, leadsWriteIDs ? leads.name : nil), (repName, leadsWriteIDs ? leads.name : nil),
                             (dealOwner, dealsWriteIDs ? deals?.name : nil), (userRep, dealsWriteIDs ? deals?.name : nil)] {
            if let name, let file, idByName[name] == nil {
                throw TriageFailure("\(name) has no id in \(settings.tables[Schemas.reps.name]?.file ?? Schemas.reps.defaultFile), and \(file) names owners by their id: add it there first; nothing was written")
            }
        }
        let (records, firstRecord, ranges) = (scan.records, scan.firstOffset, scan.ranges)
        var refused: [String] = []
        var cells: [AppliedTriage.Cell] = []
        var rows: [AppliedTriage.Row] = []
        var done: [String] = []
        var newDeals: [String] = []
        var dealRecords: [[String]] = []
        var stageAfter: [String: String] = [:]
        var leadAfter: [String: [String: String]] = [:]

        // A lead qualified or converted before sales took it is taken by the same act: it is
        // accepted (sal_at), touched (the first touch, when none was logged) and owned by the rep
        // acting when it had no owner. Nil when it has no owner and the user is no rep.
        // A lead no rep has, in a file with owners to set: the one who works it takes it. A file
        // without an owner column has no owner to set (and owns nothing to refuse for).
        func isUnowned(_ current: (String) -> String) -> Bool {
            leads.columns.index(of: "owner") != nil && hasNoRep(canon.canonical(current("owner"), field: "owner"))
        }
        func takenOn(_ current: (String) -> String, stage: String?) -> [(field: String, value: String)]? {
            var taken: [(field: String, value: String)] = []
            func blank(_ field: String) -> Bool { current(field).trimmingCharacters(in: .whitespaces).isEmpty }
            if isUnowned(current) {
                guard let userRep else { return nil }
                taken.append(("owner", leadOwner(userRep)))
            }
            if ["lead", "mql", "recycled"].contains(stage ?? ""), blank("sal_at") { taken.append(("sal_at", stamp("sal_at"))) }
            // A last touch on record is a touch already: its first is then unknown, not now.
            if blank("first_touch_at") && blank("last_touch_at") {
                taken.append(("first_touch_at", stamp("first_touch_at")))
                taken.append(("last_touch_at", stamp("last_touch_at")))
            }
            return taken
        }

        leadLoop: for id in ids {
            guard let record = records[id] else {
                refused.append("\(id) is not in \(leads.name); nothing was written")
                continue
            }
            // A row the loader leaves out (a cell that does not read, cells that do not line up
            // with the header) is not one the user saw: editing it by position could write into
            // the wrong column, and its lead is in no pane.
            if let range = ranges[id], let why = leads.leftOutReason(record: range, settings: settings) {
                // A missing column is the whole file's (or the settings'), not the row's to fix.
                let fix = why.contains("missing required column") ? "fix the file's header or the settings' column names first" : "fix the row first"
                refused.append("\(id) is on a row that is left out when read (\(why)); \(fix); nothing was written")
                continue
            }
            let current = { (field: String) in leads.value(field, in: record) }
            for (field, saw) in (seen[id] ?? [:]).sorted(by: { $0.key < $1.key }) {
                let now = current(field)
                if canon.canonical(now, field: field) != canon.canonical(saw, field: field) {
                    let what = now.trimmingCharacters(in: .whitespaces).isEmpty ? "was cleared" : "was changed to \"\(sanitizedForMessage(now))\""
                    refused.append("\(id): \(field) \(what) by someone else since you saw it; nothing was written")
                    continue leadLoop
                }
            }
            // A moment before what the lead already records (its creation, its MQL, a stage: a
            // mistyped --at) would put a touch or a stage before it, and the SLA clock would run
            // backwards.
            // A touch may come before a later stage (sales touches, then qualifies), but not
            // before the lead or its MQL; a stage change comes after every stage recorded; an
            // assignment writes no moment.
            let before: [String]
            switch action {
            case .assign: before = []
            case .logTouch: before = ["created_at", "mql_at"]
            default: before = ["created_at", "mql_at", "sal_at", "sql_at", "opportunity_at", "closed_at"]
            }
            let recorded = before.compactMap { field in
                canon.parser.parse(current(field).trimmingCharacters(in: .whitespaces)).map { (field, $0) }
            }
            if let latest = recorded.max(by: { $0.1 < $1.1 }), at < latest.1 {
                let when = formatISO(latest.1, timeZone: settings.timeZone, withTime: true), moment = formatISO(at, timeZone: settings.timeZone, withTime: true)
                refused.append(latest.0 == "created_at"
                    ? "\(id) was created at \(when), after the moment to record (\(moment)); nothing was written"
                    : "\(id) has \(latest.0) \(when), after the moment to record (\(moment)); nothing was written")
                continue
            }
            // Only where the file says whose a lead is; with no reps listed, the owner is compared
            // with the user as given.
            if !othersLeads, !action.isAssign, leads.columns.index(of: "owner") != nil, !isUnowned(current) {
                let owner = canon.canonical(current("owner"), field: "owner")
                let mine = userRep.map { owner == $0 } ?? (repNames.isEmpty && owner.lowercased() == user.lowercased())
                if !owner.isEmpty && !mine {
                    refused.append("\(id) is \(sanitizedForMessage(owner))'s lead, not yours; nothing was written")
                    continue
                }
            }
            let stageText = current("stage")
            let stage = canon.stage(stageText)
            if let from = action.fromStages, !(stage.map(from.contains) ?? false) {
                let shown = stage ?? (stageText.isEmpty ? "no stage" : "\"\(sanitizedForMessage(stageText))\"")
                // Whose it is and its deal: who to ask, or where it went.
                let owner = current("owner").trimmingCharacters(in: .whitespaces), deal = current("deal_id").trimmingCharacters(in: .whitespaces)
                let about = [owner.isEmpty ? nil : "\(sanitizedForMessage(canon.canonical(owner, field: "owner")))'s lead",
                             deal.isEmpty ? nil : "deal \(sanitizedForMessage(deal))"].compactMap { $0 }
                refused.append("\(id) is at \(shown)\(about.isEmpty ? "" : " (\(about.joined(separator: ", ")))"): cannot \(action.verb) it; nothing was written")
                continue
            }

            var changes: [(field: String, value: String)] = []
            let stageWord = { (word: String) in fileStages[word] ?? crmStageWord(word) }
            switch action {
            case .accept:
                changes = [("stage", stageWord("sal")), ("sal_at", stamp("sal_at"))]
                if hasNoRep(canon.canonical(current("owner"), field: "owner")) {
                    guard let userRep else {
                        refused.append(noOwnerRefusal(id))
                        continue
                    }
                    changes.append(("owner", leadOwner(userRep)))
                }
            case .assign:
                changes = [("owner", repName.map(leadOwner) ?? "")]
            case .qualify:
                guard let taken = takenOn(current, stage: stage) else {
                    refused.append(noOwnerRefusal(id))
                    continue
                }
                changes = [("stage", stageWord("sql")), ("sql_at", stamp("sql_at"))] + taken
            case .disqualify:
                changes = [("stage", stageWord("disqualified")), ("disqualify_reason", reason), ("closed_at", stamp("closed_at"))]
            case .recycle:
                changes = [("stage", stageWord("recycled")), ("closed_at", stamp("closed_at"))]
            case .logTouch:
                if current("first_touch_at").trimmingCharacters(in: .whitespaces).isEmpty { changes.append(("first_touch_at", stamp("first_touch_at"))) }
                // A rep who contacts a lead no one has takes it: touched, it leaves every inbox,
                // and with no owner no one would follow it up.
                if let userRep, isUnowned(current) {
                    changes.append(("owner", leadOwner(userRep)))
                }
                // The last touch never moves back: a touch logged for an earlier moment is not the last.
                if let last = canon.parser.parse(current("last_touch_at").trimmingCharacters(in: .whitespaces)), last > at {
                    guard !changes.isEmpty else {
                        refused.append("\(id) has a later touch logged (\(formatISO(last, timeZone: settings.timeZone, withTime: true))); nothing was written")
                        continue
                    }
                } else {
                    changes.append(("last_touch_at", stamp("last_touch_at")))
                }
            case .convert:
                let existing = current("deal_id").trimmingCharacters(in: .whitespaces)
                guard existing.isEmpty else {
                    refused.append("\(id) already has deal \(sanitizedForMessage(existing)); nothing was written")
                    continue
                }
                let ownerNow = canon.canonical(current("owner"), field: "owner")
                guard let owner = dealOwner ?? (hasNoRep(ownerNow) ? userRep : ownerNow), let taken = takenOn(current, stage: stage) else {
                    refused.append(noOwnerRefusal(id))
                    continue
                }
                // AE quotas count won deals by owner: a deal that is someone else's (an SDR's, a
                // manager's, a marketer's), named or not, would count toward no quota that counts money.
                if !aes.isEmpty, !aes.contains(owner) {
                    let role = reps.first { $0.name == owner }?.role
                    refused.append(dealOwner == nil
                        ? "\(id): the deal would be \(sanitizedForMessage(owner))'s, \(RepRole.notAE(role) ?? "who is not an account executive"); name the account executive who takes it; nothing was written"
                        : "\(id): \(sanitizedForMessage(owner)) is \(RepRole.isNotAccountExecutive(role)); name the account executive who takes the deal; nothing was written")
                    continue
                }
                guard let deals, let dealTimes else { continue }
                // A CRM's export holds the CRM's ids, which it makes: counting on from one would
                // make up an id that looks real. pipetop's own are plainly its own.
                let dealId = RecordNumbering.next(after: dealIds, prefix: "D-", followingTheFile: settings.preset == nil)
                let company = current("company").trimmingCharacters(in: .whitespaces)
                let values: [String: String] = [
                    "deal_id": dealId,
                    "name": "\(company.isEmpty ? id : company) - New business",
                    // A column of the CRM's account ids (Salesforce's AccountId) gets no name.
                    "account": deals.columns.holdsIDs("account") ? "" : company,
                    "owner": dealsWriteIDs ? idByName[owner] ?? owner : owner,
                    "stage": spelling(of: settings.dealStages.open.first ?? "prospecting", field: "stage",
                                      mapping: settings.tables[Schemas.deals.name]),
                    "amount": amount,
                    "created_at": dealTimes.text(at, for: "created_at", timeZone: settings.timeZone),
                    "close_date": closeDate,
                    "lead_id": id,
                ]
                let row = deals.columns.header.indices.map { i in deals.columns.field(at: i).flatMap { values[$0] } ?? "" }
                dealIds.append(dealId)
                newDeals.append(dealId)
                dealRecords.append(row)
                rows.append(AppliedTriage.Row(table: Schemas.deals.name, file: deals.name, record: dealId, cells: row,
                                              addedLineBreak: false, lead: id))
                changes = [("stage", stageWord("opportunity")), ("opportunity_at", stamp("opportunity_at")), ("deal_id", dealId)] + taken
                if current("sql_at").trimmingCharacters(in: .whitespaces).isEmpty { changes.append(("sql_at", stamp("sql_at"))) }
            }

            // The columns a lead cannot do without; an export without, say, sal_at just skips it.
            let essential: Set<String> = ["stage", "owner", "deal_id", "disqualify_reason"]
            var mine: [AppliedTriage.Cell] = []
            for change in changes {
                guard leads.columns.index(of: change.field) != nil else {
                    if essential.contains(change.field) {
                        throw TriageFailure("\(leads.name) has no \(change.field) column; nothing was written")
                    }
                    continue
                }
                let old = current(change.field)
                guard old != change.value else { continue }
                mine.append(AppliedTriage.Cell(table: Schemas.leads.name, file: leads.name, record: id, field: change.field,
                                               old: old, new: change.value, lead: id))
            }
            if mine.isEmpty && !rows.contains(where: { $0.lead == id }) { continue }
            cells += mine
            done.append(id)
            stageAfter[id] = mine.first { $0.field == "stage" }?.new ?? stageText
            var after: [String: String] = [:]
            for i in leads.columns.header.indices { if let field = leads.columns.field(at: i) { after[field] = current(field) } }
            for cell in mine { after[cell.field] = cell.new }
            leadAfter[id] = after
        }

        // The rep as reps.csv spells it, in the summary and the record of what was done.
        let action = repName.map { LeadAction.assign($0) } ?? action
        let summary = action.summary(done: done, deals: newDeals)
        guard !done.isEmpty else {
            return TriageResult(applied: nil, refused: refused, error: nil,
                                summary: refused.isEmpty ? "Nothing to change" : (refused.count == 1 ? "Nothing written" : "Nothing written: \(refused.count) refused"))
        }
        var applied = AppliedTriage(action: action, leads: done, cells: cells, rows: rows, at: at, summary: summary)
        applied.stageAfter = stageAfter
        applied.leadAfter = leadAfter

        // Deals first: a lead must never point at a deal that is not in the file.
        var written: [(DataFile, [UInt8])] = []
        if let deals, !dealRecords.isEmpty {
            let lineBreak = !CSVCellEditor.endsWithLineBreak(deals.bytes)
            for k in applied.rows.indices { applied.rows[k].addedLineBreak = lineBreak && k == 0 }
            try replace(deals, with: CSVCellEditor.appending(dealRecords, to: deals.bytes), undoing: &written)
        }
        // The leads were found in these very bytes: the edit need not read the records before them again.
        try replace(leads, with: try edited(leads, applied.cells, forward: true, undoing: written, from: firstRecord), undoing: &written)
        var columns = [leads.name: leads.columns]
        if let deals { columns[deals.name] = deals.columns }
        let logError = log(applied, forward: true, at: at, columns: columns)
        return TriageResult(applied: applied, refused: refused, error: logError,
                            summary: summary + (refused.isEmpty ? "" : "; \(refused.count) refused"))
    }

    // MARK: - Writing

    /// The file's bytes with `cells` set to their new (forward) or old value, each checked against
    /// the value it must still have. A mismatch here means the file changed under the lock: nothing is written.
    func edited(_ file: DataFile, _ cells: [AppliedTriage.Cell], forward: Bool, undoing written: [(DataFile, [UInt8])],
                from hint: Int? = nil) throws(TriageFailure) -> [UInt8] {
        var edits: [CellEdit] = []
        for cell in cells where cell.file == file.name {
            guard let header = file.columns.headerName(of: cell.field) else {
                let failure = TriageFailure("\(file.name) has no \(cell.field) column; nothing was written")
                let kept = restore(written)
                throw kept.isEmpty ? failure : TriageFailure.notPutBack(kept, after: failure)
            }
            edits.append(CellEdit(id: cell.record, field: header, newValue: forward ? cell.new : cell.old,
                                  expected: forward ? cell.old : cell.new))
        }
        do {
            return try CSVCellEditor.apply(edits, to: file.bytes, key: file.keyHeader, from: hint)
        } catch {
            let failure = TriageFailure("cannot change \(file.name): \(error); nothing was written")
            let kept = restore(written)
            throw kept.isEmpty ? failure : TriageFailure.notPutBack(kept, after: failure)
        }
    }

    /// Replaces `file` whole; on failure, first puts back the files this action already replaced.
    func replace(_ file: DataFile, with bytes: [UInt8], undoing written: inout [(DataFile, [UInt8])]) throws(TriageFailure) {
        guard !Self.sameBytes(bytes, file.bytes) else { return }
        do {
            try AtomicFile.write(bytes, to: file.url, using: writeCall, unchangedSince: file.signature)
        } catch is ChangedMeanwhile {
            // Made again only when what this action already wrote is back as it was: else the
            // next try would add its records a second time.
            let kept = restore(written)
            guard kept.isEmpty else { throw TriageFailure.notPutBack(kept, after: TriageFailure.changed(file.name)) }
            throw TriageFailure.changed(file.name)
        } catch {
            let kept = restore(written)
            let failure = TriageFailure.writing(file.name, error)
            throw kept.isEmpty ? failure : TriageFailure.notPutBack(kept, after: failure)
        }
        // Remembered as read, with the file's signature after this write: putting it back must not
        // replace what another program writes to it after that.
        var after = file
        after.signature = FileSignature.of(file.url)
        lock?.noteWritten(file.url)
        written.append((after, bytes))
    }

    /// Why a lead with no owner cannot be taken: the user is no rep, or there are no reps to
    /// assign it to (an export without a reps file).
    func noOwnerRefusal(_ id: String) -> String {
        let reps = settings.tables[Schemas.reps.name]
        if reps?.absent == true || RepList.read(folder: folder, settings: settings).isEmpty {
            return "\(id) has no owner and there are no reps to give it to (no reps file): set its owner in \(settings.tables[Schemas.leads.name]?.file ?? Schemas.leads.defaultFile) first; nothing was written"
        }
        return "\(id) has no owner and \(user) is not a rep in \(reps?.file ?? Schemas.reps.defaultFile): assign it first; nothing was written"
    }

    /// Whether two files' bytes are the same, compared as memory (element by element took a
    /// sizeable part of an action on a large file).
    static func sameBytes(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        guard !a.isEmpty else { return true }
        return a.withUnsafeBytes { x in b.withUnsafeBytes { y in memcmp(x.baseAddress!, y.baseAddress!, a.count) == 0 } }
    }

    /// Puts files back as they were read, newest first, each only while it is as this action left
    /// it. Returns those it could not put back, and why (changed since, or the write failed).
    @discardableResult
    func restore(_ written: [(DataFile, [UInt8])]) -> [(file: String, why: String)] {
        var kept: [(file: String, why: String)] = []
        for (file, _) in written.reversed() {
            do {
                try AtomicFile.write(file.bytes, to: file.url, unchangedSince: file.signature)
                lock?.noteWritten(file.url)
            } catch is ChangedMeanwhile {
                kept.append((file.name, "another program changed it meanwhile"))
            } catch {
                kept.append((file.name, "\(error)"))
            }
        }
        return kept
    }

    /// The files an action may replace: leads, deals (when `includingDeals`) and the activity log.
    func writableFiles(includingDeals: Bool = true) -> [URL] {
        (includingDeals ? [Schemas.leads, Schemas.deals] : [Schemas.leads]).map { settings.fileURL(of: $0, folder: folder) }
            + [ActivityLog.url(folder: folder, settings: settings)]
    }

    func checkFolderWritable() throws(TriageFailure) {
        try TriageFailure.checkWritable(folder, label: "the data folder")
        // A file that links elsewhere is replaced in its target's folder, which must take it too:
        // else the leads could change and the log, found read-only only then, not.
        for file in writableFiles() where FileManager.default.fileExists(atPath: file.path) {
            let there = AtomicFile.linkTarget(file).deletingLastPathComponent()
            if there.standardizedFileURL.path != folder.standardizedFileURL.path {
                try TriageFailure.checkWritable(there, label: "\(there.path), where \(file.lastPathComponent) links to,")
            }
        }
        let log = ActivityLog.url(folder: folder, settings: settings)
        if FileManager.default.fileExists(atPath: log.path) {
            try TriageFailure.checkWritable(log, label: log.lastPathComponent)
            try ActivityLog.checkWhole(folder: folder, settings: settings)
        }
    }

    /// Appends the activity lines of a write; the message when the log could not take them (the
    /// data files are already changed then, and `applied` still says how to undo them).
    /// `columns`: each written file's columns, to name the fields of an added record.
    func log(_ applied: AppliedTriage, forward: Bool, at: Int64, columns: [String: FileColumns]) -> String? {
        let stamp = formatISO(at, timeZone: settings.timeZone, withTime: true)
        let who = loggedName()
        var entries: [ActivityLog.Entry] = []
        for cell in applied.cells {
            entries.append(.init(at: stamp, user: who, file: cell.file, record: cell.record, field: cell.field,
                                 old: forward ? cell.old : cell.new, new: forward ? cell.new : cell.old))
        }
        for row in applied.rows {
            let header = columns[row.file]
            for (i, value) in row.cells.enumerated() where !value.isEmpty {
                let field = header?.field(at: i) ?? header.map { i < $0.header.count ? $0.header[i] : "" } ?? "\(i + 1)"
                entries.append(.init(at: stamp, user: who, file: row.file, record: row.record, field: field,
                                     old: forward ? "" : value, new: forward ? value : ""))
            }
        }
        do {
            try ActivityLog.append(entries, folder: folder, settings: settings, using: writeCall)
            lock?.noteWritten(ActivityLog.url(folder: folder, settings: settings))
            return nil
        } catch {
            // The data files are written: what the log's failure says of "nothing" is of the log.
            let why = error.message.replacingOccurrences(of: "; nothing was written", with: "")
            return "the change was written, but not recorded in the activity log: \(why)"
        }
    }

    // MARK: - Deal values

    /// A close date in any layout the deals file's date format reads, written as the file writes
    /// its close dates (YYYY-MM-DD when it has none to copy).
    func dealDate(_ text: String, format: DateFormat, layouts: TimeLayouts, at: Int64) throws(TriageFailure) -> String {
        if let problem = Self.closeDateProblem(text, format: format, at: at, timeZone: settings.timeZone) {
            throw TriageFailure(problem + "; nothing was written")
        }
        let t = TimestampParser(format: format, timeZone: settings.timeZone).parse(text)!
        // A date is written as the day typed, whatever the layout's zone: a layout with "+0000"
        // gets that day's midnight there (the loader reads a date from its first ten bytes), not
        // the local midnight in UTC, which is the day before east of Greenwich.
        let day = Int64(settings.timeZone.day(at: t)) * 86_400
        return layouts.text(day, for: "close_date", timeZone: TimeZone(identifier: "UTC")!, withTime: false)
    }

    /// Why a typed close date cannot be a new deal's, in plain words; nil when it can. A new deal
    /// is open, so it closes on the day it is made or later.
    public static func closeDateProblem(_ text: String, format: DateFormat, at: Int64, timeZone: TimeZone) -> String? {
        guard let t = TimestampParser(format: format, timeZone: timeZone).parse(text) else {
            let isoShaped = Array(text.utf8).withUnsafeBufferPointer { hasISOShape($0) }
            return isoShaped ? "the close date \"\(sanitizedForMessage(text))\" is not a real date"
                : "the close date \"\(sanitizedForMessage(text))\" is not a date: write it \(SnapshotLoader.layoutDescription(format).components(separatedBy: " or ")[0])"
        }
        let day = { (moment: Int64) in formatISO(moment, timeZone: timeZone, withTime: false) }
        if day(t) < day(at) {
            return "the close date \(day(t)) is before the deal is made (\(day(at))): an open deal closes that day or later"
        }
        return nil
    }

    /// Why `value` cannot be a new deal's amount, in plain words; nil when it can. It is written
    /// to the cent, so one that rounds to nothing is none.
    public static func amountProblem(_ value: Double) -> String? {
        guard value.isFinite, value > 0 else { return "the amount must be a positive number, like 25000" }
        guard value < 1e15 else { return "the amount is too large for a deal" }
        guard (value * 100).rounded() > 0 else { return "the amount rounds to 0.00: write it to the cent at least" }
        return nil
    }

    /// An amount with two decimals and the deals file's decimal separator, no grouping.
    func dealAmount(_ value: Double) throws(TriageFailure) -> String {
        if let problem = Self.amountProblem(value) { throw TriageFailure(problem + "; nothing was written") }
        let mapping = settings.tables[Schemas.deals.name]
        let separator = (mapping?.numberFormat ?? settings.numberFormat).decimalSeparator
        let cents = (value * 100).rounded()
        let whole = Int64(cents / 100), fraction = Int64(cents) % 100
        return "\(whole)" + String(UnicodeScalar(separator)) + (fraction < 10 ? "0" : "") + "\(fraction)"
    }
}
