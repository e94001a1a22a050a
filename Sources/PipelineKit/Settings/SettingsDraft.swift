import Foundation

/// The first settings file for a folder of exports, as `pipetop init` writes it: the preset the
/// folder looks like (or a mapping guessed from the headers), each guess commented, and every
/// question it cannot settle written as a `TODO` string, which `pipetop check` reports as an
/// error at its line until it is answered.
public struct SettingsDraft: Sendable {
    public let text: String
    /// The questions left as TODOs, one line each.
    public let questions: [String]
    public let preset: String?
    /// The folder's CSV files that no table of the draft reads.
    public let unreadFiles: [String]
    /// Other known exports the folder looks like too: the draft reads it as `preset` alone.
    public let otherExports: [OtherExport]
    /// Why the folder gives pipetop nothing to read, when it does not: then no settings are worth writing.
    public let nothingToRead: NothingToRead?

    /// Drafts settings for `folder`; `today` decides whether the data is old enough to need an as-of date.
    public init(folder: URL, today: Date = Date()) {
        var w = DraftWriter(export: ExportFolder(url: folder), today: today)
        w.write()
        text = w.output
        questions = w.questions
        preset = w.preset?.name
        unreadFiles = w.unreadFiles
        otherExports = w.otherExports
        nothingToRead = w.nothingToRead
    }

    /// A known export whose files are in the folder beside those of the one the draft reads.
    public struct OtherExport: Sendable, Equatable {
        /// The preset that reads it.
        public let preset: String
        /// Its files in the folder.
        public let files: [String]
        /// Those of its files that the draft reads all the same, as the table whose usual name they
        /// have (Maven's products.csv beside a Salesforce export): file -> table.
        public let readAnyway: [String: String]

        /// `, and products.csv as the products`, or nothing when none of its files is read.
        public var readAnywayText: String {
            readAnyway.keys.sorted().map { ", and \($0) as the \(readAnyway[$0]!.replacingOccurrences(of: "_", with: " "))" }.joined()
        }
    }

    /// A folder with nothing pipetop can read.
    public enum NothingToRead: Sendable, Equatable {
        /// No CSV file at all; the folder's other files, if any.
        case noCSVFiles(otherFiles: [String])
        /// CSV files, but none that looks like one of the tables: each with its header (empty when
        /// the file is empty or cannot be read).
        case noTable(headers: [String: [String]])

        /// One line for the command line, naming the folder as the user gave it.
        public func message(folder: String) -> String {
            switch self {
            case .noCSVFiles(let others):
                let there = others.isEmpty ? "it is empty" : "it has \(listed(others))"
                return "no CSV files in \(folder) (\(there)); pipetop reads CRM exports saved as .csv"
            case .noTable(let headers):
                let files = headers.keys.sorted()
                let each = files.prefix(6).map { file -> String in
                    let header = headers[file] ?? []
                    let cells = header.prefix(6).joined(separator: ",") + (header.count > 6 ? ",..." : "")
                    return "\(file): \(header.isEmpty ? "empty" : cells)"
                }.joined(separator: "; ") + (files.count > 6 ? "; ..." : "")
                let tables = "leads, deals, campaigns, reps or quotas"
                return "\(files.count == 1 ? "\(files[0]) does not" : "none of \(listed(files))") look\(files.count == 1 ? "" : "s") like \(tables) "
                    + "(their headers: \(each)); name each file after its table (deals.csv, ...) or write the mapping yourself (docs/importing.md)"
            }
        }

        private func listed(_ names: [String]) -> String {
            names.count > 6 ? names.prefix(5).joined(separator: ", ") + " and \(names.count - 5) more" : names.joined(separator: ", ")
        }
    }
}

