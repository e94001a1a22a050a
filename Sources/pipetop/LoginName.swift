import Foundation
import PipelineKit
#if canImport(Glibc)
import Glibc
#endif

/// Who is at the keyboard when `--user` is not given: `$USER`, `$LOGNAME`, or the account's name
/// (a shell started without a login sets neither variable).
enum LoginName {
    static var current: String? {
        let environment = ProcessInfo.processInfo.environment
        for key in ["USER", "LOGNAME"] {
            if let name = environment[key], !name.isEmpty, problem(with: name) == nil { return name }
        }
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }

    /// Who is at the keyboard: `--user` as given, without spaces around it, else the login.
    static func user(given: String?) -> String? {
        given?.trimmingCharacters(in: .whitespaces) ?? current
    }

    /// Why `name` cannot stand for who is at the keyboard; nil when it can. It is written into
    /// activity.csv and shown on every screen that reads it.
    static func problem(with name: String) -> String? {
        if name.trimmingCharacters(in: .whitespaces).isEmpty { return "--user needs a name: a login, name or e-mail from reps.csv" }
        if name.unicodeScalars.contains(where: MessageText.isUnsafe) {
            return "--user \(MessageText.escaped(name)): the name has control characters; write it as plain text"
        }
        return nil
    }
}
