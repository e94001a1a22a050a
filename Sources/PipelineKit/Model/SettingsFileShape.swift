import Foundation

/// What the settings file looks like on disk, as far as telling a finished one from one being
/// saved: a save that deletes and writes again, or writes in place, leaves it missing, empty or
/// cut mid-line for a moment, and read then it would give defaults or a half-written value.
enum SettingsFileShape: Equatable, Sendable {
    case absent
    /// Not empty, and ending with a line break.
    case whole
    /// Empty, or ending mid-line.
    case cut

    static func of(_ url: URL) -> SettingsFileShape {
        guard let data = FileManager.default.contents(atPath: url.path) else { return .absent }
        return data.last == UInt8(ascii: "\n") ? .whole : .cut
    }
}
