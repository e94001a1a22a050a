#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// How a data file writes numbers: which byte is the decimal separator and which bytes may group
/// thousands. A space among the grouping separators also stands for the no-break spaces
/// (U+00A0, U+202F) that spreadsheets write in `1 234,50`.
public struct NumberFormat: Sendable, Hashable {
    public var decimalSeparator: UInt8
    public var groupingSeparators: [UInt8]

    public init(decimalSeparator: UInt8, groupingSeparators: [UInt8]) {
        self.decimalSeparator = decimalSeparator
        self.groupingSeparators = groupingSeparators
    }

    /// `1,234.56`
    public static let standard = NumberFormat(decimalSeparator: UInt8(ascii: "."), groupingSeparators: [UInt8(ascii: ",")])
    /// `1.234,56` and `1 234,56`
    public static let decimalComma = NumberFormat(decimalSeparator: UInt8(ascii: ","),
                                                  groupingSeparators: [UInt8(ascii: "."), UInt8(ascii: " ")])

    /// A thousand and a quarter as this format writes it, for messages: `1,234.25`, `1.234,25`.
    public var example: String {
        let group = groupingSeparators.first.map { String(UnicodeScalar($0)) } ?? ""
        return "1\(group)234\(String(UnicodeScalar(decimalSeparator)))25"
    }

    /// Reads the `number_format` setting: `standard`, `decimal_comma` (also `comma`), or a sample
    /// such as `1,234.56`, `1.234,56`, `1 234,56`, `1'234.56`, `1234.56` or `1234,56`, whose last
    /// separator is the decimal one and whose others group thousands.
    public init?(setting: String) {
        let trimmed = setting.trimmingASCIISpaces()
        switch normalizedKey(trimmed) {
        case "standard", "dot", "decimaldot", "decimalpoint": self = .standard; return
        case "decimalcomma", "comma": self = .decimalComma; return
        default: break
        }
        // A sample: digits and separators only, starting and ending with a digit.
        let bytes = Array(trimmed.utf8).map { $0 == 0xA0 ? UInt8(ascii: " ") : $0 }
        let sample = bytes.filter { $0 != 0xC2 }   // U+00A0 is C2 A0 in UTF-8
        guard let first = sample.first, let last = sample.last,
              first &- 0x30 < 10, last &- 0x30 < 10 else { return nil }
        let separators = sample.filter { $0 &- 0x30 >= 10 }
        let allowed: Set<UInt8> = [UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: " "), UInt8(ascii: "'")]
        guard separators.allSatisfy(allowed.contains), let decimal = separators.last else { return nil }
        guard decimal == UInt8(ascii: ".") || decimal == UInt8(ascii: ",") else { return nil }
        var grouping: [UInt8] = []
        for s in separators.dropLast() where !grouping.contains(s) { grouping.append(s) }
        guard !grouping.contains(decimal) else { return nil }
        // A sample without thousands (`1234,56`) says only the decimal separator: amounts in
        // thousands are still grouped the usual way for it (`1.234,56`, `$1,234.56`).
        if grouping.isEmpty {
            self = decimal == UInt8(ascii: ",") ? .decimalComma : .standard
            return
        }
        if decimal == UInt8(ascii: ","), !grouping.isEmpty,
           grouping.allSatisfy(NumberFormat.decimalComma.groupingSeparators.contains) {
            self = .decimalComma
        } else {
            self.init(decimalSeparator: decimal, groupingSeparators: grouping)
        }
    }
}

