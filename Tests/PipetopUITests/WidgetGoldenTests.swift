import Testing
@testable import PipetopUI

/// Every widget drawn at a couple of sizes with both glyph sets, compared with Goldens/.
@Suite struct WidgetGoldenTests {
    /// Glyph sets by name, so test names read "unicode"/"ascii" rather than every glyph.
    static let glyphSets = ["unicode", "ascii"]
    static func glyphs(_ name: String) -> Glyphs { name == "ascii" ? .ascii : .unicode }

    func render(width: Int, height: Int, glyphs: Glyphs, theme: Theme = .plain,
                _ draw: (inout Frame, RenderContext) -> Void) -> Frame {
        let context = RenderContext(theme: theme, glyphs: glyphs)
        var frame = Frame(width: width, height: height, fill: theme.background)
        draw(&frame, context)
        return frame
    }

    @Test(arguments: glyphSets)
    func box(name: String) {
        let glyphs = Self.glyphs(name)
        let frame = render(width: 34, height: 9, glyphs: glyphs) { frame, context in
            let (top, bottom) = frame.bounds.splitHorizontally(at: 5)
            let inner = Box(title: "Campaigns", rightTitle: "12/40", isFocused: true)
                .draw(into: &frame, in: top, context: context)
            frame.put("inside \(inner)", x: inner.x, y: inner.y, style: context.theme.text)
            let halves = bottom.splitVertically(fractions: [1, 1])
            Box(title: "A very long title that is cut", rightTitle: "9").draw(into: &frame, in: halves[0], context: context)
            let box = Box(title: "Tiny", rightTitle: "too wide to fit here")
            box.draw(into: &frame, in: halves[1], context: context)
            box.drawRule(into: &frame, in: halves[1], y: halves[1].y + 2, context: context)
        }
        assertGolden(frame, named: "box-\(name)")
    }

    static let campaignColumns: [Table.Column] = [
        .init("Campaign", width: .flexible(weight: 2), minWidth: 8, priority: 3),
        .init("Channel", width: .fixed(8), priority: 0),
        .init("Spend", width: .fixed(7), alignment: .right, priority: 2),
        .init("Leads", width: .fixed(6), alignment: .right, priority: 1),
        .init("CPL", width: .fixed(6), alignment: .right, priority: 1),
    ]

    static let campaignRows: [[String]] = [
        ["Spring webinar series", "events", "$12.4k", "310", "$40"],
        ["東京 trade show", "events", "$45.3k", "120", "$378"],
        ["Search \u{1B}[31mbrand\u{1B}[0m", "ppc", "$8.1k", "1,204", "$6.7"],
        ["Newsletter", "email", "$950", "88", "$11"],
        ["LinkedIn ABM", "social", "$22.0k", "64", "$344"],
        ["Print: trade journal", "print", "$3.2k", "—", "—"],
        ["Retargeting", "ppc", "$5.5k", "402", "$14"],
        ["Case studies", "content", "$1.1k", "51", "$22"],
        ["Partner dinner", "events", "$7.9k", "19", "$416"],
        ["Q4 nurture", "email", "$300", "233", "$1.3"],
    ]

    @Test(arguments: glyphSets)
    func table(name: String) {
        let glyphs = Self.glyphs(name)
        let table = Table(columns: Self.campaignColumns, rows: Self.campaignRows, selection: 7,
                          sortColumn: 2, sortDirection: .descending)
        let wide = render(width: 48, height: 6, glyphs: glyphs) { frame, context in
            let shown = table.draw(into: &frame, in: frame.bounds, context: context)
            #expect(shown == 3..<8)
        }
        assertGolden(wide, named: "table-48x6-\(name)")
        let narrow = render(width: 24, height: 5, glyphs: glyphs) { frame, context in
            var scrolled = table
            scrolled.selection = 1
            scrolled.scrollOffset = 3
            let shown = scrolled.draw(into: &frame, in: frame.bounds, context: context)
            #expect(shown == 1..<5)
        }
        assertGolden(narrow, named: "table-24x5-\(name)")
    }

    @Test func tableStyles() throws {
        let theme = try #require(Theme.builtin(named: "dark"))
        var rows = Self.campaignRows.prefix(3).map { $0.map { Table.Cell($0) } }
        rows[0][4] = Table.Cell("$40", style: theme.bad)
        rows[2][4] = Table.Cell("$6.7", style: theme.good)
        let table = Table(columns: Self.campaignColumns, rows: rows, selection: 1)
        let frame = render(width: 40, height: 5, glyphs: .unicode, theme: theme) { frame, context in
            table.draw(into: &frame, in: frame.bounds, context: context)
        }
        assertStyledGolden(frame, named: "table-styles-dark", theme: theme)
    }

    @Test func emptyTable() {
        let table = Table(columns: Self.campaignColumns, rows: [[String]](), emptyText: "No campaigns in this period")
        let frame = render(width: 40, height: 3, glyphs: .unicode) { frame, context in
            #expect(table.draw(into: &frame, in: frame.bounds, context: context).isEmpty)
        }
        assertGolden(frame, named: "table-empty")
    }

