import Foundation
import PipelineKit
import Testing
@testable import PipetopUI

/// Triage from the keyboard, with the writes carried out as the dashboard does: effects run
/// against a scratch copy of the seeds, and the result and the reload come back as events.
@Suite(.serialized) struct TriageSessionTests {
    final class Session {
        let folder: URL
        let loader: SnapshotLoader
        var state: AppState
        let triage: LeadTriage

        init(readOnly: Bool = false, user: String = "omar") throws {
            folder = try SeedCompany.scratchCopy()
            loader = SnapshotLoader(folder: folder)
            let first = loader.load()
            var options = SeedCompany.options(readOnly: readOnly)
            options.user = user
            state = AppState.showing(first, options: options, width: 120, height: 40, now: first.asOf, focus: .inbox)
            triage = LeadTriage(folder: folder, settings: first.settings, user: user, userRep: first.rep(matchingUser: user)?.name)
        }

        deinit { try? FileManager.default.removeItem(at: folder) }

        /// Presses keys and carries out what they ask for, until nothing is left to do.
        func press(_ keys: [Key]) {
            for key in keys { run(update(&state, .key(key))) }
        }

        func type(_ text: String) { press(text.map { Key.char($0) }) }

        func run(_ effects: [Effect]) {
            var queue = effects
            while !queue.isEmpty {
                let effect = queue.removeFirst()
                let at = state.snapshot!.asOf
                switch effect {
                case .triage(let r): queue += update(&state, .triaged(triage.perform(r.action, on: r.leads, seen: r.seen, at: at), .perform))
                case .undo(let a): queue += update(&state, .triaged(triage.undo(a, at: at), .undo))
                case .redo(let a): queue += update(&state, .triaged(triage.redo(a, at: at), .redo))
                case .reload(let names): queue += update(&state, .loaded(loader.load(previous: state.snapshot, changed: names)))
                case .chooseTheme: continue   // the settings' theme is not what these sessions are about
                case .quit: return
                }
            }
        }

        var selectedLead: String { state.views[.inbox]!.id(at: state[.inbox].selection)! }

        func lead(_ id: String) -> (stage: String, owner: String?, touched: Bool) {
            let s = state.snapshot!, r = s.leadIndex.row(for: id)!
            return (s.leads.stage[r].name, s.leads.ownerName[r], s.leads.firstTouchAt[r] != Missing.time)
        }
    }

    @Test func acceptTakesAnUnownedLeadToSALAndMe() throws {
        let t = try Session()
        // The second inbox row of the seeds is unassigned.
        t.press([.down])
        let id = t.selectedLead
        #expect(t.lead(id).owner == nil)
        t.press([.char("a")])
        #expect(t.lead(id).stage == "sal" && t.lead(id).owner == "Omar Haddad")
        #expect(t.state.message?.isError == false)
        // Accepted but not yet touched: it stays in the inbox, now at SAL, until a touch is logged.
        #expect(t.state.inbox.contains { t.state.snapshot!.leads.id[$0.lead] == id })
        t.press([.char("t")])
        #expect(!t.state.inbox.contains { t.state.snapshot!.leads.id[$0.lead] == id })
        t.press([.char("u")])
        // Undo puts it back; redo does it again.
        t.press([.char("u")])
        #expect(t.lead(id).stage == "mql" && t.lead(id).owner == nil)
        t.press([.char("U")])
        #expect(t.lead(id).stage == "sal")
    }

    /// A deal owner who is no account executive was refused only after Enter, with the form
    /// closed and what was typed lost: the form says so while it is open.
    /// The disqualify picker offered the settings' reasons only, not those the team already writes.
    @Test func theReasonsOfferedIncludeTheOnesInTheData() throws {
        let t = try Session()
        let leads = t.folder.appendingPathComponent("leads.csv")
        var text = try String(contentsOf: leads, encoding: .utf8)
        for _ in 0..<3 { text = text.replacingOccurrences(of: ",No budget,", with: ",Bought elsewhere,", range: text.range(of: ",No budget,")) }
        try text.write(to: leads, atomically: true, encoding: .utf8)
        t.run(update(&t.state, .loaded(t.loader.load(previous: t.state.snapshot, changed: ["leads.csv"]))))
        let choices = t.state.disqualifyReasonChoices()
        #expect(Array(choices.prefix(6)) == t.state.snapshot!.settings.disqualifyReasons)
        #expect(choices.dropFirst(6).first == "Bought elsewhere", "\(choices)")
        #expect(choices.filter { $0 == "No budget" }.count == 1)
    }

