import Foundation

/// Finds a row by its id without a Swift Dictionary of Strings: an open-addressing table of row numbers
/// keyed by the bytes in a TextColumn. The first row wins for duplicates.
///
/// A large column's table is split into independent parts, one per core, a key's part chosen by the
/// top bits of its hash: each part is filled by its own thread, in row order, so the build takes a
/// fraction of the time and gives the same answers as one table.
public struct TextIndex: Sendable {
    private let column: TextColumn
    private var slots: [Int32]
    /// Slots per part (a power of two) and the shift that takes a hash to its part.
    private let partSize: Int
    private let partShift: Int
    /// (duplicate row, first row) pairs found while building, by duplicate row.
    public private(set) var duplicates: [(Int, Int)] = []

    public init(_ column: TextColumn) {
        self.init(column, parts: Self.parts(rows: column.count))
    }

    /// `parts`: a power of two; tests choose it to check that the split answers as one table does.
    init(_ column: TextColumn, parts: Int) {
        self.column = column
        let n = column.count
        var partSize = 16
        while partSize * parts < n * 2 { partSize <<= 1 }
        let size = partSize
        self.partSize = size
        partShift = 64 - parts.trailingZeroBitCount
        let total = size * parts
        var slots = Array(repeating: Int32(-1), count: total)
        let found = TaskResults<[(Int, Int)]>(count: parts, initial: [])
        let partShift = self.partShift
        column.bytes.withUnsafeBufferPointer { bytes in
        column.offsets.withUnsafeBufferPointer { offsets in
        slots.withUnsafeMutableBufferPointer { table in
            // Each part writes only its own slots.
            let table = SharedMemory(table), bytes = SharedMemory(bytes), offsets = SharedMemory(offsets)
            let fill: @Sendable (Int) -> Void = { part in
                let slots = UnsafeMutableBufferPointer(rebasing: table.pointer[(part * size)..<((part + 1) * size)])
                found.set(part, Self.fill(slots, part: part, shift: partShift, bytes: bytes.pointer, offsets: offsets.pointer))
            }
            if parts == 1 { fill(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: fill) }
        }}}
        self.slots = slots
        duplicates = parts == 1 ? found.value(0) : (0..<parts).flatMap { found.value($0) }.sorted { $0.0 < $1.0 }
    }

    /// One part per core for a column large enough to be worth the threads; one table otherwise.
    static func parts(rows: Int) -> Int {
        guard rows >= 100_000 else { return 1 }
        var parts = 1
        while parts * 2 <= min(8, ProcessInfo.processInfo.activeProcessorCount) { parts *= 2 }
        return parts
    }

