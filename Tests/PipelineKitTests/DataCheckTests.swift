import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import PipelineKit

/// Each problem `pipetop check` must report, one folder per case.
@Suite struct DataCheckTests {
    func errors(_ overrides: [String: String?]) throws -> [Diagnostic] {
        let folder = try DataFolder(overriding: overrides)
        defer { folder.remove() }
        return folder.load().diagnostics.filter { $0.severity == .error }
    }

    func leads(_ extraRow: String) -> String {
        DataFolder.files["leads.csv"]! + extraRow + "\n"
    }

    /// A file beside a `--settings` file is named by a tidy path, not one through the data folder.
    @Test func pathsAreTidied() {
        #expect(DataCheck.tidied("../shared/realdata/maven-crm/../../../../tmp/mv/quotas.csv") == "../../tmp/mv/quotas.csv")
        #expect(DataCheck.tidied("/work/shared/crm/../../../tmp/mv/quotas.csv") == "/tmp/mv/quotas.csv")
        #expect(DataCheck.tidied("./data/./leads.csv") == "data/leads.csv")
        #expect(DataCheck.tidied("data/leads.csv") == "data/leads.csv")
        #expect(DataCheck.tidied("/../x.csv") == "/x.csv")
    }

    /// The folder's own name is printed escaped too: it may hold anything a name can.
    @Test func aFolderNameWithEscapesIsPrintedEscaped() throws {
        let folder = try DataFolder(overriding: ["campaigns.csv": DataFolder.files["campaigns.csv"]!.replacingOccurrences(of: ",ppc,", with: ",ppx,")])
        defer { folder.remove() }
        let lines = DataCheck(folder.load()).lines(folderLabel: "/tmp/evil\u{1b}]0;pwn\u{07}")
        #expect(lines.count >= 2)
        #expect(lines.allSatisfy { !$0.unicodeScalars.contains { $0.value == 0x1b || $0.value == 0x07 } }, "\(lines)")
        #expect(lines[0].hasPrefix("/tmp/evil\\u{1b}]0;pwn\\u{7}/campaigns.csv:3:"))
    }

