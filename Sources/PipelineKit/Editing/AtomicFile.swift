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

    /// The call that puts bytes in a file descriptor, `write(2)` unless a test simulates a full disk.
    public typealias WriteCall = @Sendable (_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int

    public static let systemWrite: WriteCall = { fd, bytes, count in Foundation.write(fd, bytes, count) }

    /// `unchangedSince`: the file as it was read. When it differs just before the rename (another
    /// program wrote to it meanwhile), nothing is replaced and `ChangedMeanwhile` is thrown.
    public static func write(_ bytes: [UInt8], to url: URL, using writeCall: WriteCall = systemWrite) throws {
        try write(bytes, to: url, using: writeCall, unchangedSince: nil)
    }

    static func write(_ bytes: [UInt8], to url: URL, using writeCall: WriteCall = systemWrite, unchangedSince: FileSignature?) throws {
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
            guard raw.count > 0 else { return true }
            while offset < raw.count {
                let n = writeCall(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                // No progress on a regular file means no room left.
                if n == 0 { errno = ENOSPC; return false }
                offset += n
            }
            return true
        }
        guard written else { let e = POSIXFailure("cannot write \(url.lastPathComponent)"); close(fd); throw e }
        guard fsync(fd) == 0 else { let e = POSIXFailure("cannot flush \(url.lastPathComponent)"); close(fd); throw e }
        close(fd)
        if let unchangedSince, FileSignature.of(url) != unchangedSince { throw ChangedMeanwhile() }
        guard rename(temp.path, url.path) == 0 else { throw POSIXFailure("cannot replace \(url.lastPathComponent)") }
        ok = true
        let dir = open(folder.path, O_RDONLY | O_CLOEXEC)
        if dir >= 0 {
            _ = fsync(dir)
            close(dir)
        }
    }

    /// Removes temporary files a killed writer left in `folder`. A file whose writer (the process id in
    /// its name) is still running is left alone: it may be about to take its place.
    @discardableResult
    public static func removeStrays(in folder: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        let strays = names.filter { $0.hasPrefix(temporaryPrefix) && !writerIsRunning($0) }
        for name in strays { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
        return strays
    }
}

/// The process id in a temporary file's name (`.pipetop-tmp-NAME-PID-RANDOM`) is alive.
private func writerIsRunning(_ name: String) -> Bool {
    let parts = name.split(separator: "-")
    guard parts.count >= 2, let pid = pid_t(parts[parts.count - 2]), pid > 0 else { return false }
    return kill(pid, 0) == 0 || errno == EPERM
}

/// A system call failed: what was being done, and the system's reason.
public struct POSIXFailure: Error, CustomStringConvertible {
    public let description: String
    /// The `errno` value, so callers can tell a full disk from a refused permission.
    public let code: Int32
    public init(_ what: String) {
        code = errno
        description = "\(what): \(String(cString: strerror(code)))"
    }
}
