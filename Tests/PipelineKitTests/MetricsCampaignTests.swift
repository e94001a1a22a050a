import Foundation
import Testing
@testable import PipelineKit

/// Campaign figures of Fixtures/metrics-small over each campaign's whole life.
///   C1 events (Mia): spend 6000, 50000 impressions, 1000 clicks. Leads L01 L02 L06 L07 L09 L16 L17.
///   C2 ppc (Mia):    spend 4000, 100000 impressions, 2500 clicks. Leads L03 L04 L05 L08 L10 L18 L19.
///   C3 print (Mia):  spend 0, no impressions or clicks, starts in January: planned.
@Suite struct MetricsCampaignTests {
    let s = MetricsFixture.load()

    @Test func countsPerCampaign() {
        let r = CampaignMetrics.compute(s, period: nil, scope: .everyone)
        #expect(r.rows.map(\.id) == ["C1", "C2", "C3"])
        let c1 = r.rows[0], c2 = r.rows[1]
        // C1: 7 leads; MQL or later: all but L09 = 6; SQL or later: L01 L02 L16 L17 (lost = opportunity) = 4.
        #expect(c1.leads == 7 && c1.mqls == 6 && c1.sqls == 4)
        // Won deals from C1 leads: D01 12000, D05 15000.
        #expect(c1.won == 2 && c1.wonRevenue == 27000)
        // C2: 7 leads, all MQL or later; SQL or later: L03, L18 = 2; no won deal.
        #expect(c2.leads == 7 && c2.mqls == 7 && c2.sqls == 2)
        #expect(c2.won == 0 && c2.wonRevenue == 0)
        #expect(r.rows.map(\.status) == [.active, .active, .planned])
        #expect(c2.end == nil)
    }

    @Test func reachRatios() {
        let r = CampaignMetrics.compute(s, period: nil, scope: .everyone)
        // CTR = clicks / impressions: C1 1000 / 50000 = 0.02, C2 2500 / 100000 = 0.025.
        #expect(close(r.rows[0].ctr, 0.02))
        #expect(close(r.rows[1].ctr, 0.025))
        // CPC = spend / clicks: C1 6000 / 1000 = 6, C2 4000 / 2500 = 1.6.
        #expect(close(r.rows[0].cpc, 6))
        #expect(close(r.rows[1].cpc, 1.6))
        // C3 has no impressions or clicks: nil, not 0.
        #expect(r.rows[2].ctr == nil && r.rows[2].cpc == nil)
    }

    @Test func costPerStage() {
        let r = CampaignMetrics.compute(s, period: nil, scope: .everyone)
        let c1 = r.rows[0], c2 = r.rows[1], c3 = r.rows[2]
        // C1: 6000 / 7 leads = 857.14; / 6 MQLs = 1000; / 4 SQLs = 1500; / 2 won = 3000.
        #expect(close(c1.cpl, 6000.0 / 7))
        #expect(c1.costPerMQL == 1000 && c1.costPerSQL == 1500 && c1.costPerWon == 3000)
        // C2: 4000 / 7 = 571.43 per lead and per MQL, 2000 per SQL, no won deal -> nil.
        #expect(close(c2.cpl, 4000.0 / 7) && close(c2.costPerMQL, 4000.0 / 7))
        #expect(c2.costPerSQL == 2000)
        #expect(c2.costPerWon == nil)
        // C3: no leads yet -> nil.
        #expect(c3.cpl == nil)
    }

    @Test func roiAndRoas() {
        let r = CampaignMetrics.compute(s, period: nil, scope: .everyone)
        // C1: (27000 - 6000) / 6000 = 3.5; ROAS 27000 / 6000 = 4.5.
        #expect(r.rows[0].roi == 3.5 && r.rows[0].roas == 4.5)
        // C2: (0 - 4000) / 4000 = -1; ROAS 0 (a real zero: revenue 0 over known spend).
        #expect(r.rows[1].roi == -1 && r.rows[1].roas == 0)
        // C3: spend 0 -> nil.
        #expect(r.rows[2].roi == nil && r.rows[2].roas == nil)
    }

    @Test func pipelineSourcedAndWeighted() {
        let r = CampaignMetrics.compute(s, period: nil, scope: .everyone)
        // C1: open D02 (L02) 20000 at proposal 50 % -> 10000. C2: open D07 (L18) 30000 at 40 % -> 12000.
        #expect(r.rows[0].pipelineSourced == 20000 && r.rows[0].weightedPipeline == 10000)
        #expect(r.rows[1].pipelineSourced == 30000 && close(r.rows[1].weightedPipeline, 12000))
        #expect(r.rows[2].pipelineSourced == 0)
    }

