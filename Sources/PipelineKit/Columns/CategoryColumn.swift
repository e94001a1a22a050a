/// A column with few distinct values (stage, owner, channel, campaign id): each row holds a small code
/// into `values`. Group-bys run over the codes; the strings exist once per distinct value.
public struct CategoryColumn: Sendable {
    /// Code per row; `Missing.index` for an empty cell.
    public private(set) var codes: [Int32] = []
    public private(set) var values: [String] = []

    public init() {}
    public init(codes: [Int32], values: [String]) {
        self.codes = codes
        self.values = values
    }

    public var count: Int { codes.count }

    public subscript(row: Int) -> String? {
        let c = codes[row]
        return c < 0 ? nil : values[Int(c)]
    }

    public func filtered(_ keep: [Bool]) -> CategoryColumn {
        var out: [Int32] = []
        out.reserveCapacity(codes.count)
        for r in 0..<codes.count where keep[r] { out.append(codes[r]) }
        return CategoryColumn(codes: out, values: values)
    }

    /// Rows `..<head` of this column, then `middle`'s rows, then rows `tail...` of this column, with
    /// values numbered in order of first appearance, as reading the same rows afresh numbers them.
    func spliced(head: Int, middle: CategoryColumn, tail: Int) -> CategoryColumn {
        // Values are told apart by their bytes, as when they were read: Swift's String equality
        // would merge "é" written as one code point with "e" and a combining accent.
        var known = Dictionary(values.enumerated().map { (Array($0.element.utf8), Int32($0.offset)) }, uniquingKeysWith: { a, _ in a })
        var all = values
        let middleCodes: [Int32] = middle.values.map { v in
            let key = Array(v.utf8)
            if let c = known[key] { return c }
            let c = Int32(all.count)
            all.append(v)
            known[key] = c
            return c
        }
        var out = [Int32](repeating: 0, count: head + middle.count + codes.count - tail)
        out.withUnsafeMutableBufferPointer { o in
            codes.withUnsafeBufferPointer { c in
                var k = 0
                for r in 0..<head { o[k] = c[r]; k += 1 }
                for m in middle.codes { o[k] = m < 0 ? m : middleCodes[Int(m)]; k += 1 }
                for r in tail..<c.count { o[k] = c[r]; k += 1 }
            }
        }
        // Usually the edit neither adds a value nor removes a value's first row, and the numbering
        // stands as it is; otherwise number again by first appearance.
        var next: Int32 = 0
        var inOrder = true
        for c in out where c >= next {
            if c != next { inOrder = false; break }
            next += 1
        }
        if inOrder && Int(next) == all.count { return CategoryColumn(codes: out, values: all) }
        var renumbered = [Int32](repeating: -1, count: all.count)
        var outValues: [String] = []
        out.withUnsafeMutableBufferPointer { o in
            for k in o.indices where o[k] >= 0 {
                let c = Int(o[k])
                if renumbered[c] < 0 {
                    renumbered[c] = Int32(outValues.count)
                    outValues.append(all[c])
                }
                o[k] = renumbered[c]
            }
        }
        return CategoryColumn(codes: out, values: outValues)
    }
}

/// Builds a CategoryColumn from byte slices without making a String per cell: an open-addressing
/// table keyed by the bytes themselves. Strings are made once per distinct value.
struct CategoryBuilder {
    private(set) var codes: [Int32] = []
    private(set) var values: [String] = []
    private var keyBytes: [UInt8] = []
    private var keyOffsets: [Int] = [0]
    private var slots: [Int32] = Array(repeating: -1, count: 64)
    private var hashes: [UInt64] = []
    /// Short values last seen per slot, so most cells find their code by comparing two words instead
    /// of hashing and comparing bytes. Allocated on first use: many builders are only placeholders.
    private var recent: [RecentValue] = []

    /// A value of 1 to 16 bytes as its length and two words that together hold every byte.
    private struct RecentValue {
        var a: UInt64 = 0
        var b: UInt64 = 0
        var count = 0
        var code: Int32 = -1
    }
    private static let recentSlots = 256

    init(capacity: Int = 0) { codes.reserveCapacityOnHugePages(capacity) }

