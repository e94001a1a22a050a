import Foundation

/// Watches a folder by rescanning it: works everywhere, costs one `stat` per file per interval.
/// A file is reported once its modification time, size and inode held still across two scans.
public final class PollingFolderWatcher: FolderWatcher {
    private let path: String
    private var changes: SettledChanges
    public let interval: Double

    public init(folder: URL, interval: Double = 0.25) {
        path = folder.path
        self.interval = interval
        changes = SettledChanges(baseline: FolderScan.signatures(in: path))
    }

    public var descriptor: Int32? { nil }
    public var pollInterval: Double? { interval }

    public func changedFiles() -> Set<String> {
        changes.absorb(FolderScan.signatures(in: path))
    }
}
