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
        case .custom(let a, let b): return .custom(from: a, to: b, timeZone: settings.timeZone)
        }
    }

    /// `YYYY-MM-DD..YYYY-MM-DD` in the data's zone, the last day counted in full; nil when the
    /// text is not such a range or ends before it starts.
    public static func range(_ text: String, timeZone: TimeZone) -> PeriodChoice? {
        let ends = text.components(separatedBy: "..")
        let parser = TimestampParser(format: .iso, timeZone: timeZone)
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
