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
        folder.appendingPathComponent(settings.tables[Schemas.activity.name]?.file ?? Schemas.activity.defaultFile)
    }

    static func append(_ entries: [Entry], folder: URL, settings: Settings,
                       using writeCall: @escaping AtomicFile.WriteCall = AtomicFile.systemWrite) throws(TriageFailure) {
        guard !entries.isEmpty else { return }
        let url = url(folder: folder, settings: settings)
        let name = url.lastPathComponent
        // The log is replaced whole, like the data files: a process killed mid-write leaves it as it
        // was, never with half a line (a plain append can be cut short by a kill).
        let existing: [UInt8]
        if FileManager.default.fileExists(atPath: url.path) {
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw TriageFailure.writing(name, POSIXFailure("cannot read \(name)"))
            }
            existing = [UInt8](data)
        } else {
            existing = []
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
            if existing.last != 10 { out += Array(lineEnding.utf8) }
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
            try AtomicFile.write(out, to: url, using: writeCall)
        } catch {
            throw TriageFailure.writing(name, error)
        }
    }
}
