import Foundation
import Testing
@testable import PipelineKit

@Suite struct MetricsClockTests {
    let utc = MetricsFixture.utc
    func at(_ iso: String, _ zone: TimeZone = MetricsFixture.utc) -> Int64 { TimestampParser(format: .iso, timeZone: zone).parse(iso)! }
    let hour: Int64 = 3600

    var office: BusinessClock {
        BusinessClock(hours: BusinessHours(start: 9 * 60, end: 17 * 60), days: [1, 2, 3, 4, 5], zone: ZoneOffsets(timeZone: utc))
    }

    @Test func aroundTheClockIsTheWallClock() {
        let clock = BusinessClock(hours: nil, days: [1, 2, 3, 4, 5], zone: ZoneOffsets(timeZone: utc))
        #expect(clock.isAroundTheClock)
        #expect(clock.deadline(from: at("2026-11-06T15:00"), after: 4 * hour) == at("2026-11-06T19:00"))
        #expect(clock.seconds(from: at("2026-11-06T15:00"), to: at("2026-11-07T15:00")) == 24 * hour)
        #expect(clock.seconds(from: at("2026-11-07T15:00"), to: at("2026-11-06T15:00")) == 0)
    }

    @Test func deadlinesSkipNightsAndWeekends() {
        // Friday 15:00 + 4 business hours: 2 on Friday, 2 on Monday -> Monday 11:00.
        #expect(office.deadline(from: at("2026-11-06T15:00"), after: 4 * hour) == at("2026-11-09T11:00"))
        // Saturday: the clock starts Monday 09:00.
        #expect(office.deadline(from: at("2026-11-07T10:00"), after: hour) == at("2026-11-09T10:00"))
        // Before opening: starts at 09:00 the same day.
        #expect(office.deadline(from: at("2026-11-04T06:00"), after: 2 * hour) == at("2026-11-04T11:00"))
        // A full week is 40 h: Monday 09:00 + 40 h ends Friday 17:00; 41 h is Monday 10:00.
        #expect(office.deadline(from: at("2026-11-02T09:00"), after: 40 * hour) == at("2026-11-06T17:00"))
        #expect(office.deadline(from: at("2026-11-02T09:00"), after: 41 * hour) == at("2026-11-09T10:00"))
        // 100 h: two whole weeks (80 h) then Mon 8 + Tue 8 + Wed 4 -> Wednesday Nov 18 13:00.
        #expect(office.deadline(from: at("2026-11-02T09:00"), after: 100 * hour) == at("2026-11-18T13:00"))
    }

    @Test func secondsCountOnlyBusinessTime() {
        #expect(office.seconds(from: at("2026-11-06T15:00"), to: at("2026-11-09T11:00")) == 4 * hour)
        #expect(office.seconds(from: at("2026-11-07T10:00"), to: at("2026-11-08T20:00")) == 0)     // a weekend
        #expect(office.seconds(from: at("2026-11-04T18:00"), to: at("2026-11-05T08:00")) == 0)     // a night
        #expect(office.seconds(from: at("2026-11-02T09:00"), to: at("2026-11-18T13:00")) == 100 * hour)
        // Before 1970 too (days counted with floor division).
        #expect(office.seconds(from: at("1969-12-26T09:00"), to: at("1970-01-05T17:00")) == 56 * hour)
    }

    @Test func businessHoursFollowTheZoneAcrossAClockChange() {
        let berlin = TimeZone(identifier: "Europe/Berlin")!
        let clock = BusinessClock(hours: BusinessHours(start: 9 * 60, end: 17 * 60), days: [1, 2, 3, 4, 5],
                                  zone: ZoneOffsets(timeZone: berlin))
        // Friday Oct 23 2026 16:00 CEST + 2 h: 1 h Friday, 1 h Monday Oct 26 (now CET) -> 10:00 CET = 09:00Z.
        let due = clock.deadline(from: at("2026-10-23T16:00", berlin), after: 2 * hour)
        #expect(due == at("2026-10-26T09:00"))
        #expect(clock.seconds(from: at("2026-10-23T16:00", berlin), to: due) == 2 * hour)
    }

    @Test func otherBusinessDays() {
        // Sunday-Thursday, 08:00-12:00: Thursday 11:00 + 3 h -> 1 h Thursday, then Sunday 08:00 + 2 h.
        let clock = BusinessClock(hours: BusinessHours(start: 8 * 60, end: 12 * 60), days: [7, 1, 2, 3, 4], zone: ZoneOffsets(timeZone: utc))
        #expect(clock.deadline(from: at("2026-11-05T11:00"), after: 3 * hour) == at("2026-11-08T10:00"))
    }

    @Test func medianAndNearestRank() {
        var odd: [Double] = [5, 1, 3]
        #expect(Quantiles.median(&odd) == 3)
        var even: [Double] = [4, 1, 3, 2]
        #expect(Quantiles.median(&even) == 2.5)
        var ten: [Double] = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]
        // rank ceil(0.9 x 10) = 9 -> the 9th smallest.
        #expect(Quantiles.nearestRank(&ten, 0.9) == 9)
        var eleven = (1...11).map(Double.init).reversed().map { $0 }
        // ceil(9.9) = 10.
        #expect(Quantiles.nearestRank(&eleven, 0.9) == 10)
        var empty: [Double] = []
        #expect(Quantiles.median(&empty) == nil)
        // Many equal values and a sorted run.
        var same = [Double](repeating: 2, count: 1001)
        #expect(Quantiles.median(&same) == 2)
        var sorted = (0..<1000).map(Double.init)
        #expect(Quantiles.median(&sorted) == 499.5)
        #expect(Quantiles.nearestRank(&sorted, 0.9) == 899)
    }
}
