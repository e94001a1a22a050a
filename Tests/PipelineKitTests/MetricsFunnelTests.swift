import Foundation
import Testing
@testable import PipelineKit

/// The November funnel of Fixtures/metrics-small. Cohort = the 16 leads created in November.
/// Furthest stage of each (the stage, or a later stage's timestamp; lost counts as opportunity):
///   marketing: L01 won, L02 opp, L03 sql, L04 sal, L05 mql, L06 mql (dq), L07 mql (dq),
///              L08 mql (recycled), L09 lead, L10 mql, L11 opp (lost), L21 sal
///   sales:     L12 sql, L13 won, L14 sal, L15 lead (dq)
@Suite struct MetricsFunnelTests {
    let s = MetricsFixture.load()
    var nov: Period { MetricsFixture.november }

    @Test func reachedCountsEveryLeadAtOrPastAStage() {
        let f = FunnelMetrics.compute(s, period: nov, scope: .everyone, split: .all)
        // lead 16; MQL 16 - L09 - L15 = 14; SAL: L01 L02 L03 L04 L11 L21 + L12 L13 L14 = 9;
        // SQL: L01 L02 L03 L11 L12 L13 = 6; opportunity: L01 L02 L11 L13 = 4; won: L01 L13 = 2.
        #expect(f.stages.map(\.reached) == [16, 14, 9, 6, 4, 2])
        // Marketing: 12 leads -> [12, 11, 6, 4, 3, 1]; sales: 4 -> [4, 3, 3, 2, 1, 1].
        #expect(f.stages.map(\.marketing) == [12, 11, 6, 4, 3, 1])
        #expect(f.stages.map(\.sales) == [4, 3, 3, 2, 1, 1])
        #expect(f.countingConvention.contains("a lead now at SQL also counts as MQL and SAL"))
        #expect(f.countingConvention.contains("leads created in Nov 2026"))
    }

    @Test func nextStepAndCumulativeConversion() {
        let f = FunnelMetrics.compute(s, period: nov, scope: .everyone, split: .all)
        // next step: 14/16 = 0.875, 9/14, 6/9, 4/6, 2/4 = 0.5; none after won.
        #expect(close(f.stages[0].nextStepConversion, 0.875))
        #expect(close(f.stages[1].nextStepConversion, 9.0 / 14))
        #expect(close(f.stages[2].nextStepConversion, 6.0 / 9))
        #expect(close(f.stages[3].nextStepConversion, 4.0 / 6))
        #expect(close(f.stages[4].nextStepConversion, 0.5))
        #expect(f.stages[5].nextStepConversion == nil)
        // cumulative: reached / 16 = 1, 0.875, 0.5625, 0.375, 0.25, 0.125.
        #expect(f.stages.map { $0.cumulativeConversion! } == [1, 0.875, 0.5625, 0.375, 0.25, 0.125])
    }

    @Test func medianDaysBetweenStagesFromTimestamps() {
        let f = FunnelMetrics.compute(s, period: nov, scope: .everyone, split: .all)
        // lead->MQL: 11 leads with both; nine at 0 days, L02 and L05 at 1 h -> median 0.
        #expect(f.stages[0].medianDaysToNext == 0)
        // MQL->SAL: L01 L02 L03 L04 1 day each, L11 3 h (0.125), L21 1 h -> median (1 + 1) / 2 = 1.
        #expect(f.stages[1].medianDaysToNext == 1)
        // SAL->SQL: L01 2, L02 2, L03 4, L11 0.875, L12 7, L13 1 -> 0.875 1 2 2 4 7 -> 2.
        #expect(f.stages[2].medianDaysToNext == 2)
        // SQL->opportunity: L01 1, L02 2, L11 0.125, L13 1 -> (1 + 1) / 2 = 1.
        #expect(f.stages[3].medianDaysToNext == 1)
        // opportunity->won (closed_at of won leads): L01 10, L13 8 -> 9.
        #expect(f.stages[4].medianDaysToNext == 9)
        #expect(f.stages[5].medianDaysToNext == nil)
    }

    @Test func exitsWithReasons() {
        let f = FunnelMetrics.compute(s, period: nov, scope: .everyone, split: .all)
        // lost L11; disqualified L06, L07 ("No budget") and L15 (no reason); recycled L08.
        #expect(f.lost == 1)
        #expect(f.disqualified == 3)
        #expect(f.disqualifyReasons == [ExitReason(reason: "No budget", count: 2), ExitReason(reason: nil, count: 1)])
        #expect(f.recycled == 1)
    }