    @Test(arguments: glyphSets)
    func bars(name: String) {
        let glyphs = Self.glyphs(name)
        let fractions: [Double?] = [0, 0.004, 0.05, 0.333, 0.5, 0.99, 1, 1.3, nil, .nan]
        let frame = render(width: 29, height: fractions.count * 2, glyphs: glyphs) { frame, context in
            for (index, fraction) in fractions.enumerated() {
                let label = fraction.map { String($0) } ?? "nil"
                frame.put(label, x: 0, y: index * 2, style: context.theme.text)
                Bar(fraction: fraction).draw(into: &frame, in: Rect(x: 7, y: index * 2, width: 20, height: 1), context: context)
                Bar(fraction: fraction, marker: 0.6)
                    .draw(into: &frame, in: Rect(x: 7, y: index * 2 + 1, width: 20, height: 1), context: context)
            }
        }
        assertGolden(frame, named: "bar-\(name)")
    }

    @Test func barEighthsAreExact() {
        // 3/8 of one cell, then 1 cell and 1/8 of the next.
        #expect(Bar.characters(fraction: 3.0 / 16.0, width: 2, glyphs: .unicode) == ["▍", "░"])
        #expect(Bar.characters(fraction: 9.0 / 16.0, width: 2, glyphs: .unicode) == ["█", "▏"])
        #expect(Bar.characters(fraction: 9.0 / 16.0, width: 2, glyphs: .ascii) == ["#", "."])
        #expect(Bar.characters(fraction: 0.8, width: 2, glyphs: .ascii) == ["#", "#"])
        #expect(Bar.characters(fraction: 5, width: 3, glyphs: .ascii) == ["#", "#", ">"])
        #expect(Bar.characters(fraction: nil, marker: 1, width: 3, glyphs: .ascii) == [".", ".", "|"])
        // A pace marker near the end hid the overflow mark: 118% read as a full bar.
        #expect(Bar.characters(fraction: 1.18, marker: 0.97, width: 8, glyphs: .ascii) == ["#", "#", "#", "#", "#", "#", "|", ">"])
    }

    @Test(arguments: glyphSets)
    func sparklines(name: String) {
        let glyphs = Self.glyphs(name)
        let values: [Double?] = [0, 1, 2, 3, 4, 5, 6, 7, nil, 7, .nan, 3.5, 12]
        let frame = render(width: 16, height: 4, glyphs: glyphs) { frame, context in
            Sparkline(values: values).draw(into: &frame, in: Rect(x: 0, y: 0, width: 16, height: 1), context: context)
            Sparkline(values: values, maximum: 7).draw(into: &frame, in: Rect(x: 0, y: 1, width: 16, height: 1), context: context)
            Sparkline(values: values).draw(into: &frame, in: Rect(x: 0, y: 2, width: 5, height: 1), context: context)
            Sparkline(values: [0, 0, nil, 0]).draw(into: &frame, in: Rect(x: 0, y: 3, width: 16, height: 1), context: context)
        }
        assertGolden(frame, named: "sparkline-\(name)")
    }

    @Test(arguments: glyphSets)
    func gauges(name: String) {
        let glyphs = Self.glyphs(name)
        let frame = render(width: 40, height: 6, glyphs: glyphs) { frame, context in
            Gauge(label: "Ana Ruiz", fraction: 0.63, marker: 0.7, labelWidth: 10)
                .draw(into: &frame, in: frame.bounds.row(0), context: context)
            Gauge(label: "Bo Chen", fraction: 1.12, marker: 0.7, labelWidth: 10)
                .draw(into: &frame, in: frame.bounds.row(1), context: context)
            Gauge(label: "Team total", fraction: nil, labelWidth: 10)
                .draw(into: &frame, in: frame.bounds.row(2), context: context)
            Gauge(label: "MQLs", fraction: 0.4, valueText: "48/120")
                .draw(into: &frame, in: frame.bounds.row(3), context: context)
            Gauge(label: "Narrow label", fraction: 0.5)
                .draw(into: &frame, in: Rect(x: 0, y: 4, width: 14, height: 1), context: context)
            Gauge(label: "Tiny", fraction: 0.5)
                .draw(into: &frame, in: Rect(x: 0, y: 5, width: 6, height: 1), context: context)
        }
        assertGolden(frame, named: "gauge-\(name)")
    }

    @Test(arguments: glyphSets)
    func bigDigits(name: String) {
        let glyphs = Self.glyphs(name)
        let texts = ["$1.2M", "87%", "12/40", "-3,450.5k", "0123456789", "$1.7B", "$2T", "1.3x"]
        var lines: [String] = []
        for size in BigDigits.Size.allCases {
            for text in texts {
                let rows = BigDigits.lines(text, size: size, glyphs: glyphs)
                #expect(rows.count == size.rows)
                #expect(rows.allSatisfy { displayWidth(of: $0) == BigDigits.width(of: text, size: size) }, "\(text)")
                lines.append("\(text) \(size):")
                lines += rows
            }
        }
        assertGolden(text: lines.joined(separator: "\n") + "\n", named: "bigdigits-\(name)")
    }

