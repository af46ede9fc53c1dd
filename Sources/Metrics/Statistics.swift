/// Percentiles and percent ranks as the spec defines them (SPEC §3, §3.5).
package enum Statistics {
    /// PERCENTILE.INC: linear interpolation between closest ranks, as Excel and
    /// numpy's default. nil for no values.
    package static func percentile(_ values: [Double], _ p: Double) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let h = Double(sorted.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    package static func median(_ values: [Double]) -> Double? { percentile(values, 0.5) }

    package static func mean(_ values: [Double]) -> Double? {
        values.isEmpty ? nil : values.reduce(0, +) / Double(values.count)
    }

    /// Competition ranks (1, 2, 2, 4), highest first, on values rounded to 6 decimals so that
    /// equal scores computed differently share a rank (SPEC §3.5).
    package static func competitionRanks(_ values: [Double]) -> [Int] {
        let keys = values.map { ($0 * 1e6).rounded() }
        return keys.map { key in 1 + keys.filter { $0 > key }.count }
    }

    /// Share of `part` in `whole`, nil when `whole` is 0.
    package static func rate(_ part: Int, _ whole: Int) -> Double? { whole == 0 ? nil : Double(part) / Double(whole) }

    /// A small sample's rate or mean shrunk toward the period's `mu`, as if `weight` more cases
    /// had it: (sum + m·μ)/(count + m) — adjusted satisfaction (SPEC §3.4) and the SLA KPI (§3.5).
    package static func shrunk(sum: Double, count: Double, toward mu: Double, weight m: Double) -> Double {
        (sum + m * mu) / (count + m)
    }

    /// Percent rank of each value among `values` (SPEC §3.5): (number of values < x) / (n − 1),
    /// and 1 when n = 1. Values are compared after rounding to 9 decimals so that equal
    /// rates computed differently tie.
    package static func percentRanks(_ values: [Double]) -> [Double] {
        let n = values.count
        guard n > 1 else { return values.map { _ in 1 } }
        let rounded = values.map { ($0 * 1e9).rounded() / 1e9 }
        let sorted = rounded.sorted()
        return rounded.map { x in
            // Count of values strictly below x: the first index of x in the sorted list.
            var lo = 0, hi = n
            while lo < hi {
                let mid = (lo + hi) / 2
                if sorted[mid] < x { lo = mid + 1 } else { hi = mid }
            }
            return Double(lo) / Double(n - 1)
        }
    }
}
