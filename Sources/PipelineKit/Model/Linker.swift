import Foundation

/// Turns raw tables into the typed model: words into vocabulary indexes, names into row numbers,
/// with a message for every value that does not resolve. Rows with an unknown stage, channel or
/// quota owner are left out (they cannot be counted anywhere); an unknown rep or campaign on a lead
/// or deal is an error but the row stays, so totals do not silently change.
struct Linker {
    let settings: Settings
    /// The tables as read, with the settings' value maps applied and rep ids turned into names.
    let tables: [String: LoadedTable]
    var diagnostics: [Diagnostic] = []
    /// Ids of deals whose rows were left out for an unknown stage: a lead naming one is told so.
    var leftOutDeals: Set<String> = []
    /// The same for leads (a bad cell, an unknown stage or source) and reps (a bad cell).
    var leftOutLeads: Set<String> = []
    var leftOutReps: Set<String> = []
    /// Said once: quotas wait for a readable reps.csv.
    var quotasWaitForReps = false

    /// Whether rows elsewhere can be checked against `table`: it was read whole. Against a file
    /// that could not be (empty, no required column, not a file, a quote open at its end), every
    /// reference to a row it did not give would be reported, burying the one message that matters.
    func readable(_ table: String) -> Bool { tables[table].map { !$0.failed } ?? false }

    /// How many rows one unknown value is reported for before the rest are summed up in one line.
    static let reportsPerValue = 20

    struct Parts {
        var campaigns: [Campaign] = []
        var leads = Leads.empty
        var deals = Deals.empty
        var reps: [Rep] = []
        var quotas: [Quota] = []
        var history = StageHistory.empty
        var activity: [ActivityEntry] = []
        var repIndex: [String: Int] = [:]
        var campaignIndex: [String: Int] = [:]
        var teams: [String] = []
        /// Id indexes, built once and shared by the joins and the snapshot (each takes a pass over
        /// every id: at a million leads, building them again was a fifth of the load).
        var leadIndex = TextIndex(TextColumn())
        var dealIndex = TextIndex(TextColumn())
        /// Ids of campaigns whose rows were left out here (an unknown channel): a lead naming one
        /// is told so, not that the id is nowhere in the file.
        var leftOutCampaigns: Set<String> = []
    }

    init(settings: Settings, tables: [String: LoadedTable]) {
        self.settings = settings
        self.tables = Self.translated(tables, settings: settings)
    }

