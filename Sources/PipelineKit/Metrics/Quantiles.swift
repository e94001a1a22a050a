/// Order statistics without sorting: a quickselect over a scratch array, linear on average, since
/// metrics are recomputed on every reload and a cohort can hold hundreds of thousands of values.
/// Durations are kept in whole seconds until the end, so hot loops do no floating-point division.
enum Quantiles {
    /// The median: the middle value, or the mean of the two middle values for an even count.
    /// Reorders `values`; nil when empty.
    static func median<T: Comparable>(_ values: inout [T], _ asDouble: (T) -> Double) -> Double? {
        let n = values.count
        guard n > 0 else { return nil }
        let upper = select(&values, n / 2)
        if n % 2 == 1 { return asDouble(upper) }
        // After selecting rank n/2, everything before it is no larger: the lower middle is their maximum.
        var lower = values[0]
        for i in 1..<(n / 2) where values[i] > lower { lower = values[i] }
        return (asDouble(lower) + asDouble(upper)) / 2
    }

    static func median(_ values: inout [Double]) -> Double? { median(&values) { $0 } }

    /// The median of durations in seconds, in days (or another unit of `unitSeconds`).
    static func median(seconds values: inout [Int64], unitSeconds: Double) -> Double? {
        median(&values) { Double($0) }.map { $0 / unitSeconds }
    }

    /// The nearest-rank percentile: the value at rank ceil(p x n) (1-based) in ascending order,
    /// always one of the values. For p = 0.9 and 10 values, the 9th smallest. Reorders `values`.
    static func nearestRank<T: Comparable>(_ values: inout [T], _ p: Double) -> T? {
        let n = values.count
        guard n > 0 else { return nil }
        let rank = min(n, max(1, Int((p * Double(n) - 1e-9).rounded(.up))))
        return select(&values, rank - 1)
    }

    /// Puts the k-th smallest (0-based) value at index k, smaller ones before it, and returns it.
    static func select<T: Comparable>(_ values: inout [T], _ k: Int) -> T {
        values.withUnsafeMutableBufferPointer { v in
            var lo = 0, hi = v.count - 1
            while hi > lo {
                // Median of three as the pivot keeps sorted and reversed input linear.
                let mid = lo + (hi - lo) / 2
                if v[mid] < v[lo] { v.swapAt(mid, lo) }
                if v[hi] < v[lo] { v.swapAt(hi, lo) }
                if v[hi] < v[mid] { v.swapAt(hi, mid) }
                let pivot = v[mid]
                var i = lo, j = hi
                while i <= j {
                    while v[i] < pivot { i += 1 }
                    while v[j] > pivot { j -= 1 }
                    if i <= j {
                        v.swapAt(i, j)
                        i += 1
                        j -= 1
                    }
                }
                if k <= j { hi = j } else if k >= i { lo = i } else { return v[k] }
            }
            return v[k]
        }
    }
}
