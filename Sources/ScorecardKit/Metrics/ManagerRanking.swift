/// One manager's KPIs, score and rank (SPEC §3.5; table `manager_scores`).
public struct ManagerScore: Sendable, Equatable {
    public var managerID: String
    /// Completed order amount in the period attributed to the manager.
    public var sales: Double
    /// sales / target when a targets file gives one (then the sales KPI).
    public var attainment: Double?
    public var coverageRate: Double?
    public var slaRate: Double?
    public var adjustedSatisfaction: Double?
    /// Optional KPIs (SPEC §3.5): the collection rate of §3.7 and the new customers of §3.8.
    public var collectionRate: Double?
    public var newCustomers: Int
    /// Optional KPIs of SPEC §3.9 (follow-up compliance) and §3.10 (plan execution).
    public var serviceCompliance: Double?
    public var planExecutionRate: Double?
    /// 100 · Σ wₖ·PRₖ / Σ wₖ over the KPIs the manager has.
    public var score: Double
    public var rank: Int
    public var previousRank: Int?
    public var isFirst: Bool
    public var isLast: Bool

    /// Positive when the manager moved up.
    public var rankChange: Int? { previousRank.map { $0 - rank } }
}

/// The KPI values of one manager before ranking.
struct ManagerKPIs: Equatable {
    var managerID: String
    var sales: Double
    var attainment: Double?
    var coverageRate: Double?
    var slaRate: Double?
    var adjustedSatisfaction: Double?
    var collectionRate: Double? = nil
    var newCustomers = 0
    var serviceCompliance: Double? = nil
    var planExecutionRate: Double? = nil
}

/// SPEC §3.5: percent ranks per KPI, weights rescaled over the KPIs each manager
/// has, competition ranks (1, 2, 2, 4) on scores rounded to 6 decimals.
enum ManagerRanking {
    static func rank(_ kpis: [ManagerKPIs], weights: RankingSettings, useTargets: Bool,
                     previousRanks: [String: Int]) -> [ManagerScore] {
        let sorted = kpis.sorted { $0.managerID < $1.managerID }
        let columns: [(weight: Double, value: (ManagerKPIs) -> Double?)] = [
            (weights.weightSales, { useTargets ? $0.attainment : $0.sales }),
            (weights.weightCoverage, { $0.coverageRate }),
            (weights.weightSLA, { $0.slaRate }),
            (weights.weightSatisfaction, { $0.adjustedSatisfaction }),
            (weights.weightCollection, { $0.collectionRate }),
            (weights.weightNewCustomers, { Double($0.newCustomers) }),
            (weights.weightService, { $0.serviceCompliance }),
            (weights.weightPlanExecution, { $0.planExecutionRate }),
        ].filter { $0.weight > 0 }  // an optional KPI at weight 0 is left out, not counted as a KPI the manager has
        var weighted = Array(repeating: 0.0, count: sorted.count)
        var weightSum = Array(repeating: 0.0, count: sorted.count)
        for column in columns {
            let present = sorted.indices.compactMap { i in column.value(sorted[i]).map { (i, $0) } }
            let ranks = Statistics.percentRanks(present.map(\.1))
            for (k, (i, _)) in present.enumerated() {
                weighted[i] += column.weight * ranks[k]
                weightSum[i] += column.weight
            }
        }
        let scores = sorted.indices.map { weightSum[$0] > 0 ? 100 * weighted[$0] / weightSum[$0] : 0 }
        let keys = scores.map { ($0 * 1e6).rounded() }
        let ranks = keys.map { key in 1 + keys.filter { $0 > key }.count }
        let worst = ranks.max() ?? 0
        return sorted.indices.map { i in
            ManagerScore(managerID: sorted[i].managerID, sales: sorted[i].sales, attainment: sorted[i].attainment,
                         coverageRate: sorted[i].coverageRate, slaRate: sorted[i].slaRate,
                         adjustedSatisfaction: sorted[i].adjustedSatisfaction, collectionRate: sorted[i].collectionRate,
                         newCustomers: sorted[i].newCustomers, serviceCompliance: sorted[i].serviceCompliance,
                         planExecutionRate: sorted[i].planExecutionRate, score: scores[i], rank: ranks[i],
                         previousRank: previousRanks[sorted[i].managerID], isFirst: ranks[i] == 1,
                         isLast: ranks[i] == worst && worst > 1)
        }.sorted { ($0.rank, $0.managerID) < ($1.rank, $1.managerID) }
    }
}
