import Foundation

/// Reads a data folder into a Snapshot: settings first, then each file, then the links between them.
public struct SnapshotLoader: Sendable {
    public let folder: URL
    /// Changes applied to the settings after reading them (a command-line `--as-of`, a preset).
    public var adjustSettings: @Sendable (inout Settings) -> Void
    /// A settings file to read instead of the folder's `pipetop.toml` (for a read-only export
    /// folder); table files given as paths are found from its folder.
    public var settingsFile: URL?
    /// A preset to use whatever the settings say (`--preset`).
    public var preset: String?

    /// Tables a data folder must have; the others may be absent.
    public static let expectedTables: Set<String> = ["leads", "deals", "reps"]
    /// Tables that are optional but whose absence leaves a pane empty, so it is worth a warning.
    public static let recommendedTables: Set<String> = ["campaigns", "quotas"]

    public init(folder: URL, adjustSettings: @escaping @Sendable (inout Settings) -> Void = { _ in }) {
        self.folder = folder
        self.adjustSettings = adjustSettings
    }

    /// Loads everything, or, given the previous snapshot and the names of the files that changed,
    /// reads only those again and reuses the rest. A file that cannot be read keeps its last good rows.
    /// A row that read well before and is left out now (a date mistyped in it, a cell too many)
    /// stays on screen as it was read, until it is fixed: one bad edit does not take a lead or a
    /// deal out of every pane. Its messages say so, and it no longer counts as left out. Only rows
    /// with an id the new read does not also have.
    static func keepLastGoodRows(_ table: inout LoadedTable, from old: LoadedTable) {
        guard let idField = table.schema.idField,
              table.diagnostics.contains(where: { $0.severity == .error && $0.leftOutID != nil }) else { return }
        let now = table.idIndex ?? TextIndex(table.text(idField))
        let before = old.idIndex ?? TextIndex(old.text(idField))
        var rows: [Int] = [], lines: [Int32] = [], kept: Set<String> = []
        for d in table.diagnostics where d.severity == .error {
            guard let id = d.leftOutID, !kept.contains(id), now.row(for: id) == nil, let r = before.row(for: id) else { continue }
            kept.insert(id)
            rows.append(r)
            lines.append(Int32(d.rowLine > 0 ? d.rowLine : d.line))
        }
        guard !rows.isEmpty else { return }
        table.appending(rows: rows, of: old, at: lines)
        for k in table.diagnostics.indices {
            guard let id = table.diagnostics[k].leftOutID, kept.contains(id) else { continue }
            table.diagnostics[k].leftOutID = nil
            table.diagnostics[k].shownAsBefore = true
            let message = table.diagnostics[k].message
            table.diagnostics[k].message = message.hasSuffix("; the row is left out")
                ? String(message.dropLast("; the row is left out".count)) + "; the row as read before is shown until it is fixed"
                : message + " (the row as read before is shown until it is fixed)"
        }
    }

