import Foundation
import PipelineKit

/// Moments written for the screen, in the data's time zone: the shapes the panes share.
enum TimeText {
    /// `2026-11-26`.
    static func day(_ t: Int64, _ zone: TimeZone) -> String {
        String(formatISO(t, timeZone: zone, withTime: false).prefix(10))
    }

    /// `2026-11-26 09:15`.
    static func minute(_ t: Int64, _ zone: TimeZone) -> String {
        String(formatISO(t, timeZone: zone, withTime: true).prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    /// `11-26 09:15`: for columns where the year goes without saying.
    static func monthDayMinute(_ t: Int64, _ zone: TimeZone) -> String {
        String(minute(t, zone).dropFirst(5))
    }
}
