import Foundation
import TOMLKit

/// Reads `pipetop.toml`. Never fails: a missing file is the defaults, and a value that cannot be
/// used keeps its default and becomes a diagnostic at its line.
public enum SettingsLoader {
    /// The sections of the file and their keys.
    static let sections: [String: [String]] = [
        "data": ["as_of", "time_zone", "date_format", "number_format", "fiscal_year_start", "read_only", "preset"],
        "stages": ["aliases", "disqualify_reasons"],
        "deal_stages": ["open", "probabilities", "aliases"],
        "channels": ["aliases"],
        "sources": ["sales", "aliases"],
        "roles": ["aliases"],
        "metrics": ["aliases"],
        "periods": ["aliases"],
        "sla": ["mql_target_per_month", "first_touch_hours", "fast_touch_hours", "stale_days",
                "business_hours", "business_days"],
        "display": ["theme", "view", "rotate_seconds"],
        "tables": [],
    ]
    static let tableKeys = ["file", "columns", "values", "date_format", "number_format", "fixed"]

    public static func load(folder: URL, fileName: String = "pipetop.toml") -> (Settings, [Diagnostic]) {
        load(folder: folder, settingsFile: nil, preset: nil, fileName: fileName)
    }

    /// Reads a folder's settings: `settingsFile` when given (a settings file kept outside a
    /// read-only export folder), else `pipetop.toml` in the folder, laid over the preset the
    /// settings (or `preset`, which wins) name. Messages about a settings file outside the folder
    /// name it by its path from the folder.
    public static func load(folder: URL, settingsFile: URL?, preset: String?, fileName: String = "pipetop.toml") -> (Settings, [Diagnostic]) {
        var (settings, diagnostics) = read(folder: folder, settingsFile: settingsFile, preset: preset, fileName: fileName)
        settings.settingsFolder = settingsFile?.deletingLastPathComponent()
        settings.settingsFile = settingsFile
        return (settings, diagnostics)
    }

    /// Why a settings file that is there gives no bytes, in plain words.
    static func unreadableReason(_ url: URL) -> String {
        var info = stat()
        guard stat(url.path, &info) == 0 else { return String(cString: strerror(errno)) }
        if let notAFile = FileKind.notAFile(info.st_mode) { return "it " + notAFile }
        let fd = open(url.path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return String(cString: strerror(errno)) }
        close(fd)
        return "it could not be read"
    }

    private static func read(folder: URL, settingsFile: URL?, preset: String?, fileName: String) -> (Settings, [Diagnostic]) {
        let url = settingsFile ?? folder.appendingPathComponent(fileName)
        let label = settingsFile.map { pathFrom(folder: folder, to: $0) } ?? fileName
        var text = ""
        var diagnostics: [Diagnostic] = []
        if FileManager.default.fileExists(atPath: url.path) {
            guard let data = FileManager.default.contents(atPath: url.path) else {
                return (.defaults, [Diagnostic(file: label, message: "cannot read the settings: \(unreadableReason(url))")])
            }
            guard let decoded = String(data: data, encoding: .utf8) else {
                return (.defaults, [Diagnostic(file: label, message: "the settings file is not UTF-8 text")])
            }
            text = decoded
        } else if settingsFile != nil {
            diagnostics.append(Diagnostic(file: label, message: "no such settings file"))
        } else if preset == nil {
            return (.defaults, [])
        }

        // The preset is read first, so that the file's own keys are laid over it.
        var base = Settings.defaults
        let written = writtenPreset(in: text)
        if let name = preset ?? written?.name {
            if let p = Preset.named(name) {
                let (presetText, notes) = p.settingsText(for: folder)
                let (presetSettings, problems) = parse(text: presetText, fileName: "preset \(p.name)")
                base = presetSettings
                base.preset = p.name
                diagnostics += problems + notes
            } else {
                let position = preset == nil ? written?.position : nil
                diagnostics.append(Diagnostic(file: preset == nil ? label : "--preset", line: position?.line ?? 0, column: position?.column ?? 0,
                                              message: "unknown preset \"\(name)\"",
                                              suggestion: "the presets are: \(Preset.names.joined(separator: ", "))"))
            }
        }
        var (settings, problems) = parse(text: text, fileName: label, base: base)
        settings.preset = base.preset
        return (settings, diagnostics + problems)
    }