/// Parses a number or an amount of money from a cell's bytes. Allocation-free.
///
/// Accepts `1234.5`, `-12`, `+3`, `.5`, `1e6`, `$1,234.50`, `-$12`, `$-12`, `(1,234.50)` (negative),
/// `1 234,50 €`, `€1.234,50`, `USD 12`, `12 EUR`, with spaces around. Currency: `$ € £ ¥` or a
/// three-letter upper-case code, once, before or after the number. Grouping is strict: the first
/// group has 1 to 3 digits and every grouping separator is followed by exactly three digits.
/// Anything else (`12abc`, `1,2,3`, `1.5.6`), and a number too large for a Double, is nil.
///
/// Digits become an integer mantissa scaled by a power of ten, which is exact (the same Double as
/// `Double(String)`) when the mantissa fits in 53 bits and the power is at most 22; longer numbers
/// go through `strtod` on a stack buffer of plain digits.
public func parseNumber(_ bytes: UnsafeBufferPointer<UInt8>, format: NumberFormat) -> Double? {
    guard let base = bytes.baseAddress else { return nil }
    var i = 0
    let end = bytes.count
    let decimal = format.decimalSeparator
    let spaceGroups = format.groupingSeparators.contains(0x20)

    @inline(__always) func spaceLength(at j: Int) -> Int {
        guard j < end else { return 0 }
        let b = base[j]
        if b == 0x20 || b == 0x09 { return 1 }
        if b == 0xC2, j + 1 < end, base[j + 1] == 0xA0 { return 2 }                          // U+00A0
        if b == 0xE2, j + 2 < end, base[j + 1] == 0x80, base[j + 2] == 0xAF { return 3 }     // U+202F
        return 0
    }
    @inline(__always) func currencyLength(at j: Int) -> Int {
        guard j < end else { return 0 }
        let b = base[j]
        if b == 0x24 { return 1 }                                                            // $
        if b == 0xE2, j + 2 < end, base[j + 1] == 0x82, base[j + 2] == 0xAC { return 3 }     // €
        if b == 0xC2, j + 1 < end, base[j + 1] == 0xA3 || base[j + 1] == 0xA5 { return 2 }   // £ ¥
        if j + 2 < end, b &- 0x41 < 26, base[j + 1] &- 0x41 < 26, base[j + 2] &- 0x41 < 26,
           j + 3 == end || base[j + 3] &- 0x41 >= 26 { return 3 }                             // USD
        return 0
    }
    @inline(__always) func isDigit(_ j: Int) -> Bool { j < end && base[j] &- 0x30 < 10 }

    // Prefix: spaces, `(`, a sign and a currency, each at most once.
    var negative = false, parenthesised = false, signSeen = false, currencySeen = false
    prefix: while i < end {
        let s = spaceLength(at: i)
        if s > 0 { i += s; continue }
        let b = base[i]
        if b &- 0x30 < 10 || (b == decimal && isDigit(i + 1)) { break prefix }
        if b == 0x28, !parenthesised, !signSeen, !currencySeen { parenthesised = true; i += 1; continue }
        if (b == 0x2D || b == 0x2B), !signSeen { signSeen = true; negative = b == 0x2D; i += 1; continue }
        let c = currencyLength(at: i)
        if c > 0, !currencySeen { currencySeen = true; i += c; continue }
        return nil
    }

    // Body: digits with grouping, a decimal part, an exponent.
    let bodyStart = i
    var mantissa: UInt64 = 0
    var significant = 0          // digits counted into the mantissa, leading zeros excepted
    var dropped = 0              // integer digits past 19 significant ones (each a factor of ten)
    var fractionDigits = 0       // fraction digits taken into the mantissa
    var anyDigit = false
    var groupLength = 0
    var grouped = false
    while i < end {
        let d = base[i] &- 0x30
        if d < 10 {
            if significant < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                if mantissa != 0 { significant += 1 }
            } else {
                dropped += 1
            }
            anyDigit = true
            groupLength += 1
            i += 1
            continue
        }
        // A grouping separator counts only before the decimal part, after a first group of 1-3
        // digits, and when exactly three digits follow it; otherwise the body ends here.
        let g = format.groupingSeparators.contains(base[i]) ? 1
            : (spaceGroups ? spaceLength(at: i) : 0)
        if g > 0, groupLength >= 1, groupLength <= 3 || grouped,
           isDigit(i + g), isDigit(i + g + 1), isDigit(i + g + 2), !isDigit(i + g + 3) {
            if grouped { guard groupLength == 3 else { return nil } }
            grouped = true
            groupLength = 0
            i += g
            continue
        }
        break
    }
    if grouped, groupLength != 3 { return nil }
    if i < end, base[i] == decimal {
        i += 1
        while i < end, base[i] &- 0x30 < 10 {
            if significant < 19 {
                mantissa = mantissa &* 10 &+ UInt64(base[i] &- 0x30)
                if mantissa != 0 { significant += 1 }
                fractionDigits += 1
            }
            anyDigit = true
            i += 1
        }
    }
    guard anyDigit else { return nil }
    var exponent = 0
    if i < end, base[i] | 0x20 == 0x65, isDigit(i + 1) || ((i + 1 < end) && (base[i + 1] == 0x2B || base[i + 1] == 0x2D) && isDigit(i + 2)) {
        i += 1
        var expNegative = false
        if base[i] == 0x2B || base[i] == 0x2D { expNegative = base[i] == 0x2D; i += 1 }
        while i < end, base[i] &- 0x30 < 10 {
            if exponent < 100_000 { exponent = exponent * 10 + Int(base[i] &- 0x30) }
            i += 1
        }
        if expNegative { exponent = -exponent }
    }
    let bodyEnd = i

    // Suffix: spaces, a currency (if none came before) and the closing parenthesis.
    var closed = false
    while i < end {
        let s = spaceLength(at: i)
        if s > 0 { i += s; continue }
        if base[i] == 0x29, parenthesised, !closed { closed = true; i += 1; continue }
        let c = currencyLength(at: i)
        if c > 0, !currencySeen, !closed { currencySeen = true; i += c; continue }
        return nil
    }
    guard parenthesised == closed else { return nil }
    if parenthesised { negative = !negative }

    let power = exponent + dropped - fractionDigits
    var value: Double
    if mantissa <= 1 << 53, power >= -22, power <= 22 {
        value = Double(mantissa)
        if power < 0 { value /= powersOfTen[-power] } else if power > 0 { value *= powersOfTen[power] }
    } else if mantissa == 0 {
        value = 0
    } else {
        value = slowParse(base: base, from: bodyStart, to: bodyEnd, decimal: decimal)
    }
    // Beyond Double's range (1e309) is no amount anyone means, and would poison every total.
    guard value.isFinite else { return nil }
    return negative ? -value : value
}

