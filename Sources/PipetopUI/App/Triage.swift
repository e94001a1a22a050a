import Foundation
import PipelineKit

/// A list to choose from (a rep to assign, a reason to disqualify), narrowed as the user types.
public struct Picker: Sendable, Equatable {
    public enum Purpose: Sendable, Equatable { case assign, disqualify }
    public var purpose: Purpose
    public var title: String
    public var options: [String]
    /// What is shown beside each option, and also matched after its name (a rep's role and team:
    /// typing "sdr" lists the SDRs).
    public var details: [String] = []
    /// More words each option is found by, not shown (a role's other names: "bdr" finds the SDRs).
    public var keywords: [String] = []
    public var text: String = ""
    public var choice: Int = 0
    /// Whether Enter may take the typed text when nothing matches (a reason of one's own).
    public var allowsTyped: Bool
    /// The leads it is for and what the user saw of them when it opened: a change someone else
    /// makes while the user chooses is then refused, not overwritten.
    public var leads: [String] = []
    public var seen: [String: [String: String]] = [:]

    public var matches: [String] { matchIndices.map { options[$0] } }

    /// The options that match what has been typed, best first: names that start with it ("ben"
    /// before "Reuben"), then names that contain it, then options whose detail does.
    public var matchIndices: [Int] {
        let key = SearchFolding.folded(text)
        guard !key.isEmpty else { return Array(options.indices) }
        let folded = options.map(SearchFolding.folded)
        let starts = options.indices.filter { folded[$0].hasPrefix(key) }
        let contains = options.indices.filter { !folded[$0].hasPrefix(key) && folded[$0].contains(key) }
        let byDetail = options.indices.filter { i in
            !folded[i].contains(key) && ((i < details.count && SearchFolding.folded(details[i]).contains(key))
                || (i < keywords.count && SearchFolding.folded(keywords[i]).contains(key)))
        }
        return starts + contains + byDetail
    }

    /// The detail shown beside an option, if any.
    public func detail(_ index: Int) -> String { index < details.count ? details[index] : "" }
}

/// Questions asked one after the other (the amount and close date of a new deal).
public struct Prompt: Sendable, Equatable {
    public struct Field: Sendable, Equatable {
        public var label: String
        public var text: String
        public var hint: String
    }
    public var title: String
    public var fields: [Field]
    public var current = 0
    public var error: String?
    /// As for a picker: the lead and what the user saw of it when the prompt opened.
    public var leads: [String] = []
    public var seen: [String: [String: String]] = [:]
}

/// The question before an action on leads other reps own: y acts on all of them, m on the
/// user's own and unowned ones only, n or Esc on none.
public struct Confirmation: Sendable, Equatable {
    public var title: String
    public var lines: [String]
    var start: TriageStart
    public var all: [String]
    public var mine: [String]
    /// What the user saw of the leads when asked: a change someone makes while the question is
    /// open is then refused by the write, as it is while a picker is open.
    public var seen: [String: [String: String]] = [:]
}

/// What the user asked for, with what they saw of each lead so the write can tell if someone
/// else changed it meanwhile.
public struct TriageRequest: Sendable, Equatable {
    public var action: LeadAction
    public var leads: [String]
    public var seen: [String: [String: String]]
}

/// The result of a write, back from the worker.
public enum TriageKind: Sendable, Equatable { case perform, undo, redo }

extension AppState {
    /// The leads an action applies to: the marked ones the list shows, else the selected row's.
    /// A mark the filter hides is kept but not acted on: an action never reaches a lead off screen.
    var triageTargets: [String] {
        let list = focus == .inbox || focus == .sla ? views[focus] : nil
        if !marks.isEmpty {
            guard list != nil else { return marks.sorted() }
            let shown = shownMarks(in: focus)
            if !shown.isEmpty { return shown.sorted() }
        }
        guard let list, let id = list.id(at: self[focus].selection) else { return [] }
        return [id]
    }

    /// The marked leads the pane's list shows. The list can hold tens of thousands of leads and the
    /// title asks on every frame, so it goes by lead row number, with no String made per row.
    func shownMarks(in pane: PaneID) -> Set<String> {
        guard !marks.isEmpty, let view = views[pane], let s = snapshot else { return [] }
        guard let inbox = (view.model as? InboxModel) ?? (view.model as? BreachModel)?.inbox else {
            return marks.filter { id in (0..<view.count).contains { view.id(at: $0) == id } }
        }
        var ids: [String] = [], rows: [Int] = []
        for id in marks { if let r = s.leadIndex.row(for: id) { ids.append(id); rows.append(r) } }
        // A few marks are looked for by comparing; many, through a table.
        let byRow = ids.count > 16 ? Dictionary(zip(rows, ids), uniquingKeysWith: { a, _ in a }) : [:]
        var shown: Set<String> = []
        for position in view.order {
            let lead = inbox.items[Int(position)].lead
            let id = byRow.isEmpty ? rows.firstIndex(of: lead).map { ids[$0] } : byRow[lead]
            if let id {
                shown.insert(id)
                if shown.count == ids.count { break }
            }
        }
        return shown
    }