/// Header spellings, beyond our own field names and the schema's aliases, that a guessed mapping
/// accepts: what common CRMs and samples call our fields. Compared like headers.
private let headerSynonyms: [String: [String: [String]]] = [
    "deals": [
        "deal_id": ["opportunity id", "deal id", "record id"], "owner": ["sales_agent", "owner id", "deal owner", "sales rep", "rep", "salesperson"],
        "stage": ["deal_stage", "deal stage", "stage name", "stagename"], "amount": ["close_value", "value", "deal value", "deal amount", "revenue"],
        "created_at": ["create date", "created date", "createddate", "engage_date", "opened"], "close_date": ["closed date", "closedate", "close", "expected close date"],
        "name": ["deal name", "opportunity name"], "account": ["account name", "company", "account id"],
    ],
    "leads": [
        "lead_id": ["lead id", "contact id", "record id"], "created_at": ["create date", "created date", "createddate"],
        "source": ["lead source", "original source", "leadsource"], "stage": ["lead status", "lifecycle stage"],
        "owner": ["lead owner", "contact owner", "owner id", "ownerid"], "company": ["company name", "account"],
    ],
    "reps": [
        "rep": ["sales_agent", "sales rep", "agent", "user", "full name", "salesperson"], "team": ["team name", "sales team"],
        "region": ["regional_office", "office", "territory"],
    ],
    "campaigns": [
        "campaign_id": ["campaign id"], "name": ["campaign name"], "channel": ["campaign type", "medium"],
        "start": ["start date", "startdate"], "end": ["end date", "enddate"], "budget": ["budgeted cost"], "spend": ["actual cost"],
    ],
    "quotas": ["owner": ["rep", "sales rep"], "period_start": ["period start", "month"], "target": ["quota", "goal"]],
    "stage_history": ["deal_id": ["opportunity id", "opportunityid", "deal id"], "stage": ["stage name", "stagename"], "at": ["created date", "createddate", "date", "changed at"]],
    "products": ["product": ["product name"], "price": ["sales price", "list price"]],
]

/// File names, beyond `<table>.csv`, that say which table a file is, compared in the singular
/// (`fileKey`): `Opportunities.CSV` is an opportunity file.
private let fileSynonyms: [String: String] = [
    "opportunity": "deals", "pipeline": "deals", "salespipeline": "deals", "contact": "leads", "user": "reps",
    "salesteam": "reps", "team": "reps", "target": "quotas", "opportunityhistory": "stage_history",
    "dealhistory": "stage_history",
]

/// Whether a file's name says it is the table's: the table's own name or a synonym, in any case,
/// singular or plural.
private func nameSays(_ file: String, _ table: String) -> Bool {
    let key = fileKey(file)
    return key == fileKey(table) || fileSynonyms[key] == table
}

/// The tables a folder must have one of for a draft to be worth writing.
private let mainTables: Set<String> = ["leads", "deals", "campaigns", "reps", "quotas"]

private struct DraftWriter {
    let export: ExportFolder
    let today: Date
    var preset: Preset?
    var output = ""
    var questions: [String] = []
    var unreadFiles: [String] = []
    var otherExports: [SettingsDraft.OtherExport] = []
    var nothingToRead: SettingsDraft.NothingToRead?

    init(export: ExportFolder, today: Date) {
        self.export = export
        self.today = today
    }

    /// A guessed table mapping: the file, the columns that need naming, and required fields not found.
    struct Guess {
        var table: TableSchema
        var file: String
        var columns: [(field: String, header: String)] = []
        var unmatched: [String] = []
    }

