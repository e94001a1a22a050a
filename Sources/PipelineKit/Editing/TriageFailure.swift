import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a whole triage stopped, in plain words with the file named. Nothing was written when it is thrown.
struct TriageFailure: Error, Equatable {
    let message: String
    /// A file changed between being read and being replaced: the action may be tried again on
    /// what the file holds now.
    var changedMeanwhile = false
    init(_ message: String) { self.message = message }

    /// A failure after which files this action had already written could not be put back: they
    /// keep its change, which the message says (and the action is not made again).
    /// `kept`: each file not put back, and why. The action is not made again and the message
    /// does not invite it: the kept change (a new deal) would be made twice.
    static func notPutBack(_ kept: [(file: String, why: String)], after failure: TriageFailure) -> TriageFailure {
        let what = failure.message.components(separatedBy: "; ")[0]
        let files = kept.map { "\($0.file) (\($0.why))" }.joined(separator: " and ")
        return TriageFailure("\(what); the action stopped, but \(files) could not be put back as it was and keeps its change: check it before doing this again")
    }

    static func changed(_ file: String) -> TriageFailure {
        var failure = TriageFailure("\(file) kept changing while it was being written (another program is writing it); nothing was written; try again")
        failure.changedMeanwhile = true
        return failure
    }

    /// A failed replace of `file`, by the system's reason.
    static func writing(_ file: String, _ error: Error) -> TriageFailure {
        guard let failure = error as? POSIXFailure else { return TriageFailure("cannot write \(file): \(error); nothing was written") }
        switch failure.code {
        case ENOSPC, EDQUOT:
            return TriageFailure("the disk is full: \(file) was not changed; free some space and try again")
        case EACCES, EPERM:
            return TriageFailure("permission denied writing \(file) (is the file or the folder read-only?); nothing was written")
        case EROFS:
            return TriageFailure("the data folder is on a read-only disk; nothing was written")
        default:
            return TriageFailure("cannot write \(file): \(failure.description); nothing was written")
        }
    }

    /// Refuses a file or folder its owner made read-only, before anything is written. Checks the mode
    /// bits as well as `access`, so that the answer is the same for every user, root included (for
    /// whom `access` always says yes, and a rename would silently replace the read-only file).
    static func checkWritable(_ url: URL, label: String) throws(TriageFailure) {
        var st = stat()
        guard stat(url.path, &st) == 0 else { return }
        if st.st_mode & 0o222 == 0 || access(url.path, W_OK) != 0 {
            throw TriageFailure("\(label) is read-only (permission denied); nothing was written")
        }
    }
}
