import Foundation
import Testing
@testable import PipelineKit
#if canImport(Glibc)
import Glibc
#endif

/// The public exports in ../shared/realdata (beside the package), opened as a user would: with
/// their preset and the settings written for them in examples/. Skipped, saying so, when absent.
enum RealExports {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let root = packageRoot.appendingPathComponent("../shared/realdata").standardizedFileURL

    static func folder(_ name: String) -> URL { root.appendingPathComponent(name) }
    static func isPresent(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: folder(name).path)
    }
    static func absent(_ name: String) -> Comment {
        "\(folder(name).path) is absent: the real exports are not on this machine, so this test does not run"
    }

    static func settings(_ name: String) -> URL {
        packageRoot.appendingPathComponent("examples/\(name)/pipetop.toml")
    }

    /// The folder loaded with the example settings.
    static func load(_ name: String) -> Snapshot {
        var loader = SnapshotLoader(folder: folder(name))
        loader.settingsFile = settings(name)
        return loader.load()
    }

    static func errors(_ s: Snapshot) -> [String] {
        s.diagnostics.filter { $0.severity == .error }.map(\.description)
    }
}

@Suite struct RealExportTests {
    @Test(.enabled(if: RealExports.isPresent("maven-crm"), RealExports.absent("maven-crm")))
    func mavenOpensWithItsPresetAndTheExpectedFigures() throws {
        let s = RealExports.load("maven-crm")
        #expect(RealExports.errors(s).isEmpty, "\(RealExports.errors(s))")
        #expect(s.settings.preset == "maven-crm")
        #expect(s.deals.count == 8_800)
        let won = s.deals.isWon.filter { $0 }.count, lost = s.deals.isLost.filter { $0 }.count
        #expect(won == 4_238 && lost == 2_473)
        let winRate = Double(won) / Double(won + lost)
        #expect(abs(winRate - 0.63) < 0.005)
        #expect(Set(s.deals.owner.filter { $0 >= 0 }).count == 30)
        #expect(s.reps.count == 35)
        #expect(Set(s.reps.compactMap(\.manager)).count == 6)
        #expect(Set(s.reps.compactMap(\.region)).count == 3)
        // Open deals have no amount yet, prospecting ones no dates: they are kept, not dropped.
        #expect(s.deals.amount.filter(\.isNaN).count == 2_089)
        #expect(s.asOf > 0 && s.quotas.count == 12)

        let quirk = try #require(s.diagnostics.first { $0.message.contains("GTXPro") })
        #expect(quirk.severity == .warning)
        #expect(quirk.file == "sales_pipeline.csv" && quirk.line == 3)
        #expect(quirk.message.contains("1480 deals") && quirk.message.contains("products.csv"))
        #expect(s.diagnostics.filter { $0.severity == .warning }.count == 1)
    }