public func parseNumber(_ string: String, format: NumberFormat) -> Double? {
    var s = string
    return s.withUTF8 { parseNumber($0, format: format) }
}

private let powersOfTen: [Double] = (0...22).map { p in
    var v = 1.0
    for _ in 0..<p { v *= 10 }
    return v
}

/// Correct rounding for long mantissas and large exponents: the body's digits (separators dropped)
/// and its exponent, adjusted for the decimal part, written as `DIGITSeN` for `strtod`. No decimal
/// point is written, so the C locale's decimal point never matters.
private func slowParse(base: UnsafePointer<UInt8>, from start: Int, to end: Int, decimal: UInt8) -> Double {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 800) { buffer -> Double in
        var n = 0
        var fraction = 0
        var inFraction = false
        var exponent = 0
        var i = start
        while i < end {
            let b = base[i]
            if b &- 0x30 < 10 {
                if n == 0 && b == 0x30 {            // leading zeros
                    if inFraction { fraction += 1 }
                } else if n < 760 {
                    buffer[n] = CChar(bitPattern: b); n += 1
                    if inFraction { fraction += 1 }
                } else if !inFraction {
                    exponent += 1                  // digits past the buffer only scale
                }
            } else if b == decimal {
                inFraction = true
            } else if b | 0x20 == 0x65 {
                i += 1
                var expNegative = false
                if base[i] == 0x2B || base[i] == 0x2D { expNegative = base[i] == 0x2D; i += 1 }
                var e = 0
                while i < end, base[i] &- 0x30 < 10 {
                    if e < 100_000 { e = e * 10 + Int(base[i] &- 0x30) }
                    i += 1
                }
                exponent += expNegative ? -e : e
                break
            }
            i += 1
        }
        if n == 0 { return 0 }
        exponent -= fraction
        buffer[n] = CChar(UInt8(ascii: "e")); n += 1
        var e = exponent
        if e < 0 { buffer[n] = CChar(UInt8(ascii: "-")); n += 1; e = -e }
        var width = 1, scale = 1
        while e / scale >= 10 { scale *= 10; width += 1 }
        for _ in 0..<width { buffer[n] = CChar(UInt8(ascii: "0") + UInt8(e / scale % 10)); n += 1; scale /= 10 }
        buffer[n] = 0
        return strtod(buffer.baseAddress!, nil)
    }
}

/// `true`, `false`, `yes`, `no`, `y`, `n`, `t`, `f`, `1`, `0`, any case, spaces around. Allocation-free.
public func parseBool(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
    guard let base = bytes.baseAddress else { return nil }
    var start = 0, end = bytes.count
    while start < end, base[start] == 0x20 || base[start] == 0x09 { start += 1 }
    while end > start, base[end - 1] == 0x20 || base[end - 1] == 0x09 { end -= 1 }
    @inline(__always) func matches(_ word: StaticString) -> Bool {
        guard word.utf8CodeUnitCount == end - start else { return false }
        let w = word.utf8Start
        for k in 0..<(end - start) where base[start + k] | 0x20 != w[k] { return false }
        return true
    }
    switch end - start {
    case 1:
        switch base[start] | 0x20 {
        case 0x31, 0x79, 0x74: return true     // 1 y t (digits already have the 0x20 bit)
        case 0x30, 0x6E, 0x66: return false    // 0 n f
        default: return nil
        }
    case 2: return matches("no") ? false : nil
    case 3: return matches("yes") ? true : nil
    case 4: return matches("true") ? true : nil
    case 5: return matches("false") ? false : nil
    default: return nil
    }
}

public func parseBool(_ string: String) -> Bool? {
    var s = string
    return s.withUTF8 { parseBool($0) }
}
