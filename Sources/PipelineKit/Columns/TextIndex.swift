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
        slots = Array(repeating: -1, count: size)
        let mask = size - 1
        column.bytes.withUnsafeBufferPointer { bytes in
            for r in 0..<column.count {
                let a = Int(column.offsets[r]), b = Int(column.offsets[r + 1])
                if a == b { continue }
                let key = UnsafeBufferPointer(rebasing: bytes[a..<b])
                var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
                while true {
                    let c = slots[slot]
                    if c < 0 { slots[slot] = Int32(r); break }
                    if Self.equal(bytes, column, Int(c), key) { duplicates.append((r, Int(c))); break }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    @inline(__always) static func hash(_ s: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h ^ (h >> 29)
    }

    @inline(__always) static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ column: TextColumn, _ row: Int,
                                        _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let a = Int(column.offsets[row]), b = Int(column.offsets[row + 1])
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
            while true {
                let c = slots[slot]
                if c < 0 { return nil }
                if Self.equal(bytes, column, Int(c), key) { return Int(c) }
                slot = (slot + 1) & mask
            }
        }
    }

    public func row(for id: String) -> Int? {
        var id = id
        return id.withUTF8 { row(for: $0) }
    }
}
