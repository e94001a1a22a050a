import Foundation
import Testing
@testable import PipelineKit

/// The hand-worked company in Fixtures/metrics-small: as of Wednesday 2026-11-18 12:00 UTC,
/// 21 leads (L01-L15 and L21 created in November, L16-L20 in October), 11 deals, 5 reps in
/// East (Ana, Ben), West (Cleo, Dev) and Marketing (Mia), 3 campaigns, SLA 4 h / fast 1 h,
/// stale after 21 days, 10 MQLs a month promised.
enum MetricsFixture {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/metrics-small")

    static func load(_ adjust: @escaping @Sendable (inout Settings) -> Void = { _ in }) -> Snapshot {
        SnapshotLoader(folder: folder, adjustSettings: adjust).load()
    }

    static let utc = TimeZone(identifier: "UTC")!
    static let november = Period.month(containing: at("2026-11-18T12:00"), timeZone: utc)

    /// `s` as it stood at `moment`: its leads replayed there.
    static func replayed(_ s: Snapshot, at moment: Int64) -> Snapshot {
        var copy = s
        copy.leads.replay(at: moment)
        return copy
    }

    /// Epoch seconds of an ISO time in UTC.
    static func at(_ iso: String) -> Int64 {
        TimestampParser(format: .iso, timeZone: utc).parse(iso)!
    }

    /// A copy of the fixture in a temporary folder with some columns removed from some files, some
    /// files replaced and some removed, to see what the metrics say about other exports.
    static func variant(dropping columns: [String: [String]] = [:], replacing files: [String: String] = [:],
                        removing gone: [String] = []) throws -> Snapshot {
        let fm = FileManager.default
        let copy = fm.temporaryDirectory.appendingPathComponent("metrics-small-\(UUID().uuidString)")
        try fm.copyItem(at: folder, to: copy)
        defer { try? fm.removeItem(at: copy) }
        for (file, drop) in columns {
            let url = copy.appendingPathComponent(file)
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: true)
            let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let keep = header.indices.filter { !drop.contains(header[$0]) }
            let out = lines.map { line -> String in
                let cells = line.split(separator: ",", omittingEmptySubsequences: false)
                return keep.map { String(cells[$0]) }.joined(separator: ",")
            }
            try (out.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        }
        for (file, text) in files {
            try text.write(to: copy.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        for file in gone { try fm.removeItem(at: copy.appendingPathComponent(file)) }
        return SnapshotLoader(folder: copy).load()
    }

    static func without(_ columns: [String: [String]]) throws -> Snapshot { try variant(dropping: columns) }

    static func lead(_ s: Snapshot, _ id: String) -> Int { s.leadIndex.row(for: id)! }
    static func deal(_ s: Snapshot, _ id: String) -> Int { s.dealIndex.row(for: id)! }
}

/// |a - b| < 1e-9, and a is not nil.
func close(_ a: Double?, _ b: Double, _ tolerance: Double = 1e-9) -> Bool {
    guard let a else { return false }
    return abs(a - b) < tolerance
}

@Suite struct MetricsFixtureTests {
    @Test func fixtureLoadsWithoutProblems() {
        let s = MetricsFixture.load()
        #expect(s.diagnostics.isEmpty, "\(s.diagnostics)")
        #expect(s.leads.count == 21)
        #expect(s.deals.count == 11)
        #expect(s.history.count == 14)
        #expect(s.asOf == MetricsFixture.at("2026-11-18T12:00"))
    }

    @Test func scopesListEveryoneTeamsRepsAndUsedChannels() {
        let s = MetricsFixture.load()
        // Teams in reps.csv order, then reps, then the channels campaigns use in vocabulary order
        // (print, content, social, ppc, email, events): print (C3), ppc (C2), events (C1).
        #expect(Metrics.scopes(s) == [.everyone, .team("East"), .team("West"), .team("Marketing"),
                                      .rep("Ana"), .rep("Ben"), .rep("Cleo"), .rep("Dev"), .rep("Mia"),
                                      .channel("print"), .channel("ppc"), .channel("events")])
        #expect(Scope.channel("ppc").label == "Channel PPC")
        #expect(Scope.team("East").label == "Team East")
    }

