import Foundation

/// A time zone's offsets from UTC as a precomputed table, so converting between local wall-clock
/// seconds and epoch seconds is a table look-up instead of a Foundation call per value.
///
/// UTC and fixed-offset zones need no table at all. Zones with daylight saving time (or historical
/// offset changes) keep their transitions between 1900 and 2100; instants outside that range ask
/// Foundation directly, which is slow but correct.
public struct ZoneOffsets: Sendable {
    /// The zone's offset at one transition.
    struct Transition: Sendable {
        /// Epoch seconds at which the new offset starts.
        var at: Int64
        var offsetBefore: Int64
        var offsetAfter: Int64
        /// Local seconds at which local time is past the transition for certain: before it, a local
        /// time is read with `offsetBefore` (this also settles gaps and repeated hours, see `utc`).
        var localEnd: Int64 { at + max(offsetBefore, offsetAfter) }
    }

    enum Rules: Sendable {
        case fixed(Int64)
        case table(transitions: [Transition], localEnds: [Int64])
    }

    public let timeZone: TimeZone
    let rules: Rules

    static let tableStart: Int64 = -2_208_988_800  // 1900-01-01T00:00:00Z
    static let tableEnd: Int64 = 4_102_444_800     // 2100-01-01T00:00:00Z

    public init(timeZone: TimeZone) {
        self.timeZone = timeZone
        var transitions: [Transition] = []
        var cursor = Date(timeIntervalSince1970: TimeInterval(Self.tableStart))
        let end = Date(timeIntervalSince1970: TimeInterval(Self.tableEnd))
        var previous = Int64(timeZone.secondsFromGMT(for: cursor))
        while let next = timeZone.nextDaylightSavingTimeTransition(after: cursor), next < end {
            let offset = Int64(timeZone.secondsFromGMT(for: next))
            let at = Int64(next.timeIntervalSince1970.rounded(.down))
            if offset != previous {
                transitions.append(Transition(at: at, offsetBefore: previous, offsetAfter: offset))
                previous = offset
            }
            cursor = next
        }
        if transitions.isEmpty {
            rules = .fixed(previous)
        } else {
            rules = .table(transitions: transitions, localEnds: transitions.map(\.localEnd))
        }
    }

    /// True when the zone has one offset for all time (UTC, `Etc/GMT+5`, ...).
    public var isFixed: Bool {
        if case .fixed = rules { return true }
        return false
    }

    /// Seconds east of UTC at an instant.
    @inline(__always)
    public func offset(atUTC t: Int64) -> Int64 {
        switch rules {
        case .fixed(let offset):
            return offset
        case .table(let transitions, _):
            guard t >= Self.tableStart, t < Self.tableEnd else { return foundationOffset(t) }
            // The last transition at or before t.
            var lo = 0, hi = transitions.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if transitions[mid].at <= t { lo = mid + 1 } else { hi = mid }
            }
            return lo == 0 ? transitions[0].offsetBefore : transitions[lo - 1].offsetAfter
        }
    }

    /// Epoch seconds for local wall-clock seconds (seconds since 1970-01-01T00:00 read on the
    /// zone's clock). A local time that does not exist (the hour skipped when clocks go forward) is
    /// read with the offset before the change, so 02:30 becomes 03:30; a local time that happens
    /// twice (clocks go back) is the first of the two.
    @inline(__always)
    public func utc(fromLocal local: Int64) -> Int64 {
        switch rules {
        case .fixed(let offset):
            return local - offset
        case .table(let transitions, let localEnds):
            guard local > Self.tableStart + 86_400, local < Self.tableEnd - 86_400 else {
                return foundationUTC(fromLocal: local)
            }
            // The first transition local time is not yet certainly past.
            var lo = 0, hi = localEnds.count
            while lo < hi {
                let mid = (lo + hi) >> 1
                if localEnds[mid] <= local { lo = mid + 1 } else { hi = mid }
            }
            let offset = lo < transitions.count ? transitions[lo].offsetBefore : transitions[transitions.count - 1].offsetAfter
            return local - offset
        }
    }

    /// Local wall-clock seconds for an instant.
    @inline(__always)
    public func local(fromUTC t: Int64) -> Int64 { t + offset(atUTC: t) }

    private func foundationOffset(_ t: Int64) -> Int64 {
        Int64(timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(t))))
    }

    /// Outside the table: two rounds of "guess the offset, check it" settle every real zone.
    private func foundationUTC(fromLocal local: Int64) -> Int64 {
        let first = foundationOffset(local)
        let second = foundationOffset(local - first)
        if first == second { return local - first }
        let third = foundationOffset(local - second)
        return third == second ? local - second : local - max(first, second)
    }
}
