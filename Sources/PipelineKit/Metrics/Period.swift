import Foundation

/// A stretch of time the numbers are computed for: a calendar month, a (fiscal) quarter, or a
/// custom run of whole days. Bounds are instants at local midnights of the period's zone;
/// `end` is exclusive.
public struct Period: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case month, quarter, custom
    }

    public var start: Int64
    public var end: Int64
    public var kind: Kind
    /// `Nov 2026`, `Q4 2026` or `FQ3 FY2027`, `2026-11-01 – 2026-11-15`.
    public var label: String
    /// The zone whose calendar the bounds follow; selling days and the previous period use it too.
    public var timeZone: TimeZone
    /// 1 = January. Quarters follow the fiscal year; `previous()` keeps it.
    public var fiscalYearStartMonth: Int

    public init(start: Int64, end: Int64, kind: Kind, label: String, timeZone: TimeZone, fiscalYearStartMonth: Int = 1) {
        self.start = start
        self.end = end
        self.kind = kind
        self.label = label
        self.timeZone = timeZone
        self.fiscalYearStartMonth = fiscalYearStartMonth
    }

    /// The calendar month an instant falls in.
    public static func month(containing t: Int64, timeZone: TimeZone) -> Period {
        let (y, m, _) = civilFromDays(timeZone.day(at: t))
        let (ny, nm) = m == 12 ? (y + 1, 1) : (y, m + 1)
        return Period(start: timeZone.startOfDay(daysFromCivil(year: y, month: m, day: 1)),
                      end: timeZone.startOfDay(daysFromCivil(year: ny, month: nm, day: 1)),
                      kind: .month, label: "\(monthAbbreviations[m - 1]) \(y)", timeZone: timeZone)
    }

    /// The quarter of the fiscal year an instant falls in. With a fiscal year starting in January
    /// the label is the calendar one (`Q4 2026`); otherwise `FQ3 FY2027`, the fiscal year being
    /// named after the calendar year it ends in (April 2026 - March 2027 is FY2027).
    public static func quarter(containing t: Int64, fiscalYearStartMonth: Int, timeZone: TimeZone) -> Period {
        let first = min(12, max(1, fiscalYearStartMonth))
        let (y, m, _) = civilFromDays(timeZone.day(at: t))
        let monthNumber = y * 12 + (m - 1)                       // months since year 0
        let intoYear = (m - first + 12) % 12                     // months since the fiscal year began
        let quarterStart = monthNumber - intoYear % 3
        let quarterEnd = quarterStart + 3
        let q = intoYear / 3 + 1
        let label: String
        if first == 1 {
            label = "Q\(q) \(y)"
        } else {
            let fiscalYearStartYear = (monthNumber - intoYear) / 12
            label = "FQ\(q) FY\(fiscalYearStartYear + 1)"
        }
        func day(_ month: Int) -> Int { daysFromCivil(year: month / 12, month: month % 12 + 1, day: 1) }
        return Period(start: timeZone.startOfDay(day(quarterStart)), end: timeZone.startOfDay(day(quarterEnd)),
                      kind: .quarter, label: label, timeZone: timeZone, fiscalYearStartMonth: first)
    }

    /// Whole local days from the day of `from` through the day of `to`, both included.
    public static func custom(from: Int64, to: Int64, timeZone: TimeZone) -> Period {
        var a = timeZone.day(at: from), b = timeZone.day(at: to)
        if b < a { swap(&a, &b) }
        return custom(days: a, through: b, timeZone: timeZone)
    }

    static func custom(days a: Int, through b: Int, timeZone: TimeZone) -> Period {
        Period(start: timeZone.startOfDay(a), end: timeZone.startOfDay(b + 1), kind: .custom,
               label: a == b ? isoDay(a) : "\(isoDay(a)) – \(isoDay(b))", timeZone: timeZone)
    }

    /// The period just before: the previous month or quarter, or as many days just before a
    /// custom period. Lead velocity compares a period with this one.
    public func previous() -> Period {
        switch kind {
        case .month:
            return .month(containing: start - 1, timeZone: timeZone)
        case .quarter:
            return .quarter(containing: start - 1, fiscalYearStartMonth: fiscalYearStartMonth, timeZone: timeZone)
        case .custom:
            let first = timeZone.day(at: start), length = days
            var p = Period.custom(days: first - length, through: first - 1, timeZone: timeZone)
            p.fiscalYearStartMonth = fiscalYearStartMonth
            return p
        }
    }

    /// Begun and not yet over at `t`.
    public func isRunning(at t: Int64) -> Bool { t >= start && t &+ 1 < end }

    /// Local calendar days in the period.
    public var days: Int {
        timeZone.day(at: end - 1) - timeZone.day(at: start) + 1
    }

    public func contains(_ t: Int64) -> Bool { t >= start && t < end }

    /// The part of the period that has happened by `asOf` (included), as the start and length of
    /// one unsigned range test, `UInt64(bitPattern: t &- start) < length`: the events a view of the
    /// data as of that moment can count. A replay of an old day does not count what came after it.
    public func happened(by asOf: Int64) -> (start: Int64, length: UInt64) {
        let last = min(end, asOf &+ 1)
        return (start, last > start ? UInt64(last - start) : 0)
    }

    /// As `happened(by:)`, for an optional period: without one, every time up to `asOf` (and a
    /// missing time, which is Int64.min) is in.
    static func happened(_ period: Period?, by asOf: Int64) -> (start: Int64, length: UInt64) {
        period.map { $0.happened(by: asOf) } ?? (Int64.min, UInt64(bitPattern: asOf &- Int64.min) &+ 1)
    }

    /// Monday to Friday days in the period.
    public func sellingDays() -> Int {
        let first = timeZone.day(at: start)
        var n = 0
        for d in first..<(first + days) where isoWeekday(days: d) <= 5 { n += 1 }
        return n
    }

    /// How much of the period's selling time has passed at `t`, 0...1: every Monday-Friday day
    /// before `t`'s day counts whole, `t`'s own day (if a selling day) by the share of its hours
    /// gone. Weekends add nothing. A period without selling days counts calendar time instead.
    public func elapsedShare(at t: Int64) -> Double {
        if t <= start { return 0 }
        if t >= end { return 1 }
        let first = timeZone.day(at: start), today = timeZone.day(at: t)
        var total = 0, whole = 0
        for d in first..<(first + days) where isoWeekday(days: d) <= 5 {
            total += 1
            if d < today { whole += 1 }
        }
        guard total > 0 else { return Double(t - start) / Double(end - start) }
        var partial = 0.0
        if isoWeekday(days: today) <= 5 {
            let dayStart = timeZone.startOfDay(today), dayEnd = timeZone.startOfDay(today + 1)
            partial = Double(t - dayStart) / Double(dayEnd - dayStart)
        }
        return min(1, max(0, (Double(whole) + partial) / Double(total)))
    }
}