    /// A refused action said "Nothing written: 1 refused; L… is at sal: cannot accept it;
    /// nothing was written": once is enough.
    @Test func aRefusalSaysNothingWasWrittenOnce() throws {
        let t = try Session()
        let id = t.selectedLead
        t.press([.char("a")])
        #expect(t.lead(id).stage == "sal")
        let again = t.triage.perform(.accept, on: [id], seen: [:], at: t.state.snapshot!.asOf)
        t.run(update(&t.state, .triaged(again, .perform)))
        let text = try #require(t.state.message?.text)
        #expect(text == "Nothing written: \(id) is at sal (Omar Haddad's lead): cannot accept it", "\(text)")
    }

    @Test func theConvertFormAsksForAnAccountExecutive() throws {
        let reps = SeedCompany.snapshot.reps
        #expect(AppState.checkDealField(2, "chloe", settings: nil, at: 0, reps: reps) == "Chloe Dubois is an SDR, not an account executive: name the account executive who takes the deal")
        #expect(AppState.checkDealField(2, "helena", settings: nil, at: 0, reps: reps)?.hasSuffix("is a manager, not an account executive: name the account executive who takes the deal") == true)
        #expect(AppState.checkDealField(2, "marcus", settings: nil, at: 0, reps: reps) == nil)
        // A part of a name, as the assign picker takes it: completed when one rep fits.
        #expect(AppState.completedOwner("pri", reps: reps) == "Priya Natarajan")
        #expect(AppState.completedOwner("webb", reps: reps) == "Marcus Webb")
        #expect(AppState.completedOwner("marcus", reps: reps) == nil)   // a login as it stands
        #expect(AppState.completedOwner("a", reps: reps) == nil)        // several
    }

    /// In the convert form, "pri" and Enter give the deal to Priya Natarajan; it was refused as
    /// no rep named "pri".
    @Test func theConvertFormCompletesTheDealOwner() throws {
        let t = try Session()
        let id = t.selectedLead
        t.press([.char("C")])
        guard case .prompt = t.state.mode else { Issue.record("no form: \(t.state.mode)"); return }
        t.type("25000")
        t.press([.tab, .tab, .ctrl("u")])
        t.type("pri")
        t.press([.enter])
        #expect(t.state.mode == .normal, "\(t.state.mode)")
        let s = t.state.snapshot!
        let deal = try #require(s.dealIndex.row(for: s.leads.dealID[s.leadIndex.row(for: id)!]))
        #expect(s.deals.ownerName[deal] == "Priya Natarajan")
    }

    /// Another rep's lead is asked about first: y acts on it, n on nothing, m on the user's own
    /// and unowned leads only. Assigning asks nothing.
    @Test func anotherRepsLeadIsAskedAboutFirst() throws {
        let t = try Session(user: "ben")
        let omars = "L-01958"
        #expect(t.state[.inbox].selectedID == omars)
        t.press([.char("t")])
        guard case .confirm(let question) = t.state.mode else { Issue.record("no question: \(t.state.mode)"); return }
        #expect(question.lines == ["L-01958 is Omar Haddad's lead.", "y: log a touch on it anyway    n or Esc: leave it"])
        let text = Dashboard.render(t.state, context: SeedCompany.context).text
        #expect(text.contains("Other reps' leads") && text.contains("L-01958 is Omar Haddad's lead."))
        t.press([.char("n")])
        #expect(t.state.mode == .normal && t.state.message?.text == "Nothing done")
        #expect(!t.lead(omars).touched)
        // Omar's and an unowned lead marked: m takes the unowned one alone.
        t.press([.char(" "), .char(" "), .char("t")])
        guard case .confirm(let both) = t.state.mode else { Issue.record("no question: \(t.state.mode)"); return }
        #expect(both.lines[0] == "1 of the 2 leads is another rep's: L-01958 (Omar Haddad).")
        t.press([.char("m")])
        #expect(!t.lead(omars).touched)
        #expect(t.lead(both.mine[0]).touched && t.lead(both.mine[0]).owner == "Ben Carter")
        // y: Omar's too.
        t.press([.char("g"), .char("t"), .char("y")])
        #expect(t.lead(omars).touched)
        // Assigning asks nothing: it is how a lead goes from one rep to another.
        t.press([.char("A")])
        guard case .picker = t.state.mode else { Issue.record("no picker: \(t.state.mode)"); return }
    }