    /// `[data] preset = "..."` and where it is written, read before the rest of the file.
    private static func writtenPreset(in text: String) -> (name: String, position: TOMLKeyLocator.Position?)? {
        guard !text.isEmpty else { return nil }
        let locator = TOMLKeyLocator(text: text)
        guard locator.unsafeSyntax == nil, let root = try? TOMLTable(string: text),
              let name = root["data"]?.table?["preset"]?.string, !name.isEmpty, !name.hasPrefix("TODO") else { return nil }
        return (name, locator.position(of: ["data", "preset"]))
    }

    /// A file's path as seen from a folder: its name when it is in the folder, else a relative path
    /// (`../settings/pipetop.toml`), so that "folder/" + the path still names it.
    public static func pathFrom(folder: URL, to file: URL) -> String {
        let from = folder.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        let to = file.standardizedFileURL.resolvingSymlinksInPath().pathComponents
        var common = 0
        while common < from.count, common < to.count - 1, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        return (ups + to[common...]).joined(separator: "/")
    }

    /// Reads settings text laid over `base` (the defaults, or a preset's settings): every key the
    /// text sets replaces the base's, and table mappings are merged field by field.
    public static func parse(text: String, fileName: String, base: Settings = .defaults) -> (Settings, [Diagnostic]) {
        let root: TOMLTable, locator: TOMLKeyLocator
        switch TOMLText.parse(text, fileName: fileName) {
        case .table(let table, let found): (root, locator) = (table, found)
        case .syntaxError(let problem): return (base, [problem])
        }
        let r = SettingsReader(fileName: fileName, locator: locator)
        var s = base

        // Where a key belongs: one section, or several for a key many sections share (aliases).
        func home(of key: String, besides here: String? = nil) -> String? {
            let homes = sections.keys.sorted().filter { $0 != here && sections[$0]!.contains(key) }
            guard !homes.isEmpty else { return nil }
            return homes.count == 1 ? "put it under [\(homes[0])]" : "put it under one of " + homes.map { "[\($0)]" }.joined(separator: ", ")
        }
        // A key of another section written another way: spelt without its underscores first
        // (`timezone` for `time_zone`, whose distance is nothing once they go, which the
        // nearest-word search skips), then the nearest key (`tme_zone`).
        func elsewhere(_ key: String, besides here: String?) -> String? {
            let others = sections.sorted(by: { $0.key < $1.key }).filter { $0.key != here }
            for (other, keys) in others {
                if let same = keys.first(where: { normalizedKey($0) == normalizedKey(key) }) { return "did you mean \(same) under [\(other)]?" }
            }
            for (other, keys) in others {
                if let near = Vocabulary(words: keys, aliases: [:]).suggestion(for: key) { return "did you mean \(near) under [\(other)]?" }
            }
            return nil
        }
        r.checkKeys(root, path: [], known: Array(sections.keys).sorted()) { key in home(of: key) ?? elsewhere(key, besides: nil) }
        var section: [String: TOMLTable] = [:]
        for name in sections.keys.sorted() {
            guard let t = r.table(root, name, path: [name]) else { continue }
            if name != "tables" {
                // A key of another section written here: say where it goes, or the nearest key anywhere.
                r.checkKeys(t, path: [name], known: sections[name]!) { key in
                    home(of: key, besides: name) ?? elsewhere(key, besides: name)
                }
            }
            section[name] = t
        }

        if let t = section["data"] { readData(t, r, &s) }
        if let t = section["stages"] {
            s.leadStages = aliases(t, r, section: "stages", base: s.leadStages, noun: "lead stage")
            if let reasons = r.strings(t, "disqualify_reasons", path: ["stages", "disqualify_reasons"]) {
                s.disqualifyReasons = reasons
            }
        }
        if let t = section["deal_stages"] { s.dealStages = readDealStages(t, r, base: s.dealStages) }
        if let t = section["channels"] { s.channels = aliases(t, r, section: "channels", base: s.channels, noun: "channel") }
        if let t = section["sources"] {
            s.sources = aliases(t, r, section: "sources", base: s.sources, noun: "lead source")
            if let sales = r.strings(t, "sales", path: ["sources", "sales"]) {
                var set = Set<String>()
                for raw in sales {
                    if let word = s.sources.word(for: raw) { set.insert(word) } else {
                        unknownWord(raw, r, path: ["sources", "sales"], vocabulary: s.sources, noun: "lead source")
                    }
                }
                s.salesSources = set
            }
        }
        if let t = section["roles"] { s.roles = aliases(t, r, section: "roles", base: s.roles, noun: "role") }
        if let t = section["metrics"] { s.metrics = aliases(t, r, section: "metrics", base: s.metrics, noun: "metric") }
        if let t = section["periods"] { s.periods = aliases(t, r, section: "periods", base: s.periods, noun: "period") }
        if let t = section["sla"] { s.sla = readSLA(t, r, base: s.sla) }
        if let t = section["display"] { s.display = readDisplay(t, r, base: s.display) }
        if let t = section["tables"] { s.tables = readTables(t, r, settings: s) }
        return (s, r.sortedDiagnostics)
    }

