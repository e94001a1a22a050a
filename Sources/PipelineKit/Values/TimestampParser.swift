import Foundation

/// Reads timestamps from raw cell bytes into epoch seconds, in the layout a data file's settings
/// name. Called once per cell: it works on bytes, allocates nothing, and turns local times into
/// UTC with a precomputed offset table (`ZoneOffsets`), never with Foundation's calendar.
///
/// Accepted, after the date (whose order is the format's), optionally:
/// a time `H:MM`, `HH:MM:SS`, `HH:MM:SS.fff` after `T` or a space (or `, ` outside ISO),
/// `AM`/`PM` outside ISO, and a zone `Z`, `UTC`, `GMT`, `+01`, `+01:00`, `+0100`, `-0500`.
/// Outside ISO order, a date whose first field has four digits is read year first (`2017-03-01`,
/// `2017/03/01`): that is never ambiguous. Two-digit years: 00-69 are 2000-2069, 70-99 are 1970-1999.
/// Surrounding spaces are ignored. Times without a zone are local to the parser's time zone.
public struct TimestampParser: Sendable {
    public let format: DateFormat
    public let zone: ZoneOffsets

    public init(format: DateFormat, timeZone: TimeZone) {
        self.init(format: format, zone: ZoneOffsets(timeZone: timeZone))
    }

    /// Shares one zone table between the parsers of several columns.
    public init(format: DateFormat, zone: ZoneOffsets) {
        self.format = format
        self.zone = zone
    }

    public var timeZone: TimeZone { zone.timeZone }

    /// Epoch seconds, or nil when the bytes do not match the format.
    @inline(__always)
    public func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        parseFields(bytes)?.epochSeconds
    }

    public func parse(_ string: String) -> Int64? {
        var s = string
        return s.withUTF8 { parse($0) }
    }

    /// What a cell held: the instant, and whether it had a time of day (a bare date is midnight).
    struct Reading {
        var epochSeconds: Int64
        var hasTime: Bool
    }

    func reading(_ string: String) -> Reading? {
        var s = string
        return s.withUTF8 { parseFields($0) }
    }

    @inline(__always)
    func parseFields(_ bytes: UnsafeBufferPointer<UInt8>) -> Reading? {
        guard let base = bytes.baseAddress else { return nil }
        var start = 0, end = bytes.count
        while start < end, base[start] == 0x20 || base[start] == 0x09 { start += 1 }
        while end > start, base[end - 1] == 0x20 || base[end - 1] == 0x09 { end -= 1 }
        guard start < end else { return nil }
        var c = Cursor(base: base, index: start, end: end)
        let iso = format.order == .iso

        // Date.
        let year: Int, month: Int, day: Int
        guard let first = c.digits(max: 4) else { return nil }
        if first.count == 4 {
            // Year first: ISO, `ymd`, or an unambiguous year-first date in `mdy`/`dmy` files.
            guard let sep = c.byte(), sep == 0x2D || (!iso && (sep == 0x2F || sep == 0x2E)) else { return nil }
            guard let m = c.digits(max: 2), !iso || m.count == 2 else { return nil }
            guard c.take(sep) else { return nil }
            guard let d = c.digits(max: 2), !iso || d.count == 2 else { return nil }
            (year, month, day) = (first.value, m.value, d.value)
        } else {
            guard !iso, format.order != .ymd else { return nil }
            guard let sep = c.byte(), sep == 0x2F || sep == 0x2D || sep == 0x2E else { return nil }
            guard let second = c.digits(max: 2), c.take(sep) else { return nil }
            guard let y = c.digits(max: 4), y.count == 2 || y.count == 4 else { return nil }
            year = y.count == 4 ? y.value : (y.value < 70 ? 2000 + y.value : 1900 + y.value)
            if format.order == .mdy { (month, day) = (first.value, second.value) }
            else { (month, day) = (second.value, first.value) }
        }
        guard month >= 1, month <= 12, day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        let days = Int64(daysFromCivil(year: year, month: month, day: day))

        if c.atEnd {
            return Reading(epochSeconds: zone.utc(fromLocal: days * 86_400), hasTime: false)
        }

        // Separator before the time.
        guard let sep = c.byte() else { return nil }
        switch sep {
        case 0x54, 0x74, 0x20: break                       // T, t, space
        case 0x2C where !iso: guard c.take(0x20) else { return nil }   // ", "
        default: return nil
        }

        // Time.
        guard var hour = c.digits(max: 2)?.value, c.take(0x3A) else { return nil }
        guard let minute = c.digits(max: 2), minute.count == 2, minute.value <= 59 else { return nil }
        var second = 0
        if c.take(0x3A) {
            guard let s = c.digits(max: 2), s.count == 2, s.value <= 59 else { return nil }
            second = s.value
            if c.take(0x2E) || c.take(0x2C) {
                guard c.skipDigits() > 0 else { return nil }
            }
        }
        if !iso, let meridiem = c.meridiem() {
            guard hour >= 1, hour <= 12 else { return nil }
            hour = hour % 12 + (meridiem == .pm ? 12 : 0)
        }
        guard hour <= 23 else { return nil }
        let local = days * 86_400 + Int64(hour * 3600 + minute.value * 60 + second)

        // Zone.
        if c.atEnd {
            return Reading(epochSeconds: zone.utc(fromLocal: local), hasTime: true)
        }
        _ = c.take(0x20)
        guard let offset = c.zoneOffset(), c.atEnd else { return nil }
        return Reading(epochSeconds: local - offset, hasTime: true)
    }
}

