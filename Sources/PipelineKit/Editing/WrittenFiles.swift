import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What pipetop writers last wrote, noted in the lock file after the holder line
/// (`wrote=INODE:MODIFIED:SIZE:PATH`), so that the next writer, in this process or another, can
/// tell a file changed a moment ago by pipetop (whole: it was swapped in) from one another
/// program may still be writing in place.
extension FolderLock {
    /// How long a file changed by another program must stay as it is before it is rewritten: a
    /// program writing in place that pauses at the end of a line leaves a file that reads whole.
    static let quietSeconds = 1.0
    /// How long a writer waits for such a file to be left alone before it gives up.
    static let quietWaitSeconds = 3.0

    /// Notes that pipetop has just written `url`, as it is now.
    public func noteWritten(_ url: URL) {
        guard canRecord, let signature = FileSignature.of(url) else { return }
        let path = Self.noted(url)
        let lines = contents().split(separator: "\n").map(String.init)
        let holder = lines.first { $0.hasPrefix("pid=") }.map { $0 + "\n" } ?? ""
        let written = lines.filter { $0.hasPrefix("wrote=") && Self.path(of: $0) != path } + [Self.line(signature, path)]
        rewrite(note: holder, written: Array(written.suffix(16)))
    }

    /// Whether `url` is as a pipetop writer last left it.
    func isAsPipetopWrote(_ url: URL, _ signature: FileSignature) -> Bool {
        writtenLines().contains(Self.line(signature, Self.noted(url)))
    }

    private static func line(_ signature: FileSignature, _ path: String) -> String {
        "wrote=\(signature.inode):\(signature.modifiedNanoseconds):\(signature.size):\(path)"
    }

    /// The file's path as noted: links followed (a folder reached by another path, or through a
    /// link, is the same folder), and a line break written as %0A so a note stays one line.
    private static func noted(_ url: URL) -> String {
        AtomicFile.linkTarget(url).path.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Waits until each of `files` that another program changed less than `quietSeconds` ago has
    /// been left alone that long. Nil when they are quiet; else the one still changing.
    func awaitQuiet(_ files: [URL], quiet: Double = quietSeconds, limit: Double = quietWaitSeconds) -> URL? {
        let deadline = Date().addingTimeInterval(limit)
        for url in files {
            while let signature = FileSignature.of(url), !isAsPipetopWrote(url, signature) {
                let age = Date().timeIntervalSince1970 - Double(signature.modifiedNanoseconds) / 1e9
                // A time ahead of the clock (a file server's clock) says nothing about a writer.
                guard age >= 0, age < quiet else { break }
                if Date() >= deadline { return url }
                usleep(UInt32(min(quiet - age, 0.1) * 1_000_000) + 1_000)
            }
        }
        return nil
    }

    func writtenLines() -> [String] {
        contents().split(separator: "\n").map(String.init).filter { $0.hasPrefix("wrote=") }
    }

    private static func path(of line: String) -> String {
        line.split(separator: ":", maxSplits: 3, omittingEmptySubsequences: false).dropFirst(3).first.map(String.init) ?? ""
    }

    private func contents() -> String {
        var buffer = [UInt8](repeating: 0, count: 16_384)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, 0) }
        return n > 0 ? String(decoding: buffer[0..<n], as: UTF8.self) : ""
    }

    func rewrite(note: String, written: [String]) {
        let bytes = Array((note + written.map { $0 + "\n" }.joined()).utf8)
        _ = ftruncate(fd, 0)
        _ = bytes.withUnsafeBytes { pwrite(fd, $0.baseAddress!, $0.count, 0) }
    }
}
