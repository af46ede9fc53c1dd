import Testing
@testable import PostgresURI
@testable import ScorecardMetrics
@testable import ScorecardModel
@testable import ScorecardWarehouse

/// SPEC §3.7: outstanding, overdue buckets, collection and the chase list, on hand-computed cases.
/// as_of is 2026-11-01 00:00 unless a case says otherwise; the period is October 2026.
@Suite struct ReceivablesTests {
    static func report(_ orders: [MetricInputs.Order], customers: [MetricInputs.Customer] = [M.customer("C1")],
                       visits: [String: MetricInputs.LastVisits] = [:], grades: [String: Grade] = [:],
                       ctx: MetricContext = M.context()) -> ReceivablesReport {
        var inputs = MetricInputs(ctx)
        inputs.customers = CustomerList(customers)
        inputs.add(orders)
        inputs.lastVisits = visits
        return ReceivablesMetrics.compute(inputs, grades: PerCustomer(grades), ctx)
    }

    /// An unpaid order of `amount` due on `due`.
    static func unpaid(_ amount: Double, due: String, customer: String = "C1", manager: String = "M1") -> MetricInputs.Order {
        M.order(customer, amount, at: "2026-06-01 10:00", manager: manager, due: due)
    }

    @Test func dueOnAsOfsDateIsNotYetOverdue() {
        let r = Self.report([Self.unpaid(100, due: "2026-11-01"), Self.unpaid(40, due: "2026-10-31")])
        #expect(r.overall.outstanding == 140)
        #expect(r.overall.notYetDue == 100)
        #expect(r.overall.overdue == 40)
        #expect(r.overall.overdueOrders == 1)
        #expect(r.overall.oldestDaysOverdue == 1)   // 11-01 − 10-31
    }

    @Test func bucketBoundariesAreInclusiveAt30_60_90() {
        // as_of's date 2026-11-01: due 10-02 is 30 days overdue, 10-01 31, 09-02 60, 09-01 61, 08-03 90, 08-02 91.
        let dues = ["2026-10-02": 1.0, "2026-10-01": 2.0, "2026-09-02": 4.0, "2026-09-01": 8.0, "2026-08-03": 16.0, "2026-08-02": 32.0]
        let r = Self.report(dues.map { Self.unpaid($0.value, due: $0.key) })
        #expect(r.overall.overdueByBucket == [1, 2 + 4, 8 + 16, 32])
        #expect(r.overall.overdue == 63)
        #expect(r.overall.oldestDaysOverdue == 91)
        #expect(r.buckets.labels == ["1-30", "31-60", "61-90", "91+"])
        #expect(r.buckets.columnNames == ["overdue_1_30", "overdue_31_60", "overdue_61_90", "overdue_91_plus"])
    }

    @Test func configuredBucketsNameTheirColumns() {
        let ctx = M.context { $0.receivables.buckets = [7, 45] }
        let r = Self.report([Self.unpaid(5, due: "2026-10-25"), Self.unpaid(6, due: "2026-10-24"), Self.unpaid(7, due: "2026-09-01")], ctx: ctx)
        // 7 days, 8 days, 61 days.
        #expect(r.overall.overdueByBucket == [5, 6, 7])
        #expect(r.buckets.labels == ["1-7", "8-45", "46+"])
        #expect(r.buckets.columnNames == ["overdue_1_7", "overdue_8_45", "overdue_46_plus"])
    }

    @Test func paidAfterAsOfIsStillOutstanding() {
        let ctx = M.context(asOf: "2026-10-20 12:00")
        let r = Self.report([
            M.order("C1", 100, at: "2026-09-01 10:00", due: "2026-10-05", paid: "2026-10-25"),  // paid after as_of: overdue 15 days
            M.order("C1", 50, at: "2026-09-01 10:00", due: "2026-10-05", paid: "2026-10-20"),   // paid on as_of's date, before it: settled
        ], ctx: ctx)
        #expect(r.overall.outstanding == 100)
        #expect(r.overall.overdue == 100)
        #expect(r.overall.oldestDaysOverdue == 15)
        // Due in the period before as_of's date: 150; paid by as_of: 50 (on 10-20, after the due date).
        #expect(r.overall.amountDue == 150)
        #expect(r.overall.collectionRate == 50.0 / 150)
        #expect(r.overall.onTimeCollectionRate == 0)
    }

    @Test func paidExactlyOnTheDueDateIsOnTime() {
        let r = Self.report([
            M.order("C1", 300, at: "2026-09-01 10:00", due: "2026-10-10", paid: "2026-10-10"),
            M.order("C1", 100, at: "2026-09-01 10:00", due: "2026-10-10", paid: "2026-10-11"),
            M.order("C1", 100, at: "2026-09-01 10:00", due: "2026-10-10"),
        ])
        #expect(r.overall.amountDue == 500)
        #expect(r.overall.collectionRate == 0.8)
        #expect(r.overall.onTimeCollectionRate == 0.6)
    }