    // MARK: [data]

    private static func readData(_ t: TOMLTable, _ r: SettingsReader, _ s: inout Settings) {
        if let name = r.string(t, "time_zone", path: ["data", "time_zone"]) {
            if let zone = TimeZone(identifier: name) {
                s.timeZone = zone
            } else {
                let known = Vocabulary(words: ["UTC"] + TimeZone.knownTimeZoneIdentifiers, aliases: [:])
                if let spelled = known.word(for: name), let zone = TimeZone(identifier: spelled) {
                    s.timeZone = zone
                    r.report(.warning, at: ["data", "time_zone"], "time zone \"\(name)\" is spelled \"\(spelled)\"",
                             suggestion: "write time_zone = \"\(spelled)\"")
                } else {
                    r.report(.error, at: ["data", "time_zone"], "unknown time zone \"\(name)\"; using UTC",
                             suggestion: known.suggestion(for: name).map { "did you mean \($0)?" }
                                 ?? "use an IANA name such as \"Europe/Berlin\" or \"America/New_York\"")
                }
            }
        }
        if let raw = r.string(t, "date_format", path: ["data", "date_format"]) {
            if let f = readDateFormat(raw, r, path: ["data", "date_format"]) { s.dateFormat = f }
        }
        if let raw = r.string(t, "number_format", path: ["data", "number_format"]) {
            if let f = readNumberFormat(raw, r, path: ["data", "number_format"]) { s.numberFormat = f }
        }
        if let v = r.value(t, "fiscal_year_start", path: ["data", "fiscal_year_start"]) {
            let path = ["data", "fiscal_year_start"]
            if let name = v.string {
                if let i = CalendarWords.months.index(of: name) { s.fiscalYearStartMonth = i + 1 } else {
                    r.report(.error, at: path, "\(r.display(path)) \"\(name)\" is not a month",
                             suggestion: CalendarWords.months.suggestion(for: name).map { "did you mean \($0)?" }
                                 ?? "write a month number, 1 to 12")
                }
            } else if let m = r.int(t, "fiscal_year_start", path: path, range: 1...12) {
                s.fiscalYearStartMonth = m
            }
        }
        if let b = r.bool(t, "read_only", path: ["data", "read_only"]) { s.readOnly = b }
        if let p = r.string(t, "preset", path: ["data", "preset"]) { s.preset = p.isEmpty ? nil : p }
        if let v = r.value(t, "as_of", path: ["data", "as_of"]) {
            s.asOf = readAsOf(v, r, format: s.dateFormat, zone: ZoneOffsets(timeZone: s.timeZone))
        }
    }

