import Foundation
import PipelineKit
import Testing
@testable import PipetopUI

/// `pipetop report`: the same numbers as the panes, in text, Markdown and JSON.
@Suite struct PipelineReportTests {
    static let snapshot = SeedCompany.snapshot
    static let metrics = Metrics.compute(snapshot, period: .current(.month, of: snapshot), scope: .everyone, split: .all)
    static let report = PipelineReport(snapshot: snapshot, metrics: metrics, folderLabel: "seeds")

    /// On a period's first morning one deal projected to 44 times the quota: forecasts read
    /// "early" until a tenth of the selling time is gone, in the pane and the text report, and
    /// the JSON keeps the figure.
    @Test func forecastsReadEarlyAtThePeriodsStart() throws {
        let s = Self.snapshot
        let december = try #require(PeriodChoice.range("2026-12", timeZone: s.settings.timeZone)).period(asOf: s.asOf, settings: s.settings)
        let m = Metrics.compute(s, period: december, scope: .everyone, split: .all)
        #expect(m.quotas.elapsedShare < QuotaMetrics.forecastFromShare && !m.quotas.reps.isEmpty)
        let report = PipelineReport(snapshot: s, metrics: m, folderLabel: "seeds")
        let text = report.render(.text)
        #expect(text.contains("     early ") && text.contains("forecasts are shown from 10% of the selling time gone"), "\(text)")
        #expect(report.render(.json).contains("\"run_rate_forecast\""))
        let model = QuotasModel(report: m.quotas, numbers: SeedCompany.context.numbers, behindMark: "▼")
        #expect(model.cell(0, 9).text == "early")
        let now = QuotasModel(report: Self.metrics.quotas, numbers: SeedCompany.context.numbers, behindMark: "▼")
        #expect(now.cell(0, 9).text != "early")
    }

    @Test func textHasEverySectionWithTheMetricsNumbers() {
        let text = Self.report.render(.text)
        // Campaign figures run over each campaign's whole life, which the titles say.
        for title in ["Funnel (All sources)\n", "Campaigns (whole life)\n", "Campaign efficiency (whole life)\n", "Quotas (", "SLA\n"] {
            #expect(text.contains(title))
        }
        // Every campaign formula is in the report: CTR, CPC, cost per SQL and per won deal, ROAS.
        for column in ["CTR", "CPC", "Cost/SQL", "Cost/won", "ROAS"] { #expect(text.contains(column)) }
        let lead = Self.metrics.funnel.row(.lead)!.reached
        #expect(text.contains("Lead") && text.contains(NumberText().count(lead)))
        #expect(text.contains("MQLs delivered: \(Self.metrics.sla.mqlsDelivered) of 140"))
        #expect(text.contains("Breaching now: \(Self.metrics.sla.breaching.count)"))
        // Behind pace is written in words, not only marked.
        #expect(text.contains("behind pace"))
    }

    /// The report of a scratch copy of the seeds after `change` has altered some of its files
    /// (each given as a URL in the copy).
    static func report(changing change: (URL) throws -> Void) throws -> (PipelineReport, Metrics) {
        let folder = try SeedCompany.scratchCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        try change(folder)
        let snapshot = SnapshotLoader(folder: folder).load()
        let metrics = Metrics.compute(snapshot, period: .current(.month, of: snapshot), scope: .everyone, split: .all)
        return (PipelineReport(snapshot: snapshot, metrics: metrics, folderLabel: "x"), metrics)
    }

    /// Replaces text in one file of a folder.
    static func replace(_ old: String, with new: String, in file: String, of folder: URL) throws {
        let url = folder.appendingPathComponent(file)
        try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: old, with: new).write(to: url, atomically: false, encoding: .utf8)
    }

    /// A campaign named with a whole page of text is cut in the table, not padded into every row.
    @Test func aVeryLongNameIsCutNotSpreadOverEveryRow() throws {
        let first = try #require(Self.snapshot.campaigns.first?.name)
        let (report, _) = try Self.report { try Self.replace(first, with: String(repeating: "Long name ", count: 10_000), in: "campaigns.csv", of: $0) }
        for format in [PipelineReport.Format.text, .markdown] {
            let out = report.render(format)
            #expect(out.count < 40_000, "\(format): \(out.count) characters")
            #expect(out.contains("Long name Long name"))
        }
    }

