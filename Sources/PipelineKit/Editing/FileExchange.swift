import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Swaps two files' names in one step (Linux's `renameat2` with `RENAME_EXCHANGE`). A write that
/// swaps its new file in, instead of renaming over the old one, gets back the very file that had
/// the name at that instant, and can tell whether another program replaced it after the last look.
enum FileExchange {
    enum Outcome: Equatable {
        case swapped
        /// The system or the file system cannot swap: the caller renames instead.
        case unsupported
        case failed(Int32)
    }

    private typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32

    /// Looked up at run time: the C library declares it only for GNU sources, which Swift's
    /// import of it does not ask for, and an older library has none.
    private static let renameAt2: RenameAt2? = {
        #if os(Linux)
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
        return unsafeBitCast(symbol, to: RenameAt2.self)
        #else
        return nil
        #endif
    }()

    static var isAvailable: Bool { renameAt2 != nil }

    static func swap(_ a: String, _ b: String) -> Outcome {
        guard let renameAt2 else { return .unsupported }
        let atWorkingFolder: Int32 = -100  // AT_FDCWD
        let exchange: UInt32 = 1 << 1      // RENAME_EXCHANGE
        if renameAt2(atWorkingFolder, a, atWorkingFolder, b, exchange) == 0 { return .swapped }
        let code = errno
        // EPERM too: a sandbox may forbid the call itself; a real permission problem shows again
        // in the rename that follows.
        return code == EINVAL || code == ENOSYS || code == EOPNOTSUPP || code == EPERM ? .unsupported : .failed(code)
    }
}
