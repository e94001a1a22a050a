import Foundation

/// The conversions a table needs for its typed cells, chosen from the settings (and a file's mapping).
/// Kept as closures so the loader does not depend on which date or number layout is in force.
public struct CellReaders: Sendable {
    public var time: @Sendable (UnsafeBufferPointer<UInt8>) -> Int64?
    /// Said in messages: what a time cell should look like, e.g. "YYYY-MM-DD or YYYY-MM-DDThh:mm:ss".
    public var timeLayout: String
    public var number: @Sendable (UnsafeBufferPointer<UInt8>) -> Double?
    /// The ISO shortcut, called inline by the loader before the closure (a closure call per cell costs).
    var iso: ISOTimestampReader?
    /// The readers give nil for a blank cell, so the loader may skip calling them for an empty one.
    var blankIsNil = false
    /// The number format's decimal separator, for a message's hint (nil for custom readers).
    var decimalSeparator: UInt8?

    public init(time: @escaping @Sendable (UnsafeBufferPointer<UInt8>) -> Int64?, timeLayout: String,
                number: @escaping @Sendable (UnsafeBufferPointer<UInt8>) -> Double?) {
        self.time = time
        self.timeLayout = timeLayout
        self.number = number
    }

    /// The readers for a date format, number format and time zone, with the fast path for ISO files.
    public init(dateFormat: DateFormat, numberFormat: NumberFormat, timeZone: TimeZone, timeLayout: String) {
        let parser = TimestampParser(format: dateFormat, timeZone: timeZone)
        if dateFormat.order == .iso {
            let reader = ISOTimestampReader(parser: parser)
            time = { reader.parse($0) }
            iso = reader
        } else {
            time = { parser.parse($0) }
        }
        self.timeLayout = timeLayout
        number = { parseNumber($0, format: numberFormat) }
        decimalSeparator = numberFormat.decimalSeparator
        blankIsNil = true
    }
}
