#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A non-blocking pipe that turns signals and wake-ups from other threads into something poll(2)
/// waits on. Each message is one byte: a signal number, or 0 for a wake-up.
final class SelfPipe: @unchecked Sendable {  // immutable descriptors; read(2)/write(2) are thread-safe
    let readEnd: Int32
    let writeEnd: Int32

    static let wakeUp: UInt8 = 0

    init?() {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return nil }
        for end in ends {
            _ = fcntl(end, F_SETFL, fcntl(end, F_GETFL) | O_NONBLOCK)
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
        }
        readEnd = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(readEnd)
        close(writeEnd)
    }

    /// Never blocks: a full pipe already holds wake-ups enough.
    func send(_ byte: UInt8) {
        var value = byte
        while write(writeEnd, &value, 1) < 0 && errno == EINTR {}
    }

    func drain() -> [UInt8] {
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 64)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes.append(contentsOf: chunk[0..<count])
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                return bytes
            }
        }
    }
}