    @inline(__always) private static func hash(_ s: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in s { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        return h
    }

    /// Code for these bytes, adding them as a new value when unseen. `collapseQuotes` handles `""` in quoted cells.
    mutating func code(for s: UnsafeBufferPointer<UInt8>, collapseQuotes: Bool = false) -> Int32 {
        if collapseQuotes {
            var tmp = TextColumn()
            tmp.appendCollapsingQuotes(s)
            return tmp.bytes.withUnsafeBufferPointer { code(for: $0) }
        }
        let n = s.count
        guard n >= 1, n <= 16, let p = s.baseAddress else { return lookUp(s) }
        // Bytes 0..<8 and n-8..<n (or 4-byte halves, or three single bytes) cover all n bytes, so with
        // the length they name the value exactly.
        let raw = UnsafeRawPointer(p)
        let a: UInt64, b: UInt64
        if n >= 8 {
            a = raw.loadUnaligned(as: UInt64.self)
            b = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4 {
            a = UInt64(raw.loadUnaligned(as: UInt32.self))
            b = UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self))
        } else {
            a = UInt64(p[0]) | UInt64(p[n >> 1]) << 8 | UInt64(p[n - 1]) << 16
            b = 0
        }
        let mixed = (a ^ (b &* 0x9E37_79B9_7F4A_7C15) ^ UInt64(n)) &* 0x9E37_79B9_7F4A_7C15
        let slot = Int(truncatingIfNeeded: mixed >> 56)
        if recent.isEmpty { recent = Array(repeating: RecentValue(), count: Self.recentSlots) }
        let seen = recent[slot]
        if seen.count == n && seen.a == a && seen.b == b { return seen.code }
        let c = lookUp(s)
        recent[slot] = RecentValue(a: a, b: b, count: n, code: c)
        return c
    }

    /// Code from the hash table, adding the value when unseen.
    private mutating func lookUp(_ s: UnsafeBufferPointer<UInt8>) -> Int32 {
        let h = Self.hash(s)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: h) & mask
        while true {
            let c = slots[slot]
            if c < 0 { break }
            if hashes[Int(c)] == h && equals(Int(c), s) { return c }
            slot = (slot + 1) & mask
        }
        let c = Int32(values.count)
        values.append(String(decoding: s, as: UTF8.self))
        keyBytes.append(contentsOf: s)
        keyOffsets.append(keyBytes.count)
        hashes.append(h)
        slots[slot] = c
        if values.count * 2 > slots.count { grow() }
        return c
    }

    private func equals(_ c: Int, _ s: UnsafeBufferPointer<UInt8>) -> Bool {
        let a = keyOffsets[c], b = keyOffsets[c + 1]
        guard b - a == s.count else { return false }
        return keyBytes.withUnsafeBufferPointer { kb in
            for k in 0..<s.count where kb[a + k] != s[k] { return false }
            return true
        }
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        let mask = slots.count - 1
        for c in 0..<values.count {
            var slot = Int(truncatingIfNeeded: hashes[c]) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(c)
        }
    }

    mutating func append(_ s: UnsafeBufferPointer<UInt8>, collapseQuotes: Bool = false) {
        codes.append(s.isEmpty ? Missing.index : code(for: s, collapseQuotes: collapseQuotes))
    }
    mutating func appendMissing() { codes.append(Missing.index) }
    mutating func removeLast() { codes.removeLast() }

    /// Appends another builder's rows, translating its codes into this one's.
    mutating func append(contentsOf other: CategoryBuilder) {
        var map: [Int32] = []
        map.reserveCapacity(other.values.count)
        for c in 0..<other.values.count {
            let a = other.keyOffsets[c], b = other.keyOffsets[c + 1]
            map.append(other.keyBytes.withUnsafeBufferPointer { code(for: UnsafeBufferPointer(rebasing: $0[a..<b])) })
        }
        codes.reserveCapacity(codes.count + other.codes.count)
        for c in other.codes { codes.append(c < 0 ? c : map[Int(c)]) }
    }

    func build() -> CategoryColumn { CategoryColumn(codes: codes, values: values) }
}