    /// A change made while the question is open is refused, as one made while a picker is
    /// open is: what the user saw is taken when they are asked. And the declined leads of an
    /// m lose their marks.
    @Test func theQuestionKeepsWhatTheUserSaw() throws {
        let t = try Session(user: "ben")
        let omars = "L-01958"
        t.press([.char("Q")])
        guard case .confirm = t.state.mode else { Issue.record("no question: \(t.state.mode)"); return }
        let omar = LeadTriage(folder: t.folder, settings: t.state.snapshot!.settings, user: "omar", userRep: "Omar Haddad")
        #expect(omar.perform(.disqualify("No budget"), on: [omars], seen: [:], at: t.state.snapshot!.asOf).applied != nil)
        t.run(update(&t.state, .loaded(t.loader.load(previous: t.state.snapshot, changed: ["leads.csv", "activity.csv"]))))
        t.press([.char("y")])
        #expect(t.lead(omars).stage == "disqualified", "\(t.lead(omars))")
        #expect(t.state.message?.text.contains("by someone else since you saw it") == true, "\(String(describing: t.state.message))")
        // Marked: another rep's lead and an unowned one; m takes the unowned one, and the other's
        // mark goes.
        let s = t.state.snapshot!
        let ids = t.state.inbox.map { s.leads.id[$0.lead] }
        let others = try #require(ids.first { t.lead($0).owner != nil && t.lead($0).owner != "Ben Carter" })
        let unowned = try #require(ids.first { t.lead($0).owner == nil })
        t.state.marks = [others, unowned]
        t.press([.char("t")])
        guard case .confirm = t.state.mode else { Issue.record("no question: \(t.state.mode)"); return }
        t.press([.char("m")])
        #expect(t.state.marks.isEmpty, "\(t.state.marks)")
        #expect(t.lead(unowned).touched && !t.lead(others).touched)
    }

    /// The user's own write takes a lead out of the list quietly; a later change by someone else
    /// to a lead the user once wrote to is still said (an old undo entry silenced it).
    @Test func theMovedSelectionNoticeKnowsTheUsersOwnWrite() throws {
        let t = try Session(user: "ben")
        t.press([.down])
        let id = t.selectedLead
        #expect(t.lead(id).owner == nil)
        t.press([.char("a")])   // accepted: still waiting for a touch, still in the inbox
        #expect(t.selectedLead == id && t.state.movedSelection == nil)
        let priya = LeadTriage(folder: t.folder, settings: t.state.snapshot!.settings, user: "priya", userRep: "Priya Natarajan")
        #expect(priya.perform(.logTouch, on: [id], seen: [:], at: t.state.snapshot!.asOf).applied != nil)
        t.run(update(&t.state, .loaded(t.loader.load(previous: t.state.snapshot, changed: ["leads.csv", "activity.csv"]))))
        #expect(t.state.movedSelection?.lost == id, "\(String(describing: t.state.message))")
        // The first key asks again; the second touches the lead now selected, and the user's own
        // touch takes it out of the list quietly.
        let next = t.selectedLead
        t.press([.char("t")])
        #expect(!t.lead(next).touched)
        t.press([.char("t")])
        if case .confirm = t.state.mode { t.press([.char("y")]) }
        #expect(t.lead(next).touched)
        #expect(t.state.movedSelection == nil && t.selectedLead != next)
    }

