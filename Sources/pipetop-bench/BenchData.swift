import Foundation

/// Where the synthetic folders live between runs: generated once per size under the system's temporary
/// folder, and again only when missing or when the generator changes.
enum BenchData {
    /// Bump when SyntheticCompany writes different data, so stale folders are not measured.
    static let generatorVersion = 2

    static var cacheRoot: URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("pipetop-bench", isDirectory: true)
    }

    static func folder(leads: Int) -> URL {
        cacheRoot.appendingPathComponent("v\(generatorVersion)-leads-\(leads)", isDirectory: true)
    }

    /// The folder for this many leads, written first if it is not there. It is written beside its final
    /// name and renamed when complete, so an interrupted run never leaves a half-written folder behind.
    static func ensure(leads: Int, log: (String) -> Void) throws -> URL {
        let target = folder(leads: leads)
        if FileManager.default.fileExists(atPath: target.appendingPathComponent("pipetop.toml").path) { return target }
        let partial = cacheRoot.appendingPathComponent("partial-\(leads)-\(getpid())", isDirectory: true)
        try? FileManager.default.removeItem(at: partial)
        log("generating \(leads) leads into \(target.path) ...")
        try SyntheticCompany(leads: leads).write(to: partial)
        try? FileManager.default.removeItem(at: target)
        try FileManager.default.moveItem(at: partial, to: target)
        return target
    }

    /// Total size of the folder's CSV files.
    static func csvBytes(in folder: URL) -> Int {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".csv") }.reduce(0) { $0 + fileBytes(folder.appendingPathComponent($1)) }
    }

    static func fileBytes(_ url: URL) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? NSNumber)?.intValue ?? 0
    }
}

/// How figures are written in the tables. MB are 10^6 bytes.
enum Format {
    static func megabytes(_ bytes: Int) -> String { String(format: "%.1f MB", Double(bytes) / 1e6) }

    /// Milliseconds under a second, seconds above.
    static func seconds(_ s: Double) -> String {
        if s.isNaN { return "-" }
        if s < 0.1 { return String(format: "%.2f ms", s * 1e3) }
        if s < 1 { return String(format: "%.1f ms", s * 1e3) }
        return String(format: "%.2f s", s)
    }

    static func rate(_ perSecond: Double, unit: String) -> String {
        if perSecond.isNaN || perSecond.isInfinite { return "-" }
        if perSecond >= 1e6 { return String(format: "%.1fM %@", perSecond / 1e6, unit) }
        if perSecond >= 1e3 { return String(format: "%.0fk %@", perSecond / 1e3, unit) }
        return String(format: "%.0f %@", perSecond, unit)
    }

    static func ratio(_ x: Double) -> String { x.isNaN ? "-" : String(format: "%.2fx", x) }
}
