/// Campaign results: reach, cost ratios, leads and deals sourced, ROI.
///
/// Without a period (what the dashboard shows) every figure covers the campaign's whole life:
/// campaigns run for months, and spend is a running total. With a period, leads count when created
/// in it and won deals when closed in it, but spend cannot be split by date, so cost ratios are nil.
///
/// Scope: a channel keeps that channel's campaigns. A team or rep keeps the campaigns owned by
/// someone in it (whole), and the other campaigns whose leads or deals it owns, counting only those
/// (spend cannot be split by rep, so their cost ratios are nil).
public enum CampaignMetrics {
    enum Coverage: UInt8 { case none, whole, partial }

    public static func compute(_ s: Snapshot, period: Period?, scope: Scope) -> CampaignReport {
        let filter = ScopeFilter(s, scope)
        let campaigns = s.campaigns
        var missing: [String] = []
        let file = s.fileName("campaigns")
        if s.status(of: "campaigns")?.state == .missing || (campaigns.isEmpty && s.tables["campaigns"] == nil) {
            missing.append("no \(file): there are no campaigns to show")
        } else if s.hasFile("campaigns") {
            // A file that could not be read has no columns: that is not a column it lacks.
            let hasSpend = s.hasColumn("campaigns", "spend"), hasClicks = s.hasColumn("campaigns", "clicks")
            let hasImpressions = s.hasColumn("campaigns", "impressions")
            if !hasSpend { missing.append("no spend column in \(file): cost per lead, per MQL, per SQL and per won deal, CPC, ROI and ROAS cannot be computed") }
            if !hasImpressions { missing.append("no impressions column in \(file): CTR cannot be computed") }
            if !hasClicks { missing.append("no clicks column in \(file): CTR and CPC cannot be computed") }
            if !s.hasColumn("campaigns", "budget") { missing.append("no budget column in \(file): budgets cannot be shown") }
        }

        // Which campaigns, and whether whole or only the scope's leads.
        var coverage = [Coverage](repeating: .whole, count: campaigns.count)
        if let reps = filter.reps {
            for (c, campaign) in campaigns.enumerated() {
                let ownerInScope = campaign.owner.flatMap { s.repIndex[$0] }.map { reps[$0] } ?? false
                coverage[c] = ownerInScope ? .whole : .partial
            }
        }
        if let inChannel = filter.campaigns {
            for c in campaigns.indices where !inChannel[c] { coverage[c] = .none }
        }

        var figures = [CampaignFigures](repeating: .empty, count: campaigns.count)
        var touched = [Bool](repeating: false, count: campaigns.count)
        let asOf = s.asOf
        let weeks = CampaignFigures.weeks
        let week: Int64 = 7 * 86_400, window = UInt64(weeks) * UInt64(week)
        do {
            // Per campaign a row of 16 counters: leads, MQLs, SQLs, any lead seen, then the 12 weeks.
            // Row n takes the leads of no campaign (or out of scope), so the loop does not branch on them.
            let n = campaigns.count, stride = 16, spare = n * 16
            let tally = Tally<Int32>(count: (n + 1) * stride)
            defer { tally.free() }
            let l = s.leads
            let campaign = l.campaign, owner = l.owner, created = l.createdAt, furthest = l.furthestAsOf
            let mql = LeadStage.mql.rawValue, sql = LeadStage.sql.rawValue
            // Without a period every lead up to the as-of moment counts.
            let (start, length) = Period.happened(period, by: asOf)
            let scoped = coverage.contains { $0 != .whole }
            for r in 0..<l.count {
                let c = Int(campaign[r])
                var slot = c >= 0 ? c : n
                if scoped && slot < n {
                    let cover = coverage[slot]
                    if cover == .none || (cover == .partial && !filter.admits(owner: owner[r])) { slot = n }
                }
                let row = slot &* stride
                tally[row &+ 3] = 1
                let t = created[r]
                let age = asOf &- t
                let weekIndex = row &+ 4 &+ weeks &- 1 &- Int(truncatingIfNeeded: age / week)
                tally.add(1, at: UInt64(bitPattern: age) < window ? weekIndex : spare &+ 4)
                let counted = UInt64(bitPattern: t &- start) < length ? row : spare
                let f = furthest[r].rawValue
                tally.add(1, at: counted)
                tally.add(f >= mql ? 1 : 0, at: counted &+ 1)
                tally.add(f >= sql ? 1 : 0, at: counted &+ 2)
            }
            for c in campaigns.indices {
                let row = c * stride
                figures[c].leads = Int(tally[row])
                figures[c].mqls = Int(tally[row + 1])
                figures[c].sqls = Int(tally[row + 2])
                touched[c] = tally[row + 3] > 0
                figures[c].leadsPerWeek = tally.array((row + 4)..<(row + 4 + weeks)).map(Double.init)
            }
        }
        do {
            let d = s.deals, leadCampaign = s.leads.campaign
            for k in 0..<d.count {
                let lead = d.lead[k]
                guard lead >= 0 else { continue }
                let c = Int(leadCampaign[Int(lead)])
                guard c >= 0 else { continue }
                let cover = coverage[c]
                if cover == .none || (cover == .partial && !filter.admits(owner: d.owner[k])) { continue }
                touched[c] = true
                let a = d.amount[k].isNaN ? 0 : d.amount[k]
                // As at the as-of moment: closed after it is open then; created after it, not there yet.
                if d.isWon(k, asOf: asOf) {
                    if let period, !period.contains(d.closeDate[k]) { continue }
                    figures[c].won += 1
                    figures[c].wonRevenue += a
                } else if d.isOpen(k, asOf: asOf) {
                    figures[c].pipelineSourced += a
                    figures[c].weightedPipeline += a * d.probability[k]
                }
            }
        }

        var rows: [CampaignRow] = []
        var anyPartial = false
        for (c, campaign) in campaigns.enumerated() {
            let cover = coverage[c]
            if cover == .none || (cover == .partial && !touched[c]) { continue }
            var f = figures[c]
            f.budget = known(campaign.budget)
            f.spend = known(campaign.spend)
            f.impressions = known(campaign.impressions)
            f.clicks = known(campaign.clicks)
            f.costsApply = cover == .whole && period == nil
            if cover == .partial { anyPartial = true }
            let label = Channel.allCases.first { $0.name == campaign.channelName }?.label ?? campaign.channelName
            rows.append(CampaignRow(campaign: c, id: campaign.id, name: campaign.name, channel: campaign.channelName,
                                    channelLabel: label, owner: campaign.owner, status: campaign.status(at: asOf),
                                    start: campaign.start, end: campaign.end == Missing.time ? nil : campaign.end, figures: f))
        }
        if let period {
            missing.append("spend is each campaign's running total and cannot be split by date: cost ratios, ROI and ROAS are shown for whole campaigns only, not for \(period.label)")
        }
        if anyPartial {
            missing.append("spend cannot be split by rep: cost ratios, ROI and ROAS are shown only for campaigns owned within \(scope.label)")
        }

        var totals = CampaignFigures.empty
        totals.costsApply = rows.allSatisfy(\.figures.costsApply)
        for row in rows {
            let f = row.figures
            totals.budget = add(totals.budget, f.budget)
            totals.spend = add(totals.spend, f.spend)
            totals.impressions = add(totals.impressions, f.impressions)
            totals.clicks = add(totals.clicks, f.clicks)
            totals.leads += f.leads
            totals.mqls += f.mqls
            totals.sqls += f.sqls
            totals.won += f.won
            totals.wonRevenue += f.wonRevenue
            totals.pipelineSourced += f.pipelineSourced
            totals.weightedPipeline += f.weightedPipeline
            for w in 0..<weeks { totals.leadsPerWeek[w] += f.leadsPerWeek[w] }
        }
        return CampaignReport(period: period, scope: scope, rows: rows, totals: totals, missing: missing)
    }

    private static func known(_ x: Double) -> Double? { x.isNaN ? nil : x }

    private static func add(_ a: Double?, _ b: Double?) -> Double? {
        guard let b else { return a }
        return (a ?? 0) + b
    }
}
