/// A zone's UTC offset per day over a span of days, so the SLA clock converts a time with one
/// table read instead of a binary search over every clock change from 1900 to 2100. Days with a
/// clock change, and days outside the span, ask the zone itself: the result is always exact.
struct DayOffsets: Sendable {
    let zone: ZoneOffsets
    let firstDay: Int
    /// By UTC day from `firstDay`: the offset that holds all day, or `Int64.min` on a day with a change.
    private let byUTCDay: [Int64]
    /// By local day from `firstDay`: the offset that holds for every wall time of that day, or `Int64.min`.
    private let byLocalDay: [Int64]

    init(zone: ZoneOffsets, days: Range<Int>) {
        self.zone = zone
        firstDay = days.lowerBound
        var changes = Set<Int>()
        if case .table(let transitions, _) = zone.rules {
            for t in transitions {
                let day = floorDays(t.at)
                if days.contains(day) { changes.insert(day) }
            }
        }
        let utc: [Int64] = days.map { d in
            changes.contains(d) ? Int64.min : zone.offset(atUTC: Int64(d) * 86_400)
        }
        byUTCDay = utc
        // A local day spans parts of the UTC days before and after it (offsets are within +-14 h).
        byLocalDay = utc.indices.map { k in
            guard k > 0, k + 1 < utc.count, utc[k] != Int64.min, utc[k - 1] == utc[k], utc[k + 1] == utc[k] else { return Int64.min }
            return utc[k]
        }
    }

    @inline(__always) func local(fromUTC t: Int64) -> Int64 {
        let k = floorDays(t) &- firstDay
        if k >= 0 && k < byUTCDay.count {
            let offset = byUTCDay[k]
            if offset != Int64.min { return t &+ offset }
        }
        return zone.local(fromUTC: t)
    }

    @inline(__always) func utc(fromLocal local: Int64) -> Int64 {
        let k = floorDays(local) &- firstDay
        if k >= 0 && k < byLocalDay.count {
            let offset = byLocalDay[k]
            if offset != Int64.min { return local &- offset }
        }
        return zone.utc(fromLocal: local)
    }
}
