/// The 经理档案 sheet (SPEC §4.1.1): a printed page per manager, in rank order, for the
/// talk with the first and the last — KPIs with their points, unvisited A customers,
/// late and open complaints, low surveys, overdue receivables, their customers' grade moves.
extension WorkbookReport {
    package static func writeManagerPages(_ d: ReportData, _ sheet: XLSXSheet) throws {
        let L = d.labels
        var breaks: [Int] = []
        var row = 0
        for brief in ManagerBrief.make(d, for: d.results.managers) {
            if row > 0 { breaks.append(row) }  // one printed page each
            try note(sheet, row, brief.title, style: .title)
            row += 2
            for (c, title) in [L(.kpiTitle), L(.value), L(.weight), L(.points)].enumerated() { try sheet.write(row, c, text: title, .header) }
            row += 1
            for kpi in brief.kpis {
                try sheet.write(row, 0, text: kpi.label, .plain)
                try sheet.write(row, 1, kpi.value)
                try sheet.write(row, 2, number: kpi.weight, .integer)
                try sheet.write(row, 3, number: kpi.points, .decimal)
                row += 1
            }
            row += 1
            // Each list: its title and count, then up to eight items a row each (a page stays one page).
            for list in brief.lists {
                try sheet.write(row, 0, text: "\(L(list.label))\(L.language == .en ? ": " : "：")\(list.items.isEmpty ? L(.noneThisPeriod) : String(list.items.count))", .bold)
                row += 1
                for item in list.items.prefix(8) {
                    try note(sheet, row, "    " + item, style: .plain)
                    row += 1
                }
                if list.items.count > 8 {
                    try note(sheet, row, "    " + L.more(list.items.count - 8), style: .subtitle)
                    row += 1
                }
            }
            row += 2
        }
        try sheet.setPageBreaks(before: breaks)
        try sheet.printSetup(headerRow: nil)  // each page has its own title
    }
}
