import Testing
@testable import PipetopTerminal

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Character widths come from the C library and depend on the locale, as they do for ncurses.
/// Screen sets the locale from the environment; these tests need a UTF-8 one.
private let utf8Locale: Bool = setlocale(LC_CTYPE, "C.UTF-8") != nil || setlocale(LC_CTYPE, "en_US.UTF-8") != nil

extension ProcessWideTests {
    @Suite(.enabled(if: utf8Locale, "needs a UTF-8 locale (C.UTF-8 or en_US.UTF-8)"))
    struct CellTextTests {
        @Test func keepsPrintableText() {
            #expect(CellText.scalars(for: "a", unicode: true) == [0x61])
            #expect(CellText.scalars(for: "日", unicode: true) == [0x65E5])
            #expect(CellText.scalars(for: "e\u{301}", unicode: true) == [0x65, 0x301])
        }

        @Test func replacesControlCharacters() {
            for character: Character in ["\u{1b}", "\u{7}", "\u{7f}", "\u{9b}", "\r\n", "\u{0}"] {
                #expect(CellText.scalars(for: character, unicode: true) == [0xFFFD])
                #expect(CellText.scalars(for: character, unicode: false) == [0x3F])
            }
        }

        @Test func fallsBackToASCIIWithoutUnicode() {
            #expect(CellText.scalars(for: "é", unicode: false) == [0x3F])
            #expect(CellText.scalars(for: "x", unicode: false) == [0x78])
        }

        /// With LANG=C, accented letters in names show as their letter, not "?".
        @Test func transliteratesLettersWithoutUnicode() {
            var fallback = ASCIIFallback()
            let ascii = { (c: Character) in fallback.scalar(for: c) }
            let shown = "Zoë Łukasz Ørsted".map { CellText.scalars(for: $0, unicode: false, ascii: ascii)[0] }
            #expect(String(decoding: shown.map { UInt8($0) }, as: UTF8.self) == "Zoe Lukasz Orsted")
            // No one-letter equivalent, and control characters never pass.
            #expect(CellText.scalars(for: "ß", unicode: false, ascii: ascii) == [0x3F])
            #expect(CellText.scalars(for: "山", unicode: false, ascii: ascii) == [0x3F])
            #expect(CellText.scalars(for: "\u{9b}", unicode: false, ascii: ascii) == [0x3F])
        }

        @Test func dropsJoinersThatMakeWidthsUncertain() {
            // man, zero-width joiner, woman: only the first person stays.
            #expect(CellText.scalars(for: "👨\u{200D}👩", unicode: true) == [0x1F468])
            #expect(CellText.scalars(for: "❤\u{FE0F}", unicode: true) == [0x2764])
        }

        /// A flag drawn as its first indicator joined the next flag's into a third country's
        /// (Germany, Japan read as Djibouti): it is drawn as its two letters in its two columns.
        @Test func aFlagIsItsTwoLetters() {
            #expect(CellText.flagLetters("🇩🇪").map { [$0.0, $0.1] } == ["D", "E"])
            #expect(CellText.flagLetters("🇯🇵").map { [$0.0, $0.1] } == ["J", "P"])
            #expect(CellText.flagLetters("D") == nil)
            #expect(CellText.flagLetters("🇩") == nil)
        }

        @Test func neverOverflowsTheCell() {
            let stacked: Character = "a\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}"
            #expect(CellText.scalars(for: stacked, unicode: true, capacity: 5).count == 5)
        }
    }
}