    @Test func bigDigitsDrawAlignedAndPickASize() {
        #expect(BigDigits.size(toFit: "87%", width: 40, height: 5) == .large)
        #expect(BigDigits.size(toFit: "87%", width: 40, height: 4) == .small)
        #expect(BigDigits.size(toFit: "87%", width: 8, height: 5) == nil)
        #expect(BigDigits.width(of: "87%", size: .small) == 11)
        // A figure with a character there is no glyph for is not drawn big with it missing.
        #expect(BigDigits.size(toFit: "$1.7B", width: 40, height: 5) == .large)
        #expect(BigDigits.size(toFit: "7 days", width: 80, height: 5) == nil)
        let frame = render(width: 16, height: 3, glyphs: .unicode) { frame, context in
            BigDigits("87%", size: .small, alignment: .right).draw(into: &frame, in: frame.bounds, context: context)
        }
        assertGolden(frame, named: "bigdigits-right")
    }

    static let funnel = FunnelBars(stages: [
        .init("Lead", count: 1204, detail: "100%"),
        .init("MQL", count: 642, detail: "53.3%"),
        .init("SAL", count: 410, detail: "63.9%"),
        .init("SQL", count: 233, detail: "56.8%"),
        .init("Opportunity", count: 120, detail: "51.5%"),
        .init("Won", count: 41, detail: "34.2%"),
        .init("Recycled", count: nil),
        .init("Lost", count: 0, detail: "0%"),
    ])

    @Test(arguments: glyphSets)
    func funnelBars(name: String) {
        let glyphs = Self.glyphs(name)
        let centered = render(width: 50, height: 8, glyphs: glyphs) { frame, context in
            Self.funnel.draw(into: &frame, in: frame.bounds, context: context)
        }
        assertGolden(centered, named: "funnel-centered-\(name)")
        let left = render(width: 30, height: 8, glyphs: glyphs) { frame, context in
            var funnel = Self.funnel
            funnel.centered = false
            funnel.draw(into: &frame, in: frame.bounds, context: context)
        }
        assertGolden(left, named: "funnel-left-\(name)")
    }

    @Test(arguments: glyphSets)
    func tabs(name: String) {
        let glyphs = Self.glyphs(name)
        let tabs = Tabs(titles: ["Campaigns", "Funnel", "Quotas", "SLA", "Inbox"], active: 1)
        let frame = render(width: 60, height: 4, glyphs: glyphs) { frame, context in
            tabs.draw(into: &frame, in: Rect(x: 0, y: 0, width: 60, height: 1), context: context)
            tabs.draw(into: &frame, in: Rect(x: 0, y: 1, width: 36, height: 1), context: context)
            tabs.draw(into: &frame, in: Rect(x: 0, y: 2, width: 24, height: 1), context: context)
            tabs.draw(into: &frame, in: Rect(x: 0, y: 3, width: 12, height: 1), context: context)
        }
        assertGolden(frame, named: "tabs-\(name)")
    }

    @Test func tabStyles() throws {
        let theme = try #require(Theme.builtin(named: "dark"))
        let frame = render(width: 30, height: 1, glyphs: .unicode, theme: theme) { frame, context in
            Tabs(titles: ["Campaigns", "Funnel", "Quotas"], active: 0).draw(into: &frame, in: frame.bounds, context: context)
        }
        #expect(frame.text == " 1 Campaigns  2 Fun…  3 Quo…  \n")
        #expect(frame.styleText(legend: [("A", theme.tabActive), ("i", theme.tabInactive)])
            == "AAAAAAAAAAAAAiiiiiiiiiiiiiiiii\n")
    }

    @Test(arguments: glyphSets)
    func overlay(name: String) {
        let glyphs = Self.glyphs(name)
        let frame = render(width: 40, height: 10, glyphs: glyphs) { frame, context in
            for y in 0..<frame.height {
                frame.put(String(repeating: "pane text ", count: 4), x: 0, y: y, style: context.theme.text)
            }
            Overlay(title: "Help", rightTitle: "esc", fitting: ["1-5  switch pane", "/    filter", "q    quit"])
                .draw(lines: ["1-5  switch pane", "/    filter", "q    quit"], into: &frame, in: frame.bounds, context: context)
        }
        assertGolden(frame, named: "overlay-\(name)")
        let cramped = render(width: 14, height: 4, glyphs: glyphs) { frame, context in
            frame.fill(rect: frame.bounds, style: context.theme.text, character: "x")
            Overlay(title: "Pick a theme", width: 30, height: 8)
                .draw(lines: ["dark", "light", "mono"], into: &frame, in: frame.bounds, context: context)
        }
        assertGolden(cramped, named: "overlay-cramped-\(name)")
    }
}
