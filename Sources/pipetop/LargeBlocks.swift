#if canImport(Glibc)
import Glibc
#endif

/// glibc raises its threshold for giving a large block a mapping of its own each time one is
/// freed, up to 32 MB: a reload's columns then come from the heap, and a screen left open on a
/// large folder kept the freed snapshots' memory (1 GB more after eight reloads of 1M leads). A
/// fixed threshold keeps large columns in mappings of their own, given back when freed.
enum LargeBlocks {
    static func giveBackWhenFreed() {
        #if canImport(Glibc)
        // mallopt and M_MMAP_THRESHOLD (-3) are in malloc.h, which the Glibc module leaves out.
        typealias MallOpt = @convention(c) (Int32, Int32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        _ = unsafeBitCast(symbol, to: MallOpt.self)(-3, 128 * 1024)
        #endif
    }
}