/// A read position in one cell's bytes.
struct Cursor {
    let base: UnsafePointer<UInt8>
    var index: Int
    let end: Int

    var atEnd: Bool { @inline(__always) get { index >= end } }

    @inline(__always)
    mutating func byte() -> UInt8? {
        guard index < end else { return nil }
        defer { index += 1 }
        return base[index]
    }

    @inline(__always)
    mutating func take(_ b: UInt8) -> Bool {
        guard index < end, base[index] == b else { return false }
        index += 1
        return true
    }

    /// 1 to `max` ASCII digits; nil when there is none or more than `max`.
    @inline(__always)
    mutating func digits(max: Int) -> (value: Int, count: Int)? {
        var value = 0, count = 0
        while index < end {
            let d = base[index] &- 0x30
            guard d < 10 else { break }
            guard count < max else { return nil }
            value = value * 10 + Int(d)
            count += 1
            index += 1
        }
        return count == 0 ? nil : (value, count)
    }

    /// Exactly two digits, whatever follows (`+0100` is hours then minutes).
    @inline(__always)
    mutating func twoDigits() -> Int? {
        guard index + 1 < end else { return nil }
        let a = base[index] &- 0x30, b = base[index + 1] &- 0x30
        guard a < 10, b < 10 else { return nil }
        index += 2
        return Int(a) * 10 + Int(b)
    }

    @inline(__always)
    mutating func skipDigits() -> Int {
        let start = index
        while index < end, base[index] &- 0x30 < 10 { index += 1 }
        return index - start
    }

    enum Meridiem { case am, pm }

    /// ` AM`, `PM`, ` pm`: an optional space, then A or P, then M, case-insensitive.
    @inline(__always)
    mutating func meridiem() -> Meridiem? {
        var i = index
        if i < end, base[i] == 0x20 { i += 1 }
        guard i + 1 < end else { return nil }
        let letter = base[i] | 0x20, m = base[i + 1] | 0x20
        guard m == 0x6D, letter == 0x61 || letter == 0x70 else { return nil }
        index = i + 2
        return letter == 0x61 ? .am : .pm
    }

    /// `Z`, `UTC`, `GMT`, `+HH`, `+HH:MM`, `+HHMM` (or `-`), as seconds east of UTC.
    @inline(__always)
    mutating func zoneOffset() -> Int64? {
        guard index < end else { return nil }
        let b = base[index]
        if b == 0x5A || b == 0x7A { index += 1; return 0 }   // Z z
        if end - index == 3 {
            let a = base[index] | 0x20, m = base[index + 1] | 0x20, c = base[index + 2] | 0x20
            if (a == 0x75 && m == 0x74 && c == 0x63) || (a == 0x67 && m == 0x6D && c == 0x74) {   // utc gmt
                index = end
                return 0
            }
        }
        guard b == 0x2B || b == 0x2D else { return nil }
        index += 1
        guard let h = twoDigits(), h <= 23 else { return nil }
        var minutes = 0
        if !atEnd {
            _ = take(0x3A)
            guard let m = twoDigits(), m <= 59 else { return nil }
            minutes = m
        }
        let seconds = Int64(h * 3600 + minutes * 60)
        return b == 0x2D ? -seconds : seconds
    }
}

/// `2026-11-03T14:05:00` (or `2026-11-03` without the time) on the zone's wall clock, for display
/// and for writing files back.
public func formatISO(_ t: Int64, timeZone: TimeZone, withTime: Bool) -> String {
    let offset = Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))))
    return formatLocalISO(t + offset, withTime: withTime)
}

/// The same with a precomputed zone table, for formatting many values.
public func formatISO(_ t: Int64, zone: ZoneOffsets, withTime: Bool) -> String {
    formatLocalISO(zone.local(fromUTC: t), withTime: withTime)
}

func formatLocalISO(_ local: Int64, withTime: Bool) -> String {
    let days = floorDays(local)
    let (y, m, d) = civilFromDays(days)
    var out = padded(y, 4) + "-" + padded(m, 2) + "-" + padded(d, 2)
    if withTime {
        let s = Int(local - Int64(days) * 86_400)
        out += "T" + padded(s / 3600, 2) + ":" + padded(s / 60 % 60, 2) + ":" + padded(s % 60, 2)
    }
    return out
}

private func padded(_ value: Int, _ width: Int) -> String {
    let digits = String(abs(value))
    let pad = digits.count < width ? String(repeating: "0", count: width - digits.count) : ""
    return (value < 0 ? "-" : "") + pad + digits
}