    /// Marks stayed after Esc, out of sight, and the next action took them all ("Recycled 2
    /// leads" for one). Esc clears the filter first, then the marks.
    @Test func escapeClearsTheMarks() throws {
        let t = try Session()
        t.press([.char(" "), .char(" ")])
        #expect(t.state.marks.count == 2)
        t.press([.escape])
        #expect(t.state.marks.isEmpty && t.state.message?.text == "Marks cleared (2 leads)")
        // Escape pressed twice to back out of a question keeps them; a third clears them.
        t.press([.char(" "), .char(" "), .char("d")])
        // One of these two is Ben's: asked first, and all are taken.
        guard case .confirm = t.state.mode else { Issue.record("no question: \(t.state.mode)"); return }
        t.press([.char("y")])
        guard case .picker = t.state.mode else { Issue.record("no picker: \(t.state.mode)"); return }
        t.press([.escape, .escape])
        #expect(t.state.marks.count == 2 && t.state.message?.text == "2 leads still marked: Esc again clears the marks")
        t.press([.escape])
        #expect(t.state.marks.isEmpty)
    }

    /// A write may wait (the lock, a file another program is saving): the footer said nothing
    /// until it was done, and a second press looked needed. It says the write is under way, and
    /// the outcome takes its place.
    @Test func aWriteSaysItIsUnderWay() throws {
        let t = try Session()
        t.press([.down])
        let effects = update(&t.state, .key(.char("a")))
        #expect(t.state.message?.text == "Saving…")
        t.run(effects)
        #expect(t.state.message?.text.hasPrefix("Accepted") == true, "\(t.state.message?.text ?? "")")
    }

    @Test func assignThroughThePickerWithTypeAhead() throws {
        let t = try Session()
        let id = t.selectedLead
        t.press([.char("A")])
        guard case .picker = t.state.mode else { Issue.record("no picker"); return }
        t.type("chl")
        assertGolden(text: Dashboard.render(t.state, context: SeedCompany.context).text, named: "triage-picker-assign-120x40")
        t.press([.enter])
        #expect(t.lead(id).owner == "Chloe Dubois")
    }

    /// The assign picker lists the people who work leads first, each with role and team, and
    /// typing a role narrows to it.
    @Test func assignPickerListsRepsWhoWorkLeadsFirstWithTheirRole() throws {
        let t = try Session()
        t.press([.char("A")])
        guard case .picker(let picker) = t.state.mode else { Issue.record("no picker"); return }
        #expect(picker.options.prefix(3) == ["Marcus Webb", "Priya Natarajan", "Jonas Eriksen"])
        #expect(picker.options.suffix(2) == ["Nina Kowalski", "Leo Park"])
        #expect(picker.detail(0) == "AE · Enterprise")
        let text = Dashboard.render(t.state, context: SeedCompany.context).text
        #expect(text.contains("Ben Carter") && text.contains("SDR · Lead Development"))
        t.type("sdr")
        guard case .picker(let narrowed) = t.state.mode else { Issue.record("no picker"); return }
        #expect(narrowed.matches == ["Ben Carter", "Chloe Dubois", "Omar Haddad"])
        // A role's other names find it too.
        t.press([.backspace, .backspace, .backspace])
        t.type("bdr")
        guard case .picker(let byAlias) = t.state.mode else { Issue.record("no picker"); return }
        #expect(byAlias.matches == ["Ben Carter", "Chloe Dubois", "Omar Haddad"])
    }

