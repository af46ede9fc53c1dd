import CXLSXWriter

/// The 经理档案 sheet (SPEC §4.1.1): a printed page per manager, in rank order, for the
/// talk with the first and the last — KPIs with their points, unvisited A customers,
/// late and open complaints, low surveys, overdue receivables, their customers' grade moves.
extension WorkbookReport {
    static func writeManagerPages(_ d: ReportData, _ sheet: XLSXSheet) throws {
        let L = d.labels
        let r = d.results
        let uncovered = Dictionary(grouping: r.visits.uncoveredA, by: \.managerID)
        let complaints = Dictionary(grouping: r.complaints.complaints.filter { $0.statuses.contains(.breached) || $0.isOpen }, by: \.managerID)
        let surveys = Dictionary(grouping: r.satisfaction.corrective, by: \.managerID)
        let chase = Dictionary(grouping: r.receivables.chaseList, by: \.managerID)
        let moves = Dictionary(grouping: r.grades.filter { $0.change == .upgrade || $0.change == .downgrade }, by: \.managerID)
        let targets = r.managers.contains { $0.attainment != nil }
        var breaks: [lxw_row_t] = []
        var row = 0
        for m in r.managers {
            if row > 0 { breaks.append(lxw_row_t(row)) }  // one printed page each
            let team = d.managers[m.managerID]?.team.map { d.config.language == .en ? ", \($0)" : "，\($0)" } ?? ""
            let mark = m.isFirst ? " · \(L(.first))" : m.isLast ? " · \(L(.last))" : ""
            try note(sheet, row, "\(L(.rank)) \(m.rank) · \(d.managerNameMarkingLeavers(m.managerID))（\(m.managerID)\(team)） · \(L(.score)) \(Fmt.decimal(m.score, 1))\(mark)",
                     style: .title)
            row += 2
            for (c, title) in [L(.kpiTitle), L(.value), L(.points)].enumerated() { try sheet.write(row, c, text: title, .header) }
            row += 1
            let values: [RankingKPI: Cell] = [
                .sales: targets ? .number(m.attainment, .rate) : .number(m.sales, .money), .coverage: .number(m.coverageRate, .rate),
                .sla: .number(m.slaRate, .rate), .satisfaction: .number(m.adjustedSatisfaction, .score),
                .collection: .number(m.collectionRate, .rate), .newCustomers: .number(Double(m.newCustomers), .count),
                .service: .number(m.serviceCompliance, .rate), .planExecution: .number(m.planExecutionRate, .rate),
            ]
            for kpi in RankingKPI.inUse(d.config.ranking) {
                try sheet.write(row, 0, text: L.kpi(kpi, targets: targets), .plain)
                try sheet.write(row, 1, values[kpi]!)
                try sheet.write(row, 2, number: m.points[kpi], .decimal)
                row += 1
            }
            row += 1
            // Each list: its title and count, then up to eight items a row each (a page stays one page).
            func line(_ label: Label, _ items: [String]) throws {
                try sheet.write(row, 0, text: "\(L(label))：\(items.isEmpty ? L(.noneThisPeriod) : String(items.count))", .bold)
                row += 1
                for item in items.prefix(8) {
                    try note(sheet, row, "    " + item, style: .plain)
                    row += 1
                }
                if items.count > 8 {
                    try note(sheet, row, "    …", style: .subtitle)
                    row += 1
                }
            }
            try line(.aNotCovered, (uncovered[m.managerID] ?? []).map { d.customerName($0.customerID) })
            try line(.slaBreaches, (complaints[m.managerID] ?? []).map {
                "\($0.complaintID) \(d.customerName($0.customerID))（\($0.isOpen ? L(.open) : L(.breached))）"
            })
            try line(.correctiveActions, (surveys[m.managerID] ?? []).map { "\(d.customerName($0.customerID))（\($0.overall)）" })
            try line(.chaseList, (chase[m.managerID] ?? []).map {
                "\(d.customerName($0.customerID)) \(Fmt.money($0.overdueAmount))" + (d.config.language == .en
                    ? " (\($0.oldestDaysOverdue) days overdue)" : "（逾期\($0.oldestDaysOverdue)天）")
            })
            try line(.gradeMoves, (moves[m.managerID] ?? []).sorted { $0.sales12m > $1.sales12m }.map {
                "\(d.customerName($0.customerID)) \($0.previousGrade?.rawValue ?? "")→\($0.grade.rawValue)"
            })
            row += 2
        }
        // Excel keeps at most 1 023 manual breaks.
        var list = Array(breaks.prefix(1_023)) + [0]  // zero-terminated
        try list.withUnsafeMutableBufferPointer {
            try sheet.workbook.check(worksheet_set_h_pagebreaks(sheet.handle, $0.baseAddress), "worksheet_set_h_pagebreaks")
        }
        try sheet.printSetup(headerRow: nil)  // each page has its own title
    }
}
