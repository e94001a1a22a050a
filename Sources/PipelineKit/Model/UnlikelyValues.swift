/// Values that read well but cannot be meant as written: a campaign that ends before it starts,
/// a negative spend, more clicks than impressions, a probability over 100, a won deal without an
/// amount, a closed deal without a close date, an open deal at 0%, a negative quota, a count quota in fractions, a lead touched before it existed. Each
/// kind is one warning with how many rows and the first of them: the rows are kept, and the
/// warning says how they count.
extension Linker {
    /// One warning for the rows where `odd` holds, or none.
    /// `what` says how many rows and what is odd; `outcome`, how they count.
    mutating func warnRows(file: String, lines: [Int32], count: Int, field: String, where odd: (Int) -> Bool,
                           outcome: String? = nil, _ what: (Int) -> String) {
        var n = 0, first = -1
        for r in 0..<count where odd(r) {
            n += 1
            if first < 0 { first = r }
        }
        guard n > 0 else { return }
        diagnostics.append(Diagnostic(file: file, line: Int(lines[first]), cell: field, severity: .warning,
                                      message: "\(field): \(what(n))\(n > 1 ? " (the first at this line)" : "")\(outcome.map { "; " + $0 } ?? "")"))
    }

    static func rows(_ n: Int, _ one: String, _ many: String) -> String { n == 1 ? "1 \(one)" : "\(n) \(many)" }

    mutating func checkCampaignValues(_ t: LoadedTable) {
        let start = t.times("start"), end = t.times("end"), budget = t.numbers("budget"), spend = t.numbers("spend")
        let impressions = t.numbers("impressions"), clicks = t.numbers("clicks")
        let n = t.rowCount, file = t.file, lines = t.lines
        warnRows(file: file, lines: lines, count: n, field: "end", where: { end[$0] != Missing.time && start[$0] != Missing.time && end[$0] < start[$0] }) {
            "\(Self.rows($0, "campaign ends", "campaigns end")) before \($0 == 1 ? "it starts" : "they start")"
        }
        warnRows(file: file, lines: lines, count: n, field: "budget", where: { budget[$0] < 0 }) {
            "\(Self.rows($0, "campaign has", "campaigns have")) a negative budget"
        }
        warnRows(file: file, lines: lines, count: n, field: "spend", where: { spend[$0] < 0 },
                 outcome: "costs per lead and ROI come out negative") {
            "\(Self.rows($0, "campaign has", "campaigns have")) a negative spend"
        }
        warnRows(file: file, lines: lines, count: n, field: "clicks", where: { clicks[$0] > impressions[$0] },
                 outcome: "CTR comes out above 100%") {
            "\(Self.rows($0, "campaign has", "campaigns have")) more clicks than impressions"
        }
    }

    mutating func checkDealValues(_ t: LoadedTable, _ deals: Deals) {
        let probability = t.numbers("probability")
        warnRows(file: t.file, lines: t.lines, count: t.rowCount, field: "probability", where: { probability[$0] < 0 || probability[$0] > 100 },
                 outcome: "read as the nearest of 0% and 100%") {
            "\(Self.rows($0, "deal has", "deals have")) a probability outside 0 to 100"
        }
        warnRows(file: t.file, lines: deals.line, count: deals.count, field: "amount", where: { deals.isWon[$0] && deals.amount[$0].isNaN },
                 outcome: "counted as won, with nothing toward money quotas") {
            "\(Self.rows($0, "won deal has", "won deals have")) no amount"
        }
        // A closed deal is counted in the period of its close date: without one it is in no
        // period's wins or losses, and not open either, so it vanished from every figure unsaid.
        warnRows(file: t.file, lines: deals.line, count: deals.count, field: "close_date",
                 where: { (deals.isWon[$0] || deals.isLost[$0]) && deals.closeDate[$0] == Missing.time },
                 outcome: "counted in no period: not won, lost or open in any month") {
            "\(Self.rows($0, "closed deal has", "closed deals have")) no close date"
        }
        // An export's 0 on an open stage is most often a field nobody filled: weighted pipeline
        // then counts the deal as nothing, where an empty cell takes the stage's default.
        warnRows(file: t.file, lines: deals.line, count: deals.count, field: "probability",
                 where: { deals.isOpen($0) && probability[$0] == 0 },
                 outcome: "weighted pipeline takes 0% of the amount; an empty cell takes the stage's default") {
            "\(Self.rows($0, "open deal has", "open deals have")) a probability of 0"
        }
    }

    mutating func checkQuotaValues(_ t: LoadedTable, countMetric: (Int) -> Bool) {
        let target = t.numbers("target")
        warnRows(file: t.file, lines: t.lines, count: t.rowCount, field: "target", where: { target[$0] < 0 }) {
            "\(Self.rows($0, "quota has", "quotas have")) a negative target"
        }
        warnRows(file: t.file, lines: t.lines, count: t.rowCount, field: "target",
                 where: { countMetric($0) && target[$0] >= 0 && target[$0] != target[$0].rounded() },
                 outcome: "attainment is worked out against the fraction as written") {
            "\(Self.rows($0, "quota that counts things has", "quotas that count things have")) a fraction for a target"
        }
    }

    mutating func checkLeadValues(_ leads: Leads, file: String) {
        let created = leads.createdAt, touched = leads.firstTouchAt
        warnRows(file: file, lines: leads.line, count: leads.count, field: "first_touch_at",
                 where: { touched[$0] != Missing.time && created[$0] != Missing.time && touched[$0] + 86_400 <= created[$0] }) {
            "\(Self.rows($0, "lead was", "leads were")) first touched a day or more before \($0 == 1 ? "it was" : "they were") created"
        }
    }
}
