import Testing
@testable import PostgresURI
@testable import ScorecardMetrics
@testable import ScorecardModel
@testable import ScorecardReports
@testable import ScorecardWarehouse

/// SPEC §3.1: Pareto grades with ties, the credit downgrade, provisional customers.
@Suite struct CustomerGradingTests {
    static func grades(_ orders: [MetricInputs.Order], customers: [MetricInputs.Customer],
                       ctx: MetricContext = M.context(), previous: [String: Grade] = [:]) -> [String: CustomerGrade] {
        var inputs = MetricInputs(ctx)
        inputs.customers = CustomerList(customers)
        inputs.add(orders)
        inputs.previousGrades = PerCustomer(previous)
        return Dictionary(uniqueKeysWithValues: CustomerGrading.grade(inputs, ctx).map { ($0.customerID, $0) })
    }

    /// The grade, provisional and the grading rule's reason share bytes (48 bytes a customer):
    /// every value comes back as it was set, whatever the others are.
    @Test func packedFiguresKeepEveryGradeAndRuling() {
        let rulings: [GradeFigures.Ruling] = [.noSales] + Grade.allCases.flatMap { g in
            [.composite(g), .share(g, .sales), .share(g, .profit)]
        }
        var f = GradeFigures(sales12m: 1, profit12m: 1, avgDaysLate: nil, onTimeRate: nil, firstActivity: nil, grade: .C,
                             provisional: false, previousGrade: nil)
        for grade in Grade.allCases {
            for provisional in [false, true] {
                for ruling in rulings {
                    f.grade = grade
                    f.provisional = provisional
                    f.ruling = ruling
                    #expect(f.grade == grade && f.provisional == provisional && f.ruling == ruling)
                    f.provisional.toggle()
                    #expect(f.grade == grade && f.provisional != provisional && f.ruling == ruling)
                }
            }
        }
    }

    @Test func exactSeventyAndNinetyPercentBoundaries() {
        // T = 100: ahead(C1) = 0 → A; ahead(C2) = 70, not < 70 → B; ahead(C3) = 90, not < 90 → C.
        let g = Self.grades([M.order("C1", 70), M.order("C2", 20), M.order("C3", 10)],
                            customers: ["C1", "C2", "C3"].map { M.customer($0) })
        #expect(g.mapValues(\.grade) == ["C1": .A, "C2": .B, "C3": .C])
    }

    @Test func tiesShareAGrade() {
        // C1 and C2 tie at 40: nobody is strictly ahead of either, so both are A; C3 has 80 ahead → B.
        let g = Self.grades([M.order("C1", 40), M.order("C2", 40), M.order("C3", 15), M.order("C4", 5)],
                            customers: ["C1", "C2", "C3", "C4"].map { M.customer($0) })
        #expect(g.mapValues(\.grade) == ["C1": .A, "C2": .A, "C3": .B, "C4": .C])
    }

    @Test func zeroTotalMakesEveryoneC() {
        let g = Self.grades([M.order("C1", 0), M.order("C2", 50, completed: false)], customers: [M.customer("C1"), M.customer("C2"), M.customer("C3")])
        #expect(g.values.allSatisfy { $0.grade == .C && $0.sales12m == 0 })
    }

    @Test func onlyCompletedOrdersInTheTwelveMonthWindowCount() {
        let g = Self.grades([
            M.order("C1", 100, at: "2025-11-01 00:00"),       // first moment of the window
            M.order("C1", 1000, at: "2025-10-31 23:59"),      // just before it
            M.order("C1", 10, at: "2026-10-31 23:59:59", cost: 4),
            M.order("C1", 500, completed: false),             // cancelled or refunded
            M.order("C1", 7, at: "2026-11-01 00:00"),         // the next period
        ], customers: [M.customer("C1")])
        #expect(g["C1"]?.sales12m == 110)
        #expect(g["C1"]?.profit12m == 6)  // only orders with a cost
    }

    @Test func profitBasisGradesOnProfit() {
        let ctx = M.context { $0.grading.basis = .profit }
        let g = Self.grades([M.order("C1", 1000, cost: 990), M.order("C2", 100, cost: 10), M.order("C3", 50, cost: 60)],
                            customers: ["C1", "C2", "C3"].map { M.customer($0) }, ctx: ctx)
        // Profits 10, 90, −10: T = 100; C2 → A, C1 (90 ahead) → C, C3 (negative) → C.
        #expect(g.mapValues(\.grade) == ["C1": .C, "C2": .A, "C3": .C])
    }

