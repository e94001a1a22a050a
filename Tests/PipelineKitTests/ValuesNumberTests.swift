import Testing
@testable import PipelineKit

@Suite struct ValuesNumberTests {
    @Test(arguments: [
        ("1234.5", 1234.5), ("-12", -12), ("+3", 3), ("0", 0), (".5", 0.5), ("12.", 12),
        ("$1,234.50", 1234.5), ("(1,234.50)", -1234.5), ("($1,234.50)", -1234.5), ("-$12", -12), ("$-12", -12),
        ("  42  ", 42), ("\t7\t", 7), ("USD 12", 12), ("12 USD", 12), ("12EUR", 12), ("€12", 12), ("£3.50", 3.5),
        ("¥1,000", 1000), ("1,234,567.891", 1_234_567.891), ("1e6", 1e6), ("1.5E-3", 0.0015), ("2e+2", 200),
        ("0.1", 0.1), ("1,000", 1000), ("999", 999),
    ])
    func standardFormat(_ text: String, _ expected: Double) {
        #expect(parseNumber(text, format: .standard) == expected)
    }

    @Test(arguments: [
        ("1 234,50 €", 1234.5), ("€1.234,50", 1234.5), ("1.234.567,89", 1_234_567.89), ("12,5", 12.5),
        ("1\u{00A0}234,50", 1234.5), ("1\u{202F}234,50\u{00A0}€", 1234.5), ("-1.234", -1234), ("(12,00 EUR)", -12),
        ("1 234 567", 1_234_567), ("0,001", 0.001),
    ])
    func decimalCommaFormat(_ text: String, _ expected: Double) {
        #expect(parseNumber(text, format: .decimalComma) == expected)
    }

    @Test(arguments: [
        "", "   ", "-", "$", "()", "12abc", "abc", "1,2,3.4.5", "1,23", "1,2345", "1234,567", "12.5%", "1.2.3",
        "(12", "12)", "$$12", "USD 12 EUR", "$12 USD", "--12", "+-12", "1 234.5", "1e", "1e+", "12 34",
        "usd 12", "USDX 12", "1,234,56", ",123", "1,,234", "0x10", "١٢", "12-",
    ])
    func standardRejects(_ text: String) {
        #expect(parseNumber(text, format: .standard) == nil)
    }

    @Test(arguments: ["1.5", "1.2345", "1,2,3", "12,5,6", "1 23", "1.234.56,7", "12.5 %"])
    func decimalCommaRejects(_ text: String) {
        #expect(parseNumber(text, format: .decimalComma) == nil)
    }

    @Test func negativeZeroKeepsItsSign() {
        let z = parseNumber("-0", format: .standard)
        #expect(z == 0)
        #expect(z?.sign == .minus)
    }

    /// Digits as an integer scaled by a power of ten give exactly Swift's own parse.
    @Test func agreesWithSwiftForFifteenDigits() {
        var rng = ValuesSeededRandom(seed: 42)
        for _ in 0..<20_000 {
            let digits = Int(rng.next() % 15) + 1
            var mantissa = ""
            for k in 0..<digits {
                let d = rng.next() % 10
                mantissa.append(Character(Unicode.Scalar(UInt8(48 + (k == 0 && digits > 1 && d == 0 ? 1 : d)))))
            }
            let point = Int(rng.next() % UInt64(digits + 4))
            var text: String
            if point >= digits {
                text = "0." + String(repeating: "0", count: point - digits) + mantissa
            } else if point == 0 {
                text = mantissa
            } else {
                let cut = mantissa.index(mantissa.startIndex, offsetBy: digits - point)
                text = mantissa[..<cut] + "." + mantissa[cut...]
            }
            if rng.next() % 2 == 0 { text = "-" + text }
            let ours = parseNumber(text, format: .standard)
            #expect(ours == Double(text), "\(text)")
            if ours != Double(text) { break }
        }
    }

    @Test(arguments: [
        "12345678901234567890.123", "0.000000000000000000000000123", "9007199254740993", "1e300", "1e-300",
        "123456789012345678901234567890", "4.9e-324", "1.7976931348623157e308", "0.30000000000000004",
        "2.2250738585072014e-308", "1e23", "8.98846567431158e307",
    ])
    func agreesWithSwiftBeyondTheFastPath(_ text: String) {
        #expect(parseNumber(text, format: .standard) == Double(text))
    }

    @Test func longNumbersWithGroupingAndCurrency() {
        #expect(parseNumber("$1,234,567,890,123,456,789,012", format: .standard) == Double("1234567890123456789012"))
        #expect(parseNumber("1.234.567.890.123.456.789,5 €", format: .decimalComma) == Double("1234567890123456789.5"))
        #expect(parseNumber("-0.0000000000000000000000001", format: .standard) == -1e-25)
    }

    @Test func readsOnlyTheGivenBytes() {
        let line = Array("1,234.50,Closed Won".utf8)
        line.withUnsafeBufferPointer { all in
            #expect(parseNumber(UnsafeBufferPointer(rebasing: all[0..<8]), format: .standard) == 1234.5)
            #expect(parseNumber(UnsafeBufferPointer(rebasing: all[0..<0]), format: .standard) == nil)
        }
    }

    @Test(arguments: [
        ("true", true), ("FALSE", false), ("Yes", true), ("no", false), ("1", true), ("0", false),
        ("y", true), ("N", false), ("t", true), ("f", false), (" TRUE ", true),
    ])
    func booleans(_ text: String, _ expected: Bool) {
        #expect(parseBool(text) == expected)
    }

    @Test(arguments: ["", "2", "truth", "nope", "yess", "on", "-1", "tru e"])
    func booleanRejects(_ text: String) {
        #expect(parseBool(text) == nil)
    }

    @Test func readsNumberFormatSettings() {
        #expect(NumberFormat(setting: "standard") == .standard)
        #expect(NumberFormat(setting: "1,234.56") == .standard)
        #expect(NumberFormat(setting: "decimal_comma") == .decimalComma)
        #expect(NumberFormat(setting: "1.234,56") == .decimalComma)
        #expect(NumberFormat(setting: "1 234,56") == .decimalComma)
        #expect(NumberFormat(setting: "1\u{00A0}234,56") == .decimalComma)
        #expect(NumberFormat(setting: "1'234.56") == NumberFormat(decimalSeparator: UInt8(ascii: "."), groupingSeparators: [UInt8(ascii: "'")]))
        // A sample without thousands names the decimal separator only: amounts in thousands were
        // refused (`1.234,50` under "1234,56"), though thousands separators are always skipped.
        #expect(NumberFormat(setting: "1234.56") == .standard)
        #expect(NumberFormat(setting: "1234,56") == .decimalComma)
        #expect(parseNumber("1.234,50", format: NumberFormat(setting: "1234,56")!) == 1234.5)
        #expect(parseNumber("$1,234.56", format: NumberFormat(setting: "1234.56")!) == 1234.56)
        for bad in ["", "abc", "1,234,567", "1;234.5", ".5", "1234", "1.234.567"] {
            #expect(NumberFormat(setting: bad) == nil, "\(bad)")
        }
        let swiss = NumberFormat(setting: "1'234.56")!
        #expect(parseNumber("1'234'567.5", format: swiss) == 1_234_567.5)
    }
}
