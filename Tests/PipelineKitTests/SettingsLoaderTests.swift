import Foundation
import Testing
@testable import PipelineKit

/// A settings file using every key.
private let fullSettingsExample = """
# Settings for a folder of CRM exports
[data]
preset = "salesforce"
as_of = "12/31/17"
time_zone = "America/New_York"
date_format = "MM/DD/YY"
number_format = "1.234,56"
fiscal_year_start = 4
read_only = true

[stages]
aliases = { "Signed" = "won", "Talking" = "sal" }
disqualify_reasons = ["No budget", "Student", "Competitor"]

[deal_stages]
open = ["discovery", "demo", "proposal", "negotiation"]
probabilities = { discovery = 10, demo = 30, proposal = 60.5, negotiation = 80 }
aliases = { "Engaging" = "demo", "Prospecting" = "discovery" }

[channels]
aliases = { "Web Marketing" = "content" }

[sources]
sales = ["cold_call", "networking", "LinkedIn", "email_outreach"]
aliases = { "Other" = "inbound", "Fair" = "networking" }

[roles]
aliases = { "Hunter" = "ae" }

[metrics]
aliases = { "Pipeline Won" = "won_amount" }

[periods]
aliases = { "Fiscal Quarter" = "quarter" }

[sla]
mql_target_per_month = 120
first_touch_hours = 2.5
fast_touch_hours = 1
stale_days = 30
business_hours = "09:00-17:30"
business_days = ["mon", "tue", "wed", "thu", "fri", "sat"]

[display]
theme = "high-contrast"
view = "manager"
rotate_seconds = 30

[tables.deals]
file = "sales_pipeline.csv"
date_format = "iso"
number_format = "standard"

[tables.deals.columns]
deal_id = "opportunity_id"
owner = "sales_agent"
stage = "deal_stage"
amount = "close_value"
created_at = "engage_date"

[tables.deals.values.stage]
Engaging = "Demo"
"In Legal" = "negotiation"

[tables.reps]
file = "sales_teams.csv"
columns = { rep = "sales_agent", manager = "manager", region = "regional_office" }
fixed = { role = "Account Executive" }
"""

private func parse(_ text: String) -> (Settings, [Diagnostic]) {
    SettingsLoader.parse(text: text, fileName: "pipetop.toml")
}

