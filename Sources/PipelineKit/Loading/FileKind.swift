import Foundation

/// What a path is when it is not a regular file, in the words every reader of a file (data,
/// settings, theme) gives.
public enum FileKind {
    /// Nil for a regular file.
    public static func notAFile(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "is a folder, not a file"
        default: return "is not a regular file (a pipe, a device or a socket), so it is not read"
        }
    }
}
