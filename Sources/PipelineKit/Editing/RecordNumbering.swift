/// New record ids that follow a file's own pattern: after D-0321 comes D-0322.
enum RecordNumbering {
    /// The id after the highest number among `ids` that share the most common prefix, with at least
    /// as many digits; `prefix` + 0001 when no two ids share a prefix before their digits (a CRM's
    /// ids, such as Salesforce's, where counting on would make up an id that looks real and is
    /// not: its last letters are a checksum). Never one of `ids`.
    /// `followingTheFile` false: `prefix` numbering whatever the file's ids are (a CRM's export).
    static func next(after ids: [String], prefix fallback: String, followingTheFile: Bool = true) -> String {
        var count: [String: Int] = [:]
        var best: [String: (value: Int, width: Int)] = [:]
        for id in ids {
            let digits = id.reversed().prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty, digits.count <= 18, let value = Int(String(digits.reversed())) else { continue }
            let prefix = String(id.dropLast(digits.count))
            count[prefix, default: 0] += 1
            let old = best[prefix] ?? (-1, 0)
            best[prefix] = (max(old.value, value), max(old.width, digits.count))
        }
        let common = count.max { ($0.value, $1.key) < ($1.value, $0.key) }
        let prefix = followingTheFile ? common.flatMap { $0.value >= 2 || ids.count == 1 ? $0.key : nil } ?? fallback : fallback
        let (high, width) = best[prefix] ?? (0, 4)
        let taken = Set(ids)
        var n = high + 1
        while true {
            let digits = String(n)
            let id = prefix + String(repeating: "0", count: max(0, width - digits.count)) + digits
            if !taken.contains(id) { return id }
            n += 1
        }
    }
}