    static func readDateFormat(_ raw: String, _ r: SettingsReader, path: [String]) -> DateFormat? {
        if let f = DateFormat(setting: raw) { return f }
        r.report(.error, at: path, "unknown date format \"\(raw)\"",
                 suggestion: "use iso, mdy, dmy or ymd, or a pattern such as MM/DD/YY or DD.MM.YYYY")
        return nil
    }

    static func readNumberFormat(_ raw: String, _ r: SettingsReader, path: [String]) -> NumberFormat? {
        if let f = NumberFormat(setting: raw) { return f }
        r.report(.error, at: path, "unknown number format \"\(raw)\"",
                 suggestion: "use standard or decimal_comma, or a sample such as \"1,234.56\" or \"1.234,56\"")
        return nil
    }

    /// An ISO moment given on the command line (`--as-of`), read as the settings read as_of: a date
    /// alone means the end of that day in `timeZone`. Nil when it is not ISO.
    public static func asOfMoment(_ text: String, timeZone: TimeZone) -> Int64? {
        let zone = ZoneOffsets(timeZone: timeZone)
        guard let reading = TimestampParser(format: .iso, zone: zone).reading(text) else { return nil }
        if reading.hasTime { return reading.epochSeconds }
        return zone.utc(fromLocal: Int64(floorDays(zone.local(fromUTC: reading.epochSeconds)) + 1) * 86_400) - 1
    }

    /// A date alone means the end of that day: everything dated that day has happened.
    private static func readAsOf(_ v: TOMLValueConvertible, _ r: SettingsReader, format: DateFormat,
                                 zone: ZoneOffsets) -> Int64? {
        let path = ["data", "as_of"]
        func endOfDay(_ days: Int) -> Int64 { zone.utc(fromLocal: Int64(days + 1) * 86_400) - 1 }
        if let d = v.date {
            guard (1...12).contains(d.month), (1...daysInMonth(year: d.year, month: d.month)).contains(d.day) else { return nil }
            return endOfDay(daysFromCivil(year: d.year, month: d.month, day: d.day))
        }
        if let dt = v.dateTime {
            let days = Int64(daysFromCivil(year: dt.date.year, month: dt.date.month, day: dt.date.day))
            let local = days * 86_400 + Int64(dt.time.hour * 3600 + dt.time.minute * 60 + dt.time.second)
            if let offset = dt.offset { return local - Int64(offset.offset * 60) }
            return zone.utc(fromLocal: local)
        }
        guard let text = v.string else {
            r.wrongType(path, expected: "a date (as_of = 2017-12-31 or \"12/31/17\")", found: v)
            return nil
        }
        let reading = TimestampParser(format: format, zone: zone).reading(text)
            ?? TimestampParser(format: .iso, zone: zone).reading(text)
        guard let reading else {
            // "in the iso format or ISO" said the same thing twice.
            let layouts = format.order == .iso ? "ISO" : "the \(format.setting) format or ISO"
            r.report(.error, at: path, "as_of \"\(text)\" is not a date in \(layouts)",
                     suggestion: "write it as 2017-12-31 or 2017-12-31T17:00")
            return nil
        }
        if reading.hasTime { return reading.epochSeconds }
        return endOfDay(floorDays(zone.local(fromUTC: reading.epochSeconds)))
    }

    // MARK: vocabularies

    private static func unknownWord(_ raw: String, _ r: SettingsReader, path: [String], vocabulary: Vocabulary, noun: String) {
        r.report(.error, at: path, "\"\(raw)\" is not a \(noun)",
                 suggestion: vocabulary.suggestion(for: raw).map { "did you mean \($0)?" }
                     ?? "expected one of: \(vocabulary.words.joined(separator: ", "))")
    }

    /// `[section] aliases = { "raw spelling" = "word" }` on top of `base`.
    private static func aliases(_ t: TOMLTable, _ r: SettingsReader, section: String, base: Vocabulary,
                                noun: String) -> Vocabulary {
        guard let entries = r.stringMap(t, "aliases", path: [section, "aliases"]) else { return base }
        return base.adding(aliases: checkedAliases(entries, r, path: [section, "aliases"], base: base, noun: noun))
    }

