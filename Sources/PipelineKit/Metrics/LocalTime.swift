import Foundation

/// One-off conversions between instants and a zone's wall clock, for period bounds and labels.
/// Per-row work uses `ZoneOffsets`, which precomputes the offsets instead of asking Foundation.
extension TimeZone {
    /// Wall-clock seconds since 1970-01-01T00:00 on this zone's clock at an instant.
    func localSeconds(at t: Int64) -> Int64 {
        t + offsetSeconds(at: t)
    }

    /// The instant at which this zone's clock shows `local`. A wall time skipped by a clock change
    /// is read with the offset from before the change, like `ZoneOffsets.utc(fromLocal:)`.
    func instant(atLocal local: Int64) -> Int64 {
        let first = offsetSeconds(at: local)
        let second = offsetSeconds(at: local - first)
        if first == second { return local - first }
        let third = offsetSeconds(at: local - second)
        return third == second ? local - second : local - min(first, second)
    }

    /// The instant of local midnight starting a day (days since 1970-01-01 on this zone's calendar).
    func startOfDay(_ day: Int) -> Int64 {
        instant(atLocal: Int64(day) * 86_400)
    }

    /// The local calendar day an instant falls on.
    func day(at t: Int64) -> Int {
        floorDays(localSeconds(at: t))
    }

    private func offsetSeconds(at t: Int64) -> Int64 {
        Int64(secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))))
    }
}

/// `2026-11-03` for a day count since 1970-01-01.
func isoDay(_ day: Int) -> String {
    let (y, m, d) = civilFromDays(day)
    return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
}

let monthAbbreviations = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
