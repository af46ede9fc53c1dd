import Testing
@testable import PostgresURI
@testable import ScorecardMetrics
@testable import ScorecardPipeline
@testable import ScorecardWarehouse

/// SPEC §3.10: the daily visit quota on the business calendar, plan execution, plans
/// filed on time, unplanned visits. October 2026.
@Suite struct VisitQuotasTests {
    /// National Day holidays 10-01…10-07, Saturday 10-10 worked instead.
    static func context(asOf: String, _ configure: (inout PipelineConfig) -> Void = { _ in }) -> MetricContext {
        M.context(asOf: asOf) { c in
            c.calendar.holidays = Set((1...7).map { M.d("2026-10-0\($0)") })
            c.calendar.workdaysExtra = [M.d("2026-10-10")]
            c.visits.dailyQuota = ["urban": 2, "rural": 1]
            configure(&c)
        }
    }

    static func report(visits: [MetricInputs.Visit], plans: [MetricInputs.VisitPlan] = [], listed: Set<String> = ["M1", "M2"],
                       ctx: MetricContext) -> VisitQuotaReport {
        var inputs = MetricInputs(ctx)
        inputs.managers = [.init(id: "M1", active: true), .init(id: "M2", active: true, territory: "rural")]
        inputs.visits = VisitList(visits)
        inputs.visitPlans = VisitPlanList(plans)
        inputs.hasVisitPlans = !plans.isEmpty
        return VisitQuotas.compute(inputs, managers: listed, ctx)
    }

    @Test func workingDaysSkipHolidaysAndCountTheAdjustedSaturday() {
        let ctx = Self.context(asOf: "2026-10-13 00:00")
        // Up to as_of's date, exclusive: 10-08 Thu, 10-09 Fri, 10-10 Sat (worked), 10-12 Mon.
        #expect(VisitQuotas.workingDays(ctx).map(\.description) == ["2026-10-08", "2026-10-09", "2026-10-10", "2026-10-12"])
    }

    @Test func distinctOnSiteCustomersPerWorkingDayAgainstTheTerritorysQuota() {
        let ctx = Self.context(asOf: "2026-10-13 00:00")
        let r = Self.report(visits: [
            M.visit("V1", customer: "C1", start: "2026-10-05 10:00"),                 // a holiday: counts for nothing
            M.visit("V2", customer: "C1", start: "2026-10-08 09:00"),
            M.visit("V3", customer: "C1", start: "2026-10-08 15:00"),                 // the same customer again
            M.visit("V4", customer: "C2", start: "2026-10-08 16:00"),                 // 10-08: 2 customers, at quota
            M.visit("V5", customer: "C1", start: "2026-10-09 09:00"),
            M.visit("V6", customer: "C2", start: "2026-10-09 10:00", type: "phone"),  // not on site: 10-09 has 1
            M.visit("V7", customer: "C1", start: "2026-10-10 09:00"),
            M.visit("V8", customer: "C3", start: "2026-10-10 11:00"),                 // the worked Saturday: 2
            M.visit("V9", customer: "C1", start: "2026-10-11 09:00"),
            M.visit("V10", customer: "C2", start: "2026-10-11 10:00"),                // Sunday: nothing
            M.visit("V11", customer: "C4", manager: "M2", start: "2026-10-12 09:00"), // rural, quota 1
        ], ctx: ctx)
        let m1 = r.quotas.first { $0.managerID == "M1" }!
        #expect((m1.territory, m1.quota, m1.workingDays, m1.daysAtQuota) == ("urban", 2, 4, 2))
        #expect(m1.quotaRate == 0.5)
        #expect(m1.meanCustomersPerDay == 1.25)   // (2 + 1 + 2 + 0) / 4
        #expect(m1.daysShort.map(\.description) == ["2026-10-09", "2026-10-12"])
        let m2 = r.quotas.first { $0.managerID == "M2" }!
        #expect((m2.territory, m2.quota, m2.daysAtQuota) == ("rural", 1, 1))
    }

