import Testing
@testable import PostgresURI
@testable import ScorecardMetrics
@testable import ScorecardWarehouse

/// The customer positions and the per-customer figures kept by them (issue 10).
@Suite struct PerCustomerTests {
    static func customers(_ ids: [String]) -> [MetricInputs.Customer] { ids.map { M.customer($0) } }

    @Test func everyIdFindsItsPositionAndNoOtherIdDoes() {
        // Enough ids that the table's probing wraps and runs into neighbours; Chinese and empty ids too.
        let ids = (0..<5000).map { "C\($0 * 7919 % 100_000)" } + ["客户甲", "客户乙", ""]
        let positions = CustomerPositions(Self.customers(ids))
        #expect(positions.count == ids.count)
        for (i, id) in ids.enumerated() { #expect(positions[id] == i) }
        for id in ["C100001", "客户丙", "c0", "C0 "] { #expect(positions[id] == nil) }
        #expect(CustomerPositions()["C0"] == nil)
    }

    @Test func aRepeatedIdKeepsItsLastPosition() {
        let positions = CustomerPositions(Self.customers(["C1", "C2", "C1"]))
        #expect(positions["C1"] == 2)
        #expect(positions["C2"] == 1)
    }

    @Test func valuesOfListedAndUnlistedCustomers() {
        var inputs = MetricInputs(M.context())
        inputs.customers = Self.customers(["C1", "C2"])
        var latest = PerCustomer<Int>(inputs.positions)
        latest["C2"] = 5
        latest["C9"] = 7  // not in the list: kept aside, not lost
        #expect(latest["C1"] == nil && latest["C2"] == 5 && latest["C9"] == 7)
        latest["C2"] = nil
        #expect(latest["C2"] == nil)
        let surveyed = PerCustomer(marking: ["C1", "C3"])
        #expect(surveyed.contains("C1") && surveyed.contains("C3") && !surveyed.contains("C2"))
    }

    @Test func raiseKeepsTheLargerValue() {
        var inputs = MetricInputs(M.context())
        inputs.customers = Self.customers(["C1"])
        var latest = PerCustomer<Int>(inputs.positions)
        for (id, at) in [("C1", 5), ("C1", 3), ("C9", 2), ("C9", 8), ("C1", 6)] { latest.raise(id, to: at) }
        #expect(latest["C1"] == 6 && latest["C9"] == 8)
    }
}
