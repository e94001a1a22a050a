import Foundation
import PipelineKit
import Testing
@testable import PipetopUI

/// Huge but valid figures, the JSON writer, and Markdown that renders as the text it holds.
@Suite struct ReportNumbersTests {
    let numbers = NumberText(currencySymbol: "$", missing: "-")

    /// A won deal of 1e305 against an $85,000 quota printed `3.293098131224924e+305%`.
    @Test func percentAndMultipleKeepToTheirColumn() {
        #expect(numbers.percent(3.293098131224924e303, decimals: 0) == ">999%")
        #expect(numbers.percent(-5e10) == "<-999%")
        #expect(numbers.percent(9.994) == "999.4%")
        #expect(numbers.percent(9.996) == ">999%")
        #expect(numbers.multiple(3.2461016949152544e304, decimals: 2) == ">999x")
        #expect(numbers.multiple(999.4) == "999x" && numbers.multiple(-2000) == "<-999x")
        #expect(numbers.delta(250) == ">+999%")
        for text in [numbers.percent(.infinity), numbers.multiple(.infinity), numbers.percent(1e300, decimals: 0)] {
            #expect(text.count <= 6, "\(text)")
        }
    }

    /// Impressions printed as `1e+23` while clicks printed as `1,000,000,000,000,000,000`.
    @Test func largeCountsAndAmountsAreWrittenAlike() {
        #expect(numbers.count(1e23 as Double?) == "1.0e23")
        #expect(numbers.count(1e18 as Double?) == "1.0e18")
        #expect(numbers.count(999_999_999_999_999 as Double?) == "999,999,999,999,999")
        #expect(numbers.count(Int.max) == "9.2e18")
        #expect(numbers.moneyExact(1.7e308) == "$1.7e308" && numbers.moneyExact(-2.5e20) == "-$2.5e20")
        #expect(numbers.moneyExact(1e15, cents: true) == "$1.0e15")
        #expect(numbers.decimal(9.99e15) == "1.0e16")
        #expect(numbers.money(1e20) == ">$999T" && numbers.money(-1e20) == "<-$999T" && numbers.money(999e12) == "$999T")
        #expect(numbers.compactCount(5e17) == ">999T")
    }

    /// A total that overflowed showed as missing ("-"), as if nothing were known.
    @Test func anOverflowedTotalIsSaidSo() {
        #expect(numbers.moneyExact(.infinity) == "overflow" && numbers.count(-Double.infinity) == "overflow")
        #expect(numbers.money(.infinity) == ">$999T")
        #expect(numbers.moneyExact(.nan) == "-" && numbers.moneyExact(nil) == "-")
    }

