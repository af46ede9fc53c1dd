/// The 经理档案 sheet (SPEC §4.1.1): a printed page per manager, in rank order, for the
/// talk with the first and the last (issue 30 item 9) — per measure the manager's value, the
/// team's average, last period's value and the rank on it; the customers to follow up with
/// their last visit; a box for the talk's points, the improvement plan and the signatures.
extension WorkbookReport {
    /// Items a page shows of its lists in all, at most six and at least three a list (the rest are
    /// counted and on their sheets: a page stays one printed page).
    static let itemsPerPage = 15

    package static func writeManagerPages(_ d: ReportData, _ sheet: XLSXSheet) throws {
        var breaks: [Int] = []
        var row = 0
        for brief in ManagerBrief.make(d, for: d.results.managers) {
            if row > 0 { breaks.append(row) }  // one printed page each
            try note(sheet, row, brief.title, style: .title)
            row = try writeMeasures(d, sheet, brief, at: row + 2) + 1
            row = try writeFollowUps(d, sheet, brief, at: row) + 1
            row = try writeHandbooks(d, sheet, brief.manager.managerID, at: row)
            // Filled in by hand during the talk and signed (issue 30 item 9).
            let L = d.labels
            try sheet.box(row, L(.talkPoints), columns: 0...7, lines: 7)
            try sheet.box(row + 1, L(.improvementPlan), columns: 0...7, lines: 5)
            try sheet.box(row + 2, L(.signatures), columns: 0...7, lines: 3)
            row += 5
        }
        try sheet.setPageBreaks(before: breaks)
        try sheet.printSetup(headerRow: nil)  // each page has its own title
        sheet.portrait()  // a form per person, signed at its foot
    }

    /// 考核指标 | 数值 | 团队平均 | 上期 | 本项名次 | 参评人数 | 权重 | 得分: numbers with number formats; returns the next row.
    static func writeMeasures(_ d: ReportData, _ sheet: XLSXSheet, _ brief: ManagerBrief, at start: Int) throws -> Int {
        let L = d.labels
        let titles = [L(.kpiTitle), L(.value), L(.teamAverage), L(.previousPeriod), L(.rankOnMeasure), L(.measureRanked), L(.weight), L(.points)]
        for (c, title) in titles.enumerated() { try sheet.write(start, c, text: title, .header) }
        var row = start + 1
        for m in brief.measures {
            try sheet.write(row, 0, text: m.label, .plain)
            try sheet.write(row, 1, m.value)
            try sheet.write(row, 2, m.average)
            try sheet.write(row, 3, m.previous)
            try sheet.write(row, 4, number: m.rank.map(Double.init), .integer)
            try sheet.write(row, 5, number: Double(m.ranked), .integer)
            try sheet.write(row, 6, number: m.weight, .integer)
            try sheet.write(row, 7, number: m.points, .decimal)
            row += 1
        }
        return row
    }

    /// The customers to follow up, list by list: each with its detail, overdue amount and
    /// days, and last visit as an Excel date; returns the next row.
    static func writeFollowUps(_ d: ReportData, _ sheet: XLSXSheet, _ brief: ManagerBrief, at start: Int) throws -> Int {
        let L = d.labels
        let visits = !d.results.absent.contains(.visits)
        let titles = [L(.customersToFollow), L(.detail), L(.overdue), L(.oldestDaysOverdue)] + (visits ? [L(.lastVisit)] : [])
        for (c, title) in titles.enumerated() { try sheet.write(start, c, text: title, .subheader) }
        var row = start + 1
        let cap = max(3, min(6, itemsPerPage / max(1, brief.lists.filter { !$0.items.isEmpty }.count)))
        for list in brief.lists {
            // The list's name and count, and how many more its sheet holds, across the page (no column widened).
            let colon = L.language == .en ? ": " : "："
            let rest = list.items.count - cap
            let more = rest <= 0 ? "" : L.language == .en ? " (the first \(cap) below; \(rest) more on the list's sheet)" : "（列出前\(cap)项；\(L.more(rest))）"
            try note(sheet, row, L(list.label) + colon + (list.items.isEmpty ? L(.noneThisPeriod) : String(list.items.count)) + more, style: .bold)
            row += 1
            for item in list.items.prefix(cap) {
                try sheet.write(row, 0, text: "    " + item.customer, .plain)
                try sheet.write(row, 1, text: item.detail, .plain)
                try sheet.write(row, 2, number: item.amount, .money)
                try sheet.write(row, 3, number: item.days.map(Double.init), .integer)
                if visits {
                    if let visit = item.lastVisit { try sheet.write(row, 4, when(visit, d, day: true)) } else { try sheet.write(row, 4, text: L(.never), .center) }
                }
                row += 1
            }
        }
        return row
    }

    /// The manager's targets and ledger lines (SPEC §3.11, §3.12), the ledger's first lines only
    /// (a page stays one page; the 奖惩台账 sheet has them all); returns the next row.
    static func writeHandbooks(_ d: ReportData, _ sheet: XLSXSheet, _ managerID: String, at start: Int) throws -> Int {
        let L = d.labels
        var row = start
        let targets = d.results.targets.rows(of: managerID)
        if !targets.isEmpty {
            try note(sheet, row, L.handbook(.managerTargets), style: .bold)
            row = try writeRows(sheet, at: row + 1, targetColumns(d, withKey: false), targets, header: .subheader) + 2
        }
        guard d.results.ledger.hasRules else { return row }
        let lines = d.results.ledger.lines(of: managerID)
        let total = d.results.ledger.total(of: managerID)
        let cap = 6
        let sums = total.map { t in L.language == .en ? ": \(lines.count) lines, points \(Fmt.decimal(t.points, 1)), amount \(Fmt.money(t.amount))"
            : "：\(lines.count) 条，加减分 \(Fmt.decimal(t.points, 1))，奖罚金额 \(Fmt.money(t.amount))" } ?? ""
        let more = lines.count > cap ? (L.language == .en ? " (the first \(cap) below; all on the sheet \(L.handbook(.sheetLedgerLines)))"
                                        : "（列出前\(cap)项；全部见工作表“\(L.handbook(.sheetLedgerLines))”）") : ""
        try note(sheet, row, L.handbook(.managerLedger) + sums + more, style: .bold)
        guard !lines.isEmpty else { return row + 2 }
        return try writeRows(sheet, at: row + 1, lineColumns(d, withManager: false), lines.prefix(cap), header: .subheader) + 2
    }
}
