import CNcurses
import CNcursesShim
import PipetopUI

/// Turns what `wget_wch` returns into a `Key`: a key code for special keys, a character otherwise.
enum KeyDecoding {
    /// Codes of keys ncurses recognised from an escape sequence (KEY_CODE_YES results).
    static func key(forKeyCode code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE, KEY_A3: return .pageUp
        case KEY_NPAGE, KEY_C3: return .pageDown
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case pt_key_btab(): return .backTab
        case pt_key_resize(): return .resize
        case (pt_key_f(1))...(pt_key_f(63)): return .function(Int(code - pt_key_f(0)))
        default: return nil
        }
    }

    /// A character read as-is: control bytes become the keys they stand for.
    static func key(forCharacter value: UInt32) -> Key? {
        switch value {
        case 0x0D, 0x0A: return .enter
        case 0x09: return .tab
        case 0x08, 0x7F: return .backspace
        case 0x1B: return .escape
        case 0x00: return .ctrl("@")
        case 0x01...0x1A: return .ctrl(Character(Unicode.Scalar(UInt8(value) + 0x60)))
        case 0x1C...0x1F: return .ctrl(Character(Unicode.Scalar(UInt8(value) + 0x40)))
        case 0x80...0x9F: return nil  // C1 controls: never typed, never shown
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .char(Character(scalar))
        }
    }

    /// The key an escape sequence ncurses did not know stands for (a terminal type whose
    /// description lacks the key, such as vt100 for Home and End): `body` is what followed the
    /// Escape, `[1~` or `OH`. Nil for a sequence that stands for no key pipetop uses: it is
    /// dropped whole, where its bytes used to arrive as Escape, `[`, `1` (a pane) and `~`.
    static func key(forSequence body: [UInt8]) -> Key? {
        guard let introducer = body.first, introducer == UInt8(ascii: "[") || introducer == UInt8(ascii: "O") else { return nil }
        switch String(decoding: body.dropFirst(), as: UTF8.self) {
        case "A": return .up
        case "B": return .down
        case "C": return .right
        case "D": return .left
        case "H", "1~", "7~": return .home
        case "F", "4~", "8~": return .end
        case "3~": return .delete
        case "5~": return .pageUp
        case "6~": return .pageDown
        case "Z": return .backTab
        default: return nil
        }
    }

    /// Whether `byte` can follow `introducer` in a sequence: a parameter or a final byte after
    /// `[`, a key letter after `O`. Escape, `O` typed fast, then `x` is three keys.
    static func canContinue(_ byte: UInt8, introducer: UInt8) -> Bool {
        if introducer == UInt8(ascii: "O") { return Array("ABCDHFPQRS".utf8).contains(byte) }
        return (0x30...0x3F).contains(byte) || (0x40...0x7E).contains(byte)
    }

    /// Whether `byte` ends an escape sequence begun with `introducer` (`[` or `O`): a CSI
    /// sequence ends at its first byte from `@` to `~`, an SS3 one at the byte after `O`.
    static func endsSequence(_ byte: UInt8, introducer: UInt8) -> Bool {
        introducer == UInt8(ascii: "O") || (0x40...0x7E).contains(byte)
    }
}
