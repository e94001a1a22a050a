import Foundation

/// How a cell is stored once read.
public enum FieldKind: Sendable {
    /// Free text: one arena per column.
    case text
    /// Few distinct values (stage, owner, channel): dictionary codes.
    case category
    /// A timestamp or a date, as epoch seconds.
    case time
    /// A number or an amount of money.
    case number
}

public struct FieldSpec: Sendable {
    public let name: String
    public let kind: FieldKind
    public let required: Bool
    /// A required column whose cells may still be empty (an early-stage deal has no amount or dates yet).
    public let emptyAllowed: Bool
    /// Other header spellings accepted without a mapping (compared after normalizing case, spaces, `-` and `_`).
    public let headerAliases: [String]
    /// A date: an ISO cell's time of day (and its zone) is ignored, so `2026-12-01T00:00:00.000+0000`
    /// is December 1st in any time zone, not the evening of November 30th west of UTC.
    public let dateOnly: Bool

    public init(_ name: String, _ kind: FieldKind, required: Bool = false, emptyAllowed: Bool = false, aliases: [String] = [],
                dateOnly: Bool = false) {
        self.name = name
        self.kind = kind
        self.required = required
        self.emptyAllowed = emptyAllowed
        self.headerAliases = aliases
        self.dateOnly = dateOnly
    }
}

/// The columns pipetop reads from one file.
public struct TableSchema: Sendable {
    public let name: String
    public let defaultFile: String
    public let fields: [FieldSpec]
    /// The field that must be unique, when there is one.
    public let idField: String?

    public init(name: String, defaultFile: String, idField: String?, fields: [FieldSpec]) {
        self.name = name
        self.defaultFile = defaultFile
        self.idField = idField
        self.fields = fields
    }

    public func index(of field: String) -> Int? { fields.firstIndex { $0.name == field } }
}

/// Lower case with spaces, `-`, `_` and `.` dropped: how headers are compared.
func headerKey(_ s: String) -> String {
    String(String.UnicodeScalarView(s.lowercased().unicodeScalars.filter { !" -_.".unicodeScalars.contains($0) }))
        .trimmingCharacters(in: .whitespaces)
}
