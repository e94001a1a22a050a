import Testing
@testable import PipetopUI

@Suite struct FrameDrawingTests {
    @Test func putWritesAndReturnsColumns() {
        var frame = Frame(width: 10, height: 1)
        let used = frame.put("abc", x: 2, y: 0, style: .plain)
        #expect(used == 3)
        #expect(frame.text == "  abc     \n")
    }

    @Test func putClipsAtTheEdgeAndAtMaxWidth() {
        var frame = Frame(width: 6, height: 2)
        #expect(frame.put("abcdefgh", x: 2, y: 0, style: .plain) == 4)
        #expect(frame.put("abcdefgh", x: 0, y: 1, style: .plain, maxWidth: 3) == 3)
        #expect(frame.text == "  abcd\nabc   \n")
        #expect(frame.put("zz", x: 0, y: 5, style: .plain) == 0)
    }

    @Test func wideCharactersTakeTwoCellsWithAContinuation() {
        var frame = Frame(width: 6, height: 1)
        #expect(frame.put("東京", x: 1, y: 0, style: .plain) == 4)
        #expect(frame[1, 0].character == "東")
        #expect(frame[2, 0].isContinuation)
        #expect(frame[3, 0].character == "京")
        #expect(frame[4, 0].isContinuation)
        #expect(frame.text == " 東京 \n")
    }

    @Test func wideCharacterThatDoesNotFitBecomesASpace() {
        var frame = Frame(width: 4, height: 1, fill: Style(attributes: .dim))
        let used = frame.put("a東京", x: 0, y: 0, style: .plain)
        #expect(used == 4)
        #expect(frame.text == "a東 \n")
        #expect(frame[3, 0].style == .plain)
        #expect(!frame[3, 0].isContinuation)
    }

    @Test func overwritingHalfAWideCharacterClearsTheOtherHalf() {
        var frame = Frame(width: 6, height: 1)
        frame.put("東京", x: 0, y: 0, style: .plain)
        frame.put("x", x: 1, y: 0, style: .plain)   // right half of 東
        #expect(frame.text == " x京  \n")
        frame.put("y", x: 2, y: 0, style: .plain)   // left half of 京
        #expect(frame.text == " xy   \n")
        #expect(frame.cells.allSatisfy { !$0.isContinuation })
    }

    @Test func putSanitizesAndDropsZeroWidthCharacters() {
        var frame = Frame(width: 8, height: 1)
        frame.put("\u{1B}[31mR\u{200B}\u{202E}é", x: 0, y: 0, style: .plain)
        #expect(frame.text == "\u{FFFD}Ré     \n")
    }

    @Test func negativeXDrawsOnlyTheVisiblePart() {
        var frame = Frame(width: 4, height: 1)
        frame.put("abcdef", x: -2, y: 0, style: .plain)
        #expect(frame.text == "cdef\n")
    }

    @Test func fillClipsToTheFrame() {
        var frame = Frame(width: 4, height: 3)
        frame.fill(rect: Rect(x: 2, y: 1, width: 10, height: 10), style: .plain, character: "#")
        #expect(frame.text == "    \n  ##\n  ##\n")
    }

    @Test func styleTextShowsRolesAsLetters() {
        var frame = Frame(width: 4, height: 1)
        let bold = Style(attributes: .bold)
        frame.put("ab", x: 1, y: 0, style: bold)
        frame.put("東", x: 3, y: 0, style: bold) // does not fit: a space in bold
        #expect(frame.styleText(legend: [(".", .plain), ("B", bold)]) == ".BBB\n")
        #expect(frame.styleText(legend: [(".", .plain)]) == ".???\n")
    }
}

@Suite struct RectTests {
    let rect = Rect(x: 2, y: 1, width: 10, height: 6)

    @Test func insetNeverGoesNegative() {
        #expect(rect.inset(by: 1) == Rect(x: 3, y: 2, width: 8, height: 4))
        #expect(rect.inset(by: 10).isEmpty)
        #expect(rect.inset(top: 1, left: 2) == Rect(x: 4, y: 2, width: 8, height: 5))
    }

    @Test func splitsAtAnOffset() {
        let (top, bottom) = rect.splitHorizontally(at: 2)
        #expect(top == Rect(x: 2, y: 1, width: 10, height: 2))
        #expect(bottom == Rect(x: 2, y: 3, width: 10, height: 4))
        let (left, right) = rect.splitVertically(at: -3)
        #expect(left == Rect(x: 2, y: 1, width: 7, height: 6))
        #expect(right == Rect(x: 9, y: 1, width: 3, height: 6))
        #expect(rect.splitHorizontally(at: 99).bottom.isEmpty)
    }

    @Test func fractionSplitsAddUpExactly() {
        let thirds = rect.splitVertically(fractions: [1, 1, 1])
        #expect(thirds.map(\.width) == [4, 3, 3])
        #expect(thirds.map(\.x) == [2, 6, 9])
        let spaced = rect.splitVertically(fractions: [1, 2], spacing: 1)
        #expect(spaced.map(\.width) == [3, 6])
        #expect(spaced[1].x == 6)
        let rows = rect.splitHorizontally(fractions: [0.5, 0.25, 0.25])
        #expect(rows.map(\.height) == [3, 2, 1] || rows.map(\.height) == [3, 1, 2])
        #expect(rows.map(\.height).reduce(0, +) == 6)
    }

    @Test func centeredAndIntersection() {
        #expect(rect.centered(width: 4, height: 2) == Rect(x: 5, y: 3, width: 4, height: 2))
        #expect(rect.centered(width: 40, height: 2).width == 10)
        #expect(rect.intersection(Rect(x: 0, y: 0, width: 4, height: 3)) == Rect(x: 2, y: 1, width: 2, height: 2))
        #expect(rect.intersection(Rect(x: 50, y: 50, width: 4, height: 3)).isEmpty)
    }
}
