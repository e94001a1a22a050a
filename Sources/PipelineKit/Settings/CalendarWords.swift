/// Month and weekday names and the `09:00-17:00` hours spelling, as settings write them.
enum CalendarWords {
    static let months = Vocabulary(
        words: ["january", "february", "march", "april", "may", "june", "july", "august", "september",
                "october", "november", "december"],
        aliases: ["jan": "january", "feb": "february", "mar": "march", "apr": "april", "jun": "june",
                  "jul": "july", "aug": "august", "sep": "september", "sept": "september", "oct": "october",
                  "nov": "november", "dec": "december"])

    /// Index 0 = Monday, as ISO 8601 counts.
    static let weekdays = Vocabulary(
        words: ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"],
        aliases: ["mon": "monday", "tue": "tuesday", "tues": "tuesday", "wed": "wednesday", "thu": "thursday",
                  "thur": "thursday", "thurs": "thursday", "fri": "friday", "sat": "saturday", "sun": "sunday"])

    /// 1 = Monday ... 7 = Sunday, from a name or a number.
    static func weekday(_ raw: String) -> Int? {
        let t = raw.trimmingASCIISpaces()
        if let n = Int(t), (1...7).contains(n) { return n }
        return weekdays.index(of: t).map { $0 + 1 }
    }

    /// `mon-fri`, `Mon, Wed, Fri`, `sat-sun`, `fri-mon` (wrapping past Sunday), `weekdays`.
    static func weekdaySet(_ raw: String) -> Set<Int>? {
        switch normalizedKey(raw) {
        case "weekdays": return [1, 2, 3, 4, 5]
        case "weekend", "weekends": return [6, 7]
        case "everyday", "all": return [1, 2, 3, 4, 5, 6, 7]
        default: break
        }
        var days = Set<Int>()
        for part in raw.split(separator: ",") {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false)
            switch ends.count {
            case 1:
                guard let d = weekday(String(ends[0])) else { return nil }
                days.insert(d)
            case 2:
                guard var d = weekday(String(ends[0])), let last = weekday(String(ends[1])) else { return nil }
                days.insert(d)
                while d != last { d = d % 7 + 1; days.insert(d) }
            default:
                return nil
            }
        }
        return days.isEmpty ? nil : days
    }

    /// `09:00-17:00` or `9-17` as minutes of the day; the end may be `24:00`, and must be after the start.
    static func businessHours(_ raw: String) -> BusinessHours? {
        let ends = raw.split(separator: "-", omittingEmptySubsequences: false)
        guard ends.count == 2, let start = minutes(String(ends[0])), let end = minutes(String(ends[1])),
              start < end, start < 1440 else { return nil }
        return BusinessHours(start: start, end: end)
    }

    private static func minutes(_ raw: String) -> Int? {
        let parts = raw.trimmingASCIISpaces().split(separator: ":", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy({ ("0"..."9").contains($0) }) }),
              let h = Int(parts[0]), parts[0].count <= 2, (0...24).contains(h) else { return nil }
        var m = 0
        if parts.count == 2 {
            guard parts[1].count == 2, let mm = Int(parts[1]), (0...59).contains(mm) else { return nil }
            m = mm
        }
        let total = h * 60 + m
        return total <= 1440 ? total : nil
    }
}
