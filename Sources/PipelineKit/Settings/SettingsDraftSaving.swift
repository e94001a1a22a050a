import Foundation

extension SettingsDraft {
    /// What saving a draft did with the settings file already there.
    public enum Replaced: Sendable, Equatable {
        /// There was none.
        case nothing
        /// It held this very draft, and was left as it was.
        case sameDraft
        /// It was kept beside the new one under this name.
        case keptAs(String)
    }

    /// Writes the draft to `file` whole or not at all. A file already there with other text (settings
    /// edited by hand, or an older draft) is first kept as `NAME.bak`, or `NAME.bak.2` and on when
    /// an earlier one holds other text: a second `--force` must not put a draft over the hand edits
    /// the first one kept. When it cannot be kept, nothing is replaced.
    public func save(to file: URL) throws -> Replaced {
        let new = Array(text.utf8)
        var replaced = Replaced.nothing
        if FileManager.default.fileExists(atPath: file.path) {
            let old = try [UInt8](Data(contentsOf: file))
            if old == new { return .sameDraft }
            let folder = file.deletingLastPathComponent()
            var n = 1
            while true {
                let backup = folder.appendingPathComponent(file.lastPathComponent + ".bak" + (n == 1 ? "" : ".\(n)"))
                guard let kept = FileManager.default.contents(atPath: backup.path) else {
                    try AtomicFile.write(old, to: backup)
                    replaced = .keptAs(backup.lastPathComponent)
                    break
                }
                // The same text kept already: nothing more to keep.
                if [UInt8](kept) == old { replaced = .keptAs(backup.lastPathComponent); break }
                n += 1
            }
        }
        try AtomicFile.write(new, to: file)
        return replaced
    }
}
