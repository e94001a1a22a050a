import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The advisory lock every pipetop writer takes before it reads, changes and replaces a data file:
/// `flock` on `.pipetop.lock` in the data folder. The holder writes its process id, user and start
/// time into the file while it holds the lock, so a writer that has to wait can say who is in the way. The kernel drops the
/// lock when its holder exits, however it exits, so a killed writer never leaves the folder locked.
/// Each acquisition opens the file anew, so two threads of one process exclude each other too.
public struct FolderLock: Sendable {
    public static let fileName = ".pipetop.lock"

    /// Who holds the lock, as the holder wrote it.
    public struct Holder: Sendable, Equatable {
        public var pid: Int32
        public var user: String
        /// Epoch seconds when it took the lock.
        public var since: Int64
    }

    public enum Failure: Error, Equatable {
        /// Still held by someone else after the wait; nil when the holder wrote nothing readable.
        case busy(Holder?)
        /// The lock file cannot be opened (a read-only folder, say): the system's reason.
        case unavailable(String)

        /// Plain words for the footer or the terminal; times in `timeZone`.
        public func message(timeZone: TimeZone) -> String {
            switch self {
            case .busy(let holder?):
                let clock = String(formatISO(holder.since, timeZone: timeZone, withTime: true).dropFirst(11).prefix(5))
                return "the data folder is locked by pid \(holder.pid) (\(holder.user)) since \(clock); try again"
            case .busy(nil):
                return "the data folder is locked by another program; try again"
            case .unavailable(let why):
                return "cannot lock the data folder: \(why)"
            }
        }
    }

    let fd: Int32
    /// The lock file could be opened for writing: the holder and the files written are noted.
    let canRecord: Bool

    /// Takes the lock, waiting up to `timeout` seconds, then records the holder.
    public static func acquire(in folder: URL, user: String, timeout: Double = 2) throws(Failure) -> FolderLock {
        let path = folder.appendingPathComponent(fileName).path
        var fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        // Why the lock file could not be made: the reason to give when it is not there at all.
        let createError = fd < 0 ? errno : 0
        var canRecord = true
        if fd >= 0 {
            // Whoever may write into the folder may take the lock, whatever their umask; no one
            // else may write it (a stranger's note could name a file as ours and skip its wait).
            var folderInfo = stat()
            var mode = stat(folder.path, &folderInfo) == 0 ? mode_t(folderInfo.st_mode) & 0o666 : 0o644
            // In a sticky folder open to all (/tmp-like) anyone may make files, but only a file's
            // owner may replace it: the data's writers are its owners, not everyone.
            if folderInfo.st_mode & mode_t(S_ISVTX) != 0 { mode &= 0o644 }
            _ = fchmod(fd, mode)
        } else {
            // Someone else's lock file we may not write still locks: only the holder note is lost.
            fd = open(path, O_RDONLY | O_CLOEXEC)
            canRecord = false
        }
        guard fd >= 0 else {
            let reason = errno == ENOENT && createError != 0 ? createError : errno
            throw .unavailable("\(fileName): \(String(cString: strerror(reason)))")
        }
        let deadline = Date().addingTimeInterval(timeout)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let why = String(cString: strerror(errno))
                close(fd)
                throw .unavailable("\(fileName): \(why)")
            }
            if Date() >= deadline {
                // Holders clear their note when they let go: a note left is a holder's that was
                // killed, or none at all when another program holds the lock. One whose process
                // is gone is not who holds it now.
                let holder = readHolder(fd).flatMap { processIsRunning($0.pid) ? $0 : nil }
                close(fd)
                throw .busy(holder)
            }
            // A short random pause, so that waiters do not wake in step and one of them starve.
            usleep(UInt32.random(in: 500...3_000))
        }
        let lock = FolderLock(fd: fd, canRecord: canRecord)
        if canRecord {
            let note = "pid=\(getpid()) user=\(user.filter { !$0.isWhitespace && !$0.isNewline }) since=\(Int64(Date().timeIntervalSince1970))\n"
            lock.rewrite(note: note, written: lock.writtenLines())
        }
        return lock
    }

    /// Runs `body` holding the lock.
    public static func holding<T>(in folder: URL, user: String, timeout: Double = 2, _ body: (FolderLock) throws -> T) throws -> T {
        let lock = try acquire(in: folder, user: user, timeout: timeout)
        defer { lock.release() }
        return try body(lock)
    }

    /// Gives the lock up, clearing the holder's note (the files written stay noted): another
    /// program that takes the lock next writes none, and must not be taken for this holder.
    public func release() {
        if canRecord { rewrite(note: "", written: writtenLines()) }
        _ = flock(fd, LOCK_UN)
        close(fd)
    }

    /// Who holds the lock on the folder now, or nil when no one does.
    public static func holder(in folder: URL) -> Holder? {
        let fd = open(folder.appendingPathComponent(fileName).path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            _ = flock(fd, LOCK_UN)
            return nil
        }
        return readHolder(fd)
    }

    private static func readHolder(_ fd: Int32) -> Holder? {
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, 0) }
        guard n > 0 else { return nil }
        var fields: [String: String] = [:]
        for part in String(decoding: buffer[0..<n], as: UTF8.self).split(whereSeparator: { $0 == " " || $0 == "\n" }) {
            let pair = part.split(separator: "=", maxSplits: 1)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        guard let pid = fields["pid"].flatMap({ Int32($0) }), let since = fields["since"].flatMap({ Int64($0) }) else { return nil }
        return Holder(pid: pid, user: fields["user"] ?? "?", since: since)
    }
}
