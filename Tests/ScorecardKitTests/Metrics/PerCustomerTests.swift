import Testing
@testable import PostgresURI
@testable import ScorecardMetrics
import ScorecardModel
@testable import ScorecardWarehouse

/// The customer positions and the per-customer figures kept by them (issue 10).
@Suite struct PerCustomerTests {
    static func customers(_ ids: [String]) -> CustomerList { CustomerList(ids.map { M.customer($0) }) }

    @Test func everyIdFindsItsPositionAndNoOtherIdDoes() {
        // Enough ids that the table's probing wraps and runs into neighbours; Chinese and empty ids too.
        let ids = (0..<5000).map { "C\($0 * 7919 % 100_000)" } + ["客户甲", "客户乙", ""]
        let positions = CustomerPositions(Self.customers(ids))
        #expect(positions.count == ids.count)
        for (i, id) in ids.enumerated() { #expect(positions[id] == i) }
        for id in ["C100001", "客户丙", "c0", "C0 "] { #expect(positions[id] == nil) }
        #expect(CustomerPositions()["C0"] == nil)
    }

    /// The packed list gives back each record as it was given: its id, manager, remote flag and first day.
    @Test func thePackedListGivesBackEveryRecord() {
        let records = (0..<3000).map { i in
            MetricInputs.Customer(id: i % 500 == 0 ? "客户\(i)" : "C\(i)", managerID: "M\(i % 37)", remote: i % 3 == 0,
                                  since: i % 4 == 0 ? nil : CivilDate(year: 2020 + i % 5, month: 1 + i % 12, day: 1 + i % 28))
        } + [MetricInputs.Customer(id: "", managerID: "")]
        let list = CustomerList(records)
        #expect(list.count == records.count)
        #expect(Array(list) == records)
        for (i, r) in records.enumerated() {
            #expect(list.id(at: i) == r.id && list.managerID(at: i) == r.managerID)
            #expect(list.hasID(i, r.id) && !list.hasID(i, r.id + "x"))
        }
        #expect(list == CustomerList(records) && list != CustomerList(records.dropLast()))
    }

    /// The packed visits give back each visit as it was given, but its id (no metric reads it): its
    /// customer and manager (bytes apart), times, duration and type, each optional value absent or present.
    @Test func thePackedVisitsGiveBackEveryVisit() {
        let visits = (0..<3000).map { i in
            MetricInputs.Visit(id: "V\(i)", managerID: i % 700 == 0 ? "Cafe\u{301}" : i % 350 == 0 ? "Caf\u{E9}" : "M\(i % 37)",
                               customerID: i % 500 == 0 ? "客户\(i)" : i == 7 ? "" : "C\(i % 900)", start: 1_790_000_000 + i * 613,
                               end: i % 2 == 0 ? nil : 1_790_000_000 + i * 613 + 1800, durationMinutes: i % 3 == 0 ? nil : Double(i % 90) + 0.5,
                               type: ["on_site", "phone", "online", "上门"][i % 4], reportAt: i % 5 == 0 ? nil : -86_400 * i)
        }
        let list = VisitList(visits)
        #expect(list.count == visits.count)
        for (i, v) in visits.enumerated() {
            var expected = v
            expected.id = ""
            #expect(list[i] == expected)
            #expect(list.customerID(at: i) == v.customerID)
            #expect(list[i].managerID.utf8.elementsEqual(v.managerID.utf8))
        }
        #expect(VisitList().isEmpty)
    }

    /// The packed plans give back each plan as it was given: its customer and manager (bytes
    /// apart), its day, and its submission time absent or present.
    @Test func thePackedPlansGiveBackEveryPlan() {
        let plans = (0..<3000).map { i in
            MetricInputs.VisitPlan(managerID: i % 700 == 0 ? "Cafe\u{301}" : i % 350 == 0 ? "Caf\u{E9}" : "M\(i % 37)",
                                   customerID: i % 500 == 0 ? "客户\(i)" : i == 7 ? "" : "C\(i % 900)",
                                   plannedDate: CivilDate(year: 1990 + i % 60, month: 1 + i % 12, day: 1 + i % 28),
                                   submittedAt: i % 3 == 0 ? nil : -86_400 * i)
        }
        let list = VisitPlanList(plans)
        #expect(list.count == plans.count)
        for (i, p) in plans.enumerated() {
            #expect(list[i] == p)
            #expect(list[i].managerID.utf8.elementsEqual(p.managerID.utf8) && list[i].customerID.utf8.elementsEqual(p.customerID.utf8))
        }
        #expect(VisitPlanList().isEmpty)
    }

    /// Ids that are the same text in other bytes (an accent precomposed or not) are two customers, as
    /// in the warehouse: neither takes the other's position, and a manager keeps its own bytes.
    @Test func idsInOtherBytesStayApart() {
        let composed = "Caf\u{E9}", decomposed = "Cafe\u{301}"
        #expect(composed == decomposed)  // one text to Swift's String
        let list = CustomerList([MetricInputs.Customer(id: composed, managerID: composed),
                                 MetricInputs.Customer(id: decomposed, managerID: decomposed)])
        let positions = CustomerPositions(list)
        #expect(positions[composed] == 0 && positions[decomposed] == 1)
        #expect(list.managerID(at: 0).utf8.elementsEqual(composed.utf8))
        #expect(list.managerID(at: 1).utf8.elementsEqual(decomposed.utf8))
    }

    /// The list knows whether its ids rise in their bytes' order, and in `String`'s; two lists equal
    /// only byte for byte.
    @Test func thePackedListKnowsItsOrder() {
        #expect(Self.customers(["C1", "C2", "客户"]).isSortedByIDBytes)
        #expect(Self.customers(["C1", "C2", "客户"]).isSortedByID(strictly: true))
        #expect(!Self.customers(["C2", "C1"]).isSortedByIDBytes && !Self.customers(["C2", "C1"]).isSortedByID())
        #expect(!Self.customers(["C1", "C1"]).isSortedByIDBytes && Self.customers(["C1", "C1"]).isSortedByID())
        #expect(!Self.customers(["C1", "C1"]).isSortedByID(strictly: true))
        let text = Self.customers(["b", "a\u{301}"])  // in String's order (á after b), not in the bytes'
        #expect(!text.isSortedByIDBytes && text.isSortedByID())
        #expect(Self.customers(["Caf\u{E9}"]) != Self.customers(["Cafe\u{301}"]))
        #expect(Self.customers(["C1", "C2"]) == Self.customers(["C1", "C2"]))
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
