import Dispatch
import ScorecardModel

/// Every result of SPEC §3 for one period.
public struct PeriodResults: Sendable {
    public var period: Period
    public var asOf: Int
    /// Every customer's grade; after a run (`PipelineRunner`) only those that moved, with every
    /// manager's tally (`CustomerGrades.holdsAll`): the warehouse's `customer_grades` has them all.
    public var grades: CustomerGrades
    public var complaints: ComplaintReport
    public var visits: VisitReport
    public var satisfaction: SatisfactionReport
    public var receivables: ReceivablesReport
    public var development: DevelopmentReport
    public var service: ServiceReport
    public var visitQuotas: VisitQuotaReport
    public var managers: [ManagerScore]
    /// Written work owed and its statuses, targets at every level, the ledger (SPEC §3.11, §3.12).
    public var submissions = SubmissionReport()
    public var targets = TargetReport()
    public var ledger = LedgerReport()
    /// The ranked managers rolled up to their teams (SPEC §4.1.1).
    public var teams: [TeamSummary] = []
    /// The organisation the teams roll up through (SPEC §4.4).
    public var tree = TeamTree(teams: [], managerTeams: [])
    /// Each manager's team (the tree's id), for the managers who name one (SPEC §4.4).
    public var managerTeams: [String: String] = [:]
    /// The team this is the report of (`outputs.per_team`, SPEC §4.4); nil for the organisation.
    public var team: String?
    /// Optional entities with no data: their KPIs and lists are left out (SPEC §2.7).
    public var absent: Set<Entity> = []
    /// Open orders of the period by manager: loaded, never a sale (SPEC §2.7).
    public var openOrders: [String: OpenOrders] = [:]
    /// How many customers have each grade, and their 12-month sales (the grades present): from
    /// the grades' tally, held or not (issue 29).
    public var gradeTotals: [Grade: (customers: Int, sales: Double)] {
        let tally = grades.tally
        return Dictionary(uniqueKeysWithValues: Grade.allCases.filter { tally.customers($0) > 0 }.map { ($0, (tally.customers($0), tally.sales($0))) })
    }
    /// Mean overall score of all surveys in the period (μ of the adjusted score).
    public var meanOverall: Double? { satisfaction.overall?.meanOverall }
}

/// Runs the metrics in their order: grades first (complaints, visits and
/// satisfaction are broken down by grade), the ranking last (it ranks their KPIs).
public enum PeriodMetrics {
    /// The version of the metrics and reports, part of the pipeline hash (an unchanged
    /// rerun keeps its reports only when they were made by the same rules).
    /// 2: receivables and customer development (SPEC §3.7, §3.8). 3: repair follow-ups, visit quotas and plans (§3.9, §3.10). 4: headline figures stored for the next period. 5, 6: the reports reworded after a native read (issue 15).
    /// 7: absent exports left out, open orders, the default period by events per period (issue 26).
    /// 8: the SLA KPI adjusted toward the overall rate (SPEC §3.5, issue 30).
    /// 9: the manager page for the talk, 离职 marked everywhere, the talk's marks on active managers (issue 30 items 9, 10).
    /// 10: written work, the ledger and targets at every level (SPEC §3.11, §3.12, issue 32); a report per supervised team
    ///     (`outputs.per_team`, SPEC §4.4), their figures stored for their next period.
    public static let version = 10

    /// - Parameter timing: called with each metric's name and seconds (for `--verbose`).
    public static func compute(_ inputs: MetricInputs, _ ctx: MetricContext,
                               timing: (String, Double) -> Void = { _, _ in }) -> PeriodResults {
        let grades = timed("grades", timing) { CustomerGrading.grade(inputs, ctx) }
        return compute(inputs, grades: grades, ctx, timing: timing)
    }

    /// Every metric after grading, on the grades `CustomerGrading.grade` made of `inputs`
    /// (its order ledger's per-customer totals may be released by now).
    public static func compute(_ inputs: MetricInputs, grades: CustomerGrades, _ ctx: MetricContext,
                               timing: (String, Double) -> Void = { _, _ in }) -> PeriodResults {
        var inputs = inputs
        let gradeOf = gradeOf(grades, inputs.positions)
        let field = FieldWork.compute(&inputs, grades: grades, gradeOf: gradeOf, ctx, timing: timing)
        let complaints = complaints(&inputs, grades: gradeOf, ctx, timing: timing)
        return compute(consume inputs, grades: grades, gradeOf: gradeOf, field: field, complaints: complaints, ctx, timing: timing,
                       readWrittenWork: { _ in })  // read with the rest
    }