    @Test(.enabled(if: RealExports.isPresent("maven-crm"), RealExports.absent("maven-crm")))
    func aValueMapAnswersTheProductQuirk() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-maven-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let settings = dir.appendingPathComponent("pipetop.toml")
        try """
        [data]
        preset = "maven-crm"
        as_of = 2017-12-31
        [tables.deals.values.product]
        GTXPro = "GTX Pro"
        [tables.leads]
        file = false
        """.write(to: settings, atomically: true, encoding: .utf8)
        var loader = SnapshotLoader(folder: RealExports.folder("maven-crm"))
        loader.settingsFile = settings
        let s = loader.load()
        #expect(!s.diagnostics.contains { $0.message.contains("GTXPro") })
        #expect(s.deals.product.values.contains("GTX Pro") && !s.deals.product.values.contains("GTXPro"))
        // No quotas file was given: that is the one thing said to be missing.
        #expect(s.diagnostics.map(\.message) == ["no quotas.csv: the quotas pane has nothing to show"])
    }

    @Test(.enabled(if: RealExports.isPresent("salesforce-workshop"), RealExports.absent("salesforce-workshop")))
    func salesforceObjectExportOpens() {
        let s = RealExports.load("salesforce-workshop")
        // The quirks: the org was loaded on 2024-01-22, after many of its deals had closed, and
        // its open deals carry a probability of 0, which weighted pipeline takes as written.
        #expect(s.diagnostics.map(\.description) == [
            "Opportunity.csv:3:107: warning: close_date: 19 deals close before they were created (the first at this line); their sales cycles count as 0 days (check the close_date and created_at columns the settings map)",
            "Opportunity.csv:5:130: warning: probability: 26 open deals have a probability of 0 (the first at this line); weighted pipeline takes 0% of the amount; an empty cell takes the stage's default",
        ])
        #expect(s.settings.dateFormat == .iso)
        #expect(s.deals.count == 50 && s.leads.count == 60 && s.campaigns.count == 8)
        #expect(s.deals.isWon.filter { $0 }.count == 12 && s.deals.isLost.filter { $0 }.count == 3)
        // Owners are user Ids in the export; the reps file's Id column names them.
        #expect(Set(s.deals.ownerName.values) == ["Workshop User"])
        #expect(s.deals.owner.allSatisfy { $0 == 0 } && s.leads.owner.allSatisfy { $0 == 0 })
        #expect(s.settings.dealStages.open.count == 8)
        #expect(s.campaigns.contains { $0.channelName == "content" })
        // Lead.csv has no campaign column: CampaignMember.csv credits each lead to its first campaign.
        #expect(s.leads.campaign.filter { $0 >= 0 }.count == 31)
        #expect(Set(s.leads.campaign.filter { $0 >= 0 }).count == 8)
        // The object export has no stage history and no first touches: said, not zero.
        #expect(s.history.count == 0 && !s.leads.hasFirstTouch)
    }

    @Test(.enabled(if: RealExports.isPresent("salesforce-devorg"), RealExports.absent("salesforce-devorg")))
    func salesforceReportExportOpensWithItsStageHistory() throws {
        let s = RealExports.load("salesforce-devorg")
        #expect(RealExports.errors(s).isEmpty, "\(RealExports.errors(s))")
        #expect(s.settings.dateFormat.order == .mdy)
        #expect(s.deals.count == 36 && s.leads.count == 22)
        #expect(s.history.count == 48)
        #expect(Set(s.deals.ownerName.values) == ["Dev Org User"])
        // "02/23/26 08:55 PM" is read month first, in the afternoon.
        let first = try #require(s.history.at.first)
        #expect(first == Int64(daysFromCivil(year: 2026, month: 2, day: 23)) * 86_400 + 20 * 3600 + 55 * 60)
        let quirks = s.diagnostics.filter { $0.severity == .warning }
        #expect(quirks.contains { $0.file == "Opportunity.csv" && $0.line == 2 && $0.message.contains("32 deals close before") })
        #expect(quirks.contains { $0.file == "Campaign.csv" })
    }
}

@Suite struct InitDraftTests {
    static let today = Date(timeIntervalSince1970: 1_795_737_600)  // 2026-11-26

    /// The draft written to a scratch folder and loaded over the export, as `init --print` then `--settings` would.
    static func loadDraft(_ draft: SettingsDraft, over folder: URL) throws -> Snapshot {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-init-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let file = dir.appendingPathComponent("pipetop.toml")
        try draft.text.write(to: file, atomically: true, encoding: .utf8)
        var loader = SnapshotLoader(folder: folder)
        loader.settingsFile = file
        return loader.load()
    }

    /// The settings file's errors are the draft's questions, one each, at the TODO's line.
    static func expectTodosReported(_ draft: SettingsDraft, _ s: Snapshot, sourceLocation: SourceLocation = #_sourceLocation) {
        let fromSettings = s.diagnostics.filter { $0.file.hasSuffix("pipetop.toml") }
        #expect(fromSettings.count == draft.questions.count, "\(fromSettings.map(\.description))", sourceLocation: sourceLocation)
        let lines = draft.text.split(separator: "\n", omittingEmptySubsequences: false)
        for d in fromSettings {
            #expect(d.severity == .error && d.message.hasPrefix("not answered yet: TODO"), sourceLocation: sourceLocation)
            #expect(d.line > 0 && lines[d.line - 1].contains("TODO"), "\(d)", sourceLocation: sourceLocation)
        }
    }

