import Foundation
import PipelineKit
import Testing
@testable import PipetopUI

/// The sample company's dashboard as it looks at the sizes people use, pane by pane and whole.
@Suite struct DashboardGoldenTests {
    static let sizes = [(80, 24), (120, 40), (200, 60)]

    @Test(arguments: [(80, 24), (120, 40), (160, 45), (200, 60), (50, 12)])
    func wholeScreen(width: Int, height: Int) {
        let state = SeedCompany.state(width: width, height: height)
        assertGolden(text: Dashboard.render(state, context: SeedCompany.context).text, named: "dashboard-\(width)x\(height)")
    }

    @Test(arguments: ViewKind.dashboard.panes)
    func everyPaneAtEverySize(pane: PaneID) {
        for (w, h) in Self.sizes {
            let state = SeedCompany.state(width: w, height: h, focus: pane)
            assertGolden(text: Dashboard.renderPane(pane, state: state, context: SeedCompany.context).text,
                         named: "pane-\(pane.name)-\(w)x\(h)")
        }
    }

    @Test func asciiWhenTheTerminalCannotShowUnicode() {
        let state = SeedCompany.state(width: 120, height: 40, options: SeedCompany.options(unicode: false))
        let text = Dashboard.render(state, context: SeedCompany.asciiContext).text
        #expect(text.unicodeScalars.allSatisfy { $0.isASCII || $0.properties.isAlphabetic || $0.properties.generalCategory == .otherLetter || $0 == "\n" })
        assertGolden(text: text, named: "dashboard-120x40-ascii")
    }

    /// Behind pace shows as a symbol in its own column and in the bad style: never by colour alone.
    @Test func behindPaceIsASymbolAndAColour() {
        let state = SeedCompany.state(width: 120, height: 40, focus: .quotas)
        let frame = Dashboard.renderPane(.quotas, state: state, context: SeedCompany.context)
        let theme = SeedCompany.context.theme
        assertGolden(text: frame.styleText(legend: [("x", theme.bad), ("g", theme.good), ("w", theme.warning)], unknown: "."),
                     named: "pane-quotas-120x40-styles")
        let behind = frame.lines.filter { $0.contains("▼") }
        #expect(behind.count >= 2)
    }

    /// On a narrow screen the header drops whole parts, least needed first, and keeps the as-of
    /// time whole: it used to cut it in the middle ("as of 2026-11-26 1").
    @Test func aNarrowHeaderKeepsTheAsOfTimeWhole() {
        for width in [60, 80, 100] {
            let text = Dashboard.render(SeedCompany.state(width: width, height: 24), context: SeedCompany.context).text
            let header = text.split(separator: "\n").first.map(String.init) ?? ""
            #expect(header.contains("as of 2026-11-26 10:30"), "\(width): \(header)")
        }
    }

    @Test func tooSmallSaysWhatItNeeds() {
        let text = Dashboard.render(SeedCompany.state(width: 59, height: 30), context: SeedCompany.context).text
        #expect(text.contains("terminal too small: needs 60x16"))
        // Narrower than the sentence: wrapped at a word break, never cut inside the size.
        let narrow = Dashboard.render(SeedCompany.state(width: 30, height: 8), context: SeedCompany.context).text
        #expect(narrow.contains("needs") && narrow.contains("60x16") && narrow.contains("now 30x8;"), "\(narrow)")
    }

    @Test func overlaysAt120x40() {
        var state = SeedCompany.state(width: 120, height: 40, focus: .inbox)
        press(&state, [.char("?")])
        assertGolden(text: Dashboard.render(state, context: SeedCompany.context).text, named: "overlay-help-120x40")
        press(&state, [.escape, .char(":")])
        type(&state, "scope")
        assertGolden(text: Dashboard.render(state, context: SeedCompany.context).text, named: "overlay-palette-120x40")
        press(&state, [.escape, .enter])
        assertGolden(text: Dashboard.render(state, context: SeedCompany.context).text, named: "overlay-detail-120x40")
    }
}
