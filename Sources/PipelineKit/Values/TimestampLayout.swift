import Foundation

/// How a file writes its moments, learned from one of its own cells (`02/23/26 08:55 PM`,
/// `2024-01-19T09:42:24.000+0000`, `3.1.2017`), so that a value pipetop writes into the file
/// looks like its neighbours: the same order, separators, padding, year digits, 12- or 24-hour
/// clock, seconds, fraction and zone designator.
public struct TimestampLayout: Sendable, Equatable {
    enum Part: Sendable, Equatable { case year, month, day }

    var parts: [Part]
    var dateSeparator: Character
    var twoDigitYear: Bool
    var padMonth: Bool
    var padDay: Bool
    /// Between the date and the time: "T", " " or ", "; nil for a date alone.
    var timeSeparator: String?
    var padHour: Bool
    var seconds: Bool
    var fractionDigits: Int
    /// " AM" or "AM" (as the sample spaces it) for a 12-hour clock, upper or lower case.
    var meridiem: (space: Bool, upper: Bool)?
    /// The zone designator as the sample writes it ("Z", "+0000", "+00:00", " UTC"): moments are
    /// then written in UTC; without one, on the data's own wall clock.
    var zone: String?

    public static func == (a: TimestampLayout, b: TimestampLayout) -> Bool {
        a.parts == b.parts && a.dateSeparator == b.dateSeparator && a.twoDigitYear == b.twoDigitYear
            && a.padMonth == b.padMonth && a.padDay == b.padDay && a.timeSeparator == b.timeSeparator
            && a.padHour == b.padHour && a.seconds == b.seconds && a.fractionDigits == b.fractionDigits
            && a.meridiem?.space == b.meridiem?.space && a.meridiem?.upper == b.meridiem?.upper && a.zone == b.zone
    }

    /// The layout of `sample`, read under the file's date order; nil when the sample is not a
    /// date this can copy.
    public init?(sample: String, order: DateOrder) {
        let s = Array(sample.trimmingCharacters(in: .whitespaces))
        var i = 0
        func digits() -> String {
            var run = ""
            while i < s.count, s[i].isASCII, s[i].isNumber { run.append(s[i]); i += 1 }
            return run
        }
        let first = digits()
        guard !first.isEmpty, i < s.count, "-/.".contains(s[i]) else { return nil }
        let separator = s[i]
        i += 1
        let second = digits()
        guard !second.isEmpty, i < s.count, s[i] == separator else { return nil }
        i += 1
        let third = digits()
        guard !third.isEmpty else { return nil }
        let runs = [first, second, third]
        // A four-digit first field is a year whatever the order, as the reader takes it.
        if first.count == 4 || order == .iso || order == .ymd { parts = [.year, .month, .day] }
        else if order == .mdy { parts = [.month, .day, .year] }
        else { parts = [.day, .month, .year] }
        dateSeparator = separator
        let yearRun = runs[parts.firstIndex(of: .year)!], monthRun = runs[parts.firstIndex(of: .month)!]
        let dayRun = runs[parts.firstIndex(of: .day)!]
        guard yearRun.count == 2 || yearRun.count == 4, monthRun.count <= 2, dayRun.count <= 2 else { return nil }
        twoDigitYear = yearRun.count == 2
        padMonth = monthRun.count == 2
        padDay = dayRun.count == 2

        timeSeparator = nil
        padHour = true
        seconds = false
        fractionDigits = 0
        meridiem = nil
        zone = nil
        guard i < s.count else { return }
        if s[i] == "T" { timeSeparator = "T"; i += 1 }
        else if s[i] == ",", i + 1 < s.count, s[i + 1] == " " { timeSeparator = ", "; i += 2 }
        else if s[i] == " " { timeSeparator = " "; i += 1 }
        else { return nil }
        let hour = digits()
        guard (1...2).contains(hour.count), i < s.count, s[i] == ":" else { return nil }
        i += 1
        guard digits().count == 2 else { return nil }
        padHour = hour.count == 2
        if i < s.count, s[i] == ":" {
            i += 1
            guard digits().count == 2 else { return nil }
            seconds = true
            if i < s.count, s[i] == "." {
                i += 1
                fractionDigits = digits().count
                guard fractionDigits > 0 else { return nil }
            }
        }
        let rest = String(s[i...])
        let bare = rest.trimmingCharacters(in: .whitespaces)
        if ["AM", "PM", "am", "pm"].contains(String(bare.prefix(2))) {
            meridiem = (space: rest.hasPrefix(" "), upper: bare.hasPrefix("AM") || bare.hasPrefix("PM"))
            let after = String(bare.dropFirst(2))
            guard after.isEmpty else { return nil }
        } else if !rest.isEmpty {
            // A zone: Z, +hhmm, +hh:mm, +hh, or UTC/GMT after a space.
            let plain = rest.hasPrefix(" ") ? String(rest.dropFirst()) : rest
            let known = plain == "Z" || plain == "UTC" || plain == "GMT"
                || ((plain.hasPrefix("+") || plain.hasPrefix("-")) && [3, 5, 6].contains(plain.count))
            guard known else { return nil }
            switch plain {
            case "Z", "UTC", "GMT": zone = rest
            default:
                let spaced = rest.hasPrefix(" ") ? " " : ""
                zone = spaced + (plain.count == 3 ? "+00" : plain.count == 5 ? "+0000" : "+00:00")
            }
        }
    }