    @Test func latePayersAreDowngradedOneStep() {
        // C1: due 10-01, paid 10-31 → 30 days late: not above 30, stays A.
        // C2: due 10-01, paid 10-31 → 30 days, amount-weighted with an on-time order: (300·30 + 100·0)/400 = 22.5.
        // C3: due 09-01, never paid, as_of 11-01 → 61 days late → B becomes C.
        let g = Self.grades([
            M.order("C1", 800, at: "2026-09-01 10:00", due: "2026-10-01", paid: "2026-10-31"),
            M.order("C2", 300, at: "2026-09-01 10:00", due: "2026-10-01", paid: "2026-10-31"),
            M.order("C2", 100, at: "2026-09-01 10:00", due: "2026-10-01", paid: "2026-09-30"),
            M.order("C3", 200, at: "2026-08-01 10:00", due: "2026-09-01"),
        ], customers: ["C1", "C2", "C3"].map { M.customer($0) })
        #expect(g["C1"]?.avgDaysLate == 30)
        #expect(g["C1"]?.grade == .A)
        #expect(g["C2"]?.avgDaysLate == 22.5)
        #expect(g["C2"]?.onTimeRate == 0.5)
        #expect(g["C3"]?.avgDaysLate == 61)
        #expect(g["C3"]?.grade == .C)
        #expect(g["C3"]?.onTimeRate == 0)
    }

    @Test func downgradeAboveThirtyDays() {
        let g = Self.grades([M.order("C1", 900, at: "2026-08-01 10:00", due: "2026-09-01", paid: "2026-10-02"),
                             M.order("C2", 100)], customers: ["C1", "C2"].map { M.customer($0) })
        #expect(g["C1"]?.avgDaysLate == 31)
        #expect(g["C1"]?.grade == .B)  // A lowered one step
    }

    @Test func paymentAfterAsOfIsUnpaidAndNotYetDueIsIgnored() {
        // as_of 2026-11-01 00:00. Due 10-20, paid 11-05 (after as_of) → unpaid: 12 days late.
        // Due 10-31 → counted; due 11-01 is not before as_of → ignored (also outside the window).
        let g = Self.grades([
            M.order("C1", 100, at: "2026-09-20 10:00", due: "2026-10-20", paid: "2026-11-05"),
            M.order("C1", 100, at: "2026-10-01 10:00", due: "2026-10-31", paid: "2026-10-31"),
            M.order("C1", 100, at: "2026-10-02 10:00", due: "2026-11-01"),
        ], customers: [M.customer("C1")])
        #expect(g["C1"]?.avgDaysLate == 6)
        #expect(g["C1"]?.onTimeRate == 0.5)
    }

    @Test func noDueOrdersLeavePaymentEmpty() {
        let g = Self.grades([M.order("C1", 100)], customers: [M.customer("C1")])
        #expect(g["C1"]?.avgDaysLate == nil)
        #expect(g["C1"]?.onTimeRate == nil)
    }

    @Test func provisionalUnderSixMonthsBeforeThePeriodEnd() {
        // Period end 2026-11-01; six months before is 2026-05-01 00:00.
        let g = Self.grades([
            M.order("C3", 5, at: "2025-01-10 10:00", completed: false),  // long before the sales window
            M.order("C5", 5, at: "2026-11-01 00:00"),                    // after the period: not yet activity
        ], customers: [
            M.customer("C1", since: "2026-05-01"),   // exactly six months: not provisional
            M.customer("C2", since: "2026-05-02"),   // less than six months: provisional
            M.customer("C3", since: "2026-06-01"),   // new, but ordered before: first activity counts
            M.customer("C4"),
            M.customer("C5"),
        ])
        #expect(g.mapValues(\.provisional) == ["C1": false, "C2": true, "C3": false, "C4": false, "C5": false])
    }