    public func load(previous: Snapshot? = nil, changed: Set<String>? = nil, now: Int64 = Int64(Date().timeIntervalSince1970)) -> Snapshot {
        var (settings, settingsDiagnostics) = currentSettings()
        var settingsChanged = changed == nil || changed!.contains(settingsLabel) || previous == nil
        // A settings file with an error is not half-used on a reload: the last good settings stay,
        // and the header names the error until it is fixed (at the first load there are none to
        // keep: what the file gives is used, and triage refuses to write).
        var settingsStatus: FileStatus?
        let settingsErrors = settingsDiagnostics.filter { $0.severity == .error }
        var settingsShape = SettingsFileShape.of(settingsURL)
        var settingsHeld = false, settingsSettling = false
        // The whole folder moved away (or deleted) is said as that, not as each file gone.
        let folderGone = !FileManager.default.fileExists(atPath: folder.path)
        if settingsErrors.isEmpty, settingsShape != .whole, var kept = previous?.settings, previous?.settingsShape == .whole {
            // It was whole and now is gone or cut mid-line: most likely a save in progress. The
            // settings read before stay until the file is whole again.
            adjustSettings(&kept)
            settings = kept
            settingsChanged = changed == nil
            let gone = settingsShape == .absent
            settingsHeld = true
            settingsSettling = settingsShape == .cut
            settingsShape = .whole
            let problem = Diagnostic(file: settingsLabel, message: gone
                ? "\(folderGone ? "the data folder \(folder.path) is gone (moved or deleted?)" : "the file is gone"); the settings read before are used until it is back"
                : "the file is empty or ends in the middle of a line (is it still being written?); the settings read before are used until it is saved")
            settingsDiagnostics = [problem]
            settingsStatus = FileStatus(table: "settings", file: settingsLabel, state: .failed, rows: 0, errors: 1,
                                        warnings: 0, firstProblem: problem, showingLastGood: true, expected: true)
        } else if let first = settingsErrors.first {
            if var kept = previous?.settings {
                adjustSettings(&kept)
                settings = kept
                settingsChanged = changed == nil
            }
            settingsStatus = FileStatus(table: "settings", file: first.file, state: .failed, rows: 0, errors: settingsErrors.count,
                                        warnings: 0, firstProblem: first, showingLastGood: previous != nil, expected: true)
        }
        let settingsFolder = settingsFile?.deletingLastPathComponent() ?? folder

        var tables: [String: LoadedTable] = [:]
        var statuses: [FileStatus] = []
        // Per status: the name messages give its file (a path from the folder when it is outside it).
        var labels: [String] = []
        var diagnostics = settingsDiagnostics
        // Per file label: where the rows shown were read from, and whether they were kept from the
        // previous load (for finding the columns of messages about cells).
        var readFrom: [String: (url: URL, reused: Bool)] = [:]
        // Files held as being written: read again shortly, when they count as saved.
        var settling: Set<String> = []
        for schema in Schemas.all {
            let mapping = settings.tables[schema.name]
            if mapping?.absent == true {
                // The settings say the export has no such file: nothing to ask for.
                statuses.append(FileStatus(table: schema.name, file: schema.defaultFile, state: .missing, rows: 0, errors: 0,
                                           warnings: 0, firstProblem: nil, showingLastGood: false, expected: false))
                labels.append(schema.defaultFile)
                continue
            }
            let url = Self.url(of: mapping?.file ?? schema.defaultFile, folder: folder, settingsFolder: settingsFolder)
            let file = label(of: url)
            let expected = Self.expectedTables.contains(schema.name)
            let reuse = !settingsChanged && !(changed?.contains(file) ?? true)
            var table: LoadedTable
            let kept = reuse ? previous?.tables[schema.name] : nil
            let gone = kept == nil && !FileManager.default.fileExists(atPath: url.path)
            if let kept {
                table = kept
            } else if gone, let target = try? FileManager.default.destinationOfSymbolicLink(atPath: url.path) {
                // A link whose file is not there (or a loop of links): not a missing file.
                table = TableLoader.failedTable(schema: schema, file: file,
                                                message: "\(file) is a link to \(target), which cannot be followed to a file")
            } else if gone {
                if let old = previous?.tables[schema.name], !old.failed, old.file == file {
                    // Gone while watched (deleted, or mid-way through a save that deletes and then
                    // writes): the rows read before stay on screen, marked stale, until it is back.
                    table = TableLoader.failedTable(schema: schema, file: file,
                                                    message: "missing file: \(folderGone ? "the data folder \(folder.path) is gone (moved or deleted?)" : "\(file) is gone from the folder"); the rows read before are shown until it is back")
                } else {
                    if expected {
                        diagnostics.append(MissingFile.diagnostic(file: file, schema: schema, mapping: mapping, preset: settings.preset))
                    } else if Self.recommendedTables.contains(schema.name) {
                        diagnostics.append(Diagnostic(file: file, severity: .warning,
                                                      message: "no \(file): the \(schema.name) pane has nothing to show"))
                    }
                    labels.append(file)
                    statuses.append(FileStatus(table: schema.name, file: url.lastPathComponent, state: .missing, rows: 0, errors: expected ? 1 : 0,
                                               warnings: 0, firstProblem: nil, showingLastGood: false, expected: expected))
                    continue
                }
            } else {
                let columnMapping = ColumnMapping(headers: mapping?.columns ?? [:], fixed: mapping?.fixed ?? [:])
                let tableReaders = readers(for: schema.name, settings: settings)
                if !settingsChanged, let old = previous?.tables[schema.name] {
                    // Under the same settings, only the part of the file that changed is read again.
                    table = TableLoader.reload(url: url, label: file, previous: old, readers: tableReaders, mapping: columnMapping)
                } else {
                    table = TableLoader.load(url: url, label: file, schema: schema, readers: tableReaders, mapping: columnMapping)
                }
            }
            if !reuse, !table.failed, let old = previous?.tables[schema.name], !old.failed, old.file == file {
                // Caught while another program writes it: it ended with a line break and now ends
                // mid-line (cut where a cell ends; a cut inside a row is caught as it is read), or
                // it had rows and now has a header alone. The rows read before stay until it has
                // been left alone a moment: a finished save may end without a line break (many
                // editors write none), and a folder's deals may really all be gone.
                let cut = !table.endsWithLineBreak && old.endsWithLineBreak
                let emptied = table.rowCount == 0 && old.rowCount > 0 && table.diagnostics.isEmpty
                if cut || emptied, Self.secondsSinceModified(url) < SettingsFileShape.settleSeconds {
                    let line = table.blocks?.endLine ?? 0
                    table.failed = true
                    table.blocks = nil
                    table.diagnostics.append(cut
                        ? Diagnostic(file: file, line: line,
                                     message: "the file now ends without a line break, as it did not before (is it still being written?); the rows read before are shown until it is saved",
                                     suggestion: "end the file with a line break")
                        : Diagnostic(file: file, line: 1,
                                     message: "the file now has a header and no rows, where it had \(old.rowCount) (is it still being written?); the rows read before are shown until it is saved"))
                    settling.insert(file)
                }
            }
            if !reuse, !table.failed, let old = previous?.tables[schema.name], !old.failed, old.file == file {
                Self.keepLastGoodRows(&table, from: old)
            }
            var showingLastGood = table.showsLastGood
            if table.failed, let old = previous?.tables[schema.name], !old.failed {
                // Keep the last good rows on screen; report what is wrong with the new file.
                // None of the new file's rows is used: a row's message says what is wrong with it,
                // not that it alone is left out.
                let problems = table.diagnostics.map { problem in
                    var said = problem
                    said.message = said.message.replacingOccurrences(of: "; the row is left out", with: "")
                    return said
                }
                table = old
                table.diagnostics = problems
                // Its messages are no longer those of its rows: the next change is read whole.
                table.blocks = nil
                table.showsLastGood = true
                showingLastGood = true
            }
            tables[schema.name] = table
            if !showingLastGood { readFrom[file] = (url, reuse) }
            diagnostics += table.diagnostics
            labels.append(file)
            // The status names the file alone, as the header bar and the panes show it.
            var status = FileStatus(table: schema.name, file: url.lastPathComponent, state: table.failed && !showingLastGood ? .failed : (showingLastGood ? .failed : .ok),
                                    rows: table.rowCount, errors: 0, warnings: 0, firstProblem: nil,
                                    showingLastGood: showingLastGood, expected: expected)
            // Every error reading gives is about a row it leaves out (a row may have several).
            if !table.failed {
                var rows: [Int: Int] = [:]
                for d in table.diagnostics where d.severity == .error && d.line > 0 && !d.shownAsBefore {
                    rows[d.rowLine > 0 ? d.rowLine : d.line, default: 1] = max(rows[d.rowLine > 0 ? d.rowLine : d.line] ?? 1, d.rowsJoined)
                }
                status.leftOut = rows.values.reduce(0, +)
            }
            statuses.append(status)
        }

        var linker = Linker(settings: settings, tables: tables)
        let snapshotParts = linker.link()
        diagnostics += linker.diagnostics
        Self.locateCells(&diagnostics, tables: tables, readFrom: readFrom, previous: previous)

        // Rows as the panes have them: linking leaves out rows with an unknown stage, channel or
        // quota owner, as reading leaves out rows with a bad cell.
        let linked = ["campaigns": snapshotParts.campaigns.count, "leads": snapshotParts.leads.count,
                      "deals": snapshotParts.deals.count, "quotas": snapshotParts.quotas.count]
        for k in statuses.indices where statuses[k].state != .missing {
            if let rows = linked[statuses[k].table], tables[statuses[k].table] != nil {
                if statuses[k].state == .ok { statuses[k].leftOut += max(0, statuses[k].rows - rows) }
                statuses[k].rows = rows
            }
        }

        // Count problems per file after linking, which adds its own.
        for k in statuses.indices {
            let mine = diagnostics.filter { $0.file == labels[k] }
            statuses[k].errors = max(statuses[k].errors, mine.filter { $0.severity == .error }.count)
            statuses[k].warnings = mine.filter { $0.severity == .warning }.count
            // The first in the file: the reader's and the linker's messages come in their own orders.
            let errors = mine.filter { $0.severity == .error }
            statuses[k].firstProblem = (errors.isEmpty ? mine : errors).enumerated().min { a, b in
                (a.element.line, a.offset) < (b.element.line, b.offset)
            }?.element
        }

        if let settingsStatus { statuses.insert(settingsStatus, at: 0) }

        var snapshot = Snapshot(folder: folder, settings: settings, asOf: settings.asOf ?? now,
                        campaigns: snapshotParts.campaigns, leads: snapshotParts.leads, deals: snapshotParts.deals,
                        reps: snapshotParts.reps, quotas: snapshotParts.quotas, history: snapshotParts.history,
                        activity: snapshotParts.activity, files: statuses, diagnostics: diagnostics,
                        generation: (previous?.generation ?? 0) + 1,
                        leadIndex: snapshotParts.leadIndex, dealIndex: snapshotParts.dealIndex,
                        repIndex: snapshotParts.repIndex, campaignIndex: snapshotParts.campaignIndex,
                        teams: snapshotParts.teams, tables: tables)
        snapshot.sourceFiles = Set(labels + [settingsLabel])
        snapshot.leads.replay(at: snapshot.asOf)
        snapshot.settingsShape = settingsShape
        snapshot.settingsHeld = settingsHeld
        snapshot.settingsSettling = settingsSettling
        snapshot.settlingFiles = settling.union(settingsSettling ? [settingsLabel] : [])
        return snapshot
    }

