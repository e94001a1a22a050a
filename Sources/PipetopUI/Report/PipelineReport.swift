import Foundation
import PipelineKit

/// The dashboard's numbers as plain text, Markdown or JSON, for pasting into chat after a standup.
/// Built from the same `Metrics` the panes show, so the two never disagree.
public struct PipelineReport: Sendable {
    public enum Format: String, CaseIterable, Sendable {
        case text, markdown, json
    }

    let snapshot: Snapshot
    let metrics: Metrics
    let folderLabel: String
    let numbers: NumberText

    public init(snapshot: Snapshot, metrics: Metrics, folderLabel: String) {
        self.snapshot = snapshot
        self.metrics = metrics
        self.folderLabel = folderLabel
        // Plain ASCII for the missing mark: reports get pasted into places with odd fonts.
        numbers = NumberText(currencySymbol: "$", missing: "-")
    }

    public func render(_ format: Format) -> String {
        switch format {
        case .text: return sections().map { $0.text() }.joined(separator: "\n")
        case .markdown: return sections().map { $0.markdown() }.joined(separator: "\n")
        case .json: return json()
        }
    }

    // MARK: - Sections shared by text and Markdown

    struct Section {
        var title: String
        var lines: [String] = []
        var header: [String] = []
        var rows: [[String]] = []
        /// Columns right-aligned (numbers).
        var numeric: Set<Int> = []
        var notes: [String] = []

        /// The widest a cell may be in text and Markdown: a name as long as a page would otherwise
        /// widen every row of its table to match.
        static let cellWidth = 48

        func text() -> String {
            var out = [title, String(repeating: "=", count: title.count)]
            out += lines
            if !header.isEmpty {
                let all = ([header] + rows).map { $0.map { truncated($0, toWidth: Self.cellWidth) } }
                let widths = header.indices.map { c in all.map { displayWidth(of: $0[c]) }.max() ?? 0 }
                for (i, row) in all.enumerated() {
                    let cells = row.indices.map { c -> String in
                        let pad = String(repeating: " ", count: widths[c] - displayWidth(of: row[c]))
                        return numeric.contains(c) ? pad + row[c] : row[c] + pad
                    }
                    out.append(cells.joined(separator: "  ").trimmingTrailingSpaces())
                    if i == 0 { out.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
                }
            }
            out += notes.map { "note: " + $0 }
            return out.joined(separator: "\n") + "\n"
        }

        /// Every piece of text is escaped: a campaign named `<b>x</b> [l](javascript:…)` is shown
        /// as written, not as markup or a link.
        func markdown() -> String {
            let escape = MarkdownText.escaped
            var out = ["## " + escape(title), ""]
            if !lines.isEmpty { out += lines.map { "- " + escape($0) } + [""] }
            if !header.isEmpty {
                let cell = { (s: String) in escape(truncated(s, toWidth: Self.cellWidth)) }
                out.append("| " + header.map(cell).joined(separator: " | ") + " |")
                out.append("|" + header.indices.map { numeric.contains($0) ? "---:" : ":---" }.joined(separator: "|") + "|")
                out += rows.map { "| " + $0.map(cell).joined(separator: " | ") + " |" }
                out.append("")
            }
            out += notes.map { "> " + escape($0) }
            if !notes.isEmpty { out.append("") }
            return out.joined(separator: "\n")
        }
    }

    func sections() -> [Section] {
        [overview(), funnel(), campaigns(), campaignEfficiency(), quotas(), sla()]
    }

    private var asOfText: String { formatISO(snapshot.asOf, timeZone: snapshot.settings.timeZone, withTime: true) }

