import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The audit trail of edits, `activity.csv` (or the settings' file for the `activity` table):
/// one line per changed cell, added under the folder lock by replacing the file atomically. The file
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
        settings.fileURL(of: Schemas.activity, folder: folder)
    }

    static func append(_ entries: [Entry], folder: URL, settings: Settings,
                       using writeCall: @escaping AtomicFile.WriteCall = AtomicFile.systemWrite) throws(TriageFailure) {
        guard !entries.isEmpty else { return }
        let url = url(folder: folder, settings: settings)
        let name = url.lastPathComponent
        // The log is replaced whole, like the data files: a process killed mid-write leaves it as it
        // was, never with half a line (a plain append can be cut short by a kill).
        var existing: [UInt8] = []
        var signature: FileSignature?
        if FileManager.default.fileExists(atPath: url.path) {
            switch FileBuffer.readArray(url) {
            case .success(let bytes, let read): (existing, signature) = (bytes, read)
            case .failure(let message): throw TriageFailure("\(name): \(message); the log was not added to")
            }
        }
        let mapping = settings.tables[Schemas.activity.name]
        var out = existing
        var header: [String]
        var lineEnding = "\n"
        if existing.isEmpty {
            header = Schemas.activity.fields.map { mapping?.columns[$0.name] ?? $0.name }
            out += Array(CSVWriter(lineEnding: lineEnding).line(header).utf8)
        } else {
            // The header and line ending from the file's start; a line break first if the last line lacks one.
            let head = Array(existing.prefix(65_536))
            header = CSVCellEditor.header(head)
            if let lf = head.firstIndex(of: 10), lf > 0, head[lf - 1] == 13 { lineEnding = "\r\n" }
            if existing.last != 10 { throw notWhole(name, outcome: "the log was not added to") }
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
        do {
            // Not over lines another program added since it was read.
            try AtomicFile.write(out, to: url, using: writeCall, unchangedSince: existing.isEmpty ? nil : signature)
        } catch is ChangedMeanwhile {
            throw TriageFailure("\(name) changed while the lines were being added (another program is writing it); the log was not added to")
        } catch {
            throw TriageFailure.writing(name, error)
        }
    }

    /// The records of `file` the log names: a deal made and then undone is gone from deals.csv
    /// but not from the log, and its id must not be given to another deal.
    static func records(of file: String, folder: URL, settings: Settings) -> Set<String> {
        let url = url(folder: folder, settings: settings)
        guard case .success(let bytes, _) = FileBuffer.readArray(url), !bytes.isEmpty else { return [] }
        let (header, rows) = CSVCellEditor.records(bytes)
        let columns = FileColumns(header: header, schema: Schemas.activity, mapping: settings.tables[Schemas.activity.name])
        guard let fileColumn = columns.index(of: "file"), let recordColumn = columns.index(of: "record") else { return [] }
        var ids: Set<String> = []
        for row in rows where fileColumn < row.count && recordColumn < row.count && row[fileColumn] == file {
            ids.insert(row[recordColumn])
        }
        return ids
    }

    /// Refuses, before any data file is written, a log another program is part-way through
    /// writing: the change would be made with no line to say so.
    static func checkWhole(folder: URL, settings: Settings) throws(TriageFailure) {
        let url = url(folder: folder, settings: settings)
        if !endsWithLineBreak(url) { throw notWhole(url.lastPathComponent, outcome: "nothing was written") }
    }

    /// Whether the file's last byte is a line break (or it is empty or cannot be read), from that
    /// byte alone.
    static func endsWithLineBreak(_ url: URL) -> Bool {
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return true }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_size > 0 else { return true }
        var last: UInt8 = 0
        return pread(fd, &last, 1, info.st_size - 1) == 1 && last == 10
    }

    /// pipetop ends every line it adds with a line break: a log whose last line has none was
    /// written by another program, which may be part-way through it. A line cut inside its last
    /// cell ("...,mql,sa") reads as well as a whole one, so any such line is refused: adding
    /// after a cut would break that line for good, and the rest of the other write would land
    /// after ours.
    static func notWhole(_ name: String, outcome: String) -> TriageFailure {
        TriageFailure("\(name) does not end with a line break, so its last line may be cut short (is it still being written?); \(outcome); if that line is whole, end it with a line break")
    }
}
