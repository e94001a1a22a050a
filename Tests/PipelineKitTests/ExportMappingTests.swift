import Foundation
import Testing
@testable import PipelineKit

/// Exports without real files on this machine: a CRM no preset knows, and HubSpot's layout.
@Suite struct ExportMappingTests {
    static func folder(_ files: [String: String]) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(to: url.appendingPathComponent(name), atomically: true, encoding: .utf8) }
        return url
    }

    static let unknownCRM = [
        "opportunities.csv": """
        Opportunity ID,Sales Rep,Stage,Value,Created,Close Date
        O-1,Ana Ruiz,Closed Won,"$1,200.50",03/01/17,04/02/17
        O-2,Ana Ruiz,Talking,900,03/05/17,
        O-3,Ben Cole,Closed Lost,400,02/03/17,03/04/17

        """,
        "team.csv": """
        Sales Rep,Team Name
        Ana Ruiz,East
        Ben Cole,East

        """,
    ]

    @Test func ambiguousDatesBecomeATodoThatCheckReports() throws {
        let url = try Self.folder(Self.unknownCRM)
        let draft = SettingsDraft(folder: url, today: Date(timeIntervalSince1970: 1_795_737_600))
        #expect(draft.preset == nil)
        #expect(draft.text.contains("file = \"opportunities.csv\""))
        #expect(draft.text.contains("owner = \"Sales Rep\"  # guess"))
        #expect(draft.questions.contains { $0.contains("\"03/01/17\"") && $0.contains("month or day first") })
        #expect(draft.questions.contains { $0.contains("'Talking'") })
        #expect(draft.questions.contains { $0.contains("no leads.csv") })
        #expect(draft.questions.count == 3)
        try draft.text.write(to: url.appendingPathComponent("pipetop.toml"), atomically: true, encoding: .utf8)

        let s = SnapshotLoader(folder: url).load()
        let todo = try #require(s.diagnostics.first { $0.message.contains("03/01/17") })
        #expect(todo.file == "pipetop.toml" && todo.severity == .error)
        let lines = draft.text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[todo.line - 1].hasPrefix("date_format = \"TODO"))
        // Unanswered, the dates are read as ISO and fail: nothing is guessed.
        #expect(s.deals.count == 0)

        // Answered: month first, and the stage named.
        let answered = draft.text
            .replacingOccurrences(of: #"date_format = "TODO[^\n]*"#, with: "date_format = \"MM/DD/YY\"", options: .regularExpression)
            .replacingOccurrences(of: #""Talking" = "TODO[^\n]*"#, with: "\"Talking\" = \"qualification\"", options: .regularExpression)
            .replacingOccurrences(of: #"file = "TODO[^\n]*"#, with: "file = false", options: .regularExpression)
        try answered.write(to: url.appendingPathComponent("pipetop.toml"), atomically: true, encoding: .utf8)
        let t = SnapshotLoader(folder: url).load()
        #expect(t.diagnostics.filter { $0.severity == .error }.isEmpty, "\(t.diagnostics.map(\.description))")
        #expect(t.deals.count == 3 && t.reps.count == 2)
        #expect(t.deals.createdAt[0] == Int64(daysFromCivil(year: 2017, month: 3, day: 1)) * 86_400)
        #expect(t.deals.amount[0] == 1200.5)
        // The as-of date is not guessed from dates whose order was not known.
        #expect(t.settings.asOf == nil)
    }

    @Test func hubspotPresetReadsItsColumnNamesWhateverTheFileIsCalled() throws {
        let url = try Self.folder([
            "hubspot-crm-exports-all-deals-2024-05-01.csv": """
            Record ID,Deal Name,Deal Stage,Amount,Deal owner,Create Date,Close Date,Pipeline
            101,Acme renewal,Closed Won,"12,000",Ana Ruiz,2024-03-01 09:15,2024-04-20 00:00,Sales Pipeline
            102,Globex pilot,Contract Sent,8000,Ana Ruiz,2024-04-02 10:00,2024-05-30 00:00,Sales Pipeline
            103,Initech,qualifiedtobuy,,Ben Cole,2024-04-10 11:00,,Sales Pipeline

            """,
            "hubspot-crm-exports-all-contacts.csv": """
            Record ID,First Name,Email,Company Name,Contact owner,Lifecycle Stage,Original Source,Create Date,Became a Marketing Qualified Lead Date
            1,Jo,jo@acme.test,Acme,Ana Ruiz,Marketing Qualified Lead,Organic Search,2024-03-01 08:00,2024-03-02 09:00
            2,Sam,sam@globex.test,Globex,Ben Cole,Customer,Referrals,2024-02-01 08:00,2024-02-03 09:00

            """,
            "reps.csv": "rep,team\nAna Ruiz,Sales\nBen Cole,Sales\n",
        ])
        #expect(Preset.recognised(in: url)?.name == "hubspot")
        var loader = SnapshotLoader(folder: url)
        loader.preset = "hubspot"
        let s = loader.load()
        #expect(s.diagnostics.filter { $0.severity == .error }.isEmpty, "\(s.diagnostics.map(\.description))")
        #expect(s.deals.count == 3 && s.leads.count == 2)
        #expect(s.deals.isWon == [true, false, false])
        let stages = s.settings.dealStages
        #expect(stages.vocabulary.words[Int(s.deals.stage[1])] == "Contract Sent" && stages.probability(Int(s.deals.stage[1])) == 90)
        #expect(stages.vocabulary.words[Int(s.deals.stage[2])] == "Qualified To Buy")
        #expect(s.leads.stage == [.mql, .won])
        #expect(s.leads.mqlAt[0] != Missing.time)
        #expect(s.deals.amount[0] == 12_000 && s.deals.amount[2].isNaN)
    }

    @Test func settingsOverrideThePresetKeyByKey() {
        let preset = Preset.mavenCRM.settingsText(for: URL(fileURLWithPath: "/nonexistent")).text
        let (base, d0) = SettingsLoader.parse(text: preset, fileName: "preset")
        #expect(d0.isEmpty)
        let (s, d) = SettingsLoader.parse(text: """
        [deal_stages]
        probabilities = { Engaging = 40 }
        [tables.deals.columns]
        amount = "deal_value"
        [tables.deals.values.owner]
        "Moses Frase" = "Moses Frase-Lee"
        """, fileName: "pipetop.toml", base: base)
        #expect(d.isEmpty)
        #expect(s.dealStages.open == ["Prospecting", "Engaging"])
        #expect(s.dealStages.probabilities["Engaging"] == 40)
        let deals = s.tables["deals"]
        #expect(deals?.file == "sales_pipeline.csv")
        #expect(deals?.columns["amount"] == "deal_value" && deals?.columns["owner"] == "sales_agent")
        #expect(deals?.values["owner"]?["Moses Frase"] == "Moses Frase-Lee")
        #expect(s.tables["leads"]?.absent == true)
    }

    @Test func anUnknownPresetIsReportedWhereItIsWritten() throws {
        let url = try Self.folder(["pipetop.toml": "[data]\npreset = \"salesfroce\"\n"])
        let (_, d) = SettingsLoader.load(folder: url, settingsFile: nil, preset: nil)
        let e = try #require(d.first)
        #expect(e.line == 2 && e.severity == .error && e.message == "unknown preset \"salesfroce\"")
    }
}
