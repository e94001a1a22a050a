/// What the stage history says about deals: when each last changed stage, and how long its stays
/// in each stage lasted.
struct DealHistory {
    /// By deal row: the latest history entry up to the as-of moment, or the deal's creation.
    var lastChange: [Int64]
    /// Median days per open stage over the stays that ended in the period (a stay runs from a
    /// deal's entry into a stage to its next entry, in time order); empty without a history.
    var stageTimes: [DealStageTime]

    static func read(_ s: Snapshot, period: Period, admitted: [Bool]?) -> DealHistory {
        var last = s.deals.createdAt
        let h = s.history, n = h.count, asOf = s.asOf
        guard n > 0 else { return DealHistory(lastChange: last, stageTimes: []) }
        let deal = h.deal, at = h.at, stage = h.stage

        // One pass for the last change, noting whether entries come grouped by deal in time order
        // (as exports usually list them): then stays can be read without sorting. Branch-free:
        // whether a row starts a new deal changes from row to row.
        var disorder = 0
        let seen = Tally<UInt8>(count: s.deals.count)
        defer { seen.free() }
        var previous = -1, previousTime = Int64.min
        for i in 0..<n {
            let d = Int(deal[i]), t = at[i]
            let old = last[d]
            last[d] = t <= asOf && t > old ? t : old
            let newDeal = d != previous ? 1 : 0
            disorder |= (newDeal & Int(seen[d])) | ((1 &- newDeal) & (t < previousTime ? 1 : 0))
            seen[d] = 1
            previous = d
            previousTime = t
        }
        let grouped = disorder == 0

        // Walk each deal's entries in time order; repeated entries of one stage are one stay, from the first.
        let stages = s.settings.dealStages
        let openStages = Int32(stages.open.count)
        let (start, length) = period.happened(by: asOf)
        let stayStage = Tally<Int32>(uninitialized: n + 1), staySeconds = Tally<Int64>(uninitialized: n + 1)
        defer { stayStage.free(); staySeconds.free() }
        var stays = 0
        let all = admitted == nil, admits = admitted ?? []
        @inline(__always) func walk(_ entry: (Int) -> Int) {
            // The entry that began the current stay, kept in registers rather than re-read.
            let first = entry(0)
            var enteredDeal = deal[first], enteredStage = stage[first], enteredAt = at[first]
            for k in 1..<n {
                let next = entry(k)
                let d = deal[next], nextStage = stage[next], nextAt = at[next]
                let sameDeal = d == enteredDeal ? 1 : 0
                let moved = sameDeal & (nextStage != enteredStage ? 1 : 0)
                let counts = moved & (enteredStage >= 0 && enteredStage < openStages ? 1 : 0)
                    & (UInt64(bitPattern: nextAt &- start) < length ? 1 : 0) & (all || admits[Int(d)] ? 1 : 0)
                stayStage[stays] = enteredStage
                staySeconds[stays] = nextAt &- enteredAt
                stays &+= counts
                // A new deal or a new stage starts a stay; a repeat of the same stage does not.
                let begins = sameDeal == 0 || moved == 1
                enteredDeal = begins ? d : enteredDeal
                enteredStage = begins ? nextStage : enteredStage
                enteredAt = begins ? nextAt : enteredAt
            }
        }
        if grouped {
            walk { $0 }
        } else {
            // Bucket entries by deal (a counting sort), then order each deal's few entries by time.
            var offsets = [Int](repeating: 0, count: s.deals.count + 1)
            for i in 0..<n { offsets[Int(deal[i]) + 1] += 1 }
            for d in 0..<s.deals.count { offsets[d + 1] += offsets[d] }
            var order = [Int32](repeating: 0, count: n)
            for i in 0..<n {
                let d = Int(deal[i])
                order[offsets[d]] = Int32(i)
                offsets[d] += 1
            }
            var a = 0
            while a < n {
                var b = a + 1
                while b < n && deal[Int(order[b])] == deal[Int(order[a])] { b += 1 }
                for i in (a + 1)..<b {   // insertion sort: a deal has a handful of entries
                    let e = order[i]
                    var j = i
                    while j > a && at[Int(order[j - 1])] > at[Int(e)] { order[j] = order[j - 1]; j -= 1 }
                    order[j] = e
                }
                a = b
            }
            walk { Int(order[$0]) }
        }

        var byStage = [[Int64]](repeating: [], count: stages.open.count)
        for k in 0..<stays { byStage[Int(stayStage[k])].append(staySeconds[k]) }
        var times: [DealStageTime] = []
        for (k, word) in stages.open.enumerated() where !byStage[k].isEmpty {
            let count = byStage[k].count
            times.append(DealStageTime(stage: word, medianDays: Quantiles.median(seconds: &byStage[k], unitSeconds: 86_400)!, stays: count))
        }
        return DealHistory(lastChange: last, stageTimes: times)
    }
}
