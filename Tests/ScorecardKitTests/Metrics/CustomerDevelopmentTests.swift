import Testing
@testable import PostgresURI
@testable import ScorecardMetrics
@testable import ScorecardModel
@testable import ScorecardWarehouse

/// SPEC §3.8: new customers and their first contact, customers left behind by departed
/// managers, survey reach. October 2026, as_of 2026-11-01 00:00 unless a case says otherwise.
@Suite struct CustomerDevelopmentTests {
    static func report(customers: [MetricInputs.Customer], orders: [MetricInputs.Order] = [], visits: [MetricInputs.Visit] = [],
                       managers: [MetricInputs.Manager] = [.init(id: "M1", active: true)], lastVisits: [String: MetricInputs.LastVisits] = [:],
                       surveyed: Set<String> = [], ctx: MetricContext = M.context()) -> DevelopmentReport {
        var inputs = MetricInputs(ctx)
        inputs.managers = managers
        inputs.customers = CustomerList(customers)
        inputs.add(orders)
        inputs.visits = VisitList(visits)
        inputs.lastVisits = lastVisits
        inputs.surveyedCustomers = PerCustomer(marking: surveyed)
        return CustomerDevelopment.compute(inputs, grades: CustomerGrading.grade(inputs, ctx), ctx)
    }

    static func status(_ r: DevelopmentReport, _ id: String) -> SLAStatus? { r.newCustomers.first { $0.customerID == id }?.firstContact }

    @Test func firstActivityInThePeriodMakesANewCustomer() {
        let r = Self.report(customers: [
            M.customer("C1", since: "2026-10-01"),                // first day of the period
            M.customer("C2", since: "2026-09-30"),                // the day before
            M.customer("C3"),                                     // no since: its first order decides
            M.customer("C4", since: "2026-10-20"),                // since in the period, but ordered earlier
            M.customer("C5"),                                     // no activity at all
        ], orders: [M.order("C3", 10, at: "2026-10-31 23:59:59", completed: false), M.order("C4", 10, at: "2026-09-01 10:00")])
        #expect(r.newCustomers.map(\.customerID) == ["C1", "C3"])
        #expect(r.newCustomers[0].firstActivity == M.t("2026-10-01 00:00"))
        #expect(r.newCustomers[1].firstActivity == M.t("2026-10-31 23:59:59"))
    }

    @Test func firstContactWithinThirtyDaysBoundaries() {
        let r = Self.report(customers: ["C1", "C2", "C3", "C4", "C5"].map { M.customer($0, since: "2026-10-01") },
                            visits: [
                                M.visit("V1", customer: "C1", start: "2026-10-31 00:00"),              // exactly 30 days: met
                                M.visit("V2", customer: "C2", start: "2026-10-31 00:00:01"),           // one second later: not
                                M.visit("V3", customer: "C3", start: "2026-10-05 10:00", type: "online"), // not a counting type
                                M.visit("V4", customer: "C4", start: "2026-09-30 10:00"),              // before the first activity
                                M.visit("V5", customer: "C5", manager: "M9", start: "2026-10-02 10:00"), // by anyone
                            ])
        #expect(Self.status(r, "C1") == .met)
        #expect(Self.status(r, "C2") == .breached)   // deadline 10-31 00:00 is before as_of 11-01
        #expect(Self.status(r, "C3") == .breached)
        #expect(Self.status(r, "C4") == .breached)
        #expect(Self.status(r, "C5") == .met)
    }