    /// The canonical text of the fields an action changes, as this screen shows them.
    func seenValues(for action: LeadAction, leads ids: [String]) -> [String: [String: String]] {
        guard let s = snapshot else { return [:] }
        let l = s.leads, zone = s.settings.timeZone
        let time = { (t: Int64) in t == Missing.time ? "" : formatISO(t, timeZone: zone, withTime: true) }
        var out: [String: [String: String]] = [:]
        for id in ids {
            guard let r = s.leadIndex.row(for: id) else { continue }
            var fields: [String: String] = ["stage": l.stage[r].name]
            switch action {
            case .accept: fields["owner"] = l.ownerName[r] ?? ""
            case .assign: fields = ["owner": l.ownerName[r] ?? ""]
            case .logTouch: fields = ["first_touch_at": time(l.firstTouchAt[r])]
            case .convert: fields["deal_id"] = l.dealID.value(r) ?? ""
            case .qualify, .disqualify, .recycle: break
            }
            out[id] = fields
        }
        return out
    }

    /// Starts an action on the targets, asking first when it needs a choice.
    mutating func beginTriage(_ make: TriageStart) -> [Effect] {
        let targets = triageTargets
        guard !targets.isEmpty else {
            say("Select a lead in the Inbox (or mark some with Space) first", error: true)
            return []
        }
        // The lead the user was looking at left the list just now: this key was most likely meant
        // for it, not for the one the selection moved to. Asked once.
        if let moved = movedSelection, moved.pane == focus, targets == [moved.now] {
            movedSelection = nil
            say("Nothing done: \(moved.lost) left the list and the selection moved to \(moved.now); press the key again to act on \(moved.now)", error: true, seconds: 8)
            return []
        }
        movedSelection = nil
        if var question = othersLeadsQuestion(make, targets: targets) {
            question.seen = seenValues(for: make.seenAction, leads: targets)
            mode = .confirm(question)
            return []
        }
        return startTriage(make, targets: targets)
    }

    /// The question to ask when some of `targets` are other reps' leads (not for assigning, which
    /// is how a lead goes from one rep to another); nil when all are the user's or no one's.
    func othersLeadsQuestion(_ make: TriageStart, targets: [String]) -> Confirmation? {
        guard make != .pickRep, let s = snapshot else { return nil }
        let me = options.user.flatMap { s.rep(matchingUser: $0)?.name }
        var others: [(lead: String, owner: String)] = []
        for id in targets {
            guard let r = s.leadIndex.row(for: id), s.leads.owner[r] >= 0 else { continue }
            let owner = s.reps[Int(s.leads.owner[r])].name
            if owner != me { others.append((id, owner)) }
        }
        guard !others.isEmpty else { return nil }
        let mine = targets.filter { id in !others.contains { $0.lead == id } }
        let verb = make.verb
        let named = others.prefix(4).map { "\($0.lead) (\($0.owner))" }.joined(separator: ", ") + (others.count > 4 ? ", …" : "")
        let lines: [String]
        if targets.count == 1 {
            lines = ["\(others[0].lead) is \(others[0].owner)'s lead.", "y: \(verb) it anyway    n or Esc: leave it"]
        } else {
            lines = ["\(others.count) of the \(targets.count) leads \(others.count == 1 ? "is another rep's" : "are other reps'"): \(named).",
                     "y: \(verb) all \(targets.count)" + (mine.isEmpty ? "" : "    m: only yours and no one's (\(mine.count))") + "    n or Esc: none"]
        }
        return Confirmation(title: "Other reps' leads", lines: lines, start: make, all: targets, mine: mine)
    }

