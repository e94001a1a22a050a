import Foundation
import PipelineKit
@testable import PipetopUI

/// The bundled sample company, loaded once, and states showing it at fixed sizes and a fixed clock.
enum SeedCompany {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = root.appendingPathComponent("seeds")
    static let snapshot: Snapshot = SnapshotLoader(folder: folder).load()

    static func options(readOnly: Bool = false, unicode: Bool = true, rep: String? = nil) -> AppOptions {
        var o = AppOptions(folderLabel: "seeds", readOnly: readOnly, user: "omar", rep: rep, unicode: unicode)
        o.clockZone = TimeZone(identifier: "UTC")!
        return o
    }

    static func state(width: Int, height: Int, focus: PaneID = .campaigns, options: AppOptions = options()) -> AppState {
        AppState.showing(snapshot, options: options, width: width, height: height, now: snapshot.asOf + 42, focus: focus)
    }

    static let context = RenderContext(theme: .standard, glyphs: .unicode)
    static let asciiContext = RenderContext(theme: .standard, glyphs: .ascii)

    /// A scratch copy of the seeds that a test may change.
    static func scratchCopy() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-seeds-\(UUID().uuidString)")
        try SnapshotLoader.copyDataFiles(from: folder, to: url)
        return url
    }
}

/// Runs keys through `update`, as typed.
func press(_ state: inout AppState, _ keys: [Key]) {
    for key in keys { _ = update(&state, .key(key)) }
}

func type(_ state: inout AppState, _ text: String) {
    press(&state, text.map { Key.char($0) })
}
