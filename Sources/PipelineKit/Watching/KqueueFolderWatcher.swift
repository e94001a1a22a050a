#if os(macOS)
import Darwin
import Foundation

/// Watches a folder with kqueue. A vnode watch on the folder sees files appear, vanish and get
/// renamed over; a watch on each file sees writes in place. Events only say "something happened",
/// so each wake-up rescans the folder and reports what differs, once it has held still for one
/// short re-check (a writer still busy keeps changing the size or time).
public final class KqueueFolderWatcher: FolderWatcher {
    private let queue: Int32
    private let folderDescriptor: Int32
    private let path: String
    private var watchedFiles: [String: (descriptor: Int32, inode: UInt64)] = [:]
    private var changes: SettledChanges

    public init?(folder: URL) {
        path = folder.path
        queue = kqueue()
        guard queue >= 0 else { return nil }
        folderDescriptor = open(path, O_EVTONLY)
        guard folderDescriptor >= 0 else {
            close(queue)
            return nil
        }
        let baseline = FolderScan.signatures(in: path)
        changes = SettledChanges(baseline: baseline)
        register(folderDescriptor)
        syncFileWatches(baseline)
    }

    deinit {
        for file in watchedFiles.values { close(file.descriptor) }
        close(folderDescriptor)
        close(queue)
    }

    public var descriptor: Int32? { queue }
    /// While a changed file has not settled, ask to be called again soon; otherwise events suffice.
    public var pollInterval: Double? { changes.hasPending ? 0.05 : nil }

    public func changedFiles() -> Set<String> {
        drainEvents()
        let scan = FolderScan.signatures(in: path)
        syncFileWatches(scan)
        return changes.absorb(scan)
    }

    private func drainEvents() {
        var events = [kevent](repeating: kevent(), count: 64)
        var noWait = timespec(tv_sec: 0, tv_nsec: 0)
        while kevent(queue, nil, 0, &events, Int32(events.count), &noWait) == Int32(events.count) {}
    }

    private func register(_ descriptor: Int32) {
        let interest = NOTE_WRITE | NOTE_EXTEND | NOTE_DELETE | NOTE_RENAME | NOTE_ATTRIB
        var change = kevent(
            ident: UInt(descriptor), filter: Int16(EVFILT_VNODE), flags: UInt16(EV_ADD | EV_CLEAR),
            fflags: UInt32(interest), data: 0, udata: nil)
        _ = kevent(queue, &change, 1, nil, 0, nil)
    }

    /// Keeps one open descriptor per file present, reopening files replaced by rename.
    private func syncFileWatches(_ scan: [String: FileSignature]) {
        for (name, file) in watchedFiles where scan[name]?.inode != file.inode {
            close(file.descriptor)  // closing also removes its kqueue registration
            watchedFiles[name] = nil
        }
        for (name, signature) in scan where watchedFiles[name] == nil {
            let descriptor = open(path + "/" + name, O_EVTONLY)
            guard descriptor >= 0 else { continue }
            register(descriptor)
            watchedFiles[name] = (descriptor, signature.inode)
        }
    }
}
#endif
