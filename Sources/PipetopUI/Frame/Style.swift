/// A colour as a theme names it. The backend maps it to what the terminal can show
/// (truecolor, 256, 16, 8 colours, or none).
public enum Color: Hashable, Sendable {
    case `default`
    case rgb(UInt8, UInt8, UInt8)
}

/// Text attributes that survive on a monochrome terminal; meaning is never carried by colour alone.
public struct Attributes: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Attributes(rawValue: 1 << 0)
    public static let dim = Attributes(rawValue: 1 << 1)
    public static let underline = Attributes(rawValue: 1 << 2)
    public static let reverse = Attributes(rawValue: 1 << 3)
}

public struct Style: Hashable, Sendable {
    public var fg: Color
    public var bg: Color
    public var attributes: Attributes
    public init(fg: Color = .default, bg: Color = .default, attributes: Attributes = []) {
        self.fg = fg
        self.bg = bg
        self.attributes = attributes
    }
    public static let plain = Style()
}
