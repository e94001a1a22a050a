import CNcursesShim
import PipetopUI
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the backend writes for a Frame character. Text from data files may hold escape sequences
/// and control characters; none of them may reach the terminal, and the cell must keep the width
/// the Frame gave it.
enum CellText {
    static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// Writes the wide characters for one cell into `buffer` (NUL-terminated, at most `capacity`
    /// characters before the NUL).
    /// `ascii`: what a printable character outside ASCII becomes without Unicode ("?" when nil).
    static func fill(
        _ buffer: UnsafeMutablePointer<wchar_t>, capacity: Int, character: Character, unicode: Bool,
        ascii: ((Character) -> UInt32)? = nil
    ) {
        let scalars = character.unicodeScalars
        let first = scalars.first ?? " "
        // Fast path: one printable ASCII character, most of every frame.
        if first.value >= 0x20, first.value < 0x7F, scalars.count == 1 {
            buffer[0] = wchar_t(first.value)
            buffer[1] = 0
            return
        }
        guard scalars.allSatisfy({ !isControl($0) }) else {
            buffer[0] = wchar_t(unicode ? replacement.value : 0x3F)
            buffer[1] = 0
            return
        }
        guard unicode else {
            buffer[0] = wchar_t(first.isASCII ? first.value : ascii?(character) ?? 0x3F)
            buffer[1] = 0
            return
        }
        // A cell starts with a character that takes space; only marks that combine with it
        // follow. Joiners and emoji presentation selectors are dropped: terminals disagree on
        // the width of what they build, and a wrong width shifts the rest of the line.
        guard pt_char_width(wchar_t(first.value)) > 0 else {
            buffer[0] = wchar_t(replacement.value)
            buffer[1] = 0
            return
        }
        var count = 0
        for scalar in scalars where count < capacity {
            if count > 0 {
                if scalar == "\u{200D}" || scalar == "\u{FE0F}" { continue }
                if pt_char_width(wchar_t(scalar.value)) != 0 { continue }
            }
            buffer[count] = wchar_t(scalar.value)
            count += 1
        }
        buffer[count] = 0
    }

    /// The two letters of a flag (two regional indicators), which the backend draws in the flag's
    /// two columns: written as scalars, a lone indicator joins the next cell's into another flag
    /// (Germany then Japan read as Djibouti).
    static func flagLetters(_ character: Character) -> (Character, Character)? {
        // Called for every cell of every frame: an ASCII cell leaves at its first byte, and nothing
        // is allocated.
        if let byte = character.utf8.first, byte < 0x80 { return nil }
        func letter(_ s: Unicode.Scalar?) -> Character? {
            guard let s, isRegionalIndicator(s) else { return nil }
            return Character(Unicode.Scalar(UInt8(0x41 + s.value - 0x1F1E6)))
        }
        var scalars = character.unicodeScalars.makeIterator()
        guard let a = letter(scalars.next()), let b = letter(scalars.next()) else { return nil }
        return (a, b)
    }

    /// C0 controls, DEL and C1 controls (0x80-0x9F, which some terminals read as escape sequences).
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value <= 0x9F)
    }

    /// The scalars `fill` writes, for tests.
    static func scalars(for character: Character, unicode: Bool, capacity: Int = 5,
                        ascii: ((Character) -> UInt32)? = nil) -> [UInt32] {
        let buffer = UnsafeMutablePointer<wchar_t>.allocate(capacity: capacity + 1)
        defer { buffer.deallocate() }
        fill(buffer, capacity: capacity, character: character, unicode: unicode, ascii: ascii)
        var result: [UInt32] = []
        var index = 0
        while buffer[index] != 0 {
            result.append(UInt32(buffer[index]))
            index += 1
        }
        return result
    }
}
