import Foundation
import Testing
@testable import PipelineKit

/// Each triage action on a scratch copy of the sample company: the cells it changes, the activity
/// lines it appends, undo and redo.
@Suite struct LeadTriageTests {
    static let at: Int64 = 1_795_689_000   // 2026-11-26T10:30:00Z
    static let stamp = "2026-11-26T10:30:00"

    /// Runs `action` on one lead and checks that exactly `changes` (field -> new text) happened in
    /// leads.csv, one activity line each, and that undo gives the seed bytes back and redo the edited ones.
    func check(_ action: LeadAction, lead: String, changes: [String: String], user: String = "marcus",
               rep: String? = "Marcus Webb", deals: Int = 0) throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let triage = folder.triage(user: user, rep: rep)
        let before = try folder.record(lead)!
        let seedLeads = try folder.bytes("leads.csv"), seedDeals = try folder.bytes("deals.csv")
        let logged = try folder.activityCount()

        let result = triage.perform(action, on: [lead], seen: [:], at: Self.at)
        #expect(result.refused.isEmpty && result.error == nil, "\(result.refused) \(result.error ?? "")")
        let applied = try #require(result.applied)
        let after = try folder.record(lead)!
        for (field, value) in before where changes[field] == nil { #expect(after[field] == value, "\(field) changed") }
        for (field, value) in changes { #expect(after[field] == value, "\(field)") }
        // One changed line in leads.csv, unless the change is elsewhere.
        #expect(try folder.changedLines("leads.csv").count == 1)
        #expect(try folder.changedLines("deals.csv").count == deals)
        let lines = try folder.activity(after: logged)
        #expect(lines.count == applied.cells.count + applied.rows.reduce(0) { $0 + $1.cells.filter { !$0.isEmpty }.count })
        for (field, value) in changes {
            #expect(lines.contains([Self.stamp, user, "leads.csv", lead, field, before[field] ?? "", value]), "no activity line for \(field)")
        }
        let edited = (try folder.bytes("leads.csv"), try folder.bytes("deals.csv"))

        let undone = triage.undo(applied, at: Self.at + 60)
        #expect(undone.refused.isEmpty && undone.error == nil)
        #expect(undone.applied == applied)
        #expect(try folder.bytes("leads.csv") == seedLeads)
        #expect(try folder.bytes("deals.csv") == seedDeals)
        #expect(try folder.activity(after: logged + lines.count).count == lines.count)

        let redone = triage.redo(applied, at: Self.at + 120)
        #expect(redone.refused.isEmpty && redone.error == nil)
        #expect(try folder.bytes("leads.csv") == edited.0)
        #expect(try folder.bytes("deals.csv") == edited.1)
        #expect(try folder.activity(after: logged).count == 3 * lines.count)
    }

    @Test func acceptTakesAnUnownedLeadForTheUser() throws {
        try check(.accept, lead: "L-00001", changes: ["stage": "sal", "sal_at": Self.stamp, "owner": "Marcus Webb"])
    }

    /// A CRM export that writes "Working" where pipetop says sal got "sal" written into it, a word
    /// its CRM does not have. The file's own spelling is written.
    @Test func aStageIsWrittenAsTheFileSpellsIt() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let text = String(decoding: try folder.bytes("leads.csv"), as: UTF8.self)
        try folder.write("leads.csv", Array(text.replacingOccurrences(of: ",sal,", with: ",Working,").utf8))
        let result = folder.triage().perform(.accept, on: ["L-00018"], seen: [:], at: Self.at)
        #expect(result.error == nil && result.refused.isEmpty, "\(result)")
        #expect(try folder.record("L-00018")?["stage"] == "Working")
        // A file that spells it as pipetop does keeps getting pipetop's word.
        let plain = try ScratchSeeds()
        defer { plain.remove() }
        _ = plain.triage().perform(.accept, on: ["L-00018"], seen: [:], at: Self.at)
        #expect(try plain.record("L-00018")?["stage"] == "sal")
    }

