import Foundation

/// Where each of our fields sits in one file's header, found the way the loader finds it: the
/// settings' `[tables.NAME.columns]` header first, else the field's name or one of its usual
/// spellings, compared without case, spaces, `-`, `_` and `.`; the first matching header counts.
public struct FileColumns: Sendable {
    public let header: [String]
    private let positions: [String: Int]

    public init(header: [String], schema: TableSchema, mapping: TableMapping?) {
        self.header = header
        let keys = header.map(headerKey)
        var positions: [String: Int] = [:]
        for field in schema.fields {
            let wanted: [String]
            if let mapped = mapping?.columns[field.name] { wanted = [headerKey(mapped)] }
            else { wanted = ([field.name] + field.headerAliases).map(headerKey) }
            if let p = wanted.lazy.compactMap({ w in keys.firstIndex(of: w) }).first { positions[field.name] = p }
        }
        self.positions = positions
    }

    /// The column of one of our fields, nil when the file has none.
    public func index(of field: String) -> Int? { positions[field] }

    /// The header text of a field's column, as `CSVCellEditor` looks it up.
    public func headerName(of field: String) -> String? {
        positions[field].map { header[$0].trimmingCharacters(in: .whitespaces) }
    }

    /// Whether a field's column is, by its header, one of record ids (`AccountId`, `Account ID`,
    /// `account_id`) rather than of names: a name written there would be taken for an id.
    func holdsIDs(_ field: String) -> Bool {
        guard let name = headerName(of: field), name.count > 2, name.hasSuffix("Id") || name.hasSuffix("ID") || name.hasSuffix("_id") else { return false }
        // A word ending in "id" (Paid, Valid) is no id: the "Id" starts a word of its own.
        let before = name.dropLast(2).last!
        return before.isLowercase && name.hasSuffix("Id") || !before.isLetter || name.hasSuffix("ID")
    }

    /// Our field for a column, nil for a column pipetop does not know.
    public func field(at index: Int) -> String? {
        positions.first { $0.value == index }?.key
    }
}
