import Foundation
import Testing
@testable import PipelineKit

/// The per-cell shortcuts of the loader (the ISO month table, the category cache, the per-batch UTF-8
/// check) must give exactly what the plain code gives.
struct LoadingShortcutTests {
    /// Every day from 1899 to 2201, the edges of the month table included, with and without a time.
    @Test func isoMonthTableAgreesWithTheParserOnEveryDay() {
        let parser = TimestampParser(format: .iso, timeZone: TimeZone(identifier: "UTC")!)
        let reader = ISOTimestampReader(parser: parser)
        var mismatches: [String] = []
        var covered = 0
        for day in daysFromCivil(year: 1899, month: 1, day: 1)...daysFromCivil(year: 2201, month: 12, day: 31) {
            let (y, m, d) = civilFromDays(day)
            let date = String(format: "%04d-%02d-%02d", y, m, d)
            for cell in [date, date + "T23:59:58", date + " 07:05"] {
                let bytes = Array(cell.utf8)
                let (fast, full) = bytes.withUnsafeBufferPointer { (reader.fast($0), parser.parse($0)) }
                if fast != nil { covered += 1 }
                if let fast, fast != full { mismatches.append(cell) }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        // 1900 to 2199 take the table; the years outside it go to the parser.
        #expect(covered == 3 * (daysFromCivil(year: 2200, month: 1, day: 1) - daysFromCivil(year: 1900, month: 1, day: 1)))
    }

    @Test func isoFastPathRejectsWhatTheParserRejects() {
        let parser = TimestampParser(format: .iso, timeZone: TimeZone(identifier: "UTC")!)
        let reader = ISOTimestampReader(parser: parser)
        let cells = ["2026-02-29", "2024-02-30", "2026-04-31", "2026-00-01", "2026-13-01", "2026-01-00",
                     "2026-01-0a", "2026-01-0:", "2026-01-0/", "2026+01-01", "2026-01+01", "20a6-01-01",
                     "2026-01-01T24:00", "2026-01-01T23:60", "2026-01-01T23:59:60", "2026-01-01T2 :00",
                     "2026-01-01T23-59", "2026-01-01T23:59-00", "2026-01-01x23:59", "2026-01-01T\u{7F}3:59",
                     "2026-01-01T23:59:5\u{FF}", "\u{B0}026-01-01"]
        for cell in cells {
            let bytes = Array(cell.utf8)
            let (fast, full) = bytes.withUnsafeBufferPointer { (reader.fast($0), parser.parse($0)) }
            #expect(fast == nil || fast == full, "\(cell)")
            #expect(bytes.withUnsafeBufferPointer { reader.parse($0) } == full, "\(cell)")
        }
    }

    /// Every byte value at every position of each common shape.
    @Test func isoFastPathAgreesWithTheParserForAnyByte() {
        let parser = TimestampParser(format: .iso, timeZone: TimeZone(identifier: "UTC")!)
        let reader = ISOTimestampReader(parser: parser)
        var mismatches: [[UInt8]] = []
        for shape in ["2024-02-29", "2026-12-31T23:59", "2026-01-09 09:09:58"] {
            for position in 0..<shape.utf8.count {
                for byte in 0...255 {
                    var bytes = Array(shape.utf8)
                    bytes[position] = UInt8(byte)
                    let (fast, full) = bytes.withUnsafeBufferPointer { (reader.fast($0), parser.parse($0)) }
                    if let fast, fast != full { mismatches.append(bytes) }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }

    /// Values of every length from 1 to 20 bytes, many more than the cache has slots, in a shuffled
    /// order seen twice: codes must be those of first appearance, and the same value must keep its code.
    @Test func categoryCodesAreThoseOfFirstAppearance() {
        var generator = SystemRandomNumberGenerator()
        var values: [String] = []
        for length in 1...20 {
            for k in 0..<60 { values.append(String(String(repeating: "ab", count: 10).prefix(length - 1)) + String(UnicodeScalar(UInt8(48 + k % 60)))) }
        }
        values += ["Rep 1", "Rep 10", "Rep 100", "rep 1", "Rep 1 ", "é", "éé", "ab\u{0}"]
        let cells = (values + values.shuffled(using: &generator) + values.shuffled(using: &generator))
        var builder = CategoryBuilder()
        var reference: [String: Int32] = [:]
        var expected: [Int32] = []
        for cell in cells {
            if reference[cell] == nil { reference[cell] = Int32(reference.count) }
            expected.append(reference[cell]!)
            var s = cell
            s.withUTF8 { builder.append($0) }
        }
        let column = builder.build()
        #expect(column.codes == expected)
        #expect((0..<column.count).map { column[$0]! } == cells)
    }

    /// Bytes that are not UTF-8 in rows of different batches: only those rows are left out.
    @Test func badBytesLeaveOutOnlyTheirRows() {
        var bytes = Array("lead_id,created_at,name,company,source,stage\n".utf8)
        let badRows: Set<Int> = [3, 700, 701, 2_500]
        for i in 0..<3_000 {
            bytes += Array("L\(i),2026-10-01,".utf8)
            bytes += badRows.contains(i) ? [0x4E, 0xE9, 0x65] : Array("Néa \(i)".utf8)
            bytes += Array(",Acme,referral,mql\n".utf8)
        }
        let readers = CellReaders(dateFormat: .iso, numberFormat: .standard, timeZone: TimeZone(identifier: "UTC")!,
                                  timeLayout: "YYYY-MM-DD")
        for parallelAbove in [Int.max, 0] {
            let table = bytes.withUnsafeBufferPointer {
                TableLoader.load(buffer: $0, file: "leads.csv", schema: Schemas.leads, readers: readers, mapping: .none,
                                 parallelAbove: parallelAbove)
            }
            #expect(table.rowCount == 3_000 - badRows.count)
            #expect(table.diagnostics.map(\.line).sorted() == badRows.map { $0 + 2 }.sorted())
            #expect(table.diagnostics.allSatisfy { $0.message.contains("not UTF-8") })
            #expect(table.text("name")[0] == "Néa 0")
        }
    }
}

/// A date column ignores the time of day and the zone an ISO cell carries: a close date written
/// as midnight UTC is that day in New York too, not the evening before.
struct DateColumnTests {
    @Test func aDatesTimeAndZoneAreIgnored() throws {
        let york = TimeZone(identifier: "America/New_York")!
        let readers = CellReaders(dateFormat: .iso, numberFormat: .standard, timeZone: york, timeLayout: "YYYY-MM-DD")
        let csv = "deal_id,owner,stage,amount,created_at,close_date\n"
            + "D1,Ann,won,100,2026-11-20T09:00:00.000+0000,2026-12-01T00:00:00.000+0000\n"
            + "D2,Ann,won,100,2026-11-20,2026-12-01\n"
        let table = TableLoader.load(bytes: Array(csv.utf8), file: "deals.csv", schema: Schemas.deals, readers: readers)
        guard case .time(let close) = table.column("close_date"), case .time(let created) = table.column("created_at") else {
            Issue.record("no time columns"); return
        }
        let december = TimestampParser(format: .iso, timeZone: york).parse("2026-12-01")
        #expect(close == [december, december])
        // A timestamp keeps its time and zone.
        #expect(created[0] == TimestampParser(format: .iso, timeZone: york).parse("2026-11-20T04:00:00"))
    }

    /// What follows the date must still be a time: "2026-07-10T24:30" or "2026-05-04 hello" was
    /// read as its first ten bytes and passed the check.
    @Test func textAfterTheDateMustBeATime() {
        let readers = CellReaders(dateFormat: .iso, numberFormat: .standard, timeZone: TimeZone(identifier: "UTC")!, timeLayout: "YYYY-MM-DD")
        let bad = ["2026-07-10T24:30", "2026-05-04 hello", "2026-04-13T99:99", "2026-10-01Txx", "2026-07-10 PM", "2026-07-10T", "2026-07-10 99"]
        let csv = "deal_id,owner,stage,amount,created_at,close_date\n"
            + bad.enumerated().map { "D\($0.offset),Ann,won,100,2026-06-01,\($0.element)\n" }.joined()
            + "D9,Ann,won,100,2026-06-01,2026-07-10 23:59\n"
        let table = TableLoader.load(bytes: Array(csv.utf8), file: "deals.csv", schema: Schemas.deals, readers: readers)
        #expect(table.rowCount == 1)
        #expect(table.diagnostics.count == bad.count)
        #expect(table.diagnostics.allSatisfy { $0.message.hasPrefix("close_date: ") })
    }
}

/// The grouped index building and lookups must answer what one-at-a-time probing answers.
struct TextIndexGroupTests {
    /// With the table in one part or split in parts filled at once, and keys looked up in one run
    /// or several at once.
    @Test(arguments: [0, 1, 15, 16, 17, 1_000], [1, 2, 4])
    func groupedLookupsAgreeWithSingleOnes(rows: Int, parts: Int) {
        // Ids with duplicates, empties and shared prefixes; keys with unknown ids, empties and the ids themselves.
        let ids = (0..<rows).map { $0 % 7 == 3 ? "" : ($0 % 11 == 5 ? "L\($0 / 2)" : "L\($0)") }
        let index = TextIndex(TextColumn(ids), parts: parts)
        var firstRow: [String: Int] = [:]
        var duplicates: [(Int, Int)] = []
        for (r, id) in ids.enumerated() where !id.isEmpty {
            if let f = firstRow[id] { duplicates.append((r, f)) } else { firstRow[id] = r }
        }
        #expect(index.duplicates.map { "\($0.0)-\($0.1)" } == duplicates.map { "\($0.0)-\($0.1)" })
        let keys = TextColumn(ids + ["", "L", "nope", "L\(rows)", "L\(rows + 1)x"] + ids.reversed())
        let grouped = index.rows(for: keys, pieces: parts + 1)
        #expect(grouped.count == keys.count)
        #expect(index.rows(for: keys) == grouped)
        for r in 0..<keys.count {
            let key = keys[r]
            let expected = key.isEmpty ? nil : firstRow[key]
            #expect(index.row(for: key) == expected, "\(key)")
            #expect(grouped[r] == Int32(expected ?? -1), "\(key)")
        }
    }
}

/// Chunks merged column by column at once must give the rows, lines and problems of one pass.
struct ChunkMergeTests {
    @Test(arguments: [2, 3, 5])
    func manyPiecesGiveWhatOnePassGives(pieces: Int) {
        let text = LoadingFastPathTests.leadsText(rows: 3_001)
        let bytes = Array(text.utf8)
        let (whole, split) = bytes.withUnsafeBufferPointer { buf in
            (TableLoader.load(buffer: buf, file: "leads.csv", schema: Schemas.leads, readers: LoadingFastPathTests.readers,
                              mapping: .none, parallelAbove: Int.max),
             TableLoader.load(buffer: buf, file: "leads.csv", schema: Schemas.leads, readers: LoadingFastPathTests.readers,
                              mapping: .none, parallelAbove: 0, pieces: pieces))
        }
        #expect(whole.rowCount == 3_000)
        #expect(LoadingFastPathTests.describe(split) == LoadingFastPathTests.describe(whole))
    }
}

struct UTF8CheckTests {
    /// Mostly ASCII with a few multi-byte, broken or stray bytes anywhere, across the 32- and 8-byte steps:
    /// the fast check must agree with the standard decoder.
    @Test func fastCheckAgreesWithTheDecoder() {
        var rng = SystemRandomNumberGenerator()
        let pieces: [[UInt8]] = [[0xC3, 0xA9], [0xE2, 0x82, 0xAC], [0xF0, 0x9F, 0x98, 0x80], [0xC3], [0xA9], [0xE0, 0x80, 0x80],
                                 [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0xC0, 0xAF], [0xF0, 0x9F, 0x98]]
        var disagreements = 0
        for _ in 0..<20_000 {
            var bytes = (0..<Int.random(in: 0...90, using: &rng)).map { _ in UInt8.random(in: 0x20...0x7E, using: &rng) }
            for _ in 0..<Int.random(in: 0...2, using: &rng) {
                let at = Int.random(in: 0...bytes.count, using: &rng)
                bytes.insert(contentsOf: pieces.randomElement(using: &rng)!, at: at)
            }
            let (fast, full) = bytes.withUnsafeBufferPointer { (isValidUTF8Fast($0), String(validating: $0, as: UTF8.self) != nil) }
            if fast != full { disagreements += 1 }
        }
        #expect(disagreements == 0)
    }
}
