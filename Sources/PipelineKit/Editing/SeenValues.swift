import Foundation

/// The canonical text of a lead's cell, so what a user saw on screen and what the file holds now can
/// be compared: "" for empty, a timestamp parsed with the file's date format and written back as
/// `formatISO(t, timeZone:, withTime: true)`, a stage as its word after the file's value map and the
/// settings' aliases, anything else trimmed.
struct SeenValues {
    let parser: TimestampParser
    let timeZone: TimeZone
    let stages: Vocabulary
    let stageMap: [String: String]
    let timeFields: Set<String>
    /// Rep names by the CRM id an export writes as the owner: the screen shows the name.
    let ownerNames: [String: String]

    init(settings: Settings, ownerNames: [String: String] = [:]) {
        self.ownerNames = ownerNames
        let mapping = settings.tables[Schemas.leads.name]
        parser = TimestampParser(format: mapping?.dateFormat ?? settings.dateFormat, timeZone: settings.timeZone)
        timeZone = settings.timeZone
        stages = settings.leadStages
        stageMap = mapping?.values["stage"] ?? [:]
        timeFields = Set(Schemas.leads.fields.filter { $0.kind == .time }.map(\.name))
    }

    func canonical(_ raw: String, field: String) -> String {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return "" }
        if timeFields.contains(field) {
            return parser.parse(text).map { formatISO($0, timeZone: timeZone, withTime: true) } ?? text
        }
        if field == "stage" { return stage(text) ?? text }
        if field == "owner" { return ownerNames[text] ?? text }
        return text
    }

    /// The stage word of a raw cell, through the file's value map; nil when it is no stage.
    func stage(_ raw: String) -> String? {
        let key = normalizedKey(raw)
        let translated = stageMap[raw] ?? stageMap.first { normalizedKey($0.key) == key }?.value ?? raw
        return stages.word(for: translated)
    }
}

/// The text to write for one of our words in a file whose `[tables.NAME.values]` map spells it
/// its own way (a CRM's "Working - Contacted" for sal); our word when the map has no spelling for it.
func spelling(of word: String, field: String, mapping: TableMapping?) -> String {
    let map = mapping?.values[field] ?? [:]
    let key = normalizedKey(word)
    return map.keys.sorted().first { normalizedKey(map[$0]!) == key } ?? word
}
