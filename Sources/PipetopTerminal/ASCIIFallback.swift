import Foundation

/// How a character outside ASCII is shown when the locale is not UTF-8 (LANG=C): as the one ASCII
/// letter it transliterates to (ë as e, Ł as L), so that "Zoë Brontë" reads "Zoe Bronte" rather
/// than "Zo? Bront?". A character with no one-letter equivalent (ß, 山) is shown as "?".
struct ASCIIFallback {
    /// ICU transforms are slow; a screen shows the same few characters frame after frame.
    private var known: [Character: UInt32] = [:]

    mutating func scalar(for character: Character) -> UInt32 {
        if let value = known[character] { return value }
        let latin = String(character).applyingTransform(StringTransform("Any-Latin; Latin-ASCII"), reverse: false) ?? ""
        let scalars = Array(latin.unicodeScalars)
        let value: UInt32 = scalars.count == 1 && scalars[0].value >= 0x21 && scalars[0].value < 0x7F ? scalars[0].value : 0x3F
        if known.count < 4096 { known[character] = value }
        return value
    }
}