/// Parses and expects exactly one diagnostic.
private func single(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> (Settings, Diagnostic?) {
    let (s, d) = parse(text)
    #expect(d.count == 1, "\(d)", sourceLocation: sourceLocation)
    return (s, d.first)
}

@Suite struct SettingsLoaderTests {
    @Test func missingFileIsTheDefaults() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (s, d) = SettingsLoader.load(folder: folder)
        #expect(d.isEmpty)
        #expect(s.timeZone == TimeZone(identifier: "UTC")!)
        #expect(s.dateFormat == .iso && s.numberFormat == .standard)
        #expect(s.fiscalYearStartMonth == 1 && !s.readOnly && s.asOf == nil && s.preset == nil)
        #expect(s.sla == SLASettings())
        #expect(s.display == DisplaySettings())
        #expect(s.tables.isEmpty)
        #expect(s.salesSources == LeadSource.defaultSales)
        #expect(s.dealStages.open == DefaultDealStages.open)
    }

    @Test func loadsFromAFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try "\u{FEFF}[data]\nfiscal_year_start = 7\nread_onyl = true\n".write(to: folder.appendingPathComponent("pipetop.toml"),
                                                                            atomically: true, encoding: .utf8)
        let (s, d) = SettingsLoader.load(folder: folder)
        #expect(s.fiscalYearStartMonth == 7)
        #expect(d.count == 1)
        #expect(d.first?.line == 3)
        #expect(d.first?.column == 1)

        // A folder where the file should be cannot be read: one error, the defaults.
        let other = folder.appendingPathComponent("sub")
        try FileManager.default.createDirectory(at: other.appendingPathComponent("pipetop.toml"), withIntermediateDirectories: true)
        let (t, e) = SettingsLoader.load(folder: other)
        #expect(t.fiscalYearStartMonth == 1)
        #expect(e.count == 1 && e.first?.severity == .error)
    }

    @Test func readsEveryKey() throws {
        let (s, d) = parse(fullSettingsExample)
        #expect(d.isEmpty, "\(d)")
        #expect(s.preset == "salesforce")
        #expect(s.timeZone.identifier == "America/New_York")
        #expect(s.dateFormat.order == .mdy)
        #expect(s.numberFormat == .decimalComma)
        #expect(s.fiscalYearStartMonth == 4)
        #expect(s.readOnly)
        // 12/31/17 is a date: the end of that day in New York (EST, -5).
        #expect(s.asOf == TimestampParser(format: .iso, timeZone: .init(identifier: "UTC")!).parse("2018-01-01T04:59:59"))

        #expect(s.leadStages.word(for: "signed") == "won")
        #expect(s.leadStages.word(for: "Talking") == "sal")
        #expect(s.leadStages.word(for: "Closed Won") == "won")
        #expect(s.disqualifyReasons == ["No budget", "Student", "Competitor"])

        #expect(s.dealStages.open == ["discovery", "demo", "proposal", "negotiation"])
        #expect(s.dealStages.vocabulary.index(of: "Engaging") == 1)
        #expect(s.dealStages.vocabulary.index(of: "Prospecting") == 0)
        #expect(s.dealStages.probability(2) == 60.5)
        #expect(s.dealStages.probabilities["negotiation"] == 80)
        #expect(s.dealStages.isWon(s.dealStages.vocabulary.index(of: "Closed Won")!))

        #expect(s.channels.word(for: "web marketing") == "content")
        #expect(s.sources.word(for: "Other") == "inbound")
        #expect(s.salesSources == ["cold_call", "networking", "linkedin", "email_outreach"])
        #expect(s.isSalesSource("Fair") && !s.isSalesSource("Referral") && !s.isSalesSource("Web"))
        #expect(s.roles.word(for: "hunter") == "ae")
        #expect(s.metrics.word(for: "Pipeline Won") == "won_amount")
        #expect(s.periods.word(for: "fiscal quarter") == "quarter")

        #expect(s.sla.mqlTargetPerMonth == 120)
        #expect(s.sla.firstTouchHours == 2.5)
        #expect(s.sla.fastTouchHours == 1)
        #expect(s.sla.staleDays == 30)
        #expect(s.sla.businessHours == BusinessHours(start: 540, end: 1050))
        #expect(s.sla.businessDays == [1, 2, 3, 4, 5, 6])

        #expect(s.display == DisplaySettings(theme: "high-contrast", view: "manager", rotateSeconds: 30))
        // A view that does not exist is a warning, and the dashboard opens.
        let (bad, problem) = single("[display]\nview = \"funnel\"\n")
        #expect(bad.display.view == nil)
        #expect(problem?.severity == .warning && problem?.message == "\"funnel\" is not a view; the dashboard opens")

        let deals = try #require(s.tables["deals"])
        #expect(deals.file == "sales_pipeline.csv")
        #expect(deals.dateFormat == .iso && deals.numberFormat == .standard)
        #expect(deals.columns == ["deal_id": "opportunity_id", "owner": "sales_agent", "stage": "deal_stage",
                                  "amount": "close_value", "created_at": "engage_date"])
        #expect(deals.values == ["stage": ["Engaging": "demo", "In Legal": "negotiation"]])
        let reps = try #require(s.tables["reps"])
        #expect(reps.columns["region"] == "regional_office")
        #expect(reps.fixed == ["role": "ae"])
        #expect(reps.dateFormat == nil)
    }

    @Test func syntaxErrorsKeepTheDefaultsAndPointAtTheSpot() throws {
        let (s, d) = parse("[data]\ntime_zone = \"UTC\"\nread_only = tru\n")
        #expect(s.readOnly == false)
        let e = try #require(d.first)
        #expect(d.count == 1)
        #expect(e.severity == .error)
        #expect(e.line == 3)
        #expect(e.column > 0)
        #expect(e.message.hasPrefix("TOML syntax"))
        #expect(e.description.hasPrefix("pipetop.toml:3:"))
    }

    /// The parser's words for a string left open ("unescaped control characters") and an hour of
    /// 25 ("between 0 to 59") are said plainly; a date in ISO was "in the iso format or ISO".
    @Test func commonMistakesAreSaidPlainly() {
        let (_, open) = single("[data]\ntime_zone = \"UTC\n")
        #expect(open?.message == "TOML syntax: a quoted value is not closed before the end of its line (a \" is missing)")
        let (_, openCRLF) = single("[data]\r\ntime_zone = \"UTC\r\n")
        #expect(openCRLF?.message == open?.message)
        let (_, hour) = single("[data]\nas_of = 2026-11-26T25:00:00\n")
        #expect(hour?.message == "TOML syntax: hours run from 00 to 23, saw 25")
        let (_, day) = single("[data]\nas_of = \"2026-13-45\"\n")
        #expect(day?.message == "as_of \"2026-13-45\" is not a date in ISO")
    }

    @Test func unknownKeysWarnWithTheNearestKey() {
        let (s, d) = single("[data]\ntime_zon = \"Europe/Berlin\"\n")
        #expect(s.timeZone == TimeZone(identifier: "UTC")!)
        #expect(d?.severity == .warning)
        #expect(d?.line == 2 && d?.column == 1)
        #expect(d?.message == "unknown key time_zon in [data]")
        #expect(d?.suggestion == "did you mean time_zone?")

        let (_, top) = single("time_zone = \"UTC\"\n")
        #expect(top?.suggestion == "put it under [data]")
        #expect(top?.line == 1)

        // A key of another section, spelt right or nearly, is sent where it belongs.
        let (_, elsewhere) = single("[data]\nmql_target_per_month = 5\n")
        #expect(elsewhere?.suggestion == "put it under [sla]")
        let (_, misspelt) = single("[display]\nfirst_touch_hourz = 3\n")
        #expect(misspelt?.suggestion == "did you mean first_touch_hours under [sla]?")
        // Spelt without its underscore, it got no suggestion at all.
        let (_, joined) = single("[sla]\ntimezone = \"UTC\"\n")
        #expect(joined?.suggestion == "did you mean time_zone under [data]?")
        let (_, topJoined) = single("timezone = \"UTC\"\n")
        #expect(topJoined?.suggestion == "did you mean time_zone under [data]?")
        let (_, topNear) = single("tme_zone = \"UTC\"\n")
        #expect(topNear?.suggestion == "did you mean time_zone under [data]?")
        // A key several sections have is sent to them all, in a fixed order.
        let (_, shared) = single("[data]\naliases = {}\n")
        #expect(shared?.suggestion?.hasPrefix("put it under one of [") == true, "\(shared?.suggestion ?? "")")

        let (_, section) = single("[dsiplay]\ntheme = \"dark\"\n")
        #expect(section?.suggestion == "did you mean display?")

        let (_, table) = single("[tables.lead]\nfile = \"Lead.csv\"\n")
        #expect(table?.suggestion == "did you mean leads?")
        #expect(table?.line == 1)

        let (_, field) = single("[tables.leads.columns]\nlead_id = \"Id\"\nstag = \"Status\"\n")
        #expect(field?.message == "leads has no field \"stag\"")
        #expect(field?.suggestion == "did you mean stage?")
        #expect(field?.line == 3)
    }

    @Test func wrongTypesFallBackToTheDefault() {
        let (s, d) = single("[data]\nread_only = \"yes\"\n")
        #expect(s.readOnly == false)
        #expect(d?.severity == .error)
        #expect(d?.message == "data.read_only must be true or false, not a string")
        #expect(d?.line == 2)

        let (t, e) = single("[sla]\nstale_days = \"three weeks\"\n")
        #expect(t.sla.staleDays == 21)
        #expect(e?.message == "sla.stale_days must be a whole number, not a string")

        let (u, f) = single("data = 3\n")
        #expect(u.timeZone == TimeZone(identifier: "UTC")!)
        #expect(f?.message == "data must be a table, not an integer")

        let (v, g) = single("[stages]\ndisqualify_reasons = [\"No budget\", 3]\n")
        #expect(v.disqualifyReasons == ["No budget"])
        #expect(g?.message == "stages.disqualify_reasons item 2 must be a string, not an integer")
    }

    /// A fast-touch bar looser than the SLA's own was taken without a word.
    @Test func aFastTouchLooserThanTheSLAIsAWarning() {
        let (s, d) = single("[sla]\nfirst_touch_hours = 4\nfast_touch_hours = 10\n")
        #expect(d?.severity == .warning && d?.line == 3, "\(String(describing: d))")
        #expect(d?.message.hasPrefix("fast_touch_hours (10) is more than first_touch_hours (4)") == true, "\(String(describing: d))")
        #expect(s.sla.fastTouchHours == 10)
    }

    @Test(arguments: [
        ("[data]\nfiscal_year_start = 13\n", "data.fiscal_year_start must be from 1 to 12, not 13"),
        ("[sla]\nstale_days = 0\n", "sla.stale_days must be from 1 to 3650, not 0"),
        ("[sla]\nfirst_touch_hours = 0\n", "sla.first_touch_hours is 0; it must be more than 0 and at most 720"),
        ("[sla]\nfast_touch_hours = -1\n", "sla.fast_touch_hours is -1; it must be more than 0 and at most 720"),
        ("[sla]\nmql_target_per_month = -5\n", "sla.mql_target_per_month must be from 0 to 10000000, not -5"),
        ("[display]\nrotate_seconds = -1\n", "display.rotate_seconds must be from 0 to 86400, not -1"),
        ("[deal_stages]\nprobabilities = { proposal = 150 }\n",
         "deal_stages.probabilities.proposal is 150; it must be at least 0 and at most 100"),
    ])
    func outOfRangeValues(_ text: String, _ message: String) {
        let (s, d) = single(text)
        #expect(d?.message == message)
        #expect(d?.severity == .error)
        #expect(d?.line == 2)
        #expect(s.fiscalYearStartMonth == 1 && s.sla == SLASettings() && s.display.rotateSeconds == 20)
        #expect(s.dealStages.probabilities == DealStages().probabilities)
    }

    @Test func timeZones() {
        let (s, d) = single("[data]\ntime_zone = \"Europe/Berln\"\n")
        #expect(s.timeZone == TimeZone(identifier: "UTC")!)
        #expect(d?.severity == .error)
        #expect(d?.message == "unknown time zone \"Europe/Berln\"; using UTC")
        #expect(d?.suggestion == "did you mean Europe/Berlin?")

        let (t, e) = single("[data]\ntime_zone = \"europe/berlin\"\n")
        #expect(t.timeZone.identifier == "Europe/Berlin")
        #expect(e?.severity == .warning)

        let (_, f) = single("[data]\ntime_zone = \"Mars/Olympus\"\n")
        #expect(f?.suggestion?.contains("IANA") == true)
    }

    @Test func dateAndNumberFormats() {
        let (s, d) = single("[data]\ndate_format = \"MM-DD\"\nnumber_format = \"1,234.56\"\n")
        #expect(s.dateFormat == .iso)
        #expect(d?.message == "unknown date format \"MM-DD\"")
        #expect(d?.line == 2)

        let (t, e) = single("[data]\nnumber_format = \"dollars\"\n")
        #expect(t.numberFormat == .standard)
        #expect(e?.message == "unknown number format \"dollars\"")

        let (_, f) = single("[tables.deals]\ndate_format = \"YY/MM\"\n")
        #expect(f?.line == 2)
    }

    @Test func fiscalYearStartByName() {
        #expect(parse("[data]\nfiscal_year_start = \"April\"\n").0.fiscalYearStartMonth == 4)
        #expect(parse("[data]\nfiscal_year_start = \"oct\"\n").0.fiscalYearStartMonth == 10)
        let (s, d) = single("[data]\nfiscal_year_start = \"Aprli\"\n")
        #expect(s.fiscalYearStartMonth == 1)
        #expect(d?.suggestion == "did you mean april?")
    }

    @Test func aliasTargetsMustBeWords() {
        let (s, d) = single("[stages]\naliases = { \"Signed\" = \"wonn\", \"Booked\" = \"won\" }\n")
        #expect(s.leadStages.word(for: "Signed") == nil)
        #expect(s.leadStages.word(for: "Booked") == "won")
        #expect(d?.message == "\"wonn\" is not a lead stage")
        #expect(d?.suggestion == "did you mean won?")
        #expect(d?.line == 2)
        #expect(d?.column == 13)

        let (_, e) = single("[channels.aliases]\nRadio = \"broadcast\"\n")
        #expect(e?.suggestion == "expected one of: print, content, social, ppc, email, events")
        #expect(e?.line == 2)

        let (_, f) = single("[sources]\nsales = [\"cold_call\", \"refferal\"]\n")
        #expect(f?.suggestion == "did you mean referral?")

        let (v, g) = single("[stages]\naliases = { won = \"lost\" }\n")
        #expect(v.leadStages.word(for: "won") == "won")
        #expect(g?.severity == .warning)

        let (_, h) = single("[deal_stages]\nprobabilities = { prospectin = 10 }\n")
        #expect(h?.message == "\"prospectin\" is not a deal stage")
        #expect(h?.suggestion == "did you mean prospecting?")
        #expect(h?.line == 2 && h?.column == 19)

        let (_, i) = single("[tables.leads.values.stage]\n\"Closed - Converted\" = \"oportunity\"\n")
        #expect(i?.suggestion == "did you mean opportunity?")
        #expect(i?.line == 2)

        let (_, j) = single("[tables.leads]\nfixed = { source = \"telepathy\" }\n")
        #expect(j?.message == "\"telepathy\" is not a lead source")
    }

    @Test func dealStageLists() {
        let (s, d) = parse("[deal_stages]\nopen = [\"new\", \"won\", \"new\"]\nprobabilities = { won = 90 }\n")
        #expect(s.dealStages.open == ["new"])
        #expect(s.dealStages.probability(s.dealStages.wonIndex) == 100)
        #expect(d.count == 3)
        #expect(d.map(\.line) == [2, 2, 3])
        #expect(d.allSatisfy { $0.severity == .warning })

        let (t, e) = single("[deal_stages]\nopen = []\n")
        #expect(t.dealStages.open == DefaultDealStages.open)
        #expect(e?.severity == .error)
    }

    @Test func unansweredQuestionsAreErrors() {
        let text = """
        [data]
        date_format = "TODO: are dates like 03/01/17 month first (mdy) or day first (dmy)?"
        time_zone = "Europe/Berlin"

        [sources]
        sales = ["cold_call", "TODO which other sources are sales'?"]

        [tables.leads.columns]
        stage = "TODO: which column holds the lead status?"
        """
        let (s, d) = parse(text)
        #expect(d.count == 3)
        #expect(d.allSatisfy { $0.severity == .error })
        #expect(d.map(\.line) == [2, 6, 9])
        #expect(d.first?.message == "not answered yet: TODO: are dates like 03/01/17 month first (mdy) or day first (dmy)?")
        #expect(d.first?.column == 1)
        #expect(s.dateFormat == .iso)
        #expect(s.timeZone.identifier == "Europe/Berlin")
        #expect(s.salesSources == ["cold_call"])
        #expect(s.tables["leads"]?.columns.isEmpty == true)
        // A TODO where a number belongs is still a question, not a type error.
        let (_, e) = single("[data]\nfiscal_year_start = \"TODO when does the fiscal year start?\"\n")
        #expect(e?.message.hasPrefix("not answered yet") == true)
    }

    /// `--as-of` reads a date as the settings do: to the end of that day, in the data's zone.
    @Test func asOfOnTheCommandLineMatchesTheSettings() {
        let utc = TimestampParser(format: .iso, timeZone: .init(identifier: "UTC")!)
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        #expect(SettingsLoader.asOfMoment("2026-12-31", timeZone: berlin) == utc.parse("2026-12-31T22:59:59"))
        #expect(SettingsLoader.asOfMoment("2026-12-31T09:00", timeZone: berlin) == utc.parse("2026-12-31T08:00:00"))
        #expect(SettingsLoader.asOfMoment("12/31/26", timeZone: berlin) == nil)
        #expect(SettingsLoader.asOfMoment("2026-12-31", timeZone: berlin)
            == parse("[data]\nas_of = 2026-12-31\ntime_zone = \"Europe/Berlin\"\n").0.asOf)
    }

    @Test func asOf() {
        let utc = TimestampParser(format: .iso, timeZone: .init(identifier: "UTC")!)
        #expect(parse("[data]\nas_of = \"2017-12-31\"\n").0.asOf == utc.parse("2017-12-31T23:59:59"))
        #expect(parse("[data]\nas_of = 2017-12-31\n").0.asOf == utc.parse("2017-12-31T23:59:59"))
        #expect(parse("[data]\nas_of = 2017-12-31T12:00:00+01:00\n").0.asOf == utc.parse("2017-12-31T11:00:00"))
        #expect(parse("[data]\nas_of = 2017-12-31T12:00:00\ntime_zone = \"Europe/Berlin\"\n").0.asOf == utc.parse("2017-12-31T11:00:00"))
        #expect(parse("[data]\nas_of = \"2017-12-31 12:00\"\n").0.asOf == utc.parse("2017-12-31T12:00:00"))
        // An ISO date works whatever the data's order; a day-first one needs date_format.
        #expect(parse("[data]\ndate_format = \"dmy\"\nas_of = \"31/12/2017\"\n").0.asOf == utc.parse("2017-12-31T23:59:59"))
        #expect(parse("[data]\ndate_format = \"dmy\"\nas_of = \"2017-12-31\"\n").0.asOf == utc.parse("2017-12-31T23:59:59"))
        let (s, d) = single("[data]\nas_of = \"31/12/2017\"\n")
        #expect(s.asOf == nil)
        #expect(d?.message == "as_of \"31/12/2017\" is not a date in ISO")
        let (_, e) = single("[data]\nas_of = 20171231\n")
        #expect(e?.message.hasPrefix("data.as_of must be a date") == true)
    }

    @Test func businessHoursAndDays() {
        #expect(parse("[sla]\nbusiness_hours = \"9-17\"\n").0.sla.businessHours == BusinessHours(start: 540, end: 1020))
        #expect(parse("[sla]\nbusiness_hours = \"08:30 - 24:00\"\n").0.sla.businessHours == BusinessHours(start: 510, end: 1440))
        #expect(parse("[sla]\nbusiness_hours = \"9-17\"\nbusiness_days = \"mon-thu\"\n").0.sla.businessDays == [1, 2, 3, 4])
        #expect(parse("[sla]\nbusiness_hours = \"9-17\"\nbusiness_days = \"fri-mon\"\n").0.sla.businessDays == [5, 6, 7, 1])
        #expect(parse("[sla]\nbusiness_hours = \"9-17\"\nbusiness_days = [1, \"Tuesday\", \"wed\"]\n").0.sla.businessDays == [1, 2, 3])
        for bad in ["17:00-09:00", "9", "09:00-25:00", "9:5-17", "nine-five", "09:00-17:00-18:00"] {
            let (s, d) = single("[sla]\nbusiness_hours = \"\(bad)\"\n")
            #expect(s.sla.businessHours == nil, "\(bad)")
            #expect(d?.line == 2, "\(bad)")
        }
        let (s, d) = parse("[sla]\nbusiness_hours = \"9-17\"\nbusiness_days = [\"mon\", \"funday\"]\n")
        #expect(s.sla.businessDays == [1])
        #expect(d.count == 1)
        #expect(d.first?.line == 3)

        let (_, e) = single("[sla]\nbusiness_days = \"mon-fri\"\n")
        #expect(e?.severity == .warning)
        #expect(e?.message == "business_days counts only with business_hours, which is not set")
    }

    @Test func tableFilesArePathsFromTheSettingsOrNone() {
        // A path is kept for the loader to read from the settings file's folder; an empty name is an error.
        let (s, d) = parse("[tables.quotas]\nfile = \"./quotas.csv\"\n[tables.leads]\nfile = false\n")
        #expect(d.isEmpty)
        #expect(s.tables["quotas"]?.file == "./quotas.csv")
        #expect(s.tables["leads"]?.absent == true)
        let (t, e) = single("[tables.leads]\nfile = \"\"\n")
        #expect(t.tables["leads"]?.file == nil)
        #expect(e?.severity == .error)
    }

    @Test func diagnosticsComeInLineOrder() {
        let (_, d) = parse("[sla]\nstale_days = 0\n[data]\nfiscal_year_start = 0\nread_only = 1\n[display]\nthme = \"x\"\n")
        #expect(d.map(\.line) == [2, 4, 5, 7])
    }

    /// Mangled files never crash the loader: every cut and splice of the full example (and of
    /// multi-line strings, nested arrays and dates) parses to settings and diagnostics.
    @Test func neverCrashesOnMangledFiles() {
        var rng = ValuesSeededRandom(seed: 3)
        let bytes = Array((fullSettingsExample + mangleExtras).utf8)
        let junk: [UInt8] = Array("=[]{}\",.'#\n\r\t\\ TODO 9:-+_aZ\u{00A0}\u{2028}\u{85}é\"\"\"'''[[]]}{".utf8)
        for _ in 0..<300 {
            var b = bytes
            for _ in 0..<Int(rng.next() % 8 + 1) {
                let at = Int(rng.next() % UInt64(b.count))
                switch rng.next() % 4 {
                case 0: b.remove(at: at)
                case 1: b.insert(junk[Int(rng.next() % UInt64(junk.count))], at: at)
                case 2: b[at] = junk[Int(rng.next() % UInt64(junk.count))]
                default:
                    let from = Int(rng.next() % UInt64(b.count))
                    b.insert(contentsOf: Array(b[from..<min(b.count, from + Int(rng.next() % 40))]), at: at)
                }
            }
            let (_, d) = parse(String(decoding: b, as: UTF8.self))
            #expect(d.allSatisfy { $0.file == "pipetop.toml" && $0.line >= 0 })
        }
    }

    /// The example in docs/data-format.md parses cleanly, and the page names every key.
    @Test func documentedExampleAndKeys() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/data-format.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        let section = try #require(text.range(of: "## Settings (pipetop.toml)")).upperBound
        let rest = text[section...]
        let start = try #require(rest.range(of: "```toml\n")).upperBound
        let end = try #require(rest[start...].range(of: "```")).lowerBound
        let (s, d) = parse(String(rest[start..<end]))
        #expect(d.isEmpty, "\(d)")
        #expect(s.dateFormat.order == .mdy)
        for (name, keys) in SettingsLoader.sections {
            #expect(rest.contains("[\(name)"), "\(name)")
            for key in keys { #expect(rest.contains("`\(key)`"), "\(name).\(key)") }
        }
        for key in SettingsLoader.tableKeys { #expect(rest.contains("`\(key)`"), "tables.\(key)") }
    }

    /// Every other column name a file's column is read from is in the guide's table of them:
    /// `status` read as a lead's stage was nowhere in it.
    @Test func documentedColumnAliases() throws {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/data-format.md")
        let text = try String(contentsOf: docs, encoding: .utf8)
        for schema in Schemas.all {
            for field in schema.fields where !field.headerAliases.isEmpty {
                let row = text.split(separator: "\n").first { $0.hasPrefix("| \(schema.name) |") && $0.contains(field.name) }
                #expect(row != nil, "\(schema.name).\(field.name)")
                for alias in field.headerAliases { #expect(row?.contains("`\(alias)`") == true, "\(schema.name).\(field.name): \(alias)") }
            }
        }
    }
}

private let mangleExtras = #"""

[x]
m = """
line \""" [y
"""
l = '''
[z'''
arr = [
  [1, 2], # c ]
  { a = 1 },
  "s",
]
d = 1979-05-27 07:32:00Z
"""#
