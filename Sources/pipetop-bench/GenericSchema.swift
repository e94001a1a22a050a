import Foundation
import PipelineKit

/// A schema made from a file's own header, for files pipetop has no mapping for: each column is typed
/// from its first rows (all ISO dates -> time, all numbers -> number, few distinct values -> category,
/// else text), so the typed readers do the work they would do with a real mapping.
enum GenericSchema {
    static let sampleRows = 200

    static func infer(name: String, bytes: [UInt8]) -> TableSchema? {
        let dates = TimestampParser(format: .iso, timeZone: TimeZone(identifier: "UTC")!)
        return bytes.withUnsafeBufferPointer { buf -> TableSchema? in
            let parser = CSVParser(bytes: buf)
            var header: [String] = []
            var samples: [[[UInt8]]] = []
            _ = parser.parse(from: CSVParser.bodyStart(buf), to: buf.count) { cells, _ in
                if header.isEmpty {
                    header = cells.map { parser.string($0) }
                    samples = Array(repeating: [], count: header.count)
                    return true
                }
                for (c, span) in cells.enumerated() where c < header.count && span.count > 0 {
                    samples[c].append(Array(buf[span.start..<span.end]))
                }
                return samples.first.map { $0.count < sampleRows } ?? false
            }
            guard !header.isEmpty else { return nil }
            let fields = header.indices.map { c -> FieldSpec in
                let values = samples[c]
                func all(_ test: (UnsafeBufferPointer<UInt8>) -> Bool) -> Bool {
                    !values.isEmpty && values.allSatisfy { v in v.withUnsafeBufferPointer(test) }
                }
                let kind: FieldKind
                if all({ dates.parse($0) != nil }) { kind = .time }
                else if all({ parseNumber($0, format: .standard) != nil }) { kind = .number }
                else if values.count >= 20 && Set(values).count * 4 <= values.count { kind = .category }
                else { kind = .text }
                return FieldSpec(header[c], kind)
            }
            return TableSchema(name: name, defaultFile: name + ".csv", idField: nil, fields: fields)
        }
    }
}