    func overview() -> Section {
        var s = Section(title: "pipetop report: \(clean(folderLabel))")
        s.lines = [
            "Period: \(metrics.period.label)",
            "Scope: \(clean(metrics.scope.label))",
            "As of: \(asOfText)",
        ]
        let errors = snapshot.diagnostics.filter { $0.severity == .error }.count
        let broken = snapshot.files.filter { $0.errors > 0 || $0.state == .failed }.map { clean($0.file) }
        if errors > 0 || !broken.isEmpty {
            let leftOut = snapshot.files.filter { $0.leftOut > 0 }.map { "\(clean($0.file)) \(numbers.count($0.leftOut))" }
            s.lines.append("Data problems: \(errors) error\(errors == 1 ? "" : "s") in \(broken.joined(separator: ", "))"
                           + (leftOut.isEmpty ? "" : "; rows left out of the numbers: \(leftOut.joined(separator: ", "))")
                           + " (run `pipetop check` for the list)")
        }
        // The settings file is no table: a value with an error keeps its default, the rest are used.
        s.notes = fileNotes(snapshot.files.map(\.table).filter { $0 != "settings" }, saying: true) + overflowNotes.map(clean)
        if let settings = snapshot.status(of: "settings"), settings.state == .failed, let p = settings.firstProblem {
            // A message with a line is about one value of a file that was read; without one (not
            // UTF-8, a folder in its place) or for its syntax, nothing in the file was used.
            let wholeFile = p.line == 0 || p.message.hasPrefix("TOML syntax")
            let effect = settings.showingLastGood ? "the settings read before are used"
                : (wholeFile ? "the file cannot be read: every setting is at its default" : "that value keeps its default, the others are used")
            s.notes.append(clean("\(p.location): \(p.message): \(effect)"))
        }
        return s
    }

    /// What the numbers of a section lack because a file it reads could not be read as a whole:
    /// without this, a report of a broken file reads as a quiet month.
    /// `saying`: with the problem itself (once, at the top); the sections only point at it.
    func fileNotes(_ tables: [String], saying: Bool = false) -> [String] {
        tables.compactMap { table in
            guard let f = snapshot.status(of: table), f.state == .failed else { return nil }
            let problem = saying ? f.firstProblem.map { " (\($0.location): \($0.message))" } ?? "" : ""
            let file = clean(f.file)
            if f.showingLastGood { return "\(file) cannot be read as it is now\(problem): its last good rows are counted" }
            if f.rows > 0 { return "\(file) could not be read as a whole\(problem): only the \(f.rows) rows read before that are counted" }
            return "\(file) could not be read\(problem): nothing from it is counted"
        }.map(clean)
    }

    /// The files each section's numbers come from.
    static let sources: [String: [String]] = [
        "funnel": ["leads", "deals", "stage_history"], "campaigns": ["campaigns", "leads", "deals"],
        "quotas": ["quotas", "reps", "deals", "leads"], "sla": ["leads", "reps"],
    ]

    func funnel() -> Section {
        let f = metrics.funnel
        var s = Section(title: "Funnel (\(f.split.label))")
        s.lines = [f.countingConvention]
        s.header = ["Stage", "Reached", "Marketing", "Sales", "Next step", "Cumulative", "Median days to next"]
        s.numeric = Set(1...6)
        s.rows = f.stages.map { row in
            // The sources the split leaves out show no count, as on the dashboard.
            [row.stage.label, numbers.count(row.reached),
             f.split == .sales ? numbers.missing : numbers.count(row.marketing),
             f.split == .marketing ? numbers.missing : numbers.count(row.sales),
             numbers.percent(row.nextStepConversion), numbers.percent(row.cumulativeConversion),
             numbers.decimal(row.medianDaysToNext)]
        }
        s.notes = fileNotes(Self.sources["funnel"]!) + f.missing.map(clean)
        s.lines.append("Exits: lost \(numbers.count(f.lost)), disqualified \(numbers.count(f.disqualified)), recycled \(numbers.count(f.recycled))")
        s.lines.append("Deals closed in the period: won \(numbers.count(f.dealsWon)) (\(numbers.moneyExact(f.wonAmount))), lost \(numbers.count(f.dealsLost)), win rate \(numbers.percent(f.winRate))")
        let before = f.mqlsPreviousToSamePoint ? "previous period to the same point" : "previous period"
        s.lines.append("MQLs: \(numbers.count(f.mqls)) (\(before) \(numbers.count(f.mqlsPrevious)), lead velocity \(numbers.delta(f.leadVelocityRate)))")
        s.lines.append("Open pipeline: \(numbers.count(f.openDeals)) deals, "
            + (f.openDeals > 0 && !openAmountsKnown ? "amounts unknown (no amount on any open deal)"
                                                : "\(numbers.moneyExact(f.openPipeline)) (weighted \(numbers.moneyExact(f.weightedPipeline)))"))
        if let why = unread("leads") {
            // Without leads the stages are unknown, not zero.
            s.header = []
            s.rows = []
            s.lines = ["missing: \(why): the lead stages, exits and MQLs cannot be counted"] + s.lines.filter { $0.hasPrefix("Deals") || $0.hasPrefix("Open") }
        }
        if let why = unread("deals") {
            s.lines = s.lines.filter { !$0.hasPrefix("Deals") && !$0.hasPrefix("Open") }
                + ["missing: \(why): deals closed and the open pipeline cannot be counted"]
        }
        return s
    }