    /// A lead whose owner is not in reps.csv (someone gone) waits in every rep's inbox, but
    /// accepting it kept the gone owner, so it still counted toward no rep. It is taken.
    @Test func acceptTakesALeadWhoseOwnerIsGone() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let text = String(decoding: try folder.bytes("leads.csv"), as: UTF8.self)
        try folder.write("leads.csv", Array(text.replacingOccurrences(of: ",mql,Omar Haddad,", with: ",mql,Ghost Rep,").utf8))
        let result = folder.triage(user: "ben", rep: "Ben Carter").perform(.accept, on: ["L-01958"], seen: [:], at: Self.at)
        #expect(result.error == nil && result.refused.isEmpty, "\(result)")
        #expect(try folder.record("L-01958")?["owner"] == "Ben Carter")
    }

    /// A deal named to an SDR or a marketer counts toward no quota that counts money: a named
    /// owner must be an account executive, as the lead's own owner must.
    @Test func aNamedDealOwnerMustBeAnAccountExecutive() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let deals = try folder.bytes("deals.csv")
        let sdr = folder.triage().perform(.convert(amount: 1000, closeDate: "2026-12-20", owner: "chloe"), on: ["L-00237"], seen: [:], at: Self.at)
        #expect(sdr.refused == ["L-00237: Chloe Dubois is an SDR, not an account executive; name the account executive who takes the deal; nothing was written"], "\(sdr.refused)")
        #expect(try folder.bytes("deals.csv") == deals)
    }

    /// The account-executive rule held only for a named owner: a convert without one gave the
    /// deal to the lead's owner, a manager here.
    @Test func aDealIsAnAccountExecutivesNamedOrNot() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        _ = folder.triage().perform(.assign("helena"), on: ["L-00237"], seen: [:], at: Self.at)
        let result = folder.triage().perform(.convert(amount: 1000, closeDate: "2026-12-20"), on: ["L-00237"], seen: [:], at: Self.at)
        #expect(result.refused.first?.hasSuffix("'s, a manager; name the account executive who takes it; nothing was written") == true, "\(result.refused)")
    }

    @Test func acceptKeepsAnExistingOwner() throws {
        try check(.accept, lead: "L-00018", changes: ["stage": "sal", "sal_at": Self.stamp])
    }

    @Test func assignSetsTheRepAsRepsCSVSpellsIt() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let result = folder.triage().perform(.assign("priya natarajan"), on: ["L-00002"], seen: [:], at: Self.at)
        #expect(result.summary == "Assigned L-00002 to Priya Natarajan")
        #expect(try folder.record("L-00002")?["owner"] == "Priya Natarajan")
        try check(.assign("Ben Carter"), lead: "L-00001", changes: ["owner": "Ben Carter"])
    }

    @Test func assignToSomeoneNotInRepsIsRefusedWhole() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let seed = try folder.bytes("leads.csv")
        let result = folder.triage().perform(.assign("Ben Karter"), on: ["L-00001"], seen: [:], at: Self.at)
        #expect(result.applied == nil)
        #expect(result.error == "no rep named \"Ben Karter\" in reps.csv (did you mean \"Ben Carter\"?); nothing was written")
        #expect(try folder.bytes("leads.csv") == seed)
    }

    @Test func qualify() throws {
        try check(.qualify, lead: "L-00043", changes: ["stage": "sql", "sql_at": Self.stamp])
    }

    /// Qualifying a lead sales had not taken yet takes it by the same act: accepted, touched, and
    /// owned by the rep acting. It no longer drops out of the SLA with no touch on record.
    @Test func qualifyingAnUntakenLeadTakesIt() throws {
        try check(.qualify, lead: "L-00001",
                  changes: ["stage": "sql", "sql_at": Self.stamp, "sal_at": Self.stamp, "owner": "Ben Carter",
                            "first_touch_at": Self.stamp, "last_touch_at": Self.stamp], user: "ben", rep: "Ben Carter")
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let refused = folder.triage(user: "outsider", rep: nil).perform(.qualify, on: ["L-00001"], seen: [:], at: Self.at)
        #expect(refused.refused == ["L-00001 has no owner and outsider is not a rep in reps.csv: assign it first; nothing was written"])
    }

    /// A lead with a last touch on record was touched already: qualifying it logs no first touch
    /// now, which would come after its last.
    @Test func qualifyingKeepsAnEarlierTouch() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        var lines = String(decoding: try folder.bytes("leads.csv"), as: UTF8.self).components(separatedBy: "\n")
        let k = try #require(lines.firstIndex { $0.hasPrefix("L-00001,") })
        var cells = lines[k].components(separatedBy: ",")
        cells[11] = "2026-05-27T09:00:00"   // last_touch_at
        lines[k] = cells.joined(separator: ",")
        try folder.write("leads.csv", Array(lines.joined(separator: "\n").utf8))
        let result = folder.triage(user: "ben", rep: "Ben Carter").perform(.qualify, on: ["L-00001"], seen: [:], at: Self.at)
        #expect(result.applied != nil)
        let after = try #require(try folder.record("L-00001"))
        #expect(after["first_touch_at"] == "" && after["last_touch_at"] == "2026-05-27T09:00:00")
        #expect(after["stage"] == "sql" && after["sal_at"] == Self.stamp)
    }

    /// A leads file without an owner column can still be qualified: there is no owner to set.
    @Test func qualifyingWithoutAnOwnerColumn() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let rows = CSVCellEditor.records(try folder.bytes("leads.csv"))
        let drop = try #require(rows.header.firstIndex(of: "owner"))
        let text = CSVWriter().document(header: rows.header.enumerated().filter { $0.offset != drop }.map(\.element),
                                        rows: rows.rows.map { $0.enumerated().filter { $0.offset != drop }.map(\.element) })
        try folder.write("leads.csv", Array(text.utf8))
        let result = folder.triage(user: "outsider", rep: nil).perform(.qualify, on: ["L-00001"], seen: [:], at: Self.at)
        #expect(result.error == nil && result.refused.isEmpty, "\(result)")
        #expect(try folder.record("L-00001")?["stage"] == "sql")
        // A rep's touch takes an unowned lead only where the file has owners to take.
        let touch = folder.triage().perform(.logTouch, on: ["L-00002"], seen: [:], at: Self.at)
        #expect(touch.error == nil && touch.refused.isEmpty, "\(touch)")
    }

    @Test func disqualify() throws {
        try check(.disqualify("No budget"), lead: "L-00043",
                  changes: ["stage": "disqualified", "disqualify_reason": "No budget", "closed_at": Self.stamp])
    }

    @Test func recycle() throws {
        try check(.recycle, lead: "L-00027", changes: ["stage": "recycled", "closed_at": Self.stamp])
    }

    @Test func logTouchSetsFirstTouchOnlyWhenEmpty() throws {
        // L-00001 has no owner: the rep who touches it takes it, or it would leave every inbox
        // with no one to follow it up.
        try check(.logTouch, lead: "L-00001", changes: ["first_touch_at": Self.stamp, "last_touch_at": Self.stamp, "owner": "Marcus Webb"])
        try check(.logTouch, lead: "L-00001", changes: ["first_touch_at": Self.stamp, "last_touch_at": Self.stamp], user: "outsider", rep: nil)
        try check(.logTouch, lead: "L-00043", changes: ["last_touch_at": Self.stamp])
    }

    /// In an export whose moments read like `02/23/26 08:55 PM`, a triage writes its moments the
    /// same way, and a column of dates alone (last touches, close dates) gets a date; they read
    /// back as written.
    /// A close date written in a layout with "+0000", in a time zone east of Greenwich, is the day
    /// typed: it was written as the local midnight in UTC, the evening before, and read back as
    /// that day.
    @Test func aCloseDateInAZonedLayoutIsTheDayTyped() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let toml = try String(contentsOf: folder.url.appendingPathComponent("pipetop.toml"), encoding: .utf8)
        try folder.write("pipetop.toml", Array(toml.replacingOccurrences(of: "time_zone = \"UTC\"", with: "time_zone = \"Europe/Berlin\"").utf8))
        let (header, rows) = CSVCellEditor.records(try folder.bytes("deals.csv"))
        let close = try #require(header.firstIndex(of: "close_date"))
        let zoned = rows.map { row in
            row.enumerated().map { i, cell in i == close && cell.count == 10 ? cell + "T00:00:00.000+0000" : cell }
        }
        try folder.write("deals.csv", Array(CSVWriter().document(header: header, rows: zoned).utf8))
        let settings = SettingsLoader.load(folder: folder.url).0
        let triage = LeadTriage(folder: folder.url, settings: settings, user: "marcus", userRep: "Marcus Webb")
        let result = triage.perform(.convert(amount: 1000, closeDate: "2026-12-01", owner: "marcus"), on: ["L-00043"], seen: [:], at: Self.at)
        #expect(result.applied != nil)
        #expect(try folder.record("D-0322", in: "deals.csv")?["close_date"] == "2026-12-01T00:00:00.000+0000")
        let s = SnapshotLoader(folder: folder.url).load()
        let d = try #require(s.dealIndex.row(for: "D-0322"))
        #expect(s.deals.closeDate[d] == TimestampParser(format: .iso, timeZone: TimeZone(identifier: "Europe/Berlin")!).parse("2026-12-01"))
    }

    @Test func momentsAreWrittenInTheFilesOwnLayout() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let layout = try #require(TimestampLayout(sample: "02/23/26 08:55 PM", order: .mdy))
        let dateOnly = try #require(TimestampLayout(sample: "02/03/24", order: .mdy))
        let iso = TimestampParser(format: .iso, timeZone: TimeZone(identifier: "UTC")!)
        for (name, dateFields) in [("leads.csv", Set(["last_touch_at"])), ("deals.csv", ["close_date"])] {
            let (header, rows) = CSVCellEditor.records(try folder.bytes(name))
            let moved = rows.map { row in
                row.enumerated().map { i, cell -> String in
                    guard i < header.count, header[i].hasSuffix("_at") || header[i].hasSuffix("_date"), let t = iso.parse(cell) else { return cell }
                    return (dateFields.contains(header[i]) ? dateOnly : layout).format(t, timeZone: TimeZone(identifier: "UTC")!, withTime: false)
                }
            }
            try folder.write(name, Array(CSVWriter().document(header: header, rows: moved).utf8))
        }
        let settings = try String(contentsOf: folder.url.appendingPathComponent("pipetop.toml"), encoding: .utf8)
        try settings.replacingOccurrences(of: "date_format = \"iso\"", with: "date_format = \"mdy\"")
            .write(to: folder.url.appendingPathComponent("pipetop.toml"), atomically: true, encoding: .utf8)
        let triage = LeadTriage(folder: folder.url, settings: SettingsLoader.load(folder: folder.url).0, user: "marcus", userRep: "Marcus Webb")
        #expect(triage.perform(.logTouch, on: ["L-00001"], seen: [:], at: Self.at).applied != nil)
        #expect(triage.perform(.convert(amount: 100, closeDate: "12/20/2026", owner: "Marcus Webb"), on: ["L-00237"], seen: [:], at: Self.at).applied != nil)
        #expect(try folder.record("L-00001")?["first_touch_at"] == "11/26/26 10:30 AM")
        #expect(try folder.record("L-00001")?["last_touch_at"] == "11/26/26")
        #expect(try folder.record("L-00237")?["opportunity_at"] == "11/26/26 10:30 AM")
        let deal = try #require(try folder.record("D-0322", in: "deals.csv"))
        #expect(deal["created_at"] == "11/26/26 10:30 AM" && deal["close_date"] == "12/20/26")
        let snapshot = SnapshotLoader(folder: folder.url).load()
        #expect(!snapshot.hasErrors)
        let row = try #require(snapshot.leadIndex.row(for: "L-00001"))
        #expect(snapshot.leads.firstTouchAt[row] == Self.at)
    }

    @Test func convertAddsADealAndLinksTheLead() throws {
        // The company has a comma: the deal's name and account are quoted.
        try check(.convert(amount: 12500, closeDate: "2026-12-20", owner: "marcus"), lead: "L-00237",
                  changes: ["stage": "opportunity", "opportunity_at": Self.stamp, "deal_id": "D-0322",
                            "sal_at": Self.stamp, "sql_at": Self.stamp], deals: 1)
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let result = folder.triage().perform(.convert(amount: 12500.5, closeDate: "2026-12-20", owner: "marcus"), on: ["L-00237", "L-00043"], seen: [:], at: Self.at)
        #expect(result.summary == "Converted 2 leads to D-0322, D-0323")
        let deal = try #require(try folder.record("D-0322", in: "deals.csv"))
        #expect(deal == ["deal_id": "D-0322", "name": "Ironview Media, Inc. - New business", "account": "Ironview Media, Inc.",
                         "owner": "Marcus Webb", "stage": "prospecting", "amount": "12500.50", "created_at": Self.stamp,
                         "close_date": "2026-12-20", "lead_id": "L-00237", "probability": "", "product": ""])
        #expect(try folder.record("D-0323", in: "deals.csv")?["lead_id"] == "L-00043")
        #expect(String(decoding: try folder.bytes("deals.csv"), as: UTF8.self)
            .hasSuffix("D-0322,\"Ironview Media, Inc. - New business\",\"Ironview Media, Inc.\",Marcus Webb,prospecting,12500.50,2026-11-26T10:30:00,2026-12-20,L-00237,,\n"
                       + "D-0323,Young & Robinson LLP - New business,Young & Robinson LLP,Marcus Webb,prospecting,12500.50,2026-11-26T10:30:00,2026-12-20,L-00043,,\n"))
    }

    /// A deal counts toward its owner's quota: a lead an SDR owns goes to the account executive
    /// named; without one it is refused. An unowned lead's deal is the acting AE's.
    @Test func aDealFromAnSDRsLeadNeedsAnAccountExecutive() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let before = try folder.bytes("deals.csv")
        let unnamed = folder.triage().perform(.convert(amount: 100, closeDate: "2026-12-20"), on: ["L-00043"], seen: [:], at: Self.at)
        #expect(unnamed.refused == ["L-00043: the deal would be Chloe Dubois's, an SDR; name the account executive who takes it; nothing was written"])
        let unknown = folder.triage().perform(.convert(amount: 100, closeDate: "2026-12-20", owner: "Marcus Wbb"), on: ["L-00043"], seen: [:], at: Self.at)
        #expect(unknown.error == "no rep named \"Marcus Wbb\" in reps.csv (did you mean \"Marcus Webb\"?); nothing was written")
        #expect(try folder.bytes("deals.csv") == before)
        let named = folder.triage().perform(.convert(amount: 100, closeDate: "2026-12-20", owner: "priya"), on: ["L-00043"], seen: [:], at: Self.at)
        #expect(named.applied != nil)
        #expect(try folder.record("D-0322", in: "deals.csv")?["owner"] == "Priya Natarajan")
        #expect(try folder.record("L-00043")?["owner"] == "Chloe Dubois")
    }

    /// A convert undone and another made gave the second deal the first one's id: activity.csv
    /// then had two different deals under one id.
    @Test func anUndoneDealsIdIsNotGivenAgain() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let triage = folder.triage()
        let first = triage.perform(.convert(amount: 1000, closeDate: "2026-12-20", owner: "marcus"), on: ["L-00237"], seen: [:], at: Self.at)
        let firstDeal = try #require(try folder.record("L-00237")?["deal_id"])
        #expect(triage.undo(try #require(first.applied), at: Self.at + 60).error == nil)
        _ = triage.perform(.convert(amount: 2000, closeDate: "2026-12-20", owner: "marcus"), on: ["L-00043"], seen: [:], at: Self.at + 120)
        let second = try #require(try folder.record("L-00043")?["deal_id"])
        #expect(!firstDeal.isEmpty && second != firstDeal, "\(firstDeal) \(second)")
    }

    @Test func convertingALeadWithADealIsRefused() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let first = folder.triage().perform(.convert(amount: 100, closeDate: "2026-12-20", owner: "Marcus Webb"), on: ["L-00043"], seen: [:], at: Self.at)
        #expect(first.applied != nil)
        let again = folder.triage().perform(.convert(amount: 100, closeDate: "2026-12-20", owner: "Marcus Webb"), on: ["L-00043"], seen: [:], at: Self.at)
        #expect(again.refused.count == 1 && again.refused[0].hasPrefix("L-00043 is at opportunity ("), "\(again.refused)")
        #expect(again.refused.first?.hasSuffix("'s lead, deal \(try #require(first.applied?.rows.first?.record))): cannot convert it; nothing was written") == true, "\(again.refused)")
        let bad = folder.triage().perform(.convert(amount: 100, closeDate: "12/20/2026"), on: ["L-00050"], seen: [:], at: Self.at)
        #expect(bad.error == "the close date \"12/20/2026\" is not a date: write it YYYY-MM-DD; nothing was written")
    }

    /// A new deal is open: it closes the day it is made or later, on a real day, for an amount.
    /// The dashboard's prompt says the same before trying.
    @Test func aNewDealsCloseDateAndAmountAreChecked() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let before = try folder.bytes("deals.csv")
        let past = folder.triage().perform(.convert(amount: 100, closeDate: "2025-01-15"), on: ["L-00050"], seen: [:], at: Self.at)
        #expect(past.error == "the close date 2025-01-15 is before the deal is made (2026-11-26): an open deal closes that day or later; nothing was written")
        let unreal = folder.triage().perform(.convert(amount: 100, closeDate: "2026-02-30"), on: ["L-00050"], seen: [:], at: Self.at)
        #expect(unreal.error == "the close date \"2026-02-30\" is not a real date; nothing was written")
        let nothing = folder.triage().perform(.convert(amount: 0, closeDate: "2026-12-20"), on: ["L-00050"], seen: [:], at: Self.at)
        #expect(nothing.error == "the amount must be a positive number, like 25000; nothing was written")
        #expect(nothing.summary == "The amount must be a positive number, like 25000; nothing was written")
        #expect(try folder.bytes("deals.csv") == before)
        #expect(LeadTriage.closeDateProblem("2026-11-26", format: .iso, at: Self.at, timeZone: folder.settings.timeZone) == nil)
    }

    @Test func seenOwnerThatChangedIsRefusedAndNothingWritten() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        // Someone else took L-00001 after the user saw it unowned.
        _ = folder.triage(user: "ben", rep: "Ben Carter").perform(.assign("Ben Carter"), on: ["L-00001"], seen: [:], at: Self.at)
        let leads = try folder.bytes("leads.csv"), logged = try folder.activityCount()
        let result = folder.triage().perform(.accept, on: ["L-00001"], seen: ["L-00001": ["owner": "", "stage": "lead"]], at: Self.at)
        #expect(result.refused == ["L-00001: owner was changed to \"Ben Carter\" by someone else since you saw it; nothing was written"])
        #expect(result.applied == nil && result.error == nil)
        #expect(try folder.bytes("leads.csv") == leads)
        #expect(try folder.activityCount() == logged)
    }

    @Test func seenValuesAreComparedInCanonicalForm() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        // L-00043: sal, first touch 2026-06-02T10:45:00. Another layout of the same instant, and an alias of the stage.
        let seen = ["L-00043": ["stage": "Sales Accepted", "first_touch_at": "2026-06-02 10:45", "owner": "Chloe Dubois", "sql_at": ""]]
        let result = folder.triage().perform(.qualify, on: ["L-00043"], seen: seen, at: Self.at)
        #expect(result.refused.isEmpty)
        #expect(result.applied?.leads == ["L-00043"])
        #expect(result.summary == "Qualified L-00043")
        // A different instant is a change.
        let stale = folder.triage().perform(.qualify, on: ["L-00058"], seen: ["L-00058": ["first_touch_at": "2026-06-04T13:39"]], at: Self.at)
        #expect(stale.refused == ["L-00058: first_touch_at was changed to \"2026-06-04T13:39:24\" by someone else since you saw it; nothing was written"])
    }

    @Test func vanishedLeadIsRefusedTheOthersApply() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let result = folder.triage().perform(.accept, on: ["L-00001", "L-99999", "L-00002"], seen: [:], at: Self.at)
        #expect(result.refused == ["L-99999 is not in leads.csv; nothing was written"])
        #expect(result.applied?.leads == ["L-00001", "L-00002"])
        #expect(result.summary == "Accepted 2 leads; 1 refused")
    }

    /// A row with more cells than the header is left out when read, so it is not edited either.
    @Test func aRowTheLoaderLeavesOutIsNotEdited() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        var lines = String(decoding: try folder.bytes("leads.csv"), as: UTF8.self).components(separatedBy: "\n")
        let k = try #require(lines.firstIndex { $0.hasPrefix("L-00002,") })
        lines[k] += ",extra,cells"
        try folder.write("leads.csv", Array(lines.joined(separator: "\n").utf8))
        let before = try folder.bytes("leads.csv")
        let result = folder.triage().perform(.logTouch, on: ["L-00002"], seen: [:], at: Self.at)
        #expect(result.refused.first?.hasPrefix("L-00002 is on a row that is left out when read (too many cells") == true, "\(result.refused)")
        #expect(try folder.bytes("leads.csv") == before)
    }

    /// The activity log names a rep by their login however they were named, so one person's
    /// actions add up in the standup.
    @Test func theLogNamesARepByTheirLogin() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let logged = try folder.activityCount()
        _ = folder.triage(user: "Ben Carter", rep: "Ben Carter").perform(.logTouch, on: ["L-00001"], seen: [:], at: Self.at)
        _ = folder.triage(user: "outsider", rep: nil).perform(.logTouch, on: ["L-00002"], seen: [:], at: Self.at)
        #expect(try folder.activity(after: logged).map { $0[1] } == ["ben", "ben", "ben", "outsider", "outsider"])
    }

    /// A reason is written into the files as given: control characters are refused, not written.
    @Test func aReasonWithControlCharactersIsRefused() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let before = try folder.bytes("leads.csv")
        let result = folder.triage().perform(.disqualify("No\u{1b}[31m budget"), on: ["L-00043"], seen: [:], at: Self.at)
        #expect(result.error?.contains("control characters") == true, "\(result)")
        #expect(result.error?.contains("\u{1b}") == false)
        #expect(try folder.bytes("leads.csv") == before)
    }

    /// Assigning to a role, as the dashboard's picker finds reps by it, names the role's people.
    @Test func assigningToARoleNamesItsPeople() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let result = folder.triage().perform(.assign("sdr"), on: ["L-01964"], seen: [:], at: Self.at)
        #expect(result.error == "\"sdr\" is a role, not a rep: name one of Ben Carter, Chloe Dubois, Omar Haddad; nothing was written", "\(result)")
    }

    /// A reason on two lines was written as a two-line cell, in leads.csv and the activity log.
    @Test func aReasonOnTwoLinesIsRefused() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let before = try folder.bytes("leads.csv")
        let result = folder.triage().perform(.disqualify("No\nbudget"), on: ["L-00043"], seen: [:], at: Self.at)
        #expect(result.error == "the reason \"No\\u{a}budget\" is on more than one line; write it on one; nothing was written", "\(result)")
        #expect(try folder.bytes("leads.csv") == before)
    }

    /// A row left out for a cell that does not read is not edited: an extra cell in the middle
    /// shifts the row, and its stage cell is another column's.
    @Test func aRowLeftOutForABadCellIsNotEdited() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        var lines = String(decoding: try folder.bytes("leads.csv"), as: UTF8.self).components(separatedBy: "\n")
        let k = try #require(lines.firstIndex { $0.hasPrefix("L-00002,") })
        lines[k] = lines[k].replacingOccurrences(of: "L-00002,2026-", with: "L-00002,2026-13-")
        try folder.write("leads.csv", Array(lines.joined(separator: "\n").utf8))
        let before = try folder.bytes("leads.csv")
        let result = folder.triage().perform(.logTouch, on: ["L-00002", "L-00001"], seen: [:], at: Self.at)
        #expect(result.refused.first?.hasPrefix("L-00002 is on a row that is left out when read (created_at: \"2026-13-") == true, "\(result.refused)")
        #expect(result.applied?.leads == ["L-00001"])
        let after = String(decoding: try folder.bytes("leads.csv"), as: UTF8.self).components(separatedBy: "\n")
        #expect(after[k] == lines[k], "the left-out row is as it was")
        #expect(try folder.bytes("leads.csv") != before)
    }

    /// A file caught while another program writes it (cut mid-row, or a quoted cell still open at
    /// the end) is not rewritten: the rest of that program's write would land after a cut row.
    @Test func aFileStillBeingWrittenIsNotRewritten() throws {
        for (what, cut) in [("mid-row", { (b: [UInt8]) in Array(b.dropLast(60)) }),
                            ("open quote", { (b: [UInt8]) in b + Array("L-09999,\"2026-11-26,x\n".utf8) }),
                            ("carriage returns", { (b: [UInt8]) in b.map { $0 == 10 ? 13 : $0 } })] {
            let folder = try ScratchSeeds()
            defer { folder.remove() }
            try folder.write("leads.csv", cut(try folder.bytes("leads.csv")))
            let before = try folder.bytes("leads.csv"), logged = try folder.activityCount()
            let result = folder.triage().perform(.accept, on: ["L-00001"], seen: [:], at: Self.at)
            #expect(result.applied == nil, "\(what)")
            #expect(result.error?.hasPrefix("leads.csv") == true && result.error?.hasSuffix("nothing was written") == true, "\(what): \(result.error ?? "")")
            #expect(try folder.bytes("leads.csv") == before, "\(what)")
            #expect(try folder.activityCount() == logged, "\(what)")
        }
    }

    @Test func undoLeavesALeadSomeoneChangedSince() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let triage = folder.triage()
        let applied = try #require(triage.perform(.accept, on: ["L-00001", "L-00002"], seen: [:], at: Self.at).applied)
        _ = folder.triage(user: "ben").perform(.assign("Ben Carter"), on: ["L-00002"], seen: [:], at: Self.at)
        let undone = triage.undo(applied, at: Self.at)
        #expect(undone.refused == ["L-00002: owner was changed to \"Ben Carter\" by someone else since; left as it is"])
        #expect(undone.applied?.leads == ["L-00001"])
        #expect(try folder.record("L-00001")?["stage"] == "lead")
        #expect(try folder.record("L-00002")?["stage"] == "sal")
        #expect(undone.summary == "Undone for 1 of 2 leads: Accepted 2 leads; 1 refused")
    }

    /// Undoing a touch after someone else qualified the lead on it would leave an SQL never
    /// touched: a lead whose stage moved since is left as it is, even by an action that did not
    /// change the stage.
    @Test func undoLeavesALeadSomeoneMovedOnSince() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let triage = folder.triage(user: "omar", rep: "Omar Haddad")
        let applied = try #require(triage.perform(.logTouch, on: ["L-01958"], seen: [:], at: Self.at).applied)
        #expect(folder.triage(user: "omar", rep: "Omar Haddad").perform(.qualify, on: ["L-01958"], seen: [:], at: Self.at).applied != nil)
        let before = try folder.bytes("leads.csv")
        let undone = triage.undo(applied, at: Self.at)
        #expect(undone.refused == ["L-01958: stage was changed to \"sql\" by someone else since; left as it is"])
        #expect(try folder.bytes("leads.csv") == before)
        #expect(try folder.record("L-01958")?["first_touch_at"] == Self.stamp)
    }

    /// Ben accepts a lead no one had; Chloe touches it; Ben's undo would leave a touched lead
    /// with no owner, in no one's inbox. A lead someone changed since in any cell is left as it is.
    @Test func undoLeavesALeadSomeoneTouchedSince() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let ben = folder.triage(user: "ben", rep: "Ben Carter")
        let applied = try #require(ben.perform(.accept, on: ["L-01997"], seen: [:], at: Self.at).applied)
        #expect(try folder.record("L-01997")?["owner"] == "Ben Carter")
        #expect(folder.triage(user: "chloe", rep: "Chloe Martin").perform(.logTouch, on: ["L-01997"], seen: [:], at: Self.at).applied != nil)
        let before = try folder.bytes("leads.csv")
        let undone = ben.undo(applied, at: Self.at)
        #expect(undone.refused == ["L-01997: first_touch_at was changed to \"\(Self.stamp)\" by someone else since; left as it is"])
        #expect(undone.applied == nil)
        #expect(try folder.bytes("leads.csv") == before)
    }

    /// Undo looks at where a lead is and whose, as values: a scoring tool's new score, or a
    /// time written another way, leaves it free. After a redo it compares with the row the redo
    /// left, not the first write's.
    @Test func undoIgnoresOtherCellsAndFollowsARedo() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let ben = folder.triage(user: "ben", rep: "Ben Carter")
        func setScore(_ value: String) throws {
            let bytes = try folder.bytes("leads.csv")
            try folder.write("leads.csv", try CSVCellEditor.apply([CellEdit(id: "L-01997", field: "score", newValue: value)], to: bytes, key: "lead_id"))
        }
        let applied = try #require(ben.perform(.accept, on: ["L-01997"], seen: [:], at: Self.at).applied)
        try setScore("70")
        let undone = ben.undo(applied, at: Self.at)
        #expect(undone.refused.isEmpty && undone.applied != nil, "\(undone)")
        try setScore("71")
        let back = try #require(undone.applied)
        let redone = try #require(ben.redo(back, at: Self.at).applied)
        #expect(try folder.record("L-01997")?["owner"] == "Ben Carter")
        let again = ben.undo(redone, at: Self.at)
        #expect(again.refused.isEmpty && again.applied != nil, "\(again)")
        #expect(try folder.record("L-01997")?["owner"] == "")
    }

    /// A script without --any-owner acts on its user's leads: with no reps listed, the owner is
    /// compared with the user as given; a file without owners has none to refuse for.
    @Test func withoutAnyOwnerAScriptActsOnItsOwnLeads() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        var omar = folder.triage(user: "Omar Haddad", rep: nil)
        omar.othersLeads = false
        try folder.write("reps.csv", Array("rep,team,manager,region,role,email,login\n".utf8))
        #expect(omar.perform(.logTouch, on: ["L-01958"], seen: [:], at: Self.at).applied != nil)
        var ben = folder.triage(user: "ben", rep: nil)
        ben.othersLeads = false
        let refused = ben.perform(.qualify, on: ["L-01958"], seen: [:], at: Self.at)
        #expect(refused.refused == ["L-01958 is Omar Haddad's lead, not yours; nothing was written"])
    }

    @Test func mappedExportIsWrittenInItsOwnColumnsAndWords() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let csv = "\u{FEFF}Id,Created Date,Company,Lead Source,Status,Lead Owner,Notes,SAL Date\r\n" +
            "00Q1,2026-11-01T09:00:00,\"Acme, Inc\",Web,Open - Not Contacted,,\"keep, this\",\r\n" +
            "00Q2,2026-11-02T09:00:00,Globex,Web,Open - Not Contacted,,,\r\n"
        try folder.write("Lead.csv", Array(csv.utf8))
        var settings = folder.settings
        settings.tables["leads"] = TableMapping(file: "Lead.csv",
                                                columns: ["lead_id": "Id", "stage": "Status", "owner": "Lead Owner", "sal_at": "SAL Date"],
                                                values: ["stage": ["Working - Contacted": "sal", "Open - Not Contacted": "lead"]])
        let triage = LeadTriage(folder: folder.url, settings: settings, user: "marcus", userRep: "Marcus Webb")
        let result = triage.perform(.accept, on: ["00Q1"], seen: ["00Q1": ["stage": "lead", "owner": ""]], at: Self.at)
        #expect(result.refused.isEmpty && result.error == nil)
        #expect(String(decoding: try folder.bytes("Lead.csv"), as: UTF8.self) == csv.replacingOccurrences(
            of: "Open - Not Contacted,,\"keep, this\",\r\n", with: "Working - Contacted,Marcus Webb,\"keep, this\",2026-11-26T10:30:00\r\n"))
        let lines = try folder.activity(after: 0).suffix(3)
        #expect(lines.map { $0[2] } == ["Lead.csv", "Lead.csv", "Lead.csv"])
    }
}
