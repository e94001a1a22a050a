import Foundation

/// The people in reps.csv, read only to check a name or find who `--user` is.
struct RepList {
    struct Entry {
        var name: String
        var login: String
        var email: String
        /// ae, sdr, manager or marketing (the settings' word for it); empty when not given.
        var role: String = ""
        /// The CRM's id for the person (Salesforce's user Id), which exports write as the owner.
        var id: String = ""
    }

    /// The reps with a name; empty when the file is missing or has no rep column.
    static func read(folder: URL, settings: Settings) -> [Entry] {
        let mapping = settings.tables[Schemas.reps.name]
        let url = settings.fileURL(of: Schemas.reps, folder: folder)
        guard let data = try? Data(contentsOf: url) else { return [] }
        let (header, rows) = CSVCellEditor.records(Array(data))
        let columns = FileColumns(header: header, schema: Schemas.reps, mapping: mapping)
        guard let name = columns.index(of: "rep") else { return [] }
        let cell = { (row: [String], field: String) -> String in
            guard let i = columns.index(of: field), i < row.count else { return "" }
            return row[i].trimmingCharacters(in: .whitespaces)
        }
        return rows.compactMap { row in
            guard name < row.count else { return nil }
            let rep = row[name].trimmingCharacters(in: .whitespaces)
            return rep.isEmpty ? nil : Entry(name: rep, login: cell(row, "login"), email: cell(row, "email"),
                                             role: settings.roles.word(for: cell(row, "role")) ?? "", id: cell(row, "id"))
        }
    }

    /// The rep's name as reps.csv spells it, found by name (case aside) or login.
    static func resolve(_ name: String, folder: URL, settings: Settings) throws(TriageFailure) -> String {
        let wanted = name.trimmingCharacters(in: .whitespaces)
        let file = settings.tables[Schemas.reps.name]?.file ?? Schemas.reps.defaultFile
        guard !wanted.isEmpty else { throw TriageFailure("a rep's name is needed; nothing was written") }
        let reps = read(folder: folder, settings: settings)
        if let rep = reps.first(where: { $0.name == wanted })
            ?? reps.first(where: { $0.name.lowercased() == wanted.lowercased() })
            ?? reps.first(where: { !$0.login.isEmpty && $0.login.lowercased() == wanted.lowercased() }) {
            return rep.name
        }
        // A role ("sdr", "bdr") is a list to choose from, not one rep: its people are named.
        if let role = settings.roles.word(for: wanted) {
            let holders = reps.filter { $0.role == role }.map(\.name)
            if !holders.isEmpty {
                throw TriageFailure("\"\(sanitizedForMessage(wanted))\" is a role, not a rep: name one of \(holders.prefix(8).map(sanitizedForMessage).joined(separator: ", "))\(holders.count > 8 ? ", …" : ""); nothing was written")
            }
        }
        let hint = nearest(wanted, in: reps.map(\.name)).map { " (did you mean \"\($0)\"?)" } ?? ""
        throw TriageFailure("no rep named \"\(sanitizedForMessage(wanted))\" in \(file)\(hint); nothing was written")
    }
}