    /// How long ago the file was last changed. A time that cannot be read, or one ahead of the
    /// clock (a copy that kept another machine's times), cannot say the file is being written:
    /// it counts as long ago, or the file would be held until the clock caught up.
    static func secondsSinceModified(_ url: URL, now: Date = Date()) -> Double {
        guard let modified = try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date else { return .infinity }
        let age = now.timeIntervalSince(modified)
        return age < 0 ? .infinity : age
    }

    /// Gives the messages about one cell their column: from the previous load when the file was not
    /// read again and the message is the same, otherwise by reading the cells again.
    static func locateCells(_ diagnostics: inout [Diagnostic], tables: [String: LoadedTable],
                            readFrom: [String: (url: URL, reused: Bool)], previous: Snapshot?) {
        struct Key: Hashable { var file: String, line: Int, message: String }
        var known: [Key: (line: Int, column: Int)] = [:]
        // Places found before, or looked for and not found (a cell mapped to another value): a
        // file not read again is not read for them again either.
        for d in previous?.diagnostics ?? [] where d.cellField != nil && d.rowLine > 0 && readFrom[d.file]?.reused == true {
            known[Key(file: d.file, line: d.rowLine, message: d.message)] = (d.line, d.column)
        }
        var wanted: [String: [Int]] = [:]
        for k in diagnostics.indices where diagnostics[k].cellField != nil && diagnostics[k].column == 0 && diagnostics[k].line > 0 {
            let d = diagnostics[k]
            diagnostics[k].rowLine = d.line
            if let place = known[Key(file: d.file, line: d.line, message: d.message)] {
                (diagnostics[k].line, diagnostics[k].column) = place
            } else if readFrom[d.file] != nil {
                wanted[d.file, default: []].append(k)
            }
        }
        for (file, indices) in wanted {
            guard let source = readFrom[file], let table = tables.values.first(where: { $0.file == file }) else { continue }
            CellColumns.locate(&diagnostics, at: indices, url: source.url, table: table)
        }
    }

