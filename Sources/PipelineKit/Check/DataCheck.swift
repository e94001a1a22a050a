/// The result of checking a data folder, as `pipetop check` prints it.
public struct DataCheck: Sendable {
    public let diagnostics: [Diagnostic]
    public let files: [FileStatus]

    /// `more`: problems found outside the model (a theme the settings name that cannot be used).
    public init(_ snapshot: Snapshot, more: [Diagnostic] = []) {
        diagnostics = snapshot.diagnostics + more
        files = snapshot.files
    }

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }

    /// 0 when there are no errors (warnings allowed), 1 when there are.
    public var exitCode: Int32 { errorCount > 0 ? 1 : 0 }

    /// One `folder/file:line:column: severity: message (suggestion)` line per problem, in file order,
    /// then a summary line. With `limit`, only that many problems, then a line saying how many
    /// more there are: only those are written out (half a million take seconds).
    public func lines(folderLabel raw: String, limit: Int? = nil) -> [String] {
        // The folder's name is the user's, and may hold anything a name can.
        let folderLabel = MessageText.escaped(raw)
        let prefix = folderLabel.isEmpty || folderLabel == "." ? "" : (folderLabel.hasSuffix("/") ? folderLabel : folderLabel + "/")
        // Sorted on plain numbers: each file's rank among the names, its line, its place.
        let names = Set(diagnostics.map(\.file)).sorted()
        let rank = Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.element, $0.offset) })
        let keys = diagnostics.map { rank[$0.file]! }
        let order = diagnostics.indices.sorted { a, b in
            keys[a] != keys[b] ? keys[a] < keys[b] : (diagnostics[a].line != diagnostics[b].line ? diagnostics[a].line < diagnostics[b].line : a < b)
        }
        let kept = limit.map { Array(order.prefix($0)) } ?? order
        var out = kept.map { diagnostics[$0] }.map { d -> String in
            var copy = d
            // A message about the folder as a whole (a file it lacks that has no name) is at the folder.
            copy.file = d.file.isEmpty ? (folderLabel.isEmpty ? "the data folder" : Self.tidied(folderLabel)) : Self.tidied(prefix + d.file)
            return copy.description
        }
        if kept.count < order.count { out.append("\(order.count - kept.count) more: `pipetop check` lists them all") }
        let rows = files.filter { $0.state == .ok }.map { f in
            "\(MessageText.escaped(f.file)) \(f.rows)" + (f.leftOut > 0 ? " (\(f.leftOut) left out)" : "")
        }.joined(separator: ", ")
        let summary = errorCount == 0 && warningCount == 0 ? "no problems" :
            "\(errorCount) error\(errorCount == 1 ? "" : "s"), \(warningCount) warning\(warningCount == 1 ? "" : "s")"
        out.append("\(summary) in \(folderLabel.isEmpty ? "the data folder" : folderLabel) (\(rows.isEmpty ? nothingRead : "rows read: " + rows))")
        return out
    }

    /// Why no file gave a row: none of the files the settings name is in the folder (settings,
    /// or a preset, meant for another export), or those there could not be read.
    var nothingRead: String {
        let looked = files.filter { $0.table != "settings" && ($0.expected || $0.state != .missing) }
        if !looked.isEmpty && looked.allSatisfy({ $0.state == .missing }) {
            return "no file read: none of the files pipetop looked for is in the folder; do the settings or the preset fit this export?"
        }
        return "no file read"
    }

    /// A path with its `dir/..` and `.` steps taken out, as written (a file beside a `--settings`
    /// file is named from the data folder, `../exports/../../settings/quotas.csv`, otherwise).
    static func tidied(_ path: String) -> String {
        let absolute = path.hasPrefix("/")
        var kept: [Substring] = []
        for step in path.split(separator: "/", omittingEmptySubsequences: true) {
            if step == "." { continue }
            if step == "..", let last = kept.last, last != ".." { kept.removeLast(); continue }
            if step == "..", absolute { continue }
            kept.append(step)
        }
        let joined = kept.joined(separator: "/")
        return absolute ? "/" + joined : (joined.isEmpty ? "." : joined)
    }
}
