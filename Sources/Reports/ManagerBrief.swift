import ScorecardModel
import ScorecardMetrics

/// What a manager's page says (SPEC §4.1.1: "for the talk with the first and last"): the
/// KPIs with their points, then the lists to go through — unvisited A customers, late and
/// open complaints, low surveys, overdue receivables, grade moves of their customers.
/// One model for the 经理档案 sheet and the Markdown's briefs.
package struct ManagerBrief {
    package struct KPI {
        package var label: String
        package var value: Cell
        package var text: String
        package var weight: Double
        package var points: Double?
    }
    package struct List {
        package var label: Label
        package var items: [String]
    }

    package var manager: ManagerScore
    package var title: String
    package var kpis: [KPI]
    package var lists: [List]

    /// The briefs of `managers` (in their order), each list largest first where it has an amount.
    package static func make(_ d: ReportData, for managers: [ManagerScore]) -> [ManagerBrief] {
        let lists = Lists(d, managers: managers)
        let targets = d.results.managers.contains { $0.attainment != nil }
        let periods = d.trend.periods
        let previous = periods.count > 1 && periods[periods.count - 2] == d.period.previous ? periods.count - 2 : nil
        return managers.map { m in
            ManagerBrief(manager: m, title: title(d, m, previous: previous), kpis: kpis(d, m, targets: targets), lists: lists.of(m))
        }
    }

    /// `Rank 3 · 王伟 (M003, 一组) · Score 71.2`, with last period's rank and score when that
    /// period (the trend's `previous`) was stored, and the first or last mark.
    package static func title(_ d: ReportData, _ m: ManagerScore, previous: Int?) -> String {
        let L = d.labels
        let en = d.config.language == .en
        let left = d.managers[m.managerID]?.left == true ? (en ? ", left" : "，已离职") : ""
        let team = (d.managers[m.managerID]?.team.map { en ? ", \($0)" : "，\($0)" } ?? "") + left
        let mark = m.isFirst ? " · \(L(.first))" : m.isLast ? " · \(L(.last))" : ""
        // Last period's rank and score beside this one's, when that period was stored.
        let before = previous.flatMap { d.trend.points[m.managerID]?[$0] }.map {
            en ? " (previous: rank \($0.rank), \(Fmt.decimal($0.score, 1)))" : "（上期第\($0.rank)名，\(Fmt.decimal($0.score, 1))分）"
        } ?? ""
        return "\(L(.rank)) \(m.rank) · \(d.managerName(m.managerID))"
            + (en ? " (\(m.managerID)\(team))" : "（\(m.managerID)\(team)）") + " · \(L(.score)) \(Fmt.decimal(m.score, 1))\(before)\(mark)"
    }

    /// The KPIs in use with the manager's value, weight and points; sales as the target's
    /// attainment when there are targets.
    package static func kpis(_ d: ReportData, _ m: ManagerScore, targets: Bool) -> [KPI] {
        let values: [RankingKPI: (Cell, String)] = [
            .sales: targets ? (.number(m.attainment, .rate), Fmt.rate(m.attainment)) : (.number(m.sales, .money), Fmt.money(m.sales)),
            .coverage: (.number(m.coverageRate, .rate), Fmt.rate(m.coverageRate)),
            .sla: (.number(m.slaRate, .rate), Fmt.rate(m.slaRate)),
            .satisfaction: (.number(m.adjustedSatisfaction, .score), Fmt.decimal(m.adjustedSatisfaction)),
            .collection: (.number(m.collectionRate, .rate), Fmt.rate(m.collectionRate)),
            .newCustomers: (.number(Double(m.newCustomers), .count), String(m.newCustomers)),
            .service: (.number(m.serviceCompliance, .rate), Fmt.rate(m.serviceCompliance)),
            .planExecution: (.number(m.planExecutionRate, .rate), Fmt.rate(m.planExecutionRate)),
        ]
        return RankingKPI.inUse(d.config.ranking).map { kpi in
            KPI(label: d.labels.kpi(kpi, targets: targets), value: values[kpi]!.0, text: values[kpi]!.1,
                weight: kpi.weight(d.config.ranking), points: m.points[kpi])
        }
    }

    /// The items of the five lists, grouped by manager once for all the briefs.
    private struct Lists {
        let d: ReportData
        let uncovered: [String: [UncoveredCustomer]]
        let complaints: [String: [ComplaintSLA]]
        let surveys: [String: [CorrectiveAction]]
        let chase: [String: [ChaseItem]]
        let moves: [String: [CustomerGrade]]

        init(_ d: ReportData, managers: [ManagerScore]) {
            let r = d.results
            let ids = Set(managers.map(\.managerID))
            func by<T>(_ items: [T], _ manager: (T) -> String) -> [String: [T]] {
                Dictionary(grouping: items.filter { ids.contains(manager($0)) }, by: manager)
            }
            self.d = d
            uncovered = by(r.visits.uncoveredA, \.managerID)
            complaints = by(r.complaints.complaints.filter { $0.statuses.contains(.breached) || $0.isOpen }, \.managerID)
            surveys = by(r.satisfaction.corrective, \.managerID)
            chase = by(r.receivables.chaseList, \.managerID)
            moves = by(r.grades.filter { $0.change == .upgrade || $0.change == .downgrade }, \.managerID)
        }

        /// Manager `m`'s lists; an absent export draws none (SPEC §2.7): not "none this period" without visits.
        func of(_ m: ManagerScore) -> [List] {
            let L = d.labels
            let en = d.config.language == .en
            let drawn: [Label: Entity] = [.aNotCovered: .visits, .lateOrOpenComplaints: .complaints, .correctiveActions: .surveys]
            return [
                List(label: .aNotCovered, items: (uncovered[m.managerID] ?? []).map { d.customerName($0.customerID) }),
                List(label: .lateOrOpenComplaints, items: (complaints[m.managerID] ?? []).map {
                    "\($0.complaintID) \(d.customerName($0.customerID))" + (en ? " (\($0.isOpen ? L(.open) : L(.breached)))"
                                                                                : "（\($0.isOpen ? L(.open) : L(.breached))）")
                }),
                List(label: .correctiveActions, items: (surveys[m.managerID] ?? []).map {
                    "\(d.customerName($0.customerID))" + (en ? " (\($0.overall))" : "（\($0.overall)）")
                }),
                List(label: .chaseList, items: (chase[m.managerID] ?? []).map {
                    "\(d.customerName($0.customerID)) \(Fmt.money($0.overdueAmount))"
                        + (en ? " (\($0.oldestDaysOverdue) days overdue)" : "（逾期\($0.oldestDaysOverdue)天）")
                }),
                List(label: .gradeMoves, items: (moves[m.managerID] ?? []).sorted { ($0.sales12m, $1.customerID) > ($1.sales12m, $0.customerID) }.map {
                    "\(d.customerName($0.customerID)) \($0.previousGrade?.rawValue ?? "")→\($0.grade.rawValue)"
                }),
            ].filter { list in drawn[list.label].map { !d.results.absent.contains($0) } ?? true }
        }
    }
}
