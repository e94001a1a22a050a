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

    @Test func dayTablesAgreeWithTheZone() {
        // Every 15 minutes over 2026 in zones with clock changes (and Lord Howe's half hour),
        // inside and around the table's span.
        for name in ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe"] {
            let zone = ZoneOffsets(timeZone: TimeZone(identifier: name)!)
            let first = daysFromCivil(year: 2026, month: 1, day: 1)
            let table = DayOffsets(zone: zone, days: (first + 30)..<(first + 330))
            var t = Int64(first) * 86_400
            while t < Int64(first + 365) * 86_400 {
                #expect(table.local(fromUTC: t) == zone.local(fromUTC: t), "\(name) \(t)")
                #expect(table.utc(fromLocal: t) == zone.utc(fromLocal: t), "\(name) local \(t)")
                t += 900
            }
        }
    }

    @Test func clockWithADayTableAgreesWithoutOne() {
        let berlin = ZoneOffsets(timeZone: TimeZone(identifier: "Europe/Berlin")!)
        let hours = BusinessHours(start: 8 * 60 + 30, end: 17 * 60)
        let plain = BusinessClock(hours: hours, days: [1, 2, 3, 4, 5], zone: berlin)
        let quick = BusinessClock(hours: hours, days: [1, 2, 3, 4, 5], zone: berlin,
                                  span: at("2026-01-01T00:00")..<at("2026-12-31T00:00"))
        #expect(quick.dayOffsets != nil && plain.dayOffsets == nil)
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let from = at("2025-12-01T00:00") + Int64.random(in: 0...(400 * 86_400), using: &rng)
            let span = Int64.random(in: 0...(30 * 86_400), using: &rng)
            #expect(quick.deadline(from: from, after: span / 10) == plain.deadline(from: from, after: span / 10))
            #expect(quick.seconds(from: from, to: from + span) == plain.seconds(from: from, to: from + span))
        }
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
        // Seconds, reported in days: 1 h, 2 d, 3 d -> 2 days.
        var seconds: [Int64] = [3600, 2 * 86_400, 3 * 86_400]
        #expect(Quantiles.median(seconds: &seconds, unitSeconds: 86_400) == 2)
    }
}

@Suite struct MetricsSortTests {
    @Test func radixSortMatchesSorting() {
        var rng = SystemRandomNumberGenerator()
        for n in [0, 1, 2, 511, 512, 5000] {
            for bits in [3, 20, 40, 64] {
                let keys = (0..<n).map { _ in bits == 64 ? rng.next() : rng.next() & ((1 << UInt64(bits)) - 1) }
                var radix = keys
                RadixSort.sort(&radix)
                #expect(radix == keys.sorted(), "n \(n), \(bits) bits")
            }
        }
    }

    @Test func rowsByKeyBreakTiesByRow() {
        let keys: [Int64] = [30, -5, 30, 7, -5, 1_000_000_000_000]
        #expect(RadixSort.rows(Array(keys.indices)) { keys[$0] } == [1, 4, 3, 0, 2, 5])
        // Many rows, few distinct keys: ties stay in row order.
        let many = (0..<3000).map { Int64($0 % 7) }
        let sorted = RadixSort.rows(Array(many.indices).reversed()) { many[$0] }
        #expect(sorted == Array(many.indices).sorted { many[$0] != many[$1] ? many[$0] < many[$1] : $0 < $1 })
        // Keys too far apart to pack with the rows fall back to comparison.
        let extreme: [Int64] = [Int64.max, Int64.min, 0]
        #expect(RadixSort.rows([0, 1, 2]) { extreme[$0] } == [1, 2, 0])
    }
}
