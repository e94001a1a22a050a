import Foundation
import Testing
@testable import PipelineKit

/// What messages show of characters a reader cannot see.
@Suite struct MessageTextTests {
    /// An owner with a no-break space read as two names that look the same.
    @Test func aNoBreakSpaceInAnOwnerIsShownInItsMessage() throws {
        let deals = DataFolder.files["deals.csv"]!.replacingOccurrences(of: "D2,Globex pilot,Globex,Ana Ruiz", with: "D2,Globex pilot,Globex,Ana\u{a0}Ruiz")
        let folder = try DataFolder(overriding: ["deals.csv": deals])
        defer { folder.remove() }
        let d = try #require(folder.load().diagnostics.first { $0.file == "deals.csv" && $0.message.contains("unknown rep") })
        #expect(d.message.contains("\"Ana\\u{a0}Ruiz\""), "\(d.description)")
        #expect(d.suggestion == "did you mean \"Ana Ruiz\"?")
        #expect(!d.description.unicodeScalars.contains { $0.value == 0xA0 })
    }

    @Test func invisibleCharactersAreEscaped() {
        for v: UInt32 in [0xA0, 0xAD, 0x2007, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x202F, 0x2028, 0x2029,
                          0x2060, 0x2061, 0x206F, 0x3164, 0xFEFF, 0xE0041] {
            let u = Unicode.Scalar(v)!
            let text = "a" + String(Character(u)) + "b"
            #expect(MessageText.escaped(text) == "a\\u{\(String(v, radix: 16))}b", "U+\(String(v, radix: 16))")
        }
    }

    @Test func visibleTextIsLeftAsItIs() {
        // Accents, CJK with its own wide space, an emoji in its colour form, right-to-left letters.
        for text in ["Zoë Brontë", "株式会社　サクラ", "❤️ team", "שלום", "Ciarán O'Brien", "plain text"] {
            #expect(MessageText.escaped(text) == text)
        }
    }

    /// Every message goes through the same escaping, whatever made it.
    @Test func diagnosticsEscapeTheirFileMessageAndSuggestion() {
        let d = Diagnostic(file: "a\u{200b}.csv", message: "x\u{feff}y", suggestion: "z\u{2060}")
        #expect(d.description == "a\\u{200b}.csv: error: x\\u{feff}y (z\\u{2060})")
    }
}
