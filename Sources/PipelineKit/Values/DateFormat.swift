/// The order of year, month and day in a data file's dates. Never guessed: `03/01/17` is March 1st
/// or January 3rd depending on who exported it, so the settings say which.
public enum DateOrder: String, Sendable, CaseIterable {
    /// `2026-11-03`, `2026-11-03T14:05:09.123+01:00`
    case iso
    /// `03/01/17`, `3/1/2017`, `02/24/26 08:55 PM`
    case mdy
    /// `01/03/17`, `1.3.2017 20:55`
    case dmy
    /// `2017/03/01`, `2017.03.01 20:55`
    case ymd
}

public struct DateFormat: Sendable, Hashable {
    public var order: DateOrder

    public init(order: DateOrder) { self.order = order }

    public static let iso = DateFormat(order: .iso)

    /// Reads the `date_format` setting: a name (`iso`, `mdy`, `dmy`, `ymd`, `us`, `eu`) or a pattern
    /// (`MM/DD/YY`, `M/D/YYYY`, `DD/MM/YYYY`, `DD.MM.YY`, `YYYY-MM-DD`, `YYYY/MM/DD`), case-insensitive.
    /// A time part after the date (`MM/DD/YY hh:mm AM`) is allowed and ignored: the time layout is
    /// recognised by itself.
    public init?(setting: String) {
        let trimmed = setting.trimmingASCIISpaces()
        let word = trimmed.lowercased()
        if let order = DateOrder(rawValue: word) {
            self.order = order
            return
        }
        switch word {
        case "us": self.order = .mdy; return
        case "eu", "europe", "european": self.order = .dmy; return
        default: break
        }
        // A pattern: its first word, three runs of Y, M and D with one kind of separator between.
        let datePart = trimmed.uppercased().split(separator: " ", maxSplits: 1).first.map(String.init) ?? ""
        var runs: [(letter: Character, length: Int)] = []
        var separators = Set<Character>()
        var previousWasLetter = false
        for c in datePart {
            switch c {
            case "Y", "M", "D":
                if previousWasLetter, let last = runs.last, last.letter == c {
                    runs[runs.count - 1].length += 1
                } else if previousWasLetter {
                    return nil  // "YYYYMMDD" without separators is not supported
                } else {
                    runs.append((c, 1))
                }
                previousWasLetter = true
            case "-", "/", ".":
                guard previousWasLetter else { return nil }
                separators.insert(c)
                previousWasLetter = false
            default:
                return nil
            }
        }
        guard previousWasLetter, runs.count == 3, Set(runs.map(\.letter)).count == 3,
              separators.count == 1, let separator = separators.first else { return nil }
        for run in runs {
            if run.letter == "Y" {
                guard run.length == 2 || run.length == 4 else { return nil }
            } else {
                guard run.length <= 2 else { return nil }
            }
        }
        switch String(runs.map(\.letter)) {
        case "MDY": self.order = .mdy
        case "DMY": self.order = .dmy
        case "YMD": self.order = (separator == "-" && runs[0].length == 4) ? .iso : .ymd
        default: return nil
        }
    }

    /// The spelling used in settings files.
    public var setting: String { order.rawValue }
}

extension String {
    func trimmingASCIISpaces() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
