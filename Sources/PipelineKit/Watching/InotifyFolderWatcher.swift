#if os(Linux)
import Foundation
import Glibc

/// Watches a folder with inotify. Watching the folder rather than each file matters: editors and
/// `sed -i` replace a file by renaming a new one over it, which a watch on the old inode never sees.
///
/// Reacts to a file closed after writing, moved in, moved away or deleted. Not to IN_MODIFY, which
/// fires while a writer is halfway through, nor to IN_CREATE, which comes before the first byte
/// is written (the IN_CLOSE_WRITE that follows reports the file once it is complete).
///
/// The folder itself can go (deleted, or renamed away, as a sync tool may do to put a new copy in
/// place): the watcher reports its files, which are gone, then looks for it again twice a second,
/// and when it is back reports every file in it, so the dashboard reads the new copy and goes on
/// watching it.
public final class InotifyFolderWatcher: FolderWatcher {
    private let fd: Int32
    private let path: String
    private var watch: Int32 = -1
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    /// The files seen in the folder: when it goes away, each is reported, so the dashboard says
    /// they are gone instead of showing the last numbers as if still watched.
    private var known: Set<String> = []

    static let reportedEvents = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE)
    static let folderEvents = UInt32(IN_DELETE_SELF | IN_MOVE_SELF)

    /// Nil when inotify is unavailable (no instances or watches left) or the folder cannot be watched.
    public init?(folder: URL) {
        path = folder.path
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        guard addWatch() else {
            close(fd)
            return nil
        }
        known = Set(FolderScan.signatures(in: path).keys)
    }

    deinit { close(fd) }

    private func addWatch() -> Bool {
        watch = inotify_add_watch(fd, path, Self.reportedEvents | Self.folderEvents | UInt32(IN_ONLYDIR))
        return watch >= 0
    }

    public var descriptor: Int32? { fd }
    /// Only while the folder is gone: how soon to look for it again.
    public var pollInterval: Double? { watch < 0 ? 0.5 : nil }

    public func changedFiles() -> Set<String> {
        var names: Set<String> = []
        var overflowed = false
        var folderGone = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }  // EAGAIN: drained
            buffer.withUnsafeBytes { raw in
                var offset = 0
                // struct inotify_event: int wd; uint32_t mask, cookie, len; char name[len] (NUL padded)
                while offset + 16 <= count {
                    let wd = raw.loadUnaligned(fromByteOffset: offset, as: Int32.self)
                    let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let nameBytes = raw[(offset + 16)..<min(offset + 16 + length, count)]
                    if mask & UInt32(IN_Q_OVERFLOW) != 0 { overflowed = true }
                    if wd == watch, mask & (Self.folderEvents | UInt32(IN_IGNORED)) != 0 { folderGone = true }
                    if mask & Self.reportedEvents != 0, mask & UInt32(IN_ISDIR) == 0 {
                        let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                        if !name.isEmpty { names.insert(name) }
                    }
                    offset += 16 + length
                }
            }
        }
        if folderGone {
            // A folder renamed away is still watched where it went: stop, and watch the path.
            if watch >= 0 { inotify_rm_watch(fd, watch) }
            watch = -1
        }
        if watch < 0 {
            // Back (or a new folder in its place): every file in it is news.
            if addWatch() {
                names.formUnion(FolderScan.signatures(in: path).keys)
            } else if folderGone {
                names.formUnion(known)
            }
            known.formUnion(names)
            return names
        }
        known.formUnion(names)
        // The kernel dropped events: any file may have changed, so report every file present.
        if overflowed { names.formUnion(FolderScan.signatures(in: path).keys) }
        return names
    }
}
#endif