    @Test func aQuotaOfZeroIsOff() {
        let off = Self.report(visits: [], ctx: Self.context(asOf: "2026-11-01 00:00") { $0.visits.dailyQuota = ["urban": 0, "rural": 0] })
        #expect(!off.quotaOn && off.quotas.isEmpty)
        let ruralOnly = Self.report(visits: [], ctx: Self.context(asOf: "2026-11-01 00:00") { $0.visits.dailyQuota = ["urban": 0, "rural": 25] })
        #expect(ruralOnly.quotas.map(\.managerID) == ["M2"])
        // Managers not listed (no activity, not active) are not shown.
        #expect(Self.report(visits: [], listed: ["M1"], ctx: Self.context(asOf: "2026-11-01 00:00")).quotas.map(\.managerID) == ["M1"])
    }

    @Test func aPlanIsDoneByTheSameManagersVisitWithinTwoDays() {
        let ctx = Self.context(asOf: "2026-10-25 00:00")
        let r = Self.report(visits: [
            M.visit("V1", customer: "C1", start: "2026-10-12 09:00"),                 // plan 10-10: 2 days off, done
            M.visit("V2", customer: "C2", start: "2026-10-18 09:00"),                 // plan 10-15: 3 days off, not done
            M.visit("V3", customer: "C3", manager: "M2", start: "2026-10-20 09:00"),  // plan of M1: another manager's visit
            M.visit("V4", customer: "C4", start: "2026-10-21 09:00", type: "online"), // not a counting type
        ], plans: [
            M.plan("C1", on: "2026-10-10"), M.plan("C2", on: "2026-10-15"), M.plan("C3", on: "2026-10-20"),
            M.plan("C4", on: "2026-10-21"),
            M.plan("C5", on: "2026-10-25"),                                           // as_of's date: not yet due
        ], ctx: ctx)
        let m1 = r.plans(of: "M1")!
        #expect((m1.plans, m1.plansDue, m1.plansDone) == (5, 4, 1))
        #expect(m1.planExecutionRate == 0.25)
        // Counting visits in the period: V1 (planned), V2 (no plan within 2 days): M1 1 of 2 unplanned; M2's V3 has no plan of M2.
        #expect((m1.countingVisits, m1.unplannedVisits) == (2, 1))
        #expect(r.plans(of: "M2")?.unplannedShare == 1)
        #expect(r.plans(of: "")?.unplannedShare == 2.0 / 3)
    }

    @Test func aPlanIsFiledOnTimeBeforeTheEndOfTheLastWorkingDayOfTheMonthBefore() {
        // September 2026 ends on a Wednesday: October's plans are due by 10-01 00:00.
        let plans = [M.plan("C1", on: "2026-10-12", submitted: "2026-09-30 23:59:59"),
                     M.plan("C2", on: "2026-10-12", submitted: "2026-10-01 00:00"),   // at the last working day's end: late
                     M.plan("C3", on: "2026-10-12", submitted: nil)]                   // missing: late
        let r = Self.report(visits: [], plans: plans, ctx: Self.context(asOf: "2026-11-01 00:00"))
        #expect(r.plans(of: "M1")?.plansOnTime == 1)
        #expect(r.plans(of: "M1")?.planOnTimeRate == 1.0 / 3)
        // With 09-30 a holiday the last working day is 09-29: its end is the deadline.
        let holiday = Self.report(visits: [], plans: [M.plan("C1", on: "2026-10-12", submitted: "2026-09-29 23:59:59"),
                                                      M.plan("C2", on: "2026-10-12", submitted: "2026-09-30 00:00")],
                                  ctx: Self.context(asOf: "2026-11-01 00:00") { $0.calendar.holidays.insert(M.d("2026-09-30")) })
        #expect(holiday.plans(of: "M1")?.plansOnTime == 1)
    }

    @Test func withoutPlansTheReportSaysThereIsNoData() {
        let r = Self.report(visits: [M.visit("V1", start: "2026-10-12 09:00")], ctx: Self.context(asOf: "2026-11-01 00:00"))
        #expect(!r.hasPlans && r.plans.isEmpty)
    }
}
