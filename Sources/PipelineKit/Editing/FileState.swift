import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a file was when it was read: which file (device and inode), its size and when it last
/// changed. A write compares it with the file just before taking its name, so that lines another
/// program added meanwhile (one that takes no lock, such as an export appending) are not replaced
/// by a copy made without them.
struct FileState: Equatable, Sendable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    var modifiedSeconds: Int
    var modifiedNanoseconds: Int

    init(_ st: stat) {
        device = UInt64(st.st_dev)
        inode = UInt64(st.st_ino)
        size = Int64(st.st_size)
        #if canImport(Darwin)
        modifiedSeconds = st.st_mtimespec.tv_sec
        modifiedNanoseconds = st.st_mtimespec.tv_nsec
        #else
        modifiedSeconds = st.st_mtim.tv_sec
        modifiedNanoseconds = st.st_mtim.tv_nsec
        #endif
    }

    /// The file's state now, or nil when it cannot be looked at (gone, say).
    static func of(_ url: URL) -> FileState? {
        var st = stat()
        return stat(url.path, &st) == 0 ? FileState(st) : nil
    }

    static func of(descriptor fd: Int32) -> FileState? {
        var st = stat()
        return fstat(fd, &st) == 0 ? FileState(st) : nil
    }
}

/// The file changed between being read and being replaced: the write was not made.
struct ChangedMeanwhile: Error {}
