import Foundation

/// Numbers written for the screen: short, aligned, and never a missing value shown as 0.
/// Every function takes an optional; nil and NaN come out as `missing`. An infinity is a total
/// that overflowed, not a missing value: it is shown as too large (`overflow`, or the cap of a
/// short form). Figures too large for their form keep to their column's width: short forms cap
/// (`>$999T`, `>999%`, `>999x`), exact ones switch to powers of ten from 10^15 on (`1.7e308`),
/// where a double's digits stop being exact.
/// Output is the same in every locale (a dashboard shared by a team should read the same everywhere).
public struct NumberText: Sendable, Hashable {
    /// Written before amounts of money: "$", "€", "CHF ".
    public var currencySymbol: String
    /// Shown for a missing value: "—" with Unicode glyphs, "-" in ASCII.
    public var missing: String
    /// Shown by the exact forms for a total too large to hold (it overflowed to infinity).
    public var overflow: String

    public init(currencySymbol: String = "$", missing: String = "—", overflow: String = "overflow") {
        self.currencySymbol = currencySymbol
        self.missing = missing
        self.overflow = overflow
    }

    public init(glyphs: Glyphs, currencySymbol: String = "$") {
        self.init(currencySymbol: currencySymbol, missing: glyphs.missing)
    }

    /// From this magnitude on, exact forms are written as powers of ten and short forms cap.
    static let largeMagnitude = 1e15

    /// Money in at most about five characters: `$950`, `$45.3k`, `$453k`, `$1.2M`, `-$3.0k`;
    /// `>$999T` past that.
    public func money(_ value: Double?) -> String {
        guard let value = known(value) else { return missing }
        guard let digits = Self.compact(abs(value)) else { return (value < 0 ? "<-" : ">") + currencySymbol + "999T" }
        return (value < 0 && digits != "0" ? "-" : "") + currencySymbol + digits
    }

    /// Money in whole units with thousands separators: `$12,345`, or with cents: `$12,345.67`.
    public func moneyExact(_ value: Double?, cents: Bool = false) -> String {
        guard let value = known(value) else { return missing }
        guard value.isFinite else { return overflow }
        let digits = Self.exact(abs(value), decimals: cents ? 2 : 0, grouped: true)
        return (value < 0 && !Self.isZero(digits) ? "-" : "") + currencySymbol + digits
    }

    /// A fraction as a percentage: 0.632 -> `63.2%`; `>999%` from 1000% on, so a figure far off
    /// its target keeps to the column the others fit.
    public func percent(_ fraction: Double?, decimals: Int = 1) -> String {
        guard let fraction = known(fraction) else { return missing }
        let percent = fraction * 100
        if let cap = Self.capped(percent, limit: 999, suffix: "%", plus: false) { return cap }
        return Self.signed(percent, decimals: decimals, plus: false) + "%"
    }

    /// A change as a signed percentage: 0.12 -> `+12%`, -0.034 -> `-3.4%`, 0 -> `0%`.
    /// One decimal under 10%, none above, so small changes are not rounded away; `>+999%` from 1000% on.
    public func delta(_ fraction: Double?) -> String {
        guard let fraction = known(fraction) else { return missing }
        let percent = fraction * 100
        if let cap = Self.capped(percent, limit: 999, suffix: "%", plus: true) { return cap }
        let decimals = abs(percent) < 9.95 ? 1 : 0
        return Self.signed(percent, decimals: decimals, plus: true) + "%"
    }

    /// A count with thousands separators: `12,345`.
    public func count(_ value: Int?) -> String {
        guard let value else { return missing }
        if Double(value.magnitude) >= Self.largeMagnitude { return count(Double(value)) }
        return (value < 0 ? "-" : "") + Self.grouped(value.magnitude)
    }

    /// A count given as a Double (a sum, an average), rounded: `12,345`.
    public func count(_ value: Double?) -> String {
        guard let value = known(value) else { return missing }
        guard value.isFinite else { return overflow }
        let digits = Self.exact(abs(value), decimals: 0, grouped: true)
        return (value < 0 && !Self.isZero(digits) ? "-" : "") + digits
    }

    /// A count in a few characters: `950`, `12.3k`, `1.2M`; `>999T` past that.
    public func compactCount(_ value: Double?) -> String {
        guard let value = known(value) else { return missing }
        guard let digits = Self.compact(abs(value)) else { return (value < 0 ? "<-" : ">") + "999T" }
        return (value < 0 && digits != "0" ? "-" : "") + digits
    }

    /// A plain decimal number: `3.14`.
    public func decimal(_ value: Double?, decimals: Int = 1) -> String {
        guard let value = known(value) else { return missing }
        guard value.isFinite else { return overflow }
        if abs(value) >= Self.largeMagnitude { return (value < 0 ? "-" : "") + Self.scientific(abs(value)) }
        return Self.signed(value, decimals: decimals, plus: false)
    }

    /// A ratio such as pipeline coverage or pacing: `2.4x`.
    /// A multiple such as a pace: `0.95x`, `11.3x`, `113x`, `>999x`. Decimals drop as the figure
    /// grows, so a rep far ahead early in the month still fits the column the others do.
    public func multiple(_ value: Double?, decimals: Int = 1) -> String {
        guard let value = known(value) else { return missing }
        if let cap = Self.capped(value, limit: 999, suffix: "x", plus: false) { return cap }
        let size = abs(value)
        let shown = size >= 99.5 ? 0 : (size >= 9.95 ? min(decimals, 1) : decimals)
        return Self.signed(value, decimals: shown, plus: false) + "x"
    }

