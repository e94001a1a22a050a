import Foundation
import Testing
@testable import PipelineKit

/// One cell edited in a real file: every byte outside that cell stays as it was.
struct CellEditRoundTripTests {
    static let realdata = ScratchSeeds.packageRoot.deletingLastPathComponent().appendingPathComponent("shared/realdata")

    /// Every CSV file under a folder, recursively; empty when the folder is absent.
    static func csvFiles(under folder: URL) -> [URL] {
        guard let walker = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) else { return [] }
        return walker.compactMap { $0 as? URL }.filter { $0.pathExtension.lowercased() == "csv" }.sorted { $0.path < $1.path }
    }

    /// The bytes with one cell replaced, computed from the tokenizer's spans: what the editor must give.
    static func expected(_ data: [UInt8], id: String, column: Int, newValue: String) -> [UInt8]? {
        data.withUnsafeBufferPointer { buf -> [UInt8]? in
            var range: Range<Int>?
            var header = true
            _ = CSVParser(bytes: buf).parse(from: CSVParser.bodyStart(buf), to: buf.count) { cells, _ in
                if header { header = false; return true }
                guard column < cells.count, CSVCellEditor.cell(buf, cells[0]) == id else { return true }
                let span = cells[column]
                range = (span.quoted ? span.start - 1 : span.start)..<(span.quoted ? span.end + 1 : span.end)
                return false
            }
            guard let range else { return nil }
            return Array(buf[..<range.lowerBound]) + Array(CSVWriter.encode(newValue).utf8) + Array(buf[range.upperBound...])
        }
    }

    /// Edits the middle record's cell in `column` (counted from the end when negative) and compares byte for byte.
    static func checkRoundTrip(_ data: [UInt8], label: String, column wanted: Int) throws {
        let (header, rows) = CSVCellEditor.records(data)
        guard header.count > 1, !rows.isEmpty else { return }
        let column = wanted < 0 ? header.count + wanted : wanted
        guard let row = rows[(rows.count / 2)...].first(where: { $0.count > column }) ?? rows.first(where: { $0.count > column }) else { return }
        let id = row[0]
        let newValue = "edited, \"quoted\" \(label.count)"
        let edited = try CSVCellEditor.apply([CellEdit(id: id, field: header[column].trimmingCharacters(in: .whitespaces), newValue: newValue)],
                                             to: data, key: header[0].trimmingCharacters(in: .whitespaces))
        let want = try #require(expected(data, id: id, column: column, newValue: newValue), "\(label): no record \(id)")
        #expect(edited == want, "\(label): bytes outside the edited cell changed")
        // Read back: the same records but that one cell.
        let (header2, rows2) = CSVCellEditor.records(edited)
        #expect(header2 == header)
        let index = rows.firstIndex { $0.count > column && $0[0] == id }!
        var wantRows = rows
        wantRows[index][column] = newValue
        #expect(rows2 == wantRows, "\(label): the file reads back differently")
    }

    @Test func seedFilesKeepEveryOtherByte() throws {
        let files = Self.csvFiles(under: ScratchSeeds.seeds)
        #expect(files.count >= 6)
        for url in files {
            let data = Array(try Data(contentsOf: url))
            try Self.checkRoundTrip(data, label: url.lastPathComponent, column: 1)
            try Self.checkRoundTrip(data, label: url.lastPathComponent, column: -1)
        }
    }

    @Test func realExportsKeepEveryOtherByte() throws {
        let files = Self.csvFiles(under: Self.realdata)
        if files.isEmpty {
            print("note: \(Self.realdata.path) is absent; the real exports were not round-tripped")
            return
        }
        for url in files {
            let data = Array(try Data(contentsOf: url))
            try Self.checkRoundTrip(data, label: url.path, column: 1)
            try Self.checkRoundTrip(data, label: url.path, column: -1)
        }
    }

    /// A byte-order mark, CRLF line ends, and quoted cells holding commas, quotes and line breaks.
    static let awkward: [UInt8] = [0xEF, 0xBB, 0xBF] + Array((
        "lead_id,name,notes,owner,extra\r\n" +
        "L1,\"Park, Jo\",\"said \"\"call me\"\"\r\nnext week\",Ana,keep\r\n" +
        "L2,Sam,\"multi\nline, with LF\",,\"x\"\r\n" +
        "L3,\"Roe\",plain,Ben,\r\n" +
        "L4,short\r\n").utf8)

    @Test func bomCRLFAndQuotedCellsKeepEveryOtherByte() throws {
        for column in 1...4 {
            for id in ["L1", "L2", "L3"] {
                let newValue = "v\(column), \"q\""
                let edited = try CSVCellEditor.apply([CellEdit(id: id, field: ["name", "notes", "owner", "extra"][column - 1], newValue: newValue)],
                                                     to: Self.awkward, key: "lead_id")
                #expect(edited == Self.expected(Self.awkward, id: id, column: column, newValue: newValue), "\(id) column \(column)")
            }
        }
        // The whole-file round trip through the shared check as well.
        try Self.checkRoundTrip(Self.awkward, label: "awkward", column: 2)
    }

    @Test func plainValueReplacesQuotedCellWithoutQuotes() throws {
        let edited = try CSVCellEditor.apply([CellEdit(id: "L3", field: "name", newValue: "Roe")], to: Self.awkward, key: "lead_id")
        #expect(String(decoding: edited, as: UTF8.self).contains("L3,Roe,plain,Ben,\r\n"))
    }

    @Test func shortRecordGetsMissingCellsAtItsEnd() throws {
        let edited = try CSVCellEditor.apply([CellEdit(id: "L4", field: "owner", newValue: "Kim, Lee")], to: Self.awkward, key: "lead_id")
        #expect(String(decoding: edited, as: UTF8.self).hasSuffix("L4,short,,\"Kim, Lee\"\r\n"))
        let untouched = Array(Self.awkward.prefix(Self.awkward.count - "L4,short\r\n".utf8.count))
        #expect(Array(edited.prefix(untouched.count)) == untouched)
    }

    @Test func expectedValueMismatchChangesNothing() {
        #expect(throws: CellEditError.changedMeanwhile(id: "L3", field: "owner", expected: "", found: "Ben")) {
            try CSVCellEditor.apply([CellEdit(id: "L1", field: "owner", newValue: "X", expected: "Ana"),
                                     CellEdit(id: "L3", field: "owner", newValue: "X", expected: "")], to: Self.awkward, key: "lead_id")
        }
    }

    @Test func removingARecordKeepsTheRest() {
        let removed = CSVCellEditor.removing(["L2"], keyColumn: 0, from: Self.awkward)
        let text = String(decoding: Self.awkward, as: UTF8.self)
        let line = "L2,Sam,\"multi\nline, with LF\",,\"x\"\r\n"
        #expect(String(decoding: removed, as: UTF8.self) == text.replacingOccurrences(of: line, with: ""))
        // An appended record taken away again gives back a file that had no final line break.
        let bare = Array("id,v\nA,1".utf8)
        let grown = CSVCellEditor.appending([["B", "2"]], to: bare)
        #expect(String(decoding: grown, as: UTF8.self) == "id,v\nA,1\nB,2\n")
        #expect(CSVCellEditor.removing(["B"], keyColumn: 0, from: grown, dropLineBreak: true) == bare)
    }
}