    /// `moment` in this layout: on `timeZone`'s wall clock, or in UTC when the layout has a zone.
    /// `withTime`: a moment whose time matters (a touch, a stage change) keeps it even when the
    /// layout is a date alone, as " hh:mm" in 24 hours; else a date alone is written as one.
    public func format(_ moment: Int64, timeZone: TimeZone, withTime: Bool) -> String {
        let offset = zone == nil ? Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(moment)))) : 0
        let local = moment + offset
        let days = floorDays(local)
        let (y, m, d) = civilFromDays(days)
        var fields: [String] = []
        for part in parts {
            switch part {
            case .year: fields.append(twoDigitYear ? Self.pad(((y % 100) + 100) % 100, 2) : Self.pad(y, 4))
            case .month: fields.append(padMonth ? Self.pad(m, 2) : String(m))
            case .day: fields.append(padDay ? Self.pad(d, 2) : String(d))
            }
        }
        var out = fields.joined(separator: String(dateSeparator))
        guard timeSeparator != nil || withTime else { return out }
        let secondsOfDay = Int(local - Int64(days) * 86_400)
        let h = secondsOfDay / 3600, minute = secondsOfDay / 60 % 60, second = secondsOfDay % 60
        guard let timeSeparator else { return out + " " + Self.pad(h, 2) + ":" + Self.pad(minute, 2) }
        out += timeSeparator
        if let meridiem {
            let h12 = h % 12 == 0 ? 12 : h % 12
            out += (padHour ? Self.pad(h12, 2) : String(h12)) + ":" + Self.pad(minute, 2)
            if seconds { out += ":" + Self.pad(second, 2) }
            if fractionDigits > 0 { out += "." + String(repeating: "0", count: fractionDigits) }
            let word = h < 12 ? "AM" : "PM"
            out += (meridiem.space ? " " : "") + (meridiem.upper ? word : word.lowercased())
        } else {
            out += (padHour ? Self.pad(h, 2) : String(h)) + ":" + Self.pad(minute, 2)
            if seconds { out += ":" + Self.pad(second, 2) }
            if fractionDigits > 0 { out += "." + String(repeating: "0", count: fractionDigits) }
        }
        if let zone { out += zone }
        return out
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count < width ? String(repeating: "0", count: width - digits.count) + digits : digits
    }
}
