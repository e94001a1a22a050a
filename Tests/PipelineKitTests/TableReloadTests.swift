import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import PipelineKit

/// Reading a changed file again in part must give exactly what reading it whole gives, whatever
/// the change: edits, inserted and deleted rows, appended rows, a file cut short, an opened quote,
/// a new header, duplicate ids, line endings.
struct TableReloadTests {
    static let readers = CellReaders(dateFormat: .iso, numberFormat: .standard, timeZone: TimeZone(identifier: "UTC")!,
                                     timeLayout: "YYYY-MM-DD")
    static let header = "lead_id,created_at,name,company,source,stage,owner,score,first_touch_at\n"

    /// One leads row: quoted cells with commas, doubled quotes and line breaks, CRLF on some rows,
    /// and now and then a bad date or a short row.
    static func row(_ id: Int, _ random: inout SeededRandom, allowBad: Bool = true) -> String {
        let created = allowBad && random.chance(0.01) ? "soon" : "2026-10-\(String(format: "%02d", random.int(28) + 1))T09:\(String(format: "%02d", random.int(60)))"
        let company: String
        switch random.int(6) {
        case 0: company = "\"Acme, \"\"\(random.int(9))\"\" Ltd\""
        case 1: company = "\"Two\nLines \(random.int(9))\""
        case 2: company = ""
        default: company = "Co\(random.int(40))"
        }
        let stage = ["lead", "mql", "sal", "sql", "Closd Won"][random.int(5)]
        let touch = random.chance(0.5) ? "" : "2026-10-\(String(format: "%02d", random.int(28) + 1))"
        let end = random.chance(0.1) ? "\r\n" : "\n"
        if allowBad && random.chance(0.005) { return "L\(id),2026-10-01,short\(end)" }
        // An owner's name in both Unicode forms: the same to Swift's String, two values to the reader.
        let owner = ["Rep \(random.int(7))", "Jos\u{E9}", "Jose\u{301}"][random.int(3)]
        return "L\(id),\(created),Name \(random.int(1000)),\(company),\(["web", "event", "referral"][random.int(3)]),\(stage),\(owner),\(random.int(100)),\(touch)\(end)"
    }

    static func file(rows: Int, seed: UInt64) -> [UInt8] {
        var random = SeededRandom(seed: seed)
        // Odd seeds start with a byte-order mark.
        var text = (seed % 2 == 1 ? "\u{FEFF}" : "") + header
        for i in 0..<rows { text += row(i, &random) }
        return Array(text.utf8)
    }

    /// The first difference between two tables (cells, lines, messages), or nil when they are the same.
    static func difference(_ a: LoadedTable, _ b: LoadedTable) -> String? {
        if a.rowCount != b.rowCount || a.failed != b.failed || a.header != b.header {
            return "rows \(a.rowCount) vs \(b.rowCount), failed \(a.failed) vs \(b.failed)"
        }
        for (f, field) in a.schema.fields.enumerated() {
            let same: Bool
            switch (a.columns[f], b.columns[f]) {
            case (.text(let x), .text(let y)): same = x.bytes == y.bytes && x.offsets == y.offsets
            case (.category(let x), .category(let y)): same = x.values == y.values && x.codes == y.codes
            case (.time(let x), .time(let y)): same = x == y
            case (.number(let x), .number(let y)): same = x.map(\.bitPattern) == y.map(\.bitPattern)
            case (.absent, .absent): same = true
            default: same = false
            }
            if !same { return "column \(field.name) differs" }
        }
        if a.lines != b.lines { return "lines differ from row \(a.lines.indices.first { a.lines[$0] != b.lines[$0] } ?? -1)" }
        if a.diagnostics != b.diagnostics {
            return "messages: \(a.diagnostics.map(\.description).suffix(3)) vs \(b.diagnostics.map(\.description).suffix(3))"
        }
        return nil
    }

    static func load(_ bytes: [UInt8]) -> LoadedTable {
        TableLoader.load(bytes: bytes, file: "leads.csv", schema: Schemas.leads, readers: readers)
    }