    @Test func validFolderHasNoErrors() throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        let s = folder.load()
        #expect(s.diagnostics.filter { $0.severity == .error } == [])
        #expect(s.leads.count == 3)
        #expect(s.deals.count == 2)
        #expect(s.campaigns.count == 2)
        #expect(s.reps.count == 3)
        #expect(s.quotas.count == 2)
        #expect(s.leads.company[0] == "Acme, Inc")
        #expect(s.deals.lead[0] == 0)
        #expect(s.leads.campaign[2] == 1)
        #expect(s.leads.furthest[1] == .sal)
        #expect(s.leads.salesSourced[1])
    }

    @Test func byteOrderMarkAndCRLFAreFine() throws {
        let crlf = DataFolder.files["leads.csv"]!.replacingOccurrences(of: "\n", with: "\r\n")
        let folder = try DataFolder()
        defer { folder.remove() }
        try folder.write("leads.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(crlf.utf8))
        let s = folder.load()
        #expect(s.diagnostics.filter { $0.severity == .error } == [])
        #expect(s.leads.count == 3)
        #expect(s.leads.id[0] == "L1")
        #expect(s.leads.dealID[0] == "D1")
    }

    @Test func unterminatedQuote() throws {
        let e = try errors(["leads.csv": leads("L9,2026-11-20T09:00:00,\"Open quote,x,x@x.test,inbound,,lead,,,,,,,,,,")])
        #expect(e.count == 1)
        #expect(e[0].file == "leads.csv" && e[0].line == 5 && e[0].column == 24)
        #expect(e[0].message.contains("unterminated quote"))
    }

    /// A stray quote mid-file is an error on its own row; the rows after it are read, not swallowed
    /// into its cell.
    @Test func strayQuoteMidFile() throws {
        let rows = "L9,2026-11-20T09:00:00,\"Stray quote,x,x@x.test,inbound,,lead,,,,,,,,,,\n"
            + "L10,2026-11-20T09:00:00,Ann,Zeta,a@z.test,inbound,,lead,,,,,,,,,,\n"
            + "L11,2026-11-21T09:00:00,Bo,\"Quoted, Co\",b@q.test,inbound,,lead,,,,,,,,,,"
        let folder = try DataFolder(overriding: ["leads.csv": leads(rows)])
        defer { folder.remove() }
        let snapshot = folder.load()
        let e = snapshot.diagnostics.filter { $0.severity == .error }
        #expect(e.count == 1)
        #expect(e.first?.file == "leads.csv" && e.first?.line == 5 && e.first?.column == 24)
        #expect(e.first?.message.contains("does not close on its line") == true)
        #expect(snapshot.leads.count == 5)
        #expect(snapshot.leads.id[3] == "L10" && snapshot.leads.company[4] == "Quoted, Co")
    }

    /// A pipe where a data file belongs is reported, not waited on for ever.
    @Test func aPipeInPlaceOfAFile() throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        let leads = folder.url.appendingPathComponent("leads.csv")
        try FileManager.default.removeItem(at: leads)
        #expect(mkfifo(leads.path, 0o600) == 0)
        let e = folder.load().diagnostics.filter { $0.severity == .error }
        #expect(e.contains { $0.file == "leads.csv" && $0.message.contains("not a regular file") })
    }

    /// A file whose lines end in a carriage return alone is one long line: said so, not read as
    /// an empty table.
    @Test func classicMacLineEnds() throws {
        let text = DataFolder.files["leads.csv"]!.replacingOccurrences(of: "\n", with: "\r")
        let e = try errors(["leads.csv": text])
        #expect(e.count == 1)
        #expect(e.first?.file == "leads.csv" && e.first?.line == 1)
        #expect(e.first?.message.contains("carriage return alone") == true)
    }

    /// A number beyond a Double's range is not a number: it would make every total infinite.
    @Test func numberTooLargeForADouble() throws {
        let deals = DataFolder.files["deals.csv"]! + "D3,X,Y,Ana Ruiz,proposal,1e309,2026-11-12,2026-12-15,,\n"
        let e = try errors(["deals.csv": deals])
        #expect(e.count == 1)
        #expect(e.first?.message.contains("not a number") == true)
    }

    /// Header names and other quoted text in messages come out with control characters escaped,
    /// and a header as long as a whole file is cut short.
    @Test func messagesEscapeControlCharactersAndStayShort() throws {
        let header = "lead_id,created_at,na\u{1B}]0;pwned\u{07}me,\u{202E}company,email,source"
        let e = try errors(["leads.csv": header + "\n"])
        let message = try #require(e.first { $0.message.contains("missing required column") }?.message)
        #expect(!message.unicodeScalars.contains { MessageText.isUnsafe($0) })
        #expect(message.contains("na\\u{1b}]0;pwned\\u{7}me") && message.contains("\\u{202e}company"))
        let long = (0..<500).map { "c\($0)" }.joined(separator: ",")
        let cut = try #require(try errors(["leads.csv": long + "\n"]).first { $0.message.contains("missing required column") })
        #expect(cut.message.count < 1_000 && cut.message.contains("(500 in all)"))
    }

    /// A header that names a column twice says which one is read.
    @Test func aColumnNamedTwice() throws {
        let text = DataFolder.files["leads.csv"]!.replacingOccurrences(of: ",email,", with: ",Lead ID,")
        let folder = try DataFolder(overriding: ["leads.csv": text])
        defer { folder.remove() }
        let warnings = folder.load().diagnostics.filter { $0.severity == .warning && $0.line == 1 }
        #expect(warnings.count == 1)
        #expect(warnings.first?.message.contains("\"lead_id\" more than once (columns 1, 5); lead_id is read from column 1") == true)
    }

    /// A lead naming a campaign or deal whose own row was left out is told that, not that the id
    /// is nowhere in the file.
    @Test func namingARowThatWasLeftOut() throws {
        let campaigns = DataFolder.files["campaigns.csv"]!.replacingOccurrences(of: ",events,", with: ",Eventz,")
        let deals = DataFolder.files["deals.csv"]!.replacingOccurrences(of: ",won,12000", with: ",wonn,12000")
        let folder = try DataFolder(overriding: ["campaigns.csv": campaigns, "deals.csv": deals])
        defer { folder.remove() }
        let d = folder.load().diagnostics
        #expect(d.contains { $0.file == "campaigns.csv" && $0.message.contains("unknown channel \"Eventz\"") })
        #expect(!d.contains { $0.message.contains("campaign (not in campaigns.csv)") })
        #expect(d.contains { $0.file == "leads.csv" && $0.message.contains("\"C1\"") && $0.message.contains("its row in campaigns.csv is left out") })
        #expect(!d.contains { $0.message.contains("no deal \"D1\"") })
        #expect(d.contains { $0.file == "leads.csv" && $0.message.contains("deal \"D1\" has its row in the deals file left out") })
    }

    /// The same for rows left out as they are read (a cell that does not parse, a cell count).
    @Test func namingARowLeftOutForABadCell() throws {
        let campaigns = DataFolder.files["campaigns.csv"]!.replacingOccurrences(of: "C2,\"Search, brand\",ppc,Mia,2026-10-01", with: "C2,\"Search, brand\",ppc,Mia,2026-13-01")
        let deals = DataFolder.files["deals.csv"]!.replacingOccurrences(of: ",won,12000,", with: ",won,12k0,")
        let folder = try DataFolder(overriding: ["campaigns.csv": campaigns, "deals.csv": deals])
        defer { folder.remove() }
        let d = folder.load().diagnostics
        #expect(d.contains { $0.file == "campaigns.csv" && $0.message.contains("2026-13-01") })
        #expect(d.contains { $0.file == "deals.csv" && $0.message.contains("12k0") })
        #expect(!d.contains { $0.message.contains("campaign (not in campaigns.csv)") }, "\(d)")
        #expect(d.contains { $0.file == "leads.csv" && $0.message.contains("\"C2\"") && $0.message.contains("its row in campaigns.csv is left out") })
        #expect(!d.contains { $0.message.contains("no deal \"D1\"") }, "\(d)")
        #expect(d.contains { $0.file == "leads.csv" && $0.message.contains("deal \"D1\" has its row in the deals file left out") })
    }

    /// A lead, a rep, or a campaign with a stray quote, left out as read, is named so where other
    /// files refer to it, each as a warning pointing at the error to fix.
    @Test func namingLeadsRepsAndStrayQuotedRowsLeftOut() throws {
        let campaigns = DataFolder.files["campaigns.csv"]!.replacingOccurrences(of: "C1,Spring webinar", with: "C1,\"Spring webinar")
        let leads = DataFolder.files["leads.csv"]!.replacingOccurrences(of: "L1,2026-11-02T09:00:00", with: "L1,2026-11-32T09:00:00")
        let reps = DataFolder.files["reps.csv"]!.replacingOccurrences(of: "Ben Cole,Enterprise,Kim Lee,West,sdr,ben@example.com,ben", with: "Ben Cole,Enterprise")
        let folder = try DataFolder(overriding: ["campaigns.csv": campaigns, "leads.csv": leads, "reps.csv": reps])
        defer { folder.remove() }
        let d = folder.load().diagnostics
        let errors = d.filter { $0.severity == .error }.map(\.description)
        #expect(errors.count == 3, "\(errors)")
        #expect(d.contains { $0.file == "deals.csv" && $0.severity == .warning && $0.message.contains("lead \"L1\" has its row in the leads file left out") })
        #expect(d.contains { $0.file == "leads.csv" && $0.severity == .warning && $0.message.contains("their row in reps.csv is left out") && $0.message.contains("Ben Cole") })
        #expect(d.contains { $0.file == "quotas.csv" && $0.severity == .warning && $0.message.contains("\"Ben Cole\" has their row in reps.csv left out") })
        #expect(!d.contains { $0.message.contains("campaign (not in campaigns.csv)") }, "\(d)")
    }

    /// References to a file that cannot be read at all are not checked: each would be an error.
    @Test func referencesToAnUnreadableFileAreNotEachAnError() throws {
        for broken in ["", "name,channel\nX,ppc\n"] {
            let folder = try DataFolder(overriding: ["campaigns.csv": broken, "reps.csv": broken])
            defer { folder.remove() }
            let errors = folder.load().diagnostics.filter { $0.severity == .error }
            #expect(errors.allSatisfy { $0.file == "campaigns.csv" || $0.file == "reps.csv" }, "\(errors.map(\.description))")
            #expect(!errors.contains { $0.message.contains("not in campaigns.csv") || $0.message.contains("not in reps.csv") }, "\(errors.map(\.description))")
        }
    }

    /// A stray quote in the header row is said so; the first data row is not taken for the header.
    @Test func aStrayQuoteInTheHeader() throws {
        let text = DataFolder.files["leads.csv"]!.replacingOccurrences(of: "lead_id,created_at,name,", with: "lead_id,created_at,\"name,")
        let e = try errors(["leads.csv": text])
        #expect(e.count == 1)
        #expect(e.first?.line == 1 && e.first?.column == 20)
        #expect(e.first?.message.contains("header row has a quote") == true)
    }

    @Test func tooManyAndTooFewCells() throws {
        let e = try errors(["leads.csv": leads("L9,2026-11-20T09:00:00,A,B,C,inbound,,lead\nL10,2026-11-20T09:00:00,A,B,C,inbound,,lead,,,,,,,,,,,,extra")])
        #expect(e.map(\.line) == [5, 6])
        #expect(e[0].message.contains("too few cells"))
        #expect(e[1].message.contains("too many cells"))
        // Too few: just past the row's last cell; too many: the first cell past the header's.
        #expect(e[0].column == "L9,2026-11-20T09:00:00,A,B,C,inbound,,lead".count + 1)
        #expect(e[1].column == "L10,2026-11-20T09:00:00,A,B,C,inbound,,lead,,,,,,,,,,,".count + 1)
    }

    /// A carriage return alone between two rows (files joined together) ran them into one row of
    /// too many cells: two rows were gone, one was counted as left out, and the message said
    /// nothing of the line end.
    @Test func aCarriageReturnAloneBetweenRowsIsSaid() throws {
        let row = "L9,2026-11-20T09:00:00,A,B,C,inbound,,lead,,,,,,,,,,"
        let folder = try DataFolder(overriding: ["leads.csv": leads(row + "\r" + row.replacingOccurrences(of: "L9", with: "L10"))])
        defer { folder.remove() }
        let s = folder.load()
        let e = s.diagnostics.filter { $0.severity == .error }
        #expect(e.count == 1)
        #expect(e.first?.line == 5 && e.first?.column == row.count + 1)
        #expect(e.first?.message.contains("a carriage return alone here runs 2 rows together") == true, "\(e)")
        #expect(s.status(of: "leads")?.leftOut == 2)
        // After a closing quote, as an export that quotes every cell writes it.
        let quoted = "L9,2026-11-20T09:00:00,A,B,C,inbound,,lead,,,,,,,,,,\"x\""
        let other = try DataFolder(overriding: ["leads.csv": leads(quoted + "\r" + row.replacingOccurrences(of: "L9", with: "L10"))])
        defer { other.remove() }
        let q = other.load()
        #expect(q.diagnostics.contains { $0.message.contains("a carriage return alone here runs 2 rows together") }, "\(q.diagnostics)")
        #expect(q.status(of: "leads")?.leftOut == 2)
    }

    @Test func dateThatDoesNotMatchTheFormat() throws {
        let e = try errors(["leads.csv": leads("L9,2026-13-01,A,B,C,inbound,,lead,,,,,,,,,,")])
        #expect(e.count == 1)
        #expect(e[0].line == 5 && e[0].column == 4)
        #expect(e[0].message.contains("created_at") && e[0].message.contains("2026-13-01") && e[0].message.contains("there is no month 13"))
    }

    /// A date written in the layout but out of range is called that, not a layout mismatch.
    @Test func aDateThatIsNoRealDay() throws {
        let e = try errors(["leads.csv": leads("L9,2026-02-30,A,B,C,inbound,,lead,,,,,,,,,,\nL10,Nov 3rd,A,B,C,inbound,,lead,,,,,,,,,,\nL11,11/03/2026,A,B,C,inbound,,lead,,,,,,,,,,")])
        #expect(e.count == 3)
        // Which part is out of range: the general hint fit neither a 30th of February nor a month 13.
        #expect(e[0].message.contains("\"2026-02-30\" is not a real date or time (Feb 2026 has 28 days)") == true)
        // Another layout is a layout mismatch, whatever its digits.
        #expect(e[1].message.contains("\"Nov 3rd\" is not a date in the layout") == true)
        #expect(e[2].message.contains("\"11/03/2026\" is not a date in the layout") == true)
        // A date written month or day first points at the setting, not at the row.
        #expect(e[2].suggestion?.hasPrefix("if the file writes dates this way, set date_format") == true)
        #expect(e[1].suggestion == nil)
    }

    @Test func numberThatDoesNotParse() throws {
        let deals = DataFolder.files["deals.csv"]! + "D3,X,Y,Ana Ruiz,proposal,12k0,2026-11-12,2026-12-15,,\n"
        let e = try errors(["deals.csv": deals])
        #expect(e.count == 1)
        #expect(e[0].file == "deals.csv" && e[0].line == 4 && e[0].column == 26)
        #expect(e[0].message.contains("amount") && e[0].message.contains("not a number"))
        #expect(e[0].suggestion == nil)
        // A decimal comma the settings do not say points at number_format.
        let comma = try errors(["deals.csv": DataFolder.files["deals.csv"]! + "D3,X,Y,Ana Ruiz,proposal,\"1,5\",2026-11-12,2026-12-15,,\n"])
        #expect(comma.first?.suggestion?.contains("number_format = \"decimal_comma\"") == true)
    }

    @Test func unknownStageSuggestsTheNearestOne() throws {
        let deals = DataFolder.files["deals.csv"]! + "D3,X,Y,Ana Ruiz,Closd Won,100,2026-11-12,2026-12-15,,\n"
        let folder = try DataFolder(overriding: ["deals.csv": deals])
        defer { folder.remove() }
        let s = folder.load()
        let e = s.diagnostics.filter { $0.severity == .error }
        #expect(e.count == 1)
        #expect(e[0].line == 4 && e[0].column == 17)
        #expect(e[0].message.contains("Closd Won"))
        #expect(e[0].suggestion?.contains("Closed Won") == true)
        #expect(s.deals.count == 2, "the bad row is left out")
    }

    @Test func duplicateID() throws {
        let e = try errors(["leads.csv": leads("L2,2026-11-20T09:00:00,A,B,C,inbound,,lead,,,,,,,,,,")])
        #expect(e.count == 1)
        #expect(e[0].line == 5)
        #expect(e[0].message.contains("duplicate lead_id \"L2\" (first at line 3)"))
    }

    /// Messages made once the rows are read (a duplicate id, an unknown value) name the cell's own
    /// line and column too: here the id is the second column, after a cell with a line break.
    @Test func messagesAboutACellNameItsColumn() throws {
        // The name first, then the id: name,lead_id,created_at,company,…
        let moved = DataFolder.files["leads.csv"]!.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let cells = line.split(separator: ",", maxSplits: 3, omittingEmptySubsequences: false).map(String.init)
            guard cells.count == 4 else { return String(line) }
            return [cells[2], cells[0], cells[1], cells[3]].joined(separator: ",")
        }.joined(separator: "\n")
        let lost = "Ann,L9,2026-11-21T09:00:00,B,C,inbound,,"
        let text = moved + "\"Jo\nPark\",L2,2026-11-20T09:00:00,B,C,inbound,,lead,,,,,,,,,,\n" + lost + "Qualifyd,,,,,,,,,,\n"
        let folder = try DataFolder(overriding: ["leads.csv": text])
        defer { folder.remove() }
        var s = folder.load()
        let e = s.diagnostics.filter { $0.file == "leads.csv" }
        #expect(e.count == 2, "\(e)")
        #expect(e.first { $0.message.contains("duplicate lead_id") }.map { [$0.line, $0.column] } == [6, 7])
        #expect(e.first { $0.message.contains("Qualifyd") }.map { [$0.line, $0.column] } == [7, lost.count + 1])
        // A reload that reads other files again keeps the places without reading leads.csv again.
        try folder.write("leads.csv", bytes: [])
        s = SnapshotLoader(folder: folder.url).load(previous: s, changed: ["deals.csv"], now: 1_795_696_200)
        let kept = s.diagnostics.filter { $0.file == "leads.csv" }
        #expect(kept.first { $0.message.contains("duplicate lead_id") }.map { [$0.line, $0.column] } == [6, 7])
        #expect(kept.first { $0.message.contains("Qualifyd") }.map { [$0.line, $0.column] } == [7, lost.count + 1])
    }

    /// A row found again at the message's line that holds other text (the file changed since it
    /// was read) gives the message no column rather than a wrong one.
    @Test func aCellChangedSinceItWasReadGetsNoColumn() throws {
        let bad = "L9,2026-11-21T09:00:00,Ann,B,C,inbound,,Qualifyd,,,,,,,,,,\n"
        let folder = try DataFolder(overriding: ["leads.csv": leads(bad)])
        defer { folder.remove() }
        let s = folder.load()
        var d = s.diagnostics.filter { $0.message.contains("Qualifyd") }
        #expect(d.map { [$0.line, $0.column] } == [[5, 41]])
        d[0].column = 0
        let url = folder.url.appendingPathComponent("leads.csv")
        try folder.write("leads.csv", bytes: Array(leads(bad.replacingOccurrences(of: ",Ann,", with: ",Annabel,").replacingOccurrences(of: "Qualifyd", with: "lead")).utf8))
        SnapshotLoader.locateCells(&d, tables: s.tables, readFrom: ["leads.csv": (url, false)], previous: nil)
        #expect(d[0].column == 0)
        try folder.write("leads.csv", bytes: Array(leads(bad.replacingOccurrences(of: ",Ann,", with: ",Annabel,")).utf8))
        SnapshotLoader.locateCells(&d, tables: s.tables, readFrom: ["leads.csv": (url, false)], previous: nil)
        #expect(d[0].column == 45)
    }

    /// A byte-order mark is not counted as a character of the header row.
    @Test func theHeaderRowsColumnsSkipAByteOrderMark() throws {
        let text = DataFolder.files["leads.csv"]!.replacingOccurrences(of: "lead_id,created_at,name,", with: "lead_id,created_at,\"name,")
        let folder = try DataFolder()
        defer { folder.remove() }
        try folder.write("leads.csv", bytes: [0xEF, 0xBB, 0xBF] + Array(text.utf8))
        let e = folder.load().diagnostics.filter { $0.severity == .error }
        #expect(e.first.map { [$0.line, $0.column] } == [1, 20])
    }

    /// The rows a file is said to have are those the panes show: a row left out for an unknown
    /// stage is not counted, as a row left out for a bad cell is not.
    @Test func rowsReadLeaveOutEveryRowLeftOut() throws {
        let e = try DataFolder(overriding: ["leads.csv": leads("L9,2026-11-21T09:00:00,A,B,C,inbound,,Qualifyd,,,,,,,,,,\nL10,2026-11-21T09:00:00,A,B,C,inbound,,lead,,1x2,,,,,,,,")])
        defer { e.remove() }
        #expect(e.load().files.first { $0.table == "leads" }?.rows == 3)
    }

    /// Stage history rows naming a deal the deals file does not have are said once, as a warning.
    @Test func stageHistoryNamingAnUnknownDeal() throws {
        let folder = try DataFolder(overriding: ["stage_history.csv": "deal_id,stage,at\nD1,proposal,2026-11-10T09:00:00\nD9,proposal,2026-11-11T09:00:00\nD9,won,2026-11-12T09:00:00\n"])
        defer { folder.remove() }
        let d = folder.load().diagnostics.filter { $0.file == "stage_history.csv" }
        #expect(d.map(\.description) == ["stage_history.csv:3:1: warning: deal_id: 2 rows name a deal that is not in the deals file (the first, \"D9\", at this line); they are left out of the stage times"])
    }

    /// History rows naming a deal whose row is left out are not said to name a deal nowhere.
    @Test func stageHistoryNamingADealLeftOut() throws {
        let deals = DataFolder.files["deals.csv"]!.replacingOccurrences(of: ",won,12000,", with: ",wonn,12000,")
        let folder = try DataFolder(overriding: ["deals.csv": deals, "stage_history.csv": "deal_id,stage,at\nD1,proposal,2026-11-10T09:00:00\n"])
        defer { folder.remove() }
        #expect(!folder.load().diagnostics.contains { $0.file == "stage_history.csv" })
    }

    /// Without a readable reps.csv the quotas cannot be placed: that is said once, not silently.
    @Test func quotasWaitForAReadableRepsFile() throws {
        let folder = try DataFolder(overriding: ["reps.csv": ""])
        defer { folder.remove() }
        let s = folder.load()
        #expect(s.diagnostics.filter { $0.file == "quotas.csv" }.map(\.message) == ["the quotas of reps it does not give are not shown while reps.csv cannot be read: it says whose each quota is"])
    }

    /// A file read only in part (a quote open at its end) gives no ground to call a reference to
    /// any other row unknown: deals naming leads past the quote were each warned about.
    @Test func referencesToAFileReadInPartAreNotChecked() throws {
        let leads = DataFolder.files["leads.csv"]!.replacingOccurrences(of: "L3,2026-11-25T08:00:00,Li Wu,", with: "L3,2026-11-25T08:00:00,\"Li Wu,")
        let deals = DataFolder.files["deals.csv"]! + "D3,Initech seats,Initech,Ana Ruiz,proposal,5000,2026-11-25T09:00:00,2026-12-15,L3,\n"
        let folder = try DataFolder(overriding: ["leads.csv": leads, "deals.csv": deals])
        defer { folder.remove() }
        let s = folder.load()
        #expect(s.diagnostics.contains { $0.file == "leads.csv" && $0.message.hasPrefix("unterminated quote") })
        #expect(!s.diagnostics.contains { $0.file == "deals.csv" }, "\(s.diagnostics.filter { $0.file == "deals.csv" }.map(\.message))")
    }

    /// A header ending in a comma made every row one cell short: all nine campaigns were left out.
    @Test func aHeaderEndingInACommaReadsItsRows() throws {
        var lines = DataFolder.files["campaigns.csv"]!.components(separatedBy: "\n")
        lines[0] += ","
        // A row may also fill the unnamed column: it is kept (the first fix left such rows out).
        lines[1] += ",a note"
        let folder = try DataFolder(overriding: ["campaigns.csv": lines.joined(separator: "\n")])
        defer { folder.remove() }
        let s = folder.load()
        #expect(s.campaigns.count == 2)
        let campaigns = s.diagnostics.filter { $0.file == "campaigns.csv" }
        #expect(campaigns.count == 1 && campaigns[0].severity == .warning, "\(campaigns.map(\.message))")
        #expect(campaigns.first?.message.hasPrefix("the header ends with a comma") == true)
    }

    /// Values that parse but cannot be meant passed with no word: each kind is one warning, and
    /// the rows are kept.
    @Test func unlikelyValuesAreWarnedAbout() throws {
        let campaigns = DataFolder.files["campaigns.csv"]!
            .replacingOccurrences(of: "C1,Spring webinar,events,Mia,2026-09-01,2026-12-31,10000,4000", with: "C1,Spring webinar,events,Mia,2026-09-01,2026-08-31,-10000,-4000")
        let deals = DataFolder.files["deals.csv"]!
            .replacingOccurrences(of: "D1,Acme platform,\"Acme, Inc\",Ana Ruiz,won,12000,", with: "D1,Acme platform,\"Acme, Inc\",Ana Ruiz,won,,")
            .replacingOccurrences(of: "2026-12-15,,", with: "2026-12-15,,150")
        let quotas = DataFolder.files["quotas.csv"]!.replacingOccurrences(of: "sals,10", with: "sals,2.5")
            .replacingOccurrences(of: "won_amount,20000", with: "won_amount,-20000")
        let leads = DataFolder.files["leads.csv"]!.replacingOccurrences(of: "Globex,sam@globex.test,cold_call,,sal,Ben Cole,40,2026-11-10T09:05:00", with: "Globex,sam@globex.test,cold_call,,sal,Ben Cole,40,2026-11-01T09:05:00")
        let folder = try DataFolder(overriding: ["campaigns.csv": campaigns, "deals.csv": deals, "quotas.csv": quotas, "leads.csv": leads])
        defer { folder.remove() }
        let s = folder.load()
        let warnings = s.diagnostics.filter { $0.severity == .warning }.map(\.message)
        for expected in ["end: 1 campaign ends before it starts", "budget: 1 campaign has a negative budget",
                         "spend: 1 campaign has a negative spend; costs per lead and ROI come out negative",
                         "probability: 1 deal has a probability outside 0 to 100; read as the nearest of 0% and 100%",
                         "amount: 1 won deal has no amount; counted as won, with nothing toward money quotas",
                         "target: 1 quota has a negative target",
                         "target: 1 quota that counts things has a fraction for a target; attainment is worked out against the fraction as written",
                         "first_touch_at: 1 lead was first touched a day or more before it was created"] {
            #expect(warnings.contains(expected), "\(expected)\n\(warnings)")
        }
        #expect(s.diagnostics.allSatisfy { $0.severity == .warning }, "\(s.diagnostics.filter { $0.severity == .error }.map(\.message))")
        #expect(s.campaigns.count == 2 && s.deals.count == 2 && s.quotas.count == 2)
    }

    /// A won deal without a close date was in no figure at all, and an export's 0% on an open deal
    /// took weighted pipeline to nothing, both without a word.
    @Test func aClosedDealWithoutACloseDateAndAnOpenOneAtZeroAreWarnedAbout() throws {
        let deals = DataFolder.files["deals.csv"]!
            .replacingOccurrences(of: "won,12000,2026-11-04T09:00:00,2026-11-20,L1,", with: "won,12000,2026-11-04T09:00:00,,L1,")
            .replacingOccurrences(of: "2026-12-15,,", with: "2026-12-15,,0")
        let folder = try DataFolder(overriding: ["deals.csv": deals])
        defer { folder.remove() }
        let s = folder.load()
        let warnings = s.diagnostics.filter { $0.severity == .warning }
        for (line, expected) in [(2, "close_date: 1 closed deal has no close date; counted in no period: not won, lost or open in any month"),
                                 (3, "probability: 1 open deal has a probability of 0; weighted pipeline takes 0% of the amount; an empty cell takes the stage's default")] {
            #expect(warnings.contains { $0.message == expected && $0.line == line }, "\(expected)\n\(warnings.map(\.message))")
        }
        #expect(s.deals.count == 2)
    }

    /// A header quote that never closes, in a file with no other quote, took the rest of the file
    /// for one name: the file read as empty with no problem at all.
    @Test func aHeaderQuoteNeverClosedIsAnError() throws {
        let leads = DataFolder.files["leads.csv"]!.replacingOccurrences(of: "disqualify_reason,deal_id", with: "disqualify_reason,\"deal_id")
            .replacingOccurrences(of: "\"Acme, Inc\"", with: "Acme Inc")
        let e = try errors(["leads.csv": leads])
        #expect(e.contains { $0.file == "leads.csv" && $0.line == 1 && $0.message == "the header row has a quote that does not close on its line" }, "\(e.map(\.description))")
    }

    /// Rows left out are counted per file, whatever the messages: 42 messages stood for 81,720
    /// rows left out, and the report said only "Data problems: 42".
    @Test func rowsLeftOutAreCounted() throws {
        var rows = ""
        for k in 0..<30 { rows += "LX\(k),2026-11-20T09:00:00,A,B,c@x.test,inbound,,leed,,,,,,,,,,\n" }
        rows += "LY1,2026-13-20T09:00:00,A,B,c@x.test,inbound,,lead,,,,,,,,,,\n"
        let folder = try DataFolder(overriding: ["leads.csv": DataFolder.files["leads.csv"]! + rows])
        defer { folder.remove() }
        let s = folder.load()
        #expect(s.status(of: "leads")?.leftOut == 31)
        // A row whose bad cells lie on two of its lines is one row.
        let twoLines = try DataFolder(overriding: ["leads.csv": DataFolder.files["leads.csv"]!
            + "LZ,notadate,\"Multi\nLine\",B,c@x.test,inbound,,lead,,abc,,,,,,,,\n"])
        defer { twoLines.remove() }
        #expect(twoLines.load().status(of: "leads")?.leftOut == 1)
        #expect(s.status(of: "deals")?.leftOut == 0)
        #expect(DataCheck(s).lines(folderLabel: "x").last?.contains("leads.csv 3 (31 left out)") == true, "\(DataCheck(s).lines(folderLabel: "x").last ?? "")")
    }

    /// A message says what becomes of the row: an unknown role was said to leave the rep out,
    /// though the rep was kept; an unknown deal owner said nothing of the deal counting toward
    /// no quota.
    @Test func messagesSayWhatBecomesOfTheRow() throws {
        let reps = DataFolder.files["reps.csv"]!.replacingOccurrences(of: "West,sdr,", with: "West,sdrr,")
        let deals = DataFolder.files["deals.csv"]!.replacingOccurrences(of: "D2,Globex pilot,Globex,Ana Ruiz,", with: "D2,Globex pilot,Globex,Ana Ruis,")
        let folder = try DataFolder(overriding: ["reps.csv": reps, "deals.csv": deals])
        defer { folder.remove() }
        let s = folder.load()
        let role = try #require(s.diagnostics.first { $0.file == "reps.csv" && $0.message.hasPrefix("role:") })
        #expect(role.message.hasSuffix("the rep is kept, with no role"), "\(role.message)")
        #expect(s.reps.contains { $0.name == "Ben Cole" && $0.role == nil })
        let owner = try #require(s.diagnostics.first { $0.file == "deals.csv" && $0.message.hasPrefix("owner:") })
        #expect(owner.message.hasSuffix("the deal is kept, counted toward no rep's quota"), "\(owner.message)")
        #expect(s.deals.count == 2)
    }

    /// A UTF-16 file is told as one, not as a header missing every column.
    @Test func aUTF16FileIsToldAsOne() throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        var utf16: [UInt8] = [0xFF, 0xFE]
        for unit in DataFolder.files["campaigns.csv"]!.utf16 { utf16 += [UInt8(unit & 0xFF), UInt8(unit >> 8)] }
        try folder.write("campaigns.csv", bytes: utf16)
        let e = folder.load().diagnostics.filter { $0.file == "campaigns.csv" && $0.severity == .error }
        #expect(e.map(\.message) == ["the file is in UTF-16 or another encoding that is not UTF-8"], "\(e)")
    }

    /// A link to a file that is not there is said to be one, not a file that is missing.
    @Test func aBrokenLinkIsToldAsOne() throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        let link = folder.url.appendingPathComponent("campaigns.csv")
        try FileManager.default.removeItem(at: link)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "/nonexistent/campaigns.csv")
        let s = folder.load()
        #expect(s.diagnostics.contains { $0.file == "campaigns.csv" && $0.message == "campaigns.csv is a link to /nonexistent/campaigns.csv, which cannot be followed to a file" })
        #expect(s.status(of: "campaigns")?.state == .failed)
    }

    /// A file showing its last good rows stays marked so when another file changes.
    @Test func aStaleFileStaysStaleWhenAnotherChanges() throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        var s = folder.load()
        try folder.write("leads.csv", bytes: Array("lead_id,created_at\nL1,\"2026".utf8))
        s = SnapshotLoader(folder: folder.url).load(previous: s, changed: ["leads.csv"], now: 1_795_696_200)
        #expect(s.files.first { $0.table == "leads" }?.showingLastGood == true)
        s = SnapshotLoader(folder: folder.url).load(previous: s, changed: ["deals.csv"], now: 1_795_696_200)
        #expect(s.files.first { $0.table == "leads" }?.showingLastGood == true)
        #expect(s.leads.count == 3)
    }

    @Test func dealNamingAnUnknownRep() throws {
        let deals = DataFolder.files["deals.csv"]! + "D3,X,Y,Ana Ruis,proposal,100,2026-11-12,2026-12-15,,\n"
        let e = try errors(["deals.csv": deals])
        #expect(e.count == 1)
        #expect(e[0].line == 4 && e[0].column == 8 && e[0].message.contains("Ana Ruis"))
        #expect(e[0].suggestion == "did you mean \"Ana Ruiz\"?")
    }

    @Test func missingRequiredColumn() throws {
        let e = try errors(["reps.csv": "rep,region\nAna Ruiz,West\n"])
        #expect(e.contains { $0.file == "reps.csv" && $0.line == 1 && $0.message.contains("missing required column \"team\"") })
    }

    @Test func emptyFile() throws {
        let e = try errors(["deals.csv": ""])
        #expect(e.contains { $0.file == "deals.csv" && $0.message.contains("the file is empty") })
    }

    @Test func missingFile() throws {
        let e = try errors(["leads.csv": String?.none])
        #expect(e.contains { $0.file == "leads.csv" && $0.message.contains("missing file") })
    }

    @Test func bytesThatAreNotUTF8() throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        var bytes = Array(DataFolder.files["leads.csv"]!.utf8)
        bytes += Array("L9,2026-11-20T09:00:00,Jos".utf8) + [0xE9] + Array(",B,C,inbound,,lead,,,,,,,,,,\n".utf8)
        try folder.write("leads.csv", bytes: bytes)
        let e = folder.load().diagnostics.filter { $0.severity == .error }
        #expect(e.count == 1)
        #expect(e[0].line == 5 && e[0].column == 24 && e[0].message.contains("not UTF-8"))
    }

    @Test func aBrokenFileKeepsTheLastGoodRows() throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        let first = folder.load()
        try folder.write("leads.csv", bytes: Array((DataFolder.files["leads.csv"]! + "L9,\"half written").utf8))
        let second = SnapshotLoader(folder: folder.url).load(previous: first, changed: ["leads.csv"])
        #expect(second.leads.count == 3)
        #expect(second.status(of: "leads")?.showingLastGood == true)
        #expect(second.diagnostics.contains { $0.message.contains("unterminated quote") })
    }

    /// A settings file broken while the dashboard runs leaves the last good settings in use (the
    /// pinned as-of time, the mappings), with the error in a status; at the first load the status
    /// says so too.
    @Test func aBrokenSettingsFileKeepsTheLastGoodSettings() throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        let first = folder.load()
        #expect(!first.files.contains { $0.table == "settings" })
        let toml = DataFolder.files["pipetop.toml"]!
        try folder.write("pipetop.toml", bytes: Array((toml + "\nbogus = [\n").utf8))
        let second = SnapshotLoader(folder: folder.url).load(previous: first, changed: ["pipetop.toml"], now: 1_900_000_000)
        #expect(second.asOf == first.asOf)
        let status = try #require(second.files.first { $0.table == "settings" })
        #expect(status.state == .failed && status.showingLastGood && status.file == "pipetop.toml")
        #expect(status.firstProblem?.line ?? 0 > 0)
        #expect(second.leads.count == first.leads.count)

        let fresh = SnapshotLoader(folder: folder.url).load(now: 1_900_000_000)
        let freshStatus = try #require(fresh.files.first { $0.table == "settings" })
        #expect(freshStatus.state == .failed && !freshStatus.showingLastGood)
    }

    /// A file kept at its last good rows (caught mid-write) said of a bad row in the new file
    /// "the row is left out", as if the rest of the new file were used.
    @Test func aStaleFileDoesNotSayARowIsLeftOut() throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        let first = folder.load()
        let text = DataFolder.files["leads.csv"]!
        var lines = text.components(separatedBy: "\n")
        lines[1] = lines[1].replacingOccurrences(of: "2026-11-", with: "2026-13-")
        let cut = lines.joined(separator: "\n").dropLast(12)
        try folder.write("leads.csv", bytes: Array(cut.utf8))
        let second = SnapshotLoader(folder: folder.url).load(previous: first, changed: ["leads.csv"], now: 1_900_000_000)
        #expect(second.status(of: "leads")?.showingLastGood == true)
        let messages = second.diagnostics.filter { $0.file == "leads.csv" }.map(\.message)
        #expect(messages.contains { $0.contains("there is no month 13") }, "\(messages)")
        #expect(!messages.contains { $0.contains("the row is left out") }, "\(messages)")
    }

    /// A folder moved away while watched is said as that, not as each of its files gone, and its
    /// rows stay on screen until it is back.
    @Test func aFolderMovedAwayIsSaidAsThat() throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        let first = folder.load()
        let aside = folder.url.deletingLastPathComponent().appendingPathComponent("pipetop-aside-\(UUID().uuidString)")
        try FileManager.default.moveItem(at: folder.url, to: aside)
        defer { try? FileManager.default.moveItem(at: aside, to: folder.url) }
        let names = Set(Schemas.all.map(\.defaultFile) + ["pipetop.toml"])
        let second = SnapshotLoader(folder: folder.url).load(previous: first, changed: names, now: 1_900_000_000)
        #expect(second.leads.count == first.leads.count && second.status(of: "leads")?.showingLastGood == true)
        let said = "the data folder \(folder.url.path) is gone (moved or deleted?)"
        #expect(second.status(of: "leads")?.firstProblem?.message == "missing file: \(said); the rows read before are shown until it is back")
        #expect(!second.diagnostics.contains { $0.message.contains("is gone from the folder") })
    }

    /// A file caught half-written (cut mid-row, no final line break) keeps the rows read before on
    /// screen; a file deleted while watched does too. Both say why.
    @Test func aFileCutShortOrDeletedKeepsTheLastGoodRows() throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        let first = folder.load()
        let text = DataFolder.files["leads.csv"]!
        let cut = String(text.prefix(text.count * 2 / 3))
        try folder.write("leads.csv", bytes: Array(cut.utf8))
        let second = SnapshotLoader(folder: folder.url).load(previous: first, changed: ["leads.csv"], now: 1_900_000_000)
        #expect(second.leads.count == first.leads.count)
        #expect(second.status(of: "leads")?.showingLastGood == true)
        #expect(second.diagnostics.contains { $0.message.contains("ends in the middle of this row") })

        try FileManager.default.removeItem(at: folder.url.appendingPathComponent("leads.csv"))
        let third = SnapshotLoader(folder: folder.url).load(previous: second, changed: ["leads.csv"], now: 1_900_000_000)
        #expect(third.leads.count == first.leads.count)
        #expect(third.status(of: "leads")?.showingLastGood == true)
        #expect(third.diagnostics.contains { $0.message.contains("is gone from the folder") })

        // A bad last row in a file that ends with its line break is only that row.
        try folder.write("leads.csv", bytes: Array((text + "L9,2026-11-20T09:00:00,A\n").utf8))
        let fourth = SnapshotLoader(folder: folder.url).load(previous: third, changed: ["leads.csv"], now: 1_900_000_000)
        #expect(fourth.status(of: "leads")?.showingLastGood == false)
        #expect(fourth.leads.count == first.leads.count)
    }

    /// A file that ended with a line break and is caught cut where a cell ends reads as whole
    /// rows, but it now ends mid-line: the rows read before stay, until it ends with one again.
    @Test func aFileCutWhereACellEndsKeepsTheLastGoodRows() throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        let first = folder.load()
        let text = DataFolder.files["campaigns.csv"]!
        #expect(text.hasSuffix(",5000,2500\n"))
        try folder.write("campaigns.csv", bytes: Array(text.dropLast(3).utf8))
        let second = SnapshotLoader(folder: folder.url).load(previous: first, changed: ["campaigns.csv"], now: 1_900_000_000)
        #expect(second.status(of: "campaigns")?.showingLastGood == true)
        #expect(second.campaigns.map(\.spend) == first.campaigns.map(\.spend))
        #expect(second.diagnostics.contains { $0.message.contains("now ends without a line break") })
        // The writer finishes: the new file is read.
        try folder.write("campaigns.csv", bytes: Array(text.replacingOccurrences(of: ",2500\n", with: ",2600\n").utf8))
        let third = SnapshotLoader(folder: folder.url).load(previous: second, changed: ["campaigns.csv"], now: 1_900_000_000)
        #expect(third.status(of: "campaigns")?.showingLastGood == false)
        #expect(third.campaigns.last?.spend == 2600)
        // A file that never ended with a line break is read as it is.
        try folder.write("campaigns.csv", bytes: Array(text.dropLast(1).utf8))
        let fresh = folder.load()
        try folder.write("campaigns.csv", bytes: Array(text.replacingOccurrences(of: ",2500\n", with: ",2700\n").dropLast(1).utf8))
        let changed = SnapshotLoader(folder: folder.url).load(previous: fresh, changed: ["campaigns.csv"], now: 1_900_000_000)
        #expect(changed.campaigns.last?.spend == 2700)
        #expect(changed.status(of: "campaigns")?.showingLastGood == false)
    }

    /// A file saved without a final line break (as many editors save) was held as being written
    /// for good: the screen showed it stale while `pipetop check` found nothing wrong. Left alone
    /// a moment, it counts as saved; a file that lost every row after its header is held likewise.
    @Test func aFileLeftAloneWithoutALineBreakOrRowsCountsAsSaved() throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        let first = folder.load()
        let text = DataFolder.files["campaigns.csv"]!
        let url = folder.url.appendingPathComponent("campaigns.csv")
        let header = String(text.prefix { $0 != "\n" }) + "\n"
        for (bytes, message) in [(Array(text.dropLast(1).utf8), "now ends without a line break"),
                                 (Array(header.utf8), "now has a header and no rows, where it had \(first.campaigns.count)")] {
            try folder.write("campaigns.csv", bytes: bytes)
            let during = SnapshotLoader(folder: folder.url).load(previous: first, changed: ["campaigns.csv"], now: 1_900_000_000)
            #expect(during.status(of: "campaigns")?.showingLastGood == true)
            #expect(during.diagnostics.contains { $0.message.contains(message) }, "\(during.diagnostics.map(\.message))")
            #expect(during.settlingFiles == ["campaigns.csv"])
            // Two seconds later, unchanged: it is what the writer meant.
            try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-3)], ofItemAtPath: url.path)
            let later = SnapshotLoader(folder: folder.url).load(previous: during, changed: ["campaigns.csv"], now: 1_900_000_000)
            #expect(later.status(of: "campaigns")?.showingLastGood == false)
            #expect(later.settlingFiles.isEmpty)
            #expect(later.campaigns.count == (bytes.count == header.utf8.count ? 0 : first.campaigns.count))
        }
    }

    /// Settings that name another file, one that is not there, do not show the old file's rows
    /// as if it were that file gone stale; and a file name from the settings is escaped in messages.
    @Test func aFileNamedByTheSettingsThatIsNotThere() throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        let first = folder.load()
        let toml = DataFolder.files["pipetop.toml"]! + "\n[tables.leads]\nfile = \"Le\\u001b[2Jads2.csv\"\n"
        try folder.write("pipetop.toml", bytes: Array(toml.utf8))
        let second = SnapshotLoader(folder: folder.url).load(previous: first, changed: ["pipetop.toml"], now: 1_900_000_000)
        #expect(second.status(of: "leads")?.showingLastGood == false)
        #expect(second.leads.count == 0)
        let missing = try #require(second.diagnostics.first { $0.message.contains("missing file") })
        #expect(!missing.description.unicodeScalars.contains { MessageText.isUnsafe($0) })
    }

    @Test func aReloadReadsOnlyWhatChanged() throws {
        let folder = try DataFolder()
        defer { folder.remove() }
        let first = folder.load()
        try folder.write("deals.csv", bytes: Array((DataFolder.files["deals.csv"]! + "D3,X,Y,Ana Ruiz,proposal,100,2026-11-12,2026-12-15,,\n").utf8))
        // Leads change on disk too, but only deals.csv is reported changed: leads come from the previous load.
        try folder.write("leads.csv", bytes: Array("lead_id\n".utf8))
        let second = SnapshotLoader(folder: folder.url).load(previous: first, changed: ["deals.csv"])
        #expect(second.deals.count == 3)
        #expect(second.leads.count == 3)
        #expect(second.generation == first.generation + 1)
    }
}
