import Foundation
import PipelineKit

/// Leads waiting for a first touch, worst SLA breach first. Cells are built only for the rows on
/// screen, and the filter reads the bytes of the text columns, so a long inbox stays quick.
struct InboxModel: PaneModel {
    let items: [InboxItem]
    let snapshot: Snapshot
    let numbers: NumberText
    /// The searchable text of every item, built on the first filter keystroke and kept for the next ones.
    private let search = SearchText()

    /// The lead column's width: as wide as the longest id here, from 8 to 18 (a Salesforce id).
    let idWidth: Int

    init(items: [InboxItem], snapshot: Snapshot, numbers: NumberText) {
        self.items = items
        self.snapshot = snapshot
        self.numbers = numbers
        let offsets = snapshot.leads.id.offsets
        let longest = items.lazy.map { Int(offsets[$0.lead + 1] - offsets[$0.lead]) }.max() ?? 0
        idWidth = min(18, max(8, longest))
    }

    var columns: [ColumnSpec] { [
        ColumnSpec("Due", width: 8, priority: 10),
        ColumnSpec("Lead", width: idWidth, alignment: .left, priority: 6),
        ColumnSpec("Name", width: 0, alignment: .left, priority: 9, minWidth: 10),
        ColumnSpec("Company", width: 0, alignment: .left, priority: 7, minWidth: 10),
        ColumnSpec("Stage", width: 5, alignment: .left, priority: 5),
        ColumnSpec("Source", width: 10, alignment: .left, priority: 3),
        ColumnSpec("Owner", width: 14, alignment: .left, priority: 8),
        ColumnSpec("Score", width: 5, priority: 2),
        ColumnSpec("Arrived", width: 11, alignment: .left, priority: 1),
    ] }

    /// An id too long for its column keeps its end: CRM ids share their first characters and
    /// differ in the last ones.
    static func idShown(_ id: String, width: Int) -> String {
        guard displayWidth(of: id) > width, width > 1 else { return id }
        return "…" + String(id.suffix(width - 1))
    }

    var rowCount: Int { items.count }
    func id(_ row: Int) -> String { snapshot.leads.id[items[row].lead] }

    func cell(_ row: Int, _ column: Int) -> CellText {
        let item = items[row], l = snapshot.leads, r = item.lead
        switch column {
        case 0:
            guard item.underSLA else { return CellText("no SLA", .muted) }
            let text = item.isBreaching ? "-" + numbers.duration(seconds: Double(item.overdueSeconds))
                                        : numbers.duration(seconds: Double(-item.overdueSeconds))
            return CellText(text, item.isBreaching ? .bad : (item.overdueSeconds > -3600 ? .warning : .good))
        case 1: return CellText(Self.idShown(l.id[r], width: idWidth), .muted)
        case 2: return CellText(l.name[r])
        case 3: return CellText(l.company[r])
        case 4: return CellText(l.stageAsOf[r].label)
        case 5: return CellText(sourceLabel(r), .muted)
        case 6: return ownerCell(r)
        case 7: return CellText(l.score[r].isNaN ? numbers.missing : numbers.count(l.score[r]), .muted)
        default: return CellText(shortTime(l.slaClockStart(r)), .muted)
        }
    }

    private func sourceLabel(_ r: Int) -> String {
        let code = snapshot.leads.source[r]
        guard code >= 0, Int(code) < snapshot.settings.sources.words.count else { return numbers.missing }
        let word = snapshot.settings.sources.words[Int(code)]
        return LeadSource.allCases.first { $0.name == word }?.label ?? word
    }

    private func shortTime(_ t: Int64) -> String {
        t == Missing.time ? numbers.missing : TimeText.monthDayMinute(t, snapshot.settings.timeZone)
    }

    func sortKey(_ row: Int, _ column: Int) -> SortKey {
        let item = items[row], l = snapshot.leads, r = item.lead
        switch column {
        case 0: return item.underSLA ? .number(Double(item.overdueSeconds)) : .missing
        case 1: return .text(l.id[r])
        case 2: return .text(l.name[r])
        case 3: return .text(l.company[r])
        case 4: return .number(Double(l.stageAsOf[r].rawValue))
        case 5: return .text(sourceLabel(r))
        case 6: return l.ownerName[r].map(SortKey.text) ?? .missing
        case 7: return l.score[r].isNaN ? .missing : .number(l.score[r])
        default: return .number(Double(l.slaClockStart(r)))
        }
    }

    /// Case-insensitive match on id, name, company and owner, on the bytes (no String per row).
    func matches(_ row: Int, _ filter: String) -> Bool {
        !rows(matching: filter, among: row..<row + 1).isEmpty
    }

    func rowsMatching(_ filter: String) -> [Int32]? { rows(matching: filter, among: 0..<items.count) }

    /// The items in `range` whose searchable text holds `filter` (already folded).
    func rows(matching filter: String, among range: Range<Int>) -> [Int32] {
        let arena = search.arena { buildSearchText() }
        let needle = Array(filter.utf8)
        var out: [Int32] = []
        arena.bytes.withUnsafeBufferPointer { bytes in
            arena.offsets.withUnsafeBufferPointer { offsets in
                for k in range {
                    let slice = UnsafeBufferPointer(rebasing: bytes[Int(offsets[k])..<Int(offsets[k + 1])])
                    if ByteSearch.contains(slice, needle) { out.append(Int32(k)) }
                }
            }
        }
        return out
    }