    @Test(.enabled(if: RealExports.isPresent("maven-crm"), RealExports.absent("maven-crm")))
    func mavenDraftLoadsWithoutQuestions() throws {
        let draft = SettingsDraft(folder: RealExports.folder("maven-crm"), today: Self.today)
        #expect(draft.preset == "maven-crm")
        #expect(draft.questions.isEmpty)
        #expect(draft.text.contains("as_of = 2017-12-31"))
        let s = try Self.loadDraft(draft, over: RealExports.folder("maven-crm"))
        #expect(RealExports.errors(s).isEmpty)
        #expect(s.deals.count == 8_800)
    }

    @Test(.enabled(if: RealExports.isPresent("salesforce-workshop"), RealExports.absent("salesforce-workshop")))
    func workshopDraftAsksForTheRepsAndAChannel() throws {
        let draft = SettingsDraft(folder: RealExports.folder("salesforce-workshop"), today: Self.today)
        #expect(draft.preset == "salesforce")
        // It names the files this export has: no OpportunityHistory.csv or User.csv here.
        #expect(draft.text.contains("as salesforce: Campaign.csv, Lead.csv, Opportunity.csv, CampaignMember.csv."))
        #expect(draft.questions.count == 2)
        #expect(draft.questions.contains { $0.contains("web marketing") })
        #expect(draft.questions.contains { $0.contains("no User.csv") })
        let s = try Self.loadDraft(draft, over: RealExports.folder("salesforce-workshop"))
        Self.expectTodosReported(draft, s)
        #expect(s.deals.count == 50 && s.leads.count == 60)
    }

    @Test(.enabled(if: RealExports.isPresent("salesforce-devorg"), RealExports.absent("salesforce-devorg")))
    func devorgDraftSettlesTheDatesAndAsksForTheMissingColumns() throws {
        let draft = SettingsDraft(folder: RealExports.folder("salesforce-devorg"), today: Self.today)
        #expect(draft.text.contains("date_format = \"MM/DD/YY\""))
        #expect(draft.text.contains("as_of = 2026-03-31"))
        #expect(draft.questions.count == 3)
        #expect(draft.questions.contains { $0.hasPrefix("Lead.csv") && $0.contains("created_at") })
        #expect(draft.questions.contains { $0.hasPrefix("Opportunity.csv") && $0.contains("owner") })
        let s = try Self.loadDraft(draft, over: RealExports.folder("salesforce-devorg"))
        Self.expectTodosReported(draft, s)
        #expect(s.history.count == 0 || s.deals.count == 0)  // deals cannot load until the owner is answered
        #expect(s.diagnostics.contains { $0.file == "Opportunity.csv" && $0.message.contains("missing required column") })
    }
}

/// Triage on a copy of the Salesforce export, whose owners are user Ids.
@Suite struct RealExportTriageTests {
    /// The screen shows the owner's name where the file holds the Id: accepting a lead seen that
    /// way was refused as "changed by someone else", and a taken lead got the name in OwnerId.
    @Test(.enabled(if: RealExports.isPresent("salesforce-workshop"), RealExports.absent("salesforce-workshop")))
    func ownersStayUserIds() throws {
        let copy = try Self.writableCopy("salesforce-workshop")
        defer { try? FileManager.default.removeItem(at: copy.root) }
        let export = copy.export, settings = copy.settings
        let triage = LeadTriage(folder: export, settings: settings, user: "Workshop User", userRep: "Workshop User")
        let result = triage.perform(.qualify, on: ["00QEc00000BBaeZMAT"], seen: ["00QEc00000BBaeZMAT": ["owner": "Workshop User"]], at: 1_706_659_200)
        #expect(result.refused.isEmpty && result.error == nil, "\(result)")
        let (header, rows) = CSVCellEditor.records(Array(try Data(contentsOf: export.appendingPathComponent("Lead.csv"))))
        let row = try #require(rows.first { $0.first == "00QEc00000BBaeZMAT" })
        #expect(row[try #require(header.firstIndex(of: "OwnerId"))] == "005Ec000004oBPNIA2")
        #expect(row[try #require(header.firstIndex(of: "Status"))] == "Qualified")
    }