    /// A target in hours as the settings give it: `4h`, `1.5h`, `30m`, `15m` (whole hours were
    /// printed for every value, so half an hour read as `1h` and a quarter as `0h`).
    public func targetHours(_ hours: Double) -> String {
        guard hours.isFinite else { return missing }
        if hours * 60 < 0.5 { return "\(Int((hours * 3600).rounded()))s" }
        if hours < 1 { return "\(Int((hours * 60).rounded()))m" }
        var trimmed = Substring(Self.signed(hours, decimals: 2, plus: false))
        while trimmed.hasSuffix("0") { trimmed = trimmed.dropLast() }
        // 1.001 is "1." once its zeros go: the point goes too.
        if trimmed.hasSuffix(".") { trimmed = trimmed.dropLast() }
        return String(trimmed) + "h"
    }

    /// A duration: `45s`, `45m`, `3.2h`, `14h`, `2d 4h`, `120d`.
    public func duration(seconds: Double?) -> String {
        guard let seconds, seconds.isFinite else { return missing }
        if seconds < 0 {
            let text = duration(seconds: -seconds)
            return text == "0s" ? text : "-" + text
        }
        let wholeSeconds = seconds.rounded()
        if wholeSeconds < 60 { return "\(Int(wholeSeconds))s" }
        let minutes = (seconds / 60).rounded()
        if minutes < 60 { return "\(Int(minutes))m" }
        let hours = seconds / 3600
        if hours < 9.95 { return Self.fixed(hours, decimals: 1, grouped: false) + "h" }
        if hours.rounded() < 24 { return "\(Int(hours.rounded()))h" }
        var days = Int(seconds / 86_400)
        var restHours = Int(((seconds - Double(days) * 86_400) / 3600).rounded())
        if restHours == 24 {
            days += 1
            restHours = 0
        }
        if days >= 100 || restHours == 0 { return "\(days)d" }
        return "\(days)d \(restHours)h"
    }

    /// The value, or nil when there is none (nil or NaN). Infinities are kept: they are totals
    /// that overflowed.
    private func known(_ value: Double?) -> Double? {
        guard let value, !value.isNaN else { return nil }
        return value
    }

    /// `>999%` (or `<-999%`, `>+999%`) when `value` would print with more whole digits than `limit` has.
    static func capped(_ value: Double, limit: Double, suffix: String, plus: Bool) -> String? {
        guard abs(value) >= limit + 0.5 else { return nil }
        let digits = fixed(limit, decimals: 0, grouped: false)
        return value < 0 ? "<-" + digits + suffix : ">" + (plus ? "+" : "") + digits + suffix
    }

    static func isZero(_ digits: String) -> Bool { digits.allSatisfy { $0 == "0" || $0 == "." || $0 == "," } }

    /// `magnitude` (>= 0) with the largest unit that keeps it under 1000 after rounding:
    /// no decimals below 1000, one decimal under 100 of a unit, none above. Nil from 1000T on
    /// (and for an infinity): no unit is left.
    static func compact(_ magnitude: Double) -> String? {
        guard magnitude.isFinite else { return nil }
        let units: [(scale: Double, suffix: String)] = [(1, ""), (1e3, "k"), (1e6, "M"), (1e9, "B"), (1e12, "T")]
        for unit in units {
            let scaled = magnitude / unit.scale
            let decimals = unit.scale == 1 ? 0 : (scaled < 99.95 ? 1 : 0)
            let text = fixed(scaled, decimals: decimals, grouped: false)
            let roundedValue = Double(text) ?? scaled
            if roundedValue < 1000 { return text + unit.suffix }
        }
        return nil
    }

    /// `magnitude` (>= 0, finite) in full digits, or as a power of ten from 10^15 on.
    static func exact(_ magnitude: Double, decimals: Int, grouped useGroups: Bool) -> String {
        magnitude >= largeMagnitude ? scientific(magnitude) : fixed(magnitude, decimals: decimals, grouped: useGroups)
    }

    /// A large magnitude (>= 1, finite) with two significant digits: `1.0e23`, `1.7e308`.
    static func scientific(_ magnitude: Double) -> String {
        guard magnitude.isFinite, magnitude >= 1 else { return fixed(magnitude.isFinite ? magnitude : 0, decimals: 0, grouped: false) }
        var exponent = Int(log10(magnitude).rounded(.down))
        var mantissa = magnitude / pow(10, Double(exponent))
        // log10 can land one off at an exact power, and rounding can carry to 10.0.
        if mantissa < 1 { exponent -= 1; mantissa *= 10 }
        if mantissa >= 9.95 { exponent += 1; mantissa /= 10 }
        return fixed(mantissa, decimals: 1, grouped: false) + "e" + String(exponent)
    }

    /// `value` with a sign when negative (or when `plus` and positive), without "-0".
    static func signed(_ value: Double, decimals: Int, plus: Bool) -> String {
        let digits = fixed(abs(value), decimals: decimals, grouped: false)
        let isZero = digits.allSatisfy { $0 == "0" || $0 == "." }
        if isZero { return digits }
        if value < 0 { return "-" + digits }
        return plus ? "+" + digits : digits
    }

    /// A non-negative number rounded to `decimals` places, written with a dot.
    static func fixed(_ magnitude: Double, decimals: Int, grouped useGroups: Bool) -> String {
        let places = min(max(0, decimals), 6)
        var scale: Double = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (magnitude * scale).rounded()
        guard scaled < 9.0e18 else { return scientific(magnitude) }
        let whole = UInt64(scaled)
        let unit = UInt64(scale)
        let integerPart = whole / unit
        var text = useGroups ? grouped(integerPart) : String(integerPart)
        if places > 0 {
            let fraction = String(whole % unit)
            text += "." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return text
    }

    static func grouped<T: BinaryInteger>(_ value: T) -> String {
        let digits = String(value)
        var out = ""
        out.reserveCapacity(digits.count + digits.count / 3)
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }
}
