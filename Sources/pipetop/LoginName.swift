import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Who is at the keyboard when `--user` is not given: `$USER`, `$LOGNAME`, or the account's name
/// (a shell started without a login sets neither variable).
enum LoginName {
    static var current: String? {
        let environment = ProcessInfo.processInfo.environment
        for key in ["USER", "LOGNAME"] {
            if let name = environment[key], !name.isEmpty { return name }
        }
        guard let entry = getpwuid(getuid()), let name = entry.pointee.pw_name else { return nil }
        return String(cString: name)
    }
}
