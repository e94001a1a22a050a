import Foundation
import Testing
@testable import PipelineKit

@Suite struct MetricsPeriodTests {
    let utc = MetricsFixture.utc
    let berlin = TimeZone(identifier: "Europe/Berlin")!
    func at(_ iso: String) -> Int64 { MetricsFixture.at(iso) }
    func at(_ iso: String, _ zone: TimeZone) -> Int64 { TimestampParser(format: .iso, timeZone: zone).parse(iso)! }

    @Test func monthBoundaries() {
        let nov = Period.month(containing: at("2026-11-30T23:59:59"), timeZone: utc)
        #expect(nov.start == at("2026-11-01T00:00") && nov.end == at("2026-12-01T00:00"))
        #expect(nov.label == "Nov 2026" && nov.kind == .month)
        #expect(!nov.contains(at("2026-12-01T00:00")) && nov.contains(at("2026-11-01T00:00")))
        #expect(Period.month(containing: at("2026-12-01T00:00"), timeZone: utc).label == "Dec 2026")
        #expect(Period.month(containing: at("2026-12-31T12:00"), timeZone: utc).end == at("2027-01-01T00:00"))
        #expect(nov.previous().label == "Oct 2026")
        #expect(Period.month(containing: at("2026-01-10T00:00"), timeZone: utc).previous().label == "Dec 2025")
    }

    @Test func monthInAZoneFollowsItsMidnight() {
        // 2026-10-31T23:30Z is 00:30 on November 1st in Berlin (CET, +1 after Oct 25).
        let nov = Period.month(containing: at("2026-10-31T23:30"), timeZone: berlin)
        #expect(nov.label == "Nov 2026")
        #expect(nov.start == at("2026-10-31T23:00"))
        // October in Berlin starts at CEST midnight (+2) and is one hour longer than 31 days.
        let oct = nov.previous()
        #expect(oct.start == at("2026-09-30T22:00"))
        #expect(oct.end - oct.start == 31 * 86_400 + 3600)
    }

    @Test func calendarQuarters() {
        let q4 = Period.quarter(containing: at("2026-11-18T12:00"), fiscalYearStartMonth: 1, timeZone: utc)
        #expect(q4.label == "Q4 2026")
        #expect(q4.start == at("2026-10-01T00:00") && q4.end == at("2027-01-01T00:00"))
        #expect(q4.previous().label == "Q3 2026")
        #expect(Period.quarter(containing: at("2026-01-01T00:00"), fiscalYearStartMonth: 1, timeZone: utc).previous().label == "Q4 2025")
    }

    @Test func fiscalQuartersStartingInApril() {
        // FY2027 runs April 2026 - March 2027, named after the year it ends in.
        let fq3 = Period.quarter(containing: at("2026-11-18T12:00"), fiscalYearStartMonth: 4, timeZone: utc)
        #expect(fq3.label == "FQ3 FY2027")
        #expect(fq3.start == at("2026-10-01T00:00") && fq3.end == at("2027-01-01T00:00"))
        let fq1 = Period.quarter(containing: at("2026-04-01T00:00"), fiscalYearStartMonth: 4, timeZone: utc)
        #expect(fq1.label == "FQ1 FY2027")
        #expect(fq1.start == at("2026-04-01T00:00") && fq1.end == at("2026-07-01T00:00"))
        let fq4 = Period.quarter(containing: at("2027-02-10T00:00"), fiscalYearStartMonth: 4, timeZone: utc)
        #expect(fq4.label == "FQ4 FY2027")
        #expect(fq4.start == at("2027-01-01T00:00") && fq4.end == at("2027-04-01T00:00"))
        // The day before FY2027 is the last of FY2026.
        #expect(fq1.previous().label == "FQ4 FY2026")
        #expect(Period.quarter(containing: at("2026-03-31T23:59"), fiscalYearStartMonth: 4, timeZone: utc).label == "FQ4 FY2026")
        // A fiscal year starting in February: quarters Feb-Apr, May-Jul, Aug-Oct, Nov-Jan.
        let feb = Period.quarter(containing: at("2027-01-15T00:00"), fiscalYearStartMonth: 2, timeZone: utc)
        #expect(feb.label == "FQ4 FY2027")
        #expect(feb.start == at("2026-11-01T00:00") && feb.end == at("2027-02-01T00:00"))
    }

    @Test func currentPeriodOfASnapshot() {
        let s = MetricsFixture.load()
        #expect(Period.current(.month, of: s).label == "Nov 2026")
        #expect(Period.current(.quarter, of: s).label == "Q4 2026")
        let fiscal = MetricsFixture.load { $0.fiscalYearStartMonth = 4 }
        #expect(Period.current(.quarter, of: fiscal).label == "FQ3 FY2027")
    }

    @Test func customPeriodsAreWholeDays() {
        let p = Period.custom(from: at("2026-11-01T15:00"), to: at("2026-11-15T08:00"), timeZone: utc)
        #expect(p.start == at("2026-11-01T00:00") && p.end == at("2026-11-16T00:00"))
        #expect(p.label == "2026-11-01 – 2026-11-15")
        #expect(p.days == 15)
        // The previous period has the same length and ends the day before.
        let before = p.previous()
        #expect(before.start == at("2026-10-17T00:00") && before.end == at("2026-11-01T00:00"))
        #expect(before.label == "2026-10-17 – 2026-10-31")
    }

    @Test func sellingDaysAndElapsedShare() {
        let nov = Period.month(containing: at("2026-11-18T12:00"), timeZone: utc)
        // November 2026 begins on a Sunday: Mon-Fri weeks of Nov 2, 9, 16, 23 and Monday the 30th.
        #expect(nov.sellingDays() == 21)
        // Wednesday Nov 18 at noon: 12 whole selling days and half of the 18th.
        #expect(close(nov.elapsedShare(at: at("2026-11-18T12:00")), 12.5 / 21))
        // Saturday the 21st: the week's 15 selling days, the weekend adds nothing.
        #expect(close(nov.elapsedShare(at: at("2026-11-21T10:00")), 15.0 / 21))
        #expect(nov.elapsedShare(at: at("2026-11-01T12:00")) == 0)   // Sunday
        #expect(nov.elapsedShare(at: at("2026-10-20T00:00")) == 0)
        #expect(nov.elapsedShare(at: at("2026-12-05T00:00")) == 1)
        // A weekend-only custom period counts calendar time instead.
        let weekend = Period.custom(from: at("2026-11-21T00:00"), to: at("2026-11-22T00:00"), timeZone: utc)
        #expect(weekend.sellingDays() == 0)
        #expect(weekend.elapsedShare(at: at("2026-11-22T00:00")) == 0.5)
    }

    @Test func elapsedShareOnAShortDay() {
        // Sunday March 29 2026 is 23 hours long in Berlin, but it is not a selling day; Monday the
        // 30th at 12:00 CEST is half of a 24-hour day. March 2026 has 22 selling days; before the
        // 30th, 20 of them have passed.
        let march = Period.month(containing: at("2026-03-15T12:00", berlin), timeZone: berlin)
        #expect(march.sellingDays() == 22)
        #expect(close(march.elapsedShare(at: at("2026-03-30T12:00", berlin)), 20.5 / 22))
    }
}
