import ScorecardMetrics

/// The measures table of a manager's page (issue 30 item 9): per measure the manager's value,
/// the team's average, the manager's value last period and the manager's rank on it — the
/// figures a supervisor goes through in the talk — with the weight and points of a scored KPI.
extension ManagerBrief {
    package struct Measure {
        package var label: String
        package var value: Cell
        package var text: String
        /// The mean over the ranked managers that have a value (口径说明 says so).
        package var average: Cell
        package var averageText: String
        /// The manager's value in the previous period of the same kind, when that period's run stored it.
        package var previous: Cell
        package var previousText: String
        /// The manager's place among the `ranked` managers that have the measure (1 = best; ties share it).
        package var rank: Int?
        package var ranked: Int
        /// nil for a measure shown but not scored (回款率, 拜访计划执行率 at weight 0).
        package var weight: Double?
        package var points: Double?
    }

    /// What every manager's page compares against: each measure's values over the ranking, once.
    package struct MeasureTable {
        let d: ReportData
        let targets: Bool
        let kinds: [RankingKPI]
        let previousIndex: Int?
        /// Per measure: every ranked manager's scored value (the rank's basis), and the mean of the shown values.
        let scored: [RankingKPI: [Double]]
        let averages: [RankingKPI: Double]

        init(_ d: ReportData, previous: Int?) {
            let targets = d.results.managers.contains { $0.attainment != nil }
            self.d = d
            self.targets = targets
            previousIndex = previous
            let inUse = RankingKPI.inUse(d.config.ranking)
            let managers = d.results.managers
            // 回款率 (SPEC §3.7) and 拜访计划执行率 (§3.10) are shown for the talk even when not scored, if there is data.
            let extra = [RankingKPI.collection, .planExecution].filter { k in !inUse.contains(k) && managers.contains { Self.shown(k, $0, targets) != nil } }
            let kinds = inUse + extra
            self.kinds = kinds
            var scored: [RankingKPI: [Double]] = [:], averages: [RankingKPI: Double] = [:]
            for k in kinds {
                scored[k] = managers.compactMap { Self.basis(k, $0, targets) }
                let shown = managers.compactMap { Self.shown(k, $0, targets) }
                if !shown.isEmpty { averages[k] = shown.reduce(0, +) / Double(shown.count) }
            }
            self.scored = scored
            self.averages = averages
        }

        /// The value the page shows: the raw SLA rate with its count (SPEC §3.5 "reports show the raw sla_rate").
        static func shown(_ k: RankingKPI, _ m: ManagerScore, _ targets: Bool) -> Double? {
            switch k {
            case .sales: return targets ? m.attainment : m.sales
            case .coverage: return m.coverageRate
            case .sla: return m.slaRate
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

        /// The value the ranking compares (SPEC §3.5): the adjusted SLA rate, else the shown value.
        static func basis(_ k: RankingKPI, _ m: ManagerScore, _ targets: Bool) -> Double? {
            k == .sla ? m.adjustedSLARate : shown(k, m, targets)
        }

        func style(_ k: RankingKPI) -> CellStyle {
            switch k {
            case .sales: return targets ? .rate : .money
            case .satisfaction: return .score
            case .newCustomers: return .count
            default: return .rate
            }
        }

        func text(_ k: RankingKPI, _ v: Double?) -> String {
            switch style(k) {
            case .money: return Fmt.money(v)
            case .score: return Fmt.decimal(v)
            case .count: return v.map { Fmt.count(Int($0)) } ?? "–"
            default: return Fmt.rate(v)
            }
        }

        /// The cases behind a rate, for a small sample's count (SPEC §4.1.1): complaints, plans due.
        func cases(_ k: RankingKPI, _ m: ManagerScore) -> Int? {
            switch k {
            case .sla: return d.results.complaints.group(.manager, m.managerID)?.complaints
            case .planExecution: return d.results.visitQuotas.plans(of: m.managerID)?.plansDue
            default: return nil
            }
        }

        func previous(_ k: RankingKPI, _ m: ManagerScore) -> Double? {
            guard let i = previousIndex, let p = d.trend.points[m.managerID]?[i] else { return nil }
            switch k {
            case .sales: return targets ? p.attainment : p.sales
            case .coverage: return p.coverageRate
            case .sla: return p.slaRate
            case .satisfaction: return p.adjustedSatisfaction
            case .collection: return p.collectionRate
            case .newCustomers: return p.newCustomers
            case .service: return p.serviceCompliance
            case .planExecution: return p.planExecutionRate
            // Not in manager_scores' columns: no previous value to show.
            case .submissions, .collectionAttainment, .newCustomersAttainment, .visitsAttainment: return nil
            }
        }

        /// 1 + the managers with a better value (compared at 9 decimals, as the ranking does), nil without a value.
        func rank(_ k: RankingKPI, _ m: ManagerScore) -> Int? {
            guard let v = Self.basis(k, m, targets) else { return nil }
            func r(_ x: Double) -> Double { (x * 1e9).rounded() / 1e9 }
            return 1 + (scored[k] ?? []).filter { r($0) > r(v) }.count
        }

        func measures(of m: ManagerScore) -> [Measure] {
            let inUse = Set(RankingKPI.inUse(d.config.ranking))
            return kinds.map { k in
                let v = Self.shown(k, m, targets), n = cases(k, m)
                let small = n.map { $0 < d.config.minSample } ?? false
                let value: Cell = small && v != nil && style(k) == .rate ? .number(v, .sampled(n!)) : .number(v, style(k))
                let label = k == .planExecution ? d.labels(.visitPlanExecution) : d.labels.kpi(k, targets: targets)
                return Measure(label: label, value: value, text: small && style(k) == .rate ? d.rate(v, n: n!) : text(k, v),
                               average: .number(averages[k], style(k)), averageText: text(k, averages[k]),
                               previous: .number(previous(k, m), style(k)), previousText: text(k, previous(k, m)),
                               rank: rank(k, m), ranked: scored[k]?.count ?? 0,
                               weight: inUse.contains(k) ? k.weight(d.config.ranking) : nil, points: m.points[k])
            }
        }
    }
}
