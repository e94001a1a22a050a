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
        guard let local = Self.localSeconds(bytes, monthStarts: MonthStarts.table) else { return nil }
        if let fixedOffset { return local - fixedOffset }
        return parser.zone.utc(fromLocal: local)
    }

    /// Seconds since 1970 on the wall clock for one of the common shapes in the years `MonthStarts`
    /// covers, or nil. Digits are checked together (one test for the lot) and the day count comes from
    /// the table; it touches no reference, so a hot loop can call it without retaining anything.
    @inline(__always)
    static func localSeconds(_ bytes: UnsafeBufferPointer<UInt8>, monthStarts: UnsafePointer<Int32>) -> Int64? {
        let n = bytes.count
        guard n == 10 || n == 16 || n == 19, let b = bytes.baseAddress else { return nil }
        // A byte minus "0" is a digit when below 10: bit 7 of `v | (v + 0x76)` is set for any other byte.
        var bad: UInt8 = 0
        @inline(__always) func digit(_ i: Int) -> Int {
            let v = b[i] &- 0x30
            bad |= v | (v &+ 0x76)
            return Int(v)
        }
        let year = digit(0) * 1000 + digit(1) * 100 + digit(2) * 10 + digit(3)
        let month = digit(5) * 10 + digit(6), day = digit(8) * 10 + digit(9)
        guard bad & 0x80 == 0, b[4] == 0x2D, b[7] == 0x2D, month >= 1, month <= 12, day >= 1 else { return nil }
        let k = (year - MonthStarts.firstYear) * 12 + month - 1
        guard k >= 0, k < MonthStarts.months else { return nil }
        let first = Int(monthStarts[k])
        guard day <= Int(monthStarts[k + 1]) - first else { return nil }
        var local = Int64(first + day - 1) * 86_400
        if n > 10 {
            let sep = b[10]
            let hour = digit(11) * 10 + digit(12), minute = digit(14) * 10 + digit(15)
            var second = 0
            if n == 19 {
                guard b[16] == 0x3A else { return nil }
                second = digit(17) * 10 + digit(18)
            }
            guard bad & 0x80 == 0, sep == 0x54 || sep == 0x74 || sep == 0x20, b[13] == 0x3A,
                  hour <= 23, minute <= 59, second <= 59 else { return nil }
            local += Int64(hour * 3600 + minute * 60 + second)
        }
        return local
    }
}

/// Days from 1970-01-01 to the first of each month from 1900 to 2199 (and the month after), so the
/// fast path reads a day count and a month length instead of computing them. Other years take the
/// full parser.
enum MonthStarts {
    static let firstYear = 1900
    static let months = 300 * 12
    /// Filled once and never written again: safe to read from every thread.
    nonisolated(unsafe) static let table: UnsafePointer<Int32> = {
        let p = UnsafeMutablePointer<Int32>.allocate(capacity: months + 1)
        for k in 0...months {
            p[k] = Int32(daysFromCivil(year: firstYear + k / 12, month: k % 12 + 1, day: 1))
        }
        return UnsafePointer(p)
    }()
}
