/// Sorts 64-bit keys by 11-bit digits, least significant first (LSD radix sort): linear time, and
/// several times faster than comparison sorting for the hundred thousand stale deals or waiting
/// leads a big data set can have. Only the digits some key uses are sorted on.
enum RadixSort {
    static let digitBits = 11
    static let buckets = 1 << digitBits

    static func sort(_ keys: inout [UInt64]) {
        let n = keys.count
        guard n > 1 else { return }
        if n < 512 { keys.sort(); return }
        var all: UInt64 = 0
        for k in keys { all |= k }
        let width = 64 - all.leadingZeroBitCount
        let digits = (width + digitBits - 1) / digitBits
        guard digits > 0 else { return }
        let counts = Tally<Int>(count: digits * buckets)
        defer { counts.free() }
        let mask = UInt64(buckets - 1)
        var scratch = [UInt64](repeating: 0, count: n)
        keys.withUnsafeMutableBufferPointer { keys in
            scratch.withUnsafeMutableBufferPointer { scratch in
                // Every digit's histogram in one pass.
                for k in keys {
                    var k = k
                    for d in 0..<digits {
                        counts.add(1, at: d &* buckets &+ Int(k & mask))
                        k >>= UInt64(digitBits)
                    }
                }
                var source = keys, target = scratch
                for d in 0..<digits {
                    let base = d * buckets, shift = UInt64(d * digitBits)
                    // A digit with one value everywhere does not reorder anything.
                    if counts[base + Int((source[0] >> shift) & mask)] == n { continue }
                    var sum = 0
                    for v in 0..<buckets {   // counts become start offsets
                        let c = counts[base + v]
                        counts[base + v] = sum
                        sum += c
                    }
                    for k in source {
                        let slot = base &+ Int((k >> shift) & mask)
                        target[counts[slot]] = k
                        counts.add(1, at: slot)
                    }
                    swap(&source, &target)
                }
                if source.baseAddress != keys.baseAddress {
                    _ = keys.update(fromContentsOf: source)
                }
            }
        }
    }

    /// Rows ordered by a signed 64-bit key, ties by row: key and row packed in one integer and
    /// radix sorted when they fit in 64 bits together (always, for times in seconds and rows of
    /// real data), else sorted by comparison.
    static func rows(_ rows: [Int], by key: (Int) -> Int64) -> [Int] {
        guard let first = rows.first else { return [] }
        var low = key(first), high = low, maxRow = 0, minRow = first
        for r in rows {
            let k = key(r)
            low = min(low, k)
            high = max(high, k)
            maxRow = max(maxRow, r)
            minRow = min(minRow, r)
        }
        let span = high &- low
        let rowBits = UInt64(64 - UInt64(maxRow).leadingZeroBitCount)
        guard span >= 0, minRow >= 0, UInt64(64 - UInt64(span).leadingZeroBitCount) + rowBits <= 64 else {
            return rows.sorted { key($0) != key($1) ? key($0) < key($1) : $0 < $1 }
        }
        var packed = [UInt64](repeating: 0, count: rows.count)
        for (i, r) in rows.enumerated() { packed[i] = UInt64(key(r) &- low) << rowBits | UInt64(r) }
        sort(&packed)
        let rowMask: UInt64 = rowBits == 64 ? .max : (1 << rowBits) - 1
        return packed.map { Int($0 & rowMask) }
    }
}
