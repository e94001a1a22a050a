import Testing
@testable import PipetopUI

@Suite struct SanitizingTests {
    /// A summary cut short never shows part of a figure: `$7.4` would read as the whole amount.
    @Test func aCutNeverFallsInsideAFigure() {
        #expect(truncatedBeforeFigure("pipeline velocity $7.4k/day", toWidth: 22) == "pipeline velocity …")
        #expect(truncatedBeforeFigure("won 511  lost 140  open 2,089", toWidth: 26) == "won 511  lost 140  open …")
        #expect(truncatedBeforeFigure("leads 1,104  CPL $183", toWidth: 19) == "leads 1,104  CPL …")
        #expect(truncatedBeforeFigure("reasons: budget, timing", toWidth: 14) == "reasons: budg…")
        #expect(truncatedBeforeFigure("open 2,089", toWidth: 10) == "open 2,089")
    }

    /// A summary line drawn narrower than it is ends with the mark, not with part of a number.
    @Test func aSummaryLineCutShortEndsWithTheMark() {
        var frame = Frame(width: 24, height: 1)
        let line = SummaryLine([.muted("won "), .plain("511"), .muted("  open "), .plain("2,089")])
        SummaryDrawing.draw([line], into: &frame, in: Rect(x: 0, y: 0, width: 16, height: 1), context: RenderContext(theme: .plain, glyphs: .unicode))
        #expect(frame.text.hasPrefix("won 511  open …"))
        #expect(!frame.text.contains("2,"))
        // A segment that fits only without what follows still ends the line with the mark.
        for (width, expected) in [(7, "won …  "), (4, "won…")] {
            var narrow = Frame(width: width, height: 1)
            SummaryDrawing.draw([line], into: &narrow, in: Rect(x: 0, y: 0, width: width, height: 1), context: RenderContext(theme: .plain, glyphs: .unicode))
            #expect(narrow.text.hasPrefix(expected), "\(width): \(narrow.text)")
        }
    }

    /// A flag takes two columns, where its country's two letters are drawn; one indicator alone, one.
    @Test func aFlagIsTwoColumns() {
        #expect(displayWidth(of: "🇩🇪🇯🇵") == 4)
        #expect(displayWidth(of: "🇩") == 1)
    }

    /// A line separator in a name broke the report's lines and the snapshot's rows.
    @Test func lineSeparatorsBecomeSpaces() {
        #expect(sanitized("Acme\u{2028}Corp\u{2029}Ltd") == "Acme Corp Ltd")
    }

    @Test func plainTextIsUntouched() {
        #expect(sanitized("Acme Corp, 12 units") == "Acme Corp, 12 units")
        #expect(sanitized("Müller GmbH 東京") == "Müller GmbH 東京")
    }

    @Test func csiSequenceBecomesOneSubstitute() {
        #expect(sanitized("\u{1B}[31mRED\u{1B}[0m") == "\u{FFFD}RED\u{FFFD}")
        #expect(sanitized("a\u{1B}[2J\u{1B}[Hb") == "a\u{FFFD}\u{FFFD}b")
    }

    @Test func c1ControlSequenceIntroducerIsConsumed() {
        #expect(sanitized("x\u{9B}1;31my") == "x\u{FFFD}y")
    }

    @Test func oscTitleSequenceIsConsumedUpToItsTerminator() {
        #expect(sanitized("a\u{1B}]0;pwned\u{07}b") == "a\u{FFFD}b")
        #expect(sanitized("a\u{1B}]8;;http://x\u{1B}\\link") == "a\u{FFFD}link")
        #expect(sanitized("a\u{9D}0;t\u{9C}b") == "a\u{FFFD}b")
    }

    @Test func unterminatedSequenceDoesNotSwallowMoreThanItsOwnBytes() {
        #expect(sanitized("a\u{1B}[31") == "a\u{FFFD}")
        #expect(sanitized("a\u{1B}") == "a\u{FFFD}")
        #expect(sanitized("\u{1B}7saved") == "\u{FFFD}saved")
    }

    @Test func otherControlsBecomeSubstitutes() {
        #expect(sanitized("ding\u{07}!") == "ding\u{FFFD}!")
        #expect(sanitized("a\u{00}b\u{7F}c\u{85}d") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d")
        #expect(sanitized("back\u{08}space") == "back\u{FFFD}space")
    }

    @Test func whitespaceControlsBecomeOneSpace() {
        #expect(sanitized("a\tb") == "a b")
        #expect(sanitized("line one\nline two") == "line one line two")
        #expect(sanitized("crlf\r\nend") == "crlf end")
        #expect(sanitized("cr\rend") == "cr end")
    }

    @Test func bidiControlsAreRemoved() {
        #expect(sanitized("abc\u{202E}fed") == "abcfed")
        #expect(sanitized("\u{2066}x\u{2069}\u{202A}y\u{202C}") == "xy")
        #expect(sanitized("a\u{200F}b") == "ab")
    }

    @Test func sanitizingTwiceChangesNothingMore() {
        let nasty = "\u{1B}[1mBold\u{1B}[0m\t\u{202E}x\u{9B}2J\r\n"
        #expect(sanitized(sanitized(nasty)) == sanitized(nasty))
    }
}

@Suite struct WidthTests {
    @Test func asciiIsOneColumnEach() {
        #expect(displayWidth(of: "Campaigns") == 9)
        #expect(displayWidth(of: "") == 0)
    }

