import Testing
@testable import PostgresURI
@testable import ScorecardMetrics

/// PERCENTILE.INC and the percent rank of SPEC §3, §3.5.
@Suite struct StatisticsTests {
    @Test func percentileIncInterpolatesLikeExcel() {
        // Excel: PERCENTILE.INC({1,2,3,4,10}, 0.9) = 7.6; MEDIAN = 3.
        #expect(abs(Statistics.percentile([10, 1, 3, 2, 4], 0.9)! - 7.6) < 1e-12)
        #expect(Statistics.median([10, 1, 3, 2, 4]) == 3)
        #expect(Statistics.median([1, 2, 3, 4]) == 2.5)
        #expect(Statistics.percentile([5], 0.9) == 5)
        #expect(Statistics.percentile([], 0.5) == nil)
    }

    @Test func percentRankCountsValuesStrictlyBelow() {
        #expect(Statistics.percentRanks([10, 20, 20, 40]) == [0, 1.0 / 3, 1.0 / 3, 1])
        #expect(Statistics.percentRanks([7]) == [1])
        #expect(Statistics.percentRanks([]) == [])
    }

    @Test func equalRatesComputedDifferentlyTie() {
        // 0.1 + 0.2 != 0.3 in binary, but both round to the same 9 decimals.
        #expect(Statistics.percentRanks([0.1 + 0.2, 0.3, 0.5]) == [0, 0, 1])
    }
}