    /// Id, name, company and owner of each item, lower-cased (ASCII letters), one after the other:
    /// the leads lie all over a large file, their text here lies together, so a keystroke reads
    /// a small block of memory instead of jumping across the whole table.
    /// The owner as the file names them; one reps.csv does not list is marked (first, so a cut
    /// keeps it), since no rep's inbox holds the lead as theirs and someone must take it.
    private func ownerCell(_ r: Int, detailed: Bool = false) -> CellText {
        let l = snapshot.leads
        guard let name = l.ownerName[r] else { return CellText("unassigned", .warning) }
        guard !snapshot.reps.isEmpty && l.owner[r] < 0 else { return CellText(name) }
        return CellText(detailed ? "\(name) (not in reps.csv: no rep's lead)" : "?" + name, .warning)
    }

    private func buildSearchText() -> (bytes: [UInt8], offsets: [UInt32]) {
        let l = snapshot.leads
        var bytes: [UInt8] = []
        bytes.reserveCapacity(items.count * 48)
        var offsets: [UInt32] = [0]
        offsets.reserveCapacity(items.count + 1)
        let owners = l.ownerName.values.map { Array(SearchFolding.folded($0).utf8) }
        let unassigned = Array("unassigned".utf8)
        for item in items {
            let r = item.lead
            for column in [l.id, l.name, l.company] {
                column.withBytes(r) { cell in
                    // Accented text is folded as filters are ("Müller" is kept as "muller").
                    if cell.contains(where: { $0 >= 0x80 }) {
                        bytes.append(contentsOf: SearchFolding.folded(String(decoding: cell, as: UTF8.self)).utf8)
                    } else {
                        for b in cell { bytes.append(ByteSearch.lower(b)) }
                    }
                }
                bytes.append(0)
            }
            let code = l.ownerName.codes[r]
            bytes.append(contentsOf: code >= 0 ? owners[Int(code)] : unassigned)
            offsets.append(UInt32(truncatingIfNeeded: bytes.count))
        }
        return (bytes, offsets)
    }

    func detail(_ row: Int) -> [String] {
        let item = items[row], l = snapshot.leads, r = item.lead, tz = snapshot.settings.timeZone
        let time = { (t: Int64) in t == Missing.time ? self.numbers.missing : formatISO(t, timeZone: tz, withTime: true) }
        let campaign = l.campaign[r] >= 0 ? snapshot.campaigns[Int(l.campaign[r])].name : numbers.missing
        return [
            "\(l.id[r])  \(l.name[r])",
            "Company: \(l.company[r])    Email: \(l.email.value(r) ?? numbers.missing)",
            "Source: \(sourceLabel(r))    Campaign: \(campaign)",
            "Stage: \(l.stageAsOf[r].label)    Owner: \(ownerCell(r, detailed: true).text)    Score: \(l.score[r].isNaN ? numbers.missing : numbers.count(l.score[r]))",
            "Created \(time(l.createdAt[r]))    MQL \(l.mqlAt[r] != Missing.time && l.mqlAtAsOf(r) == Missing.time ? "after the as-of moment" : time(l.mqlAt[r]))    (the SLA clock starts at the MQL, or at creation without one)",
            !item.underSLA ? "Found by sales (\(sourceLabel(r))): the SLA's first-touch deadline does not apply"
                : "First touch due \(time(item.dueAt)): " + (item.isBreaching
                    ? "overdue by \(numbers.duration(seconds: Double(item.overdueSeconds)))"
                    : "\(numbers.duration(seconds: Double(-item.overdueSeconds))) left"),
            "\(snapshot.status(of: "leads")?.file ?? "leads.csv") line \(l.line[r])",
        ]
    }
}

/// Built once, read by every keystroke after: a class so the value-typed model can share it.
final class SearchText: @unchecked Sendable {
    private let lock = NSLock()
    private var built: (bytes: [UInt8], offsets: [UInt32])?

    func arena(_ build: () -> (bytes: [UInt8], offsets: [UInt32])) -> (bytes: [UInt8], offsets: [UInt32]) {
        lock.lock()
        defer { lock.unlock() }
        if let built { return built }
        let made = build()
        built = made
        return made
    }
}

/// Byte-level case-insensitive search for ASCII needles (a non-ASCII needle still matches exactly).
enum ByteSearch {
    @inline(__always) static func lower(_ b: UInt8) -> UInt8 { b >= 65 && b <= 90 ? b | 0x20 : b }

    static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        let n = needle.count
        guard n > 0 else { return true }
        guard hay.count >= n else { return false }
        let first = needle[0]
        var i = 0
        let last = hay.count - n
        while i <= last {
            if lower(hay[i]) == first {
                var j = 1
                while j < n && lower(hay[i + j]) == needle[j] { j += 1 }
                if j == n { return true }
            }
            i += 1
        }
        return false
    }
}

enum InboxPane {
    static func summary(_ m: Metrics, items: [InboxItem], numbers: NumberText, owner: String?, hasLeads: Bool = true) -> [SummaryLine] {
        if !hasLeads { return [SummaryLine("missing: no leads in this folder: the inbox lists leads waiting for a first touch", .warning)] }
        let breaching = items.prefix { $0.isBreaching }.count
        var segments: [SummaryLine.Segment] = [
            .plain("\(numbers.count(items.count)) waiting"), .muted(", "),
            .text("\(numbers.count(breaching)) past the \(numbers.targetHours(m.sla.firstTouchTargetHours)) first-touch SLA", breaching > 0 ? .bad : .good),
        ]
        if let owner { segments.append(.muted("  (\(owner)'s leads and the unassigned)")) }
        return [SummaryLine(segments)]
    }
}
