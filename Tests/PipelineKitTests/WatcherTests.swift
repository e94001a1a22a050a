import Foundation
import Testing
@testable import PipelineKit

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A scratch data folder, removed when the test ends.
private final class ScratchFolder {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-watch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    /// Truncates and rewrites the file through the same inode, as most programs save.
    func writeInPlace(_ name: String, _ text: String) {
        let fd = open(path(name), O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        precondition(fd >= 0)
        _ = text.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
    }

    /// Writes a temporary file and renames it over the original, as vim and `sed -i` do.
    func replaceByRename(_ name: String, _ text: String) {
        writeInPlace(".\(name).swp", text)
        precondition(rename(path(".\(name).swp"), path(name)) == 0)
    }

    func delete(_ name: String) { precondition(unlink(path(name)) == 0) }
}

/// Everything a watcher reports over a few calls. inotify answers on the first call; the polling
/// watcher needs two scans that agree before it reports a file.
private func collect(_ watcher: FolderWatcher, calls: Int = 2) -> Set<String> {
    var names: Set<String> = []
    for _ in 0..<calls { names.formUnion(watcher.changedFiles()) }
    return names
}

private let watcherKinds: [String] = {
    #if os(Linux)
    return ["inotify", "polling"]
    #else
    return ["polling"]
    #endif
}()

private func makeWatcher(_ kind: String, _ folder: ScratchFolder) -> FolderWatcher {
    #if os(Linux)
    if kind == "inotify" { return InotifyFolderWatcher(folder: folder.url)! }
    #endif
    return PollingFolderWatcher(folder: folder.url)
}

@Suite struct WatcherTests {
    @Test(arguments: watcherKinds)
    func reportsAFileWrittenInPlace(kind: String) throws {
        let folder = try ScratchFolder()
        folder.writeInPlace("leads.csv", "id\n1\n")
        let watcher = makeWatcher(kind, folder)
        #expect(collect(watcher).isEmpty)
        folder.writeInPlace("leads.csv", "id\n1\n2\n")
        #expect(collect(watcher) == ["leads.csv"])
        #expect(collect(watcher).isEmpty)
    }

    @Test(arguments: watcherKinds)
    func reportsAFileReplacedByRename(kind: String) throws {
        let folder = try ScratchFolder()
        folder.writeInPlace("deals.csv", "id\n1\n")
        let watcher = makeWatcher(kind, folder)
        folder.replaceByRename("deals.csv", "id\n1\n")
        #expect(collect(watcher).contains("deals.csv"))
    }

    @Test(arguments: watcherKinds)
    func reportsADeletedFile(kind: String) throws {
        let folder = try ScratchFolder()
        folder.writeInPlace("reps.csv", "id\n")
        let watcher = makeWatcher(kind, folder)
        folder.delete("reps.csv")
        #expect(collect(watcher) == ["reps.csv"])
    }

    @Test(arguments: watcherKinds)
    func reportsANewFile(kind: String) throws {
        let folder = try ScratchFolder()
        let watcher = makeWatcher(kind, folder)
        folder.writeInPlace("quotas.csv", "rep,month\n")
        #expect(collect(watcher) == ["quotas.csv"])
    }

    #if os(Linux)
    @Test func makesAnInotifyWatcherOnLinux() throws {
        let folder = try ScratchFolder()
        let watcher = makeFolderWatcher(folder: folder.url)
        #expect(watcher is InotifyFolderWatcher)
        #expect(watcher.descriptor != nil)
        #expect(watcher.pollInterval == nil)
    }

    @Test func inotifyWaitsUntilTheWriterClosesTheFile() throws {
        let folder = try ScratchFolder()
        folder.writeInPlace("leads.csv", "id\n")
        let watcher = InotifyFolderWatcher(folder: folder.url)!
        let fd = open(folder.path("leads.csv"), O_WRONLY | O_APPEND)
        _ = write(fd, "1\n", 2)
        #expect(watcher.changedFiles().isEmpty)
        close(fd)
        #expect(watcher.changedFiles() == ["leads.csv"])
    }