    private static func checkedAliases(_ entries: [(key: String, value: String)], _ r: SettingsReader, path: [String],
                                       base: Vocabulary, noun: String) -> [String: String] {
        let wordKeys = Dictionary(base.words.map { (normalizedKey($0), $0) }, uniquingKeysWith: { a, _ in a })
        var out: [String: String] = [:]
        for (alias, target) in entries {
            guard let word = base.word(for: target) else {
                unknownWord(target, r, path: path + [alias], vocabulary: base, noun: noun)
                continue
            }
            if let own = wordKeys[normalizedKey(alias)], own != word {
                r.report(.warning, at: path + [alias], "\"\(alias)\" is the \(noun) \(own) itself; it cannot stand for \(word)")
                continue
            }
            out[alias] = word
        }
        return out
    }

    // MARK: [deal_stages]

    private static func readDealStages(_ t: TOMLTable, _ r: SettingsReader, base inherited: DealStages) -> DealStages {
        var open = inherited.open
        if let list = r.strings(t, "open", path: ["deal_stages", "open"]) {
            var seen = Set<String>()
            var kept: [String] = []
            for stage in list {
                let key = normalizedKey(stage)
                if key.isEmpty { continue }
                if key == normalizedKey(DefaultDealStages.won) || key == normalizedKey(DefaultDealStages.lost) {
                    r.report(.warning, at: ["deal_stages", "open"], "\"\(stage)\" is not an open stage: won and lost always close the list",
                             suggestion: "leave it out of deal_stages.open")
                } else if !seen.insert(key).inserted {
                    r.report(.warning, at: ["deal_stages", "open"], "deal stage \"\(stage)\" is listed twice")
                } else {
                    kept.append(stage)
                }
            }
            if kept.isEmpty {
                r.report(.error, at: ["deal_stages", "open"], "deal_stages.open lists no open stage; using the defaults",
                         suggestion: "for example open = [\"prospecting\", \"proposal\", \"negotiation\"]")
            } else {
                open = kept
            }
        }
        let base = DealStages(open: open, probabilities: [:], aliases: [:])
        // What the base (a preset) said about the stages that are still open is kept unless set here.
        var extraAliases = inherited.vocabulary.aliases
        var probabilities = t["open"] == nil ? inherited.probabilities.filter { stage, _ in open.contains(stage) } : [:]
        if let entries = r.stringMap(t, "aliases", path: ["deal_stages", "aliases"]) {
            let given = checkedAliases(entries, r, path: ["deal_stages", "aliases"], base: base.vocabulary, noun: "deal stage")
            let givenKeys = Set(given.keys.map(normalizedKey))
            extraAliases = extraAliases.filter { !givenKeys.contains(normalizedKey($0.key)) }.merging(given) { _, new in new }
        }
        let named = base.vocabulary.adding(aliases: extraAliases)
        if let p = r.table(t, "probabilities", path: ["deal_stages", "probabilities"]) {
            for key in p.keys.sorted() {
                let path = ["deal_stages", "probabilities", key]
                guard let v = r.value(p, key, path: path) else { continue }
                guard let index = named.index(of: key) else {
                    unknownWord(key, r, path: path, vocabulary: named, noun: "deal stage")
                    continue
                }
                guard let percent = r.number(v, path: path, range: 0...100) else { continue }
                if base.isClosed(index) {
                    if percent != base.probability(index) {
                        r.report(.warning, at: path, "the \(named.words[index]) stage's probability is always \(Int(base.probability(index)))%")
                    }
                    continue
                }
                probabilities[named.words[index]] = percent
            }
        }
        return DealStages(open: open, probabilities: probabilities, aliases: extraAliases)
    }

    // MARK: [sla]

