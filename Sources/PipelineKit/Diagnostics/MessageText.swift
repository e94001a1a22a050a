/// Text from data files, settings and the command line made safe to print in a message: control
/// characters (C0, DEL, C1) and the invisible marks that reorder text (bidirectional overrides and
/// isolates) are shown as escapes such as `\u{1b}`, so nothing in a file can move the cursor,
/// retitle a window or disguise what a message says. Spaces other than the plain one and
/// characters that draw nothing (a no-break space, a zero-width space, a byte-order mark) are
/// shown the same way: a message quoting `Marcus\u{a0}Webb` next to "Marcus Webb" would
/// otherwise show two names that look the same.
public enum MessageText {
    public static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
    }

    /// A character that prints as nothing, or as a space that is not U+0020, so a reader cannot
    /// tell it is there: the Unicode spaces but the plain and the ideographic one (a CJK name's own
    /// space, as wide as a letter), line and paragraph separators, format characters (zero-width
    /// space and joiners, word joiner, byte-order mark, soft hyphen) and the other default-ignorable
    /// code points (Hangul fillers, tags). Variation selectors are left alone: they choose how the
    /// character before them is drawn (an emoji's colour form), and are no character of their own.
    public static func isInvisible(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        if v < 0xA0 { return false }
        if (0xFE00...0xFE0F).contains(v) || (0xE0100...0xE01EF).contains(v) { return false }
        switch u.properties.generalCategory {
        case .spaceSeparator: return v != 0x3000
        case .lineSeparator, .paragraphSeparator, .format: return true
        default: return u.properties.isDefaultIgnorableCodePoint
        }
    }

    /// Whether a message shows the character as an escape: it is unsafe or invisible.
    public static func isEscaped(_ u: Unicode.Scalar) -> Bool { isUnsafe(u) || isInvisible(u) }

    public static func escape(_ u: Unicode.Scalar) -> String { "\\u{\(String(u.value, radix: 16))}" }

    /// `s` with its unsafe and invisible characters, but those `kept`, written by `escape`
    /// (`\u{1b}` unless told otherwise: JSON writes `\u001b`).
    public static func escaped(_ s: String, keeping kept: (Unicode.Scalar) -> Bool = { _ in false },
                               as escape: (Unicode.Scalar) -> String = escape) -> String {
        guard s.unicodeScalars.contains(where: { isEscaped($0) && !kept($0) }) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if isEscaped(u) && !kept(u) { out.append(contentsOf: escape(u).unicodeScalars) } else { out.append(u) }
        }
        return String(out)
    }
}