    /// Why a table's numbers are unknown rather than zero: its file is not there, or could not be
    /// read and no rows of it are shown. Nil when it was read (an empty file has no rows to count).
    private func unread(_ table: String) -> String? {
        guard let f = snapshot.status(of: table) else { return table == "leads" && snapshot.leads.count == 0 ? "no leads in this folder" : nil }
        switch f.state {
        case .missing: return "no \(table) in this folder"
        case .failed where f.rows == 0 && !f.showingLastGood: return "\(clean(f.file)) could not be read"
        default: return nil
        }
    }

    /// Lead counts of campaigns, without leads; what their deals brought, without deals or the
    /// leads that tie deals to campaigns.
    private var campaignLeadsUnknown: Bool { unread("leads") != nil }
    private var campaignDealsUnknown: Bool { unread("leads") != nil || unread("deals") != nil }
    /// A campaign figure's text, or the missing mark when it is unknown.
    private func campaignLeadCell(_ text: String) -> String { campaignLeadsUnknown ? numbers.missing : text }
    private func campaignDealCell(_ text: String) -> String { campaignDealsUnknown ? numbers.missing : text }

    /// A quota counted from a file that could not be read.
    private func quotaUnknown(_ metric: QuotaMetric) -> Bool {
        switch metric {
        case .wonAmount, .dealsWon: return unread("deals") != nil
        case .sals, .sqls: return unread("leads") != nil
        case .meetings: return false
        }
    }

    /// Whether any open deal has an amount: when none has, the open pipeline is unknown, not $0.
    private var openAmountsKnown: Bool {
        let d = snapshot.deals
        return (0..<d.count).contains { d.isOpen($0) && !d.amount[$0].isNaN }
    }

    func campaigns() -> Section {
        let c = metrics.campaigns
        // Campaign figures run over each campaign's whole life unless a period is asked for:
        // said in the title, since the report's period is another one.
        var s = Section(title: "Campaigns (\(c.period.map(\.label) ?? "whole life"))")
        s.header = ["Campaign", "Channel", "Status", "Spend", "Leads", "MQLs", "CPL", "Cost/MQL", "Pipeline", "Won", "ROI"]
        s.numeric = Set(3...10)
        let lead = campaignLeadCell, deal = campaignDealCell
        s.rows = c.rows.map { r in
            [clean(r.name), clean(r.channelLabel), r.status.rawValue, numbers.moneyExact(r.spend), lead(numbers.count(r.leads)),
             lead(numbers.count(r.mqls)), lead(numbers.moneyExact(r.cpl)), lead(numbers.moneyExact(r.costPerMQL)),
             deal(numbers.moneyExact(r.pipelineSourced)), deal(numbers.moneyExact(r.wonRevenue)), deal(numbers.percent(r.roi, decimals: 0))]
        }
        let t = c.totals
        s.rows.append(["Total", "", "", numbers.moneyExact(t.spend), lead(numbers.count(t.leads)), lead(numbers.count(t.mqls)),
                       lead(numbers.moneyExact(t.cpl)), lead(numbers.moneyExact(t.costPerMQL)), deal(numbers.moneyExact(t.pipelineSourced)),
                       deal(numbers.moneyExact(t.wonRevenue)), deal(numbers.percent(t.roi, decimals: 0))])
        s.notes = fileNotes(Self.sources["campaigns"]!) + c.missing.map(clean)
        if c.rows.isEmpty { s.header = []; s.rows = [] }
        return s
    }

