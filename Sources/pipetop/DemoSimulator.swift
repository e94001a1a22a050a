import Foundation
import PipelineKit

/// Keeps the demo company alive: every few seconds a new lead arrives, a rep touches a waiting one,
/// or a deal moves a stage, written to the scratch copy of the seeds the way another program would
/// (whole-file replace), so the dashboard shows what a live folder looks like.
final class DemoSimulator: @unchecked Sendable {
    let folder: URL
    /// The demo's moment: the seeds' as-of plus the time since the demo started.
    let clock: DemoClock
    private let zone: TimeZone
    private var generator: SeededRandom
    private var nextLead: Int
    private let queue = DispatchQueue(label: "pipetop.demo")
    private var stopped = false
    private let lock = NSLock()

    init(folder: URL, clock: DemoClock, zone: TimeZone, seed: UInt64 = 7) {
        self.folder = folder
        self.clock = clock
        self.zone = zone
        generator = SeededRandom(seed: seed)
        let leads = (try? [UInt8](Data(contentsOf: folder.appendingPathComponent("leads.csv")))) ?? []
        let ids = CSVCellEditor.records(leads).rows.compactMap { $0.first.flatMap { Int($0.filter(\.isNumber)) } }
        nextLead = (ids.max() ?? 0) + 1
    }

    func start() { schedule() }

    func stop() {
        lock.lock(); stopped = true; lock.unlock()
    }

    private func schedule() {
        let delay = 2.0 + Double(generator.next() % 3000) / 1000
        queue.asyncAfter(deadline: .now() + delay) { [self] in
            lock.lock(); let done = stopped; lock.unlock()
            guard !done else { return }
            step()
            schedule()
        }
    }

    /// One change to the data, chosen at random.
    func step() {
        let roll = generator.next() % 10
        do {
            // Under the folder's lock, like every writer: a triage made in the demo at the same moment is never lost.
            try FolderLock.holding(in: folder, user: "demo") { lock in
                if roll < 4 { try addLead(lock) } else if roll < 7 { try touchLead(lock) } else { try moveDeal(lock) }
            }
        } catch {
            // The demo folder is ours; a failed step is skipped, the next one tries again.
        }
    }

    private func time(_ t: Int64) -> String { formatISO(t, timeZone: zone, withTime: true) }

    private func read(_ name: String) throws -> [UInt8] { try [UInt8](Data(contentsOf: folder.appendingPathComponent(name))) }

    private static let firstNames = ["Ada", "Bruno", "Chiara", "Dmitri", "Esme", "Farid", "Grete", "Hugo", "Ines", "Jun", "Kaia", "Luis"]
    private static let lastNames = ["Okafor", "Lindahl", "Moreau", "Santos", "Kowalski", "Ibarra", "Novak", "Whitfield", "Sato", "Brennan"]
    private static let companies = ["Northwind Analytics", "Bluefjord Logistics", "Copperleaf Health", "Orchard & Vine Retail",
                                    "Tidewater Energy", "Granite Peak Software", "Lumen Street Media", "Harbor Point Insurance"]

    func addLead(_ lock: FolderLock) throws {
        let data = try read("leads.csv")
        let (header, _) = CSVCellEditor.records(data)
        let campaigns = CSVCellEditor.records(try read("campaigns.csv")).rows
        let now = clock.now()
        let first = pick(Self.firstNames), last = pick(Self.lastNames), company = pick(Self.companies)
        let campaign = campaigns.isEmpty ? "" : pick(campaigns)[0]
        let values: [String: String] = [
            "lead_id": String(format: "L-%05d", nextLead), "created_at": time(now), "name": "\(first) \(last)",
            "company": company, "email": "\(first.lowercased()).\(last.lowercased())@example.com",
            "source": campaign.isEmpty ? "inbound" : "campaign", "campaign_id": campaign, "stage": "mql",
            "score": String(40 + generator.next() % 50), "mql_at": time(now),
        ]
        nextLead += 1
        try save(CSVCellEditor.appending([header.map { values[$0] ?? "" }], to: data), "leads.csv", lock)
    }