    /// A deal without a lead_id, named by a lead's deal_id, is that lead's: its campaign gets the
    /// pipeline. Before, only the deal's own lead_id linked them.
    @Test func aDealNamedOnlyByItsLeadCountsForTheLeadsCampaign() throws {
        let leads = try String(contentsOf: MetricsFixture.folder.appendingPathComponent("leads.csv"), encoding: .utf8)
        var lines = leads.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let k = try #require(lines.firstIndex { $0.hasPrefix("L03,") })
        lines[k] += "D09"
        let v = try MetricsFixture.variant(replacing: ["leads.csv": lines.joined(separator: "\n")])
        let r = CampaignMetrics.compute(v, period: nil, scope: .everyone)
        // C2: D07 30000 as before, plus D09 20000 (L03, C2).
        #expect(r.rows[1].pipelineSourced == 50000)
        #expect(!v.diagnostics.contains { $0.message.contains("D09") })
    }

    @Test func leadsPerWeekUpToAsOf() {
        let r = CampaignMetrics.compute(s, period: nil, scope: .everyone)
        // Weeks end at as-of (Nov 18 12:00); entry 11 = the last 7 days. C1 lead ages:
        // L09 6.2 d -> 11; L06 9.2 d, L07 8.2 d -> 10; L01 16.1 d, L02 15.1 d -> 9;
        // L17 37.1 d -> 6; L16 44.1 d -> 5.
        #expect(r.rows[0].leadsPerWeek == [0, 0, 0, 0, 0, 1, 1, 0, 0, 2, 2, 1])
        // C2: L10 (0.1 d) -> 11; L08 (7.2 d), L05 (12.1 d), L04 (13.1 d) -> 10; L03 (14.1 d) -> 9;
        // L19 (23.1 d) -> 8; L18 (29.1 d) -> 7.
        #expect(r.rows[1].leadsPerWeek == [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 3, 1])
    }

    @Test func totals() {
        let r = CampaignMetrics.compute(s, period: nil, scope: .everyone)
        let t = r.totals
        // spend 6000 + 4000 + 0; leads 14; MQLs 13; SQLs 6; won 2 for 27000; pipeline 50000 / 22000.
        #expect(t.spend == 10000 && t.leads == 14 && t.mqls == 13 && t.sqls == 6 && t.won == 2)
        #expect(t.wonRevenue == 27000 && t.pipelineSourced == 50000 && close(t.weightedPipeline, 22000))
        // CPL 10000 / 14; ROI (27000 - 10000) / 10000 = 1.7; CTR 3500 / 150000 (C3 knows neither).
        #expect(close(t.cpl, 10000.0 / 14))
        #expect(close(t.roi, 1.7))
        #expect(close(t.ctr, 3500.0 / 150000))
        #expect(t.budget == 21000)
        #expect(r.missing.isEmpty)
    }

    @Test func channelScopeKeepsThatChannelsCampaigns() {
        let r = CampaignMetrics.compute(s, period: nil, scope: .channel("events"))
        #expect(r.rows.map(\.id) == ["C1"])
        #expect(r.rows[0].cpl != nil)
    }

    @Test func teamScopeCountsTheTeamsLeadsWithoutCostRatios() {
        // East (Ana, Ben) owns no campaign; it owns C1's L01 L02 L17 and C2's L03 L04 L08 L18 L19.
        let r = CampaignMetrics.compute(s, period: nil, scope: .team("East"))
        #expect(r.rows.map(\.id) == ["C1", "C2"])          // C3 has nothing of East's
        #expect(r.rows[0].leads == 3 && r.rows[1].leads == 5)
        // Won deals owned in East from C1: D01 (Ana); D05 is Cleo's.
        #expect(r.rows[0].won == 1 && r.rows[0].wonRevenue == 12000)
        // Spend cannot be split by rep.
        #expect(r.rows[0].cpl == nil && r.rows[0].roi == nil)
        #expect(r.rows[0].spend == 6000)
        #expect(r.missing.contains("spend cannot be split by rep: cost ratios, ROI and ROAS are shown only for campaigns owned within Team East"))
        // Mia owns all three campaigns: the Marketing team sees them whole.
        let marketing = CampaignMetrics.compute(s, period: nil, scope: .team("Marketing"))
        #expect(marketing.rows.count == 3)
        #expect(marketing.rows[0].leads == 7 && close(marketing.rows[0].cpl, 6000.0 / 7))
    }

    @Test func aPeriodCountsItsLeadsAndWonDealsOnly() {
        let r = CampaignMetrics.compute(s, period: MetricsFixture.november, scope: .everyone)
        // C1 leads created in November: L01 L02 L06 L07 L09 = 5; won closed in November: D01, D05.
        #expect(r.rows[0].leads == 5)
        #expect(r.rows[0].won == 2)
        #expect(r.rows[0].cpl == nil)
        #expect(r.missing.count == 1)
    }
}
