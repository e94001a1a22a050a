/// Text from data files, settings and the command line made safe to print in a message: control
/// characters (C0, DEL, C1) and the invisible marks that reorder text (bidirectional overrides and
/// isolates) are shown as escapes such as `\u{1b}`, so nothing in a file can move the cursor,
/// retitle a window or disguise what a message says.
public enum MessageText {
    public static func isUnsafe(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0x200E || v == 0x200F || v == 0x061C
    }

    public static func escape(_ u: Unicode.Scalar) -> String { "\\u{\(String(u.value, radix: 16))}" }

    /// `s` with its unsafe characters, but those `kept`, written by `escape` (`\u{1b}` unless told
    /// otherwise: JSON writes `\u001b`).
    public static func escaped(_ s: String, keeping kept: (Unicode.Scalar) -> Bool = { _ in false },
                               as escape: (Unicode.Scalar) -> String = escape) -> String {
        guard s.unicodeScalars.contains(where: { isUnsafe($0) && !kept($0) }) else { return s }
        var out = ""
        for u in s.unicodeScalars {
            if isUnsafe(u) && !kept(u) { out += escape(u) } else { out.unicodeScalars.append(u) }
        }
        return out
    }
}
