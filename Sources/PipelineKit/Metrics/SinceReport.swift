import Foundation

/// What changed since a moment (the last standup): new leads by source, stage moves, deals won
/// and lost, and who did what, read from the data and the activity log.
public struct SinceReport: Sendable {
    public enum Kind: String, Sendable {
        case newLead = "new lead"
        case stageMove = "stage"
        case dealWon = "won"
        case dealLost = "lost"
        case change = "change"
    }

    public struct Event: Sendable, Equatable {
        public var at: Int64
        public var kind: Kind
        /// The lead or deal id.
        public var record: String
        /// Who did it, when the activity log says.
        public var user: String?
        public var text: String
        /// A won deal's amount, for the screen to write as money.
        public var amount: Double? = nil
    }

    public var since: Int64
    public var until: Int64
    /// Newest first.
    public var events: [Event]
    /// Source label and count, most first.
    public var newLeadsBySource: [(String, Int)]
    public var newLeads: Int
    public var stageMoves: Int
    public var won: Int
    public var wonAmount: Double
    public var lost: Int
    /// User and number of logged changes, most first.
    public var byUser: [(String, Int)]
    /// Ids of the leads, deals and campaigns that changed, for the other panes to mark.
    public var changedIDs: Set<String>

    /// `scope`: a team's, a rep's or a channel's events only (a lead or deal by its owner, or its
    /// campaign's channel, as the metrics count them); changes to records that are neither, with
    /// everyone only.
    public static func compute(_ s: Snapshot, since: Int64, scope: Scope = .everyone) -> SinceReport {
        let until = s.asOf
        let filter = ScopeFilter(s, scope)
        func leadInScope(_ r: Int) -> Bool { filter.admitsLead(owner: s.leads.owner[r], campaign: s.leads.campaign[r]) }
        func dealInScope(_ r: Int) -> Bool { filter.admitsDeal(owner: s.deals.owner[r], lead: s.deals.lead[r], leadCampaigns: s.leads.campaign) }
        func recordInScope(_ id: String) -> Bool {
            if filter.isEveryone { return true }
            if let r = s.leadIndex.row(for: id) { return leadInScope(r) }
            if let r = s.dealIndex.row(for: id) { return dealInScope(r) }
            return false
        }
        var events: [Event] = []
        var changed: Set<String> = []
        let l = s.leads
        var bySource: [String: Int] = [:]
        var newLeads = 0
        for r in 0..<l.count where l.createdAt[r] >= since && l.createdAt[r] <= until && l.createdAt[r] != Missing.time && leadInScope(r) {
            newLeads += 1
            let code = l.source[r]
            let word = code >= 0 && Int(code) < s.settings.sources.words.count ? s.settings.sources.words[Int(code)] : "unknown"
            let label = LeadSource.allCases.first { $0.name == word }?.label ?? word
            bySource[label, default: 0] += 1
            let id = l.id[r]
            changed.insert(id)
            if l.campaign[r] >= 0 { changed.insert(s.campaigns[Int(l.campaign[r])].id) }
            events.append(Event(at: l.createdAt[r], kind: .newLead, record: id, user: nil,
                                text: "\(l.name[r]), \(l.company[r]) (\(label))"))
        }

        // When each deal closed, where a stage change records it (the stage history or the
        // activity log): a close date is only a day, so a deal closed on the morning of the last
        // standup would otherwise be news at this one too. Such a change is listed as the win or
        // loss below, not also as a stage move.
        let dealWords = s.settings.dealStages.vocabulary
        let dealsFile = s.fileName("deals")
        func closes(_ word: String?) -> Bool { word == "won" || word == "lost" }
        var closedAt: [String: Int64] = [:]
        let h = s.history
        // Only a move to the result the deal has now: a loss before it was reopened and won says
        // nothing of when it was won.
        func result(_ deal: Int) -> String? { s.deals.isWon[deal] ? "won" : (s.deals.isLost[deal] ? "lost" : nil) }
        for i in 0..<h.count where h.deal[i] >= 0 && h.at[i] <= until {
            let stage = Int(h.stage[i]), deal = Int(h.deal[i])
            guard stage >= 0, stage < dealWords.words.count, let now = result(deal), dealWords.words[stage] == now else { continue }
            let id = s.deals.id[deal]
            closedAt[id] = max(closedAt[id] ?? Int64.min, h.at[i])
        }
        for a in s.activity where a.field == "stage" && a.file == dealsFile && a.at <= until {
            guard let deal = s.dealIndex.row(for: a.record), let now = result(deal), dealWords.word(for: a.new) == now else { continue }
            closedAt[a.record] = max(closedAt[a.record] ?? Int64.min, a.at)
        }

        // Stage moves and other changes from the activity log: who did what. A change followed
        // by its exact reverse (an undo, a deal made and removed) changed nothing: both lines
        // are left out. The rest count one per action, not per cell (a convert writes a dozen
        // cells in two files): lines of one user at one moment about one lead, with the deal
        // lines of that moment.
        let window = s.activity.filter { $0.at >= since && $0.at <= until }
        var open: [String: [Int]] = [:]
        var cancelled = Set<Int>()
        for (i, a) in window.enumerated() {
            let key = a.file + "\u{0}" + a.record + "\u{0}" + a.field
            if let top = open[key]?.last, window[top].new == a.old, window[top].old == a.new {
                open[key]!.removeLast()
                cancelled.formUnion([top, i])
            } else {
                open[key, default: []].append(i)
            }
        }
        let kept = window.indices.filter { !cancelled.contains($0) }.map { window[$0] }.filter { recordInScope($0.record) }
        let withLeads = Set(kept.filter { $0.file != dealsFile }.map { "\($0.user)\u{0}\($0.at)" })
        var byUser: [String: Int] = [:]
        var actions: Set<String> = []
        var moves = 0
        for a in kept {
            let moment = "\(a.user)\u{0}\(a.at)"
            let action = a.file == dealsFile && withLeads.contains(moment) ? nil : moment + "\u{0}" + a.record
            if let action, actions.insert(action).inserted { byUser[a.user, default: 0] += 1 }
            changed.insert(a.record)
            if a.field == "stage" && a.file == dealsFile && closes(dealWords.word(for: a.new)) {
                continue
            } else if a.field == "stage" && a.file == dealsFile && a.old.isEmpty {
                // A deal made (a lead converted): its first stage is where it starts, not a move.
                events.append(Event(at: a.at, kind: .change, record: a.record, user: a.user, text: "new deal at \(a.new)"))
            } else if a.field == "stage" {
                moves += 1
                events.append(Event(at: a.at, kind: .stageMove, record: a.record, user: a.user,
                                    text: "\(a.old.isEmpty ? "-" : a.old) → \(a.new)"))
            } else {
                events.append(Event(at: a.at, kind: .change, record: a.record, user: a.user,
                                    text: "\(a.field): \(a.old.isEmpty ? "-" : a.old) → \(a.new.isEmpty ? "-" : a.new)"))
            }
        }
        // Deal stage history not already in the activity log (edited by another tool).
        let logged = Set(s.activity.filter { $0.at >= since && $0.field == "stage" }.map(\.record))
        for i in 0..<h.count where h.at[i] >= since && h.at[i] <= until {
            let d = Int(h.deal[i])
            guard d >= 0, dealInScope(d) else { continue }
            let id = s.deals.id[d]
            guard !logged.contains(id) else { continue }
            let stage = Int(h.stage[i])
            let word = stage >= 0 && stage < s.settings.dealStages.vocabulary.words.count ? s.settings.dealStages.vocabulary.words[stage] : "?"
            // A move to won or lost is listed as the win or loss, and counted there.
            if closes(word) { continue }
            moves += 1
            changed.insert(id)
            events.append(Event(at: h.at[i], kind: .stageMove, record: id, user: nil, text: "→ \(word)"))
        }

        // Deals closed since: at the moment a stage change records, else by close date, which is
        // a day, so a deal closed on the since day counts.
        let d = s.deals
        var won = 0, lost = 0, wonAmount = 0.0
        let offset = Int64(s.settings.timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(since))))
        let local = since + offset
        let sinceDay = local - ((local % 86_400) + 86_400) % 86_400 - offset
        for r in 0..<d.count where (d.isWon[r] || d.isLost[r]) && dealInScope(r) {
            let at: Int64
            if let exact = closedAt[d.id[r]] {
                guard exact >= since && exact <= until else { continue }
                at = exact
            } else {
                guard d.closeDate[r] != Missing.time && d.closeDate[r] >= sinceDay && d.closeDate[r] <= until else { continue }
                at = d.closeDate[r]
            }
            if d.isWon[r] {
                won += 1
                wonAmount += d.amount[r].isNaN ? 0 : d.amount[r]
                events.append(Event(at: at, kind: .dealWon, record: d.id[r], user: d.ownerName[r],
                                    text: d.name[r], amount: d.amount[r].isNaN ? nil : d.amount[r]))
            } else if d.isLost[r] {
                lost += 1
                events.append(Event(at: at, kind: .dealLost, record: d.id[r], user: d.ownerName[r], text: d.name[r]))
            } else {
                continue
            }
            changed.insert(d.id[r])
        }
        events.sort { $0.at != $1.at ? $0.at > $1.at : $0.record < $1.record }
        return SinceReport(since: since, until: until, events: events,
                           newLeadsBySource: bySource.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) },
                           newLeads: newLeads, stageMoves: moves, won: won, wonAmount: wonAmount, lost: lost,
                           byUser: byUser.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) },
                           changedIDs: changed)
    }
}