    @Test func missingFirstTouchColumnGivesNilAndAMessage() throws {
        let s = try MetricsFixture.without(["leads.csv": ["first_touch_at"]])
        let sla = SLAMetrics.compute(s, period: MetricsFixture.november, scope: .everyone)
        #expect(sla.firstTouchMedianHours == nil)
        #expect(sla.firstTouchP90Hours == nil)
        #expect(sla.touchedWithinTargetShare == nil)
        #expect(sla.touchedWithinFastShare == nil)
        #expect(sla.missing.contains("no first_touch_at column in leads.csv: time to first touch cannot be computed"))
        // MQL counts do not need the column: still 11 delivered.
        #expect(sla.mqlsDelivered == 11)
        // Without the column SALs cannot be told untouched: the inbox keeps leads and MQLs only
        // (L05, L10; L21 is a SAL), and now L19 (an MQL touched in the file) waits too.
        let inbox = SLAMetrics.inbox(s, scope: .everyone, owner: nil)
        #expect(Set(inbox.map { s.leads.id[$0.lead] }) == ["L05", "L10", "L19"])
    }

    @Test func missingSpendAndClicksColumnsGiveNilRatiosAndMessages() throws {
        let s = try MetricsFixture.without(["campaigns.csv": ["spend", "clicks"]])
        let report = CampaignMetrics.compute(s, period: nil, scope: .everyone)
        let c1 = report.rows[0]
        #expect(c1.spend == nil)
        #expect(c1.cpl == nil && c1.costPerMQL == nil && c1.costPerSQL == nil && c1.costPerWon == nil)
        #expect(c1.roi == nil && c1.roas == nil && c1.cpc == nil && c1.ctr == nil)
        // Counts do not depend on the columns.
        #expect(c1.leads == 7)
        #expect(report.missing.contains("no spend column in campaigns.csv: cost per lead, per MQL, per SQL and per won deal, CPC, ROI and ROAS cannot be computed"))
        #expect(report.missing.contains("no clicks column in campaigns.csv: CTR and CPC cannot be computed"))
        #expect(report.totals.spend == nil)
    }

    @Test func missingStageTimestampsGiveNilDaysAndMQLsByCreation() throws {
        let s = try MetricsFixture.without(["leads.csv": ["mql_at", "sal_at", "sql_at", "opportunity_at"]])
        let f = FunnelMetrics.compute(s, period: MetricsFixture.november, scope: .everyone, split: .all)
        #expect(f.stages.allSatisfy { $0.medianDaysToNext == nil })
        // MQLs by created_at among marketing leads that reached MQL, as the SLA counts them
        // (sales-sourced L12-L14 entered at SAL or later): November L01-L05, L10, L11, L21 = 8;
        // October to the same point (Oct 18 12:00), L16 and L17 = 2; lead velocity (8 - 2) / 2 = 3.
        #expect(f.mqls == 8 && f.mqlsPrevious == 2)
        #expect(f.leadVelocityRate.map { abs($0 - 3) < 1e-9 } == true)
        #expect(f.missing.contains("no mql_at column in leads.csv: MQLs are counted by created_at among the leads that reached MQL"))
        #expect(f.missing.contains("no stage timestamps (mql_at, sal_at, sql_at, opportunity_at) in leads.csv: days between stages cannot be computed"))
        // Reached counts fall back to the stage column alone: L06, L07, L08 (disqualified and
        // recycled) no longer show that they were MQLs, so MQL reached drops from 14 to 11.
        #expect(f.row(.mql)?.reached == 11)
        // SLA: MQLs counted by created_at among leads that reached MQL: L01-L05, L10, L11, L21 = 8.
        let sla = SLAMetrics.compute(s, period: MetricsFixture.november, scope: .everyone)
        #expect(sla.mqlsDelivered == 8)
        #expect(sla.missing.contains("no mql_at column in leads.csv: MQLs are counted by created_at among the leads that reached MQL"))
    }

