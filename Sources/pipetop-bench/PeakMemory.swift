import Foundation

/// The process's resident memory, read the cheapest way the system offers.
enum PeakMemory {
    /// The highest resident set size so far, in bytes: `VmHWM` on Linux, else `getrusage`'s `ru_maxrss`
    /// (kilobytes on Linux, bytes on macOS).
    static func peakBytes() -> Int {
        if let kb = statusField("VmHWM:") { return kb * 1024 }
        var usage = rusage()
        #if os(macOS)
        getrusage(RUSAGE_SELF, &usage)
        return Int(usage.ru_maxrss)
        #else
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Int(usage.ru_maxrss) * 1024
        #endif
    }

    /// The resident set size now, in bytes, or nil where /proc is absent.
    static func currentBytes() -> Int? { statusField("VmRSS:").map { $0 * 1024 } }

    /// A "Name:   1234 kB" line of /proc/self/status, in kilobytes.
    private static func statusField(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name) {
            let digits = line.dropFirst(name.count).filter(\.isNumber)
            return Int(digits)
        }
        return nil
    }
}
