/// Proleptic Gregorian calendar arithmetic on plain integers, so the loaders and metrics never need
/// Foundation's Calendar per value. Day 0 is 1970-01-01.

/// Days since 1970-01-01 for a civil date (the well-known era-based days-from-civil algorithm).
@inline(__always)
public func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400                                   // [0, 399]
    let shiftedMonth = month > 2 ? month - 3 : month + 9            // March = 0
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1          // [0, 365]
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}

/// The civil date of a day count since 1970-01-01 (the inverse of `daysFromCivil`).
@inline(__always)
public func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
    let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
    return (month <= 2 ? yearOfEra + era * 400 + 1 : yearOfEra + era * 400, month, day)
}

@inline(__always)
public func isLeapYear(_ year: Int) -> Bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

@inline(__always)
public func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
}

/// 1 = Monday ... 7 = Sunday (ISO 8601), for a day count since 1970-01-01 (a Thursday).
@inline(__always)
public func isoWeekday(days: Int) -> Int {
    let r = (days + 3) % 7
    return (r < 0 ? r + 7 : r) + 1
}

/// Floor division of seconds into whole days, correct for instants before 1970.
@inline(__always)
public func floorDays(_ seconds: Int64) -> Int {
    let d = seconds / 86_400
    return Int(seconds % 86_400 < 0 ? d - 1 : d)
}
