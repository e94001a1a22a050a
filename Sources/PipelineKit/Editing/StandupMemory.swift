import Foundation

/// When the standups in a data folder began, one moment a line in `.pipetop-standup`, so that
/// "since last standup" starts where the previous day's standup did. The first start of a day is
/// the day's standup: opening the standup again that day (a restarted wall screen, a second
/// laptop, a try before the meeting) neither moves it nor empties the pane.
public enum StandupMemory {
    public static let fileName = ".pipetop-standup"
    /// Moments kept: enough for a few weeks of standups, and a small file.
    static let kept = 30

    /// The start of the latest standup on a day before `moment`'s, in the settings' time zone.
    public static func last(in folder: URL, before moment: Int64, timeZone: TimeZone) -> Int64? {
        let today = day(moment, timeZone)
        return moments(in: folder, timeZone: timeZone).filter { day($0, timeZone) < today }.max()
    }

    /// Records `moment` as its day's standup unless that day already has one. A folder that
    /// cannot be written keeps what it had.
    public static func remember(_ moment: Int64, in folder: URL, timeZone: TimeZone) {
        var all = moments(in: folder, timeZone: timeZone)
        guard !all.contains(where: { day($0, timeZone) == day(moment, timeZone) }) else { return }
        all.append(moment)
        // In UTC with its zone: a change of the settings' time zone later leaves the moments where they were.
        let utc = TimeZone(identifier: "UTC")!
        let text = all.sorted().suffix(kept).map { formatISO($0, timeZone: utc, withTime: true) + "Z\n" }.joined()
        try? AtomicFile.write(Array(text.utf8), to: folder.appendingPathComponent(fileName))
    }

    static func moments(in folder: URL, timeZone: TimeZone) -> [Int64] {
        guard let text = try? String(contentsOf: folder.appendingPathComponent(fileName), encoding: .utf8) else { return [] }
        let parser = TimestampParser(format: .iso, timeZone: timeZone)
        return text.split(whereSeparator: \.isNewline).compactMap { parser.parse($0.trimmingCharacters(in: .whitespaces)) }
    }

    /// The calendar day as YYYY-MM-DD, which sorts as the days do.
    static func day(_ t: Int64, _ timeZone: TimeZone) -> String { formatISO(t, timeZone: timeZone, withTime: false) }
}
