import Foundation
import Testing
@testable import PipelineKit

private let utc = TimeZone(identifier: "UTC")!
private let berlin = TimeZone(identifier: "Europe/Berlin")!
private let newYork = TimeZone(identifier: "America/New_York")!

/// The oracle: Foundation's calendar, which the parser must agree with without using it.
private func epoch(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0, zone: TimeZone = utc) -> Int64 {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let date = calendar.date(from: DateComponents(year: y, month: mo, day: d, hour: h, minute: mi, second: s))!
    return Int64(date.timeIntervalSince1970)
}

private let isoUTC = TimestampParser(format: .iso, timeZone: utc)
private let mdyUTC = TimestampParser(format: DateFormat(order: .mdy), timeZone: utc)
private let dmyUTC = TimestampParser(format: DateFormat(order: .dmy), timeZone: utc)
private let ymdUTC = TimestampParser(format: DateFormat(order: .ymd), timeZone: utc)

@Suite struct ValuesCivilDateTests {
    @Test func daysFromCivilMatchesKnownDays() {
        #expect(daysFromCivil(year: 1970, month: 1, day: 1) == 0)
        #expect(daysFromCivil(year: 2000, month: 3, day: 1) == 11_017)
        #expect(daysFromCivil(year: 1969, month: 12, day: 31) == -1)
        #expect(daysFromCivil(year: 1600, month: 2, day: 29) == -135_081)
    }

    @Test func civilRoundTripsOverFourCenturies() {
        var day = daysFromCivil(year: 1800, month: 1, day: 1)
        let end = daysFromCivil(year: 2200, month: 1, day: 1)
        var expected = (year: 1800, month: 1, day: 1)
        while day < end {
            let c = civilFromDays(day)
            #expect(c == expected, "day \(day)")
            if c != expected { break }
            #expect(daysFromCivil(year: c.year, month: c.month, day: c.day) == day)
            expected.day += 1
            if expected.day > daysInMonth(year: expected.year, month: expected.month) {
                expected.day = 1
                expected.month += 1
                if expected.month > 12 { expected.month = 1; expected.year += 1 }
            }
            day += 1
        }
    }

    @Test func weekdaysAndLeapYears() {
        #expect(isoWeekday(days: 0) == 4)                                          // 1970-01-01, a Thursday
        #expect(isoWeekday(days: daysFromCivil(year: 2026, month: 3, day: 29)) == 7)  // a Sunday
        #expect(isoWeekday(days: -1) == 3)
        #expect(isLeapYear(2000) && isLeapYear(2024) && !isLeapYear(1900) && !isLeapYear(2026))
        #expect(floorDays(-1) == -1 && floorDays(0) == 0 && floorDays(86_399) == 0 && floorDays(-86_400) == -1)
    }
}

@Suite struct ValuesTimestampTests {
    @Test func isoLayouts() {
        #expect(isoUTC.parse("2026-11-03") == epoch(2026, 11, 3))
        #expect(isoUTC.parse("2026-11-03 14:05") == epoch(2026, 11, 3, 14, 5))
        #expect(isoUTC.parse("2026-11-03T14:05:09") == epoch(2026, 11, 3, 14, 5, 9))
        #expect(isoUTC.parse("2026-11-03T14:05:09.123") == epoch(2026, 11, 3, 14, 5, 9))
        #expect(isoUTC.parse("2026-11-03t14:05:09,5") == epoch(2026, 11, 3, 14, 5, 9))
        #expect(isoUTC.parse("  2026-11-03T14:05  ") == epoch(2026, 11, 3, 14, 5))
    }

