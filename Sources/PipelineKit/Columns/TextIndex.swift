import Foundation

/// Finds a row by its id without a Swift Dictionary of Strings: an open-addressing table of row numbers
/// keyed by the bytes in a TextColumn. Built in one pass; the first row wins for duplicates.
public struct TextIndex: Sendable {
    private let column: TextColumn
    private var slots: [Int32]
    /// (duplicate row, first row) pairs found while building.
    public private(set) var duplicates: [(Int, Int)] = []

    public init(_ column: TextColumn) {
        self.column = column
        var size = 16
        while size < column.count * 2 { size <<= 1 }
        var slots = Array(repeating: Int32(-1), count: size)
        var duplicates: [(Int, Int)] = []
        let mask = size - 1
        let n = column.count
        column.bytes.withUnsafeBufferPointer { bytes in
        column.offsets.withUnsafeBufferPointer { offsets in
        slots.withUnsafeMutableBufferPointer { table in
            // Rows go in by groups: the first slot of each row of the group is read before any is
            // inserted, so the group's cache misses overlap instead of coming one after another.
            withUnsafeTemporaryAllocation(of: Int.self, capacity: Self.group) { first in
                var r0 = 0
                while r0 < n {
                    let m = min(Self.group, n - r0)
                    var occupied = 0
                    for k in 0..<m {
                        let a = Int(offsets[r0 + k]), b = Int(offsets[r0 + k + 1])
                        let slot = Int(truncatingIfNeeded: Self.hash(UnsafeBufferPointer(rebasing: bytes[a..<b]))) & mask
                        first[k] = slot
                        occupied &+= Int(table[slot] >> 31)
                    }
                    for k in 0..<m {
                        let r = r0 + k
                        let a = Int(offsets[r]), b = Int(offsets[r + 1])
                        if a == b { continue }
                        let key = UnsafeBufferPointer(rebasing: bytes[a..<b])
                        var slot = first[k]
                        while true {
                            let c = table[slot]
                            if c < 0 { table[slot] = Int32(r); break }
                            if Self.equal(bytes, offsets, Int(c), key) { duplicates.append((r, Int(c))); break }
                            slot = (slot + 1) & mask
                        }
                    }
                    // Keeps the reads of the first pass (their count of empty slots is otherwise unused).
                    if occupied == Int.min { duplicates.removeAll() }
                    r0 += m
                }
            }
        }}}
        self.slots = slots
        self.duplicates = duplicates
    }

    /// Rows per group of interleaved table reads.
    static let group = 16

    @inline(__always) static func hash(_ s: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h ^ (h >> 29)
    }

    @inline(__always) static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ offsets: UnsafeBufferPointer<UInt32>, _ row: Int,
                                        _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let a = Int(offsets[row]), b = Int(offsets[row + 1])
        guard b - a == key.count else { return false }
        for k in 0..<key.count where bytes[a + k] != key[k] { return false }
        return true
    }

    /// The row holding this id, or nil.
    public func row(for key: UnsafeBufferPointer<UInt8>) -> Int? {
        guard !key.isEmpty else { return nil }
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
        return column.bytes.withUnsafeBufferPointer { bytes in
            column.offsets.withUnsafeBufferPointer { offsets in
                while true {
                    let c = slots[slot]
                    if c < 0 { return nil }
                    if Self.equal(bytes, offsets, Int(c), key) { return Int(c) }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// The row holding each of `keys`' values, `Missing.index` for an empty or unknown one: what
    /// `row(for:)` gives for each, with the table and candidate reads of a group of keys issued before
    /// any is compared, so their cache misses overlap.
    public func rows(for keys: TextColumn) -> [Int32] {
        let n = keys.count
        var out = [Int32](repeating: Missing.index, count: n)
        let mask = slots.count - 1
        keys.bytes.withUnsafeBufferPointer { keyBytes in
        keys.offsets.withUnsafeBufferPointer { keyOffsets in
        column.bytes.withUnsafeBufferPointer { bytes in
        column.offsets.withUnsafeBufferPointer { offsets in
        slots.withUnsafeBufferPointer { table in
        out.withUnsafeMutableBufferPointer { rows in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 4 * Self.group) { scratch in
                var r0 = 0
                while r0 < n {
                    let m = min(Self.group, n - r0)
                    // Pass 1: the first slot of each key. Pass 2: where its candidate's bytes are.
                    for k in 0..<m {
                        let a = Int(keyOffsets[r0 + k]), b = Int(keyOffsets[r0 + k + 1])
                        let slot = Int(truncatingIfNeeded: Self.hash(UnsafeBufferPointer(rebasing: keyBytes[a..<b]))) & mask
                        scratch[k] = a == b ? -1 : slot
                        scratch[Self.group + k] = Int(table[slot])
                    }
                    for k in 0..<m {
                        let c = scratch[Self.group + k]
                        scratch[2 * Self.group + k] = c < 0 ? 0 : Int(offsets[c])
                        scratch[3 * Self.group + k] = c < 0 ? 0 : Int(offsets[c + 1])
                    }
                    // Pass 3: the probes, starting with the candidates already read.
                    for k in 0..<m where scratch[k] >= 0 {
                        let a = Int(keyOffsets[r0 + k]), b = Int(keyOffsets[r0 + k + 1])
                        let key = UnsafeBufferPointer(rebasing: keyBytes[a..<b])
                        var c = scratch[Self.group + k]
                        if c < 0 { continue }
                        let ca = scratch[2 * Self.group + k], cb = scratch[3 * Self.group + k]
                        if cb - ca == key.count && memcmp(bytes.baseAddress! + ca, key.baseAddress!, key.count) == 0 {
                            rows[r0 + k] = Int32(c)
                            continue
                        }
                        var slot = scratch[k]
                        while true {
                            slot = (slot + 1) & mask
                            c = Int(table[slot])
                            if c < 0 { break }
                            if Self.equal(bytes, offsets, c, key) { rows[r0 + k] = Int32(c); break }
                        }
                    }
                    r0 += m
                }
            }
        }}}}}}
        return out
    }

    public func row(for id: String) -> Int? {
        var id = id
        return id.withUTF8 { row(for: $0) }
    }
}
