/// Text as the terminal will show it: what is safe to send, and how many columns it takes.
///
/// Names, companies and notes come from CSV files that anyone could have written. An escape
/// sequence in a company name must not recolour the screen, move the cursor or set the window
/// title, and a bidi override must not reverse the columns after it.

/// How text sits in a space wider than itself.
public enum Alignment: Sendable, Hashable {
    case left, right, center
}

/// What an escape sequence or control character is shown as.
public let controlSubstitute: Character = "\u{FFFD}"
private let substituteScalar: Unicode.Scalar = "\u{FFFD}"

/// `s` with every control character, escape sequence and bidi control made harmless:
/// - an escape sequence (ESC or a C1 introducer, up to its final byte or string terminator) becomes one U+FFFD;
/// - other C0 and C1 controls and DEL become U+FFFD;
/// - tab, line feed, carriage return (and CR LF) become one space, so a note stays on its row;
/// - bidi embeddings, overrides, isolates and marks are removed.
public func sanitized(_ s: String) -> String {
    if s.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return s }
    var out = String.UnicodeScalarView()
    let scalars = Array(s.unicodeScalars)
    var i = 0
    while i < scalars.count {
        let v = scalars[i].value
        switch v {
        case 0x09, 0x0A, 0x2028, 0x2029:
            // Line and paragraph separators break a line as a line feed does.
            out.append(" ")
            i += 1
        case 0x0D:
            out.append(" ")
            i += 1
            if i < scalars.count, scalars[i].value == 0x0A { i += 1 }
        case 0x1B:
            out.append(substituteScalar)
            i = endOfEscape(scalars, from: i + 1)
        case 0x90, 0x98, 0x9D, 0x9E, 0x9F:
            // C1 string introducers (DCS, SOS, OSC, PM, APC): the payload runs to the terminator.
            out.append(substituteScalar)
            i = endOfControlString(scalars, from: i + 1)
        case 0x9B:
            out.append(substituteScalar)
            i = endOfCSI(scalars, from: i + 1)
        case 0x00..<0x20, 0x7F...0x9F:
            out.append(substituteScalar)
            i += 1
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
            i += 1
        default:
            out.append(scalars[i])
            i += 1
        }
    }
    return String(out)
}

/// Index just past an escape sequence whose ESC was at `start - 1`.
private func endOfEscape(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
    guard start < scalars.count else { return start }
    switch scalars[start].value {
    case 0x5B: // ESC [ : control sequence
        return endOfCSI(scalars, from: start + 1)
    case 0x50, 0x58, 0x5D, 0x5E, 0x5F: // ESC P, X, ], ^, _ : strings ended by BEL or ST
        return endOfControlString(scalars, from: start + 1)
    default:
        // ESC, intermediates (0x20-0x2F), one final byte (0x30-0x7E).
        var i = start
        while i < scalars.count, (0x20...0x2F).contains(scalars[i].value) { i += 1 }
        if i < scalars.count, (0x30...0x7E).contains(scalars[i].value) { i += 1 }
        return i
    }
}

/// Index just past a control sequence's final byte: parameters 0x30-0x3F, intermediates 0x20-0x2F, final 0x40-0x7E.
/// Anything else ends the sequence early, so a truncated sequence cannot swallow the text after it.
private func endOfCSI(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
    var i = start
    while i < scalars.count, (0x30...0x3F).contains(scalars[i].value) { i += 1 }
    while i < scalars.count, (0x20...0x2F).contains(scalars[i].value) { i += 1 }
    if i < scalars.count, (0x40...0x7E).contains(scalars[i].value) { i += 1 }
    return i
}

/// Index just past the terminator (BEL, ESC \ or ST) of an OSC/DCS-like string, or the end of the text.
private func endOfControlString(_ scalars: [Unicode.Scalar], from start: Int) -> Int {
    var i = start
    while i < scalars.count {
        switch scalars[i].value {
        case 0x07, 0x9C: return i + 1
        case 0x1B:
            if i + 1 < scalars.count, scalars[i + 1].value == 0x5C { return i + 2 }
            return i + 1
        default: i += 1
        }
    }
    return i
}

/// Columns a character takes on a terminal: 0, 1 or 2.
///
/// The width is that of the character's first scalar, as terminals (and the backend, which drops
/// joiners and presentation selectors) draw it: 0 for combining marks and invisible format
/// characters, 2 for East Asian Wide and Fullwidth characters and emoji shown as emoji by default,
/// 1 for the rest. Controls count 1: they are drawn as one substitute character.
public func displayWidth(of character: Character) -> Int {
    let scalars = character.unicodeScalars
    guard let first = scalars.first else { return 0 }
    let v = first.value
    if v < 0x7F { return 1 }
    // A flag is two regional indicators: two columns, which the terminal backend fills with the
    // country's two letters (terminals draw the flag itself at widths of their own).
    if isRegionalIndicator(first), scalars.dropFirst().first.map(isRegionalIndicator) == true { return 2 }
    if isZeroWidth(first) {
        // A cluster that starts with a mark still draws its base if it has one (rare after sanitizing).
        return scalars.dropFirst().contains(where: { !isZeroWidth($0) }) ? 1 : 0
    }
    return isWide(first) ? 2 : 1
}

