import Foundation
@testable import PipelineKit

/// A copy of the sample company's files in a temporary folder, for tests that write.
struct ScratchSeeds {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seeds = packageRoot.appendingPathComponent("seeds")

    let url: URL
    let settings: Settings

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-triage-\(UUID().uuidString)")
        try SnapshotLoader.copyDataFiles(from: Self.seeds, to: url)
        settings = SettingsLoader.load(folder: url).0
    }

    func remove() { try? FileManager.default.removeItem(at: url) }

    func triage(user: String = "marcus", rep: String? = "Marcus Webb") -> LeadTriage {
        LeadTriage(folder: url, settings: settings, user: user, userRep: rep)
    }

    func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: url.appendingPathComponent(name))) }

    func write(_ name: String, _ bytes: [UInt8]) throws { try Data(bytes).write(to: url.appendingPathComponent(name)) }

    /// A record as field -> text, by the file's header.
    func record(_ id: String, in name: String = "leads.csv") throws -> [String: String]? {
        let (header, rows) = CSVCellEditor.records(try bytes(name))
        guard let row = rows.first(where: { $0.first == id }) else { return nil }
        return Dictionary(uniqueKeysWithValues: zip(header, row + Array(repeating: "", count: max(0, header.count - row.count))))
    }

    /// The activity log's lines after the first `skipping`.
    func activity(after skipping: Int) throws -> [[String]] {
        Array(CSVCellEditor.records(try bytes("activity.csv")).rows.dropFirst(skipping))
    }

    func activityCount() throws -> Int { CSVCellEditor.records(try bytes("activity.csv")).rows.count }

    /// The lines of a file that differ from the seeds' copy, as (seed line, now line), by line number.
    func changedLines(_ name: String) throws -> [(String, String)] {
        let before = try String(contentsOf: Self.seeds.appendingPathComponent(name), encoding: .utf8).components(separatedBy: "\n")
        let after = try String(contentsOf: url.appendingPathComponent(name), encoding: .utf8).components(separatedBy: "\n")
        var out: [(String, String)] = []
        for i in 0..<max(before.count, after.count) {
            let a = i < before.count ? before[i] : "", b = i < after.count ? after[i] : ""
            if a != b { out.append((a, b)) }
        }
        return out
    }
}
