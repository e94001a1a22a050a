import Foundation
import PipelineKit

/// A large made-up company in pipetop's own format, shaped like real exports: quoted names with
/// commas and doubled quotes, empty cells, every stage, creation times to the second and touch and
/// stage times to the minute. Deterministic for a given size; 1M leads make a leads.csv of about 170 MB.
struct SyntheticCompany {
    let leads: Int
    var asOf = "2026-11-26T10:30:00"

    static let firstNames = ["Ada", "Ben", "Chloé", "Dmitri", "Eve", "Farid", "Grace", "Hiro", "Ines", "Jon", "Kemal", "Lena", "Maya", "Nils", "Olu", "Priya"]
    static let lastNames = ["Adams", "Brontë", "Chen", "Diaz", "Eriksen", "Fox", "García", "Hughes", "Ito", "Jones", "Kowalski", "Lee", "Müller", "Novak", "O'Brien", "Patel"]
    static let companyWords = ["Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Tyrell", "Soylent", "Cyberdyne", "Wonka"]
    static let suffixes = ["Inc", "Ltd", "GmbH", "& Co", "Group", "LLC"]
    static let channels = ["print", "content", "social", "ppc", "email", "events"]
    static let salesSources = ["cold_call", "networking", "linkedin", "email_outreach", "referral"]
    static let stages = ["lead", "mql", "sal", "sql", "opportunity", "won", "lost", "disqualified", "recycled"]
    static let dealStages = ["prospecting", "qualification", "proposal", "negotiation", "won", "lost"]
    static let reasons = ["No budget", "Wrong fit", "No response", "Competitor chosen"]

    var campaignCount: Int { max(8, min(200, leads / 5000)) }
    var repCount: Int { max(12, min(400, leads / 2500)) }

    typealias Random = SeededRandom

    /// Writes every file into `folder`.
    func write(to folder: URL) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var rng = Random(seed: UInt64(leads))
        let end = 1_795_696_200 // 2026-11-26T10:30:00Z
        let start = end - 183 * 86_400
        var out = CSVText()

        out.line(["campaign_id", "name", "channel", "owner", "start", "end", "budget", "spend", "impressions", "clicks"])
        for c in 0..<campaignCount {
            let s = start + rng.int(120) * 86_400
            out.line(["C\(c)", "Campaign \(c), \"wave \(c % 3)\"", Self.channels[c % 6], "Marketer \(c % 5)",
                      Self.day(s), Self.day(s + 90 * 86_400), "\(20_000 + rng.int(80_000))", "\(5_000 + rng.int(60_000)).50",
                      "\(100_000 + rng.int(900_000))", "\(1_000 + rng.int(20_000))"])
        }
        try out.save(folder.appendingPathComponent("campaigns.csv"))

        out = CSVText()
        out.line(["rep", "team", "manager", "region", "role", "email", "login"])
        for r in 0..<repCount {
            out.line(["Rep \(r)", "Team \(r % 4)", "Manager \(r % 4)", ["North", "South", "West"][r % 3],
                      r % 3 == 0 ? "sdr" : "ae", "rep\(r)@example.com", "rep\(r)"])
        }
        try out.save(folder.appendingPathComponent("reps.csv"))

        out = CSVText()
        out.reserve(leads * 175)
        out.line(["lead_id", "created_at", "name", "company", "email", "source", "campaign_id", "stage", "owner", "score",
                  "first_touch_at", "last_touch_at", "mql_at", "sal_at", "sql_at", "opportunity_at", "closed_at",
                  "disqualify_reason", "deal_id"])
        var deals: [(id: String, lead: String, owner: String, stage: String, created: Int)] = []
        for i in 0..<leads {
            let created = start + rng.int(183 * 86_400)
            let first = Self.firstNames[rng.int(16)], last = Self.lastNames[rng.int(16)]
            let word = Self.companyWords[rng.int(12)]
            let company = "\(word), \(Self.suffixes[rng.int(6)])"
            let fromCampaign = rng.chance(0.7)
            let stage = Self.stages[rng.int(9)]
            let owner = stage == "lead" || (stage == "mql" && rng.chance(0.5)) ? "" : "Rep \(rng.int(repCount))"
            let touched = stage != "lead" && rng.chance(0.9)
            let firstTouch = touched ? created + 600 + rng.int(20 * 3600) : -1
            var dealID = ""
            if ["opportunity", "won", "lost"].contains(stage) {
                dealID = "D\(i)"
                deals.append((dealID, "L\(i)", owner.isEmpty ? "Rep 1" : owner,
                              stage == "opportunity" ? Self.dealStages[rng.int(4)] : stage, created + 86_400 * 10))
            }
            let reached = Self.stages.firstIndex(of: stage)!
            func at(_ k: Int) -> String { reached >= k && reached <= 5 ? Self.minute(created + k * 86_400 * 3) : "" }
            out.line(["L\(i)", Self.time(created), i % 7 == 0 ? "\(first) \"\(last)\"" : "\(first) \(last)", company,
                      "\(first.prefix(1).lowercased())\(last.lowercased())@\(word.lowercased()).com",
                      fromCampaign ? "campaign" : Self.salesSources[rng.int(5)],
                      fromCampaign ? "C\(rng.int(campaignCount))" : "", stage, owner, "\(rng.int(101))",
                      firstTouch < 0 ? "" : Self.minute(firstTouch), firstTouch < 0 ? "" : Self.minute(firstTouch + 3600),
                      at(1), at(2), at(3), at(4),
                      reached >= 5 ? Self.minute(created + 20 * 86_400) : "",
                      stage == "disqualified" ? Self.reasons[rng.int(4)] : "", dealID])
        }
        try out.save(folder.appendingPathComponent("leads.csv"))

