import ScorecardModel
import ScorecardMetrics

/// What a manager's page says (SPEC §4.1.1: "for the talk with the first and last"): the
/// KPIs with their points, then the lists to go through — unvisited A customers, late and
/// open complaints, low surveys, overdue receivables, grade moves of their customers.
/// One model for the 经理档案 sheet and the Markdown's briefs.
package struct ManagerBrief {
    /// A customer on the page, with what to talk about and the last counting visit by as_of.
    package struct Item {
        package var customer: String
        package var detail: String = ""
        /// An overdue amount (the chase list).
        package var amount: Double? = nil
        /// Days overdue.
        package var days: Int? = nil
        package var lastVisit: Int? = nil
        /// The Markdown's line.
        package var text: String
    }
    package struct List {
        package var label: Label
        package var items: [Item]
    }

    package var manager: ManagerScore
    package var title: String
    package var measures: [Measure]
    package var lists: [List]

    /// The briefs of `managers` (in their order), each list largest first where it has an amount;
    /// each made as it is read, not all at once (2 000 managers' briefs with every item of their
    /// lists were ~30 MB at the bank-shaped set's writing peak, issue 29).
    package static func make(_ d: ReportData, for managers: [ManagerScore]) -> LazyMapSequence<[ManagerScore], ManagerBrief> {
        let lists = Lists(d, managers: managers)
        let periods = d.trend.periods
        let previous = periods.count > 1 && periods[periods.count - 2] == d.period.previous ? periods.count - 2 : nil
        let table = MeasureTable(d, previous: previous)
        let marks = d.talkMarks
        return managers.lazy.map { m in
            ManagerBrief(manager: m, title: title(d, m, previous: previous, marks: marks), measures: table.measures(of: m), lists: lists.of(m))
        }
    }

    /// `Rank 3 · 王伟 (M003, 一组) · Score 71.2`, with last period's rank and score when that
    /// period (the trend's `previous`) was stored, and the first or last mark.
    package static func title(_ d: ReportData, _ m: ManagerScore, previous: Int?, marks: ReportData.TalkMarks) -> String {
        let L = d.labels
        let en = d.config.language == .en
        let left = d.managers[m.managerID]?.left == true ? (en ? ", left" : "，已离职") : ""
        let team = (d.managers[m.managerID]?.team.map { en ? ", \($0)" : "，\($0)" } ?? "") + left
        // The talk's marks go to active managers (SPEC §3.5, issue 30 item 10).
        let mark = d.talkMark(m.managerID, marks).isEmpty ? "" : " · \(d.talkMark(m.managerID, marks))"
        // Last period's rank and score beside this one's, when that period was stored.
        let before = previous.flatMap { d.trend.points[m.managerID]?[$0] }.map {
            en ? " (previous: rank \($0.rank), \(Fmt.decimal($0.score, 1)))" : "（上期第\($0.rank)名，\(Fmt.decimal($0.score, 1))分）"
        } ?? ""
        return "\(L(.rank)) \(m.rank) · \(d.plainManagerName(m.managerID))"
            + (en ? " (\(m.managerID)\(team))" : "（\(m.managerID)\(team)）") + " · \(L(.score)) \(Fmt.decimal(m.score, 1))\(before)\(mark)"
    }

    /// The items of the five lists, grouped by manager once for all the briefs: their places in
    /// the results' lists, 4 bytes an item. Copies of the items were 5 MB and a list of every A
    /// customer not covered 2 MB more, on the organisation's workbook thread at the team reports'
    /// peak (heaptrack, the bank-shaped set; issue 29).
    private struct Lists {
        let d: ReportData
        let uncovered: Grouped<UncoveredList>
        let complaints: Grouped<SharedRows<ComplaintSLA>>
        let surveys: Grouped<[CorrectiveAction]>
        let chase: Grouped<[ChaseItem]>
        let moves: Grouped<CustomerGrades>

        /// The rows of `rows` of each manager, by their places in it.
        struct Grouped<Rows: RandomAccessCollection> where Rows.Index == Int {
            let rows: Rows
            var places: [String: [Int32]] = [:]

            init(_ rows: Rows, of managers: Set<String>, where keep: (Rows.Element) -> Bool = { _ in true }, by manager: (Rows.Element) -> String) {
                self.rows = rows
                for i in rows.indices {
                    let row = rows[i]
                    if keep(row), managers.contains(manager(row)) { places[manager(row), default: []].append(Int32(i)) }
                }
            }

            subscript(_ manager: String) -> [Rows.Element] { (places[manager] ?? []).map { rows[Int($0)] } }
        }

        init(_ d: ReportData, managers: [ManagerScore]) {
            let r = d.results
            let ids = Set(managers.map(\.managerID))
            self.d = d
            uncovered = Grouped(r.visits.uncovered, of: ids, where: { $0.grade == .A }, by: \.managerID)
            complaints = Grouped(r.complaints.complaints, of: ids, where: { $0.statuses.contains(.breached) || $0.isOpen }, by: \.managerID)
            surveys = Grouped(r.satisfaction.corrective, of: ids, by: \.managerID)
            chase = Grouped(r.receivables.chaseList, of: ids, by: \.managerID)
            moves = Grouped(r.grades, of: ids, where: { $0.change == .upgrade || $0.change == .downgrade }, by: \.managerID)
        }

        /// Manager `m`'s lists; an absent export draws none (SPEC §2.7): not "none this period" without visits.
        func of(_ m: ManagerScore) -> [List] {
            let L = d.labels
            let en = d.config.language == .en
            func paren(_ s: String) -> String { en ? " (\(s))" : "（\(s)）" }
            func item(_ customerID: String, _ detail: String = "", amount: Double? = nil, days: Int? = nil, visit: Int? = nil, text: String? = nil) -> Item {
                let name = d.customerName(customerID)
                return Item(customer: name, detail: detail, amount: amount, days: days, lastVisit: visit ?? d.lastVisits[customerID],
                            text: text ?? (detail.isEmpty ? name : name + paren(detail)))
            }
            let drawn: [Label: Entity] = [.aNotCovered: .visits, .lateOrOpenComplaints: .complaints, .correctiveActions: .surveys]
            return [
                List(label: .aNotCovered, items: uncovered[m.managerID].map { item($0.customerID, visit: $0.lastVisit) }),
                List(label: .lateOrOpenComplaints, items: complaints[m.managerID].map {
                    let status = $0.isOpen ? L(.open) : L(.breached)
                    return item($0.customerID, "\($0.complaintID) \(status)", text: "\($0.complaintID) \(d.customerName($0.customerID))" + paren(status))
                }),
                List(label: .correctiveActions, items: surveys[m.managerID].map {
                    item($0.customerID, en ? "overall \($0.overall)" : "总体满意度\($0.overall)分", text: d.customerName($0.customerID) + paren(String($0.overall)))
                }),
                List(label: .chaseList, items: chase[m.managerID].map {
                    item($0.customerID, amount: $0.overdueAmount, days: $0.oldestDaysOverdue, visit: $0.lastVisit,
                         text: "\(d.customerName($0.customerID)) \(Fmt.money($0.overdueAmount))" + paren(en ? "\($0.oldestDaysOverdue) days overdue" : "逾期\($0.oldestDaysOverdue)天"))
                }),
                List(label: .gradeMoves, items: moves[m.managerID].sorted { ($0.sales12m, $1.customerID) > ($1.sales12m, $0.customerID) }.map {
                    let move = "\($0.previousGrade?.rawValue ?? "")→\($0.grade.rawValue)"
                    return item($0.customerID, move, text: "\(d.customerName($0.customerID)) \(move)")
                }),
            ].filter { list in drawn[list.label].map { !d.results.absent.contains($0) } ?? true }
        }
    }
}