    @Test func cjkIsTwoColumns() {
        #expect(displayWidth(of: Character("東")) == 2)
        #expect(displayWidth(of: "東京") == 4)
        #expect(displayWidth(of: "한국어") == 6)
        #expect(displayWidth(of: "ｶﾀｶﾅ") == 4) // halfwidth katakana stays narrow
        #expect(displayWidth(of: "ＡＢ") == 4) // fullwidth latin
    }

    @Test func combiningMarksTakeNoColumn() {
        let decomposed = "e\u{0301}"
        #expect(decomposed.count == 1)
        #expect(displayWidth(of: Character(decomposed)) == 1)
        #expect(displayWidth(of: "Cafe\u{0301}") == 4)
        #expect(displayWidth(of: Character("\u{0301}")) == 0)
        #expect(displayWidth(of: "a\u{200B}b") == 2)
    }

    @Test func emojiWithEmojiPresentationIsTwoColumns() {
        #expect(displayWidth(of: Character("🚀")) == 2)
        #expect(displayWidth(of: Character("👍🏽")) == 2)
        #expect(displayWidth(of: "ok 🎉") == 5)
    }

    @Test func widthsFollowWhatTerminalsDraw() {
        #expect(displayWidth(of: Character("\u{4DC0}")) == 2) // hexagram, wide since Unicode 15.1 data
        #expect(displayWidth(of: Character("\u{1F1EB}")) == 1) // a lone regional indicator
        #expect(displayWidth(of: Character("\u{0600}")) == 1) // prepended concatenation mark
    }

    @Test func textPresentationSymbolsAreOneColumn() {
        #expect(displayWidth(of: Character("✓")) == 1)
        #expect(displayWidth(of: Character("█")) == 1)
        #expect(displayWidth(of: Character("—")) == 1)
        #expect(displayWidth(of: Character("é")) == 1)
    }

    @Test func escapeSequencesMeasureAsTheirSubstitute() {
        #expect(displayWidth(of: "\u{1B}[31mred") == 4)
    }
}

@Suite struct TruncationTests {
    @Test func shortTextIsKept() {
        #expect(truncated("Acme", toWidth: 10) == "Acme")
        #expect(truncated("Acme", toWidth: 4) == "Acme")
    }

    @Test func longTextEndsWithTheMark() {
        #expect(truncated("Northwind Traders", toWidth: 8) == "Northwi…")
        #expect(truncated("Northwind Traders", toWidth: 8, ellipsis: false) == "Northwin")
        #expect(truncated("Northwind Traders", toWidth: 8, mark: "~") == "Northwi~")
        #expect(truncated("Northwind", toWidth: 0) == "")
    }

    @Test func wideCharacterIsNeverSplitAndWidthIsKept() {
        // "東京都庁" is 8 columns; 5 columns leave room for two ideographs and a mark... minus one.
        let cut = truncated("東京都庁", toWidth: 5)
        #expect(cut == "東京…")
        #expect(displayWidth(of: cut) == 5)
        let odd = truncated("東京都庁", toWidth: 4)
        #expect(odd == "東 …")
        #expect(displayWidth(of: odd) == 4)
        let bare = truncated("東京都庁", toWidth: 3, ellipsis: false)
        #expect(bare == "東 ")
        #expect(displayWidth(of: bare) == 3)
    }

    @Test func everyCutOfMixedTextHasTheAskedWidth() {
        let text = "Zoë 東京 🚀 e\u{0301}tude"
        for width in 1...displayWidth(of: text) {
            #expect(displayWidth(of: truncated(text, toWidth: width)) == width, "width \(width)")
            #expect(displayWidth(of: padded(text, toWidth: width)) == width, "width \(width)")
        }
    }

    @Test func paddingAligns() {
        #expect(padded("42", toWidth: 5, alignment: .right) == "   42")
        #expect(padded("42", toWidth: 5) == "42   ")
        #expect(padded("42", toWidth: 5, alignment: .center) == " 42  ")
        #expect(padded("東", toWidth: 4, alignment: .right) == "  東")
        #expect(padded("toolong", toWidth: 4) == "too…")
    }

    @Test func truncatingSanitizes() {
        #expect(truncated("\u{1B}[31mred", toWidth: 10) == "\u{FFFD}red")
    }

    /// At 1M leads the funnel's counts (138,869) were ###### in their 6-wide column: a whole number
    /// is shortened first, as money is ($139k); a figure that cannot be read so stays #s.
    @Test func aWholeNumberTooWideIsShortenedBeforeHashes() {
        #expect(tableCell("138,869", toWidth: 6, alignment: .right) == "  139k")
        #expect(tableCell("1.234.567", toWidth: 6, alignment: .right) == "  1,2M")
        #expect(tableCell("$12,345,678", toWidth: 6, alignment: .right) == "  $12M")
        #expect(tableCell("−42 500", toWidth: 5, alignment: .right) == " −43k")
        #expect(tableCell("3.14159", toWidth: 5, alignment: .right) == "#####")
        #expect(tableCell("1.0e23", toWidth: 5, alignment: .right) == "#####")
        #expect(tableCell("1,234", toWidth: 6, alignment: .right) == " 1,234")
        // A carry goes to the next unit; a phone number is no figure.
        #expect(tableCell("999,999", toWidth: 6, alignment: .right) == "  1.0M")
        #expect(tableCell("9,999", toWidth: 4, alignment: .right) == " 10k")
        #expect(tableCell("1-800-555", toWidth: 6, alignment: .right) == "######")
    }
}
