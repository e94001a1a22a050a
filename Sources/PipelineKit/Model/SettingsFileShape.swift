import Foundation

/// What the settings file looks like on disk, as far as telling a finished one from one being
/// saved: a save that deletes and writes again, or writes in place, leaves it missing, empty or
/// cut mid-line for a moment, and read then it would give defaults or a half-written value.
enum SettingsFileShape: Equatable, Sendable {
    case absent
    /// Not empty and ending with a line break, or left alone for `settleSeconds`: a finished save
    /// need not end with a line break (many editors do not add one).
    case whole
    /// Ending mid-line and written moments ago: looked at again shortly.
    case cut
    /// Empty, however long ago: read, it would be all defaults. Held until written.
    case empty

    /// How long a file that ends mid-line must stay unchanged to count as saved.
    static let settleSeconds = 2.0

    static func of(_ url: URL, now: Date = Date()) -> SettingsFileShape {
        guard let data = FileManager.default.contents(atPath: url.path) else { return .absent }
        if data.isEmpty { return .empty }
        if data.last == UInt8(ascii: "\n") { return .whole }
        return SnapshotLoader.secondsSinceModified(url, now: now) >= settleSeconds ? .whole : .cut
    }
}