    /// A first order is kept to the second however far before the period end it lies (within 68
    /// years it is packed beside the sums, further away kept apart), the earliest of several.
    @Test func firstOrdersNearAndFarAreKeptExactly() {
        let g = Self.grades([
            M.order("C1", 5, at: "2026-10-10 10:00"), M.order("C1", 5, at: "2026-10-10 09:59:59"),
            M.order("C2", 5, at: "1950-01-01 00:00"), M.order("C2", 5, at: "1949-12-31 23:59:59", completed: false),
            M.order("C3", 5, at: "1958-11-02 00:00"),
        ], customers: [M.customer("C1"), M.customer("C2"), M.customer("C3"), M.customer("C4")])
        #expect(g["C1"]?.firstActivity == M.t("2026-10-10 09:59:59"))
        #expect(g["C2"]?.firstActivity == M.t("1949-12-31 23:59:59"))
        #expect(g["C3"]?.firstActivity == M.t("1958-11-02 00:00"))
        #expect(g["C4"]?.firstActivity == nil)
    }

    @Test func compositeScoresPercentRanksAndPayment() {
        let ctx = M.context { $0.grading.method = .composite }
        // Sales 300/200/100 → PR 1, 0.5, 0; profit (all cost-less) 0 → PR 0 for all;
        // payment: C1 unpaid (on time 0), others none (count as 1).
        // C1: 0.5·1 + 0 + 0.2·0 = 0.5 → B (avg 61 days late > 30 → C); C2: 0.25 + 0.2 = 0.45 → B; C3: 0.2 → C.
        let g = Self.grades([M.order("C1", 300, at: "2026-08-01 10:00", due: "2026-09-01"), M.order("C2", 200), M.order("C3", 100)],
                            customers: ["C1", "C2", "C3"].map { M.customer($0) }, ctx: ctx)
        #expect(g.mapValues(\.grade) == ["C1": .C, "C2": .B, "C3": .C])
    }

    @Test func gradeChangeAgainstThePreviousPeriod() {
        let g = Self.grades([M.order("C1", 90), M.order("C2", 10)], customers: ["C1", "C2", "C3"].map { M.customer($0) },
                            previous: ["C1": .B, "C2": .A])
        #expect(g["C1"]?.change == .upgrade)
        #expect(g["C2"]?.change == .downgrade)
        #expect(g["C3"]?.change == .new)
        #expect(g["C2"]?.previousGrade == .A)
    }