    /// A folder deleted and made again (or a new copy put in its place) is watched again, and
    /// its files reported, so the dashboard reads them.
    @Test func inotifyWatchesAFolderMadeAgain() throws {
        let folder = try ScratchFolder()
        folder.writeInPlace("leads.csv", "id\n")
        let watcher = InotifyFolderWatcher(folder: folder.url)!
        try FileManager.default.removeItem(at: folder.url)
        _ = watcher.changedFiles()
        #expect(watcher.pollInterval != nil)
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        folder.writeInPlace("leads.csv", "id\n1\n")
        #expect(watcher.changedFiles() == ["leads.csv"])
        #expect(watcher.pollInterval == nil)
        folder.writeInPlace("deals.csv", "id\n")
        #expect(watcher.changedFiles() == ["deals.csv"])

        // Renamed away and replaced by a new copy: the new copy is the one watched.
        let aside = folder.url.deletingLastPathComponent().appendingPathComponent("pipetop-watch-aside-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: aside) }
        try FileManager.default.moveItem(at: folder.url, to: aside)
        try FileManager.default.createDirectory(at: folder.url, withIntermediateDirectories: true)
        folder.writeInPlace("reps.csv", "rep\n")
        #expect(watcher.changedFiles().contains("reps.csv"))
        folder.writeInPlace("quotas.csv", "rep\n")
        #expect(watcher.changedFiles() == ["quotas.csv"])
    }

    /// A folder renamed away went unsaid: the dashboard kept its last numbers, all files marked
    /// good, as if still watched. Its files are reported, so the reload finds them gone.
    @Test func inotifyReportsTheFilesOfAFolderMovedAway() throws {
        let folder = try ScratchFolder()
        folder.writeInPlace("leads.csv", "id\n")
        folder.writeInPlace("deals.csv", "id\n")
        let watcher = InotifyFolderWatcher(folder: folder.url)!
        let aside = folder.url.deletingLastPathComponent().appendingPathComponent("pipetop-watch-moved-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: aside) }
        try FileManager.default.moveItem(at: folder.url, to: aside)
        #expect(watcher.changedFiles() == ["leads.csv", "deals.csv"])
        #expect(watcher.pollInterval != nil)
        // Said once, not at every look for the folder.
        #expect(watcher.changedFiles().isEmpty)
    }

    @Test func inotifyDescriptorBecomesReadableOnChange() throws {
        let folder = try ScratchFolder()
        let watcher = InotifyFolderWatcher(folder: folder.url)!
        var entry = pollfd(fd: watcher.descriptor!, events: Int16(POLLIN), revents: 0)
        #expect(poll(&entry, 1, 0) == 0)
        folder.writeInPlace("campaigns.csv", "id\n")
        #expect(poll(&entry, 1, 0) == 1)
        _ = watcher.changedFiles()
        #expect(poll(&entry, 1, 0) == 0)
    }
    #endif

    @Test func pollingWatcherAsksToBeCalledAgain() throws {
        let folder = try ScratchFolder()
        let watcher = PollingFolderWatcher(folder: folder.url)
        #expect(watcher.descriptor == nil)
        #expect(watcher.pollInterval == 0.25)
    }

    @Test func holdsBackAFileWhileItKeepsChanging() {
        let first = FileSignature(modifiedNanoseconds: 1, size: 10, inode: 7)
        let growing = FileSignature(modifiedNanoseconds: 2, size: 20, inode: 7)
        let done = FileSignature(modifiedNanoseconds: 3, size: 30, inode: 7)
        var changes = SettledChanges(baseline: ["leads.csv": first])
        #expect(changes.absorb(["leads.csv": growing]).isEmpty)
        #expect(changes.hasPending)
        #expect(changes.absorb(["leads.csv": done]).isEmpty)
        #expect(changes.absorb(["leads.csv": done]) == ["leads.csv"])
        #expect(!changes.hasPending)
        #expect(changes.absorb(["leads.csv": done]).isEmpty)
        #expect(changes.absorb([:]) == ["leads.csv"])
    }
}

/// A settings file kept outside the data folder (`--settings`), and tables it names by a path, are
/// followed too: a change to them reaches the loader by the name it gives them.
@Suite struct OutsideFilesTests {
    @Test func aSettingsFileOutsideTheFolderIsFollowed() throws {
        let data = try DataFolder(overriding: ["pipetop.toml": nil])
        defer { data.remove() }
        let elsewhere = try ScratchFolder()
        let settings = elsewhere.url.appendingPathComponent("crm.toml")
        try "[data]\nas_of = \"2026-11-26T10:30:00\"\ntime_zone = \"UTC\"\n".write(to: settings, atomically: true, encoding: .utf8)
        var loader = SnapshotLoader(folder: data.url)
        loader.settingsFile = settings
        var snapshot = loader.load()
        let before = try #require(snapshot.settings.asOf)
        let watcher = OutsideFilesWatcher(folder: PollingFolderWatcher(folder: data.url)) { [loader, snapshot] in
            loader.filesOutsideFolder(settings: snapshot.settings)
        }
        #expect(watcher.pollInterval != nil)
        #expect(collect(watcher).isEmpty)

        elsewhere.writeInPlace("crm.toml", "[data]\nas_of = \"2026-11-27T10:30:00\"\ntime_zone = \"UTC\"\n")
        let changed = collect(watcher)
        #expect(changed == [loader.settingsLabel])
        snapshot = loader.load(previous: snapshot, changed: changed)
        #expect(snapshot.settings.asOf.map { $0 - before } == 86_400)
    }

    @Test func aTableNamedByAPathOutsideTheFolderIsFollowed() throws {
        let elsewhere = try ScratchFolder()
        elsewhere.writeInPlace("quotas.csv", DataFolder.files["quotas.csv"]!)
        let data = try DataFolder(overriding: ["pipetop.toml": DataFolder.files["pipetop.toml"]! + "\n[tables.quotas]\nfile = \"\(elsewhere.url.path)/quotas.csv\"\n"])
        defer { data.remove() }
        let loader = SnapshotLoader(folder: data.url)
        var snapshot = loader.load()
        #expect(snapshot.quotas.count == 2)
        let watcher = OutsideFilesWatcher(folder: PollingFolderWatcher(folder: data.url)) { [loader, snapshot] in
            loader.filesOutsideFolder(settings: snapshot.settings)
        }
        elsewhere.writeInPlace("quotas.csv", DataFolder.files["quotas.csv"]! + "Kim Lee,2026-11-01,month,won_amount,50000\n")
        let changed = collect(watcher)
        #expect(changed.count == 1)
        snapshot = loader.load(previous: snapshot, changed: changed)
        #expect(snapshot.quotas.count == 3)
    }

    /// A settings file in the folder under another name is read again when it changes.
    @Test func aSettingsFileInTheFolderUnderAnotherName() throws {
        let data = try DataFolder(overriding: ["pipetop.toml": nil, "crm.toml": DataFolder.files["pipetop.toml"]!])
        defer { data.remove() }
        var loader = SnapshotLoader(folder: data.url)
        loader.settingsFile = data.url.appendingPathComponent("crm.toml")
        var snapshot = loader.load()
        let before = try #require(snapshot.settings.asOf)
        #expect(loader.filesOutsideFolder(settings: snapshot.settings).isEmpty)
        try DataFolder.files["pipetop.toml"]!.replacingOccurrences(of: "2026-11-26", with: "2026-11-27")
            .write(to: data.url.appendingPathComponent("crm.toml"), atomically: true, encoding: .utf8)
        snapshot = loader.load(previous: snapshot, changed: ["crm.toml"])
        #expect(snapshot.settings.asOf.map { $0 - before } == 86_400)
    }

    /// A settings change that names a file outside the folder is followed: the watcher keeps
    /// looking after a change until the reload it brings has named the new file.
    @Test func aFileNewlyNamedOutsideIsFollowed() throws {
        let data = try DataFolder()
        defer { data.remove() }
        let elsewhere = try ScratchFolder()
        elsewhere.writeInPlace("quotas.csv", DataFolder.files["quotas.csv"]!)
        let loader = SnapshotLoader(folder: data.url)
        let latest = LatestSnapshotBox(loader.load())
        #if os(Linux)
        let watcher = OutsideFilesWatcher(folder: InotifyFolderWatcher(folder: data.url)!) { loader.filesOutsideFolder(settings: latest.value.settings) }
        #expect(watcher.pollInterval == nil)
        try (DataFolder.files["pipetop.toml"]! + "\n[tables.quotas]\nfile = \"\(elsewhere.url.path)/quotas.csv\"\n")
            .write(to: data.url.appendingPathComponent("pipetop.toml"), atomically: true, encoding: .utf8)
        let changed = watcher.changedFiles()
        #expect(changed.contains("pipetop.toml"))
        // The reload lands after that look: the watcher still asks to look again.
        latest.value = loader.load(previous: latest.value, changed: changed)
        #expect(watcher.pollInterval != nil)
        _ = watcher.changedFiles()
        elsewhere.writeInPlace("quotas.csv", DataFolder.files["quotas.csv"]! + "Kim Lee,2026-11-01,month,won_amount,50000\n")
        let names = watcher.changedFiles().union(watcher.changedFiles())
        #expect(names.count == 1 && names.first?.hasSuffix("quotas.csv") == true, "\(names)")
        #endif
    }

    /// With nothing outside the folder, the watcher does not wake the loop for it.
    @Test func nothingOutsideMeansNoPolling() throws {
        let data = try DataFolder()
        defer { data.remove() }
        let loader = SnapshotLoader(folder: data.url)
        let snapshot = loader.load()
        #if os(Linux)
        let watcher = OutsideFilesWatcher(folder: InotifyFolderWatcher(folder: data.url)!) { loader.filesOutsideFolder(settings: snapshot.settings) }
        #expect(watcher.pollInterval == nil)
        #endif
    }
}


/// A snapshot a test replaces as a reload would, read by a watcher's closure.
private final class LatestSnapshotBox: @unchecked Sendable {
    var value: Snapshot
    init(_ value: Snapshot) { self.value = value }
}
