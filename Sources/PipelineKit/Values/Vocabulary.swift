/// The key two spellings of a word are compared by: lower case, without spaces, `-` and `_`.
/// `Closed Won`, `closed_won` and `closedwon` are one key.
public func normalizedKey(_ s: String) -> String {
    var out = String.UnicodeScalarView()
    var ascii = true
    for u in s.unicodeScalars {
        switch u {
        case " ", "-", "_": continue
        case "A"..."Z": out.append(Unicode.Scalar(u.value + 32)!)
        default:
            if !u.isASCII { ascii = false }
            out.append(u)
        }
    }
    let key = String(out)
    return ascii ? key : key.lowercased()
}

/// A fixed list of words (stages, channels, ...) with aliases, matched by `normalizedKey`.
/// A word always matches itself; an alias matches the word it stands for.
public struct Vocabulary: Sendable {
    /// The canonical words; a match is an index into this list.
    public var words: [String] {
        didSet { rebuild() }
    }
    /// Alias spelling -> canonical word. Aliases whose word is not in `words` are left out.
    public private(set) var aliases: [String: String]

    /// normalized key -> index into words
    private var indexByKey: [String: Int] = [:]
    /// Every spelling a suggestion may show: the words first, then the aliases sorted, each with its
    /// normalized form as Unicode scalars.
    private var spellings: [(spelling: String, key: [Unicode.Scalar])] = []

    public init(words: [String], aliases: [String: String]) {
        self.words = words
        self.aliases = aliases
        rebuild()
    }

    private mutating func rebuild() {
        var byKey: [String: Int] = [:]
        var shown: [(String, [Unicode.Scalar])] = []
        for (i, w) in words.enumerated() {
            let key = normalizedKey(w)
            if byKey[key] == nil {
                byKey[key] = i
                shown.append((w, Array(key.unicodeScalars)))
            }
        }
        var kept: [String: String] = [:]
        // Sorted, so that of several spellings with one key the same one is shown every time.
        for alias in aliases.keys.sorted() {
            let target = aliases[alias]!
            guard let index = byKey[normalizedKey(target)] else { continue }
            kept[alias] = words[index]
            let key = normalizedKey(alias)
            if byKey[key] == nil {
                byKey[key] = index
                shown.append((alias, Array(key.unicodeScalars)))
            }
        }
        aliases = kept
        indexByKey = byKey
        spellings = shown
    }

    /// A copy with more aliases; where a new alias has the key of an old one, the new one wins.
    /// Words always keep matching themselves.
    public func adding(aliases more: [String: String]) -> Vocabulary {
        let moreKeys = Set(more.keys.map(normalizedKey))
        var merged = aliases.filter { !moreKeys.contains(normalizedKey($0.key)) }
        for (k, v) in more { merged[k] = v }
        return Vocabulary(words: words, aliases: merged)
    }

    /// The index into `words` of a raw value, its aliases counted.
    public func index(of raw: String) -> Int? {
        indexByKey[normalizedKey(raw)]
    }

    /// The canonical word for a raw value.
    public func word(for raw: String) -> String? {
        index(of: raw).map { words[$0] }
    }

    public func contains(_ raw: String) -> Bool { index(of: raw) != nil }

    /// The nearest word or alias to an unknown raw value, as it should be shown ("did you mean
    /// ...?"): the alias spelling when an alias is nearest. Nil when the value is known, or when
    /// nothing is within max(2, length / 3) edits (Damerau-Levenshtein on normalized forms) and
    /// fewer edits than the value is long.
    public func suggestion(for raw: String) -> String? {
        let key = normalizedKey(raw)
        guard indexByKey[key] == nil else { return nil }
        let scalars = Array(key.unicodeScalars)
        guard !scalars.isEmpty else { return nil }
        let limit = min(max(2, scalars.count / 3), scalars.count - 1)
        guard limit > 0 else { return nil }
        var best: (spelling: String, distance: Int)?
        for (spelling, candidate) in spellings {
            let bound = best.map { $0.distance - 1 } ?? limit
            guard abs(candidate.count - scalars.count) <= bound else { continue }
            let d = editDistance(scalars, candidate)
            if d <= bound { best = (spelling, d) }
        }
        return best?.spelling
    }
}

/// Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
/// neighbours each cost one.
func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    let width = b.count + 1
    var previous2 = [Int](repeating: 0, count: width)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: width)
    for i in 1...a.count {
        current[0] = i
        for j in 1...b.count {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var d = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                d = min(d, previous2[j - 2] + 1)
            }
            current[j] = d
        }
        swap(&previous2, &previous)
        swap(&previous, &current)
    }
    return previous[b.count]
}