        out = CSVText()
        out.line(["deal_id", "name", "account", "owner", "stage", "amount", "created_at", "close_date", "lead_id", "probability", "product"])
        for d in deals {
            out.line([d.id, "Deal \(d.id)", "Account \(rng.int(500))", d.owner, d.stage, "\(5_000 + rng.int(95_000))",
                      Self.time(d.created), Self.day(d.created + 30 * 86_400), d.lead, "", "Product \(rng.int(5))"])
        }
        try out.save(folder.appendingPathComponent("deals.csv"))

        out = CSVText()
        out.line(["owner", "period_start", "period", "metric", "target"])
        for r in 0..<repCount {
            for month in ["2026-10-01", "2026-11-01", "2026-12-01"] {
                out.line(["Rep \(r)", month, "month", r % 3 == 0 ? "sals" : "won_amount", r % 3 == 0 ? "30" : "60000"])
            }
        }
        try out.save(folder.appendingPathComponent("quotas.csv"))

        let settings = """
        [data]
        as_of = "\(asOf)"
        time_zone = "UTC"

        [sla]
        mql_target_per_month = \(max(10, leads / 12))
        first_touch_hours = 4

        """
        try settings.write(to: folder.appendingPathComponent("pipetop.toml"), atomically: true, encoding: .utf8)
        try "at,user,file,record,field,old,new\n".write(to: folder.appendingPathComponent("activity.csv"), atomically: true, encoding: .utf8)
    }

    static func civil(_ t: Int) -> (Int, Int, Int, Int, Int, Int) {
        let days = t / 86_400, secs = t % 86_400
        let z = days + 719_468
        let era = z / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d, secs / 3600, secs % 3600 / 60, secs % 60)
    }

    static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    static func day(_ t: Int) -> String { let c = civil(t); return "\(c.0)-\(two(c.1))-\(two(c.2))" }
    /// Minutes only, with a space: how CRMs often write touch and stage-change times.
    static func minute(_ t: Int) -> String { let c = civil(t); return "\(c.0)-\(two(c.1))-\(two(c.2)) \(two(c.3)):\(two(c.4))" }
    static func time(_ t: Int) -> String { let c = civil(t); return "\(c.0)-\(two(c.1))-\(two(c.2))T\(two(c.3)):\(two(c.4)):\(two(c.5))" }
}

/// Accumulates CSV bytes, quoting cells the way RFC 4180 asks.
struct CSVText {
    var bytes: [UInt8] = []
    mutating func reserve(_ n: Int) { bytes.reserveCapacity(n) }
    mutating func line(_ cells: [String]) {
        for (k, cell) in cells.enumerated() {
            if k > 0 { bytes.append(UInt8(ascii: ",")) }
            let needsQuotes = cell.utf8.contains { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 10 || $0 == 13 }
            if needsQuotes {
                bytes.append(UInt8(ascii: "\""))
                for b in cell.utf8 {
                    bytes.append(b)
                    if b == UInt8(ascii: "\"") { bytes.append(b) }
                }
                bytes.append(UInt8(ascii: "\""))
            } else {
                bytes.append(contentsOf: cell.utf8)
            }
        }
        bytes.append(10)
    }
    func save(_ url: URL) throws { try Data(bytes).write(to: url) }
}
