import Foundation
import PipelineKit

/// Which period the numbers are for.
public enum PeriodChoice: Sendable, Equatable {
    case month
    case quarter
    case custom(from: Int64, to: Int64)

    public func period(asOf: Int64, settings: Settings) -> Period {
        switch self {
        case .month: return .month(containing: asOf, timeZone: settings.timeZone)
        case .quarter: return .quarter(containing: asOf, fiscalYearStartMonth: settings.fiscalYearStartMonth, timeZone: settings.timeZone)
        case .custom(let a, let b):
            // A range that is exactly a calendar month or a fiscal quarter is that month or
            // quarter, so its quotas apply: a past month can be looked at as a month.
            let range = Period.custom(from: a, to: b, timeZone: settings.timeZone)
            let month = Period.month(containing: range.start, timeZone: settings.timeZone)
            if month.start == range.start && month.end == range.end { return month }
            let quarter = Period.quarter(containing: range.start, fiscalYearStartMonth: settings.fiscalYearStartMonth, timeZone: settings.timeZone)
            if quarter.start == range.start && quarter.end == range.end { return quarter }
            return range
        }
    }

    /// `YYYY-MM-DD..YYYY-MM-DD` in the data's zone, the last day counted in full, or `YYYY-MM`
    /// for a whole month; nil when the text is neither or ends before it starts.
    /// For a range that does not read: its two days written the wrong way round, said so with
    /// the range to write instead; nil otherwise.
    public static func reversedRange(_ text: String, timeZone: TimeZone) -> String? {
        let ends = text.components(separatedBy: "..").map { $0.trimmingCharacters(in: .whitespaces) }
        guard ends.count == 2, ends[0].count == 10, ends[1].count == 10, ends[0] > ends[1],
              range(ends[1] + ".." + ends[0], timeZone: timeZone) != nil else { return nil }
        return "the end comes before the start; write \(ends[1])..\(ends[0])"
    }

    public static func range(_ text: String, timeZone: TimeZone) -> PeriodChoice? {
        let parser = TimestampParser(format: .iso, timeZone: timeZone)
        let parts = text.split(separator: "-")
        if parts.count == 2, parts[0].count == 4, parts[1].count == 2, let first = parser.parse(text + "-01") {
            let month = Period.month(containing: first, timeZone: timeZone)
            return .custom(from: month.start, to: month.end - 1)
        }
        let ends = text.components(separatedBy: "..")
        guard ends.count == 2, let a = parser.parse(ends[0]), let b = parser.parse(ends[1]), b >= a else { return nil }
        // Period.custom counts the day of `to` in full already.
        return .custom(from: a, to: b)
    }

    /// month -> quarter -> month; a custom range goes back to the month.
    public var next: PeriodChoice {
        switch self {
        case .month: return .quarter
        case .quarter, .custom: return .month
        }
    }
}
