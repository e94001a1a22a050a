import Foundation
import PipelineKit
import Testing
@testable import PipetopUI

/// The whole dashboard at 160x45 on each public export in ../shared/realdata, opened with the
/// settings in examples/ (its preset, as-of date and the files written for it). Skipped, saying
/// so, when the exports are not on this machine.
@Suite struct RealDataGoldenTests {
    static let packageRoot = SeedCompany.root
    static let realdata = packageRoot.appendingPathComponent("../shared/realdata").standardizedFileURL

    static func isPresent(_ name: String) -> Bool {
        FileManager.default.fileExists(atPath: realdata.appendingPathComponent(name).path)
    }

    static func absent(_ name: String) -> Comment {
        "\(realdata.appendingPathComponent(name).path) is absent: the real exports are not on this machine, so this golden is not checked"
    }

    static func frame(_ name: String) -> String {
        var loader = SnapshotLoader(folder: realdata.appendingPathComponent(name))
        loader.settingsFile = packageRoot.appendingPathComponent("examples/\(name)/pipetop.toml")
        let snapshot = loader.load()
        var options = AppOptions(folderLabel: name, readOnly: true, unicode: true)
        options.clockZone = TimeZone(identifier: "UTC")!
        let state = AppState.showing(snapshot, options: options, width: 160, height: 45, now: snapshot.asOf, focus: .campaigns)
        return Dashboard.render(state, context: SeedCompany.context).text
    }

    @Test(.enabled(if: isPresent("maven-crm"), absent("maven-crm")))
    func mavenCRM() {
        assertGolden(text: Self.frame("maven-crm"), named: "realdata-maven-crm-160x45")
    }

    /// A lead's detail names the file the folder has (Salesforce's Lead.csv), not leads.csv.
    @Test(.enabled(if: isPresent("salesforce-workshop"), absent("salesforce-workshop")))
    func leadDetailNamesTheExportsFile() throws {
        var loader = SnapshotLoader(folder: Self.realdata.appendingPathComponent("salesforce-workshop"))
        loader.settingsFile = Self.packageRoot.appendingPathComponent("examples/salesforce-workshop/pipetop.toml")
        let snapshot = loader.load()
        let items = try #require(Optional(Metrics.compute(snapshot, period: .current(.month, of: snapshot), scope: .everyone, split: .all).sla.breaching))
        let model = InboxModel(items: items, snapshot: snapshot, numbers: NumberText())
        try #require(model.rowCount > 0)
        #expect(model.detail(0).last?.hasPrefix("Lead.csv line ") == true, "\(model.detail(0).last ?? "")")
    }

    @Test(.enabled(if: isPresent("salesforce-workshop"), absent("salesforce-workshop")))
    func salesforceObjectExport() {
        assertGolden(text: Self.frame("salesforce-workshop"), named: "realdata-salesforce-workshop-160x45")
    }

    @Test(.enabled(if: isPresent("salesforce-devorg"), absent("salesforce-devorg")))
    func salesforceReportExport() {
        assertGolden(text: Self.frame("salesforce-devorg"), named: "realdata-salesforce-devorg-160x45")
    }
}
