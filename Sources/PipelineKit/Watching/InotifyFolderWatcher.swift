#if os(Linux)
import Foundation
import Glibc

/// Watches a folder with inotify. Watching the folder rather than each file matters: editors and
/// `sed -i` replace a file by renaming a new one over it, which a watch on the old inode never sees.
///
/// Reacts to a file closed after writing, moved in, moved away or deleted. Not to IN_MODIFY, which
/// fires while a writer is halfway through, nor to IN_CREATE, which comes before the first byte
/// is written (the IN_CLOSE_WRITE that follows reports the file once it is complete).
public final class InotifyFolderWatcher: FolderWatcher {
    private let fd: Int32
    private let path: String
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    static let reportedEvents = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE)

    /// Nil when inotify is unavailable (no instances or watches left) or the folder cannot be watched.
    public init?(folder: URL) {
        path = folder.path
        fd = inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        guard inotify_add_watch(fd, path, Self.reportedEvents | UInt32(IN_ONLYDIR)) >= 0 else {
            close(fd)
            return nil
        }
    }

    deinit { close(fd) }

    public var descriptor: Int32? { fd }
    public var pollInterval: Double? { nil }

    public func changedFiles() -> Set<String> {
        var names: Set<String> = []
        var overflowed = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }  // EAGAIN: drained
            buffer.withUnsafeBytes { raw in
                var offset = 0
                // struct inotify_event: int wd; uint32_t mask, cookie, len; char name[len] (NUL padded)
                while offset + 16 <= count {
                    let mask = raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
                    let length = Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
                    let nameBytes = raw[(offset + 16)..<min(offset + 16 + length, count)]
                    if mask & UInt32(IN_Q_OVERFLOW) != 0 { overflowed = true }
                    if mask & Self.reportedEvents != 0, mask & UInt32(IN_ISDIR) == 0 {
                        let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                        if !name.isEmpty { names.insert(name) }
                    }
                    offset += 16 + length
                }
            }
        }
        // The kernel dropped events: any file may have changed, so report every file present.
        if overflowed { names.formUnion(FolderScan.signatures(in: path).keys) }
        return names
    }
}
#endif
