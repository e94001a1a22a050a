import Foundation
import Testing
@testable import PipelineKit

/// The loader's shortcuts must give exactly what the plain path gives.
struct LoadingFastPathTests {
    static let cells = [
        "2026-11-03", "2026-11-03T14:05", "2026-11-03T14:05:09", "2026-11-03 14:05", "2026-11-03t14:05:09",
        "2024-02-29", "2023-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-11-00",
        "2026-11-03T24:00", "2026-11-03T23:60", "2026-11-03T14:05:60", "2026-11-03T14:05:59",
        "2026-03-29T02:30", "2026-10-25T02:30:00", "2026-11-03X14:05", "2026/11/03", "20261103AB",
        "2026-11-03T14-05", "2026-11-03T14:05+0100", " 2026-11-03", "", "2026-11-3T14:05:09",
    ]

    @Test(arguments: ["UTC", "Europe/Berlin", "America/New_York"])
    func isoReaderAgreesWithTheParser(zone: String) {
        let parser = TimestampParser(format: .iso, timeZone: TimeZone(identifier: zone)!)
        let reader = ISOTimestampReader(parser: parser)
        for cell in Self.cells {
            let bytes = Array(cell.utf8)
            let (viaReader, viaParser) = bytes.withUnsafeBufferPointer { (reader.parse($0), parser.parse($0)) }
            #expect(viaReader == viaParser, "\(cell) in \(zone)")
        }
    }

    @Test func isoReaderTakesTheShortcutForTheCommonShapes() {
        let reader = ISOTimestampReader(parser: TimestampParser(format: .iso, timeZone: TimeZone(identifier: "UTC")!))
        for cell in ["2026-11-03", "2026-11-03T14:05", "2026-11-03 14:05:09"] {
            let t = Array(cell.utf8).withUnsafeBufferPointer { reader.fast($0) }
            #expect(t != nil, "\(cell)")
        }
        #expect(Array("2026-11-03T14:05:09".utf8).withUnsafeBufferPointer { reader.fast($0) } == 1_793_714_709)
    }

    static let readers = CellReaders(dateFormat: .iso, numberFormat: .standard, timeZone: TimeZone(identifier: "UTC")!,
                                     timeLayout: "YYYY-MM-DD")

    /// A leads file with a bad row, a doubled quote and a line break inside a quoted cell.
    static func leadsText(rows: Int, multilineAt: Int? = nil) -> String {
        var text = "lead_id,created_at,name,company,source,stage,owner,score\n"
        for i in 0..<rows {
            let created = i == 7 ? "not a date" : "2026-10-\(String(format: "%02d", i % 28 + 1))T10:\(String(format: "%02d", i % 60))"
            // The quoted line breaks enclose a run longer than the rest of the file, so the middle falls inside it.
            let company = i == multilineAt ? "\"Acme\n\(String(repeating: "x", count: 400_000))\nWest\"" : "\"Acme, \"\"\(i % 5)\"\"\""
            text += "L\(i),\(created),Name \(i),\(company),\(i % 3 == 0 ? "campaign" : "referral"),mql,Rep \(i % 4),\(i % 100)\n"
        }
        return text
    }

    static func load(_ text: String, parallelAbove: Int) -> LoadedTable {
        let bytes = Array(text.utf8)
        return bytes.withUnsafeBufferPointer {
            TableLoader.load(buffer: $0, file: "leads.csv", schema: Schemas.leads, readers: readers, mapping: .none,
                             parallelAbove: parallelAbove)
        }
    }

    static func describe(_ t: LoadedTable) -> [String] {
        var out = ["rows \(t.rowCount)", "lines \(t.lines)", "failed \(t.failed)"]
        out += t.diagnostics.map { "\($0.line):\($0.column) \($0.message)" }
        for f in t.schema.fields {
            switch t.column(f.name) {
            case .text(let c): out.append("\(f.name) \((0..<c.count).map { c[$0] })")
            case .category(let c): out.append("\(f.name) \((0..<c.count).map { c[$0] ?? "-" })")
            case .time(let c): out.append("\(f.name) \(c)")
            case .number(let c): out.append("\(f.name) \(c)")
            case .absent: out.append("\(f.name) absent")
            }
        }
        return out
    }

    @Test func piecesGiveWhatOnePassGives() {
        let text = Self.leadsText(rows: 2_000)
        let whole = Self.load(text, parallelAbove: Int.max)
        let pieces = Self.load(text, parallelAbove: 0)
        #expect(whole.rowCount == 1_999)
        #expect(Self.describe(pieces) == Self.describe(whole))
    }

    @Test func aSplitInsideAQuotedLineBreakFallsBackToOnePass() {
        let text = Self.leadsText(rows: 2_001, multilineAt: 1_000)
        let whole = Self.load(text, parallelAbove: Int.max)
        let pieces = Self.load(text, parallelAbove: 0)
        #expect(whole.text("company")[999].hasSuffix("x\nWest"))
        #expect(Self.describe(pieces) == Self.describe(whole))
    }