    /// A writable copy of a real export and of its example settings, with read_only turned off.
    static func writableCopy(_ name: String) throws -> (root: URL, export: URL, settings: Settings) {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-sf-\(UUID().uuidString)")
        let export = root.appendingPathComponent("export"), mine = root.appendingPathComponent("mine")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: RealExports.folder(name), to: export)
        try FileManager.default.copyItem(at: RealExports.packageRoot.appendingPathComponent("examples/\(name)"), to: mine)
        for file in try FileManager.default.contentsOfDirectory(atPath: export.path) { _ = chmod(export.appendingPathComponent(file).path, 0o644) }
        _ = chmod(export.path, 0o755)
        let settingsFile = mine.appendingPathComponent("pipetop.toml")
        try String(contentsOf: settingsFile, encoding: .utf8).replacingOccurrences(of: "read_only = true", with: "read_only = false")
            .write(to: settingsFile, atomically: true, encoding: .utf8)
        return (root, export, SettingsLoader.load(folder: export, settingsFile: settingsFile, preset: nil).0)
    }

    /// The rows of a file of the export, by their first cell.
    static func rows(_ file: URL) throws -> [String: [String: String]] {
        let (header, rows) = CSVCellEditor.records(Array(try Data(contentsOf: file)))
        return Dictionary(rows.map { row in (row[0], Dictionary(zip(header, row), uniquingKeysWith: { first, _ in first })) },
                          uniquingKeysWith: { first, _ in first })
    }

    /// A convert in a Lead file holding no converted lead wrote pipetop's "opportunity" as its
    /// Status, and the new Opportunity got the company's name as its AccountId.
    @Test(.enabled(if: RealExports.isPresent("salesforce-workshop"), RealExports.absent("salesforce-workshop")))
    func aConvertWritesSalesforcesOwnWords() throws {
        let copy = try Self.writableCopy("salesforce-workshop")
        defer { try? FileManager.default.removeItem(at: copy.root) }
        let triage = LeadTriage(folder: copy.export, settings: copy.settings, user: "Workshop User", userRep: "Workshop User")
        let result = triage.perform(.convert(amount: 25_000, closeDate: "2024-03-31"), on: ["00QEc00000BBaekMAD"], seen: [:], at: 1_706_659_200)
        #expect(result.refused.isEmpty && result.error == nil, "\(result)")
        let lead = try #require(try Self.rows(copy.export.appendingPathComponent("Lead.csv"))["00QEc00000BBaekMAD"])
        #expect(lead["Status"] == "Closed - Converted")
        let dealId = try #require(lead["ConvertedOpportunityId"])
        let deal = try #require(try Self.rows(copy.export.appendingPathComponent("Opportunity.csv"))[dealId])
        #expect(deal["AccountId"] == "" && deal["StageName"] == "Prospecting", "\(deal)")
        #expect(deal["Name"]?.hasSuffix(" - New business") == true)
    }

    /// A new deal in a file of Salesforce ids got the lowest id with its last letter counted on
    /// (006bm00000LKJNNAA6): it looks like a real record's id, and is not one. It is pipetop's own.
    @Test(.enabled(if: RealExports.isPresent("salesforce-devorg"), RealExports.absent("salesforce-devorg")))
    func aNewDealInAFileOfCRMIdsGetsAnIdOfItsOwn() throws {
        let copy = try Self.writableCopy("salesforce-devorg")
        defer { try? FileManager.default.removeItem(at: copy.root) }
        let leads = try Self.rows(copy.export.appendingPathComponent("Lead.csv"))
        let open = try #require(leads.values.first { ($0["ConvertedOpportunityId"] ?? "").isEmpty && $0["Status"] == "Working - Contacted" })
        let id = try #require(open["Id"])
        let triage = LeadTriage(folder: copy.export, settings: copy.settings, user: "Admin User", userRep: nil)
        let result = triage.perform(.convert(amount: 25_000, closeDate: "2026-04-30", owner: nil), on: [id], seen: [:], at: copy.settings.asOf ?? 1_774_900_000)
        #expect(result.refused.isEmpty && result.error == nil, "\(result)")
        let dealId = try Self.rows(copy.export.appendingPathComponent("Lead.csv"))[id]?["ConvertedOpportunityId"]
        #expect(dealId == "D-0001")
    }
}

