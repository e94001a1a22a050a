import Foundation

/// Column storage backed by 2 MB pages where the kernel allows it. A million-row column first
/// touched in 4 KB pages takes thousands of page faults, and on a virtual machine each one may also
/// wait for the host to back the page: for a large file that was a sixth of the load.
enum HugePages {
    static let size = 2 << 20

    /// Asks for huge pages for the whole 2 MB pages within `bytes` at `start` (memory that is not yet
    /// touched); smaller regions and other systems are left as they are.
    static func advise(_ start: UnsafeMutableRawPointer, bytes: Int) {
        #if os(Linux)
        let mask = UInt(size - 1)
        let first = (UInt(bitPattern: start) + mask) & ~mask
        let end = (UInt(bitPattern: start) + UInt(bytes)) & ~mask
        guard end > first, let at = UnsafeMutableRawPointer(bitPattern: first) else { return }
        _ = madvise(at, Int(end - first), MADV_HUGEPAGE)
        #endif
    }
}

extension Array {
    /// `reserveCapacity`, then huge pages for the room when it is large.
    mutating func reserveCapacityOnHugePages(_ n: Int) {
        reserveCapacity(n)
        let room = capacity * MemoryLayout<Element>.stride
        guard room >= 2 * HugePages.size else { return }
        withUnsafeMutableBufferPointer { buffer in
            if let base = buffer.baseAddress { HugePages.advise(UnsafeMutableRawPointer(base), bytes: room) }
        }
    }
}