    /// The complaints' SLA report (SPEC §3.2); the complaints read are released.
    package static func complaints(_ inputs: inout MetricInputs, grades: PerCustomer<Grade>, _ ctx: MetricContext,
                                   timing: (String, Double) -> Void = { _, _ in }) -> ComplaintReport {
        let report = timed("complaint SLA", timing) { ComplaintMetrics.compute(inputs, grades: grades, ctx) }
        inputs.complaints = []
        return report
    }

    /// Every metric after the field work and the complaints, on the grades and what
    /// `FieldWork.compute` and `complaints` made of `inputs` (whose visits and complaints are released).
    /// Each part of the inputs is released once its metrics are made: the surveys (folded as they
    /// streamed, `SurveyResponses`) after satisfaction and the managers they make active; the
    /// customer list, its positions and `gradeOf` after the receivables, the last metric to look a
    /// customer up (nothing after may: `gradeOf` is consumed there); the requests after the
    /// follow-ups; the submissions as their items are made (the bank-shaped set: 0.1 GB of them at
    /// the end of the metrics, issue 29). Pass the inputs and `gradeOf` with `consume` for their
    /// memory to go. `readWrittenWork` folds the submissions in (`SubmissionFold`) once the
    /// surveys and requests are released (the runner reads them only then); the tests' inputs
    /// hold them as records.
    package static func compute(_ inputs: consuming MetricInputs, grades: CustomerGrades, gradeOf: consuming PerCustomer<Grade>, field: FieldWork,
                                complaints: ComplaintReport, _ ctx: MetricContext, timing: (String, Double) -> Void = { _, _ in },
                                readWrittenWork: (inout MetricInputs) throws -> Void) rethrows -> PeriodResults {
        func timed<T>(_ name: String, _ body: () -> T) -> T { PeriodMetrics.timed(name, timing, body) }
        // Folded as they streamed (`readActivity`), or from the surveys given (tests); then the
        // managers they make active (SPEC §3.5). The fold (and the grades it holds) ends with the block.
        let satisfaction: SatisfactionReport
        var active: Set<String>
        do {
            let responses = inputs.surveyResponses.take()
                ?? inputs.surveys.reduce(into: surveyResponses(grades: gradeOf, complaints: complaints, ctx)) { $0.add($1) }
            inputs.surveys = []
            satisfaction = timed("satisfaction") { responses.report() }
            active = responses.managers
        }

        let receivables = timed("receivables") { ReceivablesMetrics.compute(inputs, grades: gradeOf, ctx) }
        // The last metric to look a customer up is done: the customer list, its positions and what is
        // kept by them go (the bank-shaped set: 32 MB to the end of the metrics, issue 29). Those of
        // the results that name customers keep their own ids.
        _ = consume gradeOf
        (inputs.customers, inputs.previousGrades, inputs.surveyedCustomers, inputs.latestCountingVisit) = ([], [:], [:], [:])
        let development = timed("development") { CustomerDevelopment.compute(inputs, newCustomers: field.newCustomers, graded: field.graded) }
        let service = timed("service follow-ups") { ServiceFollowUps.compute(inputs, ctx) }
        inputs.serviceRequests = []

        // Managers: active in the list, or with any activity in the period (SPEC §3.5).
        active.formUnion(inputs.managers.lazy.filter(\.active).map(\.id))
        active.formUnion(inputs.orders.managersWithOrders)
        active.formUnion(field.visitingManagers)
        for x in complaints.complaints { active.insert(x.managerID) }
        var visitQuotas = field.quotas
        if visitQuotas.quotaOn { visitQuotas.quotas = VisitQuotas.quotas(field.onSiteCustomers, managers: active, inputs.managers, ctx) }

        var results = PeriodResults(period: ctx.period, asOf: ctx.asOf, grades: grades, complaints: complaints, visits: field.visits,
                             satisfaction: satisfaction, receivables: receivables, development: development, service: service,
                             visitQuotas: visitQuotas, managers: [])
        results.absent = ctx.absent
        results.openOrders = inputs.orders.managerOpenOrders
        // The organisation (SPEC §4.4), once: a manager's team by the export's id, or by a name only one team has.
        let teamOf = Dictionary(inputs.managers.compactMap { m in m.team.map { (m.id, $0) } }, uniquingKeysWith: { a, _ in a })
        results.tree = TeamTree(teams: inputs.teams, managerTeams: Array(Set(teamOf.values)))
        results.managerTeams = teamOf.mapValues(results.tree.team(named:))
        try readWrittenWork(&inputs)
        rank(&results, active, &inputs, field, ctx, timing: timing)
        timed("team roll-up") { rollUp(&results, ctx) }
        results.ledger.teams = Ledger.teamTotals(results.ledger.totals, tree: results.tree, teamOf: results.managerTeams)
        return results
    }

