import CNcurses
import CNcursesShim
import PipetopUI
import Testing
@testable import PipetopTerminal

@Suite struct KeyDecodingTests {
    /// Under TERM=vt100 ncurses does not know Home, End or Delete: their sequences arrived as
    /// Escape (clearing the filter), "[", a digit (choosing a pane) and "~". They are read whole.
    @Test func decodesSequencesNcursesDoesNotKnow() {
        let table: [(String, Key?)] = [
            ("[1~", .home), ("[4~", .end), ("[3~", .delete), ("[5~", .pageUp), ("[6~", .pageDown),
            ("OH", .home), ("OF", .end), ("[H", .home), ("[F", .end), ("[A", .up), ("OB", .down), ("[Z", .backTab),
            ("[15~", nil), ("[200~", nil), ("x", nil),
        ]
        for (body, key) in table {
            #expect(KeyDecoding.key(forSequence: Array(body.utf8)) == key, "\(body)")
        }
        #expect(KeyDecoding.endsSequence(UInt8(ascii: "~"), introducer: UInt8(ascii: "[")))
        #expect(!KeyDecoding.endsSequence(UInt8(ascii: "1"), introducer: UInt8(ascii: "[")))
        #expect(KeyDecoding.endsSequence(UInt8(ascii: "H"), introducer: UInt8(ascii: "O")))
        // Escape, then "O" typed fast (scope back), then a key that ends no sequence: three keys.
        #expect(!KeyDecoding.canContinue(UInt8(ascii: "x"), introducer: UInt8(ascii: "O")))
        #expect(KeyDecoding.canContinue(UInt8(ascii: "H"), introducer: UInt8(ascii: "O")))
        #expect(KeyDecoding.canContinue(UInt8(ascii: "1"), introducer: UInt8(ascii: "[")))
    }

    @Test func decodesKeyCodes() {
        let table: [(Int32, Key)] = [
            (KEY_UP, .up), (KEY_DOWN, .down), (KEY_LEFT, .left), (KEY_RIGHT, .right),
            (KEY_PPAGE, .pageUp), (KEY_NPAGE, .pageDown), (KEY_HOME, .home), (KEY_END, .end),
            (KEY_ENTER, .enter), (KEY_BACKSPACE, .backspace), (KEY_DC, .delete),
            (pt_key_btab(), .backTab), (pt_key_resize(), .resize),
            (pt_key_f(1), .function(1)), (pt_key_f(12), .function(12)),
        ]
        for (code, key) in table {
            #expect(KeyDecoding.key(forKeyCode: code) == key, "code \(code)")
        }
        #expect(KeyDecoding.key(forKeyCode: KEY_MOUSE) == nil)
    }

    @Test func decodesCharacters() {
        let table: [(UInt32, Key)] = [
            (0x0D, .enter), (0x0A, .enter), (0x09, .tab), (0x7F, .backspace), (0x08, .backspace),
            (0x1B, .escape), (0x01, .ctrl("a")), (0x12, .ctrl("r")), (0x1A, .ctrl("z")), (0x00, .ctrl("@")),
            (0x1F, .ctrl("_")), (0x71, .char("q")), (0x20, .char(" ")), (0xE9, .char("é")),
            (0x65E5, .char("日")), (0x1F600, .char("😀")),
        ]
        for (value, key) in table {
            #expect(KeyDecoding.key(forCharacter: value) == key, "character \(value)")
        }
        #expect(KeyDecoding.key(forCharacter: 0x9B) == nil)
        #expect(KeyDecoding.key(forCharacter: 0xD800) == nil)
    }
}