/// Columns `s` takes once sanitized, which is what `Frame.put` draws.
public func displayWidth(of s: String) -> Int {
    let safe = sanitized(s)
    if safe.utf8.allSatisfy({ $0 < 0x80 }) { return safe.utf8.count }
    var total = 0
    for character in safe { total += displayWidth(of: character) }
    return total
}

/// One of the 26 letters that pair up into a flag.
public func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool { (0x1F1E6...0x1F1FF).contains(scalar.value) }

func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    // Below the combining marks only the soft hyphen is a format character, and terminals draw it.
    if v < 0x300 { return false }
    // Hangul medial vowels and final consonants join the preceding initial consonant.
    if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return true }
    if v == 0x200B { return true }
    // Prepended concatenation marks are format characters that terminals draw with a width.
    if (0x600...0x605).contains(v) || v == 0x6DD || v == 0x70F || v == 0x890 || v == 0x891
        || v == 0x8E2 || v == 0x110BD || v == 0x110CD { return false }
    switch scalar.properties.generalCategory {
    case .nonspacingMark, .enclosingMark, .format: return true
    default: return false
    }
}

func isWide(_ scalar: Unicode.Scalar) -> Bool {
    let v = scalar.value
    if v < 0x1100 { return false }
    for range in wideRanges where range.contains(v) { return true }
    // Regional indicators pair up into flags, but terminals (and wcwidth) give one alone a column.
    if isRegionalIndicator(scalar) { return false }
    return scalar.properties.isEmojiPresentation
}

/// East Asian Wide (W) and Fullwidth (F) blocks, from Unicode's EastAsianWidth data, merged into
/// ranges. Emoji with default emoji presentation are caught by the scalar property instead.
private let wideRanges: [ClosedRange<UInt32>] = [
    0x1100...0x115F,   // Hangul Jamo initial consonants
    0x2329...0x232A,   // angle brackets
    0x2E80...0x303E,   // CJK radicals, Kangxi, ideographic description, CJK symbols and punctuation
    0x3041...0x33FF,   // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK strokes, enclosed CJK
    0x3400...0x4DBF,   // CJK extension A
    0x4DC0...0x4DFF,   // Yijing hexagram symbols
    0x4E00...0x9FFF,   // CJK unified ideographs
    0xA000...0xA4CF,   // Yi
    0xA960...0xA97F,   // Hangul Jamo extended A
    0xAC00...0xD7A3,   // Hangul syllables
    0xF900...0xFAFF,   // CJK compatibility ideographs
    0xFE10...0xFE19,   // vertical forms
    0xFE30...0xFE6F,   // CJK compatibility forms, small form variants
    0xFF00...0xFF60,   // fullwidth forms
    0xFFE0...0xFFE6,   // fullwidth signs
    0x16FE0...0x16FF1, // ideographic symbols
    0x17000...0x18D08, // Tangut, Khitan, Tangut supplement
    0x1AFF0...0x1B2FF, // Kana supplement and extensions, Nushu
    0x1F200...0x1F2FF, // enclosed ideographic supplement
    0x20000...0x2FFFD, // CJK extensions B-F, compatibility supplement
    0x30000...0x3FFFD, // CJK extensions G, H
]

/// `s` cut to at most `width` columns. When it is cut and `ellipsis` is true, the last column shows
/// `mark`. A wide character that would straddle the limit is left out and replaced by a space,
/// so the result is exactly `width` columns whenever it had to be cut.
public func truncated(_ s: String, toWidth width: Int, ellipsis: Bool = true, mark: Character = "…") -> String {
    let safe = sanitized(s)
    guard width > 0 else { return "" }
    if displayWidth(of: safe) <= width { return safe }
    let markWidth = ellipsis ? max(1, displayWidth(of: mark)) : 0
    let room = width - markWidth
    guard room >= 0 else { return truncated(safe, toWidth: width, ellipsis: false) }
    var out = ""
    var used = 0
    for character in safe {
        let w = displayWidth(of: character)
        if used + w > room { break }
        out.append(character)
        used += w
    }
    if used < room { out.append(String(repeating: " ", count: room - used)) }
    if ellipsis { out.append(mark) }
    return out
}

