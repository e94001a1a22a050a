import Foundation
import Testing
@testable import PipelineKit

/// Parses `text` and returns each record's cells as strings.
func records(_ text: String) -> [[String]] {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buf in
        let parser = CSVParser(bytes: buf)
        var out: [[String]] = []
        _ = parser.parse(from: CSVParser.bodyStart(buf), to: buf.count) { fields, _ in
            out.append(fields.map { parser.string($0) })
            return true
        }
        return out
    }
}

func problems(_ text: String) -> [CSVSyntaxProblem] {
    let bytes = Array(text.utf8)
    return bytes.withUnsafeBufferPointer { buf in
        CSVParser(bytes: buf).parse(from: 0, to: buf.count) { _, _ in true }.problems
    }
}

@Suite struct CSVParserTests {
    @Test func plainCells() {
        #expect(records("a,b,c\n1,2,3\n") == [["a", "b", "c"], ["1", "2", "3"]])
    }

    @Test func lastLineWithoutLineEnd() {
        #expect(records("a,b\n1,2") == [["a", "b"], ["1", "2"]])
    }

    @Test func emptyCells() {
        #expect(records("a,,c\n,,\n") == [["a", "", "c"], ["", "", ""]])
    }

    @Test func trailingDelimiterAtEndOfData() {
        #expect(records("a,b,") == [["a", "b", ""]])
    }

    @Test func quotedCommaQuoteAndLineBreak() {
        let text = "id,name\n1,\"Hartley, Moss & Co\"\n2,\"The \"\"Blue\"\" Door\"\n3,\"two\nlines\"\n"
        #expect(records(text) == [["id", "name"], ["1", "Hartley, Moss & Co"], ["2", "The \"Blue\" Door"], ["3", "two\nlines"]])
    }

    @Test func crlfLineEnds() {
        #expect(records("a,b\r\n1,\"x\"\r\n2,y\r\n") == [["a", "b"], ["1", "x"], ["2", "y"]])
    }

    @Test func loneCarriageReturnIsData() {
        #expect(records("a\rb,c\n") == [["a\rb", "c"]])
    }

    @Test func byteOrderMarkIsSkipped() {
        #expect(records("\u{FEFF}id,name\n1,x\n") == [["id", "name"], ["1", "x"]])
    }

    @Test func blankLinesAreNoRecords() {
        #expect(records("a\n\nb\n\n") == [["a"], ["b"]])
    }

    @Test func lineNumbersCountBreaksInsideQuotes() {
        let bytes = Array("h\n\"a\nb\"\nc\n".utf8)
        var lines: [Int] = []
        bytes.withUnsafeBufferPointer { buf in
            _ = CSVParser(bytes: buf).parse(from: 0, to: buf.count) { _, r in lines.append(r.line); return true }
        }
        #expect(lines == [1, 2, 4])
    }

    @Test func unterminatedQuoteIsReported() {
        #expect(problems("a,b\n1,2\n3,\"open\n") == [.unterminatedQuote(offset: 10, line: 3)])
        #expect(problems("a,b\n1,2\n3,\"open\nmore") == [.unterminatedQuote(offset: 10, line: 3)])
    }

    /// A quote that never closes, with whole lines after its own, swallowed the rest of the file
    /// (1,898 rows of an export with no other quote): it is a stray, its row is left out and the
    /// lines after are read.
    @Test func aQuoteOpenUntilTheEndWithLinesAfterIsAStray() {
        let text = "a,b\n1,\"open\n2,3\n4,5\n"
        #expect(problems(text) == [.quoteNotClosedOnItsLine(offset: 6, line: 2)])
        var rows: [[String]] = []
        var lines: [Int] = []
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { buf in
            let parser = CSVParser(bytes: buf)
            _ = parser.parse(from: 4, to: buf.count, firstLine: 2) { cells, r in
                rows.append(cells.map { parser.string($0) })
                lines.append(r.line)
                return true
            }
        }
        #expect(rows == [["2", "3"], ["4", "5"]])
        #expect(lines == [3, 4])
        // A stray on the line before, closed by a quote on the open quote's line, is told too:
        // its row went without a word.
        let both = "a,b,c\n1,\"stray,2\n3,x\"y,\"open\n4,5,6\n7,8,9\n"
        #expect(problems(both) == [.quoteNotClosedOnItsLine(offset: 8, line: 2), .quoteNotClosedOnItsLine(offset: 23, line: 3)])
        // In the header row it stays a quote never closed: every reader takes that row for the header.
        #expect(problems("a,\"b\nc,d\ne,f\n") == [.unterminatedQuote(offset: 2, line: 1)])
        // After a quoted cell with a line break of its own on the same row.
        #expect(problems("a,b,c\n\"x\ny\",\"open\nz,1,2\n") == [.quoteNotClosedOnItsLine(offset: 12, line: 3)])
    }

