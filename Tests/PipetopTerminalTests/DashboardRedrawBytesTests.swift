import Foundation
import PipelineKit
import PipetopTerminal
import Testing
@testable import PipetopUI

/// What a saved change costs on the wire: ncurses sends only the cells that differ, so one number
/// changing on a 200x50 dashboard is a few dozen bytes, highlight included, not a repaint.
@Suite struct DashboardRedrawBytesTests {
    static let seeds = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("seeds")

    @Test func oneChangedNumberCostsUnder200Bytes() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-bytes-\(UUID().uuidString)")
        try SnapshotLoader.copyDataFiles(from: Self.seeds, to: folder)
        defer { try? FileManager.default.removeItem(at: folder) }
        let loader = SnapshotLoader(folder: folder)
        let first = loader.load()
        var options = AppOptions(folderLabel: "seeds")
        options.clockZone = TimeZone(identifier: "UTC")!
        var state = AppState.showing(first, options: options, width: 200, height: 50, now: first.asOf)
        let context = RenderContext(theme: .standard, glyphs: .unicode)
        let before = Dashboard.render(state, context: context)

        // A campaign's budget, shown in one cell only, goes from $24.0k to $26.0k.
        let url = folder.appendingPathComponent("campaigns.csv")
        let edited = try CSVCellEditor.apply([CellEdit(id: "CMP-01", field: "budget", newValue: "26000.00")],
                                             to: [UInt8](Data(contentsOf: url)), key: "campaign_id")
        try AtomicFile.write(edited, to: url)
        _ = update(&state, .loaded(loader.load(previous: first, changed: ["campaigns.csv"])))
        let flashing = Dashboard.render(state, context: context)
        #expect(flashing.text.contains("$26.0k"))
        _ = update(&state, .tick(now: state.now + AppState.flashSeconds + 1))
        state.now = first.asOf  // the same clock text, so only the highlight goes
        let settled = Dashboard.render(state, context: context)

        let bytes = try measureRedrawBytes(frames: [before, flashing, settled])
        // The first draw paints everything; then the new value with its highlight; then the highlight going.
        #expect(bytes[0] > 5_000)
        #expect(bytes[1] <= 200, "bytes for the changed value: \(bytes[1])")
        #expect(bytes[2] <= 200, "bytes when the highlight ends: \(bytes[2])")
        print("redraw bytes: first frame \(bytes[0]), one changed number \(bytes[1]), highlight ending \(bytes[2])")
    }
}
