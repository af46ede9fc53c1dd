import Dispatch

/// Every result of SPEC §3 for one period.
public struct PeriodResults: Sendable {
    public var period: Period
    public var asOf: Int
    public var grades: [CustomerGrade]
    public var complaints: ComplaintReport
    public var visits: VisitReport
    public var satisfaction: SatisfactionReport
    public var managers: [ManagerScore]
    /// Mean overall score of all surveys in the period (μ of the adjusted score).
    public var meanOverall: Double? { satisfaction.overall?.meanOverall }
}

/// Runs the metrics in their order: grades first (complaints, visits and
/// satisfaction are broken down by grade), the ranking last (it ranks their KPIs).
public enum PeriodMetrics {
    /// - Parameter timing: called with each metric's name and seconds (for `--verbose`).
    public static func compute(_ inputs: MetricInputs, _ ctx: MetricContext,
                               timing: (String, Double) -> Void = { _, _ in }) -> PeriodResults {
        func timed<T>(_ name: String, _ body: () -> T) -> T {
            let start = DispatchTime.now().uptimeNanoseconds
            let result = body()
            timing(name, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
            return result
        }
        let grades = timed("grades") { CustomerGrading.grade(inputs, ctx) }
        let gradeOf = Dictionary(uniqueKeysWithValues: grades.map { ($0.customerID, $0.grade) })
        let complaints = timed("complaint SLA") { ComplaintMetrics.compute(inputs, grades: gradeOf, ctx) }
        let visits = timed("visits") { VisitMetrics.compute(inputs, grades: gradeOf, ctx) }
        let satisfaction = timed("satisfaction") {
            SatisfactionMetrics.compute(inputs, grades: gradeOf, complainedCustomers: Set(complaints.complaints.map(\.customerID)), ctx)
        }

        // Managers: active in the list, or with any activity in the period (SPEC §3.5).
        var active = Set(inputs.managers.filter(\.active).map(\.id)).union(inputs.orders.managersWithOrders)
        inputs.visits.filter { ctx.inPeriod($0.start) }.forEach { active.insert($0.managerID) }
        complaints.complaints.forEach { active.insert($0.managerID) }
        inputs.surveys.filter { ctx.inPeriod($0.at) }.forEach { active.insert($0.managerID) }

        let useTargets = !inputs.salesTargets.isEmpty
        let kpis = active.map { id -> ManagerKPIs in
            let sales = Double(inputs.orders.managerSalesCents[id] ?? 0) / 100
            let target = inputs.salesTargets[id]
            return ManagerKPIs(managerID: id, sales: sales,
                               attainment: target.flatMap { $0 > 0 ? sales / $0 : nil },
                               coverageRate: visits.summary(id)?.coverageRate,
                               slaRate: complaints.group(.manager, id)?.slaRate,
                               adjustedSatisfaction: satisfaction.manager(id)?.adjustedSatisfaction)
        }
        let managers = timed("ranking") {
            ManagerRanking.rank(kpis, weights: ctx.config.ranking, useTargets: useTargets, previousRanks: inputs.previousRanks)
        }
        return PeriodResults(period: ctx.period, asOf: ctx.asOf, grades: grades, complaints: complaints, visits: visits,
                             satisfaction: satisfaction, managers: managers)
    }
}
