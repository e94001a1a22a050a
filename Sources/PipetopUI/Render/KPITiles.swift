import PipelineKit

/// The standup's row of big numbers, readable from across a room: won vs quota, MQLs vs the SLA
/// target, pipeline created, and leads breaching the SLA now.
struct KPITiles {
    let state: AppState

    struct Tile {
        var title: String
        var value: String
        var note: String
        var tone: CellTone
    }

    static func tiles(_ state: AppState, numbers: NumberText) -> [Tile] {
        guard let m = state.metrics else { return [] }
        let money = (m.quotas.teams.isEmpty ? m.quotas.reps : m.quotas.teams).filter { $0.metric.isMoney }
        let quotaWon = money.reduce(0) { $0 + $1.actual }, target = money.reduce(0) { $0 + $1.target }
        let wonPace = target > 0 && m.quotas.elapsedShare > 0 ? quotaWon / target / m.quotas.elapsedShare : nil
        let a = m.sla
        // Quotas belong to reps and teams: a channel has none, and its wins are not a quota's.
        let byChannel: Bool
        if case .channel = m.scope { byChannel = true } else { byChannel = false }
        // A channel's own wins, from the funnel's deals in that scope.
        let won = byChannel ? m.funnel.wonAmount : quotaWon
        let mqlNote: String
        if let target = a.mqlTarget {
            mqlNote = "of \(numbers.count(target)) target, pace \(numbers.multiple(a.mqlPace, decimals: 2))"
        } else if state.snapshot?.settings.sla.mqlTargetPerMonth != nil, m.scope != .everyone {
            mqlNote = "the target is company-wide"
        } else if state.snapshot?.settings.sla.mqlTargetPerMonth != nil {
            mqlNote = "the target is per month"
        } else {
            mqlNote = "no MQL target set"
        }
        // Quotas count the deals of those who hold one: when other deals were won too (an SDR's,
        // a manager's), the tile says the whole, as the Deals pane and the report give it.
        let allWon = m.funnel.wonAmount
        let allDeals = !byChannel && abs(allWon - quotaWon) >= 0.5 ? "; all deals won \(numbers.money(allWon))" : ""
        let hasLeads = state.hasLeads
        let noLeads = "no leads in this folder"
        // A quota row left out takes its rep's wins out of this figure: said first, so that a
        // headline that dropped is not read as deals lost.
        let quotaFile = state.snapshot?.files.first { $0.table == Schemas.quotas.name && ($0.errors > 0 || $0.leftOut > 0 || $0.state == .failed) }
        let quotaWarning = !byChannel ? quotaFile.map { "\($0.file) has errors (! lists them); " } ?? "" : ""
        return [
            Tile(title: "Won \(m.period.label)", value: numbers.money(won),
                 note: byChannel ? "no quota per channel"
                     : quotaWarning + (target > 0 ? "of \(numbers.money(target)) quota, pace \(numbers.multiple(wonPace, decimals: 2))" + allDeals : "no money quota"),
                 tone: byChannel ? .accent : (!quotaWarning.isEmpty ? .warning : ((wonPace ?? 1) >= QuotaMetrics.onPaceThreshold ? .good : .bad))),
            Tile(title: "MQLs delivered", value: hasLeads ? numbers.count(a.mqlsDelivered) : numbers.missing,
                 note: hasLeads ? mqlNote : noLeads,
                 tone: !hasLeads ? .muted : (a.mqlPace ?? 1) >= 1 ? .good : .warning),
            Tile(title: "Pipeline created", value: numbers.money(m.funnel.pipelineCreated), note: "deals opened in \(m.period.label)", tone: .accent),
            Tile(title: "Breaching the SLA", value: hasLeads ? numbers.count(a.breaching.count) : numbers.missing,
                 note: hasLeads ? "leads untouched past \(numbers.targetHours(a.firstTouchTargetHours))" : noLeads,
                 tone: !hasLeads ? .muted : a.breaching.isEmpty ? .good : .bad),
        ]
    }

    func draw(into frame: inout Frame, in rect: Rect, context: RenderContext) {
        let tiles = Self.tiles(state, numbers: context.numbers)
        guard !tiles.isEmpty else { return }
        if rect.height < 4 { return drawLine(tiles, into: &frame, in: rect, context: context) }
        let theme = context.theme
        let boxes = rect.splitVertically(fractions: Array(repeating: 1.0, count: tiles.count), spacing: 0)
        // One size for every tile: side by side, big digits beside small text read as a bigger
        // number. The largest size at which all of them fit (a box's border and padding aside).
        let fits = zip(tiles, boxes).map { tile, box in
            BigDigits.size(toFit: tile.value, width: box.width - 4, height: box.height - 3)
        }
        let common: BigDigits.Size? = fits.contains(where: { $0 == nil }) ? nil : (fits.contains(.small) ? .small : .large)
        for (tile, box) in zip(tiles, boxes) {
            let inside = Box(title: tile.title).draw(into: &frame, in: box, context: context).inset(left: 1, right: 1)
            guard inside.height > 0 else { continue }
            // A tile's number always has a colour: accent where its tone has none of its own.
            let style = tile.tone == .muted ? theme.accent : (theme.style(for: tile.tone) ?? theme.accent)
            let digitsHeight = max(0, inside.height - 1)
            var valueRows = 1
            if let size = common, BigDigits.size(toFit: tile.value, width: inside.width, height: digitsHeight) != nil {
                BigDigits(tile.value, size: size, style: style, alignment: .center)
                    .draw(into: &frame, in: Rect(x: inside.x, y: inside.y, width: inside.width, height: digitsHeight), context: context)
                valueRows = size.rows
            } else {
                frame.put(tile.value, x: inside.x, y: inside.y, style: style, maxWidth: inside.width)
            }
            // The rows under the value are the note's: it wraps into them, so the pace after
            // "of $320k quota," is read, not cut.
            let room = max(1, inside.height - valueRows)
            var note = wrapped(tile.note, toWidth: inside.width)
            if note.count > room {
                // The last line kept says that more was cut.
                note = Array(note.prefix(room))
                let last = note[room - 1], mark = context.glyphs.ellipsis
                note[room - 1] = displayWidth(of: last) < inside.width ? last + String(mark) : truncated(last, toWidth: inside.width, mark: mark)
            }
            for (k, line) in note.enumerated() {
                frame.put(line, x: inside.x, y: inside.maxY - note.count + k, style: theme.muted, maxWidth: inside.width)
            }
        }
    }

    /// The tiles as one line, title and value each, for a screen too short for boxes: as many
    /// whole as fit, the first (Won) first.
    private func drawLine(_ tiles: [Tile], into frame: inout Frame, in rect: Rect, context: RenderContext) {
        let theme = context.theme
        frame.fill(rect: Rect(x: rect.x, y: rect.y, width: rect.width, height: 1), style: theme.background)
        let bar = context.glyphs.isUnicode ? " │ " : " | "
        var x = rect.x + 1
        for (k, tile) in tiles.enumerated() {
            let lead = (k == 0 ? "" : bar) + tile.title + " "
            guard x + displayWidth(of: lead) + displayWidth(of: tile.value) <= rect.maxX else { break }
            x += frame.put(lead, x: x, y: rect.y, style: theme.muted)
            let style = tile.tone == .muted ? theme.accent : (theme.style(for: tile.tone) ?? theme.accent)
            x += frame.put(tile.value, x: x, y: rect.y, style: style)
        }
    }
}