    /// How messages and the names of changed files call a file the loader reads: its name when it
    /// is in the folder, else its path from the folder.
    func label(of url: URL) -> String {
        url.deletingLastPathComponent().standardizedFileURL.path == folder.standardizedFileURL.path
            ? url.lastPathComponent : SettingsLoader.pathFrom(folder: folder, to: url)
    }

    /// The name a change to the settings file goes by (see `load(previous:changed:)`).
    public var settingsLabel: String { settingsFile.map { label(of: $0) } ?? "pipetop.toml" }

    /// The files a load under `settings` reads from outside the folder, which a watcher of the
    /// folder does not see, by the names a change to them goes by: a settings file kept beside a
    /// read-only export, and tables the settings name by a path.
    public func filesOutsideFolder(settings: Settings) -> [String: URL] {
        let inFolder = folder.standardizedFileURL.path
        var files: [String: URL] = [:]
        if let settingsFile, settingsFile.deletingLastPathComponent().standardizedFileURL.path != inFolder {
            files[settingsLabel] = settingsFile
        }
        let settingsFolder = settingsFile?.deletingLastPathComponent() ?? folder
        for schema in Schemas.all where settings.tables[schema.name]?.absent != true {
            let url = Self.url(of: settings.tables[schema.name]?.file ?? schema.defaultFile, folder: folder, settingsFolder: settingsFolder)
            if url.deletingLastPathComponent().standardizedFileURL.path != inFolder { files[label(of: url)] = url }
        }
        return files
    }