    func touchLead(_ lock: FolderLock) throws {
        let data = try read("leads.csv")
        let (header, rows) = CSVCellEditor.records(data)
        guard let stage = header.firstIndex(of: "stage"), let touch = header.firstIndex(of: "first_touch_at"),
              let owner = header.firstIndex(of: "owner") else { return }
        let waiting = rows.filter { $0.count == header.count && $0[stage] == "mql" && $0[touch].isEmpty }
        guard !waiting.isEmpty else { return }
        // Reps work the newest leads first more often than not: the demo shows both kinds of SLA outcome.
        let lead = generator.next() % 3 == 0 ? pick(waiting) : waiting[waiting.count - 1]
        let reps = CSVCellEditor.records(try read("reps.csv")).rows.filter { $0.count > 4 && $0[4] == "sdr" }.map { $0[0] }
        let now = time(clock.now())
        var edits = [CellEdit(id: lead[0], field: "first_touch_at", newValue: now),
                     CellEdit(id: lead[0], field: "last_touch_at", newValue: now),
                     CellEdit(id: lead[0], field: "stage", newValue: "sal"),
                     CellEdit(id: lead[0], field: "sal_at", newValue: now)]
        if lead[owner].isEmpty, !reps.isEmpty { edits.append(CellEdit(id: lead[0], field: "owner", newValue: pick(reps))) }
        try save(try CSVCellEditor.apply(edits, to: data, key: header[0]), "leads.csv", lock)
    }

    func moveDeal(_ lock: FolderLock) throws {
        let data = try read("deals.csv")
        let (header, rows) = CSVCellEditor.records(data)
        guard let stage = header.firstIndex(of: "stage") else { return }
        let ladder = ["prospecting", "qualification", "proposal", "negotiation"]
        let open = rows.filter { $0.count == header.count && ladder.contains($0[stage]) }
        guard !open.isEmpty else { return }
        let deal = pick(open)
        let at = ladder.firstIndex(of: deal[stage])!
        var edits: [CellEdit]
        if at + 1 < ladder.count {
            edits = [CellEdit(id: deal[0], field: "stage", newValue: ladder[at + 1])]
        } else {
            let won = generator.next() % 3 != 0
            edits = [CellEdit(id: deal[0], field: "stage", newValue: won ? "won" : "lost"),
                     CellEdit(id: deal[0], field: "close_date", newValue: String(time(clock.now()).prefix(10)))]
        }
        try save(try CSVCellEditor.apply(edits, to: data, key: header[0]), "deals.csv", lock)
        if FileManager.default.fileExists(atPath: folder.appendingPathComponent("stage_history.csv").path) {
            let history = try read("stage_history.csv")
            let h = CSVCellEditor.records(history).header
            let values = ["deal_id": deal[0], "stage": edits[0].newValue, "at": time(clock.now())]
            try save(CSVCellEditor.appending([h.map { values[$0] ?? "" }], to: history), "stage_history.csv", lock)
        }
    }

    /// Replaces a file whole and notes it as a pipetop write, so a triage made in the demo just
    /// after does not wait for the file to be left alone.
    private func save(_ bytes: [UInt8], _ name: String, _ lock: FolderLock) throws {
        let url = folder.appendingPathComponent(name)
        try AtomicFile.write(bytes, to: url)
        lock.noteWritten(url)
    }

    private func pick<T>(_ items: [T]) -> T { items[Int(generator.next() % UInt64(items.count))] }
}

/// The demo's "now": it starts at the seeds' as-of moment and runs with the wall clock.
struct DemoClock: Sendable {
    let origin: Int64
    let started: Date

    func now() -> Int64 { origin + Int64(Date().timeIntervalSince(started)) }
}