    /// A leads file whose header lost a column printed "no leads in this folder", MQLs 0 and no
    /// breaches, as if it were a quiet month, and exited 0: every section now says the file could
    /// not be read, and the JSON has null where it had 0.
    @Test func aFileThatCouldNotBeReadIsSaidNotCountedAsZero() throws {
        let (report, _) = try Self.report { try Self.replace(",stage,", with: ",stag,", in: "leads.csv", of: $0) }
        let out = report.render(.text)
        #expect(out.contains("Data problems: 1 error in leads.csv"))
        #expect(out.contains("note: leads.csv could not be read (leads.csv:1: missing required column \"stage\""))
        #expect(out.contains("missing: leads.csv could not be read: MQLs, first touches and breaches cannot be counted"))
        #expect(!out.contains("no leads in this folder"))
        #expect(!out.contains("MQLs delivered: 0"))
        let json = try #require(JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as? [String: Any])
        let files = try #require(json["files"] as? [[String: Any]])
        #expect(files.contains { $0["file"] as? String == "leads.csv" && $0["state"] as? String == "failed" })
        let sla = try #require(json["sla"] as? [String: Any])
        #expect(sla["mqls_delivered"] is NSNull)
        #expect((sla["missing"] as? [String])?.first == "leads.csv could not be read: nothing from it is counted")
        // Campaign lead counts and the quotas counted from leads are unknown as well.
        let campaigns = try #require(json["campaigns"] as? [String: Any])
        let totals = try #require(campaigns["totals"] as? [String: Any])
        #expect(totals["leads"] is NSNull && totals["won_revenue"] is NSNull && totals["spend"] is Double)
        let quotas = try #require(json["quotas"] as? [String: Any])
        let reps = try #require(quotas["reps"] as? [[String: Any]])
        #expect(reps.filter { $0["metric"] as? String == "sals" }.allSatisfy { $0["actual"] is NSNull })
    }

    /// A folder with no leads (the Maven export) gave the funnel's stages as reached 0, lost 0 and
    /// an empty list of breaches, as if it had leads and a quiet month: they are null.
    @Test func aFolderWithoutLeadsHasNullStageCounts() throws {
        let (report, _) = try Self.report { try FileManager.default.removeItem(at: $0.appendingPathComponent("leads.csv")) }
        let json = try #require(JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as? [String: Any])
        let funnel = try #require(json["funnel"] as? [String: Any])
        let stages = try #require(funnel["stages"] as? [[String: Any]])
        #expect(!stages.isEmpty && stages.allSatisfy { $0["reached"] is NSNull && $0["marketing"] is NSNull && $0["sales"] is NSNull })
        #expect(funnel["lost"] is NSNull && funnel["disqualified"] is NSNull && funnel["recycled"] is NSNull)
        #expect(funnel["deals_won"] is Int)
        let sla = try #require(json["sla"] as? [String: Any])
        #expect(sla["breaching"] is NSNull)
    }

    /// A name's own backslash before a bar became an escaped backslash and a bare bar, which
    /// split the Markdown table's row.
    @Test func markdownEscapesBackslashesBeforeBars() throws {
        let section = PipelineReport.Section(title: "T", header: ["Name"], rows: [["a\\|b"]])
        #expect(section.markdown().contains("| a\\\\\\|b |"))
    }

    /// A deals file that could not be read gave deals_won 0 and an open pipeline of $0; a settings
    /// value with an error was called an unreadable file whose rows were not counted.
    @Test func unreadDealsAreNullAndASettingsErrorIsSaidAsIs() throws {
        let (report, metrics) = try Self.report { folder in
            try Self.replace("deal_id,", with: "dealid_x,", in: "deals.csv", of: folder)
            try Self.replace("first_touch_hours = 4", with: "first_touch_hours = \"four\"", in: "pipetop.toml", of: folder)
        }
        let text = report.render(.text)
        #expect(text.contains("missing: deals.csv could not be read: deals closed and the open pipeline cannot be counted"))
        #expect(text.contains("sla.first_touch_hours must be a number, not a string: that value keeps its default, the others are used"), "\(text.prefix(600))")
        #expect(!text.contains("pipetop.toml could not be read"))
        let json = try #require(JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as? [String: Any])
        let funnel = try #require(json["funnel"] as? [String: Any])
        #expect(funnel["deals_won"] is NSNull && funnel["open_pipeline"] is NSNull && funnel["won_amount"] is NSNull)
        #expect(funnel["mqls"] as? Int == metrics.funnel.mqls)
        // What the campaigns' deals brought, and the quotas counted from deals, are unknown too.
        let campaigns = try #require(json["campaigns"] as? [String: Any])
        let totals = try #require(campaigns["totals"] as? [String: Any])
        #expect(totals["won_revenue"] is NSNull && totals["roi"] is NSNull && totals["mqls"] is Int)
        let quotas = try #require(json["quotas"] as? [String: Any])
        let reps = try #require(quotas["reps"] as? [[String: Any]])
        #expect(reps.filter { $0["metric"] as? String == "won_amount" }.allSatisfy { $0["actual"] is NSNull && $0["behind_pace"] is NSNull })
        #expect(reps.contains { $0["metric"] as? String == "sals" && $0["actual"] is Double })
        // In text and Markdown too: no won-amount quota is "behind pace" on deals not read, and
        // the campaigns' won column is unknown.
        for format in [PipelineReport.Format.text, .markdown] {
            let out = report.render(format)
            let quotaLines = out.split(separator: "\n").filter { $0.contains("Won amount") }
            #expect(!quotaLines.isEmpty && quotaLines.allSatisfy { !$0.contains("behind pace") }, "\(format)")
        }
        #expect(!text.contains("-100%"))
    }

