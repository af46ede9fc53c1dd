import Testing
@testable import PostgresURI
@testable import ScorecardMetrics
@testable import ScorecardModel
@testable import ScorecardWarehouse

/// Optional numbers in their own bytes (`Model/Unpadded.swift`, issue 10).
@Suite struct UnpaddedTests {
    struct Sample: Equatable {
        @Unpadded var at: Int?
        @Unpadded var minutes: Double?
    }

    @Test func noneAndNumbersRoundTrip() {
        var s = Sample(at: nil, minutes: nil)
        #expect(s.at == nil && s.minutes == nil)
        s.at = 0
        s.minutes = 0
        #expect(s.at == 0 && s.minutes == 0)
        s.at = -5
        s.minutes = nil
        #expect(s.at == -5 && s.minutes == nil)
    }

    @Test func twoNonesAreEqualThoughNaNIsNot() {
        #expect(Sample(at: nil, minutes: nil) == Sample(at: nil, minutes: nil))
        #expect(Sample(at: 1, minutes: 2.5) == Sample(at: 1, minutes: 2.5))
        #expect(Sample(at: 1, minutes: nil) != Sample(at: 1, minutes: 0))
    }

    @Test func theRecordsHeldByTheMillionKeepTheirSize() {
        #expect(MemoryLayout<Unpadded<Int>>.size == 8)
        #expect(MemoryLayout<GradeFigures>.stride == 48)
        #expect(MemoryLayout<CustomerGrade>.stride == 80)
        #expect(MemoryLayout<SubmissionItem>.stride == 88)
        #expect(MemoryLayout<MetricInputs.Visit>.stride == 96)
        #expect(MemoryLayout<MetricInputs.Customer>.stride == 40)
    }
}