    /// Whether the settings file is now gone, empty or cut mid-line after `previous` read it
    /// whole: a load would keep the last settings, and a write must wait.
    public func settingsBeingSaved(after previous: Snapshot) -> Bool {
        previous.settingsShape == .whole && SettingsFileShape.of(settingsURL) != .whole
    }

    /// The settings file read: `--settings`, else the folder's pipetop.toml.
    var settingsURL: URL { settingsFile ?? folder.appendingPathComponent("pipetop.toml") }

    /// The settings a load would use now and their problems: the file read again, with the preset
    /// and the command line's changes applied.
    public func currentSettings() -> (Settings, [Diagnostic]) {
        var (settings, problems) = SettingsLoader.load(folder: folder, settingsFile: settingsFile, preset: preset)
        adjustSettings(&settings)
        return (settings, problems)
    }

    /// A table's file: a name is in the data folder; a path (with a `/`) is from the settings
    /// file's folder, or absolute.
    static func url(of file: String, folder: URL, settingsFolder: URL) -> URL {
        if file.hasPrefix("/") { return URL(fileURLWithPath: file).standardizedFileURL }
        if file.contains("/") { return settingsFolder.appendingPathComponent(file).standardizedFileURL }
        return folder.appendingPathComponent(file)
    }

    /// Date and number readers for a table: its own mapping's formats, else the folder's.
    func readers(for table: String, settings: Settings) -> CellReaders {
        let mapping = settings.tables[table]
        let dateFormat = mapping?.dateFormat ?? settings.dateFormat
        let numberFormat = mapping?.numberFormat ?? settings.numberFormat
        return CellReaders(dateFormat: dateFormat, numberFormat: numberFormat, timeZone: settings.timeZone,
                           timeLayout: Self.layoutDescription(dateFormat))
    }

    /// What a time cell should look like under a date format, for messages.
    static func layoutDescription(_ format: DateFormat) -> String {
        switch format.order {
        case .iso: return "YYYY-MM-DD or YYYY-MM-DDThh:mm:ss"
        case .mdy: return "MM/DD/YY or MM/DD/YYYY, optionally with hh:mm [AM/PM]"
        case .dmy: return "DD/MM/YY or DD/MM/YYYY, optionally with hh:mm"
        case .ymd: return "YYYY/MM/DD, optionally with hh:mm"
        }
    }
}

extension SnapshotLoader {
    /// Copies a data folder's own files (its CSV files and pipetop.toml) into `target`, created
    /// when missing: for the demo's scratch copy of the seeds, and for tests that write.
    public static func copyDataFiles(from source: URL, to target: URL) throws {
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        for name in try FileManager.default.contentsOfDirectory(atPath: source.path)
        where name.hasSuffix(".csv") || name == "pipetop.toml" {
            let from = source.appendingPathComponent(name), to = target.appendingPathComponent(name)
            try FileManager.default.copyItem(at: from, to: to)
            // Copied as `cp -p` would: a file just copied is not one another program is writing,
            // which a write waits a moment for.
            if let modified = try? FileManager.default.attributesOfItem(atPath: from.path)[.modificationDate] {
                try? FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: to.path)
            }
        }
    }
}
