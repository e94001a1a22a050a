import Foundation

/// Where a loaded file's rows sit in its bytes, one block per batch of records read, with a hash of
/// each block's bytes. When the file changes, the hashes find the one region that differs, and only
/// that region is read again: a saved edit to one row of a 17 MB file costs a read of one block, not
/// a parse of the whole file. The file's bytes themselves are not kept.
struct RowBlocks: Sendable {
    /// Where a block starts: a record's first byte, the row it becomes and its line.
    struct Start: Sendable, Equatable {
        var offset: Int
        var row: Int
        var line: Int
    }

    /// The header's bytes, with any byte-order mark: the rows are only reused under the same header.
    var headerEnd: Int
    var headerHash: UInt64
    /// Block k runs from `starts[k].offset` to the next start, the last to the end of the file.
    var starts: [Start]
    var hashes: [UInt64]
    var fileSize: Int
    /// The line number just past the last byte.
    var endLine: Int
    var rowCount: Int

    func end(of k: Int) -> Int { k + 1 < starts.count ? starts[k + 1].offset : fileSize }
    func firstRow(of k: Int) -> Int { k < starts.count ? starts[k].row : rowCount }
    func firstLine(of k: Int) -> Int { k < starts.count ? starts[k].line : endLine }
    func offset(of k: Int) -> Int { k < starts.count ? starts[k].offset : fileSize }

    /// Which blocks a new version of the file shares with this one: blocks `..<head` unchanged at
    /// the start, blocks `tail...` unchanged at the end (moved by the change in size). Nil when the
    /// header differs, so nothing can be reused.
    func unchanged(in bytes: UnsafeBufferPointer<UInt8>) -> (head: Int, tail: Int)? {
        guard bytes.count >= headerEnd, Self.hash(bytes, 0..<headerEnd) == headerHash else { return nil }
        let size = bytes.count
        var head = 0
        while head < starts.count {
            let a = starts[head].offset, b = end(of: head)
            guard b <= size, Self.hash(bytes, a..<b) == hashes[head] else { break }
            // The last block reused only when it ended its last record: else the new bytes after it
            // may carry on that record.
            if b == fileSize && size != fileSize && (b == 0 || bytes[b - 1] != UInt8(ascii: "\n")) { break }
            head += 1
        }
        let delta = size - fileSize
        let from = offset(of: head)
        var tail = starts.count
        while tail > head {
            let k = tail - 1
            let a = starts[k].offset + delta, b = end(of: k) + delta
            guard a >= from, Self.hash(bytes, a..<b) == hashes[k] else { break }
            tail = k
        }
        return (head, tail)
    }

    static func hashBlocks(_ bytes: UnsafeBufferPointer<UInt8>, starts: [Start], end: Int) -> [UInt64] {
        let n = starts.count
        guard n > 0 else { return [] }
        let bounds = starts.map(\.offset) + [end]
        let parts = end - starts[0].offset > 8 << 20 ? 4 : 1
        if parts == 1 { return (0..<n).map { hash(bytes, bounds[$0]..<bounds[$0 + 1]) } }
        let out = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: n)
        defer { out.deallocate() }
        let shared = HashJob(bytes: bytes, out: out)
        DispatchQueue.concurrentPerform(iterations: parts) { p in
            for k in (n * p / parts)..<(n * (p + 1) / parts) { shared.out[k] = hash(shared.bytes, bounds[k]..<bounds[k + 1]) }
        }
        return Array(out)
    }

    /// A 64-bit hash of a byte range, four words at a time in four independent lanes (so it runs at
    /// memory speed) with each step mixed by a multiply and a shift.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> UInt64 {
        let m: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h0: UInt64 = 0x243F_6A88_85A3_08D3, h1: UInt64 = 0x1319_8A2E_0370_7344
        var h2: UInt64 = 0xA409_3822_299F_31D0, h3: UInt64 = 0x082E_FA98_EC4E_6C89
        guard let base = bytes.baseAddress, !range.isEmpty else { return h0 ^ UInt64(range.count) }
        let raw = UnsafeRawPointer(base + range.lowerBound)
        let n = range.count
        @inline(__always) func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
            let x = (h ^ w) &* m
            return x ^ (x >> 29)
        }
        var i = 0
        while i + 32 <= n {
            h0 = mix(h0, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            h1 = mix(h1, raw.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
            h2 = mix(h2, raw.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
            h3 = mix(h3, raw.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
            i += 32
        }
        while i + 8 <= n {
            h0 = mix(h0, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        var last: UInt64 = 0
        var shift: UInt64 = 0
        while i < n {
            last |= UInt64(raw.load(fromByteOffset: i, as: UInt8.self)) << shift
            shift += 8
            i += 1
        }
        h1 = mix(h1, last)
        var h = mix(mix(mix(h0, h1), h2), h3)
        h = mix(h, UInt64(n))
        return h
    }
}

/// The bytes every task reads and the hashes each writes at its own indexes.
private struct HashJob: @unchecked Sendable {
    let bytes: UnsafeBufferPointer<UInt8>
    let out: UnsafeMutableBufferPointer<UInt64>
}
