import PipetopUI

/// How many colours the terminal can show, and how a theme's RGB colours are fitted to them.
public enum ColorDepth: Sendable, Equatable {
    /// No colour: NO_COLOR is set or the terminal has none. Styles keep their attributes only.
    case none
    /// The eight ANSI colours.
    case ansi8
    /// The eight ANSI colours and their bright variants.
    case ansi16
    /// The xterm 256-colour palette: 16 ANSI, a 6x6x6 cube and 24 greys.
    case palette256
    /// 24-bit colour, a colour number being 0xRRGGBB (terminfo entries such as xterm-direct).
    case direct

    /// Decides from what terminfo reports (`has_colors()`, `COLORS`) and the environment.
    /// ncurses can only send the colour sequences the terminfo entry describes, so 24-bit colour
    /// needs an entry with 2^24 colours (TERM=xterm-direct, say); COLORTERM alone cannot provide it.
    public static func detect(
        hasColors: Bool, terminalColors: Int, extendedColors: Bool, environment: [String: String]
    ) -> ColorDepth {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .none }
        guard hasColors else { return .none }
        switch terminalColors {
        case (1 << 24)...: return extendedColors ? .direct : .palette256
        case 256...: return .palette256
        case 16...: return .ansi16
        case 8...: return .ansi8
        default: return .none
        }
    }

    /// The terminal colour number that shows `color` best: -1 for the terminal's own default,
    /// nil when this depth has no colours at all.
    public func colorNumber(for color: Color) -> Int32? {
        if self == .none { return nil }
        guard case let .rgb(r, g, b) = color else { return -1 }
        switch self {
        case .none: return nil
        case .ansi8: return Self.nearest(r, g, b, among: Self.ansiPalette.prefix(8))
        case .ansi16: return Self.nearest(r, g, b, among: Self.ansiPalette[...])
        case .palette256: return Self.nearestIn256(r, g, b)
        case .direct:
            // Numbers below 8 select the ANSI colours in direct-colour terminfo entries;
            // the nearly black blue 0x000008 stands in for them.
            return max(8, Int32(r) << 16 | Int32(g) << 8 | Int32(b))
        }
    }

    /// The colour numbers for text in `fg` on `bg`. With eight or sixteen colours two different
    /// colours can fall on one (a dark grey border on a near-black background both become black)
    /// and the text would vanish: it then takes the nearest colour that is not the background's.
    public func colorNumbers(foreground fg: Color, background bg: Color) -> (foreground: Int32, background: Int32)? {
        guard let f = colorNumber(for: fg), let b = colorNumber(for: bg) else { return nil }
        guard f == b, f >= 0, fg != bg, case let .rgb(r, g, blue) = fg else { return (f, b) }
        switch self {
        case .ansi8: return (Self.nearest(r, g, blue, among: Self.ansiPalette.prefix(8), excluding: Int(b)), b)
        case .ansi16: return (Self.nearest(r, g, blue, among: Self.ansiPalette[...], excluding: Int(b)), b)
        default: return (f, b)
        }
    }

    /// xterm's default values for the 16 ANSI colours. Terminals theme them, so this is a guess
    /// at what the user sees; the closest one is still the best choice.
    static let ansiPalette: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The six levels of each axis of the xterm colour cube (colours 16...231).
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// Greys (black, white and their bright variants) in the ANSI palette.
    static let ansiGreys: Set<Int> = [0, 7, 8, 15]

    static func nearest(_ r: UInt8, _ g: UInt8, _ b: UInt8, among palette: ArraySlice<(UInt8, UInt8, UInt8)>,
                        excluding excluded: Int = -1) -> Int32 {
        // A grey must stay a grey: with so few colours, distance alone can pick a hue (mid grey
        // is nearer to xterm's cyan than to its white).
        let chroma = Int(max(r, g, b)) - Int(min(r, g, b))
        let greysOnly = chroma < 24
        var best = palette.startIndex
        var bestDistance = Double.infinity
        for index in palette.indices where (!greysOnly || ansiGreys.contains(index)) && index != excluded {
            let candidate = palette[index]
            let distance = perceivedDistance(
                (Int(r), Int(g), Int(b)), (Int(candidate.0), Int(candidate.1), Int(candidate.2)))
            if distance < bestDistance {
                bestDistance = distance
                best = index
            }
        }
        return Int32(best)
    }

    /// The closest colour among the cube (16...231) and the grey ramp (232...255). The first 16 are
    /// left out on purpose: terminals recolour them with their themes.
    static func nearestIn256(_ r: UInt8, _ g: UInt8, _ b: UInt8) -> Int32 {
        func cubeStep(_ value: UInt8) -> Int {
            let v = Int(value)
            if v < 48 { return 0 }
            if v < 115 { return 1 }
            return (v - 35) / 40
        }
        let (ri, gi, bi) = (cubeStep(r), cubeStep(g), cubeStep(b))
        let cube = (cubeLevels[ri], cubeLevels[gi], cubeLevels[bi])
        let average = (Int(r) + Int(g) + Int(b)) / 3
        let greyStep = min(23, max(0, (average - 3) / 10))
        let greyLevel = 8 + 10 * greyStep
        let target = (Int(r), Int(g), Int(b))
        let cubeDistance = perceivedDistance(target, cube)
        let greyDistance = perceivedDistance(target, (greyLevel, greyLevel, greyLevel))
        return greyDistance < cubeDistance ? Int32(232 + greyStep) : Int32(16 + 36 * ri + 6 * gi + bi)
    }

    /// Squared "redmean" distance: RGB distance weighted the way the eye weighs the channels.
    static func perceivedDistance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Double {
        let redMean = Double(a.0 + b.0) / 2
        let dr = Double(a.0 - b.0), dg = Double(a.1 - b.1), db = Double(a.2 - b.2)
        return (2 + redMean / 256) * dr * dr + 4 * dg * dg + (2 + (255 - redMean) / 256) * db * db
    }
}