    /// A stray quote would swallow the records up to the next quote into one cell: the row with it
    /// is left out and reading goes on with the next line.
    @Test func aStrayQuoteLeavesOutItsOwnRowOnly() {
        let text = "a,b,c\n1,\"stray,2\n3,4,5\n6,\"yes\",7\n"
        #expect(records(text) == [["a", "b", "c"], ["3", "4", "5"], ["6", "yes", "7"]])
        #expect(problems(text) == [.quoteNotClosedOnItsLine(offset: 8, line: 2)])
        // A quoted cell over two lines, closed properly, is one cell as before; so it is when
        // another cell of the row has text after its closing quote, or the cell a space.
        #expect(records("a,b\n\"x\ny\",2\n3,4\n") == [["a", "b"], ["x\ny", "2"], ["3", "4"]])
        #expect(records("a,b,c\n\"a\"b,\"c\nd\",e\n1,2,3\n") == [["a", "b", "c"], ["a", "c\nd", "e"], ["1", "2", "3"]])
        #expect(records("a,b\n\"multi\nline\" ,x\n1,2\n") == [["a", "b"], ["multi\nline", "x"], ["1", "2"]])
    }

    /// The text after a closing quote is not part of the cell, as the warning says.
    @Test func textAfterClosingQuoteIsLeftOut() {
        #expect(records("\"a\"b,c\n") == [["a", "c"]])
    }

    @Test func textAfterClosingQuoteIsReported() {
        #expect(problems("\"a\"b,c\n") == [.textAfterClosingQuote(offset: 3, line: 1)])
    }

    @Test func longUnquotedCellsCrossTheEightByteScan() {
        let long = String(repeating: "x", count: 37)
        #expect(records("\(long),\(long)y\n\(long)\n") == [[long, long + "y"], [long]])
    }

    /// Whatever the cells hold, writing then reading gives them back.
    @Test func writeThenReadRoundTrips() {
        var rng = SystemRandomNumberGenerator()
        let alphabet: [Character] = ["a", "Z", "0", " ", ",", "\"", "\n", "\r\n", "é", "株", "\t", ";"]
        for _ in 0..<300 {
            let width = Int.random(in: 1...6, using: &rng)
            let rows = (0..<Int.random(in: 1...8, using: &rng)).map { _ in
                (0..<width).map { _ in String((0..<Int.random(in: 0...12, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }) }
            }
            // A row that is one empty cell is a blank line, which is no record: give such rows content.
            let fixed = rows.map { $0.count == 1 && $0[0].isEmpty ? ["x"] : $0 }
            let text = fixed.map { CSVWriter().line($0) }.joined()
            #expect(records(text) == fixed, "\(text.debugDescription)")
        }
    }

    /// Random bytes never crash the parser and every span stays inside the data.
    @Test func randomBytesNeverCrash() {
        var rng = SystemRandomNumberGenerator()
        let pool: [UInt8] = [0x2C, 0x22, 0x0A, 0x0D, 0x61, 0x20, 0xC3, 0xA9, 0xFF, 0x00]
        for _ in 0..<2000 {
            let bytes = (0..<Int.random(in: 0...64, using: &rng)).map { _ in pool.randomElement(using: &rng)! }
            bytes.withUnsafeBufferPointer { buf in
                _ = CSVParser(bytes: buf).parse(from: 0, to: buf.count) { fields, _ in
                    for f in fields { #expect(f.start >= 0 && f.start <= f.end && f.end <= buf.count) }
                    return true
                }
            }
        }
    }
}