    @Test func collectionCountsOnlyWhatFellDueInThePeriod() {
        let r = Self.report([
            M.order("C1", 100, at: "2026-08-01 10:00", due: "2026-09-30", paid: "2026-10-02"),  // due before the period
            M.order("C1", 200, at: "2026-10-01 10:00", due: "2026-10-01", paid: "2026-10-01"),  // first day: counts
            M.order("C1", 400, at: "2026-10-01 10:00", due: "2026-10-31"),                      // last day: counts, unpaid
            M.order("C1", 800, at: "2026-10-01 10:00", due: "2026-11-01"),                      // next period
            M.order("C1", 1600, at: "2026-10-01 10:00", due: "2026-10-15", completed: false),   // cancelled: never counts
        ])
        #expect(r.overall.amountDue == 600)
        #expect(r.overall.collectionRate == 200.0 / 600)
        #expect(r.overall.outstanding == 1200)
    }

    @Test func nothingDueLeavesTheRatesEmpty() {
        let r = Self.report([M.order("C1", 100, due: "2026-12-01"), M.order("C1", 50)])
        #expect(r.overall.amountDue == 0)
        #expect(r.overall.collectionRate == nil)
        #expect(r.overall.onTimeCollectionRate == nil)
        #expect(r.overall.notYetDue == 100)
        #expect(Self.report([]).overall.collectionRate == nil)
    }

    @Test func anOrderPlacedAfterAsOfIsNotAReceivable() {
        let ctx = M.context(asOf: "2026-11-01 00:00")
        let r = Self.report([M.order("C1", 100, at: "2026-11-01 00:00:01", due: "2026-10-30")], ctx: ctx)
        #expect(r.overall.outstanding == 0)
    }

    @Test func perManagerIsTheOrdersManagerAndTheTotalAddsUp() {
        let r = Self.report([Self.unpaid(10.10, due: "2026-10-01", manager: "M1"), Self.unpaid(20.20, due: "2026-12-01", manager: "M2"),
                             Self.unpaid(0.01, due: "2026-10-30", customer: "C2", manager: "M2")],
                            customers: [M.customer("C1", manager: "M1"), M.customer("C2", manager: "M3")])
        #expect(r.managers.map(\.managerID) == ["M1", "M2"])
        #expect(r.manager("M1")?.overdue == 10.10)
        #expect(r.manager("M2")?.notYetDue == 20.20)
        #expect(r.manager("M2")?.overdue == 0.01)
        #expect(r.overall.outstanding == 30.31)
        // The chase list names the customer's manager now (who chases), not the order's.
        #expect(r.chaseList.first { $0.customerID == "C2" }?.managerID == "M3")
    }

    @Test func chaseListLargestFirstWithVisitSinceFallingBehind() {
        let r = Self.report([
            Self.unpaid(100, due: "2026-09-15"), Self.unpaid(50, due: "2026-10-20"),   // C1: 150, oldest 09-15 (47 days)
            Self.unpaid(500, due: "2026-10-01", customer: "C2"),                        // C2: 500, 31 days
            Self.unpaid(70, due: "2026-10-01", customer: "C3"),                         // C3: visited on the due date only
            M.order("C4", 900, at: "2026-06-01 10:00", due: "2026-12-01"),              // not overdue: not listed
        ], customers: ["C1", "C2", "C3", "C4"].map { M.customer($0) },
           visits: ["C1": .init(any: M.t("2026-10-30 09:00"), counting: M.t("2026-09-16 09:00")),
                    "C3": .init(any: M.t("2026-10-01 18:00"), counting: M.t("2026-10-01 18:00"))],
           grades: ["C1": .A, "C2": .C])
        #expect(r.chaseList.map(\.customerID) == ["C2", "C1", "C3"])
        let c1 = r.chaseList[1]
        #expect(c1.overdueAmount == 150)
        #expect(c1.oldestDaysOverdue == 47)
        #expect(c1.bucket == 1)
        #expect(c1.grade == .A)
        #expect(c1.lastVisit == M.t("2026-09-16 09:00"))   // the latest counting visit, not the online one
        #expect(c1.visitedSinceOverdue)
        #expect(r.chaseList[0].lastVisit == nil && !r.chaseList[0].visitedSinceOverdue)
        #expect(!r.chaseList[2].visitedSinceOverdue)        // a visit on the due date is not after it
    }

    @Test func centsAreExactOverManyOrders() {
        let r = Self.report((0..<1000).map { _ in Self.unpaid(0.10, due: "2026-10-01") })
        #expect(r.overall.overdue == 100)
    }
}
