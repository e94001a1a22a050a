import Foundation
import PipelineKit
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Real `pipetop triage` processes writing one data folder at once, and one killed mid-write.
@Suite(.serialized)
struct TriageConcurrencyTests {
    /// The sample company's leads as records, by id, in file order.
    static func leads(_ folder: URL) throws -> (header: [String], rows: [[String]]) {
        CSVCellEditor.records(Array(try Data(contentsOf: folder.appendingPathComponent("leads.csv"))))
    }

    static func column(_ header: [String], _ name: String) -> Int { header.firstIndex(of: name)! }

    static func stamp(_ t: Int64) -> String { formatISO(t, timeZone: TimeZone(identifier: "UTC")!, withTime: true) }

    /// Four processes make 250 edits each (a touch on 1,000 distinct leads, every one its own locked
    /// edit), while this process rewrites the score of other leads over and over under the same lock.
    /// Every edit must land and nothing else change.
    ///
    /// The rewriter takes the lock. A program that ignored it and replaced the file by rename would
    /// still never leave a torn file (every replace is whole), but the last rename would win and
    /// could drop an edit made between its read and its rename: the lock is what rules that out.
    /// Without --at, a folder that pins its moment (the seeds pin 2026-11-26 10:30) gets that
    /// moment, as the dashboard writes it, not the wall clock.
    @Test func aPinnedFolderIsStampedWithItsOwnMoment() throws {
        let binary = try #require(DashboardEndToEndTests.binary, "the pipetop binary was not built")
        let folder = try DashboardEndToEndTests.scratchSeeds()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (header, before) = try Self.leads(folder)
        let touch = Self.column(header, "first_touch_at")
        let lead = try #require(before.first { $0[touch].isEmpty })[0]
        #expect(waitFor(try spawn(binary, ["triage", folder.path, "touch", lead, "--user", "omar"])) == 0)
        let (_, after) = try Self.leads(folder)
        #expect(after.first { $0[0] == lead }?[touch] == "2026-11-26T10:30:00")
    }

    @Test func fourProcessesAndARewriterLoseNothing() throws {
        let binary = try #require(DashboardEndToEndTests.binary, "the pipetop binary was not built")
        let folder = try DashboardEndToEndTests.scratchSeeds()
        defer { try? FileManager.default.removeItem(at: folder) }
        let (header, before) = try Self.leads(folder)
        let id = 0, score = Self.column(header, "score")
        let firstTouch = Self.column(header, "first_touch_at"), lastTouch = Self.column(header, "last_touch_at")
        let base: Int64 = 1_795_687_200   // 2026-11-26T10:00:00Z: after every moment these leads record, before the pinned as-of
        let logBefore = CSVCellEditor.records(Array(try Data(contentsOf: folder.appendingPathComponent("activity.csv")))).rows.count

        var children: [pid_t] = []
        for k in 0..<4 {
            let lines = before[(k * 250)..<((k + 1) * 250)].map { "touch \($0[id])" }.joined(separator: "\n")
            let batch = folder.appendingPathComponent("batch-\(k).txt")
            try lines.write(to: batch, atomically: true, encoding: .utf8)
            children.append(try spawn(binary, ["triage", folder.path, "--batch", batch.path, "--user", "proc\(k)",
                                               "--at", Self.stamp(base + Int64(k) * 300), "--wait", "60", "--any-owner"]))
        }

        // The rewriter: other leads' scores, each rewrite a whole locked read-change-replace.
        let rewritten = RewriteLog()
        let others = before[1000...].map { $0[id] }
        let leadsURL = folder.appendingPathComponent("leads.csv")
        let scoreHeader = header[score]
        let rewriter = Thread {
            var n = 0
            while !rewritten.stopped {
                n += 1
                let target = others[(n * 7919) % others.count]
                do {
                    try FolderLock.holding(in: folder, user: "rewriter", timeout: 60) { lock in
                        let data = Array(try Data(contentsOf: leadsURL))
                        let changed = try CSVCellEditor.apply([CellEdit(id: target, field: scoreHeader, newValue: "\(1000 + n)")], to: data, key: header[0])
                        try AtomicFile.write(changed, to: leadsURL)
                        // A writer that takes the lock says what it wrote, as pipetop's do.
                        lock.noteWritten(leadsURL)
                    }
                    rewritten.set(target, "\(1000 + n)")
                } catch {
                    rewritten.fail("\(error)")
                }
                // Another program's pace: a rewrite every few milliseconds.
                usleep(3_000)
            }
            rewritten.finish()
        }
        rewriter.start()
        let statuses = children.map(waitFor)
        rewritten.stop()
        rewritten.waitFinished()

        #expect(statuses == [0, 0, 0, 0])
        #expect(rewritten.failures.isEmpty, "\(rewritten.failures.prefix(3))")
        #expect(rewritten.count > 0)
        let (headerAfter, after) = try Self.leads(folder)
        #expect(headerAfter == header)
        #expect(after.map { $0[id] } == before.map { $0[id] })
        var wrong: [String] = []
        for (n, (old, new)) in zip(before, after).enumerated() {
            var want = old
            if n < 1000 {
                let t = Self.stamp(base + Int64(n / 250) * 300)
                want[lastTouch] = t
                if old[firstTouch].isEmpty { want[firstTouch] = t }
            } else if let value = rewritten.value(old[id]) {
                want[score] = value
            }
            if new != want { wrong.append(old[id]) }
        }
        #expect(wrong.isEmpty, "\(wrong.count) leads differ, first \(wrong.prefix(5))")
        let log = CSVCellEditor.records(Array(try Data(contentsOf: folder.appendingPathComponent("activity.csv")))).rows
        #expect(log.dropFirst(logBefore).filter { $0[4] == "last_touch_at" && $0[1].hasPrefix("proc") }.count == 1000)
    }

