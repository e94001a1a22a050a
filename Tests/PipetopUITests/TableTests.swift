import Foundation
import PipelineKit
import Testing
@testable import PipetopUI

@Suite struct TableLayoutTests {
    let columns: [Table.Column] = [
        .init("Name", width: .flexible(weight: 2), minWidth: 6, priority: 9),
        .init("Owner", width: .fixed(8), minWidth: 5),
        .init("Amount", width: .fixed(8), alignment: .right, priority: 5),
        .init("Stage", width: .flexible(weight: 1), minWidth: 5),
    ]

    @Test func spareRoomGoesToFlexibleColumnsByWeight() {
        // Minimums 6+5+8+5 plus 3 gaps = 27; fixed Owner grows back to 8 (30); 10 left for 2:1.
        #expect(Table.layout(columns, width: 40) == [13, 8, 8, 8])
    }

    @Test func fixedColumnsShrinkToTheirMinimumBeforeAnythingIsDropped() {
        #expect(Table.layout(columns, width: 27) == [6, 5, 8, 5])
        #expect(Table.layout(columns, width: 28) == [6, 6, 8, 5])
    }

    @Test func lowestPriorityGoesFirstRightmostAmongEquals() {
        // Owner and Stage share priority 0: Stage (rightmost) goes first, then Owner, then Amount.
        #expect(Table.layout(columns, width: 26) == [8, 8, 8, nil])
        #expect(Table.layout(columns, width: 20) == [11, nil, 8, nil])
        #expect(Table.layout(columns, width: 14) == [14, nil, nil, nil])
        #expect(Table.layout(columns, width: 3) == [3, nil, nil, nil])
        #expect(Table.layout(columns, width: 0) == [nil, nil, nil, nil])
    }

    @Test func visibleRangeKeepsTheSelectionInViewWithoutJumping() {
        #expect(Table.visibleRange(selection: 0, count: 100, height: 10) == 0..<10)
        #expect(Table.visibleRange(selection: 9, count: 100, height: 10) == 0..<10)
        #expect(Table.visibleRange(selection: 10, count: 100, height: 10) == 1..<11)
        // Moving up inside the shown rows keeps the offset.
        #expect(Table.visibleRange(selection: 25, count: 100, height: 10, offset: 20) == 20..<30)
        #expect(Table.visibleRange(selection: 19, count: 100, height: 10, offset: 20) == 19..<29)
        // No empty lines at the bottom while rows above are hidden (after a filter shrinks the list).
        #expect(Table.visibleRange(selection: 4, count: 5, height: 10, offset: 3) == 0..<5)
        #expect(Table.visibleRange(selection: 99, count: 100, height: 10, offset: 95) == 90..<100)
        #expect(Table.visibleRange(selection: nil, count: 100, height: 10, offset: 42) == 42..<52)
        #expect(Table.visibleRange(selection: 500, count: 100, height: 10) == 90..<100)
        #expect(Table.visibleRange(selection: 3, count: 0, height: 10).isEmpty)
        #expect(Table.visibleRange(selection: 3, count: 10, height: 0).isEmpty)
    }

    @Test func shortRowsAndWideTextKeepColumnsAligned() {
        let table = Table(columns: [.init("A", width: .fixed(4)), .init("B", width: .fixed(3), alignment: .right)],
                          rows: [["東京都", "1"], ["x"], ["ab", "12345"]], showsHeader: false)
        var frame = Frame(width: 8, height: 3)
        table.draw(into: &frame, in: frame.bounds, context: RenderContext(theme: .plain))
        // A number too wide for its column is #s, never cut into another number.
        #expect(frame.lines == ["東 …   1", "x       ", "ab   ###"])
    }

    /// A sorted column whose title fills its width keeps the title whole; the arrow takes the gap.
    @Test func aSortArrowDoesNotCutAFullTitle() {
        let table = Table(columns: [.init("Stage", width: .fixed(5)), .init("Owner", width: .fixed(5)), .init("Won", width: .fixed(3), alignment: .right)],
                          rows: [["sql", "Ana", "1"]], sortColumn: 0, sortDirection: .descending)
        var frame = Frame(width: 15, height: 2)
        table.draw(into: &frame, in: frame.bounds, context: RenderContext(theme: .plain))
        #expect(frame.lines[0] == "Stage↓Owner Won")
        var right = table
        right.sortColumn = 2
        var frame2 = Frame(width: 15, height: 2)
        right.draw(into: &frame2, in: frame2.bounds, context: RenderContext(theme: .plain))
        #expect(frame2.lines[0] == "Stage Owner↓Won")
    }