    /// Applies each mapping's value maps to its category columns (vocabulary fields are translated
    /// by `resolve`, so messages show the file's own spelling), and, when the reps file has an `id`
    /// column, names reps in owner columns that give their id (a Salesforce OwnerId).
    static func translated(_ tables: [String: LoadedTable], settings: Settings) -> [String: LoadedTable] {
        var names: [String: String] = [:]
        if let reps = tables["reps"], reps.has("id") {
            let ids = reps.text("id"), rep = reps.text("rep")
            for r in 0..<reps.rowCount where !ids.isEmpty(r) { names[ids[r]] = rep[r] }
        }
        var out = tables
        for (name, table) in tables {
            let valueMaps = settings.tables[name]?.values ?? [:]
            let mappedTable = MappedTable(rawValue: name)
            for (f, field) in table.schema.fields.enumerated() {
                guard case .category(let column) = table.columns[f] else { continue }
                var map: [String: String] = [:]
                if let m = valueMaps[field.name], mappedTable?.vocabulary(for: field.name, in: settings) == nil { map = m }
                let isOwner = field.name == "owner" && name != "reps"
                guard !map.isEmpty || (isOwner && !names.isEmpty) else { continue }
                let byKey = Dictionary(map.map { (normalizedKey($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
                let renamed = column.renamed { raw in
                    let value = map[raw] ?? byKey[normalizedKey(raw)] ?? raw
                    return isOwner ? (names[value] ?? value) : value
                }
                out[name]!.columns[f] = .category(renamed)
            }
        }
        return out
    }

    /// The loader's id index, when the linked rows are still exactly the rows it indexed (rows are
    /// only ever left out, never reordered, so the same count means the same rows).
    static func reusedIndex(_ table: LoadedTable?, rows: Int) -> TextIndex? {
        guard let table, table.rowCount == rows else { return nil }
        return table.idIndex
    }

    mutating func link() -> Parts {
        var parts = Parts()
        if let t = tables["reps"] { linkReps(t, &parts) }
        if let t = tables["campaigns"] { linkCampaigns(t, &parts) }
        if let t = tables["leads"] { parts.leads = linkLeads(t, parts) }
        parts.leadIndex = Self.reusedIndex(tables["leads"], rows: parts.leads.count) ?? TextIndex(parts.leads.id)
        if let t = tables["deals"] { parts.deals = linkDeals(t, parts) }
        parts.dealIndex = Self.reusedIndex(tables["deals"], rows: parts.deals.count) ?? TextIndex(parts.deals.id)
        checkLeadDeals(&parts)
        if let t = tables["quotas"] { linkQuotas(t, &parts) }
        if let t = tables["stage_history"] { parts.history = linkHistory(t, parts) }
        if let t = tables["activity"] { parts.activity = linkActivity(t) }
        if let t = tables["products"], let d = tables["deals"] { checkProducts(t, deals: d) }
        return parts
    }

    // MARK: - Resolving values

    /// Maps each distinct value of a category column through the file's value map and a vocabulary.
    /// Returns the word index per code (nil = unknown) and reports rows with unknown values.
    /// `outcome`: what becomes of a row with an unknown value, said in the message.
    mutating func resolve(_ column: CategoryColumn, field: String, table: LoadedTable, vocabulary: Vocabulary,
                          what: String, severity: Diagnostic.Severity = .error, outcome: String = "the row is left out") -> [Int?] {
        let valueMap = settings.tables[table.schema.name]?.values[field] ?? [:]
        let mapped: [Int?] = column.values.map { raw in
            let translated = valueMap[raw] ?? valueMap.first { normalizedKey($0.key) == normalizedKey(raw) }?.value ?? raw
            return vocabulary.index(of: translated)
        }
        if mapped.contains(where: { $0 == nil }) {
            reportUnknown(column, mapped, field: field, table: table, what: what, severity: severity, outcome: outcome) { raw in
                vocabulary.suggestion(for: raw).map { "did you mean \"\($0)\"?" } ?? "known: \(vocabulary.words.joined(separator: ", "))"
            }
        }
        return mapped
    }

    /// `place`: where each row's cell is, when not in `table` itself (a lead's campaign comes
    /// from its row in the campaign members file).
    mutating func reportUnknown<T>(_ column: CategoryColumn, _ mapped: [T?], field: String, table: LoadedTable, what: String,
                                   severity: Diagnostic.Severity, outcome: String?, place: CellPlace? = nil, suggest: (String) -> String?) {
        let place = place ?? CellPlace(table)
        var reported = Array(repeating: 0, count: mapped.count)
        for r in 0..<column.count {
            let c = column.codes[r]
            guard c >= 0, mapped[Int(c)] == nil else { continue }
            reported[Int(c)] += 1
            if reported[Int(c)] <= Self.reportsPerValue {
                let raw = column.values[Int(c)]
                diagnostics.append(Diagnostic(file: place.file, line: Int(place.lines[r]), cell: field, value: raw, severity: severity,
                                              message: "\(field): unknown \(what) \"\(sanitizedForMessage(raw))\"\(outcome.map { "; " + $0 } ?? "")",
                                              suggestion: suggest(raw)))
            }
        }
        for (c, n) in reported.enumerated() where n > Self.reportsPerValue {
            diagnostics.append(Diagnostic(file: place.file, severity: severity,
                                          message: "\(field): \(n - Self.reportsPerValue) more rows with the unknown \(what) \"\(sanitizedForMessage(column.values[c]))\""))
        }
    }

    /// Where the cells of a column's rows are: a file, and the line of each row.
    struct CellPlace {
        var file: String
        var lines: [Int32]
        init(file: String, lines: [Int32]) { (self.file, self.lines) = (file, lines) }
        init(_ table: LoadedTable) { (file, lines) = (table.file, table.lines) }
    }

    /// What becomes of a row whose reference does not resolve: `row` names one ("lead"), `rows`
    /// several, and `kept` says how it is counted ("counted under no campaign").
    struct Outcome {
        var row: String
        var rows: String
        var kept: String
        var one: String { "the \(row) is kept, \(kept)" }
    }

    /// Rows naming a value whose own row elsewhere was left out, one warning per value: that row's
    /// error says what is wrong, so a line per row here only buries it. The warning stands at the
    /// first such cell in the file, with the count.
    mutating func reportLeftOut(_ column: CategoryColumn, _ mapped: [Int32?], field: String, what: String, outcome: Outcome, place: CellPlace) {
        var count = Array(repeating: 0, count: mapped.count), first = Array(repeating: -1, count: mapped.count)
        for r in 0..<column.count {
            let c = Int(column.codes[r])
            guard c >= 0, mapped[c] == nil else { continue }
            // The first in the file: cells elsewhere (a members file) need not be in row order.
            if count[c] == 0 || place.lines[r] < place.lines[first[c]] { first[c] = r }
            count[c] += 1
        }
        for c in count.indices where count[c] > 0 {
            let raw = column.values[c], value = sanitizedForMessage(raw)
            let message = count[c] == 1
                ? "\(field): unknown \(what) \"\(value)\"; \(outcome.one)"
                : "\(field): \(count[c]) \(outcome.rows) with the unknown \(what) \"\(value)\" (the first at this line); they are kept, \(outcome.kept)"
            diagnostics.append(Diagnostic(file: place.file, line: Int(place.lines[first[c]]), cell: field, value: raw, severity: .warning, message: message))
        }
    }

    /// Values of `column` that name no row of `target` (`rows[c]` nil): an error, `notFound`,
    /// with the nearest known name; but a warning, `leftOutWhat`, pointing at the row's own error
    /// when that row was left out (`leftOut`); nothing when `target` could not be read at all.
    /// `outcome`: what becomes of the row (it is kept), said in the message.
    mutating func reportUnresolved(_ column: CategoryColumn, _ rows: [Int32?], field: String, table: LoadedTable, target: String,
                                   leftOut: Set<String>, notFound: String, leftOutWhat: String, outcome: Outcome, place: CellPlace? = nil,
                                   known: @autoclosure () -> [String]) {
        guard rows.contains(where: { $0 == nil }), readable(target) else { return }
        let wasLeftOut = column.values.map { leftOut.contains($0) }
        let notInFile = rows.indices.map { rows[$0] ?? (wasLeftOut[$0] ? 0 : nil) }
        let ofLeftOutRows = rows.indices.map { rows[$0] ?? (wasLeftOut[$0] ? nil : 0) }
        let names = known()
        reportUnknown(column, notInFile, field: field, table: table, what: notFound, severity: .error, outcome: outcome.one, place: place) { raw in
            nearest(raw, in: names).map { "did you mean \"\($0)\"?" }
        }
        reportLeftOut(column, ofLeftOutRows, field: field, what: leftOutWhat, outcome: outcome, place: place ?? CellPlace(table))
    }

    /// The name messages give a table's file: as the settings map it.
    func fileName(_ table: String, else fallback: String) -> String { tables[table]?.file ?? fallback }

    /// Owners that are no rep in reps.csv.
    mutating func reportUnknownOwners(_ column: CategoryColumn, _ rows: [Int32?], table: LoadedTable, parts: Parts, outcome: Outcome) {
        let reps = fileName("reps", else: "reps.csv")
        reportUnresolved(column, rows, field: "owner", table: table, target: "reps", leftOut: leftOutReps,
                         notFound: "rep (not in \(reps))", leftOutWhat: "rep (their row in \(reps) is left out: see the error there)",
                         outcome: outcome,
                         known: parts.reps.map(\.name))
    }

    // MARK: - Tables

    mutating func linkReps(_ t: LoadedTable, _ parts: inout Parts) {
        let names = t.text("rep"), team = t.category("team"), manager = t.category("manager"), region = t.category("region")
        let roleColumn = t.category("role"), email = t.text("email"), login = t.text("login")
        let roles = resolve(roleColumn, field: "role", table: t, vocabulary: settings.roles, what: "role", severity: .warning,
                            outcome: "the rep is kept, with no role")
        leftOutReps.formUnion(t.diagnostics.compactMap(\.leftOutID))
        for r in 0..<t.rowCount {
            let role = roleColumn.codes[r] >= 0 ? roles[Int(roleColumn.codes[r])].map { settings.roles.words[$0] } : nil
            parts.repIndex[names[r]] = parts.reps.count
            parts.reps.append(Rep(name: names[r], team: team[r] ?? "", manager: manager[r], region: region[r], role: role,
                                  email: email.value(r), login: login.value(r), line: Int(t.lines[r])))
            if let tm = team[r], !parts.teams.contains(tm) { parts.teams.append(tm) }
        }
    }

    mutating func linkCampaigns(_ t: LoadedTable, _ parts: inout Parts) {
        let ids = t.text("campaign_id"), names = t.text("name"), channelColumn = t.category("channel"), owner = t.category("owner")
        let start = t.times("start"), end = t.times("end"), budget = t.numbers("budget"), spend = t.numbers("spend")
        let impressions = t.numbers("impressions"), clicks = t.numbers("clicks")
        let channels = resolve(channelColumn, field: "channel", table: t, vocabulary: settings.channels, what: "channel")
        parts.leftOutCampaigns.formUnion(t.diagnostics.compactMap(\.leftOutID))
        for r in 0..<t.rowCount {
            let code = channelColumn.codes[r]
            guard code >= 0, let channel = channels[Int(code)] else {
                parts.leftOutCampaigns.insert(ids[r])
                continue
            }
            parts.campaignIndex[ids[r]] = parts.campaigns.count
            parts.campaigns.append(Campaign(id: ids[r], name: names[r], channel: channel, channelName: settings.channels.words[channel],
                                            owner: owner[r], start: start[r], end: end[r], budget: budget[r], spend: spend[r],
                                            impressions: impressions[r], clicks: clicks[r], line: Int(t.lines[r])))
        }
        checkCampaignValues(t)
    }

    mutating func linkLeads(_ raw: LoadedTable, _ parts: Parts) -> Leads {
        var t = raw
        let stageColumn = t.category("stage"), sourceColumn = t.category("source")
        let stages = resolve(stageColumn, field: "stage", table: t, vocabulary: settings.leadStages, what: "stage")
        let sources = resolve(sourceColumn, field: "source", table: t, vocabulary: settings.sources, what: "source")
        // Rows whose stage or source is unknown cannot be placed in the funnel: leave them out.
        var keep = Array(repeating: true, count: t.rowCount)
        var dropped = false
        for r in 0..<t.rowCount {
            let s = stageColumn.codes[r], o = sourceColumn.codes[r]
            if s < 0 || stages[Int(s)] == nil || o < 0 || sources[Int(o)] == nil { keep[r] = false; dropped = true }
        }
        leftOutLeads.formUnion(t.diagnostics.compactMap(\.leftOutID))
        if dropped {
            let ids = t.text("lead_id")
            for r in 0..<t.rowCount where !keep[r] { leftOutLeads.insert(ids[r]) }
            t.keepRows(keep)
        }
        let n = t.rowCount
        let stageCodes = t.category("stage"), sourceCodes = t.category("source")
        let stageByWord = settings.leadStages.words.map { w in LeadStage.allCases.first { "\($0)" == w } ?? .lead }
        let stageOfCode: [LeadStage] = stages.map { $0.map { stageByWord[$0] } ?? .lead }
        let salesByCode: [Bool] = sources.map { $0.map { settings.salesSources.contains(settings.sources.words[$0]) } ?? false }
        var leads = Leads.empty
        leads.count = n
        leads.id = t.text("lead_id")
        leads.createdAt = t.times("created_at")
        leads.name = t.text("name")
        leads.company = t.text("company")
        leads.email = t.text("email")
        leads.source = sourceCodes.codes.map { Int32(sources[Int($0)]!) }
        leads.salesSourced = sourceCodes.codes.map { salesByCode[Int($0)] }
        leads.stage = stageCodes.codes.map { stageOfCode[Int($0)] }
        leads.score = t.numbers("score")
        leads.firstTouchAt = t.times("first_touch_at")
        leads.lastTouchAt = t.times("last_touch_at")
        leads.mqlAt = t.times("mql_at")
        leads.salAt = t.times("sal_at")
        leads.sqlAt = t.times("sql_at")
        leads.opportunityAt = t.times("opportunity_at")
        leads.closedAt = t.times("closed_at")
        leads.disqualifyReason = t.category("disqualify_reason")
        leads.dealID = t.text("deal_id")
        leads.line = t.lines
        leads.hasFirstTouch = t.has("first_touch_at")
        leads.hasStageTimes = t.has("mql_at") || t.has("sal_at") || t.has("sql_at") || t.has("opportunity_at")

        // Owners and campaigns: resolve each distinct name once, then map rows.
        let ownerColumn = t.category("owner")
        leads.ownerName = ownerColumn
        let ownerRows: [Int32?] = ownerColumn.values.map { parts.repIndex[$0].map(Int32.init) }
        reportUnknownOwners(ownerColumn, ownerRows, table: t, parts: parts, outcome: Outcome(row: "lead", rows: "leads", kept: "with no owner"))
        leads.owner = ownerColumn.codes.map { $0 < 0 ? Missing.index : (ownerRows[Int($0)] ?? Missing.index) }
        // Without a campaign column, each lead's campaign is a cell of the members file: messages
        // about it name that cell.
        let (campaignColumn, campaignPlace) = t.has("campaign_id")
            ? (t.category("campaign_id"), CellPlace(t))
            : membershipCampaigns(leads.id, campaigns: parts.campaigns, index: parts.campaignIndex)
        let campaignRows: [Int32?] = campaignColumn.values.map { parts.campaignIndex[$0].map(Int32.init) }
        let campaignsFile = fileName("campaigns", else: "campaigns.csv")
        reportUnresolved(campaignColumn, campaignRows, field: "campaign_id", table: t, target: "campaigns", leftOut: parts.leftOutCampaigns,
                         notFound: "campaign (not in \(campaignsFile))", leftOutWhat: "campaign (its row in \(campaignsFile) is left out: see the error there)",
                         outcome: Outcome(row: "lead", rows: "leads", kept: "counted under no campaign"), place: campaignPlace,
                         known: Array(parts.campaignIndex.keys))
        leads.campaign = campaignColumn.codes.map { $0 < 0 ? Missing.index : (campaignRows[Int($0)] ?? Missing.index) }

        // The furthest funnel stage: the current one, or later stages' timestamps, whichever is further.
        var furthest = [LeadStage](repeating: .lead, count: n)
        for r in 0..<n {
            var f: LeadStage
            switch leads.stage[r] {
            case .won: f = .won
            case .lost: f = .opportunity
            case .disqualified, .recycled: f = .lead
            case let s: f = s
            }
            if f.rawValue < LeadStage.opportunity.rawValue {
                if leads.opportunityAt[r] != Missing.time { f = .opportunity }
                else if leads.sqlAt[r] != Missing.time, f.rawValue < LeadStage.sql.rawValue { f = .sql }
                else if leads.salAt[r] != Missing.time, f.rawValue < LeadStage.sal.rawValue { f = .sal }
                else if leads.mqlAt[r] != Missing.time, f.rawValue < LeadStage.mql.rawValue { f = .mql }
            }
            furthest[r] = f
        }
        leads.furthest = furthest
        leads.stageAsOf = leads.stage
        leads.furthestAsOf = furthest
        leads.noteLatestStageTime()
        checkLeadValues(leads, file: t.file)
        return leads
    }

    /// Each lead's campaign from the campaign members file, for a leads file without a campaign
    /// column; all empty when there is no such file. First touch: the membership added first,
    /// then (memberships added at one moment, as when a CRM is loaded) the campaign that started
    /// first, then the file's order. The file's order alone credited a lead to whichever
    /// campaign the export happened to list first.
    /// With it, where each lead's campaign cell is: the line of the membership that credits it.
    func membershipCampaigns(_ leadIDs: TextColumn, campaigns known: [Campaign], index: [String: Int]) -> (CategoryColumn, CellPlace) {
        let n = leadIDs.count
        guard let m = tables["campaign_members"], m.rowCount > 0 else {
            return (CategoryColumn(codes: Array(repeating: Missing.index, count: n), values: []), CellPlace(file: "", lines: Array(repeating: 0, count: n)))
        }
        let members = m.text("lead_id"), campaigns = m.text("campaign_id"), added = m.times("added_at")
        // A missing time sorts after every real one.
        func key(_ r: Int) -> (Int64, Int64) {
            let start = index[campaigns[r]].map { known[$0].start } ?? Missing.time
            return (added[r] == Missing.time ? .max : added[r], start == Missing.time ? .max : start)
        }
        var first: [String: Int] = [:]
        for r in 0..<m.rowCount where !members.isEmpty(r) && !campaigns.isEmpty(r) {
            if let held = first[members[r]], key(held) <= key(r) { continue }
            first[members[r]] = r
        }
        var values: [String] = [], codeOf: [String: Int32] = [:]
        var lines = Array(repeating: Int32(0), count: n)
        let codes: [Int32] = (0..<n).map { r in
            guard let member = first[leadIDs[r]] else { return Missing.index }
            lines[r] = m.lines[member]
            let c = campaigns[member]
            if let code = codeOf[c] { return code }
            codeOf[c] = Int32(values.count)
            values.append(c)
            return Int32(values.count - 1)
        }
        return (CategoryColumn(codes: codes, values: values), CellPlace(file: m.file, lines: lines))
    }

    mutating func linkDeals(_ raw: LoadedTable, _ parts: Parts) -> Deals {
        var t = raw
        let stageColumn = t.category("stage")
        let vocabulary = settings.dealStages.vocabulary
        let stages = resolve(stageColumn, field: "stage", table: t, vocabulary: vocabulary, what: "deal stage")
        leftOutDeals.formUnion(t.diagnostics.compactMap(\.leftOutID))
        var keep = Array(repeating: true, count: t.rowCount)
        var dropped = false
        for r in 0..<t.rowCount {
            let s = stageColumn.codes[r]
            if s < 0 || stages[Int(s)] == nil { keep[r] = false; dropped = true }
        }
        if dropped {
            let ids = t.text("deal_id")
            for r in 0..<t.rowCount where !keep[r] { leftOutDeals.insert(ids[r]) }
            t.keepRows(keep)
        }
        let n = t.rowCount
        var deals = Deals.empty
        deals.count = n
        deals.id = t.text("deal_id")
        deals.name = t.text("name")
        deals.account = t.text("account")
        deals.stage = t.category("stage").codes.map { Int32(stages[Int($0)]!) }
        deals.isWon = deals.stage.map { settings.dealStages.isWon(Int($0)) }
        deals.isLost = deals.stage.map { settings.dealStages.isLost(Int($0)) }
        deals.amount = t.numbers("amount")
        deals.createdAt = t.times("created_at")
        deals.closeDate = t.times("close_date")
        deals.product = t.category("product")
        deals.line = t.lines
        let explicit = t.numbers("probability")
        let defaults: [Double] = vocabulary.words.map { settings.dealStages.probabilities[$0].map { $0 / 100 } ?? 0 }
        deals.probability = (0..<n).map { r in
            if deals.isWon[r] { return 1 }
            if deals.isLost[r] { return 0 }
            let p = explicit[r]
            return p.isNaN ? defaults[Int(deals.stage[r])] : min(1, max(0, p > 1 ? p / 100 : p))
        }
        let ownerColumn = t.category("owner")
        deals.ownerName = ownerColumn
        let ownerRows: [Int32?] = ownerColumn.values.map { parts.repIndex[$0].map(Int32.init) }
        reportUnknownOwners(ownerColumn, ownerRows, table: t, parts: parts, outcome: Outcome(row: "deal", rows: "deals", kept: "counted toward no rep's quota"))
        deals.owner = ownerColumn.codes.map { $0 < 0 ? Missing.index : (ownerRows[Int($0)] ?? Missing.index) }
        // Deal -> lead by id.
        let leadIndex = parts.leadIndex
        let leadIDs = t.text("lead_id")
        let lead = leadIndex.rows(for: leadIDs)
        var unknown = 0, leftOutLeadMentions = 0
        for r in 0..<n where lead[r] < 0 && !leadIDs.isEmpty(r) && readable("leads") {
            if !leftOutLeads.isEmpty, leftOutLeads.contains(leadIDs[r]) {
                leftOutLeadMentions += 1
                if leftOutLeadMentions <= Self.reportsPerValue {
                    diagnostics.append(Diagnostic(file: t.file, line: Int(t.lines[r]), cell: "lead_id", value: leadIDs[r], severity: .warning,
                                                  message: "lead_id: lead \"\(sanitizedForMessage(leadIDs[r]))\" has its row in the leads file left out: see the error there"))
                }
            } else if parts.leads.count > 0 {
                unknown += 1
                if unknown <= Self.reportsPerValue {
                    diagnostics.append(Diagnostic(file: t.file, line: Int(t.lines[r]), cell: "lead_id", value: leadIDs[r], severity: .warning,
                                                  message: "lead_id: no lead \"\(sanitizedForMessage(leadIDs[r]))\" in the leads file"))
                }
            }
        }
        if unknown > Self.reportsPerValue {
            diagnostics.append(Diagnostic(file: t.file, severity: .warning, message: "lead_id: \(unknown - Self.reportsPerValue) more deals name a lead that is not in the leads file"))
        }
        deals.lead = lead
        reportClosesBeforeCreation(deals, file: t.file)
        checkDealValues(t, deals)
        return deals
    }

    /// Deals whose close date is a day or more before their creation (a CRM's sample data, or a
    /// date set by hand): counted, since the deal is real, but their sales cycle reads as 0 days.
    mutating func reportClosesBeforeCreation(_ deals: Deals, file: String) {
        var count = 0, first = -1
        for r in 0..<deals.count where deals.closeDate[r] != Missing.time && deals.createdAt[r] != Missing.time
            && deals.closeDate[r] + 86_400 <= deals.createdAt[r] {
            count += 1
            if first < 0 { first = r }
        }
        guard count > 0 else { return }
        diagnostics.append(Diagnostic(
            file: file, line: deals.line[first] > 0 ? Int(deals.line[first]) : 0, cell: "close_date", severity: .warning,
            message: "close_date: \(count == 1 ? "1 deal closes before it was created" : "\(count) deals close before they were created") (the first at this line); their sales cycles count as 0 days",
            suggestion: "check the close_date and created_at columns the settings map"))
    }

    mutating func checkLeadDeals(_ parts: inout Parts) {
        guard let t = tables["leads"], parts.deals.count > 0 || !leftOutDeals.isEmpty, readable("deals") else { return }
        let index = parts.dealIndex
        var unknown = 0, leftOutDealMentions = 0
        let dealRows = index.rows(for: parts.leads.dealID)
        // Deals whose own lead_id names their lead, as against links taken from a lead's deal_id.
        let ownLead = parts.deals.lead.map { $0 >= 0 }
        for r in 0..<parts.leads.count where !parts.leads.dealID.isEmpty(r) {
            if dealRows[r] < 0, !leftOutDeals.isEmpty, leftOutDeals.contains(parts.leads.dealID[r]) {
                leftOutDealMentions += 1
                if leftOutDealMentions <= Self.reportsPerValue {
                    diagnostics.append(Diagnostic(file: t.file, line: Int(parts.leads.line[r]), cell: "deal_id", value: parts.leads.dealID[r], severity: .warning,
                                                  message: "deal_id: deal \"\(sanitizedForMessage(parts.leads.dealID[r]))\" has its row in the deals file left out: see the error there"))
                }
            } else if dealRows[r] >= 0 {
                // A deal with no lead_id takes the lead that names it: CRMs often record the link
                // on one side only, and the deal's source (campaign, marketing or sales) follows it.
                let d = Int(dealRows[r])
                let linked = parts.deals.lead[d]
                if linked < 0 {
                    parts.deals.lead[d] = Int32(r)
                } else if Int(linked) != r {
                    let deal = sanitizedForMessage(parts.leads.dealID[r]), other = sanitizedForMessage(parts.leads.id[Int(linked)])
                    let message = ownLead[d]
                        ? "deal_id: deal \"\(deal)\" names lead \"\(other)\" as its lead, not this one"
                        : "deal_id: lead \"\(other)\" names deal \"\(deal)\" too, and the deals file does not say whose it is; it is counted as \"\(other)\"'s"
                    diagnostics.append(Diagnostic(file: t.file, line: Int(parts.leads.line[r]), cell: "deal_id", value: parts.leads.dealID[r], severity: .warning,
                                                  message: message, suggestion: ownLead[d] ? "fix the deal_id here or the lead_id in the deals file" : "give the deal a lead_id, or fix one of the deal_ids"))
                }
            } else {
                unknown += 1
                if unknown <= Self.reportsPerValue {
                    diagnostics.append(Diagnostic(file: t.file, line: Int(parts.leads.line[r]), cell: "deal_id", value: parts.leads.dealID[r], severity: .warning,
                                                  message: "deal_id: no deal \"\(sanitizedForMessage(parts.leads.dealID[r]))\" in the deals file"))
                }
            }
        }
        if unknown > Self.reportsPerValue {
            diagnostics.append(Diagnostic(file: t.file, severity: .warning, message: "deal_id: \(unknown - Self.reportsPerValue) more leads name a deal that is not in the deals file"))
        }
    }

    mutating func linkQuotas(_ t: LoadedTable, _ parts: inout Parts) {
        let owner = t.category("owner"), start = t.times("period_start"), periodColumn = t.category("period")
        let metricColumn = t.category("metric"), target = t.numbers("target")
        let periods = resolve(periodColumn, field: "period", table: t, vocabulary: settings.periods, what: "period")
        let metrics = resolve(metricColumn, field: "metric", table: t, vocabulary: settings.metrics, what: "metric")
        // The metric of each distinct value, looked up once.
        let metricWords = settings.metrics.words
        let quotaMetric: [QuotaMetric?] = metrics.map { m in m.flatMap { m in QuotaMetric.allCases.first { $0.name == metricWords[m] } } }
        checkQuotaValues(t) { r in
            let c = metricColumn.codes[r]
            return c >= 0 && quotaMetric[Int(c)].map { !$0.isMoney } == true
        }
        // The first line of each quota, by owner, metric and the month or quarter it starts.
        struct QuotaKey: Hashable { var owner: String, metric: QuotaMetric, period: QuotaPeriodKind, month: Int }
        var firstLine: [QuotaKey: Int] = [:]
        for r in 0..<t.rowCount {
            guard let name = owner[r], let p = periods[Int(periodColumn.codes[r])],
                  let period = QuotaPeriodKind(rawValue: settings.periods.words[p]),
                  let metric = quotaMetric[Int(metricColumn.codes[r])] else { continue }
            let isRep = parts.repIndex[name] != nil
            let isTeam = parts.teams.contains(name)
            if !isRep && !isTeam && (leftOutReps.contains(name) || !readable("reps")) {
                // Its rep's row is left out (or reps.csv could not be read): that is the error to fix.
                if !readable("reps") && !quotasWaitForReps {
                    quotasWaitForReps = true
                    diagnostics.append(Diagnostic(file: t.file, severity: .warning,
                                                  message: "the quotas of reps it does not give are not shown while reps.csv cannot be read: it says whose each quota is"))
                }
                if leftOutReps.contains(name) {
                    diagnostics.append(Diagnostic(file: t.file, line: Int(t.lines[r]), cell: "owner", value: name, severity: .warning,
                                                  message: "owner: rep \"\(sanitizedForMessage(name))\" has their row in reps.csv left out: see the error there; this quota is left out"))
                }
                continue
            }
            if !isRep && !isTeam {
                diagnostics.append(Diagnostic(file: t.file, line: Int(t.lines[r]), cell: "owner", value: name, message: "owner: \"\(sanitizedForMessage(name))\" is neither a rep nor a team in reps.csv; the row is left out",
                                              suggestion: nearest(name, in: parts.reps.map(\.name) + parts.teams).map { "did you mean \"\($0)\"?" }))
                continue
            }
            parts.quotas.append(Quota(owner: name, isTeam: !isRep, periodStart: start[r], period: period, metric: metric,
                                      target: target[r], line: Int(t.lines[r])))
            checkQuotaStart(t, row: r, start: start[r], period: period)
            let (y, month, _) = civilFromDays(settings.timeZone.day(at: start[r]))
            let key = QuotaKey(owner: name, metric: metric, period: period, month: y * 12 + month)
            if let first = firstLine[key] {
                diagnostics.append(Diagnostic(file: t.file, line: Int(t.lines[r]), severity: .warning,
                                              message: "the same quota as line \(first) (\(sanitizedForMessage(name)), \(metric.name), the \(period.rawValue) from \(Self.monthLabel(y, month))): the two targets are added together",
                                              suggestion: "remove one of the rows, or put their sum in one"))
            } else {
                firstLine[key] = Int(t.lines[r])
            }
        }
    }

    /// A month's quota starts on the first of a month, a quarter's on the first of a fiscal
    /// quarter; another date is read as the month or quarter it falls in, which is said.
    mutating func checkQuotaStart(_ t: LoadedTable, row r: Int, start: Int64, period: QuotaPeriodKind) {
        guard start != Missing.time else { return }
        let (y, m, d) = civilFromDays(settings.timeZone.day(at: start))
        let fiscal = settings.fiscalYearStartMonth
        let startsQuarter = ((m - fiscal + 12) % 12) % 3 == 0
        guard d != 1 || (period == .quarter && !startsQuarter) else { return }
        let written = isoDay(settings.timeZone.day(at: start))
        let message: String
        if period == .month {
            message = "period_start: \(written) is not the first day of a month; the quota is read as \(Self.monthLabel(y, m))'s"
        } else {
            let quarter = Period.quarter(containing: start, fiscalYearStartMonth: fiscal, timeZone: settings.timeZone)
            message = "period_start: \(written) is not the first day of a quarter (the fiscal year starts in \(monthAbbreviations[fiscal - 1])); the quota is read as \(quarter.label)'s"
        }
        diagnostics.append(Diagnostic(file: t.file, line: Int(t.lines[r]), cell: "period_start", value: written, severity: .warning,
                                      message: message, suggestion: "write the first day of the \(period.rawValue)"))
    }

    static func monthLabel(_ year: Int, _ month: Int) -> String { "\(monthAbbreviations[month - 1]) \(year)" }

    mutating func linkHistory(_ t: LoadedTable, _ parts: Parts) -> StageHistory {
        let dealColumn = t.category("deal_id"), stageColumn = t.category("stage"), at = t.times("at")
        let stages = resolve(stageColumn, field: "stage", table: t, vocabulary: settings.dealStages.vocabulary, what: "deal stage", severity: .warning)
        let index = parts.dealIndex
        let dealRows: [Int?] = dealColumn.values.map { index.row(for: $0) }
        var history = StageHistory.empty
        // Rows naming no deal in the deals file are left out of the stage times: said once.
        var unknown = 0, first = -1
        for r in 0..<t.rowCount where dealColumn.codes[r] >= 0 && dealRows[Int(dealColumn.codes[r])] == nil
            && !leftOutDeals.contains(dealColumn.values[Int(dealColumn.codes[r])]) {
            unknown += 1
            if first < 0 { first = r }
        }
        if unknown > 0 && readable("deals") {
            let value = dealColumn[first] ?? ""
            diagnostics.append(Diagnostic(file: t.file, line: Int(t.lines[first]), cell: "deal_id", value: value, severity: .warning,
                                          message: "deal_id: \(unknown == 1 ? "1 row names" : "\(unknown) rows name") a deal that is not in the deals file (the first, \"\(sanitizedForMessage(value))\", at this line); \(unknown == 1 ? "it is" : "they are") left out of the stage times"))
        }
        for r in 0..<t.rowCount {
            guard let d = dealRows[Int(dealColumn.codes[r])], let s = stages[Int(stageColumn.codes[r])] else { continue }
            history.deal.append(Int32(d))
            history.stage.append(Int32(s))
            history.at.append(at[r])
        }
        return history
    }

    /// Products that deals name but the product list does not have: a warning at the first such
    /// deal, since the deal still counts (it is the product list or the deal that is misspelt).
    mutating func checkProducts(_ products: LoadedTable, deals: LoadedTable) {
        let names = products.text("product")
        let known = Set((0..<products.rowCount).map { names[$0] })
        let column = deals.category("product")
        var firstRow = [Int](repeating: -1, count: column.values.count)
        var rows = [Int](repeating: 0, count: column.values.count)
        for r in 0..<column.count where column.codes[r] >= 0 {
            let c = Int(column.codes[r])
            rows[c] += 1
            if firstRow[c] < 0 { firstRow[c] = r }
        }
        for (c, value) in column.values.enumerated() where rows[c] > 0 && !known.contains(value) {
            let near = nearest(value, in: Array(known).sorted())
            let count = rows[c] == 1 ? "1 deal" : "\(rows[c]) deals"
            diagnostics.append(Diagnostic(
                file: deals.file, line: Int(deals.lines[firstRow[c]]), cell: "product", value: value, severity: .warning,
                message: "product: \"\(sanitizedForMessage(value))\" (\(count)) is not in \(products.file)",
                suggestion: near.map { "if it is \"\($0)\", add it to [tables.deals.values.product]: \"\(value)\" = \"\($0)\"" }
                    ?? "add it to \(products.file)"))
        }
    }

    func linkActivity(_ t: LoadedTable) -> [ActivityEntry] {
        let at = t.times("at"), user = t.category("user"), file = t.category("file"), record = t.text("record")
        let field = t.category("field"), old = t.text("old"), new = t.text("new")
        return (0..<t.rowCount).map { r in
            ActivityEntry(at: at[r], user: user[r] ?? "", file: file[r] ?? "", record: record[r], field: field[r] ?? "",
                          old: old[r], new: new[r], line: Int(t.lines[r]))
        }
    }
}

/// The closest of `candidates` to `name`, when it is close enough to be a likely typo.
func nearest(_ name: String, in candidates: [String]) -> String? {
    let key = name.lowercased()
    var best: (String, Int)?
    for c in candidates {
        let d = editDistance(key, c.lowercased())
        if d <= max(2, key.count / 3), d < (best?.1 ?? Int.max) { best = (c, d) }
    }
    return best?.0
}

/// A value safe to put in a message: control characters spelled out.
func sanitizedForMessage(_ s: String) -> String {
    MessageText.escaped(String(String.UnicodeScalarView(s.unicodeScalars.prefix(80))))
}

extension CategoryColumn {
    /// The column with its values renamed; values that become equal share one code.
    func renamed(_ rename: (String) -> String) -> CategoryColumn {
        var newValues: [String] = []
        var codeOf: [String: Int32] = [:]
        let recode: [Int32] = values.map { old in
            let new = rename(old)
            if let c = codeOf[new] { return c }
            let c = Int32(newValues.count)
            codeOf[new] = c
            newValues.append(new)
            return c
        }
        return CategoryColumn(codes: codes.map { $0 < 0 ? $0 : recode[Int($0)] }, values: newValues)
    }
}
