import ScorecardModel
import ScorecardWarehouse

/// The period's surveys folded one by one as they stream from the warehouse (`forEachSurvey`):
/// each manager's and grade's tally, the corrective-action list and the managers surveyed,
/// never every survey held (the bank-shaped set's month of surveys with their dimension scores
/// was 35 MB at the PostgreSQL client's peak, issue 29). SPEC §3.4.
///
///     var responses = SurveyResponses(ctx, grades: gradeOf, complainedCustomers: complained)
///     try warehouse.forEachSurvey(from: ctx.start, to: ctx.end, clock: ctx.clock) { responses.add($0) }
///     let report = responses.report()
package struct SurveyResponses: Sendable {
    private let ctx: MetricContext
    private let grades: PerCustomer<Grade>
    private let complainedCustomers: Set<String>
    private var tallied: SatisfactionReport
    private var corrective: [CorrectiveAction] = []
    /// The managers with a survey in the period: active (SPEC §3.5).
    package private(set) var managers: Set<String> = []

    /// - Parameter complainedCustomers: the customers who complained in the period (the corrective list says so).
    package init(_ ctx: MetricContext, grades: PerCustomer<Grade>, complainedCustomers: Set<String>) {
        self.ctx = ctx
        self.grades = grades
        self.complainedCustomers = complainedCustomers
        tallied = SatisfactionReport(dimensions: ctx.config.satisfaction.dimensions.map(\.name))
    }

    /// One survey: counted when made in the period.
    package mutating func add(_ x: MetricInputs.Survey) {
        guard ctx.inPeriod(x.at) else { return }
        managers.insert(x.managerID)
        tallied.tallies[SatisfactionTally.Key(manager: x.managerID, grade: grades[x.customerID]?.rawValue ?? "-"), default: SatisfactionTally()]
            .add(x, dimensions: tallied.dimensionNames)
        guard let overall = x.overall, overall <= ctx.config.satisfaction.correctiveMaxScore else { return }
        corrective.append(CorrectiveAction(surveyID: x.id, customerID: x.customerID, managerID: x.managerID, overall: overall,
                                           comment: x.comment, complained: complainedCustomers.contains(x.customerID)))
        if tallied.correctiveAt[x.id] == nil { tallied.correctiveAt[x.id] = x.at }
    }

    /// Every group's summary, the managers' adjusted toward the mean of all, and the corrective list
    /// by score, then survey id.
    package func report() -> SatisfactionReport {
        var report = tallied
        let all = report.tallies.values.reduce(into: SatisfactionTally()) { $0.merge($1) }
        report.groups = report.summaries(adjustedToward: all.meanOverall, priorWeight: ctx.config.satisfaction.priorWeight)
        report.corrective = corrective.sorted { ($0.overall, $0.surveyID) < ($1.overall, $1.surveyID) }
        return report
    }
}
