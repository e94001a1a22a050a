import Foundation

/// Tells the event loop which files in the data folder changed, so it can reload only those.
///
/// Three implementations sit behind this interface: inotify on Linux, kqueue on macOS, and a
/// polling fallback that compares file signatures when neither is available.
public protocol FolderWatcher: AnyObject {
    /// A descriptor that becomes readable when something may have changed (for poll(2));
    /// nil for watchers that need polling by timeout.
    var descriptor: Int32? { get }
    /// Drains pending events; returns the file names (not paths) in the folder that changed:
    /// closed after writing, moved in, moved away, deleted.
    func changedFiles() -> Set<String>
    /// How soon the loop should call `changedFiles()` again; nil means only when `descriptor` is readable.
    var pollInterval: Double? { get }
}

/// The best watcher this system offers for `folder`: inotify on Linux, kqueue on macOS,
/// polling every 0.25 s when the kernel facility cannot be set up (no inotify instances left, say).
public func makeFolderWatcher(folder: URL) -> FolderWatcher {
    #if os(Linux)
    if let watcher = InotifyFolderWatcher(folder: folder) { return watcher }
    #elseif os(macOS)
    if let watcher = KqueueFolderWatcher(folder: folder) { return watcher }
    #endif
    return PollingFolderWatcher(folder: folder)
}