    @Test func winRateOverDealsClosedInThePeriod() {
        let f = FunnelMetrics.compute(s, period: nov, scope: .everyone, split: .all)
        // Closed in November: won D01, D04, D05, D08; lost D03, D10 (D06 closed in October).
        // 4 / (4 + 2) = 0.6667.
        #expect(f.dealsWon == 4)
        #expect(f.dealsLost == 2)
        #expect(close(f.winRate, 4.0 / 6))
    }

    @Test func leadVelocityRateComparesMQLsWithThePreviousMonth() {
        let f = FunnelMetrics.compute(s, period: nov, scope: .everyone, split: .all)
        // mql_at in November to the as-of moment (Nov 18 12:00): L01-L08, L10, L11, L21 = 11. In
        // October to the same point (Oct 18 12:00): L16, L17 = 2 (L18-L20 came later in the month).
        // (11 - 2) / 2 = 4.5.
        #expect(f.mqls == 11)
        #expect(f.mqlsPrevious == 2 && f.mqlsPreviousToSamePoint)
        #expect(close(f.leadVelocityRate, 4.5))
        // October against September (no MQLs): nil, not infinity.
        // October is over: all of it (L16-L20 = 5), against all of September.
        let october = FunnelMetrics.compute(s, period: nov.previous(), scope: .everyone, split: .all)
        #expect(october.mqls == 5 && !october.mqlsPreviousToSamePoint)
        #expect(october.leadVelocityRate == nil)
    }

    @Test func salesCycleIsTheMedianOfWonDeals() {
        let f = FunnelMetrics.compute(s, period: nov, scope: .everyone, split: .all)
        // Won in November, close - created: D01 10, D04 8, D05 24, D08 9 -> 8 9 10 24 -> median 9.5;
        // the mean (12.75) is used only by pipeline velocity.
        #expect(f.medianSalesCycleDays == 9.5)
        #expect(f.averageSalesCycleDays == 12.75)
        // Average won: (12000 + 10000 + 15000 + 5000) / 4 = 10500.
        #expect(f.averageWonAmount == 10500)
        #expect(f.wonAmount == 42000)
    }

    @Test func pipelineVelocity() {
        let f = FunnelMetrics.compute(s, period: nov, scope: .everyone, split: .all)
        // Open deals: D02, D07, D09, D11 = 4. 4 x (4/6) x 10500 / 12.75 = 28000 / 12.75 = 2196.08 a day.
        #expect(f.openDeals == 4)
        #expect(close(f.pipelineVelocityPerDay, 28000 / 12.75, 1e-6))
    }

    @Test func openAndWeightedPipeline() {
        let f = FunnelMetrics.compute(s, period: nov, scope: .everyone, split: .all)
        // 20000 + 30000 + 20000 + 4000 = 74000.
        // Weighted: D02 proposal 50 % = 10000, D07 its own 40 % = 12000, D09 negotiation 75 % = 15000,
        // D11 prospecting 10 % = 400 -> 37400.
        #expect(f.openPipeline == 74000)
        #expect(close(f.weightedPipeline, 37400))
    }

    @Test func pipelineCreatedInThePeriod() {
        // Created in November: D01 12000, D02 20000, D03 8000, D04 10000, D08 5000 = 55000.
        #expect(FunnelMetrics.compute(s, period: nov, scope: .everyone, split: .all).pipelineCreated == 55000)
        // East (Ana, Ben): D01, D02, D03, D08 = 45000.
        #expect(FunnelMetrics.compute(s, period: nov, scope: .team("East"), split: .all).pipelineCreated == 45000)
    }

    @Test func staleDealsUseTheStageHistoryElseCreation() {
        let f = FunnelMetrics.compute(s, period: nov, scope: .everyone, split: .all)
        // As of Nov 18 12:00, stale after 21 days: D11 has no history, created Sep 1 (78.5 days);
        // D07 last moved Oct 27 (22.5 days). D09 was created Sep 15 but moved Nov 2 (16.5 days):
        // not stale. D02 moved Nov 12. Longest unchanged first.
        #expect(f.staleDeals == [MetricsFixture.deal(s, "D11"), MetricsFixture.deal(s, "D07")])
        #expect(f.staleDays == 21)
    }

