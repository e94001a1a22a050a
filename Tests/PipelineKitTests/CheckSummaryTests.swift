import Foundation
import Testing
@testable import PipelineKit

/// What `pipetop check` says about references to rows left out, and when it read nothing.
@Suite struct CheckSummaryTests {
    /// Settings for another export: the summary said "(rows read: )".
    @Test func aFolderWithNoneOfItsFilesSaysNothingWasRead() throws {
        let folder = try DataFolder(overriding: ["pipetop.toml": "[data]\npreset = \"maven-crm\"\n", "quotas.csv": nil])
        defer { folder.remove() }
        let summary = try #require(DataCheck(folder.load()).lines(folderLabel: "x").last)
        #expect(!summary.contains("()") && !summary.contains("rows read: )"), "\(summary)")
        #expect(summary.hasSuffix("in x (no file read: none of the files pipetop looked for is in the folder; do the settings or the preset fit this export?)"), "\(summary)")
    }

    @Test func aFolderWhoseFilesCannotBeReadSaysNothingWasRead() throws {
        let broken = ["campaigns.csv", "leads.csv", "deals.csv", "reps.csv", "quotas.csv"].map { ($0, Optional("x\n")) }
        let folder = try DataFolder(overriding: Dictionary(uniqueKeysWithValues: broken))
        defer { folder.remove() }
        let summary = try #require(DataCheck(folder.load()).lines(folderLabel: "x").last)
        #expect(summary.hasSuffix("in x (no file read)"), "\(summary)")
    }

    /// Leads whose campaign's row was left out: one warning per campaign with the count, not a
    /// line per lead.
    @Test func leadsOfALeftOutCampaignAreOneWarning() throws {
        let campaigns = DataFolder.files["campaigns.csv"]!.replacingOccurrences(of: ",events,", with: ",Eventz,")
        var leads = DataFolder.files["leads.csv"]!
        for k in 4...8 {
            leads += "L\(k),2026-11-1\(k)T09:00:00,P\(k),Co,p\(k)@co.test,campaign,C1,mql,Ana Ruiz,50,,2026-11-1\(k)T09:00:00,,,,,,\n"
        }
        let folder = try DataFolder(overriding: ["campaigns.csv": campaigns, "leads.csv": leads])
        defer { folder.remove() }
        let about = folder.load().diagnostics.filter { $0.message.contains("\"C1\"") && $0.file == "leads.csv" }
        #expect(about.count == 1, "\(about.map(\.description))")
        let d = try #require(about.first)
        #expect(d.severity == .warning && d.line == 2 && d.column == 66, "\(d.description)")
        #expect(d.message == "campaign_id: 6 leads with the unknown campaign (its row in campaigns.csv is left out: see the error there) \"C1\" (the first at this line); they are kept, counted under no campaign")
    }

