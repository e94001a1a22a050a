import Foundation
import Testing
@testable import PipelineKit
#if canImport(Glibc)
import Glibc
#endif

/// What goes wrong around a write: a read-only file, a full disk, a lock someone keeps, leftovers of
/// a killed writer, and several writers at once. Each gives a message and leaves the data whole.
@Suite struct LeadTriageFaultTests {
    static let at = LeadTriageTests.at

    /// A program writing leads.csv in place that paused at the end of a line left a file that read
    /// whole: a triage then replaced it with the half it saw, and the other program's rest was
    /// lost. A file another program changed less than a second ago is waited for.
    @Test func aFileWrittenInPlaceWithAPauseIsWaitedFor() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("leads.csv")
        let seed = try folder.bytes("leads.csv")
        // Cut at a line end about halfway.
        let half = seed[..<(seed.count / 2)].lastIndex(of: 10)! + 1
        let fd = open(url.path, O_WRONLY | O_TRUNC)
        #expect(seed[..<half].withUnsafeBytes { write(fd, $0.baseAddress!, half) } == half)
        let writer = Thread {
            usleep(400_000)
            _ = seed[half...].withUnsafeBytes { write(fd, $0.baseAddress!, seed.count - half) }
            close(fd)
        }
        writer.start()
        let result = folder.triage().perform(.logTouch, on: ["L-00002"], seen: [:], at: Self.at)
        #expect(result.error == nil, "\(result.error ?? "")")
        let after = try folder.bytes("leads.csv")
        #expect(CSVCellEditor.records(after).rows.count == CSVCellEditor.records(seed).rows.count)
    }

    /// A file that does not stop changing is refused with its name, not written over; only the
    /// files an action writes are waited for (a deals file synced every second held up touches).
    @Test func aFileThatKeepsChangingIsRefused() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let url = folder.url.appendingPathComponent("deals.csv")
        let seed = try folder.bytes("leads.csv")
        let done = ManagedAtomicFlag()
        // Changed once now, and then on and on, however late the thread starts.
        _ = utimensat(AT_FDCWD, url.path, nil, 0)
        let toucher = Thread {
            while !done.isSet { _ = utimensat(AT_FDCWD, url.path, nil, 0); usleep(100_000) }
        }
        toucher.start()
        defer { done.set() }
        let result = folder.triage().perform(.convert(amount: 1000, closeDate: "2026-12-20", owner: "marcus"), on: ["L-00237"], seen: [:], at: Self.at)
        #expect(result.error == "deals.csv is still being written by another program; try again in a moment; nothing was written")
        #expect(try folder.bytes("leads.csv") == seed)
        #expect(folder.triage().perform(.logTouch, on: ["L-00002"], seen: [:], at: Self.at).error == nil)
    }

    /// An activity log another program was part-way through writing was added to: its cut line
    /// stayed broken for good. A cut inside the last cell ("...,mql,sa") reads as a whole line,
    /// so a log without its last line break is refused before any file changes, with how to fix it.
    @Test func anActivityLogCutMidLineIsRefused() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let seed = try folder.bytes("leads.csv"), log = try folder.bytes("activity.csv")
        for cut in [",L-01984,sta", ",L-01984,stage,mql,sa", ",\"half a quo"] {
            try folder.write("activity.csv", log + Array("2026-11-26T10:00:00,ben,leads.csv\(cut)".utf8))
            let result = folder.triage().perform(.accept, on: ["L-01988"], seen: [:], at: Self.at)
            #expect(result.applied == nil)
            #expect(result.error == "activity.csv does not end with a line break, so its last line may be cut short (is it still being written?); nothing was written; if that line is whole, end it with a line break", "\(result.error ?? "")")
            #expect(try folder.bytes("leads.csv") == seed)
        }
        let whole = log + Array("2026-11-26T10:00:00,ben,leads.csv,L-01984,stage,mql,sal\n".utf8)
        try folder.write("activity.csv", whole)
        let result = folder.triage().perform(.accept, on: ["L-01988"], seen: [:], at: Self.at)
        #expect(result.error == nil && result.applied != nil)
        #expect(Array(try folder.bytes("activity.csv").prefix(whole.count)) == whole)
    }

    /// Another program holding the lock was named as the last pipetop that had held it: this very
    /// screen's own pid. A holder's note is cleared when it lets go.
    @Test func aLockHeldByAnotherProgramIsNotBlamedOnTheLastPipetop() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        #expect(folder.triage().perform(.logTouch, on: ["L-00002"], seen: [:], at: Self.at).error == nil)
        let fd = open(folder.url.appendingPathComponent(FolderLock.fileName).path, O_RDWR)
        defer { close(fd) }
        #expect(flock(fd, LOCK_EX) == 0)
        var triage = folder.triage()
        triage.lockTimeout = 0.2
        #expect(triage.perform(.logTouch, on: ["L-00003"], seen: [:], at: Self.at).error == "the data folder is locked by another program; try again")
    }

    /// An activity log linked into a folder that cannot be written failed only after leads.csv
    /// had changed: the change had no line in the log. It is refused before anything is written.
    @Test func aLinkedLogInAReadOnlyFolderIsRefusedFirst() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let elsewhere = folder.url.deletingLastPathComponent().appendingPathComponent("pipetop-logs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: elsewhere, withIntermediateDirectories: true)
        defer { chmod(elsewhere.path, 0o755); try? FileManager.default.removeItem(at: elsewhere) }
        let log = folder.url.appendingPathComponent("activity.csv")
        try FileManager.default.moveItem(at: log, to: elsewhere.appendingPathComponent("activity.csv"))
        try FileManager.default.createSymbolicLink(at: log, withDestinationURL: elsewhere.appendingPathComponent("activity.csv"))
        chmod(elsewhere.path, 0o555)
        let seed = try folder.bytes("leads.csv")
        let result = folder.triage().perform(.logTouch, on: ["L-00002"], seen: [:], at: Self.at)
        #expect(result.error == "\(elsewhere.path), where activity.csv links to, is read-only (permission denied); nothing was written")
        #expect(try folder.bytes("leads.csv") == seed)
    }

    /// A folder reached by two paths (through a link, say) noted its writes under each, so each
    /// screen took the other's writes for another program's and waited for them.
    @Test func writesAreNotedByTheFileNotThePath() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let link = folder.url.deletingLastPathComponent().appendingPathComponent("pipetop-link-\(UUID().uuidString)")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: folder.url)
        defer { try? FileManager.default.removeItem(at: link) }
        #expect(folder.triage().perform(.logTouch, on: ["L-00002"], seen: [:], at: Self.at).error == nil)
        let other = LeadTriage(folder: link, settings: folder.settings, user: "marcus", userRep: "Marcus Webb")
        #expect(other.perform(.logTouch, on: ["L-00003"], seen: [:], at: Self.at).error == nil)
        let notes = try String(contentsOf: folder.url.appendingPathComponent(FolderLock.fileName), encoding: .utf8)
            .split(separator: "\n").filter { $0.hasPrefix("wrote=") && $0.hasSuffix("/leads.csv") }
        #expect(notes.count == 1, "\(notes)")
    }

    /// A moment given before a lead existed put its touch before its creation, and a touch for an
    /// earlier moment moved the last touch back.
    @Test func aTouchNeverGoesBeforeTheLeadOrItsLastTouch() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let triage = folder.triage(user: "ben", rep: "Ben Carter")
        let record = try #require(try folder.record("L-01977"))
        let early = triage.perform(.logTouch, on: ["L-01977"], seen: [:], at: 1_795_172_520)   // 2026-11-20T11:02:00Z
        // Its latest recorded moment is named: the MQL, which came a little after its creation.
        #expect(early.refused == ["L-01977 has mql_at \(record["mql_at"] ?? ""), after the moment to record (2026-11-20T11:02:00); nothing was written"])
        // Between creation and MQL: still before the MQL, so a first touch would come before it.
        let created = try #require(TimestampParser(format: .iso, timeZone: TimeZone(identifier: "UTC")!).parse(record["created_at"] ?? ""))
        #expect(triage.perform(.logTouch, on: ["L-01977"], seen: [:], at: created + 1).refused.first?.hasPrefix("L-01977 has mql_at") == true)
        // Before its creation, a lead with no later moment says when it was made.
        let plain = try #require(try folder.record("L-00009"))
        let made = try #require(TimestampParser(format: .iso, timeZone: TimeZone(identifier: "UTC")!).parse(plain["created_at"] ?? ""))
        if ["mql_at", "sal_at", "sql_at", "opportunity_at", "closed_at"].allSatisfy({ (plain[$0] ?? "").isEmpty }) {
            #expect(triage.perform(.logTouch, on: ["L-00009"], seen: [:], at: made - 60).refused.first?.contains("was created at") == true)
        }
        #expect(triage.perform(.logTouch, on: ["L-01977"], seen: [:], at: Self.at + 1800).error == nil)
        let back = triage.perform(.logTouch, on: ["L-01977"], seen: [:], at: Self.at)
        #expect(back.refused == ["L-01977 has a later touch logged (2026-11-26T11:00:00); nothing was written"])
        #expect(try folder.record("L-01977")?["last_touch_at"] == "2026-11-26T11:00:00")
    }

    /// A file caught empty (between another program's truncate and its write) was said to have
    /// no lead_id column.
    @Test func anEmptyFileIsSaidToBeBeingWritten() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        try folder.write("leads.csv", [])
        let result = folder.triage().perform(.accept, on: ["L-00001"], seen: [:], at: Self.at)
        #expect(result.error == "leads.csv is empty (is it being written?); nothing was written")
    }

    /// A folder with no leads file (an export without its settings) got a lock file made in it
    /// before the triage found nothing to edit.
    @Test func aFolderWithoutLeadsIsLeftUntouched() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-noleads-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = LeadTriage(folder: folder, settings: .defaults, user: "ben", userRep: nil).perform(.accept, on: ["L-1"], seen: [:], at: Self.at)
        #expect(result.error == "leads.csv is missing from the data folder; nothing was written")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test func readOnlyFileIsRefusedWithItsName() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let leads = folder.url.appendingPathComponent("leads.csv")
        let seed = try folder.bytes("leads.csv"), logged = try folder.activityCount()
        chmod(leads.path, 0o444)
        defer { chmod(leads.path, 0o644) }
        let result = folder.triage().perform(.accept, on: ["L-00001"], seen: [:], at: Self.at)
        #expect(result.error == "leads.csv is read-only (permission denied); nothing was written")
        // The summary names the file as it is spelt on disk, not "Leads.csv".
        #expect(result.summary == "leads.csv is read-only (permission denied); nothing was written")
        #expect(TriageResult.failure("leads export.csv is read-only", fileNames: ["leads export.csv"]).summary == "leads export.csv is read-only")
        #expect(TriageResult.failure("the disk is full").summary == "The disk is full")
        #expect(result.applied == nil)
        #expect(try folder.bytes("leads.csv") == seed)
        #expect(try folder.activityCount() == logged)
    }

    /// Rows another program appends without taking the lock, between the action's read and its
    /// replace, are kept: the action is made again on the file as it is then.
    @Test func rowsAppendedDuringAWriteAreKept() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let leads = folder.url.appendingPathComponent("leads.csv")
        let appends = Counter()
        var triage = folder.triage()
        // Before each of the first two writes of leads.csv, another program adds a row.
        triage.writeCall = { fd, bytes, count in
            if appends.next() <= 2, let handle = try? FileHandle(forWritingTo: leads) {
                handle.seekToEndOfFile()
                handle.write("L-9000\(appends.value),2026-11-26T09:00,Appended Lead,Acme,a@example.com,cold_call,,lead,,,,,,,,,,,\n".data(using: .utf8)!)
                try? handle.close()
            }
            return Foundation.write(fd, bytes, count)
        }
        let result = triage.perform(.logTouch, on: ["L-00001"], seen: [:], at: Self.at)
        #expect(result.error == nil && result.applied != nil)
        let text = String(decoding: try folder.bytes("leads.csv"), as: UTF8.self)
        #expect(text.contains("L-90001,") && text.contains("L-90002,"))
        #expect(try folder.record("L-00001")?["last_touch_at"] == LeadTriageTests.stamp)
    }

    /// A file that changes at every try is left as the other program wrote it, with a message.
    @Test func aFileThatKeepsChangingIsLeftAlone() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let leads = folder.url.appendingPathComponent("leads.csv")
        var triage = folder.triage()
        triage.writeCall = { fd, bytes, count in
            if let handle = try? FileHandle(forWritingTo: leads) {
                handle.seekToEndOfFile()
                handle.write("L-9\(UInt32.random(in: 0...UInt32.max)),2026-11-26T09:00,Appended Lead,Acme,a@example.com,cold_call,,lead,,,,,,,,,,,\n".data(using: .utf8)!)
                try? handle.close()
            }
            return Foundation.write(fd, bytes, count)
        }
        let result = triage.perform(.logTouch, on: ["L-00001"], seen: [:], at: Self.at)
        #expect(result.error == "leads.csv kept changing while it was being written (another program is writing it); nothing was written; try again")
        let text = String(decoding: try folder.bytes("leads.csv"), as: UTF8.self)
        #expect(text.components(separatedBy: "Appended Lead").count - 1 == LeadTriage.attemptsWhileChanging)
    }

    /// When a convert must stop after writing deals.csv and another program has written to
    /// deals.csv since, its rows are not replaced by the old copy, the convert is not made again
    /// (it would add the deal twice), and the message says deals.csv keeps the new deal.
    @Test func aFileChangedAfterOurWriteIsNotPutBackOverTheChange() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let calls = Counter()
        var triage = folder.triage()
        triage.writeCall = { fd, bytes, count in
            // The second write is leads.csv's: another program adds a row to both files first.
            if calls.next() == 2 {
                for (name, row) in [("leads.csv", "L-90001,2026-11-26T09:00,Appended Lead,Acme,a@example.com,cold_call,,lead,,,,,,,,,,,\n"),
                                    ("deals.csv", "D-9001,Appended deal,Acme,Marcus Webb,prospecting,500,2026-11-26T09:00:00,2026-12-20,,,\n")] {
                    if let handle = try? FileHandle(forWritingTo: folder.url.appendingPathComponent(name)) {
                        handle.seekToEndOfFile()
                        handle.write(row.data(using: .utf8)!)
                        try? handle.close()
                    }
                }
            }
            return Foundation.write(fd, bytes, count)
        }
        let result = triage.perform(.convert(amount: 5000, closeDate: "2026-12-31", owner: "Marcus Webb"), on: ["L-00043"], seen: [:], at: Self.at)
        #expect(result.applied == nil)
        // No "try again": the new deal stays, and a second convert would add another.
        #expect(result.error == "leads.csv kept changing while it was being written (another program is writing it); the action stopped, but deals.csv (another program changed it meanwhile) could not be put back as it was and keeps its change: check it before doing this again")
        let deals = String(decoding: try folder.bytes("deals.csv"), as: UTF8.self)
        #expect(deals.contains("D-9001,") && deals.components(separatedBy: ",L-00043,").count - 1 == 1)
    }

    @Test func readOnlySettingWritesNothing() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        var settings = folder.settings
        settings.readOnly = true
        let result = LeadTriage(folder: folder.url, settings: settings, user: "marcus", userRep: nil)
            .perform(.logTouch, on: ["L-00001"], seen: [:], at: Self.at)
        #expect(result.error == "the data folder is read-only (read_only = true in pipetop.toml); nothing was written")
        // Settings read from elsewhere (--settings) are named by their path, not as pipetop.toml.
        settings.settingsFile = folder.url.deletingLastPathComponent().appendingPathComponent("mine/export.toml")
        let elsewhere = LeadTriage(folder: folder.url, settings: settings, user: "marcus", userRep: nil)
            .perform(.logTouch, on: ["L-00001"], seen: [:], at: Self.at)
        #expect(elsewhere.error == "the data folder is read-only (read_only = true in \(settings.settingsFile!.standardizedFileURL.path)); nothing was written")
    }

    /// A leads file without a required column refused each lead with "fix the row first", which
    /// no fix of a row would do.
    @Test func aMissingColumnIsNotTheRowsToFix() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let text = String(decoding: try folder.bytes("leads.csv"), as: UTF8.self)
        try folder.write("leads.csv", Array(text.replacingOccurrences(of: "lead_id,created_at,", with: "lead_id,made_at,").utf8))
        let result = folder.triage().perform(.logTouch, on: ["L-00001"], seen: [:], at: Self.at)
        let said = result.refused.first ?? result.error ?? ""
        #expect(!said.contains("fix the row first"), "\(said)")
    }

    /// A settings file that is a folder said only "cannot read the settings".
    @Test func anUnreadableSettingsFileSaysWhy() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let toml = folder.url.appendingPathComponent("pipetop.toml")
        try FileManager.default.removeItem(at: toml)
        try FileManager.default.createDirectory(at: toml, withIntermediateDirectories: false)
        let (_, problems) = SettingsLoader.load(folder: folder.url)
        #expect(problems.first?.message == "cannot read the settings: it is a folder, not a file", "\(problems)")
    }

    /// The settings are read again before each write: read_only turned on since the triage began
    /// stops it, and so does a settings file with an error (whose read_only cannot be known).
    @Test func settingsChangedSinceTheStartAreFollowed() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        var triage = folder.triage()
        let url = folder.url
        triage.currentSettings = { SettingsLoader.load(folder: url) }
        let toml = String(decoding: try folder.bytes("pipetop.toml"), as: UTF8.self)
        let seed = try folder.bytes("leads.csv")

        try folder.write("pipetop.toml", Array(toml.replacingOccurrences(of: "[data]\n", with: "[data]\nread_only = true\n").utf8))
        #expect(triage.perform(.logTouch, on: ["L-00001"], seen: [:], at: Self.at).error
                == "the data folder is read-only (read_only = true in pipetop.toml); nothing was written")

        try folder.write("pipetop.toml", Array((toml + "\nbogus = [\n").utf8))
        let broken = triage.perform(.logTouch, on: ["L-00001"], seen: [:], at: Self.at)
        #expect(broken.error?.hasPrefix("pipetop.toml:") == true, "\(broken.error ?? "")")
        #expect(broken.error?.hasSuffix("fix the settings before changing leads; nothing was written") == true)
        #expect(try folder.bytes("leads.csv") == seed)

        try folder.write("pipetop.toml", Array(toml.utf8))
        #expect(triage.perform(.logTouch, on: ["L-00001"], seen: [:], at: Self.at).error == nil)
    }

    /// A folder where the lock file cannot be made, and is not there, says why it cannot be made
    /// (not that the file is missing). /sys refuses new files even to root, as a read-only folder
    /// does to a user.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/sys/kernel")))
    func aLockThatCannotBeMadeSaysWhy() {
        do {
            _ = try FolderLock.acquire(in: URL(fileURLWithPath: "/sys"), user: "omar", timeout: 0)
            Issue.record("the lock was taken")
        } catch {
            #expect(error.message(timeZone: TimeZone(identifier: "UTC")!) == "cannot lock the data folder: .pipetop.lock: Permission denied")
        }
    }

    /// A `write(2)` that lets `allowed` calls through, then writes half of what it is given and
    /// reports a full disk.
    final class FullDisk: @unchecked Sendable {
        private let lock = NSLock()
        private var calls = 0
        let allowed: Int
        init(after allowed: Int) { self.allowed = allowed }

        var call: AtomicFile.WriteCall {
            { fd, bytes, count in
                self.lock.lock()
                self.calls += 1
                let pass = self.calls <= self.allowed
                self.lock.unlock()
                if pass { return write(fd, bytes, count) }
                if count > 1 { _ = write(fd, bytes, count / 2) }
                errno = ENOSPC
                return -1
            }
        }
    }

    @Test func fullDiskLeavesTheFileAndNoTemporary() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let seed = try folder.bytes("leads.csv"), logged = try folder.activityCount()
        var triage = folder.triage()
        triage.writeCall = FullDisk(after: 0).call
        let result = triage.perform(.accept, on: ["L-00001"], seen: [:], at: Self.at)
        #expect(result.error == "the disk is full: leads.csv was not changed; free some space and try again")
        #expect(result.applied == nil)
        #expect(try folder.bytes("leads.csv") == seed)
        #expect(try folder.activityCount() == logged)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(!names.contains { $0.hasPrefix(AtomicFile.temporaryPrefix) })
    }

    @Test func fullDiskOnTheSecondFileOfAConvertPutsTheFirstBack() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let leads = try folder.bytes("leads.csv"), deals = try folder.bytes("deals.csv")
        var triage = folder.triage()
        // deals.csv goes through in one write; leads.csv then finds the disk full.
        triage.writeCall = FullDisk(after: 1).call
        let result = triage.perform(.convert(amount: 5000, closeDate: "2026-12-31", owner: "Marcus Webb"), on: ["L-00043"], seen: [:], at: Self.at)
        #expect(result.error == "the disk is full: leads.csv was not changed; free some space and try again")
        #expect(try folder.bytes("leads.csv") == leads)
        #expect(try folder.bytes("deals.csv") == deals)
    }

    @Test func fullDiskForTheActivityLogKeepsTheEditUndoable() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let log = try folder.bytes("activity.csv")
        var triage = folder.triage()
        triage.writeCall = FullDisk(after: 1).call
        let result = triage.perform(.logTouch, on: ["L-00001"], seen: [:], at: Self.at)
        #expect(result.error == "the change was written, but not recorded in the activity log: the disk is full: activity.csv was not changed; free some space and try again")
        #expect(result.applied != nil)
        // No half line left in the log.
        #expect(try folder.bytes("activity.csv") == log)
    }

    @Test func lockHeldTooLongGivesTheHolderAndWritesNothing() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let seed = try folder.bytes("leads.csv")
        let lock = try FolderLock.acquire(in: folder.url, user: "sarah")
        defer { lock.release() }
        let holder = try #require(FolderLock.holder(in: folder.url))
        #expect(holder.pid == getpid() && holder.user == "sarah")
        var triage = folder.triage()
        triage.lockTimeout = 0.2
        let result = triage.perform(.accept, on: ["L-00001"], seen: [:], at: Self.at)
        let clock = String(formatISO(holder.since, timeZone: folder.settings.timeZone, withTime: true).dropFirst(11).prefix(5))
        #expect(result.error == "the data folder is locked by pid \(getpid()) (sarah) since \(clock); try again")
        #expect(try folder.bytes("leads.csv") == seed)
    }

    /// The lock file was made writable by everyone on the host, in any folder: a stranger could
    /// note a file as pipetop's own write and so skip the wait for a program still writing it.
    /// It now has the folder's permissions: who may write there may take the lock.
    @Test func theLockFileIsWritableByWhoeverMayWriteTheFolder() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let lockPath = folder.url.appendingPathComponent(FolderLock.fileName).path
        for (folderMode, lockMode) in [(0o755, 0o644), (0o775, 0o664), (0o777, 0o666), (0o1777, 0o644)] as [(mode_t, mode_t)] {
            #expect(chmod(folder.url.path, folderMode) == 0)
            unlink(lockPath)
            try FolderLock.acquire(in: folder.url, user: "omar").release()
            var info = stat()
            #expect(stat(lockPath, &info) == 0)
            #expect(info.st_mode & 0o777 == lockMode)
        }
        #expect(chmod(folder.url.path, 0o755) == 0)
    }

    @Test func straysOfDeadWritersAreRemovedLiveOnesKept() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        // A pid no process has: the highest possible is far below Int32.max.
        let dead = AtomicFile.temporaryPrefix + "leads.csv-2147483000-123"
        let live = AtomicFile.temporaryPrefix + "leads.csv-\(getpid())-456"
        try folder.write(dead, Array("half a fi".utf8))
        try folder.write(live, Array("being written".utf8))
        _ = folder.triage().perform(.logTouch, on: ["L-00001"], seen: [:], at: Self.at)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.url.path)
        #expect(!names.contains(dead))
        #expect(names.contains(live))
    }

    /// Threads of one process take the lock through separate opens, so they exclude each other too.
    @Test func threadsTouchingDistinctLeadsAllLand() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let ids = (1...120).map { String(format: "L-%05d", $0) }
        let logged = try folder.activityCount()
        var triage = folder.triage()
        triage.lockTimeout = 30
        let worker = triage
        let failures = NSLock()
        nonisolated(unsafe) var problems: [String] = []
        DispatchQueue.concurrentPerform(iterations: 4) { k in
            for (n, id) in ids.enumerated() where n % 4 == k {
                let r = worker.perform(.logTouch, on: [id], seen: [:], at: Self.at + Int64(n))
                if r.applied == nil || r.error != nil { failures.lock(); problems.append("\(id): \(r.summary)"); failures.unlock() }
            }
        }
        #expect(problems.isEmpty)
        for (n, id) in ids.enumerated() {
            #expect(try folder.record(id)?["last_touch_at"] == formatISO(Self.at + Int64(n), timeZone: folder.settings.timeZone, withTime: true))
        }
        #expect(try folder.activity(after: logged).filter { $0[4] == "last_touch_at" }.count == ids.count)
    }
}

/// A count shared with a write stand-in, which may be called from any thread.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var value = 0
    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

/// A flag one thread sets and another reads.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    var isSet: Bool { lock.withLock { value } }
    func set() { lock.withLock { value = true } }
}