    /// Two won deals of 1.7e308 sum to infinity: the rep's Actual read "-", JSON null, and
    /// nothing said why.
    @Test func aReportOfAmountsThatOverflowSaysSo() throws {
        let (report, _) = try PipelineReportTests.report { folder in
            for deal in ["D-0198", "D-0205"] {
                let url = folder.appendingPathComponent("deals.csv")
                let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                    guard line.hasPrefix(deal + ",") else { return String(line) }
                    var cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                    cells[5] = "1.7e308"
                    return cells.joined(separator: ",")
                }
                try lines.joined(separator: "\n").write(to: url, atomically: false, encoding: .utf8)
            }
        }
        let text = report.render(.text)
        let marcus = try #require(text.split(separator: "\n").first { $0.hasPrefix("Marcus Webb ") })
        #expect(marcus.contains("overflow") && marcus.contains(">999%"), "\(marcus)")
        #expect(text.contains("note: deals.csv:206: amount: the deal amounts add up past the largest number pipetop can hold"), "\(text.prefix(800))")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as? [String: Any])
        let notes = try #require(root["notes"] as? [String])
        #expect(notes.count == 1 && notes[0].hasPrefix("deals.csv:206: amount:"))
    }

    /// A quota counting millions of things showed `#######` in the pane's 7-column Quota cell.
    @Test func aLargeCountQuotaFitsItsPaneColumn() throws {
        let folder = try SeedCompany.scratchCopy()
        defer { try? FileManager.default.removeItem(at: folder) }
        try PipelineReportTests.replace("Ben Carter,2026-11-01,month,sals,38", with: "Ben Carter,2026-11-01,month,sals,50000000", in: "quotas.csv", of: folder)
        let s = SnapshotLoader(folder: folder).load()
        let metrics = Metrics.compute(s, period: .current(.month, of: s), scope: .everyone, split: .all)
        let model = QuotasModel(report: metrics.quotas, numbers: NumberText(), behindMark: "!")
        let row = try #require(model.rows.firstIndex { $0.owner == "Ben Carter" && $0.metric == .sals })
        #expect(model.cell(row, 3).text == "50.0M")
        #expect(displayWidth(of: model.cell(row, 8).text) <= model.columns[8].width)
    }

    /// JSON wrote `"spend" : -0`.
    @Test func jsonHasNoNegativeZeroAndWholeNumbersAsIntegers() {
        let json = ReportJSON.object([("a", .number(-0.0)), ("b", .number(38)), ("c", .number(0.1)), ("d", .number(1e23)),
                                      ("e", .number(.infinity)), ("f", .number(-2.5)), ("g", .number(.nan))]).text()
        #expect(json == """
        {
          "a" : 0,
          "b" : 38,
          "c" : 0.1,
          "d" : 1e+23,
          "e" : null,
          "f" : -2.5,
          "g" : null
        }

        """)
    }

    @Test func jsonKeysAreInCodePointOrderAndStringsEscaped() throws {
        let value: ReportJSON = ["b": "x\"y\\z\n\t\u{1b}", "a": ["list": [1, nil, true], "empty": [], "none": .object([])],
                                 "c": ReportJSON("Marcus\u{a0}Webb \u{200b}\u{E0041}")]
        let json = value.text()
        #expect(json.hasPrefix("{\n  \"a\" : {\n    \"empty\" : [],\n    \"list\" : [\n      1,\n      null,\n      true\n    ],\n    \"none\" : {}\n  },\n  \"b\""))
        #expect(json.contains(#""b" : "x\"y\\z\n\t\u001b""#))
        #expect(json.contains(#""c" : "Marcus\u00a0Webb \u200b\udb40\udc41""#))
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(parsed["c"] as? String == "Marcus\u{a0}Webb \u{200b}\u{E0041}")
        #expect(parsed["b"] as? String == "x\"y\\z\n\t\u{1b}")
    }

    /// The JSON of a folder with thousands of reps with quotas (25 s and half a gigabyte for
    /// 100,000 through Foundation) reads back with every row and the same figures.
    @Test func aLargeReportsJSONReadsBackWhole() throws {
        let (report, metrics) = try PipelineReportTests.report { folder in
            var reps = "", quotas = ""
            for k in 0..<3_000 {
                reps += "Gen Rep \(k),Team \(k % 40),Helena Brandt,EMEA,ae,gen\(k)@example.com,gen\(k)\n"
                quotas += "Gen Rep \(k),2026-11-01,month,won_amount,\(50_000 + k)\n"
            }
            for (file, rows) in [("reps.csv", reps), ("quotas.csv", quotas)] {
                let handle = try FileHandle(forWritingTo: folder.appendingPathComponent(file))
                handle.seekToEndOfFile()
                handle.write(Data(rows.utf8))
                handle.closeFile()
            }
        }
        let root = try #require(try JSONSerialization.jsonObject(with: Data(report.render(.json).utf8)) as? [String: Any])
        let reps = try #require((root["quotas"] as? [String: Any])?["reps"] as? [[String: Any]])
        #expect(reps.count == metrics.quotas.reps.count && reps.count > 3_000)
        let last = try #require(reps.last)
        #expect(last["owner"] as? String == "Gen Rep 2999" && last["target"] as? Int == 52_999 && last["actual"] as? Int == 0)
    }

    /// A campaign named with HTML and a link came out as raw `<b>` and a live `[l](...)`.
    @Test func markdownCellsRenderAsTheirText() {
        let name = "Pipe | cell <b>x</b> [l](javascript:alert(1))", more = "*a* _b_ `c` ~d~ #1 &lt; AT&T"
        let section = PipelineReport.Section(title: "T <i>", lines: ["Scope: Team *A*"], header: ["Name"], rows: [[name], [more]], notes: ["[x](y)"])
        let md = section.markdown()
        #expect(md.contains(##"| Pipe \| cell \<b\>x\</b\> \[l\](javascript:alert(1)) |"##), "\(md)")
        #expect(md.contains(##"| \*a\* \_b\_ \`c\` \~d\~ \#1 &amp;lt; AT&T |"##), "\(md)")
        #expect(md.hasPrefix("## T \\<i\\>\n"))
        #expect(md.contains("- Scope: Team \\*A\\*\n") && md.contains("> \\[x\\](y)"))
        for raw in ["<b>", "[l]", "*a*", "&lt;"] { #expect(!md.contains(raw), "\(raw)") }
    }
}