    /// A lead's campaign from a members file (a Salesforce export's leads have no campaign
    /// column): messages name the member row's cell, and the campaigns file by its name.
    @Test func aCampaignFromTheMembersFileIsReportedThere() throws {
        let leadHeader = "lead_id,created_at,name,company,email,source,stage,owner\n"
        var leads = leadHeader
        for k in 1...4 { leads += "L\(k),2026-11-0\(k)T09:00:00,P\(k),Co,p\(k)@co.test,campaign,mql,Ana Ruiz\n" }
        let members = "lead_id,campaign_id,added_at\nL1,C9,2026-11-01T10:00:00\nL2,C1,2026-11-02T10:00:00\nL3,C1,2026-11-03T10:00:00\nL4,C1,2026-11-04T10:00:00\n"
        let settings = """
        [data]
        as_of = "2026-11-26T10:30:00"
        time_zone = "UTC"
        [tables.campaigns]
        file = "Campaign.csv"
        """
        let campaigns = DataFolder.files["campaigns.csv"]!.replacingOccurrences(of: ",events,", with: ",Eventz,")
        let folder = try DataFolder(overriding: ["pipetop.toml": settings, "campaigns.csv": nil, "Campaign.csv": campaigns, "leads.csv": leads,
                                                 "campaign_members.csv": members, "deals.csv": "deal_id,owner,stage,amount,created_at,close_date\n"])
        defer { folder.remove() }
        let d = folder.load().diagnostics.filter { $0.message.hasPrefix("campaign_id") }
        #expect(d.map(\.description) == [
            "campaign_members.csv:2:4: error: campaign_id: unknown campaign (not in Campaign.csv) \"C9\"; the lead is kept, counted under no campaign (did you mean \"C2\"?)",
            "campaign_members.csv:3:4: warning: campaign_id: 3 leads with the unknown campaign (its row in Campaign.csv is left out: see the error there) \"C1\" (the first at this line); they are kept, counted under no campaign",
        ])
    }

    /// Two valid amounts of 1.7e308 add up to infinity: check said "no problems" while the rep's
    /// won amount read as unknown.
    @Test func amountsThatAddUpPastADoubleAreAWarning() throws {
        let deals = DataFolder.files["deals.csv"]!.replacingOccurrences(of: ",won,12000,", with: ",won,1.7e308,")
            .replacingOccurrences(of: ",proposal,8000,", with: ",proposal,1.7e308,")
        let folder = try DataFolder(overriding: ["deals.csv": deals])
        defer { folder.remove() }
        let s = folder.load()
        #expect(s.diagnostics.isEmpty, "\(s.diagnostics)")
        let d = TotalOverflow.diagnostics(s)
        #expect(d.map(\.description) == [
            "deals.csv:3:42: warning: amount: the deal amounts add up past the largest number pipetop can hold (about 1.8e308) by this row; totals that take it in are shown as overflow (check the amount column for a value written too large)",
        ])
        #expect(DataCheck(s, more: d).lines(folderLabel: "x").last?.hasPrefix("0 errors, 1 warning in x") == true)
        // One such amount alone adds up to no more than it is.
        let one = try DataFolder(overriding: ["deals.csv": DataFolder.files["deals.csv"]!.replacingOccurrences(of: ",won,12000,", with: ",won,1.7e308,")])
        defer { one.remove() }
        #expect(TotalOverflow.diagnostics(one.load()).isEmpty)
    }

    /// With the HubSpot preset and no contacts export, check asked for "contacts.csv", a name
    /// HubSpot never writes: it asks for the export by the headers the preset looks for.
    @Test func aMissingHubSpotExportIsAskedForByItsHeaders() throws {
        let folder = try DataFolder(overriding: ["pipetop.toml": "[data]\npreset = \"hubspot\"\n", "leads.csv": nil, "deals.csv": nil,
                                                 "hubspot-crm-exports-all-deals.csv": "Record ID,Deal Name,Deal owner,Deal Stage,Amount,Create Date,Close Date\n1,A,Ana Ruiz,Closed Won,100,2026-11-02,2026-11-20\n"])
        defer { folder.remove() }
        let lines = DataCheck(folder.load()).lines(folderLabel: "x")
        let missing = lines.filter { $0.contains("missing file") }
        #expect(missing == ["x: error: missing file: pipetop needs a HubSpot contacts export (a file with the columns \"Record ID\" and \"Lifecycle Stage\") for the leads; no file in the folder has them (put the export in the folder, or name its file under [tables.leads] in the settings)"], "\(lines)")
        #expect(!lines.contains { $0.contains("contacts.csv") || $0.contains(" deals.csv") || $0.hasPrefix("x/deals.csv") }, "\(lines)")
        // In the dashboard's list, which names no folder.
        #expect(DataCheck(folder.load()).lines(folderLabel: "").contains { $0.hasPrefix("the data folder: error: missing file: pipetop needs a HubSpot contacts export") })
    }

    /// `pipetop init` asked the same: "there is no contacts.csv for the leads".
    @Test func theDraftAsksForAMissingHubSpotExportByItsHeaders() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-hubspot-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: url) }
        try "Record ID,Deal Name,Deal owner,Deal Stage,Amount,Create Date,Close Date\n1,A,Ana Ruiz,Closed Won,100,2026-11-02,2026-11-20\n"
            .write(to: url.appendingPathComponent("hubspot-crm-exports-all-deals.csv"), atomically: true, encoding: .utf8)
        let draft = SettingsDraft(folder: url, today: Date(timeIntervalSince1970: 1_795_737_600))
        #expect(draft.preset == "hubspot")
        #expect(!draft.text.contains("contacts.csv"), "\(draft.text)")
        #expect(draft.questions.contains { $0.hasPrefix("there is no HubSpot contacts export (a file with the columns 'Record ID' and 'Lifecycle Stage') for the leads") }, "\(draft.questions)")
    }

    /// A file of the user's own naming is asked for by that name, preset or not.
    @Test func aMissingFileOfTheSettingsIsAskedForByName() throws {
        let folder = try DataFolder(overriding: ["pipetop.toml": "[data]\npreset = \"hubspot\"\n[tables.leads]\nfile = \"my-contacts.csv\"\n"])
        defer { folder.remove() }
        let d = try #require(folder.load().diagnostics.first { $0.message.contains("for the leads") })
        #expect(d.file == "my-contacts.csv" && d.message == "missing file: pipetop needs my-contacts.csv for the leads", "\(d.description)")
    }
}
