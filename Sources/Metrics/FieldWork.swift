import ScorecardModel

/// Everything the period's visits and visit plans give (SPEC §3.3, §3.8, §3.10, §3.12), worked
/// out before the complaints, surveys and requests are read, so that the visits and plans are
/// gone by then: on the bank-sized set they were 90 MB of the run's peak, with the grades,
/// the customer list and the period's other activity all held at once (issue 29).
package struct FieldWork: Sendable {
    /// Coverage and the managers' visit summaries (SPEC §3.3).
    package var visits = VisitReport()
    /// Plans (SPEC §3.10); the quotas are listed once the active managers are known, from
    /// `onSiteCustomers`.
    package var quotas = VisitQuotaReport()
    /// Per manager and working day, the distinct customers visited on site.
    package var onSiteCustomers: [String: [CivilDate: Int]] = [:]
    /// Customers new in the period and their first contact (SPEC §3.8).
    package var newCustomers: [NewCustomer] = []
    /// What the field work and the development report take from the grades (SPEC §3.8): made
    /// first (`take`), so that the runner can store and release the grades before the visits are
    /// read (issue 29).
    package var graded = CustomerDevelopment.Graded()
    /// Each manager's counting visits in the period, by as_of (the `visits` target, SPEC §3.12).
    package var countingVisits: [String: Int] = [:]
    /// The managers with a visit started in the period: active (SPEC §3.5).
    package var visitingManagers: Set<String> = []

    package init() {}

    /// Works the field work out of `inputs` (`plan`, then `cover`), emptying its visits, visit
    /// plans and latest counting visits: nothing after this reads them.
    package static func compute(_ inputs: inout MetricInputs, grades: CustomerGrades, gradeOf: PerCustomer<Grade>, _ ctx: MetricContext,
                                timing: (String, Double) -> Void = { _, _ in }) -> FieldWork {
        var work = FieldWork()
        work.take(inputs, grades, ctx, timing: timing)
        work.plan(&inputs, ctx, timing: timing)
        work.cover(&inputs, gradeOf: gradeOf, ctx, timing: timing)
        return work
    }

    /// What the field work and the development report need of the grades: the customers new in
    /// the period, those left behind, the survey reach.
    package mutating func take(_ inputs: MetricInputs, _ grades: CustomerGrades, _ ctx: MetricContext, timing: (String, Double) -> Void = { _, _ in }) {
        graded = PeriodMetrics.timed("development: new, left behind, survey reach", timing) { CustomerDevelopment.graded(inputs, grades, ctx) }
    }

    /// The plans matched with the visits and the quotas' days (SPEC §3.10); the plans are
    /// released. The runner reads the latest counting visits only after this: their 18 MB
    /// beside the plans and the matching sets made the run's peak (issue 29).
    package mutating func plan(_ inputs: inout MetricInputs, _ ctx: MetricContext, timing: (String, Double) -> Void = { _, _ in }) {
        // Without a visits export there is nothing to measure: not 0 % for everyone, and no
        // "A customers not visited" list (SPEC §2.7, "Absent is not zero").
        if !ctx.absent.contains(.visits) {
            quotas = PeriodMetrics.timed("visit quotas and plans", timing) { VisitQuotas.visitsAndPlans(inputs, ctx) }
            if quotas.quotaOn { onSiteCustomers = VisitQuotas.onSiteCustomers(inputs, ctx) }
        }
        inputs.visitPlans = []
    }

    /// Coverage (SPEC §3.3), first contacts (§3.8) and the visit counts; the visits and the latest
    /// counting visits are released.
    package mutating func cover(_ inputs: inout MetricInputs, gradeOf: PerCustomer<Grade>, _ ctx: MetricContext,
                                timing: (String, Double) -> Void = { _, _ in }) {
        if !ctx.absent.contains(.visits) {
            visits = PeriodMetrics.timed("visits", timing) {
                // Taken out of the inputs inside the closure (one captured outside it would still
                // hold the buffer): raised in place by the coverage, not copied.
                var latest: LatestInstants = [:]
                swap(&latest, &inputs.latestCountingVisit)
                return VisitMetrics.compute(inputs, latestCounting: consume latest, grades: gradeOf, ctx)
            }
        } else {
            inputs.latestCountingVisit = [:]
        }
        newCustomers = PeriodMetrics.timed("development: first contacts", timing) { CustomerDevelopment.newCustomers(inputs, graded.arrivals, ctx) }
        let counting = ctx.config.visits.countingTypes
        // Walked, not filtered into copies (the bank-sized set's visits of the period: ~70 MB at the peak, issue 10).
        for x in inputs.visits where ctx.inPeriod(x.start) {
            visitingManagers.insert(x.managerID)
            if counting.contains(x.type), x.start <= ctx.asOf { countingVisits[x.managerID, default: 0] += 1 }
        }
        inputs.visits = []
    }
}