    mutating func handleConfirmKey(_ key: Key, _ question: Confirmation) -> [Effect] {
        switch key {
        case .char("y"), .char("Y"):
            mode = .normal
            return startTriage(question.start, targets: question.all, seen: question.seen)
        case .char("m") where !question.mine.isEmpty:
            mode = .normal
            // The others' leads were declined: their marks go, so the next key does not take them.
            marks.subtract(question.all.filter { !question.mine.contains($0) })
            return startTriage(question.start, targets: question.mine, seen: question.seen)
        case .char("n"), .char("N"), .char("q"), .escape:
            mode = .normal
            say("Nothing done")
        default: break
        }
        return []
    }

    /// The action on `targets`, at once or after its question. `seen`: what the user saw of them
    /// when they were asked about them (else, now).
    mutating func startTriage(_ make: TriageStart, targets: [String], seen asked: [String: [String: String]]? = nil) -> [Effect] {
        movedSelection = nil
        func seenValues(for action: LeadAction, leads: [String]) -> [String: [String: String]] {
            asked.map { all in all.filter { leads.contains($0.key) } } ?? self.seenValues(for: action, leads: leads)
        }
        switch make {
        case .now(let action):
            return [.triage(TriageRequest(action: action, leads: targets, seen: seenValues(for: action, leads: targets)))]
        case .pickRep:
            let reps = AssignableReps(snapshot?.reps ?? [])
            mode = .picker(Picker(purpose: .assign, title: "Assign \(targets.count == 1 ? targets[0] : "\(targets.count) leads") to", options: reps.names,
                                  details: reps.details, keywords: reps.keywords, allowsTyped: false,
                                  leads: targets, seen: seenValues(for: .assign(""), leads: targets)))
        case .pickReason:
            let reasons = disqualifyReasonChoices()
            mode = .picker(Picker(purpose: .disqualify, title: "Disqualify \(targets.count == 1 ? targets[0] : "\(targets.count) leads"): reason",
                                  options: reasons, allowsTyped: true, leads: targets, seen: seenValues(for: .disqualify(""), leads: targets)))
        case .askDeal:
            guard targets.count == 1 else {
                say("Convert one lead at a time", error: true)
                return []
            }
            let endOfMonth = currentPeriod.map { formatISO($0.end - 86_400, timeZone: snapshot!.settings.timeZone, withTime: false) } ?? ""
            var fields = [
                Prompt.Field(label: "Amount", text: "", hint: "e.g. 25000"),
                Prompt.Field(label: "Expected close date", text: String(endOfMonth.prefix(10)), hint: "YYYY-MM-DD"),
            ]
            // Without a reps file there is no one to choose: the deal takes the lead's owner.
            if !(snapshot?.reps.isEmpty ?? true) {
                fields.append(Prompt.Field(label: "Deal owner", text: defaultDealOwner(for: targets[0]), hint: "an account executive"))
            }
            mode = .prompt(Prompt(title: "Convert \(targets[0]) to a deal", fields: fields,
                                  leads: targets, seen: seenValues(for: .convert(amount: 0, closeDate: ""), leads: targets)))
        }
        return []
    }

    mutating func handlePickerKey(_ key: Key, _ picker: Picker) -> [Effect] {
        var p = picker
        let matches = p.matches
        switch key {
        case .escape: mode = .normal; return []
        case .down, .tab: p.choice = matches.isEmpty ? 0 : (p.choice + 1) % matches.count
        case .up, .backTab: p.choice = matches.isEmpty ? 0 : (p.choice + matches.count - 1) % matches.count
        case .backspace, .delete: p.text = String(p.text.dropLast()); p.choice = 0
        case .char(let c): p.text.append(c); p.choice = 0
        case .enter:
            let picked: String
            if p.choice < matches.count, !(p.allowsTyped && matches.isEmpty) {
                picked = matches[p.choice]
            } else if p.allowsTyped, !p.text.trimmingCharacters(in: .whitespaces).isEmpty {
                picked = p.text.trimmingCharacters(in: .whitespaces)
            } else {
                say("Nothing matches \"\(p.text)\"", error: true)
                return []
            }
            mode = .normal
            let action: LeadAction = p.purpose == .assign ? .assign(picked) : .disqualify(picked)
            return [.triage(TriageRequest(action: action, leads: p.leads, seen: p.seen))]
        default: break
        }
        mode = .picker(p)
        return []
    }