    @Test func disqualifyWithATypedReasonOnMarkedLeads() throws {
        let t = try Session()
        let first = t.selectedLead
        t.press([.char(" ")])
        let second = t.selectedLead
        t.press([.char(" ")])
        #expect(t.state.marks == [first, second])
        t.press([.char("d")])
        t.type("Bought elsewhere")
        t.press([.enter])
        for id in [first, second] { #expect(t.lead(id).stage == "disqualified") }
        let s = t.state.snapshot!
        #expect(s.leads.disqualifyReason[s.leadIndex.row(for: first)!] == "Bought elsewhere")
        #expect(t.state.marks.isEmpty)
        // The activity log has the change, with who did it.
        #expect(s.activity.contains { $0.record == first && $0.field == "stage" && $0.new == "disqualified" && $0.user == "omar" })
    }

    @Test func convertAsksForAmountAndCloseDate() throws {
        let t = try Session()
        let id = t.selectedLead
        t.press([.char("C")])
        guard case .prompt = t.state.mode else { Issue.record("no prompt"); return }
        t.type("abc")
        t.press([.enter])
        guard case .prompt(let p) = t.state.mode else { Issue.record("prompt closed"); return }
        #expect(p.error != nil && p.current == 0)
        t.press([.backspace, .backspace, .backspace])
        t.type("42000")
        t.press([.enter])
        assertGolden(text: Dashboard.render(t.state, context: SeedCompany.context).text, named: "triage-prompt-convert-120x40")
        t.press([.enter])
        // The user is an SDR: the deal owner is left for them to name, and checked against reps.csv.
        guard case .prompt(let owner) = t.state.mode else { Issue.record("prompt closed"); return }
        #expect(owner.current == 2 && owner.fields[2].text == "")
        t.press([.enter])
        guard case .prompt(let blank) = t.state.mode else { Issue.record("prompt closed"); return }
        #expect(blank.error == "Name the rep who owns the deal (an account executive)")
        t.type("kevn")
        t.press([.enter])
        guard case .prompt(let partial) = t.state.mode else { Issue.record("prompt closed"); return }
        #expect(partial.error == "No rep named \"kevn\" in reps.csv")
        // The start of the one rep it fits is enough.
        t.press([.ctrl("u")])
        t.type("kev")
        t.press([.enter])
        #expect(t.lead(id).stage == "opportunity")
        let s = t.state.snapshot!
        let deal = s.leads.dealID[s.leadIndex.row(for: id)!]
        let d = try #require(s.dealIndex.row(for: deal))
        #expect(s.deals.amount[d] == 42000)
        #expect(s.deals.ownerName[d] == "Kevin Tran")
    }

    /// Without a reps file there is no owner to ask for, or to check: the prompt asks for the
    /// amount and close date only, and the deal takes the lead's owner. (It asked for an owner it
    /// then refused whatever was typed.)
    @Test func convertWithoutARepsFileAsksNoOwner() throws {
        let t = try Session()
        for name in ["reps.csv", "quotas.csv"] { try FileManager.default.removeItem(at: t.folder.appendingPathComponent(name)) }
        let s = t.loader.load()
        t.state = AppState.showing(s, options: SeedCompany.options(), width: 120, height: 40, now: s.asOf, focus: .inbox)
        let id = t.selectedLead
        let owner = try #require(t.lead(id).owner)
        t.press([.char("C")])
        guard case .prompt(let prompt) = t.state.mode else { Issue.record("no prompt"); return }
        #expect(prompt.fields.map(\.label) == ["Amount", "Expected close date"])
        t.type("42000")
        t.press([.enter, .enter])
        #expect(t.lead(id).stage == "opportunity")
        let after = t.state.snapshot!
        let d = try #require(after.dealIndex.row(for: after.leads.dealID[after.leadIndex.row(for: id)!]))
        #expect(after.deals.ownerName[d] == owner)
        // A lead with no owner cannot be taken, and the message does not send the user to a
        // reps file there is none of.
        let unowned = try #require(t.state.inbox.map { after.leads.id[$0.lead] }.first { t.lead($0).owner == nil })
        let noRep = LeadTriage(folder: t.folder, settings: after.settings, user: "omar", userRep: nil)
        let refused = noRep.perform(.accept, on: [unowned], seen: [:], at: after.asOf)
        #expect(refused.refused.first?.contains("there are no reps to give it to (no reps file): set its owner in leads.csv first") == true)
    }

    /// In the convert prompt, Ctrl-U clears the field, and a close date before today is refused
    /// there, in the words the write would use.
    @Test func convertPromptClearsAndChecksTheCloseDate() throws {
        let t = try Session()
        t.press([.char("C")])
        t.type("42000")
        t.press([.enter])
        guard case .prompt(let filled) = t.state.mode else { Issue.record("no prompt"); return }
        #expect(filled.current == 1)
        t.press([.ctrl("u")])
        t.type("2025-01-15")
        t.press([.enter])
        guard case .prompt(let p) = t.state.mode else { Issue.record("prompt closed"); return }
        #expect(p.fields[1].text == "2025-01-15")
        #expect(p.error?.hasPrefix("The close date 2025-01-15 is before the deal is made") == true, "\(p.error ?? "")")
        t.press([.ctrl("u")])
        t.type("2026-02-30")
        t.press([.enter])
        guard case .prompt(let q) = t.state.mode else { Issue.record("prompt closed"); return }
        #expect(q.error == "The close date \"2026-02-30\" is not a real date")
    }

    @Test func touchRecordsTheFirstTouch() throws {
        let t = try Session()
        let id = t.selectedLead
        t.press([.char("t")])
        #expect(t.lead(id).touched)
    }

    @Test func someoneElsesChangeIsRefusedWithAMessage() throws {
        let t = try Session()
        t.press([.down])
        let id = t.selectedLead
        // Another rep assigns the lead in the file; this screen has not reloaded yet.
        let url = t.folder.appendingPathComponent("leads.csv")
        let bytes = try [UInt8](Data(contentsOf: url))
        try AtomicFile.write(try CSVCellEditor.apply([CellEdit(id: id, field: "owner", newValue: "Ben Carter")], to: bytes, key: "lead_id"), to: url)
        t.press([.char("A")])
        t.type("chloe")
        t.press([.enter])
        #expect(t.state.message?.isError == true)
        #expect(t.state.message?.text.contains("Ben Carter") == true)
        let s = SnapshotLoader(folder: t.folder).load()
        #expect(s.leads.ownerName[s.leadIndex.row(for: id)!] == "Ben Carter")
    }

    /// A change someone else makes while the picker is open, and that this screen has already read,
    /// is refused too: what counts is what the user saw when they began.
    @Test func aChangeWhileThePickerIsOpenIsRefused() throws {
        let t = try Session()
        t.press([.down])
        let id = t.selectedLead
        #expect(t.lead(id).owner == nil)
        t.press([.char("A")])
        let url = t.folder.appendingPathComponent("leads.csv")
        let bytes = try [UInt8](Data(contentsOf: url))
        try AtomicFile.write(try CSVCellEditor.apply([CellEdit(id: id, field: "owner", newValue: "Kevin Tran")], to: bytes, key: "lead_id"), to: url)
        t.run(update(&t.state, .loaded(t.loader.load(previous: t.state.snapshot, changed: ["leads.csv"]))))
        t.type("chl")
        t.press([.enter])
        #expect(t.state.message?.isError == true)
        #expect(t.lead(id).owner == "Kevin Tran")
    }

    /// A mark the filter hides is not acted on: the action goes to the marked leads on screen, or
    /// to the selected row when none is.
    @Test func aMarkTheFilterHidesIsNotActedOn() throws {
        let t = try Session()
        let hidden = t.selectedLead
        t.press([.char(" ")])
        t.press([.down])
        let shown = t.selectedLead
        let name = try #require(t.state.snapshot!.leads.name[t.state.snapshot!.leadIndex.row(for: shown)!].split(separator: " ").last)
        t.press([.char("/")])
        t.type(String(name))
        t.press([.enter])
        let list = t.state.views[.inbox]!
        #expect(!(0..<list.count).contains { list.id(at: $0) == hidden })
        #expect(t.state.marks == [hidden])
        #expect(Dashboard.render(t.state, context: SeedCompany.context).text.contains("1 marked (1 hidden)"))
        let before = t.lead(hidden)
        #expect(t.state.triageTargets == [t.selectedLead])
        t.press([.char("t")])
        #expect(t.lead(hidden) == before)
        // The hidden mark stays for when the filter shows it again.
        #expect(t.state.marks == [hidden])
    }

    @Test func readOnlyRefusesEveryEdit() throws {
        let t = try Session(readOnly: true)
        let before = try Data(contentsOf: t.folder.appendingPathComponent("leads.csv"))
        for key in ["a", "A", "t", "Q", "d", "R", "C"] { t.press([.char(Character(key))]) }
        #expect(t.state.mode == .normal)
        #expect(t.state.message?.text.hasPrefix("Read-only") == true)
        #expect(try Data(contentsOf: t.folder.appendingPathComponent("leads.csv")) == before)
    }
}