/// `s` cut to at most `width` columns with `mark`, the cut moved back to the start of a figure it
/// would fall in: a figure cut short reads as another one (`$7.4` for `$7.4k/day`, `$18` for `$183`).
public func truncatedBeforeFigure(_ s: String, toWidth width: Int, mark: Character = "…") -> String {
    let safe = sanitized(s)
    guard width > 0, displayWidth(of: safe) > width else { return truncated(safe, toWidth: width, mark: mark) }
    var kept = Array(truncated(safe, toWidth: width, ellipsis: false))
    // The room the mark needs, then the figure the cut falls in.
    while !kept.isEmpty && displayWidth(of: String(kept)) > width - 1 { kept.removeLast() }
    let all = Array(safe)
    func inFigure(_ c: Character) -> Bool { c.isNumber || "$€£¥%.,kMB+-−".contains(c) }
    if kept.count < all.count, let last = kept.last, inFigure(last), inFigure(all[kept.count]) {
        while let c = kept.last, inFigure(c) { kept.removeLast() }
    }
    return String(kept) + String(mark)
}

/// A table cell's text in exactly `width` columns, as `padded` fits it, except that a figure too
/// wide for a right-aligned (number) column is #s, as spreadsheets show it: cut, it would read as
/// another number ("31613…" for 316130%).
public func tableCell(_ s: String, toWidth width: Int, alignment: Alignment, mark: Character = "…") -> String {
    if width > 0, alignment == .right, displayWidth(of: s) > width, s.contains(where: \.isNumber) {
        // A whole number in groups of three (138,869) is shortened as the panes shorten money
        // (139k) before it gives way to #s.
        if let short = shortenedWholeNumber(s), displayWidth(of: short) <= width {
            return padded(short, toWidth: width, alignment: alignment, mark: mark)
        }
        return String(repeating: "#", count: width)
    }
    return padded(s, toWidth: width, alignment: alignment, mark: mark)
}

/// A whole number written in groups of three digits (`138,869`, `1.234.567`, `-12 345%`) with
/// k, M or B for its thousands: `139k`, `1.2M`. Nil for any other text. A figure with exactly
/// three decimals would read as groups; the panes write at most two.
func shortenedWholeNumber(_ s: String) -> String? {
    let chars = Array(s)
    var start = 0, end = chars.count
    while start < end, !chars[start].isASCII || !chars[start].isNumber { start += 1 }
    while end > start, !chars[end - 1].isASCII || !chars[end - 1].isNumber { end -= 1 }
    guard end - start >= 5 else { return nil }
    let prefix = String(chars[..<start]), suffix = String(chars[end...]), body = chars[start..<end]
    // Prefix and suffix are signs, currency and units, never more digits.
    guard prefix.count <= 2, suffix.count <= 2, !prefix.contains(where: \.isNumber), !suffix.contains(where: \.isNumber) else { return nil }
    let groups = body.split(omittingEmptySubsequences: false) { !$0.isNumber }
    guard groups.count >= 2, let first = groups.first, (1...3).contains(first.count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
    let separators = Set(body.filter { !$0.isNumber })
    // Grouping marks only: "1-800-555" is no number.
    guard separators.count == 1, let separator = separators.first, ",. '\u{A0}\u{202F}".contains(separator) else { return nil }
    guard let value = Double(String(body.filter(\.isNumber))) else { return nil }
    // The decimal mark of a number whose groups are split by `separator`.
    let point = separator == "." ? "," : "."
    let units: [(Double, String)] = [(1e9, "B"), (1e6, "M"), (1e3, "k")]
    guard var k = units.firstIndex(where: { value >= $0.0 }) else { return nil }
    // 999,999 rounds to 1000k: the next unit up says it (1.0M).
    if k > 0, (value / units[k].0).rounded() >= 1000 { k -= 1 }
    let (size, unit) = units[k]
    let scaled = value / size
    let digits = scaled < 9.95 ? String(format: "%.1f", scaled).replacingOccurrences(of: ".", with: point) : String(Int(scaled.rounded()))
    return prefix + digits + unit + suffix
}

/// `s` fitted to exactly `width` columns: cut (with `mark`) when too wide, else padded with spaces.
public func padded(_ s: String, toWidth width: Int, alignment: Alignment = .left, mark: Character = "…") -> String {
    guard width > 0 else { return "" }
    let fitted = truncated(s, toWidth: width, mark: mark)
    let gap = width - displayWidth(of: fitted)
    guard gap > 0 else { return fitted }
    switch alignment {
    case .left: return fitted + String(repeating: " ", count: gap)
    case .right: return String(repeating: " ", count: gap) + fitted
    case .center:
        let left = gap / 2
        return String(repeating: " ", count: left) + fitted + String(repeating: " ", count: gap - left)
    }
}