    mutating func handlePromptKey(_ key: Key, _ prompt: Prompt) -> [Effect] {
        var p = prompt
        switch key {
        case .escape: mode = .normal; return []
        case .backspace, .delete: p.fields[p.current].text = String(p.fields[p.current].text.dropLast()); p.error = nil
        case .char(let c): p.fields[p.current].text.append(c); p.error = nil
        case .ctrl("u"): p.fields[p.current].text = ""; p.error = nil
        case .up, .backTab: p.current = max(0, p.current - 1)
        case .tab, .down, .enter:
            // The deal owner is found as the assign picker finds a rep: "pri" is Priya Natarajan
            // when she is the one rep it fits.
            if p.current == 2, let name = Self.completedOwner(p.fields[2].text, reps: snapshot?.reps ?? []) {
                p.fields[2].text = name
            }
            if let problem = Self.checkDealField(p.current, p.fields[p.current].text, settings: snapshot?.settings,
                                                 at: snapshot?.asOf ?? now, reps: snapshot?.reps ?? []) {
                p.error = problem
            } else if p.current + 1 < p.fields.count {
                p.current += 1
            } else if key == .enter {
                mode = .normal
                let amount = parseNumber(p.fields[0].text, format: snapshot?.settings.numberFormat ?? .standard) ?? 0
                let owner = p.fields.count > 2 ? p.fields[2].text.trimmingCharacters(in: .whitespaces) : nil
                return [.triage(TriageRequest(action: .convert(amount: amount, closeDate: p.fields[1].text, owner: owner),
                                              leads: p.leads, seen: p.seen))]
            }
        default: break
        }
        mode = .prompt(p)
        return []
    }

    /// A plain-words problem with a deal field, or nil when it is good.
    static func checkDealField(_ index: Int, _ text: String, settings: Settings?, at: Int64, reps: [Rep] = []) -> String? {
        if index == 0 {
            guard let v = parseNumber(text, format: settings?.numberFormat ?? .standard) else { return "The amount is a positive number, like 25000" }
            return LeadTriage.amountProblem(v).map { $0.prefix(1).uppercased() + $0.dropFirst() }
        }
        if index == 2 { return ownerProblem(text, reps: reps) }
        let zone = settings?.timeZone ?? TimeZone(identifier: "UTC")!
        guard text.count == 10 || TimestampParser(format: .iso, timeZone: zone).parse(text) == nil else {
            return "The close date is written YYYY-MM-DD"
        }
        // The same rule the write applies, said before the write is tried.
        guard let problem = LeadTriage.closeDateProblem(text, format: .iso, at: at, timeZone: zone) else { return nil }
        return problem.prefix(1).uppercased() + problem.dropFirst()
    }

    /// Who a converted lead's deal goes to unless the user says otherwise: the lead's owner, or the
    /// user for a lead with none; blank when that is an SDR and there are account executives, since
    /// the deal is then an AE's to take and the user must say whose.
    func defaultDealOwner(for lead: String) -> String {
        guard let s = snapshot, let r = s.leadIndex.row(for: lead) else { return "" }
        // The rep the lead's owner is, else the user's rep for a lead with no owner; an owner
        // reps.csv does not list (a queue) leaves the field for the user to fill.
        let owner: Rep?
        if s.leads.ownerName[r] != nil {
            owner = s.leads.owner[r] >= 0 ? s.reps[Int(s.leads.owner[r])] : nil
        } else {
            owner = options.user.flatMap { s.rep(matchingUser: $0) }
        }
        guard let owner else { return "" }
        if owner.role == "sdr" && s.reps.contains(where: { $0.role == "ae" }) { return "" }
        return owner.name
    }

    /// The one rep whose name starts with what was typed, else the one whose name contains it
    /// (case and accents aside); nil when none or several do, or the text is a name or login as
    /// it stands.
    static func completedOwner(_ text: String, reps: [Rep]) -> String? {
        let typed = text.trimmingCharacters(in: .whitespaces)
        let key = typed.lowercased()
        guard !typed.isEmpty, !reps.contains(where: { $0.name.lowercased() == key || $0.login?.lowercased() == key }) else { return nil }
        let folded = SearchFolding.folded(typed)
        // A deal is an account executive's: with some in reps.csv, only they are completed to.
        let reps = reps.contains { $0.role == "ae" } ? reps.filter { $0.role == "ae" } : reps
        let starts = reps.filter { SearchFolding.folded($0.name).hasPrefix(folded) }
        if starts.count == 1 { return starts[0].name }
        guard starts.isEmpty else { return nil }
        let contains = reps.filter { SearchFolding.folded($0.name).contains(folded) }
        return contains.count == 1 ? contains[0].name : nil
    }

