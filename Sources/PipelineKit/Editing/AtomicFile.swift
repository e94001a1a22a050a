import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Replaces a file whole or not at all: the new bytes go to a temporary file in the same folder,
/// are flushed to disk, and take the old name in one rename; then the folder itself is flushed so
/// the rename survives a power cut.
public enum AtomicFile {
    /// The prefix of temporary files, so a later start can find and remove ones a crash left behind.
    public static let temporaryPrefix = ".pipetop-tmp-"

    public static func write(_ bytes: [UInt8], to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        let temp = folder.appendingPathComponent("\(temporaryPrefix)\(url.lastPathComponent)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        // Keep the file's permissions.
        let mode = (try? FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) ?? 0o644
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(mode))
        guard fd >= 0 else { throw POSIXFailure("cannot create a temporary file in \(folder.path)") }
        var ok = false
        defer {
            if !ok { unlink(temp.path) }
        }
        let written = bytes.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        guard written else { let e = POSIXFailure("cannot write \(url.lastPathComponent)"); close(fd); throw e }
        guard fsync(fd) == 0 else { let e = POSIXFailure("cannot flush \(url.lastPathComponent)"); close(fd); throw e }
        close(fd)
        guard rename(temp.path, url.path) == 0 else { throw POSIXFailure("cannot replace \(url.lastPathComponent)") }
        ok = true
        let dir = open(folder.path, O_RDONLY | O_CLOEXEC)
        if dir >= 0 {
            _ = fsync(dir)
            close(dir)
        }
    }

    /// Removes temporary files a killed writer left in `folder`.
    @discardableResult
    public static func removeStrays(in folder: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let strays = names.filter { $0.hasPrefix(temporaryPrefix) }
        for name in strays { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
        return strays
    }
}

/// A system call failed: what was being done, and the system's reason.
public struct POSIXFailure: Error, CustomStringConvertible {
    public let description: String
    public init(_ what: String) {
        description = "\(what): \(String(cString: strerror(errno)))"
    }
}
