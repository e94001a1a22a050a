import Foundation
import Testing
@testable import PipelineKit

/// Quotas of Fixtures/metrics-small. November 2026 has 21 selling days (Mon-Fri); as of
/// Wednesday Nov 18 12:00, 12 whole ones (Nov 2-6, 9-13, 16, 17) and half of the 18th have gone:
/// elapsed share 12.5 / 21 = 0.595238.
@Suite struct MetricsQuotaTests {
    let s = MetricsFixture.load()
    let elapsed = 12.5 / 21

    func rep(_ r: QuotaReport, _ name: String, _ metric: QuotaMetric) -> QuotaRow? {
        r.reps.first { $0.owner == name && $0.metric == metric }
    }

    func team(_ r: QuotaReport, _ name: String, _ metric: QuotaMetric) -> QuotaRow? {
        r.teams.first { $0.owner == name && $0.metric == metric }
    }

    @Test func attainmentAndExpectedToDate() throws {
        let r = QuotaMetrics.compute(s, period: MetricsFixture.november, scope: .everyone)
        #expect(close(r.elapsedShare, elapsed))
        let ana = try #require(rep(r, "Ana", .wonAmount))
        // Ana's won deals closed in November: D01 12000 + D08 5000 = 17000 of 20000 -> 0.85.
        #expect(ana.target == 20000 && ana.actual == 17000)
        #expect(close(ana.attainment, 0.85))
        // expected to date = 20000 x 0.595238 = 11904.76.
        #expect(close(ana.expectedToDate, 20000 * elapsed))
        #expect(ana.team == "East" && !ana.isTeam)
    }

    /// Quotas are per rep and team: in a channel's scope they are everyone's, and say so.
    @Test func aChannelScopeSaysQuotasAreNotSplitByChannel() {
        let r = QuotaMetrics.compute(s, period: MetricsFixture.november, scope: .channel("email"))
        #expect(r.missing.contains("quotas are per rep and team, not per channel: these are everyone's, not email's"))
    }

    @Test func pacingAndRunRate() throws {
        let r = QuotaMetrics.compute(s, period: MetricsFixture.november, scope: .everyone)
        let ana = try #require(rep(r, "Ana", .wonAmount))
        // pacing = 0.85 / 0.595238 = 1.428; run rate = 17000 / 0.595238 = 28560.
        #expect(close(ana.pacing, 0.85 / elapsed))
        #expect(close(ana.runRateForecast, 28560, 1e-6))
        #expect(!ana.behindPace)
        let ben = try #require(rep(r, "Ben", .wonAmount))
        // Ben has won nothing in November: pacing 0, behind.
        #expect(ben.actual == 0 && ben.pacing == 0 && ben.behindPace)
    }

    @Test func gapAndCoverage() throws {
        let r = QuotaMetrics.compute(s, period: MetricsFixture.november, scope: .everyone)
        let ana = try #require(rep(r, "Ana", .wonAmount))
        // gap 20000 - 17000 = 3000; open deals closing in November: D02 20000 -> coverage 6.667.
        #expect(ana.gap == 3000)
        #expect(ana.openPipelineInPeriod == 20000)
        #expect(close(ana.coverage, 20000.0 / 3000))
        // Ana's deals closed in the last 365 days: won D01 D08, lost D03 D06 -> 0.5, needed coverage 2.
        #expect(ana.winRate == 0.5 && ana.neededCoverage == 2)
        let ben = try #require(rep(r, "Ben", .wonAmount))
        // Ben: gap 25000, D09 20000 closes Nov 25 (D07 in December) -> 0.8; no closed deals -> nil.
        #expect(close(ben.coverage, 0.8))
        #expect(ben.winRate == nil && ben.neededCoverage == nil)
        let cleo = try #require(rep(r, "Cleo", .wonAmount))
        // Cleo: D04 10000 + D05 15000 = 25000 of 30000; nothing open closes in November -> coverage 0.
        // Win rate: D04, D05 won, D10 lost -> 2/3, needed 1.5.
        #expect(cleo.actual == 25000 && cleo.gap == 5000 && cleo.coverage == 0)
        #expect(close(cleo.neededCoverage, 1.5))
    }

