import Foundation

/// Bytes that sort text as a reader expects, compared as bytes: case and accents ignored, and a
/// run of digits by its number ("Rep 2" before "Rep 10"). Sorting 170k deal names by comparing
/// the strings themselves in Foundation's reader order took seconds; the keys are made once per
/// row and compare in nanoseconds.
struct CollationKey: Comparable {
    let bytes: [UInt8]

    init(_ text: String) {
        // Letters that have no accent to drop (ı, Ł, ø, ß) are spelt in ASCII first, so that
        // Yılmaz sorts beside Yilmaz and Łukasz among the Ls, as a reader's order has them.
        // ASCII (most text) is lower-cased byte by byte, with no folded copy of the string made.
        // The transform is slow: only for what folding accents away leaves outside ASCII.
        let ascii = text.utf8.allSatisfy { $0 < 0x80 }
        var foldedText = ascii ? text : SearchFolding.folded(text)
        if !ascii, !foldedText.utf8.allSatisfy({ $0 < 0x80 }) {
            foldedText = SearchFolding.folded(foldedText.applyingTransform(Self.latinASCII, reverse: false) ?? foldedText)
        }
        let folded = foldedText.utf8
        var out: [UInt8] = []
        out.reserveCapacity(folded.count + 4)
        var digits: [UInt8] = []
        func flushDigits() {
            guard !digits.isEmpty else { return }
            // A number's length first, then its digits: fewer digits, smaller number. Leading
            // zeros are left out so that 007 and 7 sort together; the length fits in a byte below
            // any printable one, so numbers come before words, as in a file browser.
            let significant = digits.drop { $0 == UInt8(ascii: "0") }
            out.append(UInt8(min(significant.count + 1, 31)))
            out.append(contentsOf: significant)
            digits.removeAll(keepingCapacity: true)
        }
        for byte in folded {
            if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                digits.append(byte)
            } else {
                flushDigits()
                out.append(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte + 32 : byte)
            }
        }
        flushDigits()
        bytes = out
    }

    private static let latinASCII = StringTransform("Latin-ASCII")

    static func < (a: CollationKey, b: CollationKey) -> Bool {
        a.bytes.lexicographicallyPrecedes(b.bytes)
    }
}

/// A sort key with its text made into a collation key, for sorting many rows.
enum OrderKey: Comparable {
    case missing
    case number(Double)
    case text(CollationKey)

    init(_ key: SortKey) {
        switch key {
        case .missing: self = .missing
        case .number(let n): self = .number(n)
        case .text(let t): self = .text(CollationKey(t))
        }
    }

    static func < (a: OrderKey, b: OrderKey) -> Bool { a.compare(b) < 0 }

    /// -1, 0 or 1: one pass over two texts where `==` then `<` would make two.
    func compare(_ other: OrderKey) -> Int {
        switch (self, other) {
        case (.number(let x), .number(let y)): return x < y ? -1 : (y < x ? 1 : 0)
        case (.text(let x), .text(let y)):
            return x.bytes.withUnsafeBufferPointer { a in
                y.bytes.withUnsafeBufferPointer { b in
                    let common = min(a.count, b.count)
                    let c = common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common)
                    return c != 0 ? (c < 0 ? -1 : 1) : (a.count < b.count ? -1 : (a.count > b.count ? 1 : 0))
                }
            }
        case (.missing, .missing): return 0
        case (.missing, _), (.number, .text): return -1
        case (_, .missing), (.text, .number): return 1
        }
    }
}
