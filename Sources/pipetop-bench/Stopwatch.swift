/// Wall-clock timing of repeated runs.
enum Stopwatch {
    /// Seconds one call of `body` takes.
    static func seconds(_ body: () -> Void) -> Double {
        let d = ContinuousClock().measure(body)
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) / 1e18
    }

    /// The median of `runs` timings of `body`, after one untimed warm-up call (so the page cache and the
    /// allocator are in the same state for every timed run).
    static func median(runs: Int, warmUp: Bool = true, _ body: () -> Void) -> Double {
        if warmUp { body() }
        let times = (0..<max(1, runs)).map { _ in seconds(body) }
        return median(times)
    }

    static func median(_ values: [Double]) -> Double {
        let s = values.sorted()
        guard !s.isEmpty else { return .nan }
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }
}