    /// SPEC §4.1.1: every reason that applies, in order (the grade by share, a downgrade, provisional).
    @Test func gradeReasonsNameEveryRuleThatApplied() {
        let g = Self.grades([
            M.order("C1", 800, at: "2026-09-01 10:00", due: "2026-09-01"),                       // unpaid 61 days: A → B
            M.order("C2", 150), M.order("C3", 50),
        ], customers: [M.customer("C1", since: "2026-07-12"), M.customer("C2", since: "2020-01-01"), M.customer("C3"), M.customer("C4", since: "2020-01-01")])
        #expect(g["C1"]?.grade == .B)
        #expect(g["C1"]?.reasons == [.share(.A, .sales), .downgraded(averageDaysLate: 61, from: .A), .provisional(firstActivity: M.d("2026-07-12"))])
        #expect(g["C1"]?.reasons.map(\.description) == ["A by sales share", "downgraded A→B: 61.0 days late on average",
                                                          "provisional: first activity 2026-07-12"])
        #expect(g["C2"]?.reasons == [.share(.B, .sales)])
        #expect(g["C4"]?.reasons == [.noSales])
        let zh = Labels(language: .zhCN)
        #expect(g["C1"]!.reasons.map(zh.reason) == ["按销售额占比评为A", "逾期降级 A→B：平均逾期61.0天", "暂定：首次业务 2026-07-12"])
        #expect(zh.reason(.downgraded(averageDaysLate: 93.8, from: .C)) == "平均逾期93.8天（已是C，不再下调）")
    }

    /// The 客户分级 sheets read the reasons back from `customer_grades.grade_reason` (issue 29):
    /// every reason a grade gives is read back as itself, a downgrade's days from `avg_days_late`.
    @Test func storedReasonsReadBackAsTheyWereGiven() {
        let reasons: [GradeReason] = [.share(.A, .sales), .share(.C, .profit), .composite(.B), .noSales,
                                      .downgraded(averageDaysLate: 61.25, from: .A), .downgraded(averageDaysLate: 93.75, from: .C),
                                      .provisional(firstActivity: M.d("2026-07-12"))]
        let stored = reasons.map(\.description).joined(separator: GradeReason.storedSeparator)
        #expect(Array(GradeReason.stored(stored, averageDaysLate: 61.25).map(\.reason).prefix(5)) == reasons.prefix(5).map { $0 })
        let dated = Array(GradeReason.stored(stored, averageDaysLate: 93.75).map(\.reason).suffix(2))
        #expect(dated == reasons.suffix(2).map { $0 })
        // A text no reason writes is kept as it is, not dropped.
        #expect(GradeReason.stored("A by sales share; hand-edited", averageDaysLate: nil).map { $0.reason == nil ? String($0.text) : "" } == ["", "hand-edited"])
        #expect(GradeReason.stored("", averageDaysLate: nil).isEmpty)
    }

    /// Once the grades are stored the results keep only the moves (issue 29): the tallies of the
    /// organisation and of any set of managers are the ones all the grades give.
    @Test func keepingMovesKeepsTheMovesAndEveryTally() {
        let g = Self.grades([M.order("C1", 800), M.order("C2", 150.25), M.order("C3", 50, manager: "M2"), M.order("C4", 10, manager: "M2")],
                            customers: [M.customer("C1"), M.customer("C2"), M.customer("C3", manager: "M2"), M.customer("C4", manager: "M2"),
                                        M.customer("C5", manager: "M3")],
                            previous: ["C1": .B, "C2": .B, "C3": .A, "C4": .A])  // C1 B→A, C2 stays B, C3 and C4 A→C, C5 new
        let all = CustomerGrades(g.keys.sorted().map { g[$0]! })
        let kept = all.keepingMoves()
        #expect(all.holdsAll && !kept.holdsAll)
        #expect(kept.map(\.customerID) == all.filter { $0.change == .upgrade || $0.change == .downgrade }.map(\.customerID))
        #expect(kept.map(\.customerID) == ["C1", "C3", "C4"])
        #expect(kept.tally == all.tally)
        #expect(all.tally.customers == 5 && all.tally.upgrades == 1 && all.tally.downgrades == 2 && all.tally.anyPrevious)
        #expect(all.tally.sales == 1010.25 && all.tally.sales(.A) == 800)
        for managers: Set<String> in [["M1"], ["M2"], ["M1", "M3"], []] {
            #expect(kept.restricted(to: managers).tally == all.restricted(to: managers).tally, "\(managers)")
            #expect(kept.restricted(to: managers).map(\.customerID) == all.restricted(to: managers).filter { $0.change != .same && $0.change != .new }.map(\.customerID))
        }
        #expect(all.restricted(to: ["M3"]).tally.customers(.C) == 1)
    }

    /// The runner makes the figures giving back the ledger's totals 65 536 customers at a time
    /// (issue 29): the same figures as with the totals held, across the chunks' edges.
    @Test func figuresMadeReleasingTheTotalsAreTheSame() {
        let ctx = M.context()
        var inputs = MetricInputs(ctx)
        let n = 140_000
        inputs.customers = CustomerList((0..<n).map { M.customer(String(format: "C%06d", $0), manager: "M\($0 % 7)", since: $0 % 5 == 0 ? "2026-08-01" : nil) })
        inputs.add((0..<n).filter { $0 % 3 != 1 }.map { M.order(String(format: "C%06d", $0), Double($0 % 997) + 0.25, manager: "M\($0 % 7)") })
        let held = CustomerGrading.figures(inputs, ctx)
        let released = CustomerGrading.figures(releasingTotalsOf: &inputs, ctx)
        #expect(released.count == n)
        #expect(released == held)
        #expect(released.figures(at: 65_536) == held.figures(at: 65_536) && released.figures(at: n - 1) == held.figures(at: n - 1))
        #expect(inputs.orders.totals(of: "C000002").salesCents == 0, "the totals are gone")
    }

    @Test func aChunkedArrayGivesBackOnlyWholeChunksBelow() {
        var a = ChunkedArray(repeating: 0, count: 200_000)
        for i in stride(from: 0, to: 200_000, by: 999) { a[i] = i }
        a.release(below: 70_000)  // the first chunk only: 65 536 positions
        #expect(a.released == 65_536)
        #expect(a[65_536] == 0 && a[69_930] == 69_930 && a[199_800] == 199_800)
        a.release(below: 200_000)  // three whole chunks; the last, partial one is kept
        #expect(a.released == 196_608 && a[199_800] == 199_800)
        a.release(below: 10)
        #expect(a.released == 196_608)
    }
}