    /// What the period's surveys are folded into (SPEC §3.4): by the customers' grades, the
    /// corrective list telling which of them complained in the period.
    package static func surveyResponses(grades: PerCustomer<Grade>, complaints: ComplaintReport, _ ctx: MetricContext) -> SurveyResponses {
        SurveyResponses(ctx, grades: grades, complainedCustomers: Set(complaints.complaints.map(\.customerID)))
    }

    /// Each customer's grade by position.
    package static func gradeOf(_ grades: CustomerGrades, _ positions: CustomerPositions) -> PerCustomer<Grade> {
        precondition(grades.holdsAll, "made from every grade, before only the moves are kept")
        var gradeOf = PerCustomer<Grade>(positions)
        for i in grades.indices { gradeOf[grades.customerID(at: i)] = grades.figures(at: i).grade }
        return gradeOf
    }

    /// Targets and written work (the ranking's optional KPIs), the ranking, then the ledger and the
    /// final score (SPEC §3.5, §3.11, §3.12).
    private static func rank(_ results: inout PeriodResults, _ active: Set<String>, _ inputs: inout MetricInputs, _ field: FieldWork,
                             _ ctx: MetricContext, timing: (String, Double) -> Void) {
        let r = results
        // Folded as it streamed (`readWrittenWork`), or from the records given (tests); out of the
        // inputs, to be given up as its items are made.
        var work = inputs.submissionFold.take() ?? inputs.submissions.reduce(into: SubmissionFold(ctx)) { $0.add($1) }
        inputs.submissions = []
        let handbooks = timed("targets and submissions", timing) {
            Handbooks.measure(inputs, submissions: &work, listed: active, teamOf: r.managerTeams, tree: r.tree, development: r.development,
                              countingVisits: field.countingVisits, ctx)
        }
        inputs.deals = []
        let overallSLA = r.complaints.groups.first { $0.grouping == .overall }?.slaRate
        let kpis = active.map { id -> ManagerKPIs in
            var k = ManagerKPIs(managerID: id, sales: handbooks.sales(id),
                                attainment: handbooks.targets.manager(id, .sales)?.attainment,
                                coverageRate: r.visits.summary(id)?.coverageRate,
                                slaRate: r.complaints.group(.manager, id)?.slaRate,
                                adjustedSLARate: r.complaints.group(.manager, id)?.adjustedSLARate(overall: overallSLA, priorWeight: ctx.config.complaints.priorWeight),
                                adjustedSatisfaction: r.satisfaction.manager(id)?.adjustedSatisfaction,
                                collectionRate: r.receivables.manager(id)?.collectionRate,
                                newCustomers: r.development.newCustomers(of: id)?.count ?? 0,
                                serviceCompliance: r.service.group(.manager, id)?.followUpCompliance,
                                planExecutionRate: r.visitQuotas.plans(of: id)?.planExecutionRate)
            handbooks.fill(&k)
            return k
        }
        results.managers = timed("ranking", timing) {
            ManagerRanking.rank(kpis, weights: ctx.config.ranking, useTargets: handbooks.targets.hasSalesTargets, previousRanks: inputs.previousRanks)
        }
        results.submissions = handbooks.submissions
        results.targets = handbooks.targets
        let ledger = timed("ledger", timing) { Ledger.compute(results, ctx) }
        results.ledger = ledger
        results.managers = Ledger.apply(ledger, to: results.managers, affectsScore: ctx.config.ledger.affectsScore)
    }

    /// Every level's rollup of the organisation (SPEC §4.4).
    private static func rollUp(_ results: inout PeriodResults, _ ctx: MetricContext) {
        let customersOf = results.grades.customersByManager
        let rollup = TeamRollup.Inputs(managers: results.managers, visits: results.visits, complaints: results.complaints,
                                       satisfaction: results.satisfaction, receivables: results.receivables, customersOf: customersOf,
                                       teamOf: results.managerTeams, priorWeight: ctx.config.satisfaction.priorWeight)
        results.teams = TeamRollup.compute(rollup, tree: results.tree)
    }

    /// Runs `body`, giving `timing` its name and seconds.
    package static func timed<T>(_ name: String, _ timing: (String, Double) -> Void, _ body: () -> T) -> T {
        let start = DispatchTime.now().uptimeNanoseconds
        let result = body()
        timing(name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        return result
    }
}