    @Test func isoZones() {
        let base = epoch(2026, 11, 3, 14, 5, 9)
        #expect(isoUTC.parse("2026-11-03T14:05:09Z") == base)
        #expect(isoUTC.parse("2026-11-03T14:05:09+01:00") == base - 3600)
        #expect(isoUTC.parse("2026-11-03T14:05:09+0100") == base - 3600)
        #expect(isoUTC.parse("2026-11-03T14:05:09+01") == base - 3600)
        #expect(isoUTC.parse("2026-11-03T14:05:09-0500") == base + 5 * 3600)
        #expect(isoUTC.parse("2026-11-03T14:05:09+05:30") == base - 5 * 3600 - 1800)
        #expect(isoUTC.parse("2026-11-03 14:05:09 UTC") == base)
        #expect(isoUTC.parse("2026-11-03 14:05:09 +0100") == base - 3600)
        // Salesforce's export layout.
        #expect(isoUTC.parse("2024-01-23T02:35:01.000+0000") == 1_705_977_301)
        // An explicit zone wins over the parser's zone.
        let isoBerlin = TimestampParser(format: .iso, timeZone: berlin)
        #expect(isoBerlin.parse("2026-11-03T14:05:09Z") == base)
        #expect(isoBerlin.parse("2026-11-03T14:05:09") == base - 3600)
    }

    @Test func monthDayYear() {
        #expect(mdyUTC.parse("03/01/17") == epoch(2017, 3, 1))
        #expect(mdyUTC.parse("3/1/2017") == epoch(2017, 3, 1))
        #expect(mdyUTC.parse("02/24/26 08:55 PM") == epoch(2026, 2, 24, 20, 55))
        #expect(mdyUTC.parse("2/24/2026 8:55 pm") == epoch(2026, 2, 24, 20, 55))
        #expect(mdyUTC.parse("2/24/2026 8:55pm") == epoch(2026, 2, 24, 20, 55))
        #expect(mdyUTC.parse("02/24/26 20:55") == epoch(2026, 2, 24, 20, 55))
        #expect(mdyUTC.parse("02/24/26 08:55:30 AM") == epoch(2026, 2, 24, 8, 55, 30))
        #expect(mdyUTC.parse("2/24/2026, 8:55 PM") == epoch(2026, 2, 24, 20, 55))
        #expect(mdyUTC.parse("02-24-2026") == epoch(2026, 2, 24))
        // Year first is never ambiguous, so an mdy file may hold ISO dates too.
        #expect(mdyUTC.parse("2026-02-24T20:55:00Z") == epoch(2026, 2, 24, 20, 55))
    }

    @Test func twelveOClock() {
        #expect(mdyUTC.parse("02/24/26 12:00 AM") == epoch(2026, 2, 24, 0, 0))
        #expect(mdyUTC.parse("02/24/26 12:30 PM") == epoch(2026, 2, 24, 12, 30))
        #expect(mdyUTC.parse("02/24/26 00:30 AM") == nil)
        #expect(mdyUTC.parse("02/24/26 13:00 PM") == nil)
    }

    @Test func dayMonthYearAndYearMonthDay() {
        #expect(dmyUTC.parse("01/03/17") == epoch(2017, 3, 1))
        #expect(dmyUTC.parse("1.3.2017 20:55") == epoch(2017, 3, 1, 20, 55))
        #expect(dmyUTC.parse("24/02/2026 8:55 PM") == epoch(2026, 2, 24, 20, 55))
        #expect(dmyUTC.parse("02/24/2026") == nil)
        #expect(ymdUTC.parse("2017/03/01") == epoch(2017, 3, 1))
        #expect(ymdUTC.parse("2017.3.1 08:00") == epoch(2017, 3, 1, 8))
        #expect(ymdUTC.parse("2017-03-01") == epoch(2017, 3, 1))
        #expect(ymdUTC.parse("17/03/01") == nil)
        #expect(ymdUTC.parse("2017/03-01") == nil)
    }

    @Test func twoDigitYearsPivotAtSeventy() {
        #expect(mdyUTC.parse("03/01/00") == epoch(2000, 3, 1))
        #expect(mdyUTC.parse("12/31/69") == epoch(2069, 12, 31))
        #expect(mdyUTC.parse("01/01/70") == epoch(1970, 1, 1))
        #expect(mdyUTC.parse("12/31/99") == epoch(1999, 12, 31))
        #expect(mdyUTC.parse("1/1/017") == nil)
        #expect(mdyUTC.parse("1/1/7") == nil)
    }