    @Test func countQuotas() throws {
        let r = QuotaMetrics.compute(s, period: MetricsFixture.november, scope: .everyone)
        let dev = try #require(rep(r, "Dev", .sals))
        // Dev's leads with sal_at in November: L14 -> 1 of 4.
        #expect(dev.actual == 1 && dev.attainment == 0.25)
        #expect(dev.openPipelineInPeriod == nil && dev.coverage == nil)
        #expect(dev.behindPace)   // 0.25 / 0.595 = 0.42
        // Ben's deals_won quota is a quarter's: not in a month report.
        #expect(rep(r, "Ben", .dealsWon) == nil)
    }

    @Test func teamsUseTheirOwnQuotaElseTheSumOfTheirReps() throws {
        let r = QuotaMetrics.compute(s, period: MetricsFixture.november, scope: .everyone)
        let west = try #require(team(r, "West", .wonAmount))
        // West has its own 50000; actual = Cleo 25000 + Dev 0 -> 0.5, pacing 0.84: behind.
        #expect(west.target == 50000 && !west.targetFromReps && west.actual == 25000)
        #expect(west.behindPace)
        let east = try #require(team(r, "East", .wonAmount))
        // East has none: Ana 20000 + Ben 25000 = 45000; actual 17000 + 0.
        #expect(east.target == 45000 && east.targetFromReps && east.actual == 17000)
        // Team win rate over its reps' closed deals: Ana's 2 of 4, Ben none -> 0.5.
        #expect(east.winRate == 0.5)
        let westSALs = try #require(team(r, "West", .sals))
        // Dev's 4, and Dev's SALs only (L14): Cleo has no SAL quota, so her L13 would add to the
        // actual against no target.
        #expect(westSALs.target == 4 && westSALs.actual == 1 && westSALs.targetFromReps)
        #expect(team(r, "Marketing", .wonAmount) == nil)
    }

    @Test func quarterSumsMonthlyQuotas() throws {
        let q4 = Period.quarter(containing: s.asOf, fiscalYearStartMonth: 1, timeZone: MetricsFixture.utc)
        let r = QuotaMetrics.compute(s, period: q4, scope: .everyone)
        // Selling days: October 22, November 21, December 23 = 66; gone: 22 + 12.5 -> 34.5 / 66.
        #expect(close(r.elapsedShare, 34.5 / 66))
        let ana = try #require(rep(r, "Ana", .wonAmount))
        // 18000 + 20000 + 22000 = 60000; won in Q4: D01 + D08 = 17000.
        #expect(ana.target == 60000 && ana.actual == 17000)
        let ben = try #require(rep(r, "Ben", .dealsWon))
        // Ben's quarter quota of 6 deals; none won. Open deals closing in Q4: D07 (Dec 15), D09 (Nov 25) = 2.
        #expect(ben.target == 6 && ben.actual == 0 && ben.openPipelineInPeriod == 2)
        #expect(close(ben.coverage, 2.0 / 6))
        // Ben's won_amount: only November's monthly 25000.
        #expect(rep(r, "Ben", .wonAmount)?.target == 25000)
    }

    @Test func customPeriodHasNoQuotas() {
        let p = Period.custom(from: MetricsFixture.at("2026-11-01T00:00"), to: MetricsFixture.at("2026-11-15T00:00"), timeZone: MetricsFixture.utc)
        let r = QuotaMetrics.compute(s, period: p, scope: .everyone)
        #expect(r.reps.isEmpty && r.teams.isEmpty)
        #expect(r.missing == ["quotas are set per month or quarter: choose a month or a quarter to see attainment"])
    }

