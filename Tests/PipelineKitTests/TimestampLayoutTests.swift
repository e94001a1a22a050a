import Foundation
import Testing
@testable import PipelineKit

/// Moments written into a file look like the file's own, and read back as the same moment.
struct TimestampLayoutTests {
    static let zone = TimeZone(identifier: "America/New_York")!
    /// 2026-11-26 10:30:15 in New York; 15:30:15 UTC.
    static let moment: Int64 = 1_795_707_015

    @Test(arguments: [
        ("02/23/26 08:55 PM", DateOrder.mdy, "11/26/26 10:30 AM"),
        ("02/24/26", .mdy, "11/26/26 10:30"),
        ("3/1/2017", .mdy, "11/26/2026 10:30"),
        ("11/26/2026, 9:05 pm", .mdy, "11/26/2026, 10:30 am"),
        ("2026-06-30 14:17", .mdy, "2026-11-26 10:30"),
        ("1.3.2017 20:55", .dmy, "26.11.2026 10:30"),
        ("2017/03/01", .ymd, "2026/11/26 10:30"),
        ("2026-11-03T14:05:09", .iso, "2026-11-26T10:30:15"),
        ("2024-01-19T09:42:24.000+0000", .iso, "2026-11-26T15:30:15.000+0000"),
        ("2026-01-02T03:04:05Z", .iso, "2026-11-26T15:30:15Z"),
        ("2026-11-26", .iso, "2026-11-26 10:30"),
    ])
    func writesLikeTheSample(sample: String, order: DateOrder, expected: String) throws {
        let layout = try #require(TimestampLayout(sample: sample, order: order))
        let text = layout.format(Self.moment, timeZone: Self.zone, withTime: true)
        #expect(text == expected)
        // Read back under the file's own date order: the same moment, to the precision written.
        let parser = TimestampParser(format: DateFormat(order: order), timeZone: Self.zone)
        let precision: Int64 = text.filter { $0 == ":" }.count >= 2 ? 1 : 60
        #expect(parser.parse(text) == Self.moment / precision * precision, "\(text)")
    }

    @Test func aDateAloneStaysADateWhenNoTimeIsWanted() throws {
        let layout = try #require(TimestampLayout(sample: "02/03/24", order: .mdy))
        #expect(layout.format(Self.moment, timeZone: Self.zone, withTime: false) == "11/26/26")
        let padded = try #require(TimestampLayout(sample: "2024-11-10", order: .iso))
        #expect(padded.format(Self.moment, timeZone: Self.zone, withTime: false) == "2026-11-26")
    }

    @Test func everyHourOfADayReadsBack() throws {
        for sample in ["02/23/26 08:55 PM", "2/3/2024 8:05 am", "1.3.2017 20:55", "2024-01-19T09:42:24.000+0000"] {
            let order: DateOrder = sample.contains(".") && !sample.contains("T") ? .dmy : (sample.hasPrefix("2024-") ? .iso : .mdy)
            let layout = try #require(TimestampLayout(sample: sample, order: order))
            let parser = TimestampParser(format: DateFormat(order: order), timeZone: Self.zone)
            for hour in 0..<24 {
                let t = Self.moment - 10 * 3600 + Int64(hour) * 3600 + 7 * 60
                let text = layout.format(t, timeZone: Self.zone, withTime: true)
                let precision: Int64 = text.filter { $0 == ":" }.count >= 2 ? 1 : 60
                #expect(parser.parse(text) == t / precision * precision, "\(sample) -> \(text)")
            }
        }
    }

    @Test func notADateIsNoLayout() {
        for sample in ["soon", "12", "2026-11", "11/26/26 10", "2026-11-26T10:30 tomorrow", "11/26/26 10:30 XM", "12345/1/1"] {
            #expect(TimestampLayout(sample: sample, order: .mdy) == nil, "\(sample)")
        }
    }
}