    @Test(arguments: [
        "", "   ", "2026-02-30", "2026-02-29", "2023-02-29", "1900-02-29", "2026-13-01", "2026-00-10",
        "2026-11-00", "2026-04-31", "2026-11-03 25:00", "2026-11-03 24:00", "2026-11-03 12:60",
        "2026-11-03 12:05:60", "2026-11-03T", "2026-11-03 14", "2026-11-3", "2026/11/03", "26-11-03",
        "2026-11-03 14:05 PM", "2026-11-03T14:05:09+25:00", "2026-11-03T14:05:09+01:0", "2026-11-03T14:05:09.",
        "2026-11-03T14:05:09 EST", "2026-11-03x", "12abc", "20261103", "2026-11-03  14:05", "-2026-11-03",
    ])
    func isoRejects(_ text: String) {
        #expect(isoUTC.parse(text) == nil)
    }

    @Test(arguments: ["13/01/2026", "02/30/2026", "00/10/2026", "2/29/23", "02/24/26 25:00", "02/24/26 8:5",
                      "02/24", "02/24/26 PM", "02/24/26 08:55 XM", "02/24.26", "1/1/12345"])
    func monthDayYearRejects(_ text: String) {
        #expect(mdyUTC.parse(text) == nil)
    }

    @Test func leapDays() {
        #expect(isoUTC.parse("2024-02-29") == epoch(2024, 2, 29))
        #expect(isoUTC.parse("2000-02-29") == epoch(2000, 2, 29))
        #expect(mdyUTC.parse("2/29/24") == epoch(2024, 2, 29))
    }

    @Test func readsOnlyTheGivenBytes() {
        let line = Array("2026-11-03T14:05,Closed Won".utf8)
        line.withUnsafeBufferPointer { all in
            let cell = UnsafeBufferPointer(rebasing: all[0..<16])
            #expect(isoUTC.parse(cell) == epoch(2026, 11, 3, 14, 5))
            let rest = UnsafeBufferPointer(rebasing: all[17...])
            #expect(isoUTC.parse(rest) == nil)
            #expect(isoUTC.parse(UnsafeBufferPointer(rebasing: all[0..<0])) == nil)
        }
    }

    @Test func berlinSpringForward() {
        // 2026-03-29: clocks go from 02:00 CET to 03:00 CEST (01:00 UTC).
        let p = TimestampParser(format: .iso, timeZone: berlin)
        #expect(p.parse("2026-03-29 01:30") == epoch(2026, 3, 29, 0, 30))
        #expect(p.parse("2026-03-29 03:00") == epoch(2026, 3, 29, 1, 0))
        #expect(p.parse("2026-03-29 03:30") == epoch(2026, 3, 29, 1, 30))
        // 02:30 does not exist: read with the offset before the change, that is 03:30 CEST.
        #expect(p.parse("2026-03-29 02:30") == epoch(2026, 3, 29, 1, 30))
        #expect(p.parse("2026-03-28 12:00") == epoch(2026, 3, 28, 11, 0))
        #expect(p.parse("2026-03-30 12:00") == epoch(2026, 3, 30, 10, 0))
    }

    @Test func berlinFallBack() {
        // 2026-10-25: clocks go from 03:00 CEST back to 02:00 CET (01:00 UTC).
        let p = TimestampParser(format: .iso, timeZone: berlin)
        #expect(p.parse("2026-10-25 01:30") == epoch(2026, 10, 24, 23, 30))
        // 02:30 happens twice: the first one (CEST) is taken.
        #expect(p.parse("2026-10-25 02:30") == epoch(2026, 10, 25, 0, 30))
        #expect(p.parse("2026-10-25 03:00") == epoch(2026, 10, 25, 2, 0))
        #expect(p.parse("2026-10-25 03:30") == epoch(2026, 10, 25, 2, 30))
        #expect(p.parse("2026-10-25") == epoch(2026, 10, 24, 22, 0))
        #expect(p.parse("2026-10-26") == epoch(2026, 10, 25, 23, 0))
    }

