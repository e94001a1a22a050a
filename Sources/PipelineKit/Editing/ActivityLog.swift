import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The audit trail of edits, `activity.csv` (or the settings' file for the `activity` table):
/// one line per changed cell, appended under the folder lock with one write and a flush. The file
/// is created with its header when missing; an existing file keeps its column order and line ending.
enum ActivityLog {
    struct Entry: Equatable {
        var at: String
        var user: String
        var file: String
        var record: String
        var field: String
        var old: String
        var new: String

        func value(_ field: String) -> String {
            switch field {
            case "at": at
            case "user": user
            case "file": file
            case "record": record
            case "field": self.field
            case "old": old
            case "new": new
            default: ""
            }
        }
    }

    static func url(folder: URL, settings: Settings) -> URL {
        folder.appendingPathComponent(settings.tables[Schemas.activity.name]?.file ?? Schemas.activity.defaultFile)
    }

    static func append(_ entries: [Entry], folder: URL, settings: Settings,
                       using writeCall: AtomicFile.WriteCall = AtomicFile.systemWrite) throws(TriageFailure) {
        guard !entries.isEmpty else { return }
        let url = url(folder: folder, settings: settings)
        let name = url.lastPathComponent
        let fd = open(url.path, O_RDWR | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw TriageFailure.writing(name, POSIXFailure("cannot open \(name)")) }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw TriageFailure.writing(name, POSIXFailure("cannot read \(name)")) }
        let size = Int(st.st_size)
        let mapping = settings.tables[Schemas.activity.name]
        var out: [UInt8] = []
        var header: [String]
        var lineEnding = "\n"
        if size == 0 {
            header = Schemas.activity.fields.map { mapping?.columns[$0.name] ?? $0.name }
            out += Array(CSVWriter(lineEnding: lineEnding).line(header).utf8)
        } else {
            // The header and line ending from the file's start; a line break first if the last line lacks one.
            var head = [UInt8](repeating: 0, count: min(size, 65_536))
            let n = head.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, 0) }
            head = Array(head.prefix(max(0, n)))
            header = CSVCellEditor.header(head)
            if let lf = head.firstIndex(of: 10), lf > 0, head[lf - 1] == 13 { lineEnding = "\r\n" }
            var last: UInt8 = 0
            _ = pread(fd, &last, 1, off_t(size - 1))
            if last != 10 { out += Array(lineEnding.utf8) }
        }
        let columns = FileColumns(header: header, schema: Schemas.activity, mapping: mapping)
        let writer = CSVWriter(lineEnding: lineEnding)
        for entry in entries {
            var cells = Array(repeating: "", count: max(header.count, 1))
            for field in Schemas.activity.fields {
                if let i = columns.index(of: field.name) { cells[i] = entry.value(field.name) }
            }
            out += Array(writer.line(cells).utf8)
        }
        var offset = 0
        var failure: POSIXFailure?
        out.withUnsafeBytes { raw in
            while offset < raw.count {
                let n = writeCall(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0, errno == EINTR { continue }
                if n <= 0 {
                    if n == 0 { errno = ENOSPC }
                    failure = POSIXFailure("cannot write \(name)")
                    return
                }
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = POSIXFailure("cannot flush \(name)") }
        if let failure {
            // Take back a partial line, so the log never ends in half an entry.
            _ = ftruncate(fd, off_t(size))
            if size == 0 { unlink(url.path) }
            throw TriageFailure.writing(name, failure)
        }
        if size == 0 {
            // A new file's name must survive a power cut as well as its lines.
            let dir = open(folder.path, O_RDONLY | O_CLOEXEC)
            if dir >= 0 { _ = fsync(dir); close(dir) }
        }
    }
}