    @Test func scopeNarrowsRepsAndTeams() {
        let r = QuotaMetrics.compute(s, period: MetricsFixture.november, scope: .team("East"))
        #expect(r.reps.map(\.owner) == ["Ana", "Ben"])
        #expect(r.teams.map(\.owner) == ["East"])
        let one = QuotaMetrics.compute(s, period: MetricsFixture.november, scope: .rep("Dev"))
        #expect(one.reps.map(\.owner) == ["Dev"] && one.teams.isEmpty)
        // A month without quotas says so.
        let january = Period.month(containing: MetricsFixture.at("2027-01-15T00:00"), timeZone: MetricsFixture.utc)
        #expect(QuotaMetrics.compute(s, period: january, scope: .everyone).missing == ["no quotas in quotas.csv for Jan 2027"])
    }
}

/// Replaying an earlier moment counts only what had happened by then: a deal won later is still
/// open, one created later is not there, and an MQL made later is not delivered yet.
@Suite struct AsOfReplayTests {
    let s = MetricsFixture.load { $0.asOf = MetricsFixture.at("2026-11-12T12:00") }

    @Test func quotasCountOnlyWinsBeforeTheMoment() throws {
        let r = QuotaMetrics.compute(s, period: MetricsFixture.november, scope: .everyone)
        let ana = try #require(r.reps.first { $0.owner == "Ana" && $0.metric == .wonAmount })
        // D08 (closed Nov 10) only; D01 closes Nov 16, so it is open then, beside D02.
        #expect(ana.actual == 5000)
        #expect(ana.openPipelineInPeriod == 32000)
        let cleo = try #require(r.reps.first { $0.owner == "Cleo" && $0.metric == .wonAmount })
        // D05 (Nov 3); D04 closes Nov 15.
        #expect(cleo.actual == 15000)
    }

    @Test func funnelDealsAreThoseClosedByThen() {
        let f = FunnelMetrics.compute(s, period: MetricsFixture.november, scope: .everyone, split: .all)
        // Won D05, D08; lost D10 (Nov 12, 00:00); D03 is created on Nov 17, after the moment.
        #expect(f.dealsWon == 2 && f.dealsLost == 1)
        // Open then: D01, D02, D04, D07, D09, D11.
        #expect(f.openDeals == 6)
    }

    @Test func aWonDealWithoutACreationDateHasNoCycle() throws {
        let deals = try String(contentsOf: MetricsFixture.folder.appendingPathComponent("deals.csv"), encoding: .utf8)
            .replacingOccurrences(of: "D01,Acme platform,Acme,Ana,won,12000,2026-11-06,", with: "D01,Acme platform,Acme,Ana,won,12000,,")
        let v = try MetricsFixture.variant(replacing: ["deals.csv": deals])
        let f = FunnelMetrics.compute(v, period: MetricsFixture.november, scope: .everyone, split: .all)
        // Won in November: D01 (no creation date), D04 8 days, D05 24 days, D08 9 days.
        #expect(f.dealsWon == 4)
        #expect(f.medianSalesCycleDays == 9)
        #expect(f.averageSalesCycleDays.map { abs($0 - 41.0 / 3) < 1e-9 } == true)
    }
}

/// Quota rows that would be read other than meant are said: the same quota twice (added
/// together), a start that is not the first day of its month or quarter, and a quarter's target
/// made from the monthly quotas of only some of its months.
@Suite struct QuotaRowWarningTests {
    @Test func surprisingQuotaRowsAreWarnedAbout() throws {
        let quotas = """
        owner,period_start,period,metric,target
        Ana,2026-11-01,month,won_amount,20000
        Ana,2026-11-01,month,won_amount,1000
        Cleo,2026-11-15,month,won_amount,30000
        Ben,2026-11-01,quarter,deals_won,6

        """
        let s = try MetricsFixture.variant(replacing: ["quotas.csv": quotas])
        let warnings = s.diagnostics.filter { $0.file == "quotas.csv" }.map { "\($0.line): \($0.message)" }
        #expect(warnings == [
            "3: the same quota as line 2 (Ana, won_amount, the month from Nov 2026): the two targets are added together",
            "4: period_start: 2026-11-15 is not the first day of a month; the quota is read as Nov 2026's",
            "5: period_start: 2026-11-01 is not the first day of a quarter (the fiscal year starts in Jan); the quota is read as Q4 2026's",
        ])
        let q4 = Period.quarter(containing: s.asOf, fiscalYearStartMonth: 1, timeZone: MetricsFixture.utc)
        let r = QuotaMetrics.compute(s, period: q4, scope: .everyone)
        #expect(r.missing.contains { $0.hasPrefix("the Q4 2026 target of Ana (") && $0.hasSuffix("adds up the monthly quotas of only some of its months") })
    }
}

