import Foundation

/// Undo and redo: the recorded cells and records put back (or written again) by id, under the lock,
/// each lead's changes together. A lead whose cells or deal someone changed since is left as it is.
extension LeadTriage {
    /// Puts back exactly the old values and removes the records the action added. Returns, as
    /// `applied`, the part of `applied` it put back (redo takes that).
    public func undo(_ applied: AppliedTriage, at: Int64) -> TriageResult {
        locked(writingDeals: applied.touchesDeals) { (triage) throws(TriageFailure) -> TriageResult in try triage.replay(applied, forward: false, at: at) }
    }

    /// Writes again what `applied` wrote, where its cells still hold the old values.
    public func redo(_ applied: AppliedTriage, at: Int64) -> TriageResult {
        locked(writingDeals: applied.touchesDeals) { (triage) throws(TriageFailure) -> TriageResult in try triage.replay(applied, forward: true, at: at) }
    }

    private func replay(_ applied: AppliedTriage, forward: Bool, at: Int64) throws(TriageFailure) -> TriageResult {
        // Files in writing order: those gaining records first, those losing them last.
        var names: [String] = []
        var tables: [String: String] = [:]
        for cell in applied.cells where tables[cell.file] == nil { tables[cell.file] = cell.table; names.append(cell.file) }
        for row in applied.rows where tables[row.file] == nil { tables[row.file] = row.table; names.append(row.file) }
        let withRows = Set(applied.rows.map(\.file))
        names.sort { a, b in
            let ra = withRows.contains(a), rb = withRows.contains(b)
            return ra != rb && (forward ? ra : rb)
        }
        try checkFolderWritable()
        var files: [String: DataFile] = [:]
        for name in names {
            guard let table = tables[name], let schema = DataFile.schema(named: table) else {
                throw TriageFailure("\(name) is not a file pipetop edits; nothing was written")
            }
            var file = try DataFile.read(schema, folder: folder, settings: settings)
            if file.name != name {
                // The settings now name another file for the table: the recorded one is what changed.
                guard FileManager.default.fileExists(atPath: SnapshotLoader.url(of: name, folder: folder, settingsFolder: settings.settingsFolder ?? folder).path) else {
                    throw TriageFailure("\(name) is missing from the data folder; nothing was written")
                }
                var moved = settings
                var mapping = moved.tables[table] ?? TableMapping()
                mapping.file = name
                moved.tables[table] = mapping
                file = try DataFile.read(schema, folder: folder, settings: moved)
            }
            try file.checkWritable()
            files[name] = file
        }

        // Check every lead's cells and records against what they must hold now.
        var problems: [String: String] = [:]
        for name in names {
            guard let file = files[name] else { continue }
            let ids = Set(applied.cells.filter { $0.file == name }.map(\.record) + applied.rows.filter { $0.file == name }.map(\.record))
            let records = CSVCellEditor.lookup(ids, keyColumn: file.keyColumn, in: file.bytes)
            for cell in applied.cells where cell.file == name && problems[cell.lead] == nil {
                guard let record = records[cell.record] else {
                    problems[cell.lead] = "\(cell.record) is no longer in \(name); left as it is"
                    continue
                }
                guard file.columns.index(of: cell.field) != nil else {
                    problems[cell.lead] = "\(name) has no \(cell.field) column any more; \(cell.lead) left as it is"
                    continue
                }
                let now = file.value(cell.field, in: record)
                if now != (forward ? cell.old : cell.new) {
                    let what = now.isEmpty ? "was cleared" : "was changed to \"\(sanitizedForMessage(now))\""
                    problems[cell.lead] = "\(cell.record): \(cell.field) \(what) by someone else since; left as it is"
                }
            }
            for row in applied.rows where row.file == name && problems[row.lead] == nil {
                let record = records[row.record]
                if forward, record != nil {
                    problems[row.lead] = "\(row.record) is now another record in \(name); \(row.lead) left as it is"
                } else if !forward {
                    guard let record else { continue }
                    var padded = record
                    while padded.count < row.cells.count { padded.append("") }
                    if padded != row.cells {
                        problems[row.lead] = "\(row.record) was changed in \(name) by someone else since; \(row.lead) left as it is"
                    }
                }
            }
        }
        // A lead whose stage the action left as it was: it must still be at that stage (the cell
        // checks above cover a stage the action changed).
        if let name = names.first(where: { tables[$0] == Schemas.leads.name }), let file = files[name] {
            let unchanged = applied.leads.filter { lead in
                problems[lead] == nil && applied.stageAfter[lead] != nil
                    && !applied.cells.contains { $0.lead == lead && $0.file == name && $0.field == "stage" }
            }
            let records = CSVCellEditor.lookup(Set(unchanged), keyColumn: file.keyColumn, in: file.bytes)
            for lead in unchanged {
                guard let record = records[lead], let expected = applied.stageAfter[lead] else { continue }
                let now = file.value("stage", in: record)
                if now != expected {
                    problems[lead] = "\(lead): stage was changed to \"\(sanitizedForMessage(now))\" by someone else since; left as it is"
                }
            }
        }
        // Undoing: a lead someone changed since in any cell, not only in those the action wrote,
        // is left as it is (the rest of what the action wrote would no longer fit with it).
        // Only the cells that say where a lead is and whose (a scoring tool rewriting the score,
        // a re-export writing times another way, leave the undo as it was), compared as values.
        let canon = SeenValues(settings: settings)
        if !forward, let name = names.first(where: { tables[$0] == Schemas.leads.name }), let file = files[name] {
            let checked = applied.leads.filter { problems[$0] == nil && applied.leadAfter[$0] != nil }
            let records = CSVCellEditor.lookup(Set(checked), keyColumn: file.keyColumn, in: file.bytes)
            for lead in checked {
                guard let record = records[lead], let after = applied.leadAfter[lead] else { continue }
                for (field, value) in after.sorted(by: { $0.key < $1.key })
                where AppliedTriage.triageFields.contains(field) && file.columns.index(of: field) != nil {
                    let now = file.value(field, in: record)
                    guard canon.canonical(now, field: field) != canon.canonical(value, field: field) else { continue }
                    let what = now.isEmpty ? "was cleared" : "was changed to \"\(sanitizedForMessage(now))\""
                    problems[lead] = "\(lead): \(field) \(what) by someone else since; left as it is"
                    break
                }
            }
        }
        let kept = Set(applied.leads.filter { problems[$0] == nil })
        var part = applied.keeping(kept)
        // Redone: each lead's row as this write leaves it, for the undo after it to compare.
        if forward, let name = names.first(where: { tables[$0] == Schemas.leads.name }), let file = files[name] {
            let records = CSVCellEditor.lookup(kept, keyColumn: file.keyColumn, in: file.bytes)
            for lead in kept {
                guard let record = records[lead] else { continue }
                var after: [String: String] = [:]
                for i in file.columns.header.indices { if let field = file.columns.field(at: i) { after[field] = file.value(field, in: record) } }
                for cell in part.cells where cell.lead == lead && cell.file == name { after[cell.field] = cell.new }
                part.leadAfter[lead] = after
            }
        }
        let refused = applied.leads.compactMap { problems[$0] }
        guard !part.leads.isEmpty else {
            return TriageResult(applied: nil, refused: refused, error: nil, summary: refused.count == 1 ? "Nothing written" : "Nothing written: \(refused.count) refused")
        }

        var written: [(DataFile, [UInt8])] = []
        for name in names {
            guard let file = files[name] else { continue }
            var bytes = try edited(file, part.cells, forward: forward, undoing: written)
            let rows = part.rows.filter { $0.file == name }
            if !rows.isEmpty {
                if forward {
                    bytes = CSVCellEditor.appending(rows.map(\.cells), to: bytes)
                } else {
                    bytes = CSVCellEditor.removing(Set(rows.map(\.record)), keyColumn: file.keyColumn, from: bytes,
                                                   dropLineBreak: rows.contains { $0.addedLineBreak })
                }
            }
            try replace(file, with: bytes, undoing: &written)
        }
        let logError = log(part, forward: forward, at: at, columns: files.mapValues(\.columns))
        let word = forward ? "Redone" : "Undone"
        let counted = part.leads.count == applied.leads.count ? "" : " for \(part.leads.count) of \(applied.leads.count) leads"
        return TriageResult(applied: part, refused: refused, error: logError,
                            summary: "\(word)\(counted): \(applied.summary)" + (refused.isEmpty ? "" : "; \(refused.count) refused"))
    }
}
