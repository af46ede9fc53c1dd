import ScorecardModel
import ScorecardWarehouse

/// The measures of SPEC §3.11–§3.12 the ranking needs before it ranks: each manager's values
/// per target kind, targets at every level, and the written work owed.
package struct Handbooks {
    package var targets = TargetReport()
    package var submissions = SubmissionReport()
    package var values: [TargetKind: [String: Double]] = [:]

    /// Sales as the ranking counts them (`ranking.sales_basis`).
    package func sales(_ id: String) -> Double { values[.sales]?[id] ?? 0 }

    /// The optional KPIs: the on-time rate over all kinds, the attainments but sales'.
    package func fill(_ k: inout ManagerKPIs) {
        k.submissionRate = submissions.summary(k.managerID)?.onTimeRate
        for kind in [TargetKind.collection, .newCustomers, .visits] {
            if let a = targets.manager(k.managerID, kind)?.attainment { k.attainments[kind] = a }
        }
    }

    /// - Parameters:
    ///   - fold: the submissions as folded (`SubmissionFold`), given up as their items are made.
    ///   - countingVisits: each manager's counting visits in the period, by as_of (`FieldWork`).
    package static func measure(_ inputs: MetricInputs, submissions fold: inout SubmissionFold, listed: Set<String>, teamOf: [String: String], tree: TeamTree,
                                development: DevelopmentReport, countingVisits: [String: Int], _ ctx: MetricContext) -> Handbooks {
        var h = Handbooks()
        let salesCents = ctx.config.ranking.salesBasis == .paid ? inputs.orders.managerPaidSalesCents : inputs.orders.managerSalesCents
        h.values[.sales] = salesCents.mapValues { Double($0) / 100 }
        // Collection (SPEC §3.12): completed orders paid in the period by as_of.
        h.values[.collection] = inputs.orders.managerPaidSalesCents.mapValues { Double($0) / 100 }
        h.values[.newCustomers] = Dictionary(development.newCustomers.map { ($0.managerID, 1.0) }, uniquingKeysWith: +)
        // Visits: the manager's counting visits in the period, by as_of (SPEC §3.3).
        h.values[.visits] = countingVisits.mapValues(Double.init)
        h.targets = TargetAttainments.compute(.init(records: inputs.targets, period: ctx.period, values: h.values, managers: listed, teamOf: teamOf),
                                              tree: tree)
        // Without a submissions export nothing is owed: absent is not zero (SPEC §2.7).
        if !ctx.absent.contains(.submissions), fold.rows > 0 {
            let owing = inputs.managers.filter(\.active)
            h.submissions = fold.report(deals: inputs.deals, owing: owing.map(\.id),
                                        hired: Dictionary(owing.compactMap { m in m.hireDate.map { (m.id, $0) } }) { a, _ in a })
        }
        return h
    }
}
