import PipetopUI
import Testing
@testable import PipetopTerminal

@Suite struct ColorDepthTests {
    @Test(arguments: [
        ((255, 0, 0), 196), ((0, 0, 0), 16), ((255, 255, 255), 231),
        ((95, 135, 175), 67), ((0, 95, 0), 22), ((215, 95, 0), 166),
        ((128, 128, 128), 244), ((8, 8, 8), 232), ((238, 238, 238), 255), ((30, 30, 46), 235),
    ] as [((UInt8, UInt8, UInt8), Int32)])
    func fitsColorsToThe256Palette(rgb: (UInt8, UInt8, UInt8), expected: Int32) {
        #expect(ColorDepth.palette256.colorNumber(for: .rgb(rgb.0, rgb.1, rgb.2)) == expected)
    }

    @Test(arguments: [
        ((0, 0, 0), 0), ((200, 0, 0), 1), ((255, 0, 0), 9), ((0, 210, 0), 2), ((250, 250, 250), 15),
        ((128, 128, 128), 8), ((220, 220, 220), 7), ((90, 90, 250), 12), ((0, 0, 200), 4), ((20, 20, 30), 0),
    ] as [((UInt8, UInt8, UInt8), Int32)])
    func fitsColorsToSixteen(rgb: (UInt8, UInt8, UInt8), expected: Int32) {
        #expect(ColorDepth.ansi16.colorNumber(for: .rgb(rgb.0, rgb.1, rgb.2)) == expected)
    }

    @Test(arguments: [
        ((255, 0, 0), 1), ((250, 250, 250), 7), ((128, 128, 128), 7), ((0, 0, 0), 0), ((255, 255, 0), 3),
        ((0, 255, 255), 6),
    ] as [((UInt8, UInt8, UInt8), Int32)])
    func fitsColorsToEight(rgb: (UInt8, UInt8, UInt8), expected: Int32) {
        #expect(ColorDepth.ansi8.colorNumber(for: .rgb(rgb.0, rgb.1, rgb.2)) == expected)
    }

    @Test func passesRGBThroughInDirectColor() {
        #expect(ColorDepth.direct.colorNumber(for: .rgb(0x12, 0x34, 0x56)) == 0x123456)
        // Numbers below 8 mean the ANSI colours in direct-colour terminfo entries.
        #expect(ColorDepth.direct.colorNumber(for: .rgb(0, 0, 3)) == 8)
    }

    @Test func defaultStaysTheTerminalsOwn() {
        for depth in [ColorDepth.ansi8, .ansi16, .palette256, .direct] {
            #expect(depth.colorNumber(for: .default) == -1)
        }
        #expect(ColorDepth.none.colorNumber(for: .default) == nil)
        #expect(ColorDepth.none.colorNumber(for: .rgb(255, 0, 0)) == nil)
    }

    @Test func detectsDepthFromTerminfoAndEnvironment() {
        func detect(_ colors: Int, has: Bool = true, extended: Bool = true, _ environment: [String: String] = [:]) -> ColorDepth {
            ColorDepth.detect(hasColors: has, terminalColors: colors, extendedColors: extended, environment: environment)
        }
        #expect(detect(256) == .palette256)
        #expect(detect(16) == .ansi16)
        #expect(detect(8) == .ansi8)
        #expect(detect(1 << 24) == .direct)
        #expect(detect(1 << 24, extended: false) == .palette256)
        #expect(detect(256, has: false) == .none)
        #expect(detect(256, ["NO_COLOR": "1"]) == .none)
        #expect(detect(256, ["NO_COLOR": ""]) == .palette256)
        #expect(detect(256, ["COLORTERM": "truecolor"]) == .palette256)
    }

    /// On eight colours the dark theme's slate border and its near-black background both became
    /// black, so borders vanished; the border now takes the nearest colour that shows.
    @Test func textNeverTakesItsBackgroundsColour() throws {
        let slate = Color.rgb(0x3a, 0x42, 0x50), night = Color.rgb(0x16, 0x1a, 0x21)
        let dark = try #require(ColorDepth.ansi8.colorNumbers(foreground: slate, background: night))
        #expect(dark.background == 0 && dark.foreground == 7)
        // The light theme's pale grey on white: black instead of white on white.
        let light = try #require(ColorDepth.ansi8.colorNumbers(foreground: .rgb(0xd0, 0xd4, 0xdc), background: .rgb(0xfa, 0xfa, 0xfa)))
        #expect(light.background == 7 && light.foreground == 0)
        // Colours that map apart, and one colour on itself, are left alone.
        #expect(ColorDepth.ansi8.colorNumbers(foreground: .rgb(205, 0, 0), background: night)! == (1, 0))
        #expect(ColorDepth.ansi8.colorNumbers(foreground: night, background: night)! == (0, 0))
        #expect(ColorDepth.palette256.colorNumbers(foreground: slate, background: night)! != (232, 232))
    }
}
