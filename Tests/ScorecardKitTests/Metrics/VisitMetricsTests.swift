import Testing
@testable import PostgresURI
@testable import ScorecardMetrics
@testable import ScorecardModel
@testable import ScorecardWarehouse

/// SPEC §3.3: visits in the period, report timeliness, coverage by cadence.
@Suite struct VisitMetricsTests {
    static func report(_ visits: [MetricInputs.Visit], customers: [MetricInputs.Customer] = [], grades: [String: Grade] = [:],
                       ctx: MetricContext = M.context()) -> VisitReport {
        var inputs = MetricInputs(ctx)
        inputs.visits = VisitList(visits)
        inputs.customers = CustomerList(customers)
        return VisitMetrics.compute(inputs, grades: PerCustomer(grades), ctx)
    }

    @Test func durationFromEitherColumnAndShortVisitsOnSiteOnly() {
        let r = Self.report([
            M.visit("V1", start: "2026-10-05 10:00", end: "2026-10-05 10:07"),             // 7 min on site: short
            M.visit("V2", start: "2026-10-06 10:00", minutes: 5, type: "phone"),           // short, but a phone call
            M.visit("V3", start: "2026-10-07 10:00", end: "2026-10-07 10:08"),             // exactly 8: not short
            M.visit("V4", start: "2026-10-08 10:00", end: "2026-10-08 11:00", minutes: 45), // the column wins
            M.visit("V5", customer: "C2", start: "2026-10-09 10:00", type: "online"),      // no duration at all
            M.visit("V0", start: "2026-09-30 23:59"),                                      // previous period
        ])
        let s = r.summary("M1")!
        #expect(s.visits == 5)
        #expect(s.customersVisited == 2)
        #expect((s.onSite, s.phone, s.online) == (3, 1, 1))
        #expect(s.shortVisits == 1)
        #expect(s.medianDurationMinutes == 7.5)  // 5, 7, 8, 45
    }

    @Test func reportsDueWithinFortyEightHoursOfTheVisitEnd() {
        let ctx = M.context(asOf: "2026-10-20 12:00")
        let r = Self.report([
            M.visit("V1", start: "2026-10-05 08:00", end: "2026-10-05 10:00", report: "2026-10-07 10:00"),  // exactly 48 h after the end
            M.visit("V2", start: "2026-10-05 08:00", report: "2026-10-07 08:00:01"),                      // no end: from the start, late
            M.visit("V3", start: "2026-10-05 08:00"),                                                     // missing, deadline passed: late
            M.visit("V4", start: "2026-10-19 12:00"),                                                     // missing, deadline ahead: not counted
            M.visit("V5", start: "2026-10-10 08:00", report: "2026-10-25 08:00"),                         // filed after as_of: missing, late
        ], ctx: ctx)
        #expect(r.summary("M1")?.reportOnTimeRate == 0.25)
    }

    @Test func coverageByGradeCadenceAndRemoteCustomers() {
        // Period end 2026-11-01: A needs a visit since 10-01, B since 08-01, C since 05-01; remote since 05-01.
        let customers = [
            M.customer("A1"), M.customer("A2"), M.customer("B1"), M.customer("C1"), M.customer("R1", remote: true),
            M.customer("X1", manager: "M2"),
        ]
        let r = Self.report([
            M.visit("V1", customer: "A1", manager: "M9", start: "2026-10-01 00:00"),   // by another manager: counts
            M.visit("V2", customer: "A2", start: "2026-09-30 23:59"),                  // just before the A window
            M.visit("V3", customer: "B1", start: "2026-08-01 09:00", type: "phone"),   // phone counts
            M.visit("V4", customer: "C1", start: "2026-06-01 09:00", type: "online"),  // online does not
            M.visit("V5", customer: "R1", start: "2026-05-02 09:00"),                  // A-grade but remote: 6 months
        ], customers: customers, grades: ["A1": .A, "A2": .A, "B1": .B, "C1": .C, "R1": .A, "X1": .C])
        let m1 = r.summary("M1")!
        #expect((m1.customersDue, m1.customersCovered) == (5, 3))
        #expect(m1.coverageRate == 0.6)
        #expect(r.summary("M2")?.coverageRate == 0)
        #expect(r.uncoveredA.map(\.customerID) == ["A2"])
        #expect(r.uncoveredA.first?.lastVisit == M.t("2026-09-30 23:59"))
    }

    @Test func aZeroCadenceMeansNoCoverageTarget() {
        let ctx = M.context { $0.visits.cadenceC = 0 }
        let r = Self.report([], customers: [M.customer("C1")], grades: ["C1": .C], ctx: ctx)
        #expect(r.summary("M1") == nil)
        #expect(r.uncovered.isEmpty)
    }

    @Test func theUncoveredListIsInIdOrderAndAnswersMembership() {
        // The customer list out of order: the list comes out by id, and the lookup the workbook uses agrees with it.
        let ids = ["C5", "C1", "C4", "C2", "C3"]
        let r = Self.report([M.visit("V1", customer: "C4", start: "2026-10-10 09:00")], customers: ids.map { M.customer($0) },
                            grades: Dictionary(uniqueKeysWithValues: ids.map { ($0, Grade.C) }))
        #expect(r.uncovered.map(\.customerID) == ["C1", "C2", "C3", "C5"])
        #expect(ids.filter(r.isUncovered) == ["C5", "C1", "C2", "C3"])
        #expect(!r.isUncovered("C0") && !r.isUncovered("C9"))
    }

    /// A list in `String`'s order but not in its bytes' (an accent not precomposed sorts by the
    /// precomposed letter): the lookup searches it as `String`s and still finds every customer.
    @Test func theUncoveredListAnswersMembershipOutOfByteOrder() {
        let ids = ["b", "a\u{301}", "c"]  // "á" after "b" as text, before it in bytes
        let r = Self.report([M.visit("V1", customer: "c", start: "2026-10-10 09:00")], customers: ids.map { M.customer($0) },
                            grades: Dictionary(uniqueKeysWithValues: ids.map { ($0, Grade.C) }))
        #expect(r.uncovered.map(\.customerID) == ["b", "a\u{301}"])
        #expect(r.isUncovered("b") && r.isUncovered("a\u{301}") && !r.isUncovered("c") && !r.isUncovered("a"))
    }
}
