import Foundation
import PipelineKit

/// A theme file's text, read only when it is one: a regular file of UTF-8 text no bigger than
/// `maximumBytes`. Anything else is refused before its bytes are read, and said in plain words
/// (a folder, a pipe, a device, a file far too big to be a theme).
enum ThemeFileText {
    /// The largest theme file read. The built-in themes are about 2 KB.
    static let maximumBytes = 1 << 20

    static func read(_ url: URL, label: String) -> Result<String, ThemeProblem> {
        func problem(_ reason: String, line: Int = 0, column: Int = 0) -> Result<String, ThemeProblem> {
            .failure(ThemeProblem(file: label, line: line, column: column, kind: .unreadable(reason)))
        }
        // Not blocking: opening a pipe would otherwise wait for a writer forever.
        let fd = open(url.path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        if fd < 0 {
            let code = errno
            switch code {
            case ENOENT: return problem("no such file")
            case EACCES: return problem("cannot be read: permission denied")
            default: return problem("cannot be read: \(String(cString: strerror(code)))")
            }
        }
        defer { close(fd) }
        var status = stat()
        guard fstat(fd, &status) == 0 else { return problem("cannot be read: \(String(cString: strerror(errno)))") }
        if let notAFile = FileKind.notAFile(status.st_mode) { return problem(notAFile) }
        let tooBig = "is \(sizeText(Int(status.st_size))); a theme file is at most \(sizeText(maximumBytes))"
        guard Int(status.st_size) <= maximumBytes else { return problem(tooBig) }

        // Read to the end rather than to the size seen: a file that grew since is still caught
        // by the limit, and never read past it.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(Int(status.st_size) + 1)
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while bytes.count <= maximumBytes {
            let n = chunk.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                return problem("cannot be read: \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            bytes += chunk[..<n]
        }
        guard bytes.count <= maximumBytes else { return problem(tooBig) }

        if let bad = firstInvalidUTF8(bytes) {
            let (line, column) = place(of: bad, in: bytes)
            return problem("is not UTF-8 text (byte 0x\(String(bytes[bad], radix: 16, uppercase: true)) here); save it as UTF-8",
                           line: line, column: column)
        }
        return .success(String(decoding: bytes, as: UTF8.self))
    }

    /// The offset of the first byte that does not start or continue a UTF-8 character.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }

    /// The 1-based line and byte column of an offset, counted as the key locator counts them.
    static func place(of offset: Int, in bytes: [UInt8]) -> (line: Int, column: Int) {
        var line = 1, lineStart = 0
        for (k, byte) in bytes[..<offset].enumerated() where byte == 0x0A {
            line += 1
            lineStart = k + 1
        }
        return (line, offset - lineStart + 1)
    }

    static func sizeText(_ bytes: Int) -> String {
        if bytes >= 1 << 20 {
            let mb = Double(bytes) / Double(1 << 20)
            return mb.rounded() == mb ? "\(Int(mb)) MB" : String(format: "%.1f MB", mb)
        }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KB" }
        return "\(bytes) bytes"
    }
}
