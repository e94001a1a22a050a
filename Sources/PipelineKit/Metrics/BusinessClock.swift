import Foundation

/// Measures SLA time. Without business hours it is the wall clock; with them, only the seconds
/// inside the hours on business days count, on the zone's clock (a lead arriving on Friday evening
/// has its clock start on Monday morning).
public struct BusinessClock: Sendable {
    public let hours: BusinessHours?
    /// 1 = Monday ... 7 = Sunday.
    public let businessDays: Set<Int>
    let zone: ZoneOffsets
    /// Offsets per day around the times the clock is used for, when the zone has clock changes.
    let dayOffsets: DayOffsets?
    /// `businessDaysBefore[k]`: business days among the first k days counted from 1970-01-01, so
    /// any span of days is counted in whole weeks plus a remainder, without walking them.
    private let businessDaysBefore: [Int64]
    private let isBusinessDay: [Bool]   // by (days since 1970-01-01) mod 7
    private let dayStart: Int64         // seconds after local midnight
    private let dayLength: Int64        // business seconds in a business day

    public init(hours: BusinessHours?, days: Set<Int>, zone: ZoneOffsets) {
        self.init(hours: hours, days: days, zone: zone, span: nil)
    }

    /// `span`: the instants the clock will mostly see; conversions inside it take a table look-up.
    init(hours: BusinessHours?, days: Set<Int>, zone: ZoneOffsets, span: Range<Int64>?) {
        // With no business day at all the clock could never run out: count around the clock instead.
        let hours = days.isEmpty ? nil : hours
        self.hours = hours
        self.businessDays = days
        self.zone = zone
        if let span, hours != nil, !zone.isFixed {
            self.dayOffsets = DayOffsets(zone: zone, days: (floorDays(span.lowerBound) - 1)..<(floorDays(span.upperBound) + 2))
        } else {
            self.dayOffsets = nil
        }
        isBusinessDay = (0..<7).map { days.contains(isoWeekday(days: $0)) }
        var before: [Int64] = [0]
        for k in 0..<7 { before.append(before[k] + (isBusinessDay[k] ? 1 : 0)) }
        businessDaysBefore = before
        dayStart = Int64(hours?.start ?? 0) * 60
        dayLength = Int64((hours?.end ?? 1440) - (hours?.start ?? 0)) * 60
    }

    /// The SLA's clock in the settings' zone.
    public init(sla: SLASettings, timeZone: TimeZone) {
        self.init(hours: sla.businessHours, days: sla.businessDays, zone: ZoneOffsets(timeZone: timeZone))
    }

    /// The SLA's clock for a snapshot: quick for the year before its as-of moment and the months after.
    init(_ s: Snapshot) {
        let year: Int64 = 366 * 86_400
        self.init(hours: s.settings.sla.businessHours, days: s.settings.sla.businessDays,
                  zone: ZoneOffsets(timeZone: s.settings.timeZone), span: (s.asOf - year)..<(s.asOf + year / 4))
    }

    @inline(__always) private func local(_ t: Int64) -> Int64 {
        dayOffsets?.local(fromUTC: t) ?? zone.local(fromUTC: t)
    }

    @inline(__always) private func utc(_ local: Int64) -> Int64 {
        dayOffsets?.utc(fromLocal: local) ?? zone.utc(fromLocal: local)
    }

    public var isAroundTheClock: Bool { hours == nil }

    /// Seconds on the clock between two instants; 0 when `to` is not after `from`.
    public func seconds(from: Int64, to: Int64) -> Int64 {
        guard to > from else { return 0 }
        guard hours != nil else { return to - from }
        return elapsed(untilLocal: local(to)) - elapsed(untilLocal: local(from))
    }

    /// The instant at which `seconds` on the clock have run from `from`.
    public func deadline(from: Int64, after seconds: Int64) -> Int64 {
        guard hours != nil else { return from + seconds }
        var local = self.local(from)
        var left = seconds
        let weekly = businessDaysBefore[7] * dayLength
        while true {
            let day = floorDays(local)
            let midnight = Int64(day) * 86_400
            if business(day) {
                let opens = midnight + dayStart, closes = opens + dayLength
                if local < opens { local = opens }
                if local < closes {
                    if left <= closes - local { return utc(local + left) }
                    left -= closes - local
                }
            }
            local = midnight + 86_400
            // Whole weeks hold a fixed number of business seconds: skip them rather than walk them.
            if left > weekly {
                let weeks = (left - 1) / weekly
                local += weeks * 7 * 86_400
                left -= weeks * weekly
            }
        }
    }

    @inline(__always) private func business(_ day: Int) -> Bool {
        let r = day % 7
        return isBusinessDay[r < 0 ? r + 7 : r]
    }

    /// Business seconds from local 1970-01-01T00:00 to a local time (negative before it).
    @inline(__always) private func elapsed(untilLocal local: Int64) -> Int64 {
        let day = floorDays(local)
        let weeks = Int64(day >= 0 ? day / 7 : (day - 6) / 7)
        let rest = day - Int(weeks) * 7
        var total = (weeks * businessDaysBefore[7] + businessDaysBefore[rest]) * dayLength
        if business(day) {
            total += min(dayLength, max(0, local - Int64(day) * 86_400 - dayStart))
        }
        return total
    }
}