    /// Bytes given back as pieces finish are never read again, the one-pass reading after a split
    /// inside a quoted line break included: here they are overwritten with zeros when given back.
    /// With every date bad, every piece's first line has a message whose column is counted back
    /// to the line break before it.
    @Test(arguments: [(nil, false), (1_000, false), (1_900, false), (nil, true), (1_900, true)])
    func bytesGivenBackAreNotReadAgain(multilineAt: Int?, everyDateBad: Bool) {
        var text = Self.leadsText(rows: 2_001, multilineAt: multilineAt)
        if everyDateBad { text = text.replacingOccurrences(of: "T10:", with: "Q10:") }
        let whole = Self.load(text, parallelAbove: Int.max)
        var bytes = Array(text.utf8)
        let table = bytes.withUnsafeMutableBufferPointer { buf in
            let scratch = Scratch(buf)
            return TableLoader.load(buffer: UnsafeBufferPointer(buf), file: "leads.csv", schema: Schemas.leads, readers: Self.readers,
                                    mapping: .none, parallelAbove: 0, pieces: 8, discard: { scratch.zero(upTo: $0) })
        }
        #expect(Self.describe(table) == Self.describe(whole))
        // The blocks describe the file as it was, for the next reload.
        let original = Array(text.utf8)
        let blocks = table.blocks!
        #expect(original.withUnsafeBufferPointer { RowBlocks.hashBlocks($0, starts: blocks.starts, end: original.count) } == blocks.hashes)
        // (A quoted run from row 1,000 on takes in the whole first piece: nothing can be given back early.)
        if multilineAt != 1_000 { #expect(bytes.prefix(1_000).allSatisfy { $0 == 0 }) }
    }

    /// Memory the loader may give back: here zeroed instead.
    private final class Scratch: @unchecked Sendable {
        let buffer: UnsafeMutableBufferPointer<UInt8>
        init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }
        func zero(upTo offset: Int) {
            for i in 0..<min(offset, buffer.count) { buffer[i] = 0 }
        }
    }

    @Test func splitPointsAreLineStarts() {
        let text = Array("h\naaa\nbb\nc\nddddd\n".utf8)
        let points = text.withUnsafeBufferPointer { TableLoader.splitPoints($0, from: 2, pieces: 3) }
        #expect(points.first == 2 && points.last == text.count)
        #expect(points == points.sorted())
        for p in points.dropFirst().dropLast() { #expect(text[p - 1] == UInt8(ascii: "\n")) }
    }

    /// Read in pieces on every core, or mapped.
    @Test(arguments: [false, true])
    func aLargeFileIsReadWhole(mapped: Bool) throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-filebuffer-\(getpid())-\(mapped).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        let size = max(FileBuffer.parallelReadThreshold, FileBuffer.mapThreshold) + 12_345
        let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ $0 >> 9) }
        try Data(bytes).write(to: url)
        guard case .success(let buffer) = FileBuffer.read(url, mapping: mapped) else {
            Issue.record("the file was not read")
            return
        }
        #expect((buffer.dropper != nil) == mapped)
        #expect(buffer.count == size)
        #expect(Array(buffer.bytes) == bytes)
        // Pages given back are read from the file again.
        buffer.dropper?(0..<(size / 2))
        #expect(Array(buffer.bytes) == bytes)
        buffer.release()
        #expect(buffer.bytes.isEmpty)
        #expect(!buffer.changedWhileRead)
    }

    /// Another program cuts the file short while it is mapped: the lost pages read as zeros instead
    /// of the process being killed, and the buffer says the file changed, so it is read again.
    @Test func aMappedFileCutShortReadsAsZerosAndSaysSo() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-cut-\(getpid()).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        let size = FileBuffer.mapThreshold + 4_096 * 3
        try Data(repeating: UInt8(ascii: "x"), count: size).write(to: url)
        guard case .success(let buffer) = FileBuffer.read(url), buffer.dropper != nil else {
            Issue.record("the file was not mapped")
            return
        }
        #expect(truncate(url.path, 100) == 0)
        let bytes = buffer.bytes
        #expect(bytes[50] == UInt8(ascii: "x"))
        #expect(bytes[size / 2] == 0)
        #expect(bytes[size - 1] == 0)
        buffer.release()
        #expect(buffer.changedWhileRead)
    }

    @Test func aMappedFileWrittenToWhileReadSaysSo() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-grown-\(getpid()).bin")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(repeating: UInt8(ascii: "x"), count: FileBuffer.mapThreshold).write(to: url)
        guard case .success(let buffer) = FileBuffer.read(url), buffer.dropper != nil else {
            Issue.record("the file was not mapped")
            return
        }
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("more\n".utf8))
        try handle.close()
        buffer.release()
        #expect(buffer.changedWhileRead)
    }

    /// A file large enough to be mapped, with bad rows, a stray quote and a quoted line break, loads
    /// as the same bytes held in memory do, in one pass.
    @Test func aMappedFileLoadsAsItsBytesDo() throws {
        var text = Self.leadsText(rows: 250_000, multilineAt: nil)
        text = text.replacingOccurrences(of: "\nL60000,", with: "\nL60000,\"stray,")
            .replacingOccurrences(of: "Name 90000,", with: "\"Name\n90000\",")
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-mapped-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data(text.utf8).write(to: url)
        #expect(text.utf8.count >= FileBuffer.mapThreshold)
        let mapped = TableLoader.load(url: url, schema: Schemas.leads, readers: Self.readers)
        let whole = Self.load(text, parallelAbove: Int.max)
        #expect(whole.diagnostics.count >= 2)
        #expect(Self.describe(mapped) == Self.describe(whole))
        let original = Array(text.utf8)
        #expect(original.withUnsafeBufferPointer { RowBlocks.hashBlocks($0, starts: mapped.blocks!.starts, end: original.count) }
            == mapped.blocks!.hashes)
    }

    @Test func anEmptyFileIsReportedAsEmpty() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-empty-\(getpid()).csv")
        defer { try? FileManager.default.removeItem(at: url) }
        try Data().write(to: url)
        let table = TableLoader.load(url: url, schema: Schemas.leads, readers: Self.readers)
        #expect(table.failed)
        #expect(table.diagnostics.first?.message.hasPrefix("the file is empty") == true)
    }
}
