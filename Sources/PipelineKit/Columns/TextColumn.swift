/// Free text cells (names, companies, ids) kept as one byte arena with offsets: one allocation per column,
/// not one String per cell. Strings are made on demand, only for what is shown.
public struct TextColumn: Sendable {
    public private(set) var bytes: [UInt8] = []
    /// `offsets[i]..<offsets[i + 1]` are row i's bytes.
    public private(set) var offsets: [UInt32] = [0]

    public init() {}

    public init(_ values: [String]) {
        for v in values { append(v) }
    }

    public var count: Int { offsets.count - 1 }

    public mutating func reserve(rows: Int, bytes byteCount: Int) {
        offsets.reserveCapacityOnHugePages(rows + 1)
        bytes.reserveCapacityOnHugePages(byteCount)
    }

    public mutating func append(_ slice: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: slice)
        offsets.append(UInt32(truncatingIfNeeded: bytes.count))
    }

    /// Appends a quoted cell, collapsing its doubled quotes.
    public mutating func appendCollapsingQuotes(_ slice: UnsafeBufferPointer<UInt8>) {
        var k = 0
        while k < slice.count {
            let b = slice[k]
            bytes.append(b)
            k += (b == UInt8(ascii: "\"") && k + 1 < slice.count && slice[k + 1] == b) ? 2 : 1
        }
        offsets.append(UInt32(truncatingIfNeeded: bytes.count))
    }

    public mutating func append(_ s: String) {
        var s = s
        s.withUTF8 { append($0) }
    }

    public mutating func appendEmpty() { offsets.append(offsets[offsets.count - 1]) }

    public mutating func removeLast() {
        offsets.removeLast()
        bytes.removeSubrange(Int(offsets[offsets.count - 1])...)
    }

    public mutating func append(contentsOf other: TextColumn) {
        let shift = UInt32(truncatingIfNeeded: bytes.count)
        bytes.append(contentsOf: other.bytes)
        offsets.reserveCapacity(offsets.count + other.count)
        for k in 1..<other.offsets.count { offsets.append(other.offsets[k] &+ shift) }
    }

    public func isEmpty(_ row: Int) -> Bool { offsets[row] == offsets[row + 1] }

    public subscript(row: Int) -> String {
        let a = Int(offsets[row]), b = Int(offsets[row + 1])
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[a..<b]), as: UTF8.self) }
    }

    /// The value, or nil for an empty cell.
    public func value(_ row: Int) -> String? { isEmpty(row) ? nil : self[row] }

    /// Calls `body` with the row's bytes without making a String.
    public func withBytes<R>(_ row: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let a = Int(offsets[row]), b = Int(offsets[row + 1])
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[a..<b])) }
    }

    /// Keeps only the rows whose `keep` flag is set, in order.
    public func filtered(_ keep: [Bool]) -> TextColumn {
        var out = TextColumn()
        out.reserve(rows: count, bytes: bytes.count)
        bytes.withUnsafeBufferPointer { buf in
            for r in 0..<count where keep[r] {
                out.append(UnsafeBufferPointer(rebasing: buf[Int(offsets[r])..<Int(offsets[r + 1])]))
            }
        }
        return out
    }

    /// Rows `..<head` of this column, then `middle`'s rows, then rows `tail...` of this column.
    func spliced(head: Int, middle: TextColumn, tail: Int) -> TextColumn {
        var out = TextColumn()
        let headBytes = Int(offsets[head]), tailBytes = Int(offsets[tail])
        out.bytes.reserveCapacity(headBytes + middle.bytes.count + bytes.count - tailBytes)
        out.bytes += bytes[..<headBytes]
        out.bytes += middle.bytes
        out.bytes += bytes[tailBytes...]
        out.offsets = Array(offsets[...head])
        out.offsets.reserveCapacity(head + middle.count + count - tail + 1)
        let middleShift = UInt32(truncatingIfNeeded: headBytes)
        for k in 1..<middle.offsets.count { out.offsets.append(middle.offsets[k] &+ middleShift) }
        let tailShift = UInt32(truncatingIfNeeded: headBytes + middle.bytes.count) &- UInt32(truncatingIfNeeded: tailBytes)
        for k in (tail + 1)..<offsets.count { out.offsets.append(offsets[k] &+ tailShift) }
        return out
    }

    /// True when rows `rows` of this column hold exactly `other`'s rows, byte for byte.
    func sameRows(_ rows: Range<Int>, as other: TextColumn) -> Bool {
        guard rows.count == other.count else { return false }
        let a = Int(offsets[rows.lowerBound]), b = Int(offsets[rows.upperBound])
        guard b - a == other.bytes.count, bytes[a..<b].elementsEqual(other.bytes) else { return false }
        let shift = offsets[rows.lowerBound]
        for k in 0...rows.count where offsets[rows.lowerBound + k] &- shift != other.offsets[k] { return false }
        return true
    }
}