    /// A process making edits in a loop is killed at random moments: every time, each file reads
    /// back whole, every cell is either as it was or as the batch sets it, and the next start
    /// removes the killed writer's temporary file.
    @Test func killedWriterLeavesOldOrNewAndNoStrays() throws {
        let binary = try #require(DashboardEndToEndTests.binary, "the pipetop binary was not built")
        let folder = try DashboardEndToEndTests.scratchSeeds()
        defer { try? FileManager.default.removeItem(at: folder) }
        let leadsURL = folder.appendingPathComponent("leads.csv"), dealsURL = folder.appendingPathComponent("deals.csv")
        let seedLeads = try Data(contentsOf: leadsURL), seedDeals = try Data(contentsOf: dealsURL)
        let seedLog = try Data(contentsOf: folder.appendingPathComponent("activity.csv"))
        let (header, before) = try Self.leads(folder)
        let stage = Self.column(header, "stage")
        // Touches on everyone, a disqualify and a convert now and then.
        var lines: [String] = []
        for (n, row) in before.prefix(400).enumerated() {
            lines.append("touch \(row[0])")
            if ["lead", "mql", "sal", "sql"].contains(row[stage]) {
                lines.append(n % 2 == 0 ? "disqualify \(row[0]) No budget" : "convert \(row[0]) 1000 2027-02-01")
            }
        }
        let batch = folder.deletingLastPathComponent().appendingPathComponent("kill-batch-\(UUID().uuidString).txt")
        try lines.joined(separator: "\n").write(to: batch, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: batch) }
        let at = "2026-11-26T10:00:00"

        var straysSeen = 0
        for round in 0..<20 {
            try seedLeads.write(to: leadsURL)
            try seedDeals.write(to: dealsURL)
            try seedLog.write(to: folder.appendingPathComponent("activity.csv"))
            let child = try spawn(binary, ["triage", folder.path, "--batch", batch.path, "--user", "victim", "--at", at, "--any-owner"])
            usleep(UInt32.random(in: 40_000...400_000))
            kill(child, SIGKILL)
            _ = waitFor(child)

            let (h, rows) = try Self.leads(folder)
            #expect(h == header, "round \(round)")
            #expect(rows.map { $0[0] } == before.map { $0[0] }, "round \(round): leads.csv lost or gained records")
            for (old, new) in zip(before, rows) where old != new {
                // Every changed cell holds what the batch writes.
                for (i, value) in new.enumerated() where i < old.count && value != old[i] {
                    let allowed = value == at || ["disqualified", "opportunity", "No budget"].contains(value) || value.hasPrefix("D-")
                    #expect(allowed, "round \(round): \(old[0]) \(header[i]) = \(value)")
                }
            }
            let deals = try Data(contentsOf: dealsURL)
            #expect(deals.starts(with: seedDeals), "round \(round): deals.csv changed before its end")
            let dealRows = CSVCellEditor.records(Array(deals)).rows
            #expect(dealRows.allSatisfy { $0.count == 11 }, "round \(round): a torn deal record")
            let log = try Data(contentsOf: folder.appendingPathComponent("activity.csv"))
            #expect(log.starts(with: seedLog) && log.last == 10, "round \(round): activity.csv torn")
            #expect(CSVCellEditor.records(Array(log)).rows.allSatisfy { $0.count == 7 })

            let strays = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(AtomicFile.temporaryPrefix) }
            straysSeen += strays.count
            // The next start clears them.
            _ = waitFor(try spawn(binary, ["triage", folder.path, "touch", before[0][0], "--user", "next", "--at", at, "--any-owner"]))
            let left = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix(AtomicFile.temporaryPrefix) }
            #expect(left.isEmpty, "round \(round): \(left)")
        }
        print("killed writer: \(straysSeen) stray temporary files found over 20 kills, all removed")
    }
}

/// What the rewriter thread wrote, shared with the test.
private final class RewriteLog: @unchecked Sendable {
    private let lock = NSCondition()
    private var values: [String: String] = [:]
    private var errors: [String] = []
    private var stopping = false
    private var finished = false

    var stopped: Bool { lock.lock(); defer { lock.unlock() }; return stopping }
    var count: Int { lock.lock(); defer { lock.unlock() }; return values.count }
    var failures: [String] { lock.lock(); defer { lock.unlock() }; return errors }
    func value(_ id: String) -> String? { lock.lock(); defer { lock.unlock() }; return values[id] }
    func set(_ id: String, _ value: String) { lock.lock(); values[id] = value; lock.unlock() }
    func fail(_ message: String) { lock.lock(); errors.append(message); lock.unlock() }
    func stop() { lock.lock(); stopping = true; lock.unlock() }
    func finish() { lock.lock(); finished = true; lock.broadcast(); lock.unlock() }
    func waitFinished() { lock.lock(); while !finished { lock.wait() }; lock.unlock() }
}

/// Starts `path` with its output thrown away, in this process's environment.
private func spawn(_ path: String, _ arguments: [String]) throws -> pid_t {
    try spawnChild(path, arguments: [path] + arguments, environment: ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" })
}

/// The exit status, or 128 + the signal that ended it.
private func waitFor(_ pid: pid_t) -> Int32 {
    (try? waitForChild(pid)) ?? -1
}
