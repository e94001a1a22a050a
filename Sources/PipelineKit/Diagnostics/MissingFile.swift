/// The error for a file a table needs that is not in the folder. A preset that finds the file by
/// its headers (HubSpot names an export after the view it came from) asks for the export by
/// those headers, at the folder: the name it falls back to is no file the CRM writes.
enum MissingFile {
    static func diagnostic(file: String, schema: TableSchema, mapping: TableMapping?, preset: String?) -> Diagnostic {
        if let sought = preset.flatMap(Preset.named)?.soughtExport(for: schema.name), file == sought.fallback {
            let headers = sought.headers.map { "\"\($0)\"" }.joined(separator: " and ")
            return Diagnostic(file: "", message: "missing file: pipetop needs a \(sought.what) (a file with the columns \(headers)) for the \(schema.name); no file in the folder has them",
                              suggestion: "put the export in the folder, or name its file under [tables.\(schema.name)] in the settings")
        }
        let columns = schema.fields.filter(\.required).map { mapping?.columns[$0.name] ?? $0.name }
        return Diagnostic(file: file, message: "missing file: pipetop needs \(file) for the \(schema.name)",
                          suggestion: "create it with the columns \(columns.joined(separator: ", "))")
    }
}
