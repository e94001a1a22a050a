#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What identifies one version of a file without reading it: replacing it by rename changes the inode,
/// writing in place changes the modification time or the size.
struct FileSignature: Hashable, Sendable {
    var modifiedNanoseconds: Int64
    var size: Int64
    var inode: UInt64
    var device: UInt64 = 0
    /// When the inode last changed: a program can set a file's modification time back after an
    /// in-place write, but not this.
    var changedNanoseconds: Int64 = 0

    /// The same file with the same contents as far as its signature can tell, leaving out the
    /// change time, which a rename moves too.
    func sameFileAndContents(as other: FileSignature) -> Bool {
        inode == other.inode && device == other.device && size == other.size && modifiedNanoseconds == other.modifiedNanoseconds
    }
}

/// The regular files of one folder (symbolic links followed) with their signatures.
enum FolderScan {
    static func signatures(in folder: String) -> [String: FileSignature] {
        guard let directory = opendir(folder) else { return [:] }
        defer { closedir(directory) }
        var result: [String: FileSignature] = [:]
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name == "." || name == ".." { continue }
            var info = stat()
            guard stat(folder + "/" + name, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { continue }
            result[name] = FileSignature(info)
        }
        return result
    }
}

extension FileSignature {
    init(_ info: stat) {
        #if canImport(Darwin)
        let time = info.st_mtimespec, changed = info.st_ctimespec
        #else
        let time = info.st_mtim, changed = info.st_ctim
        #endif
        modifiedNanoseconds = Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
        changedNanoseconds = Int64(changed.tv_sec) * 1_000_000_000 + Int64(changed.tv_nsec)
        size = Int64(info.st_size)
        inode = UInt64(info.st_ino)
        device = UInt64(info.st_dev)
    }
}

/// Turns successive folder scans into change reports, holding back a file until two scans in a row
/// agree on its signature: a file still being written keeps changing and is not reported half-written.
struct SettledChanges {
    /// The signature each file had when it was last reported (or when watching began).
    private var reported: [String: FileSignature]
    private var lastScan: [String: FileSignature]
    /// True while some file differs from what was reported but has not settled yet.
    private(set) var hasPending = false

    init(baseline: [String: FileSignature]) {
        reported = baseline
        lastScan = baseline
    }

    mutating func absorb(_ scan: [String: FileSignature]) -> Set<String> {
        var changed: Set<String> = []
        var pending = false
        for name in Set(reported.keys).union(scan.keys) {
            let now = scan[name]
            guard now != reported[name] else { continue }
            if now == nil || now == lastScan[name] {
                changed.insert(name)
                reported[name] = now
            } else {
                pending = true
            }
        }
        lastScan = scan
        hasPending = pending
        return changed
    }
}