    /// A plain-words problem with the deal owner typed, or nil when reps.csv has them (by name or
    /// login, case aside).
    static func ownerProblem(_ text: String, reps: [Rep]) -> String? {
        let typed = text.trimmingCharacters(in: .whitespaces)
        guard !typed.isEmpty else { return "Name the rep who owns the deal (an account executive)" }
        let key = typed.lowercased()
        if let rep = reps.first(where: { $0.name.lowercased() == key || $0.login?.lowercased() == key }) {
            // Asked here, while the form is open: a deal that is no account executive's counts
            // toward no quota that counts money, and the write would refuse it.
            guard reps.contains(where: { $0.role == "ae" }), rep.role != "ae" else { return nil }
            return "\(rep.name) is \(RepRole.isNotAccountExecutive(rep.role)): name the account executive who takes the deal"
        }
        let folded = SearchFolding.folded(typed)
        let near = reps.first { SearchFolding.folded($0.name).hasPrefix(folded) } ?? reps.first { SearchFolding.folded($0.name).contains(folded) }
        return "No rep named \"\(typed)\" in reps.csv" + (near.map { " (did you mean \"\($0.name)\"?)" } ?? "")
    }

    /// The settings' reasons, then the ones the leads already give, most used first: a team that
    /// writes "No response" should find it offered, not only the defaults.
    func disqualifyReasonChoices() -> [String] {
        guard let s = snapshot else { return [] }
        var choices = s.settings.disqualifyReasons
        let column = s.leads.disqualifyReason
        var uses = [Int](repeating: 0, count: column.values.count)
        for code in column.codes where code >= 0 && Int(code) < uses.count { uses[Int(code)] += 1 }
        var known = Set(choices.map(SearchFolding.folded))
        let used = uses.indices.filter { uses[$0] > 0 }.sorted { uses[$0] != uses[$1] ? uses[$0] > uses[$1] : $0 < $1 }
        for k in used.prefix(20) {
            let reason = column.values[k].trimmingCharacters(in: .whitespaces)
            // A reason written into the files must be plain text, as a typed one must.
            guard !reason.isEmpty, !reason.unicodeScalars.contains(where: MessageText.isUnsafe),
                  known.insert(SearchFolding.folded(reason)).inserted else { continue }
            choices.append(reason)
        }
        return choices
    }

    /// A write finished: say what happened, remember it for undo, and read the files again now.
    mutating func finishTriage(_ result: TriageResult, kind: TriageKind) -> [Effect] {
        var text = result.summary
        if let error = result.error { text = error }
        if !result.refused.isEmpty {
            // "Nothing written" is said once, not again after each refusal.
            let refused = text.hasPrefix("Nothing written")
                ? result.refused.map { $0.hasSuffix("; nothing was written") ? String($0.dropLast("; nothing was written".count)) : $0 }
                : result.refused
            // One lead refused: "Nothing written: L-01977 is at sal (…): cannot accept it".
            text += (text.isEmpty ? "" : (text == "Nothing written" ? ": " : "; ")) + refused.joined(separator: "; ")
        }
        say(text.isEmpty ? "Nothing changed" : text, error: result.error != nil || !result.refused.isEmpty, seconds: 8)
        // The load this write brings takes these leads out of lists by the user's own doing.
        ownWrite = Set(result.applied?.leads ?? [])
        movedSelection = nil
        if let applied = result.applied {
            switch kind {
            case .perform:
                undoStack.append(applied)
                redoStack.removeAll()
                // Marks of leads the action reached go; a hidden or refused one stays marked.
                marks.subtract(applied.leads)
            case .undo: redoStack.append(applied)
            case .redo: undoStack.append(applied)
            }
        }
        // Read again only what was written: the files edited and the activity log.
        guard let applied = result.applied else { return [] }
        let log = snapshot?.settings.tables[Schemas.activity.name]?.file ?? Schemas.activity.defaultFile
        return [.reload(Set(applied.cells.map(\.file) + applied.rows.map(\.file) + [log]))]
    }
}

/// How an action starts: at once, or after a question.
enum TriageStart: Sendable, Equatable {
    case now(LeadAction)
    case pickRep, pickReason, askDeal

    /// The action whose fields the user is shown as having seen (the rep, reason or deal are
    /// chosen later).
    var seenAction: LeadAction {
        switch self {
        case .now(let action): return action
        case .pickRep: return .assign("")
        case .pickReason: return .disqualify("")
        case .askDeal: return .convert(amount: 0, closeDate: "")
        }
    }

    /// The verb of a question about it: "accept", "disqualify".
    var verb: String {
        switch self {
        case .now(let action): return action.verb
        case .pickRep: return "assign"
        case .pickReason: return "disqualify"
        case .askDeal: return "convert"
        }
    }
}