    /// The campaign ratios the main table has no room for: reach, clicks and what each later
    /// result cost, and revenue per dollar spent.
    func campaignEfficiency() -> Section {
        let c = metrics.campaigns
        var s = Section(title: "Campaign efficiency (\(c.period.map(\.label) ?? "whole life"))")
        s.header = ["Campaign", "Impressions", "Clicks", "CTR", "CPC", "Cost/SQL", "Cost/won", "Weighted", "ROAS"]
        s.numeric = Set(1...8)
        let lead = campaignLeadCell, deal = campaignDealCell
        let row = { (name: String, f: CampaignFigures) -> [String] in
            [name, numbers.count(f.impressions), numbers.count(f.clicks), numbers.percent(f.ctr), numbers.moneyExact(f.cpc, cents: true),
             lead(numbers.moneyExact(f.costPerSQL)), deal(numbers.moneyExact(f.costPerWon)), deal(numbers.moneyExact(f.weightedPipeline)),
             deal(numbers.multiple(f.roas, decimals: 2))]
        }
        s.rows = c.rows.map { row(clean($0.name), $0.figures) } + [row("Total", c.totals)]
        if c.rows.isEmpty { s.header = []; s.rows = [] }
        return s
    }

    func quotas() -> Section {
        let q = metrics.quotas
        var s = Section(title: "Quotas (\(numbers.percent(q.elapsedShare, decimals: 0)) of the period's selling time gone)")
        s.header = ["Who", "Metric", "Target", "Actual", "Attainment", "Pacing", "Gap", "Forecast", "Coverage", "Status"]
        s.numeric = Set(2...8)
        let early = q.elapsedShare < QuotaMetrics.forecastFromShare
        let row = { (r: QuotaRow) -> [String] in
            let money = r.metric.isMoney
            let amount = { (v: Double?) in money ? numbers.moneyExact(v) : numbers.count(v) }
            let head = [clean(r.isTeam ? "Team \(r.owner)" : r.owner), r.metric.label, amount(r.target)]
            // Counted from a file that could not be read: unknown, not zero and behind pace.
            if self.quotaUnknown(r.metric) { return head + Array(repeating: numbers.missing, count: 6) + [""] }
            return head + [amount(r.actual),
                    numbers.percent(r.attainment, decimals: 0), numbers.multiple(r.pacing, decimals: 2), amount(r.gap),
                    early ? "early" : amount(r.runRateForecast), numbers.multiple(r.coverage), r.behindPace ? "behind pace" : ""]
        }
        s.rows = q.teams.map(row) + q.reps.map(row)
        s.notes = fileNotes(Self.sources["quotas"]!) + q.missing.map(clean)
        if early {
            s.notes.append("forecasts are shown from \(numbers.percent(QuotaMetrics.forecastFromShare, decimals: 0)) of the selling time gone (the JSON report has them)")
        }
        return s
    }

    func sla() -> Section {
        let a = metrics.sla
        var s = Section(title: "SLA")
        let target = a.mqlTarget.map { numbers.count($0) } ?? numbers.missing
        s.lines = [
            "MQLs delivered: \(numbers.count(a.mqlsDelivered)) of \(target) (pace \(numbers.multiple(a.mqlPace, decimals: 2)))",
            "First touch: median \(hours(a.firstTouchMedianHours)), p90 \(hours(a.firstTouchP90Hours)), "
                + "within \(numbers.targetHours(a.firstTouchTargetHours)) \(numbers.percent(a.touchedWithinTargetShare)), "
                + "within \(numbers.targetHours(a.fastTouchHours)) \(numbers.percent(a.touchedWithinFastShare))"
                + (a.businessHoursOnly ? " (business hours)" : ""),
            "Accepted \(numbers.count(a.accepted)), rejected \(numbers.count(a.rejected)) (\(numbers.percent(a.acceptedShare)) accepted)",
            "Breaching now: \(numbers.count(a.breaching.count))",
        ]
        s.header = ["Lead", "Name", "Company", "Owner", "Overdue"]
        s.numeric = [4]
        let leads = snapshot.leads
        s.rows = a.breaching.prefix(10).map { item in
            let r = item.lead
            return [clean(leads.id[r]), clean(leads.name[r]), clean(leads.company[r]),
                    clean(leads.ownerName[r] ?? "unassigned"), numbers.duration(seconds: Double(item.overdueSeconds))]
        }
        if a.breaching.count > 10 { s.notes.append("\(a.breaching.count - 10) more breaching leads not listed") }
        if s.rows.isEmpty { s.header = [] }
        s.notes = fileNotes(Self.sources["sla"]!) + s.notes + a.missing.map(clean)
        if let why = unread("leads") {
            // Without leads there is nothing the SLA counts: its figures are unknown, not zero.
            s.lines = ["missing: \(why): MQLs, first touches and breaches cannot be counted"]
        }
        return s
    }