    @Test func stageHistoryInDealThenTimeOrderGivesTheSameStays() throws {
        // The fixture lists D02's entries out of order (read by sorting); here every deal's
        // entries come together and in time order (read as they are).
        let ordered = """
        deal_id,stage,at
        D01,prospecting,2026-11-06
        D01,proposal,2026-11-10
        D01,won,2026-11-16
        D02,prospecting,2026-11-08
        D02,proposal,2026-11-12
        D04,prospecting,2026-11-07
        D04,negotiation,2026-11-12
        D04,won,2026-11-15
        D07,prospecting,2026-10-25
        D07,qualification,2026-10-27
        D09,prospecting,2026-09-15
        D09,qualification,2026-10-01
        D09,proposal,2026-10-20
        D09,negotiation,2026-11-02

        """
        let s = try MetricsFixture.variant(replacing: ["stage_history.csv": ordered])
        let f = FunnelMetrics.compute(s, period: MetricsFixture.november, scope: .everyone, split: .all)
        #expect(f.dealStageTimes == [DealStageTime(stage: "prospecting", medianDays: 4, stays: 3),
                                     DealStageTime(stage: "proposal", medianDays: 9.5, stays: 2),
                                     DealStageTime(stage: "negotiation", medianDays: 3, stays: 1)])
        #expect(f.staleDeals == [MetricsFixture.deal(s, "D11"), MetricsFixture.deal(s, "D07")])
        // A repeated entry of the same stage does not end the stay: D01 proposal twice, then won.
        let repeated = ordered.replacingOccurrences(of: "D01,won,2026-11-16", with: "D01,proposal,2026-11-12\nD01,won,2026-11-16")
        let r = FunnelMetrics.compute(try MetricsFixture.variant(replacing: ["stage_history.csv": repeated]),
                                      period: MetricsFixture.november, scope: .everyone, split: .all)
        #expect(r.dealStageTimes.first { $0.stage == "proposal" }?.medianDays == 9.5)
    }

    @Test func withoutAStageHistoryStaleDealsGoByCreation() throws {
        let s = try MetricsFixture.variant(removing: ["stage_history.csv"])
        let f = FunnelMetrics.compute(s, period: MetricsFixture.november, scope: .everyone, split: .all)
        #expect(f.dealStageTimes.isEmpty)
        #expect(f.missing.contains("no stage_history.csv: time in each deal stage cannot be computed"))
        // Created more than 21 days before as-of: D11 (Sep 1), D09 (Sep 15), D07 (Oct 25); D02 is recent.
        #expect(f.staleDeals == ["D11", "D09", "D07"].map { MetricsFixture.deal(s, $0) })
    }

    @Test func metricsComputeAllAtOnceMatchesTheParts() {
        let s = MetricsFixture.load()
        let m = Metrics.compute(s, period: MetricsFixture.november, scope: .everyone, split: .all)
        #expect(m.funnel.winRate == FunnelMetrics.compute(s, period: MetricsFixture.november, scope: .everyone, split: .all).winRate)
        #expect(m.campaigns.period == nil)
        #expect(m.inbox.map(\.lead) == SLAMetrics.inbox(s, scope: .everyone, owner: nil).map(\.lead))
        #expect(m.sla.breaching.count == 2)
        #expect(m.quotas.reps.count == 4)   // Ana, Ben, Cleo won_amount; Dev sals (Ben's deals_won is a quarter quota)
        #expect(m.quotas.teams.count == 3)  // East won_amount, West won_amount and sals
    }
}