    /// Every half hour of a year, written on the zone's clock by Foundation, reads back to the same
    /// instant, except the second pass through a repeated hour, which reads as the first.
    @Test(arguments: [berlin, newYork, TimeZone(identifier: "Australia/Sydney")!])
    func wallClockRoundTripMatchesFoundation(zone: TimeZone) {
        let p = TimestampParser(format: .iso, timeZone: zone)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        var repeated = 0
        var t = epoch(2026, 1, 1)
        let end = epoch(2027, 1, 1)
        while t < end {
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: Date(timeIntervalSince1970: TimeInterval(t)))
            let text = String(format: "%04d-%02d-%02d %02d:%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!)
            let parsed = p.parse(text)
            if parsed != t {
                #expect(parsed == t - 3600, "\(text)")
                #expect(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t - 3600)))
                        > zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))))
                repeated += 1
            }
            t += 1800
        }
        #expect(repeated == 2)   // 02:00 and 02:30 (01:00 and 01:30 in New York) on the way back
    }

    @Test func zoneTableAgreesWithFoundation() {
        var rng = ValuesSeededRandom(seed: 7)
        for zone in [berlin, newYork, TimeZone(identifier: "Asia/Kolkata")!, TimeZone(identifier: "Pacific/Apia")!] {
            let offsets = ZoneOffsets(timeZone: zone)
            #expect(!offsets.isFixed)
            for _ in 0..<2000 {
                let t = Int64(rng.next() % 5_000_000_000) - 1_000_000_000   // 1938 ... 2128
                let expected = Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))))
                #expect(offsets.offset(atUTC: t) == expected, "\(zone.identifier) at \(t)")
                #expect(offsets.utc(fromLocal: offsets.local(fromUTC: t)) <= t)
            }
        }
    }

    @Test func fixedZonesNeedNoTable() {
        #expect(ZoneOffsets(timeZone: utc).isFixed)
        let plusThree = ZoneOffsets(timeZone: TimeZone(secondsFromGMT: 3 * 3600)!)
        #expect(plusThree.isFixed)
        #expect(plusThree.offset(atUTC: 0) == 10_800)
        let p = TimestampParser(format: .iso, zone: plusThree)
        #expect(p.parse("2026-11-03 14:00") == epoch(2026, 11, 3, 11))
    }

    @Test func formatsISO() {
        let t = epoch(2026, 11, 3, 14, 5)
        #expect(formatISO(t, timeZone: utc, withTime: true) == "2026-11-03T14:05:00")
        #expect(formatISO(t, timeZone: utc, withTime: false) == "2026-11-03")
        #expect(formatISO(t, timeZone: berlin, withTime: true) == "2026-11-03T15:05:00")
        #expect(formatISO(t, zone: ZoneOffsets(timeZone: newYork), withTime: true) == "2026-11-03T09:05:00")
        #expect(formatISO(-1, timeZone: utc, withTime: true) == "1969-12-31T23:59:59")
        #expect(formatISO(epoch(2026, 3, 29, 1, 30), timeZone: berlin, withTime: true) == "2026-03-29T03:30:00")
    }

    @Test func formatAndParseRoundTrip() {
        var rng = ValuesSeededRandom(seed: 11)
        let p = TimestampParser(format: .iso, timeZone: berlin)
        for _ in 0..<2000 {
            let t = Int64(rng.next() % 4_000_000_000)
            let text = formatISO(t, timeZone: utc, withTime: true) + "Z"
            #expect(p.parse(text) == t, "\(text)")
        }
    }
}

@Suite struct ValuesDateFormatTests {
    @Test(arguments: [
        ("iso", DateOrder.iso), ("mdy", .mdy), ("DMY", .dmy), (" ymd ", .ymd), ("us", .mdy), ("eu", .dmy),
        ("MM/DD/YY", .mdy), ("M/D/YYYY", .mdy), ("MM/DD/YY hh:mm AM", .mdy), ("DD/MM/YYYY", .dmy),
        ("dd.mm.yy", .dmy), ("YYYY-MM-DD", .iso), ("YYYY/MM/DD", .ymd), ("YYYY.MM.DD", .ymd),
    ])
    func readsSettings(_ text: String, _ order: DateOrder) {
        #expect(DateFormat(setting: text)?.order == order)
    }

    @Test(arguments: ["", "banana", "MM/DD", "MM/DD/YYY", "MM/DD-YY", "MMM/DD/YY", "MM/MM/YY", "YYYYMMDD", "/MM/DD/YY"])
    func rejectsSettings(_ text: String) {
        #expect(DateFormat(setting: text) == nil)
    }
}

/// Property tests fail the same way every run.
typealias ValuesSeededRandom = SeededRandom
