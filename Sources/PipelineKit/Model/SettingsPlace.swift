import Foundation

/// Where things are in the settings file a loader reads, for messages that point into it and for
/// paths written in it.
extension SnapshotLoader {
    /// Where a settings key is written (`["display", "theme"]`), for a message about a value
    /// another part of the program judges (a theme): nil when the file or the key is not there.
    public func settingsPosition(of path: [String]) -> (line: Int, column: Int)? {
        guard let text = try? String(contentsOf: settingsURL, encoding: .utf8),
              let p = TOMLKeyLocator(text: text).position(of: path) else { return nil }
        return (p.line, p.column)
    }

    /// `pipetop.toml:42:9` for a settings key, or the file's name alone when it is not written.
    public func settingsLocation(of path: [String]) -> String {
        settingsPosition(of: path).map { "\(settingsLabel):\($0.line):\($0.column)" } ?? settingsLabel
    }

    /// The folder paths in the settings are read from: the settings file's own (beside a
    /// read-only export), else the data folder.
    public var settingsFolder: URL { settingsURL.deletingLastPathComponent() }
}
