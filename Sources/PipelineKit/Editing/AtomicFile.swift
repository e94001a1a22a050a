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

    static func write(_ bytes: [UInt8], to named: URL, using writeCall: WriteCall = systemWrite, unchangedSince: FileSignature?) throws {
        // A data file that is a link to a shared file is written through: the shared file changes
        // and the link stays a link (replacing the link left the shared file without the edit).
        let url = linkTarget(named)
        let folder = url.deletingLastPathComponent()
        let temp = folder.appendingPathComponent("\(temporaryPrefix)\(url.lastPathComponent)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        var original = stat()
        let exists = stat(url.path, &original) == 0
        let fd = open(temp.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode_t(0o666))
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
        // After the bytes: a write by someone other than root clears set-user and set-group bits.
        if exists { keepOwnerAndMode(fd, of: original) }
        guard fsync(fd) == 0 else { let e = POSIXFailure("cannot flush \(url.lastPathComponent)"); close(fd); throw e }
        let ours = FileSignature.of(descriptor: fd)
        close(fd)
        if let unchangedSince {
            guard FileSignature.of(url) == unchangedSince else { throw ChangedMeanwhile() }
            do {
                try replaceIfStill(unchangedSince, url: url, with: temp, ours: ours)
            } catch let kept as KeptAside {
                // Another program's file is in the temporary one: it must not be removed.
                ok = true
                throw kept
            }
        } else {
            guard rename(temp.path, url.path) == 0 else { throw POSIXFailure("cannot replace \(url.lastPathComponent)") }
        }
        ok = true
        let dir = open(folder.path, O_RDONLY | O_CLOEXEC)
        if dir >= 0 {
            _ = fsync(dir)
            close(dir)
        }
    }

    /// Puts `temp` in the place of `url` if `url` is still the file it was. A plain rename after
    /// a look leaves a gap in which another program's save is replaced unseen: swapping the two
    /// names instead hands back the file that had the name at that instant, and one that is not
    /// the file as read is swapped back.
    ///
    /// `ours`: the new file's own signature. When the swap back does not bring it back (the name
    /// was taken or removed again in between), the file it brought is another program's: it is
    /// kept beside the original under a name that says so, and `KeptAside` names it.
    static func replaceIfStill(_ signature: FileSignature, url: URL, with temp: URL, ours: FileSignature? = nil) throws {
        switch FileExchange.swap(temp.path, url.path) {
        case .swapped:
            guard let displaced = FileSignature.of(temp), displaced.sameFileAndContents(as: signature) else {
                let back = FileExchange.swap(temp.path, url.path)
                let returned = FileSignature.of(temp)
                if back == .swapped, let ours, let returned, returned.inode == ours.inode, returned.device == ours.device {
                    throw ChangedMeanwhile()
                }
                let aside = url.deletingLastPathComponent()
                    .appendingPathComponent("\(url.lastPathComponent).pipetop-kept-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
                if returned != nil, rename(temp.path, aside.path) == 0 { throw KeptAside(file: aside) }
                throw KeptAside(file: temp)
            }
            unlink(temp.path)
        case .unsupported:
            guard rename(temp.path, url.path) == 0 else { throw POSIXFailure("cannot replace \(url.lastPathComponent)") }
        case .failed(let code):
            errno = code
            throw POSIXFailure("cannot replace \(url.lastPathComponent)")
        }
    }

    /// The file a link points to (links followed to the end), or `url` itself when it is no link.
    static func linkTarget(_ url: URL) -> URL {
        guard let resolved = realpath(url.path, nil) else { return url }
        defer { free(resolved) }
        return URL(fileURLWithPath: String(cString: resolved))
    }

    /// Gives the new file the old one's owner, group and permissions: a file in a shared folder
    /// must stay writable by the colleagues it was writable by (the mode given to open is cut by
    /// the umask). Only what the system allows is kept: a user can give a file to a group of
    /// theirs but not to another user.
    private static func keepOwnerAndMode(_ fd: Int32, of original: stat) {
        if fchown(fd, original.st_uid, original.st_gid) != 0 {
            _ = fchown(fd, uid_t.max, original.st_gid)
        }
        _ = fchmod(fd, original.st_mode & 0o7777)
    }

    /// Removes temporary files a killed writer left in `folder`. A file whose writer (the process id in
    /// its name) is still running is left alone: it may be about to take its place.
    @discardableResult
    public static func removeStrays(in folder: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var strays = names.filter { $0.hasPrefix(temporaryPrefix) && !writerIsRunning($0) }
        for name in strays { try? FileManager.default.removeItem(at: folder.appendingPathComponent(name)) }
        // A file that links elsewhere is written in its target's folder: a killed writer's
        // leftover for it is there.
        for name in names where !name.hasPrefix(temporaryPrefix) {
            let link = folder.appendingPathComponent(name)
            guard (try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) != nil else { continue }
            let target = linkTarget(link)
            let there = target.deletingLastPathComponent()
            guard there.path != folder.path else { continue }
            let own = temporaryPrefix + target.lastPathComponent + "-"
            for stray in ((try? FileManager.default.contentsOfDirectory(atPath: there.path)) ?? [])
            where stray.hasPrefix(own) && !writerIsRunning(stray) {
                try? FileManager.default.removeItem(at: there.appendingPathComponent(stray))
                strays.append(stray)
            }
        }
        return strays
    }
}

/// The process id in a temporary file's name (`.pipetop-tmp-NAME-PID-RANDOM`) is alive.
private func writerIsRunning(_ name: String) -> Bool {
    let parts = name.split(separator: "-")
    guard parts.count >= 2, let pid = pid_t(parts[parts.count - 2]), pid > 0 else { return false }
    return processIsRunning(pid)
}

/// Whether a process with this id is alive on this machine (one of another user's counts).
func processIsRunning(_ pid: pid_t) -> Bool {
    kill(pid, 0) == 0 || errno == EPERM
}

/// Another program saved a file in the instant pipetop put its own in place, and its save could
/// not be put back under the name: it is kept in `file`, beside it, for someone to look at.
struct KeptAside: Error, CustomStringConvertible {
    let file: URL
    var description: String {
        "another program saved it at the same moment; its version is kept as \(file.lastPathComponent)"
    }
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
