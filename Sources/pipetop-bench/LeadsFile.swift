import Foundation
import PipelineKit

/// leads.csv of a data folder read on its own, the way the folder load reads it: the folder's date and
/// number formats, the leads schema, no linking.
struct LeadsFile {
    let url: URL
    let readers: CellReaders

    init(folder: URL) {
        url = folder.appendingPathComponent(Schemas.leads.defaultFile)
        let settings = SettingsLoader.load(folder: folder).0
        readers = CellReaders(dateFormat: settings.dateFormat, numberFormat: settings.numberFormat,
                              timeZone: settings.timeZone, timeLayout: "the folder's date_format")
    }

    func load() -> LoadedTable { TableLoader.load(url: url, schema: Schemas.leads, readers: readers) }
}