@Suite struct RecordNumberingTests {
    @Test func idsFollowTheFilesOwnPattern() {
        #expect(RecordNumbering.next(after: ["D-0321", "D-0007", "X-9"], prefix: "D-") == "D-0322")
        #expect(RecordNumbering.next(after: ["OPP-17"], prefix: "D-") == "OPP-18")
        #expect(RecordNumbering.next(after: [], prefix: "D-") == "D-0001")
        // CRM ids share no prefix: counting on one would make up a real-looking id.
        #expect(RecordNumbering.next(after: ["006bm00000LKJNNAA5", "006bm00000LKJNOAA5", "006bm00000LKJNPAA5"], prefix: "D-") == "D-0001")
        #expect(RecordNumbering.next(after: ["006Ec00000AieKFIAZ", "D-0001"], prefix: "D-") == "D-0002")
        // 15-character Salesforce ids made in a row share a prefix: a CRM's file is not followed.
        #expect(RecordNumbering.next(after: ["006Ec00000AieL0", "006Ec00000AieL1", "006Ec00000AieL2"], prefix: "D-", followingTheFile: false) == "D-0001")
    }
}

@Suite struct CRMStageWordsTests {
    /// A status the file has no lead at yet comes from the list the file's own statuses are of.
    @Test func salesforceStatusesComeFromTheFilesOwnList() {
        #expect(CRMStageWords.spelling(of: "disqualified", preset: "salesforce", seen: ["Working - Contacted"]) == "Closed - Not Converted")
        #expect(CRMStageWords.spelling(of: "disqualified", preset: "Salesforce", seen: ["Working", "New"]) == "Unqualified")
        #expect(CRMStageWords.spelling(of: "opportunity", preset: "salesforce", seen: []) == "Closed - Converted")
        #expect(CRMStageWords.spelling(of: "sql", preset: "salesforce", seen: ["Open - Not Contacted"]) == "Qualified")
        #expect(CRMStageWords.spelling(of: "mql", preset: "salesforce", seen: []) == nil)
        #expect(CRMStageWords.spelling(of: "sql", preset: "hubspot", seen: []) == "Sales Qualified Lead")
        #expect(CRMStageWords.spelling(of: "sql", preset: nil, seen: ["Working"]) == nil)
    }

    /// Every spelling reads back as the stage it is written for.
    @Test func everySpellingReadsBackAsItsStage() {
        for list in [CRMStageWords.salesforceClassic, CRMStageWords.salesforceCurrent, CRMStageWords.hubspot] {
            for (word, spelt) in list {
                #expect(LeadStage.vocabulary.word(for: spelt) == word, "\(spelt)")
            }
        }
    }

    @Test func aColumnOfIdsIsToldByItsHeader() {
        let columns = { (name: String) in
            FileColumns(header: ["Id", name], schema: Schemas.deals, mapping: TableMapping(columns: ["deal_id": "Id", "account": name]))
        }
        for name in ["AccountId", "Account ID", "account_id", "AccountID"] { #expect(columns(name).holdsIDs("account"), "\(name)") }
        for name in ["Account", "Account Name", "Paid", "Valid"] { #expect(!columns(name).holdsIDs("account"), "\(name)") }
    }
}