    mutating func write() {
        let recognised = Preset.all.filter { $0.recognises(export) }
        preset = recognised.first
        var settings = Settings.defaults
        // The preset's own file names, as it reads a folder that has none of its files.
        var usualFiles: [String: String] = [:]
        var guesses: [Guess] = []
        if let preset {
            settings = SettingsLoader.parse(text: preset.settingsText(for: export).text, fileName: "preset").0
            let bare = ExportFolder(url: export.url)
            bare.files = []
            let usual = SettingsLoader.parse(text: preset.settingsText(for: bare).text, fileName: "preset").0
            for (table, mapping) in usual.tables { usualFiles[table] = mapping.file }
        } else {
            guesses = guessTables()
        }
        // Where each table is read from, and the header cell for each of its fields.
        var sources: [(schema: TableSchema, file: String?, mapping: TableMapping)] = []
        for schema in Schemas.all {
            var mapping = settings.tables[schema.name] ?? TableMapping()
            if let guess = guesses.first(where: { $0.table.name == schema.name }) {
                mapping.file = guess.file
                for (field, header) in guess.columns { mapping.columns[field] = header }
            }
            if mapping.absent { continue }
            let name = mapping.file ?? schema.defaultFile
            // A preset has found its own files already: another one named like them is not its.
            sources.append((schema, export.file(named: name, exactly: usualFiles[schema.name] != nil), mapping))
        }
        var readAs: [String: String] = [:]
        for source in sources { if let file = source.file { readAs[file] = source.schema.name } }
        unreadFiles = export.files.filter { readAs[$0] == nil }
        for other in recognised.dropFirst() {
            let files = other.files(in: export)
            otherExports.append(.init(preset: other.name, files: files, readAnyway: readAs.filter { files.contains($0.key) }))
        }
        if export.files.isEmpty {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: export.url.path)) ?? []
            nothingToRead = .noCSVFiles(otherFiles: names.filter { !$0.hasPrefix(".") }.sorted())
        } else if preset == nil && !guesses.contains(where: { mainTables.contains($0.table.name) }) {
            var headers: [String: [String]] = [:]
            for file in export.files { headers[file] = export.header(file) ?? [] }
            nothingToRead = .noTable(headers: headers)
        }

        line("# Settings for \(export.url.lastPathComponent), written by `pipetop init`.")
        line("# Each guess is commented; check them. A value starting with \"TODO\" is a question pipetop could")
        line("# not settle: `pipetop check` reports it as an error at its line until the TODO is replaced.")
        if !unreadFiles.isEmpty {
            line("# CSV files not read: \(unreadFiles.joined(separator: ", ")).")
        }
        line("")
        line("[data]")
        if let preset {
            // The files this folder has, not every file the preset knows of.
            let found = sources.compactMap(\.file)
            line("# Recognised from the file names and headers as \(preset.name): \(found.isEmpty ? "no file of it is here" : found.joined(separator: ", ")).")
            line("# The preset maps the files; any key below, or a [tables.NAME] section, overrides it.")
            for other in otherExports {
                line("# The folder holds a \(other.preset) export too: \(other.files.joined(separator: ", ")). Only the \(preset.name) files are read\(other.readAnywayText).")
                line("# Keep each export in a folder of its own, or write preset = \"\(other.preset)\" to read that one instead.")
            }
            line("preset = \"\(preset.name)\"")
        }
        let dateFormat = writeDateFormat(sources: sources, settings: settings)
        writeAsOf(sources: sources, settings: settings, dateFormat: dateFormat)
        if !FileManager.default.isWritableFile(atPath: export.url.path) {
            line("# Guess: the folder cannot be written, so pipetop should not try.")
            line("read_only = true")
        }

        if let preset {
            line("")
            line("# What the \(preset.name) preset reads:")
            for (schema, file, mapping) in sources where file != nil || !mapping.columns.isEmpty {
                let columns = mapping.columns.sorted { $0.key < $1.key }.map { "\($0.key) = \($0.value)" }.joined(separator: ", ")
                line("#   \(schema.name): \(file ?? "(no \(wantedFile(schema, mapping)) here)")\(columns.isEmpty ? "" : " (\(columns))")")
            }
        }
        writeVocabularies(sources: sources, settings: settings)
        writeTables(sources: sources, guesses: guesses, usualFiles: usualFiles)
    }

    mutating func line(_ s: String) { output += s + "\n" }

    mutating func todo(_ key: String, _ question: String, file: String? = nil) {
        line("\(key) = \"TODO: \(question.replacingOccurrences(of: "\"", with: "'"))\"")
        questions.append((file.map { "\($0): " } ?? "") + question)
    }

    // MARK: Guessing tables from headers

    /// For a folder no preset knows: each CSV file's table, from its name or else its headers.
    func guessTables() -> [Guess] {
        var out: [Guess] = []
        var taken = Set<String>()
        for file in export.files {
            guard let header = export.header(file) else { continue }
            var best: (Guess, Int)?
            for schema in Schemas.all where schema.name != "activity" && !taken.contains(schema.name) {
                let guess = self.guess(schema, file: file, header: header)
                let matched = schema.fields.count - guess.unmatched.count - schema.fields.filter { !$0.required }.count
                var score = schema.fields.filter { f in guess.columns.contains { $0.field == f.name } || headerHas(header, f.name, in: schema) }.count
                if nameSays(file, schema.name) { score += 100 }
                if matched > 0 || score >= 100, score > (best?.1 ?? 1) { best = (guess, score) }
            }
            if let (guess, _) = best {
                out.append(guess)
                taken.insert(guess.table.name)
            }
        }
        return out
    }

    func headerHas(_ header: [String], _ field: String, in schema: TableSchema) -> Bool {
        guard let spec = schema.fields.first(where: { $0.name == field }) else { return false }
        let keys = Set(header.map(headerKey))
        return ([spec.name] + spec.headerAliases).contains { keys.contains(headerKey($0)) }
    }

    func guess(_ schema: TableSchema, file: String, header: [String]) -> Guess {
        var g = Guess(table: schema, file: file)
        var used = Set<String>()
        for field in schema.fields {
            if headerHas(header, field.name, in: schema) { continue }
            let synonyms = (headerSynonyms[schema.name]?[field.name] ?? []).map(headerKey)
            if let cell = header.first(where: { synonyms.contains(headerKey($0)) && !used.contains($0) }) {
                g.columns.append((field.name, cell))
                used.insert(cell)
            } else if field.required {
                g.unmatched.append(field.name)
            }
        }
        return g
    }

    // MARK: Dates

    /// The date values of a table's time fields, from its file.
    func dateValues(_ source: (schema: TableSchema, file: String?, mapping: TableMapping)) -> [(value: String, line: Int)] {
        guard let file = source.file, let header = export.header(file) else { return [] }
        var out: [(String, Int)] = []
        for field in source.schema.fields where field.kind == .time {
            let names = source.mapping.columns[field.name].map { [$0] } ?? ([field.name] + field.headerAliases)
            if let cell = header.first(where: { h in names.contains { headerKey($0) == headerKey(h) } }) {
                out += export.values(file, column: cell).map { ($0.value, $0.line) }
            }
        }
        return out
    }

    /// Writes date_format when the dates say it, a TODO when they could be either; returns the order settled on.
    mutating func writeDateFormat(sources: [(schema: TableSchema, file: String?, mapping: TableMapping)], settings: Settings) -> DateFormat? {
        var firstAmbiguous: (String, String, Int)?
        var all: [(value: String, line: Int)] = []
        var fileOf: [String] = []
        for source in sources {
            let values = dateValues(source)
            all += values
            fileOf += values.map { _ in source.file ?? "" }
            if firstAmbiguous == nil, case .ambiguous(let example, let at) = DateEvidence.of(values) {
                firstAmbiguous = (source.file ?? "", example, at)
            }
        }
        switch DateEvidence.of(all) {
        case .none, .iso:
            return .iso
        case .monthFirst:
            let proof = all.first { v in
                let f = v.value.split(whereSeparator: { "/-. ".contains($0) })
                return f.count >= 2 && (Int(f[1]) ?? 0) > 12
            }
            line("# Guess: month first, since \"\(proof?.value ?? "")\" has a day above 12 in second place.")
            line("date_format = \"MM/DD/YY\"")
            return DateFormat(order: .mdy)
        case .dayFirst:
            let proof = all.first { v in
                let f = v.value.split(whereSeparator: { "/-. ".contains($0) })
                return f.count >= 2 && (Int(f[0]) ?? 0) > 12
            }
            line("# Guess: day first, since \"\(proof?.value ?? "")\" has a day above 12 in first place.")
            line("date_format = \"DD/MM/YY\"")
            return DateFormat(order: .dmy)
        case .ambiguous(let example, let at):
            let file = firstAmbiguous?.0 ?? fileOf.first ?? ""
            todo("date_format", "dates such as \"\(example)\" (\(file) line \(at)) could be month or day first; write MM/DD/YY or DD/MM/YY", file: file)
            return nil
        case .conflicting:
            todo("date_format", "some dates are valid only month first and others only day first; check the files, then write MM/DD/YY or DD/MM/YY")
            return nil
        }
    }

    /// Old data needs an as-of date: the latest creation, or the latest close of a closed deal.
    mutating func writeAsOf(sources: [(schema: TableSchema, file: String?, mapping: TableMapping)], settings: Settings, dateFormat: DateFormat?) {
        guard let format = dateFormat else { return }
        let parser = TimestampParser(format: format, timeZone: settings.timeZone)
        var latest: Int64?
        var seenIn = ""
        func consider(_ value: String, _ file: String) {
            guard let t = parser.parse(value) else { return }
            if t > (latest ?? Int64.min) { latest = t; seenIn = file }
        }
        for source in sources where ["leads", "deals"].contains(source.schema.name) {
            guard let file = source.file, let header = export.header(file) else { continue }
            func cell(_ field: String) -> Int? {
                let spec = source.schema.fields.first { $0.name == field }!
                let names = source.mapping.columns[field].map { [$0] } ?? ([field] + spec.headerAliases)
                return header.firstIndex { h in names.contains { headerKey($0) == headerKey(h) } }
            }
            guard let rows = export.records(file)?.dropFirst() else { continue }
            let created = cell("created_at")
            let close = source.schema.name == "deals" ? cell("close_date") : nil
            let stage = cell("stage")
            for row in rows {
                if let c = created, c < row.count { consider(row[c], file) }
                if let c = close, let s = stage, c < row.count, s < row.count,
                   let index = settings.dealStages.vocabulary.index(of: source.mapping.values["stage"]?[row[s]] ?? row[s]),
                   settings.dealStages.isClosed(index) {
                    consider(row[c], file)
                }
            }
        }
        guard let latest, Double(latest) < today.timeIntervalSince1970 - 30 * 86_400 else { return }
        let day = civilFromDays(floorDays(ZoneOffsets(timeZone: settings.timeZone).local(fromUTC: latest)))
        let text = String(format: "%04d-%02d-%02d", day.year, day.month, day.day)
        line("# Guess: the data ends on \(text) (the latest creation or close, in \(seenIn)), long before today,")
        line("# so the dashboard is seen as of that day.")
        line("as_of = \(text)")
    }

    // MARK: Stage, source and channel names

    mutating func writeVocabularies(sources: [(schema: TableSchema, file: String?, mapping: TableMapping)], settings: Settings) {
        let checks: [(table: String, field: String, section: String, vocabulary: Vocabulary, noun: String)] = [
            ("deals", "stage", "deal_stages", settings.dealStages.vocabulary, "deal stage"),
            ("stage_history", "stage", "deal_stages", settings.dealStages.vocabulary, "deal stage"),
            ("leads", "stage", "stages", settings.leadStages, "lead stage"),
            ("leads", "source", "sources", settings.sources, "lead source"),
            ("campaigns", "channel", "channels", settings.channels, "channel"),
        ]
        var unknownBySection: [String: [(raw: String, file: String, line: Int, vocabulary: Vocabulary, noun: String)]] = [:]
        var order: [String] = []
        for check in checks {
            guard let source = sources.first(where: { $0.schema.name == check.table }), let file = source.file,
                  let header = export.header(file) else { continue }
            let spec = source.schema.fields.first { $0.name == check.field }!
            let names = source.mapping.columns[check.field].map { [$0] } ?? ([check.field] + spec.headerAliases)
            guard let cell = header.first(where: { h in names.contains { headerKey($0) == headerKey(h) } }) else { continue }
            let valueMap = source.mapping.values[check.field] ?? [:]
            var seen = Set<String>()
            for (raw, at) in export.values(file, column: cell) where seen.insert(normalizedKey(raw)).inserted {
                if check.vocabulary.contains(valueMap[raw] ?? raw) { continue }
                if unknownBySection[check.section]?.contains(where: { normalizedKey($0.raw) == normalizedKey(raw) }) == true { continue }
                if unknownBySection[check.section] == nil { order.append(check.section) }
                unknownBySection[check.section, default: []].append((raw, file, at, check.vocabulary, check.noun))
            }
        }
        for section in order {
            line("")
            line("[\(section)]")
            line("# Names in the files that are not \(unknownBySection[section]![0].noun)s yet: say which each stands for.")
            line("[\(section).aliases]")
            for u in unknownBySection[section]! {
                let suggestion = u.vocabulary.suggestion(for: u.raw).map { " (perhaps \($0))" } ?? ""
                todo("\"\(u.raw)\"", "which \(u.noun) is '\(u.raw)' (\(u.file) line \(u.line))? one of: \(u.vocabulary.words.joined(separator: ", "))\(suggestion)", file: u.file)
            }
        }
    }

    // MARK: Tables

    /// The file a table is read from, in words when the preset finds it by its headers (the name
    /// it falls back to is no file the CRM writes).
    func wantedFile(_ schema: TableSchema, _ mapping: TableMapping) -> String {
        let file = mapping.file ?? schema.defaultFile
        guard let sought = preset?.soughtExport(for: schema.name), file == sought.fallback else { return file }
        return "\(sought.what) (a file with the columns \(sought.headers.map { "'\($0)'" }.joined(separator: " and ")))"
    }

    /// `usualFiles`: the preset's own name for each of its tables' files, so that a file it found
    /// under another name is named in the draft.
    mutating func writeTables(sources: [(schema: TableSchema, file: String?, mapping: TableMapping)], guesses: [Guess], usualFiles: [String: String]) {
        for (schema, file, mapping) in sources {
            let guess = guesses.first { $0.table.name == schema.name }
            let wanted = wantedFile(schema, mapping)
            let usual = usualFiles[schema.name] ?? (mapping.file ?? schema.defaultFile)
            let required = SnapshotLoader.expectedTables.contains(schema.name)
            guard let file else {
                guard required else { continue }
                line("")
                line("[tables.\(schema.name)]")
                todo("file", "there is no \(wanted) for the \(schema.name); name the file (a path is read from this settings file's folder), or write file = false if the export has none",
                     file: wanted == (mapping.file ?? schema.defaultFile) ? wanted : nil)
                continue
            }
            let header = export.header(file) ?? []
            let missing = schema.fields.filter { field in
                guard field.required, mapping.fixed[field.name] == nil else { return false }
                let names = mapping.columns[field.name].map { [$0] } ?? ([field.name] + field.headerAliases)
                return !header.contains { h in names.contains { headerKey($0) == headerKey(h) } }
            }
            // A file found under another name than the one the settings would read must be named:
            // the loader opens files by their exact name.
            let renamed = guess == nil && file != usual
            guard guess != nil || renamed || !missing.isEmpty else { continue }
            line("")
            line("[tables.\(schema.name)]")
            if guess != nil {
                line("# Guess: \(file) holds the \(schema.name), by its \(nameSays(file, schema.name) ? "name" : "headers").")
                line("file = \"\(file)\"")
            } else if renamed {
                line("# Guess: \(file) is \(usual) (the \(schema.name)), by its \(fileKey(file) == fileKey(usual) ? "name" : "headers").")
                line("file = \"\(file)\"")
            }
            if !(guess?.columns.isEmpty ?? true) || !missing.isEmpty { line("[tables.\(schema.name).columns]") }
            for (field, header) in guess?.columns ?? [] { line("\(field) = \"\(header)\"  # guess") }
            for field in missing {
                todo(field.name, "\(file) has no column for \(field.name); name the header that holds it, or give every row one value under [tables.\(schema.name).fixed]", file: file)
            }
        }
    }
}
