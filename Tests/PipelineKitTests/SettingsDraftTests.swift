import Foundation
import Testing
@testable import PipelineKit

/// `pipetop init`'s draft on folders it used to misread: nothing to read, files named in another
/// case or number, two exports in one folder, and a settings file it replaces.
@Suite struct SettingsDraftTests {
    static let today = Date(timeIntervalSince1970: 1_795_737_600)  // 2026-11-26

    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-draft-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// A scratch folder with copies of real export files, each under the name given.
    static func copies(_ files: [(export: String, file: String, as: String)]) throws -> URL {
        let url = try scratch()
        for f in files {
            let data = try Data(contentsOf: RealExports.folder(f.export).appendingPathComponent(f.file))
            try data.write(to: url.appendingPathComponent(f.as))
        }
        return url
    }

    /// The draft saved in the folder and loaded from it, as `init` then `pipetop DIR` would.
    static func loadSaved(_ draft: SettingsDraft, in folder: URL) throws -> Snapshot {
        _ = try draft.save(to: folder.appendingPathComponent("pipetop.toml"))
        return SnapshotLoader(folder: folder).load()
    }

    // MARK: File names in any case and number, and files known by their columns

    @Test func fileNamesMatchInAnyCaseAndNumber() throws {
        let url = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: url) }
        for name in ["Leads.CSV", "OPPORTUNITY.csv", "Opportunity History.csv", "campaigns.csv"] {
            try "x\n".write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let export = ExportFolder(url: url)
        #expect(export.file(named: "Lead.csv") == "Leads.CSV")
        #expect(export.file(named: "Opportunity.csv") == "OPPORTUNITY.csv")
        #expect(export.file(named: "opportunities.csv") == "OPPORTUNITY.csv")
        #expect(export.file(named: "OpportunityHistory.csv") == "Opportunity History.csv")
        #expect(export.file(named: "Campaign.csv") == "campaigns.csv")
        #expect(export.file(named: "User.csv") == nil)
    }

    @Test func aHeaderIsReadWithoutTheRestOfTheFile() throws {
        let url = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: url) }
        let body = String(repeating: "1,\"two\nlines\",3\n", count: 10_000)
        try ("\u{FEFF}Id,\"Last \"\"Name\"\"\",Status\n" + body).write(to: url.appendingPathComponent("big.csv"), atomically: true, encoding: .utf8)
        try (String(repeating: "h", count: 70_000) + ",b\n1,2\n").write(to: url.appendingPathComponent("wide.csv"), atomically: true, encoding: .utf8)
        let export = ExportFolder(url: url)
        #expect(export.header("big.csv") == ["Id", "Last \"Name\"", "Status"])
        #expect(export.header("wide.csv") == [String(repeating: "h", count: 70_000), "b"])
        #expect(export.header("none.csv") == nil)
    }

    @Test(.enabled(if: RealExports.isPresent("salesforce-workshop"), RealExports.absent("salesforce-workshop")))
    func salesforceFilesInAnotherCaseAreFoundAndNamed() throws {
        let url = try Self.copies([("salesforce-workshop", "Lead.csv", "Leads.CSV"), ("salesforce-workshop", "Opportunity.csv", "OPPORTUNITY.csv")])
        defer { try? FileManager.default.removeItem(at: url) }
        let draft = SettingsDraft(folder: url, today: Self.today)
        #expect(draft.preset == "salesforce")
        #expect(draft.text.contains("file = \"Leads.CSV\"") && draft.text.contains("file = \"OPPORTUNITY.csv\""))
        #expect(draft.questions.count == 1 && draft.questions[0].contains("no User.csv"), "\(draft.questions)")
        let s = try Self.loadSaved(draft, in: url)
        #expect(s.leads.count == 60 && s.deals.count == 50)
    }

    @Test(.enabled(if: RealExports.isPresent("salesforce-workshop"), RealExports.absent("salesforce-workshop")))
    func aLoneSalesforceLeadFileIsKnownByItsColumns() throws {
        let named = try Self.copies([("salesforce-workshop", "Lead.csv", "Lead.csv")])
        defer { try? FileManager.default.removeItem(at: named) }
        let draft = SettingsDraft(folder: named, today: Self.today)
        #expect(draft.preset == "salesforce")
        #expect(draft.questions.contains { $0.contains("no Opportunity.csv") })

        let renamed = try Self.copies([("salesforce-workshop", "Lead.csv", "crm-export-2024.csv")])
        defer { try? FileManager.default.removeItem(at: renamed) }
        let other = SettingsDraft(folder: renamed, today: Self.today)
        #expect(other.preset == "salesforce")
        #expect(other.text.contains("# Guess: crm-export-2024.csv is Lead.csv (the leads), by its headers.\nfile = \"crm-export-2024.csv\""))
        #expect(other.unreadFiles.isEmpty)
        let answered = other.text.replacingOccurrences(of: #"file = "TODO[^\n]*"#, with: "file = false", options: .regularExpression)
        try answered.write(to: renamed.appendingPathComponent("pipetop.toml"), atomically: true, encoding: .utf8)
        let s = SnapshotLoader(folder: renamed).load()
        #expect(s.leads.count == 60, "\(s.diagnostics.map(\.description))")
    }

    /// A file of pipetop's own format beside an export is not taken for the export's file of that
    /// name in another number: it has not the export's columns.
    @Test(.enabled(if: RealExports.isPresent("salesforce-workshop"), RealExports.absent("salesforce-workshop")))
    func aFileNamedLikeAnExportsButOtherwiseIsNotTaken() throws {
        let url = try Self.copies([("salesforce-workshop", "Lead.csv", "Lead.csv"), ("salesforce-workshop", "Opportunity.csv", "Opportunity.csv")])
        defer { try? FileManager.default.removeItem(at: url) }
        try "campaign_id,name,channel,start\nC-1,Spring,email,2024-03-01\n".write(to: url.appendingPathComponent("campaigns.csv"), atomically: true, encoding: .utf8)
        let draft = SettingsDraft(folder: url, today: Self.today)
        #expect(draft.preset == "salesforce")
        #expect(!draft.text.contains("file = \"campaigns.csv\""))
        #expect(draft.unreadFiles == ["campaigns.csv"])
    }

    @Test(.enabled(if: RealExports.isPresent("maven-crm"), RealExports.absent("maven-crm")))
    func mavenFilesInAnotherCaseLoad() throws {
        let url = try Self.copies([("maven-crm", "sales_pipeline.csv", "Sales_Pipeline.CSV"), ("maven-crm", "sales_teams.csv", "SALES_TEAMS.csv"),
                                   ("maven-crm", "products.csv", "Products.csv")])
        defer { try? FileManager.default.removeItem(at: url) }
        let draft = SettingsDraft(folder: url, today: Self.today)
        #expect(draft.preset == "maven-crm" && draft.questions.isEmpty, "\(draft.questions)")
        let s = try Self.loadSaved(draft, in: url)
        #expect(RealExports.errors(s).isEmpty, "\(RealExports.errors(s))")
        #expect(s.deals.count == 8_800 && s.reps.count == 35)
    }

    @Test func aGuessedTableNamedInAnotherNumberIsNamed() throws {
        let url = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: url) }
        try "deal_id,owner,stage,amount,created_at,close_date\nD-1,Ana,won,100,2026-01-02,2026-02-03\n"
            .write(to: url.appendingPathComponent("Deal.csv"), atomically: true, encoding: .utf8)
        try "rep,team\nAna,East\n".write(to: url.appendingPathComponent("REPS.CSV"), atomically: true, encoding: .utf8)
        let draft = SettingsDraft(folder: url, today: Self.today)
        #expect(draft.text.contains("file = \"Deal.csv\"") && draft.text.contains("file = \"REPS.CSV\""))
        let answered = draft.text.replacingOccurrences(of: #"file = "TODO[^\n]*"#, with: "file = false", options: .regularExpression)
        try answered.write(to: url.appendingPathComponent("pipetop.toml"), atomically: true, encoding: .utf8)
        let s = SnapshotLoader(folder: url).load()
        #expect(s.deals.count == 1 && s.reps.count == 1, "\(s.diagnostics.map(\.description))")
    }

    // MARK: Two exports in one folder

    @Test(.enabled(if: RealExports.isPresent("maven-crm") && RealExports.isPresent("salesforce-devorg"), RealExports.absent("maven-crm")))
    func mixedExportsAreSaid() throws {
        let maven = ["accounts.csv", "data_dictionary.csv", "products.csv", "sales_pipeline.csv", "sales_teams.csv"]
        let devorg = ["Account.csv", "Contact.csv", "Lead.csv", "Opportunity.csv", "OpportunityHistory.csv", "OpportunityHistoryGroup.csv"]
        let url = try Self.copies(maven.map { ("maven-crm", $0, $0) } + devorg.map { ("salesforce-devorg", $0, $0) })
        defer { try? FileManager.default.removeItem(at: url) }
        let draft = SettingsDraft(folder: url, today: Self.today)
        #expect(draft.preset == "salesforce")
        #expect(draft.otherExports == [.init(preset: "maven-crm", files: ["sales_pipeline.csv", "sales_teams.csv", "products.csv"],
                                             readAnyway: ["products.csv": "products"])])
        #expect(draft.unreadFiles == ["Account.csv", "Contact.csv", "OpportunityHistoryGroup.csv", "accounts.csv", "data_dictionary.csv",
                                      "sales_pipeline.csv", "sales_teams.csv"])
        #expect(draft.text.contains("# The folder holds a maven-crm export too: sales_pipeline.csv, sales_teams.csv, products.csv. Only the salesforce files are read, and products.csv as the products."))
        #expect(draft.text.contains("# CSV files not read: Account.csv, Contact.csv, OpportunityHistoryGroup.csv, accounts.csv, data_dictionary.csv, sales_pipeline.csv, sales_teams.csv."))
        // The notes are comments: the draft still parses, and its questions are the same.
        #expect(draft.questions.count == 3)
    }

    @Test(.enabled(if: RealExports.isPresent("maven-crm"), RealExports.absent("maven-crm")))
    func oneExportAloneHasNoOtherExport() {
        let draft = SettingsDraft(folder: RealExports.folder("maven-crm"), today: Self.today)
        #expect(draft.otherExports.isEmpty)
        #expect(draft.unreadFiles == ["accounts.csv", "data_dictionary.csv"])
    }

    // MARK: Nothing to read

    @Test func aFolderWithoutCSVFilesHasNothingToRead() throws {
        let empty = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: empty) }
        #expect(SettingsDraft(folder: empty, today: Self.today).nothingToRead == .noCSVFiles(otherFiles: []))

        let readme = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: readme) }
        try "exported on Monday\n".write(to: readme.appendingPathComponent("readme.txt"), atomically: true, encoding: .utf8)
        let draft = SettingsDraft(folder: readme, today: Self.today)
        #expect(draft.nothingToRead == .noCSVFiles(otherFiles: ["readme.txt"]))
        let message = try #require(draft.nothingToRead?.message(folder: "exports"))
        #expect(message.hasPrefix("no CSV files in exports") && message.contains("readme.txt"))
    }

    @Test func unrelatedCSVFilesAreNamedWithTheirHeaders() throws {
        let url = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: url) }
        try "a,b\n1,2\n".write(to: url.appendingPathComponent("stuff.csv"), atomically: true, encoding: .utf8)
        try "city,population\nLyon,500000\n".write(to: url.appendingPathComponent("cities.csv"), atomically: true, encoding: .utf8)
        let draft = SettingsDraft(folder: url, today: Self.today)
        #expect(draft.nothingToRead == .noTable(headers: ["stuff.csv": ["a", "b"], "cities.csv": ["city", "population"]]))
        let message = try #require(draft.nothingToRead?.message(folder: "exports"))
        #expect(message.hasPrefix("none of cities.csv, stuff.csv looks like leads, deals, campaigns, reps or quotas"))
        #expect(message.contains("cities.csv: city,population") && message.contains("stuff.csv: a,b"))
    }

    @Test func oneFileThatIsATableIsEnough() throws {
        let url = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: url) }
        try "a,b\n1,2\n".write(to: url.appendingPathComponent("stuff.csv"), atomically: true, encoding: .utf8)
        try "Sales Rep,Team Name\nAna Ruiz,East\n".write(to: url.appendingPathComponent("team.csv"), atomically: true, encoding: .utf8)
        let draft = SettingsDraft(folder: url, today: Self.today)
        #expect(draft.nothingToRead == nil)
        #expect(draft.unreadFiles == ["stuff.csv"])
        #expect(draft.text.contains("# CSV files not read: stuff.csv."))
    }

    // MARK: Replacing a settings file

    @Test func replacingSettingsKeepsTheOldFile() throws {
        let url = try ExportMappingTests.folder(ExportMappingTests.unknownCRM)
        defer { try? FileManager.default.removeItem(at: url) }
        let file = url.appendingPathComponent("pipetop.toml")
        let draft = SettingsDraft(folder: url, today: Self.today)
        #expect(try draft.save(to: file) == .nothing)
        #expect(try String(contentsOf: file, encoding: .utf8) == draft.text)
        #expect(!FileManager.default.fileExists(atPath: file.path + ".bak"))

        let edited = draft.text + "\n[sla]\nstale_days = 9\n"
        try edited.write(to: file, atomically: true, encoding: .utf8)
        #expect(try draft.save(to: file) == .keptAs("pipetop.toml.bak"))
        #expect(try String(contentsOf: file, encoding: .utf8) == draft.text)
        #expect(try String(contentsOf: url.appendingPathComponent("pipetop.toml.bak"), encoding: .utf8) == edited)

        // The same draft again leaves both as they are: the edited settings stay in the .bak.
        #expect(try draft.save(to: file) == .sameDraft)
        #expect(try String(contentsOf: url.appendingPathComponent("pipetop.toml.bak"), encoding: .utf8) == edited)
    }

    /// A second --force with another draft put that draft over the .bak the first one had kept:
    /// the hand edits were gone. Each other text is kept under a name of its own.
    @Test func aSecondReplaceKeepsTheFirstBackup() throws {
        let url = try ExportMappingTests.folder(ExportMappingTests.unknownCRM)
        defer { try? FileManager.default.removeItem(at: url) }
        let file = url.appendingPathComponent("pipetop.toml")
        let edited = "# MY HAND EDITS\n[sla]\nstale_days = 9\n"
        try edited.write(to: file, atomically: true, encoding: .utf8)
        let draft = SettingsDraft(folder: url, today: Self.today)
        #expect(try draft.save(to: file) == .keptAs("pipetop.toml.bak"))
        // Another draft (a file added since), then the first draft again over it.
        try "x,y\n1,2\n".write(to: url.appendingPathComponent("extra.csv"), atomically: true, encoding: .utf8)
        let second = SettingsDraft(folder: url, today: Self.today)
        let third = draft.text == second.text ? draft.text + "\n# changed\n" : second.text
        try third.write(to: file, atomically: true, encoding: .utf8)
        #expect(try draft.save(to: file) == .keptAs("pipetop.toml.bak.2"))
        #expect(try String(contentsOf: url.appendingPathComponent("pipetop.toml.bak"), encoding: .utf8) == edited)
        #expect(try String(contentsOf: url.appendingPathComponent("pipetop.toml.bak.2"), encoding: .utf8) == third)
    }

    @Test func aFileThatCannotBeKeptIsNotReplaced() throws {
        let url = try ExportMappingTests.folder(ExportMappingTests.unknownCRM)
        defer { try? FileManager.default.removeItem(at: url) }
        let file = url.appendingPathComponent("pipetop.toml")
        try "[sla]\nstale_days = 9\n".write(to: file, atomically: true, encoding: .utf8)
        // A folder where the backup would go: it cannot be replaced by a file.
        try FileManager.default.createDirectory(at: url.appendingPathComponent("pipetop.toml.bak"), withIntermediateDirectories: false)
        let draft = SettingsDraft(folder: url, today: Self.today)
        #expect(throws: (any Error).self) { try draft.save(to: file) }
        #expect(try String(contentsOf: file, encoding: .utf8) == "[sla]\nstale_days = 9\n")
    }

    // MARK: The example in docs/importing.md

    @Test func theDocsShowWhatInitWritesForACRMWithoutAPreset() throws {
        let doc = try String(contentsOf: RealExports.packageRoot.appendingPathComponent("docs/importing.md"), encoding: .utf8)
        let section = try #require(doc.range(of: "## A CRM without a preset")).upperBound
        let rest = doc[section...]
        let start = try #require(rest.range(of: "```toml\n")).upperBound
        let end = try #require(rest[start...].range(of: "```")).lowerBound
        let shown = rest[start..<end].split(separator: "\n").map(String.init)

        let url = try ExportMappingTests.folder(ExportMappingTests.unknownCRM)
        defer { try? FileManager.default.removeItem(at: url) }
        let draft = SettingsDraft(folder: url, today: Self.today)
        let written = draft.text.split(separator: "\n").map(String.init).drop { $0 != "[data]" }
        #expect(shown == Array(written))
    }
}
