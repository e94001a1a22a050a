/// One problem found in the data, with where it is and, when there is one, what to do about it.
/// Printed as `file:line:column: severity: message` so editors and terminals can jump to it.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public enum Severity: String, Sendable, Comparable {
        case warning, error
        public static func < (a: Severity, b: Severity) -> Bool { a == .warning && b == .error }
    }

    public var file: String
    /// 1-based; 0 when the problem is with the file as a whole.
    public var line: Int
    /// 1-based; 0 when the problem is with the whole line or file.
    public var column: Int
    public var severity: Severity
    public var message: String
    public var suggestion: String?
    /// The field of the row's cell the message is about, when the column could not be given as it
    /// was made (its file's bytes were gone): the loader finds that column once the rows are linked.
    var cellField: String?
    /// For such a message, and for one the reader gives about a row it leaves out, the line the
    /// row starts on (the cell can be on a later line): rows left out are counted by it.
    var rowLine = 0
    /// How many of the file's rows that row is: more than one when a carriage return alone ran
    /// them together into one line.
    var rowsJoined = 1
    /// For such a message, the cell's text when it was read: a row found again at that line holding
    /// other text (the file changed since) gives no column rather than a wrong one.
    var cellValue: String?
    /// The id of the row a message leaves out, when it has one: rows elsewhere that name that id
    /// are told the row was left out, not that the id is nowhere.
    var leftOutID: String?
    /// The row this message is about is shown as it was read before (it read well then), not left
    /// out: it does not count among the rows left out.
    var shownAsBefore = false

    public init(file: String, line: Int = 0, column: Int = 0, severity: Severity = .error,
                message: String, suggestion: String? = nil) {
        self.file = MessageText.escaped(file)
        self.line = line
        self.column = column
        self.severity = severity
        // Messages quote cells, header names and settings values, and a file's name comes from the
        // settings: escaped here, they are safe to print wherever they go.
        self.message = MessageText.escaped(message)
        self.suggestion = suggestion.map { MessageText.escaped($0) }
    }

    public var location: String {
        var s = file
        if line > 0 { s += ":\(line)" }
        if column > 0 { s += ":\(column)" }
        return s
    }

    public var description: String {
        var s = "\(location): \(severity.rawValue): \(message)"
        if let suggestion { s += " (\(suggestion))" }
        return s
    }
}

extension Diagnostic {
    /// A message about one cell of the row at `line`, made once the file's bytes were given back:
    /// its column is found later, by reading that row again (see `CellColumns`).
    init(file: String, line: Int, cell field: String, value: String? = nil, severity: Severity = .error,
         message: String, suggestion: String? = nil) {
        self.init(file: file, line: line, severity: severity, message: message, suggestion: suggestion)
        cellField = field
        cellValue = value
    }
}