    @Test func selectedRowUsesTheSelectionStyleAcrossTheWholeWidth() {
        let theme = Theme.plain
        let table = Table(columns: [.init("A", width: .fixed(2))], rows: [["a"], ["b"]], selection: 1)
        var frame = Frame(width: 5, height: 3)
        table.draw(into: &frame, in: frame.bounds, context: RenderContext(theme: theme))
        let legend: [(Character, Style)] = [("s", theme.selection), ("h", theme.header), ("t", theme.text)]
        #expect(frame.styleText(legend: legend) == "hhhhh\nttttt\nsssss\n")
    }
}

@Suite struct GlyphsTests {
    @Test func localeDecidesTheGlyphs() {
        #expect(Glyphs.forLocale(environment: ["LANG": "en_US.UTF-8"]) == .unicode)
        #expect(Glyphs.forLocale(environment: ["LANG": "C.utf8"]) == .unicode)
        #expect(Glyphs.forLocale(environment: ["LC_ALL": "C", "LANG": "en_US.UTF-8"]) == .ascii)
        #expect(Glyphs.forLocale(environment: ["LC_ALL": "", "LC_CTYPE": "de_DE.UTF-8"]) == .unicode)
        #expect(Glyphs.forLocale(environment: [:]) == .ascii)
    }

    @Test func asciiGlyphsAreAscii() {
        let g = Glyphs.ascii
        var all: [Character] = [g.barBehind, g.barOverflow, g.sortAscending, g.sortDescending, g.behind, g.left, g.right, g.filled, g.hollow,
                                g.check, g.cross, g.pace, g.ellipsis, g.bigPixel]
        all += g.barSteps + g.sparkLevels + Array(g.missing)
        for box in [g.light, g.heavy, g.rounded] {
            all += [box.topLeft, box.topRight, box.bottomLeft, box.bottomRight, box.horizontal, box.vertical, box.teeLeft, box.teeRight]
        }
        #expect(all.allSatisfy { $0.isASCII })
    }

    @Test func everyUnicodeGlyphIsOneColumn() {
        let g = Glyphs.unicode
        var all: [Character] = [g.barBehind, g.barOverflow, g.sortAscending, g.sortDescending, g.behind, g.left, g.right, g.filled, g.hollow,
                                g.check, g.cross, g.pace, g.ellipsis, g.bigPixel]
        all += g.barSteps + g.sparkLevels + Array(g.missing)
        #expect(all.allSatisfy { displayWidth(of: $0) == 1 })
    }
}

/// Lead ids in the inbox and SLA lists: CRM ids share their start, so a cut keeps the end.
@Suite struct LeadIDColumnTests {
    @Test func aLongIDKeepsItsEnd() {
        #expect(InboxModel.idShown("00QEc00000BBaeYMAT", width: 18) == "00QEc00000BBaeYMAT")
        #expect(InboxModel.idShown("00QEc00000BBaeYMATXYZ", width: 18) == "…c00000BBaeYMATXYZ")
        #expect(InboxModel.idShown("L-00001", width: 8) == "L-00001")
    }
}

/// A pane's figure too wide for its column is never cut into another number: a percentage caps
/// at >999%, which fits (it was #s).
@Suite struct PaneFigureWidthTests {
    @Test func aHugeROIIsCappedNotACutNumber() throws {
        let folder = try SeedCompany.scratchCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("campaigns.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        // Search Ads spent $51,623: a spend of 1 makes its ROI about 16,000,000%.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.hasPrefix("CMP-04,") else { return String(line) }
            var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[7] = "1.00"
            return cells.joined(separator: ",")
        }
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        let s = SnapshotLoader(folder: folder).load()
        let state = AppState.showing(s, options: SeedCompany.options(), width: 80, height: 24, now: s.asOf, focus: .campaigns)
        let row = try #require(Dashboard.render(state, context: SeedCompany.context).text.split(separator: "\n").first { $0.contains("Search Ads") })
        #expect(row.hasSuffix(" >999% ┃"), "\(row)")
        #expect(!row.contains("#"))
    }
}