    private static func readSLA(_ t: TOMLTable, _ r: SettingsReader, base: SLASettings) -> SLASettings {
        var sla = base
        if let n = r.int(t, "mql_target_per_month", path: ["sla", "mql_target_per_month"], range: 0...10_000_000) {
            sla.mqlTargetPerMonth = n
        }
        if let h = r.number(t, "first_touch_hours", path: ["sla", "first_touch_hours"], range: 0...720, lowerOpen: true) {
            sla.firstTouchHours = h
        }
        if let h = r.number(t, "fast_touch_hours", path: ["sla", "fast_touch_hours"], range: 0...720, lowerOpen: true) {
            sla.fastTouchHours = h
            // The fast share is a stricter bar inside the SLA's: one looser than the SLA itself
            // shows more leads "fast" than within the SLA, which reads as a mistake on screen.
            if h > sla.firstTouchHours {
                let text = { (x: Double) in x == x.rounded() ? String(Int(x)) : String(x) }
                r.report(.warning, at: ["sla", "fast_touch_hours"],
                         "fast_touch_hours (\(text(h))) is more than first_touch_hours (\(text(sla.firstTouchHours))): the share touched fast would be larger than the share within the SLA",
                         suggestion: "set it below first_touch_hours, or leave it out for the default of 1 hour")
            }
        }
        if let d = r.int(t, "stale_days", path: ["sla", "stale_days"], range: 1...3650) { sla.staleDays = d }
        if let raw = r.string(t, "business_hours", path: ["sla", "business_hours"]) {
            if let hours = CalendarWords.businessHours(raw) { sla.businessHours = hours } else {
                r.report(.error, at: ["sla", "business_hours"], "business_hours \"\(raw)\" is not a span of the day",
                         suggestion: "write it as \"09:00-17:00\" (the end after the start, 24:00 at the latest)")
            }
        }
        let daysPath = ["sla", "business_days"]
        if let v = r.value(t, "business_days", path: daysPath) {
            var days: Set<Int>?
            if let s = v.string {
                days = CalendarWords.weekdaySet(s)
                if days == nil {
                    r.report(.error, at: daysPath, "business_days \"\(s)\" is not a list of weekdays",
                             suggestion: "write it as \"mon-fri\" or [\"mon\", \"tue\", \"wed\"]")
                }
            } else if let array = v.array {
                var set = Set<Int>()
                for element in array {
                    if r.isTodo(element, path: daysPath) { continue }
                    if let n = element.int, (1...7).contains(n) { set.insert(n); continue }
                    if let name = element.string, let d = CalendarWords.weekday(name) { set.insert(d); continue }
                    let shown = element.string.map { "\"\($0)\"" } ?? element.debugDescription
                    r.report(.error, at: daysPath, "business_days item \(shown) is not a weekday",
                             suggestion: element.string.flatMap { CalendarWords.weekdays.suggestion(for: $0) }.map { "did you mean \($0)?" }
                                 ?? "use mon ... sun, or 1 (Monday) ... 7 (Sunday)")
                }
                days = set.isEmpty ? nil : set
            } else {
                r.wrongType(daysPath, expected: "a list of weekdays", found: v)
            }
            if let days { sla.businessDays = days }
            if sla.businessHours == nil {
                r.report(.warning, at: daysPath, "business_days counts only with business_hours, which is not set",
                         suggestion: "add business_hours = \"09:00-17:00\" to [sla]")
            }
        }
        return sla
    }

    // MARK: [display]

    /// The arrangements `view` may name.
    static let viewNames = ["dashboard", "standup", "manager", "rep"]

    private static func readDisplay(_ t: TOMLTable, _ r: SettingsReader, base: DisplaySettings) -> DisplaySettings {
        var d = base
        if let s = r.string(t, "theme", path: ["display", "theme"]) { d.theme = s.isEmpty ? nil : s }
        if let s = r.string(t, "view", path: ["display", "view"]) {
            if s.isEmpty || Self.viewNames.contains(s.lowercased()) {
                d.view = s.isEmpty ? nil : s
            } else {
                // A view that does not exist keeps the default rather than stopping the program.
                let near = Self.viewNames.first { editDistance($0, s.lowercased()) <= 2 }
                r.report(.warning, at: ["display", "view"], "\"\(s)\" is not a view; the dashboard opens",
                         suggestion: near.map { "did you mean \($0)?" } ?? "write one of \(Self.viewNames.joined(separator: ", "))")
            }
        }
        if let n = r.int(t, "rotate_seconds", path: ["display", "rotate_seconds"], range: 0...86_400) { d.rotateSeconds = n }
        return d
    }

