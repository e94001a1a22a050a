import Foundation
import Testing
@testable import PipetopUI

/// Golden frames: a rendering compared with a text file under Goldens/ beside this file.
///
/// The files are read from and written to the source tree (found through `#filePath`), not the
/// test bundle's copy, so a fresh clone and a just-regenerated golden both work. To accept new
/// renderings, run `PIPETOP_UPDATE_GOLDENS=1 swift test --filter PipetopUITests` and review the
/// diff of Goldens/ like code.
enum Golden {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Goldens")

    static var isUpdating: Bool { ProcessInfo.processInfo.environment["PIPETOP_UPDATE_GOLDENS"] == "1" }

    static func url(named name: String) -> URL { folder.appendingPathComponent("\(name).txt") }

    /// Lines that differ, each shown between bars so trailing spaces are visible.
    static func lineDiff(expected: String, actual: String) -> String {
        let old = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let new = actual.split(separator: "\n", omittingEmptySubsequences: false)
        var out: [String] = []
        for index in 0..<max(old.count, new.count) {
            let before = index < old.count ? String(old[index]) : nil
            let after = index < new.count ? String(new[index]) : nil
            guard before != after else { continue }
            out.append("line \(index + 1):")
            out.append("  - " + (before.map { "|\($0)|" } ?? "(none)"))
            out.append("  + " + (after.map { "|\($0)|" } ?? "(none)"))
        }
        return out.joined(separator: "\n")
    }
}

/// Compares `text` with Goldens/<name>.txt (or writes it there when updating).
func assertGolden(text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    let url = Golden.url(named: name)
    if Golden.isUpdating {
        do {
            try FileManager.default.createDirectory(at: Golden.folder, withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        } catch {
            Issue.record("cannot write golden \(url.path): \(error)", sourceLocation: sourceLocation)
        }
        return
    }
    guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
        Issue.record(
            "no golden at \(url.path); run PIPETOP_UPDATE_GOLDENS=1 swift test --filter PipetopUITests\n\(text)",
            sourceLocation: sourceLocation)
        return
    }
    if expected != text {
        Issue.record(
            "frame differs from golden \(name).txt (- golden, + now):\n\(Golden.lineDiff(expected: expected, actual: text))",
            sourceLocation: sourceLocation)
    }
}

/// Compares a frame's text with Goldens/<name>.txt.
func assertGolden(_ frame: Frame, named name: String, sourceLocation: SourceLocation = #_sourceLocation) {
    assertGolden(text: frame.text, named: name, sourceLocation: sourceLocation)
}

/// Compares a frame's text followed by its styles (one letter a cell, from `theme.styleLegend`)
/// with Goldens/<name>.txt, so colour roles are checked like characters.
func assertStyledGolden(_ frame: Frame, named name: String, theme: Theme, sourceLocation: SourceLocation = #_sourceLocation) {
    let legend = Theme.Role.allCases.map { "\($0.legendLetter)=\($0.rawValue)" }.joined(separator: " ")
    let text = frame.text + "-- styles: " + legend + "\n" + frame.styleText(legend: theme.styleLegend)
    assertGolden(text: text, named: name, sourceLocation: sourceLocation)
}
