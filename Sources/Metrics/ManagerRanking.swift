import ScorecardModel
import ScorecardPipeline

/// One manager's KPIs, score and rank (SPEC §3.5; table `manager_scores`).
public struct ManagerScore: Sendable, Equatable {
    public var managerID: String
    /// Completed order amount in the period attributed to the manager.
    public var sales: Double
    /// sales / target when a targets file gives one (then the sales KPI).
    public var attainment: Double?
    public var coverageRate: Double?
    /// The raw SLA rate (shown with its count); the KPI is `adjustedSLARate`.
    public var slaRate: Double?
    /// SPEC §3.5: the SLA KPI, shrunk toward the period's overall rate.
    public var adjustedSLARate: Double?
    public var adjustedSatisfaction: Double?
    /// Optional KPIs (SPEC §3.5): the collection rate of §3.7 and the new customers of §3.8.
    public var collectionRate: Double?
    public var newCustomers: Int
    /// Optional KPIs of SPEC §3.9 (follow-up compliance) and §3.10 (plan execution).
    public var serviceCompliance: Double?
    public var planExecutionRate: Double?
    /// Optional KPIs of SPEC §3.11 (the on-time rate of written work over all kinds) and §3.12
    /// (the collection, new-customer and visit attainments).
    public var submissionRate: Double? = nil
    public var attainments: [TargetKind: Double] = [:]
    /// 100 · Σ wₖ·PRₖ / Σ wₖ over the KPIs the manager has.
    public var score: Double
    /// What each KPI the manager has contributed: 100 · wₖ·PRₖ / Σ wₖ, adding up to the score
    /// (SPEC §4.1.1; columns `points_<kpi>`). A KPI the manager lacks has no entry.
    public var points: [RankingKPI: Double] = [:]
    public var rank: Int
    public var previousRank: Int?
    public var isFirst: Bool
    public var isLast: Bool
    /// The rank among the team's own managers, in a team's report (SPEC §4.4); nil in the organisation's.
    public var teamRank: Int? = nil

    /// Positive when the manager moved up.
    public var rankChange: Int? { previousRank.map { $0 - rank } }
}

/// The KPIs of the ranking (SPEC §3.5), in the order the reports show them.
public enum RankingKPI: String, Sendable, CaseIterable {
    case sales, coverage, sla, satisfaction, collection, newCustomers = "new_customers", service, planExecution = "plan_execution"
    case submissions, collectionAttainment = "collection_attainment", newCustomersAttainment = "new_customers_attainment"
    case visitsAttainment = "visits_attainment"

    /// The weight the pipeline gives it (0 = left out).
    public func weight(_ w: RankingSettings) -> Double {
        switch self {
        case .sales: return w.weightSales
        case .coverage: return w.weightCoverage
        case .sla: return w.weightSLA
        case .satisfaction: return w.weightSatisfaction
        case .collection: return w.weightCollection
        case .newCustomers: return w.weightNewCustomers
        case .service: return w.weightService
        case .planExecution: return w.weightPlanExecution
        case .submissions: return w.weightSubmissions
        case .collectionAttainment: return w.weightCollectionAttainment
        case .newCustomersAttainment: return w.weightNewCustomersAttainment
        case .visitsAttainment: return w.weightVisitsAttainment
        }
    }

    /// The KPIs a ranking with these weights uses.
    public static func inUse(_ w: RankingSettings) -> [RankingKPI] { allCases.filter { $0.weight(w) > 0 } }
}

/// The KPI values of one manager before ranking.
package struct ManagerKPIs: Equatable {
    package var managerID: String
    package var sales: Double
    package var attainment: Double?
    package var coverageRate: Double?
    package var slaRate: Double?
    package var adjustedSLARate: Double? = nil
    package var adjustedSatisfaction: Double?
    package var collectionRate: Double? = nil
    package var newCustomers = 0
    package var serviceCompliance: Double? = nil
    package var planExecutionRate: Double? = nil
    package var submissionRate: Double? = nil
    package var attainments: [TargetKind: Double] = [:]
}

/// SPEC §3.5: percent ranks per KPI, weights rescaled over the KPIs each manager
/// has, competition ranks (1, 2, 2, 4) on scores rounded to 6 decimals.
package enum ManagerRanking {
    package static func rank(_ kpis: [ManagerKPIs], weights: RankingSettings, useTargets: Bool,
                     previousRanks: [String: Int]) -> [ManagerScore] {
        let sorted = kpis.sorted { $0.managerID < $1.managerID }
        func value(_ kpi: RankingKPI, _ m: ManagerKPIs) -> Double? {
            switch kpi {
            case .sales: return useTargets ? m.attainment : m.sales
            case .coverage: return m.coverageRate
            case .sla: return m.adjustedSLARate
            case .satisfaction: return m.adjustedSatisfaction
            case .collection: return m.collectionRate
            case .newCustomers: return Double(m.newCustomers)
            case .service: return m.serviceCompliance
            case .planExecution: return m.planExecutionRate
            case .submissions: return m.submissionRate
            case .collectionAttainment: return m.attainments[.collection]
            case .newCustomersAttainment: return m.attainments[.newCustomers]
            case .visitsAttainment: return m.attainments[.visits]
            }
        }
        // An optional KPI at weight 0 is left out, not counted as a KPI the manager has.
        var weighted = Array(repeating: [RankingKPI: Double](), count: sorted.count)
        var weightSum = Array(repeating: 0.0, count: sorted.count)
        for kpi in RankingKPI.inUse(weights) {
            let weight = kpi.weight(weights)
            let present = sorted.indices.compactMap { i in value(kpi, sorted[i]).map { (i, $0) } }
            let ranks = Statistics.percentRanks(present.map(\.1))
            for (k, (i, _)) in present.enumerated() {
                weighted[i][kpi] = weight * ranks[k]
                weightSum[i] += weight
            }
        }
        let points = sorted.indices.map { i in weighted[i].mapValues { weightSum[i] > 0 ? 100 * $0 / weightSum[i] : 0 } }
        let scores = sorted.indices.map { i in RankingKPI.allCases.reduce(0.0) { $0 + (points[i][$1] ?? 0) } }
        let ranks = Statistics.competitionRanks(scores)
        let worst = ranks.max() ?? 0
        return sorted.indices.map { i in
            ManagerScore(managerID: sorted[i].managerID, sales: sorted[i].sales, attainment: sorted[i].attainment,
                         coverageRate: sorted[i].coverageRate, slaRate: sorted[i].slaRate, adjustedSLARate: sorted[i].adjustedSLARate,
                         adjustedSatisfaction: sorted[i].adjustedSatisfaction, collectionRate: sorted[i].collectionRate,
                         newCustomers: sorted[i].newCustomers, serviceCompliance: sorted[i].serviceCompliance,
                         planExecutionRate: sorted[i].planExecutionRate, submissionRate: sorted[i].submissionRate,
                         attainments: sorted[i].attainments, score: scores[i], points: points[i], rank: ranks[i],
                         previousRank: previousRanks[sorted[i].managerID], isFirst: ranks[i] == 1,
                         isLast: ranks[i] == worst && worst > 1)
        }.sorted { ($0.rank, $0.managerID) < ($1.rank, $1.managerID) }
    }
}
