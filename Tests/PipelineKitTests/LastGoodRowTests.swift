import Foundation
import Testing
@testable import PipelineKit

/// A row that read well and is then saved with a mistake in it stays on screen as it was read,
/// until it is fixed: one bad cell does not take a lead and its deal out of every pane.
struct LastGoodRowTests {
    static let now: Int64 = 1_795_696_200

    func edit(_ folder: ScratchSeeds, _ id: String, _ field: String, _ value: String) throws {
        let bytes = try folder.bytes("leads.csv")
        try folder.write("leads.csv", try CSVCellEditor.apply([CellEdit(id: id, field: field, newValue: value)], to: bytes, key: "lead_id"))
    }

    @Test func aRowSavedWithABadCellKeepsItsLastGoodVersion() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let loader = SnapshotLoader(folder: folder.url)
        let first = loader.load(now: Self.now)
        let row = try #require(first.leadIndex.row(for: "L-00025"))
        let (created, deal) = (first.leads.createdAt[row], first.leads.dealID[row])
        try edit(folder, "L-00025", "created_at", "2026-13-40")
        let second = loader.load(previous: first, changed: ["leads.csv"], now: Self.now)
        // Still there, as it was read, and its deal still has its lead.
        #expect(second.leads.count == first.leads.count)
        let kept = try #require(second.leadIndex.row(for: "L-00025"))
        #expect(second.leads.createdAt[kept] == created && second.leads.dealID[kept] == deal)
        let d = try #require(second.dealIndex.row(for: deal))
        #expect(second.deals.lead[d] == Int32(kept))
        let message = try #require(second.diagnostics.first { $0.file == "leads.csv" && $0.severity == .error })
        #expect(message.message.hasSuffix("; the row as read before is shown until it is fixed"), "\(message)")
        #expect(!second.diagnostics.contains { $0.message.contains("left out: see the error there") })
        #expect(second.files.first { $0.table == "leads" }?.leftOut == 0)
        // Another reload, the row still bad: still kept. Fixed: read as it now is.
        let third = loader.load(previous: second, changed: ["leads.csv"], now: Self.now)
        #expect(third.leadIndex.row(for: "L-00025") != nil)
        try edit(folder, "L-00025", "created_at", "2026-05-30T12:00:00")
        let fourth = loader.load(previous: third, changed: ["leads.csv"], now: Self.now)
        let fixed = try #require(fourth.leadIndex.row(for: "L-00025"))
        #expect(fourth.leads.createdAt[fixed] != created)
        #expect(!fourth.diagnostics.contains { $0.file == "leads.csv" && $0.severity == .error })
    }

    /// Read for the first time, a bad row has no version to keep: it is left out, and said so.
    @Test func aBadRowAtTheFirstReadIsLeftOut() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        try edit(folder, "L-00025", "created_at", "2026-13-40")
        let s = SnapshotLoader(folder: folder.url).load(now: Self.now)
        #expect(s.leadIndex.row(for: "L-00025") == nil)
        #expect(s.diagnostics.contains { $0.message.hasSuffix("; the row is left out") })
        #expect(s.files.first { $0.table == "leads" }?.leftOut == 1)
    }
}