    /// A settings file that cannot be read at all was said to keep one value at its default.
    @Test func anUnreadableSettingsFileIsSaidWhole() throws {
        let (report, _) = try Self.report { try Data([0x5B, 0x64, 0xFF, 0xFE, 0x5D, 0x0A]).write(to: $0.appendingPathComponent("pipetop.toml")) }
        let text = report.render(.text)
        #expect(text.contains("the file cannot be read: every setting is at its default"), "\(text.prefix(500))")
    }

    @Test func markdownHasTables() {
        let md = Self.report.render(.markdown)
        #expect(md.contains("## Quotas"))
        #expect(md.contains("| Stage | Reached |"))
        #expect(md.contains("|:---|---:|"))
    }

    @Test func jsonParsesAndCarriesTheFigures() throws {
        let data = Data(Self.report.render(.json).utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let sla = try #require(root["sla"] as? [String: Any])
        #expect(sla["mqls_delivered"] as? Int == Self.metrics.sla.mqlsDelivered)
        let funnel = try #require(root["funnel"] as? [String: Any])
        #expect((funnel["stages"] as? [[String: Any]])?.count == 6)
        let quotas = try #require(root["quotas"] as? [String: Any])
        #expect((quotas["reps"] as? [Any])?.count == Self.metrics.quotas.reps.count)
        let campaigns = try #require(root["campaigns"] as? [String: Any])
        #expect(campaigns["whole_life"] as? Bool == true)
        let row = try #require((campaigns["rows"] as? [[String: Any]])?.first { $0["clicks"] as? Int != nil })
        for key in ["ctr", "cost_per_click", "cost_per_sql", "roas", "weighted_pipeline"] { #expect(row[key] != nil, "\(key)") }
        // Unknown values are null, never 0.
        let first = try #require((funnel["stages"] as? [[String: Any]])?.last)
        #expect(first["next_step_conversion"] is NSNull)
    }

    /// Totals that overflow to infinity are null, not an empty `{}`; characters a terminal acts on
    /// or that reorder text are escaped even where JSON itself allows them raw.
    @Test func jsonStaysWholeAndSafe() throws {
        let folder = try SeedCompany.scratchCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let deals = folder.appendingPathComponent("deals.csv")
        var lines = try String(contentsOf: deals, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let amount = try #require(header.firstIndex(of: "amount"))
        for k in 1..<lines.count where !lines[k].isEmpty {
            var cells = lines[k].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[amount] = "1.7e308"
            lines[k] = cells.joined(separator: ",")
        }
        try lines.joined(separator: "\n").write(to: deals, atomically: false, encoding: .utf8)
        let reps = folder.appendingPathComponent("reps.csv")
        let team = try String(contentsOf: reps, encoding: .utf8).replacingOccurrences(of: ",Enterprise,", with: ",Enter\u{9B}2J\u{7F}\u{202E}prise,")
        try team.write(to: reps, atomically: false, encoding: .utf8)

        let snapshot = SnapshotLoader(folder: folder).load()
        let metrics = Metrics.compute(snapshot, period: .current(.quarter, of: snapshot), scope: .everyone, split: .all)
        let json = PipelineReport(snapshot: snapshot, metrics: metrics, folderLabel: "x").render(.json)
        #expect(json.count > 100)
        #expect(try JSONSerialization.jsonObject(with: Data(json.utf8)) is [String: Any])
        #expect(json.contains("null"))
        #expect(!json.unicodeScalars.contains { $0 != "\n" && MessageText.isUnsafe($0) })
        #expect(json.contains("Enter\\u009b2J\\u007f\\u202eprise"))
        // The dashboard's problems list says what check says of the overflow.
        #expect(ProblemsOverlay.entries(snapshot).contains { $0.contains("overflow") || $0.contains("add up past") }, "\(ProblemsOverlay.entries(snapshot).prefix(5))")
    }
}

/// A report narrowed to one side of the funnel shows no count for the other, as the dashboard.
@Suite struct ReportSplitTests {
    @Test func theSideTheSplitLeavesOutIsBlank() throws {
        let s = SeedCompany.snapshot
        let metrics = Metrics.compute(s, period: .current(.month, of: s), scope: .everyone, split: .marketing)
        let report = PipelineReport(snapshot: s, metrics: metrics, folderLabel: "seeds")
        let lead = try #require(report.render(.text).split(separator: "\n").first { $0.hasPrefix("Lead ") })
        let cells = lead.split(separator: " ", omittingEmptySubsequences: true)
        #expect(cells[3] == "-")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as? [String: Any])
        let stage = try #require(((root["funnel"] as? [String: Any])?["stages"] as? [[String: Any]])?.first)
        #expect(stage["sales"] is NSNull)
    }
}