    /// Puts the rows whose keys belong to `part` into its slots, in row order; returns the duplicates.
    private static func fill(_ table: UnsafeMutableBufferPointer<Int32>, part: Int, shift: Int,
                             bytes: UnsafeBufferPointer<UInt8>, offsets: UnsafeBufferPointer<UInt32>) -> [(Int, Int)] {
        var duplicates: [(Int, Int)] = []
        let mask = table.count - 1
        let n = offsets.count - 1
        // Rows go in by groups: the first slot of each row of the group is read before any is
        // inserted, so the group's cache misses overlap instead of coming one after another.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * Self.group) { scratch in
            var r = 0
            while r < n {
                var m = 0
                var occupied = 0
                while m < Self.group && r < n {
                    let a = Int(offsets[r]), b = Int(offsets[r + 1])
                    if a != b {
                        let h = Self.hash(UnsafeBufferPointer(rebasing: bytes[a..<b]))
                        if Self.part(h, shift: shift) == part {
                            let slot = Int(truncatingIfNeeded: h) & mask
                            scratch[m] = r
                            scratch[Self.group + m] = slot
                            occupied &+= Int(table[slot] >> 31)
                            m += 1
                        }
                    }
                    r += 1
                }
                for k in 0..<m {
                    let row = scratch[k]
                    let key = UnsafeBufferPointer(rebasing: bytes[Int(offsets[row])..<Int(offsets[row + 1])])
                    var slot = scratch[Self.group + k]
                    while true {
                        let c = table[slot]
                        if c < 0 { table[slot] = Int32(row); break }
                        if Self.equal(bytes, offsets, Int(c), key) { duplicates.append((row, Int(c))); break }
                        slot = (slot + 1) & mask
                    }
                }
                // Keeps the reads of the first pass (their count of empty slots is otherwise unused).
                if occupied == Int.min { duplicates.removeAll() }
            }
        }
        return duplicates
    }

    @inline(__always) private static func part(_ hash: UInt64, shift: Int) -> Int {
        shift >= 64 ? 0 : Int(truncatingIfNeeded: hash >> UInt64(shift))
    }

    /// Where a key's probe starts: its part's first slot plus its place within the part.
    @inline(__always) private func firstSlot(_ hash: UInt64) -> Int {
        Self.part(hash, shift: partShift) * partSize + (Int(truncatingIfNeeded: hash) & (partSize - 1))
    }

    /// The next slot of a probe, wrapping within the part.
    @inline(__always) private func nextSlot(_ slot: Int) -> Int {
        (slot & ~(partSize - 1)) | ((slot + 1) & (partSize - 1))
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
        var slot = firstSlot(Self.hash(key))
        return column.bytes.withUnsafeBufferPointer { bytes in
            column.offsets.withUnsafeBufferPointer { offsets in
                while true {
                    let c = slots[slot]
                    if c < 0 { return nil }
                    if Self.equal(bytes, offsets, Int(c), key) { return Int(c) }
                    slot = nextSlot(slot)
                }
            }
        }
    }

    /// The row holding each of `keys`' values, `Missing.index` for an empty or unknown one: what
    /// `row(for:)` gives for each, with the table and candidate reads of a group of keys issued before
    /// any is compared, so their cache misses overlap. Many keys are looked up on every core.
    public func rows(for keys: TextColumn) -> [Int32] {
        rows(for: keys, pieces: keys.count >= 100_000 ? max(1, ProcessInfo.processInfo.activeProcessorCount) : 1)
    }

    /// `pieces`: how many runs of keys are looked up at once (tests choose it).
    func rows(for keys: TextColumn, pieces: Int) -> [Int32] {
        let n = keys.count
        var out = [Int32](repeating: Missing.index, count: n)
        keys.bytes.withUnsafeBufferPointer { keyBytes in
        keys.offsets.withUnsafeBufferPointer { keyOffsets in
        out.withUnsafeMutableBufferPointer { rows in
            // Each piece writes only its own rows.
            let rows = SharedMemory(rows), keyBytes = SharedMemory(keyBytes), keyOffsets = SharedMemory(keyOffsets)
            let step = (n + pieces - 1) / max(1, pieces)
            let probe: @Sendable (Int) -> Void = { k in
                let lo = min(n, k * step), hi = min(n, lo + step)
                if lo < hi { self.probe(keyBytes.pointer, keyOffsets.pointer, lo..<hi, into: rows.pointer) }
            }
            if pieces <= 1 { probe(0) } else { DispatchQueue.concurrentPerform(iterations: pieces, execute: probe) }
        }}}
        return out
    }

    private func probe(_ keyBytes: UnsafeBufferPointer<UInt8>, _ keyOffsets: UnsafeBufferPointer<UInt32>, _ range: Range<Int>,
                       into rows: UnsafeMutableBufferPointer<Int32>) {
        column.bytes.withUnsafeBufferPointer { bytes in
        column.offsets.withUnsafeBufferPointer { offsets in
        slots.withUnsafeBufferPointer { table in
            withUnsafeTemporaryAllocation(of: Int.self, capacity: 4 * Self.group) { scratch in
                var r0 = range.lowerBound
                while r0 < range.upperBound {
                    let m = min(Self.group, range.upperBound - r0)
                    // Pass 1: the first slot of each key. Pass 2: where its candidate's bytes are.
                    for k in 0..<m {
                        let a = Int(keyOffsets[r0 + k]), b = Int(keyOffsets[r0 + k + 1])
                        let slot = firstSlot(Self.hash(UnsafeBufferPointer(rebasing: keyBytes[a..<b])))
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
                            slot = nextSlot(slot)
                            c = Int(table[slot])
                            if c < 0 { break }
                            if Self.equal(bytes, offsets, c, key) { rows[r0 + k] = Int32(c); break }
                        }
                    }
                    r0 += m
                }
            }
        }}}
    }

    public func row(for id: String) -> Int? {
        var id = id
        return id.withUTF8 { row(for: $0) }
    }
}