/// The deals and the inbox as they stood at an earlier as-of moment.
@Suite struct AsOfReplayStateTests {
    @Test func dealsAreOpenUntilTheyCloseAndAbsentUntilMade() {
        let s = MetricsFixture.load { $0.asOf = MetricsFixture.at("2026-11-12T12:00") }
        let d = s.deals
        let row = { (id: String) in s.dealIndex.row(for: id)! }
        // D01 is won on Nov 16: open then. D08 was won on Nov 10. D03 is made on Nov 17.
        #expect(d.isOpen(row("D01"), asOf: s.asOf) && !d.isWon(row("D01"), asOf: s.asOf))
        #expect(d.isWon(row("D08"), asOf: s.asOf))
        #expect(!d.isOpen(row("D03"), asOf: s.asOf) && !d.isLost(row("D03"), asOf: s.asOf))
    }

    /// A lead stands at the furthest stage it had reached by then: L01 (SAL on Nov 3, SQL on the
    /// 5th, won on the 16th) was at SAL on Nov 4.
    @Test func leadsStandWhereTheyStoodThen() {
        let s = MetricsFixture.load { $0.asOf = MetricsFixture.at("2026-11-04T00:00") }
        let r = s.leadIndex.row(for: "L01")!
        #expect(s.leads.furthestAsOf[r] == .sal && s.leads.stageAsOf[r] == .sal)
        #expect(s.leads.stage[r] == .won)
        let now = MetricsFixture.load()
        #expect(now.leads.stageAsOf == now.leads.stage && now.leads.furthestAsOf == now.leads.furthest)
        // The funnel counts it as reached SAL, not won, at that moment.
        let f = FunnelMetrics.compute(s, period: MetricsFixture.november, scope: .everyone, split: .all)
        #expect(f.row(.won)?.reached == 0)
    }

    /// Without a sal_at column, a stage with no time is not taken as reached when a stage below
    /// it was reached only after the moment; a sales-sourced lead is never stepped down to MQL.
    @Test func aStageWithoutATimeIsNotReachedBeforeTheOnesBelowIt() throws {
        let v = try MetricsFixture.variant(dropping: ["leads.csv": ["sal_at"]])
        let s = MetricsFixture.replayed(v, at: MetricsFixture.at("2026-11-04T08:00"))
        // L03: MQL on Nov 4 09:00, SQL on the 9th: a lead still at 08:00.
        #expect(s.leads.furthestAsOf[s.leadIndex.row(for: "L03")!] == .lead)
        // L12, a cold call at SQL since the 10th: at SAL (its entry), not MQL.
        #expect(s.leads.furthestAsOf[s.leadIndex.row(for: "L12")!] == .sal)
    }

    @Test func aLeadTouchedOnlyAfterTheMomentWaitsInTheInbox() {
        // L04 became an MQL on Nov 5 09:00 and was first touched at 15:00.
        let s = MetricsFixture.load { $0.asOf = MetricsFixture.at("2026-11-05T12:00") }
        #expect(SLAMetrics.inbox(s, scope: .everyone, owner: nil).contains { s.leads.id[$0.lead] == "L04" })
    }
}