    @Test func aCustomerNewOnThePeriodsLastDayIsPending() {
        let r = Self.report(customers: [M.customer("C1", since: "2026-10-31")])
        #expect(Self.status(r, "C1") == .pending)    // deadline 11-30, after as_of
        // A visit after as_of has not happened yet.
        let later = Self.report(customers: [M.customer("C1", since: "2026-10-31")],
                                visits: [M.visit("V1", start: "2026-11-05 10:00")])
        #expect(Self.status(later, "C1") == .pending)
        // Once as_of passes the deadline with no visit: breached.
        let late = Self.report(customers: [M.customer("C1", since: "2026-10-31")], ctx: M.context(asOf: "2026-11-30 00:00:01"))
        #expect(Self.status(late, "C1") == .breached)
        // At the deadline itself, still pending (not yet before as_of).
        let atDeadline = Self.report(customers: [M.customer("C1", since: "2026-10-31")], ctx: M.context(asOf: "2026-11-30 00:00"))
        #expect(Self.status(atDeadline, "C1") == .pending)
    }

    @Test func newCustomersPerAssignedManagerWithTheMetShare() {
        let r = Self.report(customers: [M.customer("C1", manager: "M1", since: "2026-10-01"), M.customer("C2", manager: "M1", since: "2026-10-01"),
                                        M.customer("C3", manager: "M1", since: "2026-10-31"), M.customer("C4", manager: "M2", since: "2026-10-01")],
                            visits: [M.visit("V1", customer: "C1", manager: "M2", start: "2026-10-03 10:00")])
        #expect(r.newCustomers(of: "M1") == NewCustomerSummary(managerID: "M1", count: 3, met: 1, breached: 1, pending: 1))
        #expect(r.newCustomers(of: "M1")?.metShare == 0.5)   // pending left out
        #expect(r.newCustomers(of: "M2")?.metShare == 0)
        #expect(r.newCustomers(of: "M3") == nil)
    }

    @Test func customersOfDepartedManagersAreLeftBehind() {
        let r = Self.report(customers: [M.customer("C1", manager: "M2"), M.customer("C2", manager: "M2"), M.customer("C3", manager: "M1"),
                                        M.customer("C4", manager: "M3")],
                            orders: [M.order("C2", 500, manager: "M2"), M.order("C1", 20, manager: "M2")],
                            managers: [.init(id: "M1", active: true, team: "一组"), .init(id: "M2", active: false, team: "二组"),
                                       .init(id: "M3", active: false)],
                            lastVisits: ["C1": .init(any: M.t("2026-10-20 10:00"), counting: nil)])
        #expect(r.leftBehind.map(\.customerID) == ["C2", "C1", "C4"])   // largest sales first
        #expect(r.leftBehind[1].lastVisit == M.t("2026-10-20 10:00"))   // a visit of any type
        #expect(r.leftBehind[0].sales12m == 500)
        #expect(r.leftBehind[0].team == "二组")
        #expect(r.leftBehindByTeam.map(\.team) == ["", "二组"])
        #expect(r.leftBehindByTeam.map(\.customers) == [1, 2])
    }

    @Test func surveyReachByManagerAndGrade() {
        // Sales 700, 200, 60, 40: grades A, B, C, C (T = 1000: ahead 0, 700, 900, 960).
        let customers = [M.customer("C1", manager: "M1"), M.customer("C2", manager: "M1"), M.customer("C3", manager: "M2"),
                         M.customer("C4", manager: "M2")]
        let r = Self.report(customers: customers, orders: [M.order("C1", 700), M.order("C2", 200), M.order("C3", 60), M.order("C4", 40)],
                            surveyed: ["C1", "C3"])
        func reach(_ m: String, _ g: Grade?) -> SurveyReach? { r.surveyReach.first { $0.managerID == m && $0.grade == g } }
        #expect(reach("", nil) == SurveyReach(managerID: "", grade: nil, customers: 4, surveyed: 2))
        #expect(reach("", .C)?.reach == 0.5)
        #expect(reach("M1", nil)?.reach == 0.5)
        #expect(reach("M1", .A)?.reach == 1)
        #expect(reach("M1", .B)?.reach == 0)
        #expect(reach("M1", .C) == nil)               // no C customers: no row
        #expect(reach("M2", .C) == SurveyReach(managerID: "M2", grade: .C, customers: 2, surveyed: 1))
    }
}
