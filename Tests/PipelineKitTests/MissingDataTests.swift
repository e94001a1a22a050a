import Foundation
import Testing
@testable import PipelineKit

/// What an export lacks is reported as unknown, never as a 0 that looks real.
@Suite struct MissingDataTests {
    /// Ana's open deal D02 loses its close date: it may close this month or not, so her coverage is unknown.
    @Test func anOpenDealWithoutCloseDateMakesCoverageUnknown() throws {
        let text = try String(contentsOf: MetricsFixture.folder.appendingPathComponent("deals.csv"), encoding: .utf8)
        let edited = text.replacingOccurrences(of: "D02,Acme expansion,Acme,Ana,proposal,20000,2026-11-08,2026-11-28,", with: "D02,Acme expansion,Acme,Ana,proposal,20000,2026-11-08,,")
        #expect(edited != text)
        let s = try MetricsFixture.variant(replacing: ["deals.csv": edited])
        let q = QuotaMetrics.compute(s, period: MetricsFixture.november, scope: .everyone)
        let ana = try #require(q.reps.first { $0.owner == "Ana" && $0.metric == .wonAmount })
        #expect(ana.coverage == nil && ana.openPipelineInPeriod == nil)
        #expect(q.missing.contains { $0.contains("have no close date or amount") })
        // With the date, it is known.
        let before = QuotaMetrics.compute(MetricsFixture.load(), period: MetricsFixture.november, scope: .everyone)
        #expect(before.reps.first { $0.owner == "Ana" && $0.metric == .wonAmount }?.coverage != nil)
    }

    /// A deal with no dates at all has an unknown age: it is not called stale.
    @Test func anUndatedOpenDealIsNotStale() throws {
        let text = try String(contentsOf: MetricsFixture.folder.appendingPathComponent("deals.csv"), encoding: .utf8)
        let edited = text.replacingOccurrences(of: "D02,Acme expansion,Acme,Ana,proposal,20000,2026-11-08,2026-11-28,", with: "D02,Acme expansion,Acme,Ana,proposal,20000,,,")
        let s = try MetricsFixture.variant(replacing: ["deals.csv": edited, "stage_history.csv": "deal_id,stage,at\n"])
        let f = FunnelMetrics.compute(s, period: MetricsFixture.november, scope: .everyone, split: .all)
        #expect(!f.staleDeals.contains(MetricsFixture.deal(s, "D02")))
    }
}

/// The bundled sample company loads without a single problem (its settings once used a key the
/// reader does not know).
@Suite struct SeedsLoadCleanTests {
    @Test func seedsHaveNoProblems() {
        let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("seeds")
        let s = SnapshotLoader(folder: seeds).load()
        #expect(s.diagnostics.map(\.description) == [])
        #expect(s.leads.count == 1997 && s.deals.count > 300)
    }
}
