import Foundation
import Testing
@testable import PipelineKit

/// A settings file caught while it is saved (deleted before being written again, or cut mid-line)
/// is not applied: the settings read before stay, and a message says why.
@Suite struct SettingsWhileSavedTests {
    @Test func aCutOrMissingSettingsFileKeepsTheLastSettings() throws {
        let folder = try ScratchSeeds()
        defer { folder.remove() }
        let settingsURL = folder.url.appendingPathComponent("pipetop.toml")
        let whole = try String(contentsOf: settingsURL, encoding: .utf8)
        let loader = SnapshotLoader(folder: folder.url)
        let first = loader.load()
        #expect(first.settings.sla.mqlTargetPerMonth == 140)

        // Cut just after "mql_target_per_month = 1", as a save writing in place could leave it.
        let cut = whole.components(separatedBy: "mql_target_per_month = 140")[0] + "mql_target_per_month = 1"
        try cut.write(to: settingsURL, atomically: false, encoding: .utf8)
        let during = loader.load(previous: first, changed: ["pipetop.toml"])
        #expect(during.settings.sla.mqlTargetPerMonth == 140)
        #expect(during.asOf == first.asOf)
        let status = try #require(during.files.first { $0.table == "settings" })
        #expect(status.showingLastGood && status.state == .failed)
        #expect(during.diagnostics.contains { $0.file == "pipetop.toml" && $0.message.hasPrefix("the file is empty or ends in the middle of a line") })
        #expect(during.settingsHeld && during.settingsSettling)

        // Left alone, a file without a final line break is a finished save (many editors write
        // none): it is read as it is.
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -5)], ofItemAtPath: settingsURL.path)
        let settled = loader.load(previous: during, changed: ["pipetop.toml"])
        #expect(settled.settings.sla.mqlTargetPerMonth == 1 && !settled.settingsHeld)
        try whole.write(to: settingsURL, atomically: true, encoding: .utf8)
        let again = loader.load(previous: settled, changed: ["pipetop.toml"])
        #expect(again.settings.sla.mqlTargetPerMonth == 140)

        // Emptied (a save that truncates first): held however long it stays empty, since read
        // it would be all defaults; and a write would wait.
        try Data().write(to: settingsURL)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -60)], ofItemAtPath: settingsURL.path)
        #expect(loader.settingsBeingSaved(after: again))
        let empty = loader.load(previous: again, changed: ["pipetop.toml"])
        #expect(empty.settings.sla.mqlTargetPerMonth == 140 && empty.settingsHeld && !empty.settingsSettling)
        try whole.write(to: settingsURL, atomically: true, encoding: .utf8)

        // Deleted, as a save that deletes and then writes does for a moment.
        try FileManager.default.removeItem(at: settingsURL)
        let gone = loader.load(previous: again, changed: ["pipetop.toml"])
        #expect(gone.settings.sla.mqlTargetPerMonth == 140 && gone.asOf == first.asOf)
        #expect(gone.diagnostics.contains { $0.file == "pipetop.toml" && $0.message == "the file is gone; the settings read before are used until it is back" })
        #expect(gone.settingsHeld && !gone.settingsSettling)

        // Whole again, with a new target: it is used.
        try whole.replacingOccurrences(of: "mql_target_per_month = 140", with: "mql_target_per_month = 150")
            .write(to: settingsURL, atomically: true, encoding: .utf8)
        let after = loader.load(previous: gone, changed: ["pipetop.toml"])
        #expect(after.settings.sla.mqlTargetPerMonth == 150)
        #expect(!after.files.contains { $0.table == "settings" })
    }
}
