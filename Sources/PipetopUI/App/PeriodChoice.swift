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

    /// month -> quarter -> month; a custom range goes back to the month.
    public var next: PeriodChoice {
        switch self {
        case .month: return .quarter
        case .quarter, .custom: return .month
        }
    }
}
