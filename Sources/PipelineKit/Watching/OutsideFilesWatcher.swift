import Foundation

/// Watches the data folder, and, by looking twice a second, the files a load reads from outside
/// it (a settings file kept beside a read-only export, a table the settings name by a path), which
/// the folder's own watcher cannot see. Those are reported by the names the loader gives them, once
/// two looks in a row agree (a file still being written is not reported half-written).
public final class OutsideFilesWatcher: FolderWatcher {
    private let folder: FolderWatcher
    private let files: () -> [String: URL]
    private var changes: SettledChanges
    static let interval = 0.5

    /// `files` gives the outside files to look at now, by name; it is asked at every look, so a
    /// settings change that names another file is followed.
    public init(folder: FolderWatcher, files: @escaping () -> [String: URL]) {
        self.folder = folder
        self.files = files
        let outside = files()
        changes = SettledChanges(baseline: Self.signatures(outside))
        looking = !outside.isEmpty
    }

    /// True while there are outside files to look at: with none, nothing wakes the loop for them.
    private var looking: Bool
    /// Looks still to take after a change: a changed settings file may name new outside files,
    /// which `files` gives only once the reload it brings has landed.
    private var lookAgain = 0

    public var descriptor: Int32? { folder.descriptor }
    public var pollInterval: Double? {
        looking || lookAgain > 0 || changes.hasPending ? min(folder.pollInterval ?? Self.interval, Self.interval) : folder.pollInterval
    }

    public func changedFiles() -> Set<String> {
        let outside = files()
        looking = !outside.isEmpty
        let changed = folder.changedFiles().union(changes.absorb(Self.signatures(outside)))
        lookAgain = changed.isEmpty ? max(0, lookAgain - 1) : 4
        return changed
    }

    static func signatures(_ files: [String: URL]) -> [String: FileSignature] {
        var out: [String: FileSignature] = [:]
        for (name, url) in files {
            var info = stat()
            if stat(url.path, &info) == 0 { out[name] = FileSignature(info) }
        }
        return out
    }
}