    static func reload(_ bytes: [UInt8], after previous: LoadedTable) -> LoadedTable {
        TableLoader.reload(bytes: bytes, file: "leads.csv", previous: previous, readers: readers)
    }

    /// Byte offsets of every line start after the header.
    static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts: [Int] = []
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            while let nl = memchr(b.baseAddress! + i, 0x0A, b.count - i) {
                i = UnsafePointer<UInt8>(nl.assumingMemoryBound(to: UInt8.self)) - b.baseAddress! + 1
                if i < b.count { starts.append(i) }
            }
        }
        return Array(starts.dropFirst())
    }

    /// One random change of the kinds other programs make to a data file.
    static func change(_ bytes: [UInt8], _ random: inout SeededRandom, nextID: inout Int) -> (String, [UInt8]) {
        var b = bytes
        let starts = lineStarts(b)
        let at = starts.isEmpty ? b.count : starts[random.int(starts.count)]
        var newRows = ""
        switch random.int(12) {
        case 0, 1, 2:
            // One cell rewritten: a digit of the line changed in place (same size) or a longer value.
            var i = at
            while i < b.count && !(b[i] >= 0x30 && b[i] <= 0x39) { i += 1 }
            if i < b.count { b[i] = b[i] == 0x39 ? 0x31 : b[i] + 1 }
            if random.chance(0.5), let comma = b[at...].firstIndex(of: UInt8(ascii: ",")) {
                b.insert(contentsOf: Array("x\(random.int(1000))".utf8), at: comma)
            }
            return ("edit at \(at)", b)
        case 3:
            for _ in 0..<(1 + random.int(3)) { newRows += row(nextID, &random); nextID += 1 }
            b.insert(contentsOf: Array(newRows.utf8), at: at)
            return ("insert at \(at)", b)
        case 4:
            let next = starts.first { $0 > at } ?? b.count
            b.removeSubrange(at..<min(b.count, next + random.int(2_000)))
            return ("delete at \(at)", b)
        case 5:
            for _ in 0..<(1 + random.int(600)) { newRows += row(nextID, &random); nextID += 1 }
            b += Array(newRows.utf8)
            return ("append", b)
        case 6:
            let cut = Self.header.utf8.count + random.int(max(1, b.count - Self.header.utf8.count))
            return ("cut at \(cut)", Array(b[..<cut]))
        case 7:
            b.insert(UInt8(ascii: "\""), at: at + 1)
            return ("open quote at \(at)", b)
        case 8:
            // A row's id made a duplicate of another's.
            let other = starts[random.int(starts.count)]
            let id = b[other...].prefix { $0 != UInt8(ascii: ",") }
            let end = b[at...].firstIndex(of: UInt8(ascii: ",")) ?? at
            b.replaceSubrange(at..<end, with: id)
            return ("duplicate id at \(at)", b)
        case 9:
            if let nl = b[at...].firstIndex(of: UInt8(ascii: "\n")), nl > at, b[nl - 1] != UInt8(ascii: "\r") {
                b.insert(UInt8(ascii: "\r"), at: nl)
            }
            return ("CRLF at \(at)", b)
        case 10:
            if random.chance(0.3) {
                b.insert(contentsOf: Array("x".utf8), at: 3)
                return ("header", b)
            }
            // The last line end taken away, then (next time) rows appended after it.
            if b.last == UInt8(ascii: "\n") { b.removeLast() }
            return ("no final line end", b)
        default:
            b.insert(contentsOf: Array("\n\n".utf8), at: at)
            return ("blank lines at \(at)", b)
        }
    }

    @Test(arguments: [1, 2, 3, 4])
    func partialReadsMatchWholeReads(seed: UInt64) {
        var random = SeededRandom(seed: seed)
        var bytes = Self.file(rows: 2_500, seed: seed)
        // Even seeds start from a table read in pieces, as a large file is.
        var previous = seed % 2 == 0
            ? TableLoader.load(bytes: bytes, file: "leads.csv", schema: Schemas.leads, readers: Self.readers, parallelAbove: 0)
            : Self.load(bytes)
        #expect(Self.difference(previous, Self.load(bytes)) == nil)
        #expect(previous.blocks != nil)
        #expect((previous.blocks?.starts.count ?? 0) > 4)
        var nextID = 10_000
        var beforeCut: [UInt8]?
        for step in 0..<50 {
            var (what, changed) = Self.change(bytes, &random, nextID: &nextID)
            // A file cut short is one being written, and a duplicate id is soon put right: the next
            // change is the file as it was.
            if let whole = beforeCut { (what, changed) = ("put back", whole) }
            beforeCut = what.hasPrefix("cut") || what.hasPrefix("duplicate") ? bytes : nil
            let whole = Self.load(changed)
            let partial = Self.reload(changed, after: previous)
            let difference = Self.difference(partial, whole)
            #expect(difference == nil, "seed \(seed) step \(step): \(what): \(difference ?? "")")
            if difference != nil { return }
            // The id index kept or rebuilt answers for the new rows.
            if let index = partial.idIndex {
                let ids = partial.text("lead_id")
                for r in stride(from: 0, to: partial.rowCount, by: 97) { #expect(index.row(for: ids[r]) == r) }
            }
            if let blocks = partial.blocks {
                // The blocks kept describe the new bytes exactly, for the next change.
                #expect(changed.withUnsafeBufferPointer { RowBlocks.hashBlocks($0, starts: blocks.starts, end: changed.count) } == blocks.hashes)
                #expect(blocks.fileSize == changed.count && blocks.rowCount == partial.rowCount)
            }
            // Keep the last good rows when the file could not be read, as the dashboard does.
            if !whole.failed {
                bytes = changed
                previous = partial
            }
        }
    }

    /// A one-cell edit deep in the file reads only the block around it: rows elsewhere are the ones
    /// already in memory (marked here, so reuse shows).
    @Test func oneEditReusesTheOtherRows() {
        var bytes = Self.file(rows: 5_000, seed: 9)
        var previous = Self.load(bytes)
        var names = previous.text("name")
        names = names.spliced(head: 0, middle: TextColumn(["kept"]), tail: 1)
        previous.columns[Schemas.leads.index(of: "name")!] = .text(names)
        // Change the score of a row near the end.
        let starts = Self.lineStarts(bytes)
        var i = starts[4_500]
        var commas = 0
        while commas < 7 { if bytes[i] == UInt8(ascii: ",") { commas += 1 }; i += 1 }
        bytes.insert(UInt8(ascii: "1"), at: i)
        let partial = Self.reload(bytes, after: previous)
        #expect(partial.text("name")[0] == "kept")
        let whole = Self.load(bytes)
        let changedRow = whole.lines.firstIndex { $0 == Int32(4_500 + 2) }
        if let changedRow {
            #expect(partial.numbers("score")[changedRow] == whole.numbers("score")[changedRow])
        }
        #expect(partial.rowCount == whole.rowCount)
    }

    /// Once a reload gives the file's bytes back, it must not read them: here they live in their own
    /// mapping, unmapped when given back, so a read after that stops the test run.
    @Test func aReloadDoesNotReadBytesItHasGivenBack() throws {
        let base = Self.file(rows: 2_000, seed: 6)
        let previous = Self.load(base)
        var text = String(decoding: base, as: UTF8.self)
        text += "L99998,2026-10-02T10:00,Last,Co1,web,mql,Rep 1,5,\n"
        let bytes = Array(text.utf8)
        let whole = Self.load(bytes)
        let size = (bytes.count + 4095) / 4096 * 4096
        let memory = try #require(mmap(nil, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0))
        #expect(memory != MAP_FAILED)
        let start = memory.assumingMemoryBound(to: UInt8.self)
        // The file's end sits at the end of the mapping, so the last byte is the mapping's last.
        let first = size - bytes.count
        bytes.withUnsafeBufferPointer { (start + first).update(from: $0.baseAddress!, count: bytes.count) }
        let address = SharedMemory(memory)
        let partial = TableLoader.reload(buffer: UnsafeBufferPointer(start: start + first, count: bytes.count), file: "leads.csv",
                                         previous: previous, readers: Self.readers, mapping: .none,
                                         releaseBuffer: { _ = munmap(address.pointer, size) })
        #expect(Self.difference(partial, whole) == nil, "\(Self.difference(partial, whole) ?? "")")
        #expect(partial.blocks != nil)
    }

    @Test func anUnchangedFileIsTheSameTable() {
        let bytes = Self.file(rows: 2_000, seed: 4)
        let previous = Self.load(bytes)
        #expect(Self.difference(Self.reload(bytes, after: previous), previous) == nil)
    }

    /// Through the folder loader, as the dashboard reloads: a lead edited in the seeds' leads.csv
    /// (one to a known stage, one to a misspelt stage) gives the snapshot a fresh load gives.
    @Test func aReloadedFolderMatchesAFreshLoad() throws {
        let scratch = try ScratchSeeds()
        defer { scratch.remove() }
        let loader = SnapshotLoader(folder: scratch.url)
        let before = loader.load()
        let ids = [before.leads.id[1_500], before.leads.id[40]]
        let edited = try CSVCellEditor.apply([CellEdit(id: ids[0], field: "stage", newValue: "sql"),
                                              CellEdit(id: ids[1], field: "stage", newValue: "Closd Won")],
                                             to: try scratch.bytes("leads.csv"), key: "lead_id")
        try scratch.write("leads.csv", edited)
        let reloaded = loader.load(previous: before, changed: ["leads.csv"])
        let fresh = loader.load()
        #expect(Self.difference(reloaded.tables["leads"]!, fresh.tables["leads"]!) == nil)
        #expect(reloaded.leads.stage == fresh.leads.stage && reloaded.leads.count == fresh.leads.count)
        #expect(reloaded.diagnostics == fresh.diagnostics)
        #expect(reloaded.diagnostics.contains { $0.message.contains("Closd Won") })
        #expect(reloaded.tables["leads"]?.blocks != nil)
    }

    /// Edge shapes, each reloaded from the one before: a file shrunk to its header, emptied,
    /// written again, ended with a lone CR, preceded by blank lines, and read through a mapping
    /// that renames a column and fixes another.
    @Test func edgeShapesReloadAsTheyRead() {
        let full = Self.file(rows: 1_500, seed: 11)
        let headerOnly = Array(Self.header.utf8)
        var endsInCR = full
        endsInCR.removeLast()
        endsInCR.append(UInt8(ascii: "\r"))
        let blankFirst = Array("\n\n".utf8) + full
        var longer = full
        longer += Array("L99999,2026-10-02T10:00,Last,Co1,web,mql,Rep 1,5,\n".utf8)
        let steps: [(String, [UInt8])] = [("header only", headerOnly), ("empty", []), ("full", full), ("CR at the end", endsInCR),
                                          ("full again", full), ("blank lines first", blankFirst), ("full", full), ("longer", longer)]
        var previous = Self.load(full)
        for (what, bytes) in steps {
            let whole = Self.load(bytes)
            let partial = Self.reload(bytes, after: previous)
            #expect(Self.difference(partial, whole) == nil, "\(what): \(Self.difference(partial, whole) ?? "")")
            if !whole.failed { previous = partial }
        }

        let mapping = ColumnMapping(headers: ["owner": "Owner Name"], fixed: ["email": "none@example.com"])
        func mapped(_ bytes: [UInt8]) -> [UInt8] {
            Array(String(decoding: bytes, as: UTF8.self).replacingOccurrences(of: ",owner,", with: ",Owner Name,").utf8)
        }
        let before = TableLoader.load(bytes: mapped(full), file: "leads.csv", schema: Schemas.leads, readers: Self.readers, mapping: mapping)
        let after = mapped(longer)
        let whole = TableLoader.load(bytes: after, file: "leads.csv", schema: Schemas.leads, readers: Self.readers, mapping: mapping)
        let partial = TableLoader.reload(bytes: after, file: "leads.csv", previous: before, readers: Self.readers, mapping: mapping)
        #expect(Self.difference(partial, whole) == nil)
        #expect(partial.text("email")[partial.rowCount - 1] == "none@example.com" && partial.category("owner")[0] != nil)
    }
}
