import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file as it was read, by its signature: a write compares it with the file just before taking
/// its name, so that lines another program added meanwhile (one that takes no lock, such as an
/// export appending) are not replaced by a copy made without them.
extension FileSignature {
    /// The file's signature now, or nil when it cannot be looked at (gone, say).
    static func of(_ url: URL) -> FileSignature? {
        var info = stat()
        return stat(url.path, &info) == 0 ? FileSignature(info) : nil
    }

    static func of(descriptor fd: Int32) -> FileSignature? {
        var info = stat()
        return fstat(fd, &info) == 0 ? FileSignature(info) : nil
    }
}

/// The file changed between being read and being replaced: the write was not made.
struct ChangedMeanwhile: Error {}
