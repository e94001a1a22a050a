/// Reads the ISO shapes nearly every cell of a large file has: `YYYY-MM-DD`, `YYYY-MM-DDThh:mm` and
/// `YYYY-MM-DDThh:mm:ss` (`T`, `t` or a space), with no zone and no surrounding spaces, in straight-line
/// code; every other cell goes to the full `TimestampParser`, which gives the same answer for these
/// shapes (the tests compare the two).
struct ISOTimestampReader: Sendable {
    let parser: TimestampParser
    /// Seconds east of UTC when the zone never changes its offset (UTC above all). Kept as a plain number
    /// so the hot path does not touch the zone value, whose shared reference count threads would fight over.
    let fixedOffset: Int64?

    init(parser: TimestampParser) {
        self.parser = parser
        fixedOffset = parser.zone.isFixed ? -parser.zone.utc(fromLocal: 0) : nil
    }

    @inline(__always)
    func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        if let t = fast(bytes) { return t }
        return parser.parse(bytes)
    }

    /// The instant for one of the common shapes, or nil for anything else (valid or not).
    @inline(__always)
    func fast(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        let n = bytes.count
        guard n == 10 || n == 16 || n == 19, let b = bytes.baseAddress else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int? {
            let v = b[i] &- 0x30
            return v < 10 ? Int(v) : nil
        }
        guard b[4] == 0x2D, b[7] == 0x2D,
              let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
              let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9) else { return nil }
        let year = y0 * 1000 + y1 * 100 + y2 * 10 + y3, month = m0 * 10 + m1, day = d0 * 10 + d1
        guard month >= 1, month <= 12, day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        var local = Int64(daysFromCivil(year: year, month: month, day: day)) * 86_400
        if n > 10 {
            let sep = b[10]
            guard sep == 0x54 || sep == 0x74 || sep == 0x20, b[13] == 0x3A,
                  let h0 = digit(11), let h1 = digit(12), let i0 = digit(14), let i1 = digit(15) else { return nil }
            let hour = h0 * 10 + h1, minute = i0 * 10 + i1
            guard hour <= 23, minute <= 59 else { return nil }
            var second = 0
            if n == 19 {
                guard b[16] == 0x3A, let s0 = digit(17), let s1 = digit(18) else { return nil }
                second = s0 * 10 + s1
                guard second <= 59 else { return nil }
            }
            local += Int64(hour * 3600 + minute * 60 + second)
        }
        if let fixedOffset { return local - fixedOffset }
        return parser.zone.utc(fromLocal: local)
    }
}
