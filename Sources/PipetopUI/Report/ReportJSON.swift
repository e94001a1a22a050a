import PipelineKit

/// A JSON value as the report writes it: built from plain values and written in one pass, keys
/// in code-point order. Foundation's JSONSerialization took 25 s and half a gigabyte for a report
/// of 100,000 quota rows: every value was bridged to an object, and every object's keys sorted by
/// a locale-aware comparison that made a locale each time.
enum ReportJSON: Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case string(String)
    case array([ReportJSON])
    case object([(String, ReportJSON)])

    init(stringLiteral value: String) { self = .string(value) }
    init(integerLiteral value: Int) { self = .int(value) }
    init(booleanLiteral value: Bool) { self = .bool(value) }
    init(arrayLiteral elements: ReportJSON...) { self = .array(elements) }
    init(dictionaryLiteral elements: (String, ReportJSON)...) { self = .object(elements) }
    init(nilLiteral: ()) { self = .null }

    /// A value or null.
    init(_ v: Double?) { self = v.map { .number($0) } ?? .null }
    init(_ v: Int?) { self = v.map { .int($0) } ?? .null }
    init(_ v: String?) { self = v.map { .string($0) } ?? .null }
    init(_ v: Bool?) { self = v.map { .bool($0) } ?? .null }
    init(_ v: [String]) { self = .array(v.map { .string($0) }) }

    /// The value as pretty-printed text: two spaces a level, `"key" : value`.
    func text() -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1 << 16)
        write(to: &out, indent: 0)
        out.append(0x0A)
        return String(decoding: out, as: UTF8.self)
    }

    private func write(to out: inout [UInt8], indent: Int) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .number(let d): Self.writeNumber(d, to: &out)
        case .string(let s): Self.writeString(s, to: &out)
        case .array(let items):
            guard !items.isEmpty else { out.append(contentsOf: "[]".utf8); return }
            out.append(UInt8(ascii: "["))
            for (k, item) in items.enumerated() {
                out.append(contentsOf: k == 0 ? [0x0A] : [UInt8(ascii: ","), 0x0A])
                Self.pad(&out, indent + 1)
                item.write(to: &out, indent: indent + 1)
            }
            out.append(0x0A)
            Self.pad(&out, indent)
            out.append(UInt8(ascii: "]"))
        case .object(let fields):
            guard !fields.isEmpty else { out.append(contentsOf: "{}".utf8); return }
            out.append(UInt8(ascii: "{"))
            // Code-point order: the same in every locale, and cheap.
            let sorted = fields.sorted { $0.0.unicodeScalars.lexicographicallyPrecedes($1.0.unicodeScalars) }
            for (k, field) in sorted.enumerated() {
                out.append(contentsOf: k == 0 ? [0x0A] : [UInt8(ascii: ","), 0x0A])
                Self.pad(&out, indent + 1)
                Self.writeString(field.0, to: &out)
                out.append(contentsOf: " : ".utf8)
                field.1.write(to: &out, indent: indent + 1)
            }
            out.append(0x0A)
            Self.pad(&out, indent)
            out.append(UInt8(ascii: "}"))
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 64)

    private static func pad(_ out: inout [UInt8], _ indent: Int) {
        var left = indent * 2
        while left > 0 {
            let n = min(left, spaces.count)
            out.append(contentsOf: spaces[0..<n])
            left -= n
        }
    }

    /// A number as JSON can hold it: an infinity or NaN (a total that overflowed) is null, -0 is 0,
    /// a whole number has no fraction or exponent while a double holds it exactly, and any other
    /// the shortest digits that read back as the same double.
    static func writeNumber(_ d: Double, to out: inout [UInt8]) {
        guard d.isFinite else { out.append(contentsOf: "null".utf8); return }
        if d == 0 { out.append(UInt8(ascii: "0")); return }
        if d == d.rounded(), abs(d) <= 9_007_199_254_740_992 {
            out.append(contentsOf: String(Int64(d)).utf8)
            return
        }
        out.append(contentsOf: d.description.utf8)
    }

    /// A string with JSON's escapes, and the characters a terminal would act on, that reorder
    /// text or that cannot be seen written as `\uXXXX` (JSON's own escapes cover only C0
    /// controls), a character past U+FFFF as its two surrogates.
    static func writeString(_ s: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        let utf8 = s.utf8
        // Plain ASCII needs no look at its scalars.
        if utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            out.append(contentsOf: utf8)
        } else {
            for u in s.unicodeScalars {
                switch u {
                case "\"": out.append(contentsOf: "\\\"".utf8)
                case "\\": out.append(contentsOf: "\\\\".utf8)
                case "\n": out.append(contentsOf: "\\n".utf8)
                case "\r": out.append(contentsOf: "\\r".utf8)
                case "\t": out.append(contentsOf: "\\t".utf8)
                default:
                    if MessageText.isEscaped(u) {
                        if u.value > 0xFFFF {
                            let v = u.value - 0x10000
                            writeEscape(0xD800 + (v >> 10), to: &out)
                            writeEscape(0xDC00 + (v & 0x3FF), to: &out)
                        } else {
                            writeEscape(u.value, to: &out)
                        }
                    } else {
                        UTF8.encode(u) { out.append($0) }
                    }
                }
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    private static func writeEscape(_ unit: UInt32, to out: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        out.append(contentsOf: "\\u".utf8)
        for shift in stride(from: 12, through: 0, by: -4) { out.append(hex[Int((unit >> UInt32(shift)) & 0xF)]) }
    }
}