    private func hours(_ h: Double?) -> String { numbers.duration(seconds: h.map { $0 * 3600 }) }

    /// Data text with control characters and escape sequences removed, as on screen.
    private func clean(_ s: String) -> String { sanitized(s) }

    // MARK: - JSON

    func json() -> String {
        let f = metrics.funnel, c = metrics.campaigns, q = metrics.quotas, a = metrics.sla
        let zone = snapshot.settings.timeZone
        // Counts without the file they come from are unknown (null), not zero.
        let noLeads = unread("leads") != nil, noDeals = unread("deals") != nil
        let amountsUnknown = f.openDeals > 0 && !openAmountsKnown
        let counted = { (v: Int) -> ReportJSON in noLeads ? nil : ReportJSON(v) }
        // A quota counted from the deals (won amount, deals won) is unknown without them, as is
        // what a campaign's deals brought.
        let quota = { (r: QuotaRow) -> ReportJSON in
            let unknown = self.quotaUnknown(r.metric)
            let known = { (v: ReportJSON) -> ReportJSON in unknown ? nil : v }
            return ["owner": ReportJSON(r.owner), "team": ReportJSON(r.isTeam ? r.owner : r.team), "is_team": ReportJSON(r.isTeam),
                    "metric": ReportJSON(r.metric.name), "target": ReportJSON(r.target), "actual": known(ReportJSON(r.actual)),
                    "attainment": known(ReportJSON(r.attainment)), "pacing": known(ReportJSON(r.pacing)), "gap": known(ReportJSON(r.gap)),
                    "run_rate_forecast": known(ReportJSON(r.runRateForecast)), "coverage": known(ReportJSON(r.coverage)),
                    "behind_pace": known(ReportJSON(r.behindPace))]
        }
        let figures = { (x: CampaignFigures) -> [(String, ReportJSON)] in
            let deal = { (v: ReportJSON) -> ReportJSON in self.campaignDealsUnknown ? nil : v }
            let lead = { (v: ReportJSON) -> ReportJSON in self.campaignLeadsUnknown ? nil : v }
            return [("spend", ReportJSON(x.spend)), ("budget", ReportJSON(x.budget)), ("leads", lead(ReportJSON(x.leads))),
                    ("mqls", lead(ReportJSON(x.mqls))), ("sqls", lead(ReportJSON(x.sqls))), ("won", deal(ReportJSON(x.won))),
                    ("won_revenue", deal(ReportJSON(x.wonRevenue))), ("pipeline_sourced", deal(ReportJSON(x.pipelineSourced))),
                    ("cost_per_lead", lead(ReportJSON(x.cpl))), ("cost_per_mql", lead(ReportJSON(x.costPerMQL))), ("roi", deal(ReportJSON(x.roi))),
                    ("impressions", ReportJSON(x.impressions)), ("clicks", ReportJSON(x.clicks)), ("ctr", ReportJSON(x.ctr)),
                    ("cost_per_click", ReportJSON(x.cpc)), ("cost_per_sql", lead(ReportJSON(x.costPerSQL))),
                    ("cost_per_won", deal(ReportJSON(x.costPerWon))), ("roas", deal(ReportJSON(x.roas))),
                    ("weighted_pipeline", deal(ReportJSON(x.weightedPipeline)))]
        }
        let stages: [ReportJSON] = f.stages.map { row in
            // Without leads the stages' counts are unknown, not zero.
            ["stage": ReportJSON(row.stage.name), "reached": counted(row.reached),
             "marketing": f.split == .sales ? nil : counted(row.marketing),
             "sales": f.split == .marketing ? nil : counted(row.sales),
             "next_step_conversion": ReportJSON(row.nextStepConversion),
             "cumulative_conversion": ReportJSON(row.cumulativeConversion),
             "median_days_to_next": ReportJSON(row.medianDaysToNext)]
        }
        let root: ReportJSON = [
            "folder": ReportJSON(folderLabel),
            "period": ["label": ReportJSON(metrics.period.label), "start": ReportJSON(formatISO(metrics.period.start, timeZone: zone, withTime: true)),
                       "end": ReportJSON(formatISO(metrics.period.end, timeZone: zone, withTime: true))],
            "scope": ReportJSON(metrics.scope.label),
            "as_of": ReportJSON(asOfText),
            "errors": ReportJSON(snapshot.diagnostics.filter { $0.severity == .error }.count),
            // Totals too large to hold are null in the figures: this says why.
            "notes": ReportJSON(overflowNotes),
            "files": .array(snapshot.files.map { f in
                ["file": ReportJSON(f.file), "table": ReportJSON(f.table), "state": ReportJSON(f.state.rawValue), "rows": ReportJSON(f.rows),
                 "left_out": ReportJSON(f.leftOut), "errors": ReportJSON(f.errors), "warnings": ReportJSON(f.warnings),
                 "showing_last_good": ReportJSON(f.showingLastGood), "first_problem": ReportJSON(f.firstProblem.map { "\($0.location): \($0.message)" })]
            }),
            "funnel": [
                "split": ReportJSON(f.split.rawValue), "counting": ReportJSON(f.countingConvention),
                "stages": .array(stages),
                "lost": counted(f.lost), "disqualified": counted(f.disqualified), "recycled": counted(f.recycled),
                "deals_won": noDeals ? nil : ReportJSON(f.dealsWon), "won_amount": noDeals ? nil : ReportJSON(f.wonAmount),
                "deals_lost": noDeals ? nil : ReportJSON(f.dealsLost), "win_rate": ReportJSON(f.winRate),
                "mqls": counted(f.mqls), "mqls_previous": counted(f.mqlsPrevious),
                "mqls_previous_to_same_point": ReportJSON(f.mqlsPreviousToSamePoint), "open_deals": noDeals ? nil : ReportJSON(f.openDeals),
                "open_pipeline": amountsUnknown || noDeals ? nil : ReportJSON(f.openPipeline),
                "weighted_pipeline": amountsUnknown || noDeals ? nil : ReportJSON(f.weightedPipeline),
                "missing": ReportJSON(fileNotes(Self.sources["funnel"]!) + f.missing),
            ],
            "campaigns": [
                "period": ReportJSON(c.period?.label), "whole_life": ReportJSON(c.period == nil),
                "rows": .array(c.rows.map { r in
                    .object(figures(r.figures) + [("id", ReportJSON(r.id)), ("name", ReportJSON(r.name)), ("channel", ReportJSON(r.channel)),
                                                  ("status", ReportJSON(r.status.rawValue))])
                }),
                "totals": .object(figures(c.totals)), "missing": ReportJSON(fileNotes(Self.sources["campaigns"]!) + c.missing),
            ],
            "quotas": ["elapsed_share": ReportJSON(q.elapsedShare), "teams": .array(q.teams.map(quota)), "reps": .array(q.reps.map(quota)),
                       "missing": ReportJSON(fileNotes(Self.sources["quotas"]!) + q.missing)],
            "sla": [
                "mqls_delivered": counted(a.mqlsDelivered), "mql_target": ReportJSON(a.mqlTarget), "mql_pace": noLeads ? nil : ReportJSON(a.mqlPace),
                "first_touch_target_hours": ReportJSON(a.firstTouchTargetHours), "first_touch_median_hours": ReportJSON(a.firstTouchMedianHours),
                "first_touch_p90_hours": ReportJSON(a.firstTouchP90Hours), "touched_within_target_share": ReportJSON(a.touchedWithinTargetShare),
                "fast_touch_hours": ReportJSON(a.fastTouchHours), "touched_within_fast_share": ReportJSON(a.touchedWithinFastShare),
                "accepted": counted(a.accepted), "rejected": counted(a.rejected),
                // Who to chase, as the text report and the screen list them.
                "breaching": noLeads ? nil : .array(a.breaching.map { item in
                    let r = item.lead, leads = snapshot.leads
                    return ["lead": ReportJSON(leads.id[r]), "name": ReportJSON(leads.name[r]), "company": ReportJSON(leads.company[r]),
                            "owner": ReportJSON(leads.ownerName[r]), "overdue_seconds": ReportJSON(Int(item.overdueSeconds))]
                }),
                "missing": ReportJSON(fileNotes(Self.sources["sla"]!) + a.missing),
            ],
        ]
        return root.text()
    }

    /// Columns whose values add up past what a number holds: totals over them are infinite,
    /// shown as overflow (null in JSON), and this says so.
    var overflowNotes: [String] {
        TotalOverflow.diagnostics(snapshot, locating: false).map { "\($0.location): \($0.message)" }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