    @Test func timeInDealStageFromTheHistory() {
        let f = FunnelMetrics.compute(s, period: nov, scope: .everyone, split: .all)
        // Stays ending in November: prospecting D01 4, D02 4 (its rows are out of order in the
        // file), D04 5 -> median 4; proposal D01 6, D09 13 -> 9.5; negotiation D04 3.
        // D07's prospecting stay ended in October. Qualification has no stay ending in November.
        #expect(f.dealStageTimes == [DealStageTime(stage: "prospecting", medianDays: 4, stays: 3),
                                     DealStageTime(stage: "proposal", medianDays: 9.5, stays: 2),
                                     DealStageTime(stage: "negotiation", medianDays: 3, stays: 1)])
    }

    @Test func marketingAndSalesSplits() {
        let m = FunnelMetrics.compute(s, period: nov, scope: .everyone, split: .marketing)
        #expect(m.stages.map(\.reached) == [12, 11, 6, 4, 3, 1])
        // Columns per side stay whole whatever the split.
        #expect(m.stages.map(\.sales) == [4, 3, 3, 2, 1, 1])
        // Exits of marketing's leads: lost L11, disqualified L06 L07, recycled L08.
        #expect(m.lost == 1 && m.disqualified == 2 && m.recycled == 1)
        // Deals by their lead's side: won D01 (L01), D05 (L16); lost D03 (L11) -> 2/3.
        #expect(close(m.winRate, 2.0 / 3))
        // MQLs: all 11 and 5 are marketing's.
        #expect(m.mqls == 11)

        let sales = FunnelMetrics.compute(s, period: nov, scope: .everyone, split: .sales)
        #expect(sales.stages.map(\.reached) == [4, 3, 3, 2, 1, 1])
        #expect(sales.disqualified == 1)
        #expect(sales.disqualifyReasons == [ExitReason(reason: nil, count: 1)])
        // A deal without a lead is sales': won D04 (L13), D08; lost D10 -> 2/3.
        #expect(sales.dealsWon == 2 && sales.dealsLost == 1)
        #expect(sales.mqls == 0)
        #expect(sales.leadVelocityRate == nil)
    }

    @Test func teamScopeByOwner() {
        let f = FunnelMetrics.compute(s, period: nov, scope: .team("East"), split: .all)
        // Ana and Ben own L01 L02 L11 (Ana), L03 L04 L08 L12 L21 (Ben): 8 leads, furthest
        // won, opp, opp, sql, sal, mql, sql, sal -> [8, 8, 7, 5, 3, 1].
        #expect(f.stages.map(\.reached) == [8, 8, 7, 5, 3, 1])
        // Deals owned in East closed in November: won D01, D08 (Ana); lost D03 (Ana) -> 2/3.
        #expect(close(f.winRate, 2.0 / 3))
        // Open: D02 (Ana), D07 and D09 (Ben) = 70000.
        #expect(f.openPipeline == 70000)
        #expect(f.staleDeals == [MetricsFixture.deal(s, "D07")])
    }

    @Test func repScope() {
        let f = FunnelMetrics.compute(s, period: nov, scope: .rep("Dev"), split: .all)
        // Dev: L14 (sal), L15 (disqualified at lead) -> [2, 1, 1, 0, 0, 0]; no deals -> no win rate.
        #expect(f.stages.map(\.reached) == [2, 1, 1, 0, 0, 0])
        #expect(f.stages[3].nextStepConversion == nil)
        #expect(f.winRate == nil)
        #expect(f.pipelineVelocityPerDay == nil)
        #expect(f.openPipeline == 0)
    }

    @Test func channelScopeByCampaign() {
        let f = FunnelMetrics.compute(s, period: nov, scope: .channel("ppc"), split: .all)
        // C2 (ppc) leads created in November: L03 sql, L04 sal, L05 mql, L08 mql, L10 mql -> [5, 5, 2, 1, 0, 0].
        #expect(f.stages.map(\.reached) == [5, 5, 2, 1, 0, 0])
        // Deals by their lead's campaign: only D07 (L18), open; none closed -> no win rate.
        #expect(f.winRate == nil)
        #expect(f.openPipeline == 30000)
        // An alias names the channel too.
        let alias = FunnelMetrics.compute(s, period: nov, scope: .channel("Paid Search"), split: .all)
        #expect(alias.stages[0].reached == 5)
    }
}
