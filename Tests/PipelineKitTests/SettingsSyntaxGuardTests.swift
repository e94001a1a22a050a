import Testing
@testable import PipelineKit

/// Inputs that make TOMLKit's parser stop on an assertion (the process dies) instead of reporting
/// a syntax error. The loader must catch them first and report them like any syntax error.
@Suite struct SettingsSyntaxGuardTests {
    private func error(_ text: String) -> Diagnostic? {
        let (s, d) = SettingsLoader.parse(text: text, fileName: "pipetop.toml")
        #expect(d.count == 1)
        #expect(s.readOnly == false)
        return d.first
    }

    @Test func tableNamesThatCannotStartAKey() {
        let d = error("[data]\nread_only = true\n[:stages]\n")
        #expect(d?.line == 3 && d?.column == 2)
        #expect(d?.message == "TOML syntax: a table name cannot start with ':'")
        #expect(error("[[#x]]\n")?.line == 1)
        #expect(error("[ \n")?.message == "TOML syntax: a table name cannot start with the end of the line")
        #expect(error("[[[x]]]\n")?.column == 3)
        #expect(error("[é]\n")?.message == "TOML syntax: a table name cannot start with 'é'")
    }

    @Test func arrayItemsThatCannotStartAValue() {
        let d = error("[stages]\ndisqualify_reasons = [\n  \"No budget\",\n  }\n]\n")
        #expect(d?.line == 4 && d?.column == 3)
        #expect(error("a = [1, \u{2028} 2]\n")?.line == 1)
        #expect(error("a = [\u{85}]\n")?.line == 1)
    }

    @Test func aDateWithALoneDigitAfterTheSpace() {
        #expect(error("[data]\nas_of = 1979-05-27 0\n")?.line == 2)
        #expect(error("a = [1979-05-27 0]\n")?.line == 1)
        #expect(error("a = { d = 1979-05-27 0 }\n")?.line == 1)
    }

    /// An earlier, ordinary syntax error is the one reported.
    @Test func earlierErrorsComeFirst() {
        let d = error("[data]\nread_only = tru\n[:stages]\n")
        #expect(d?.line == 2)
        #expect(d?.message.hasPrefix("TOML syntax") == true)
    }

    /// What looks like a bad header inside strings and arrays is not one.
    @Test func validLookalikesPass() {
        let text = #"""
        [display]
        theme = """
        [:not a header
        """
        view = '''
        [#nor this'''
        rotate_seconds = 5 # [: nor this
        [stages]
        disqualify_reasons = [
          "a", # }
          "b",
        ]
        [data]
        as_of = 1979-05-27 07:32:00Z
        """#
        let (s, d) = SettingsLoader.parse(text: text, fileName: "pipetop.toml")
        // The view's text is read whole (no view has that name, which is the one warning).
        #expect(d.map(\.message) == ["\"[#nor this\" is not a view; the dashboard opens"], "\(d)")
        #expect(s.display.theme == "[:not a header\n")
        #expect(s.disqualifyReasons == ["a", "b"])
        #expect(s.asOf == 296_638_320)
    }
}

@Suite struct SettingsKeyLocatorTests {
    @Test func findsKeysInTablesDottedKeysAndInlineTables() {
        let text = """
        # comment
        [data]
        time_zone = "UTC"
          read_only=true
        sla.stale_days = 3
        [deal_stages]
        probabilities = { prospecting = 10, "closed won" = 100, nested = { a = 1 } }
        open = [
          "x", { skipped = 1 },
        ]
        after = 1
        [tables.leads.values.stage]
        "Closed - Converted" = "opportunity"
        'literal key' = "x"
        [[arr]]
        k = 1
        """
        let l = TOMLKeyLocator(text: text)
        func at(_ path: [String]) -> (Int, Int)? { l.position(of: path).map { ($0.line, $0.column) } }
        #expect(at(["data"])! == (2, 1))
        #expect(at(["data", "time_zone"])! == (3, 1))
        #expect(at(["data", "read_only"])! == (4, 3))
        #expect(at(["data", "sla", "stale_days"])! == (5, 1))
        #expect(at(["deal_stages", "probabilities", "prospecting"])! == (7, 19))
        #expect(at(["deal_stages", "probabilities", "closed won"])! == (7, 37))
        #expect(at(["deal_stages", "probabilities", "nested", "a"])! == (7, 68))
        #expect(at(["deal_stages", "open"])! == (8, 1))
        #expect(at(["deal_stages", "after"])! == (11, 1))
        #expect(at(["tables", "leads", "values", "stage", "Closed - Converted"])! == (13, 1))
        #expect(at(["tables", "leads", "values", "stage", "literal key"])! == (14, 1))
        #expect(at(["arr", "k"])! == (16, 1))
        // An unwritten key falls back to its nearest written parent.
        #expect(at(["data", "as_of"])! == (2, 1))
        #expect(at(["nowhere"]) == nil)
        #expect(l.unsafeSyntax == nil)
    }

    @Test func countsLinesWithCRLFAndAByteOrderMark() {
        let l = TOMLKeyLocator(text: "\u{FEFF}[data]\r\ntime_zone = \"UTC\"\r\n\r\nread_only = true\r\n")
        #expect(l.position(of: ["data"]) == .init(line: 1, column: 1))
        #expect(l.position(of: ["data", "read_only"]) == .init(line: 4, column: 1))
    }
}