    // MARK: [tables.NAME]

    private static func readTables(_ t: TOMLTable, _ r: SettingsReader, settings: Settings) -> [String: TableMapping] {
        let names = Vocabulary(words: MappedTable.allCases.map(\.rawValue), aliases: [:])
        var out = settings.tables
        for name in t.keys.sorted() {
            let path = ["tables", name]
            guard let table = MappedTable(rawValue: name) else {
                r.report(.warning, at: path, "unknown table \"\(name)\" in [tables]",
                         suggestion: names.suggestion(for: name).map { "did you mean \($0)?" }
                             ?? "expected one of: \(names.words.joined(separator: ", "))")
                continue
            }
            guard let section = r.table(t, name, path: path) else { continue }
            r.checkKeys(section, path: path, known: tableKeys)
            out[name] = readMapping(section, r, table: table, path: path, settings: settings, base: out[name] ?? TableMapping())
        }
        return out
    }

    private static func readMapping(_ t: TOMLTable, _ r: SettingsReader, table: MappedTable, path: [String],
                                    settings: Settings, base: TableMapping) -> TableMapping {
        var m = base
        let fields = Vocabulary(words: table.fields, aliases: [:])
        func knownField(_ field: String, _ at: [String]) -> Bool {
            if table.fields.contains(field) { return true }
            r.report(.warning, at: at, "\(table.rawValue) has no field \"\(field)\"",
                     suggestion: (fields.word(for: field) ?? fields.suggestion(for: field)).map { "did you mean \($0)?" }
                         ?? "its fields: \(table.fields.joined(separator: ", "))")
            return false
        }
        /// The value as our word when the field has a vocabulary; nil (reported) when it is not one.
        func ourValue(_ field: String, _ value: String, _ at: [String]) -> String? {
            guard let (vocabulary, noun) = table.vocabulary(for: field, in: settings) else { return value }
            if let word = vocabulary.word(for: value) { return word }
            unknownWord(value, r, path: at, vocabulary: vocabulary, noun: noun)
            return nil
        }

        if let v = r.value(t, "file", path: path + ["file"]) {
            if v.bool == false {
                // The export has no such file: the panes that need it say what is missing.
                m.absent = true
                m.file = nil
            } else if let file = v.string, !file.isEmpty {
                m.file = file
                m.absent = false
            } else if v.string != nil {
                r.report(.error, at: path + ["file"], "the file name is empty",
                         suggestion: "name a file in the data folder, a path from this settings file's folder, or false for none")
            } else {
                r.wrongType(path + ["file"], expected: "a file name or false", found: v)
            }
        }
        if let columns = r.stringMap(t, "columns", path: path + ["columns"]) {
            for (field, header) in columns where knownField(field, path + ["columns", field]) {
                if header.isEmpty {
                    r.report(.error, at: path + ["columns", field], "the header for \(field) is empty")
                } else {
                    m.columns[field] = header
                }
            }
        }
        if let values = r.table(t, "values", path: path + ["values"]) {
            for field in values.keys.sorted() {
                let at = path + ["values", field]
                guard let map = r.table(values, field, path: at), knownField(field, at) else { continue }
                var translated = m.values[field] ?? [:]
                for (raw, ours) in r.stringMap(map, path: at) {
                    if let word = ourValue(field, ours, at + [raw]) { translated[raw] = word }
                }
                m.values[field] = translated
            }
        }
        if let raw = r.string(t, "date_format", path: path + ["date_format"]) {
            m.dateFormat = readDateFormat(raw, r, path: path + ["date_format"])
        }
        if let raw = r.string(t, "number_format", path: path + ["number_format"]) {
            m.numberFormat = readNumberFormat(raw, r, path: path + ["number_format"])
        }
        if let fixed = r.stringMap(t, "fixed", path: path + ["fixed"]) {
            for (field, value) in fixed where knownField(field, path + ["fixed", field]) {
                if let word = ourValue(field, value, path + ["fixed", field]) { m.fixed[field] = word }
            }
        }
        return m
    }
}
