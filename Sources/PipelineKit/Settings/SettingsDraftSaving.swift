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
    /// edited by hand, or an older draft) is first kept as `NAME.bak`, replacing an older one; when it
    /// cannot be kept, nothing is replaced.
    public func save(to file: URL) throws -> Replaced {
        let new = Array(text.utf8)
        var replaced = Replaced.nothing
        if FileManager.default.fileExists(atPath: file.path) {
            let old = try [UInt8](Data(contentsOf: file))
            if old == new { return .sameDraft }
            let backup = file.deletingLastPathComponent().appendingPathComponent(file.lastPathComponent + ".bak")
            try AtomicFile.write(old, to: backup)
            replaced = .keptAs(backup.lastPathComponent)
        }
        try AtomicFile.write(new, to: file)
        return replaced
    }
}
