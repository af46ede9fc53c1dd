import ScorecardModel
import ScorecardMetrics

/// The 应收回款 Receivables and 客户开发 Customer development sheets (SPEC §3.7, §3.8).
extension WorkbookReport {
    package static func writeReceivables(_ d: ReportData, _ sheet: XLSXSheet, chase chaseSheet: XLSXSheet, book: XLSXWorkbook) throws {
        let L = d.labels
        let r = d.results.receivables
        let labels = r.buckets.labels
        var columns: [Column<ReceivablesSummary>] = managerColumns(d) { $0.managerID } + [
            Column(L(.outstanding)) { .number($0.outstanding, .money) },
            Column(L(.notYetDue)) { .number($0.notYetDue, .money) },
            Column(L(.overdue)) { .number($0.overdue, .money) },
        ]
        for (i, label) in labels.enumerated() {
            columns.append(Column(L.bucket(label)) { .number($0.overdueByBucket[i], .money) })
        }
        columns += [
            Column(L(.overdueOrders)) { .number(Double($0.overdueOrders), .integer) },
            Column(L(.oldestDaysOverdue)) { .number($0.oldestDaysOverdue.map(Double.init), .integer) },
            Column(L(.amountDue)) { .number($0.amountDue, .money) },
            Column(L(.collectionRate)) { .number($0.collectionRate, .rate) },
            Column(L(.onTimeCollectionRate)) { .number($0.onTimeCollectionRate, .rate) },
        ]
        // Largest overdue first: the managers to talk to; the total last.
        let managers = r.managers.sorted { (-$0.overdue, $0.managerID) < (-$1.overdue, $1.managerID) }
        var row = 0
        if let range = try table(sheet, at: 0, columns, managers + [r.overall], main: true) {
            // The collection rate has a target (SPEC §3.7); the on-time rate has none.
            try sheet.highlight(column: columnIndex(columns, L(.collectionRate)), rows: range,
                                when: .lessThan, d.config.receivables.collectionTarget, style: .bad)
            try sheet.highlight(column: columnIndex(columns, L.bucket(labels.last!)), rows: range,
                                when: .greaterThan, 0, style: .bad)
            row = range.upperBound
            let shown = managers.prefix(30).filter { $0.overdue > 0 }.count
            if shown > 0 {
                let first = columnIndex(columns, L.bucket(labels[0]))
                row = try stackedChart(book, sheet, title: L(.overdueByDays), categoryColumn: 1, seriesColumns: first..<(first + labels.count),
                                       headerRow: 0, rows: 1...shown, at: row + 2)
            }
        }
        try note(sheet, row + 2, "\(L(.chaseList))\(L.language == .en ? ": see the sheet " : "：见工作表“")\(L(.sheetChase))\(L.language == .en ? "" : "”")")
        let noVisits = d.results.absent.contains(.visits)
        let chase: [Column<ChaseItem>] = [
            Column(L(.customerID)) { .text($0.customerID, .plain) },
            Column(L(.customerName)) { .text(d.customerName($0.customerID), .plain) },
            Column(L(.managerName)) { .text(d.managerName($0.managerID), .plain) },
            Column(L(.grade)) { .text($0.grade?.rawValue ?? "", .center) },
            Column(L(.overdue)) { .number($0.overdueAmount, .money) },
            Column(L(.oldestDaysOverdue)) { .number(Double($0.oldestDaysOverdue), .integer) },
            Column(L(.bucket)) { .text(labels[$0.bucket], .center) },
            // Without a visits export there is no visit state to show (SPEC §2.7), not "never" and "no".
            Column(L(.lastCountingVisit)) { noVisits ? .text("–", .center) : $0.lastVisit == nil ? .text(L(.never), .center) : when($0.lastVisit, d) },
            Column(L(.visitedSinceOverdue)) { noVisits ? .text("–", .center) : .text($0.visitedSinceOverdue ? L(.yes) : L(.no), .center) },
        ]
        if let range = try table(chaseSheet, at: 0, chase, r.chaseList, main: true) {
            try chaseSheet.highlight(column: columnIndex(chase, L(.visitedSinceOverdue)), rows: range, equals: L(.no), style: .warn)
        }
    }

    package static func writeDevelopment(_ d: ReportData, _ sheet: XLSXSheet) throws {
        var row = try writeNewCustomerSummaries(d, sheet) + 2
        row = try writeNewCustomers(d, sheet, at: row)
        row = try writeLeftBehind(d, sheet, at: row)
        try writeSurveyReach(d, sheet, at: row)
    }

    /// The sheet's main table: new customers and their first contacts per manager, then the
    /// total; returns its last row (0 when it has none).
    package static func writeNewCustomerSummaries(_ d: ReportData, _ sheet: XLSXSheet) throws -> Int {
        let L = d.labels
        // Without a visits export no first contact is judged (SPEC §2.7): the counts only.
        let noVisits = d.results.absent.contains(.visits)
        let contact: [Column<NewCustomerSummary>] = noVisits ? [] : [
            Column(L.firstContact(.met)) { .number(Double($0.met), .integer) },
            Column(L.firstContact(.breached)) { .number(Double($0.breached), .integer) },
            Column(L.firstContact(.pending)) { .number(Double($0.pending), .integer) },
            Column(L(.firstContactOnTime)) { .number($0.metShare, .rate) },
        ]
        let columns: [Column<NewCustomerSummary>] = managerColumns(d) { $0.managerID } + [
            Column(L(.newCustomers)) { .number(Double($0.count), .integer) },
        ] + contact
        guard let range = try table(sheet, at: 0, columns, newCustomerSummaries(d), main: true) else { return 0 }
        if !noVisits {
            try sheet.highlight(column: columnIndex(columns, L.firstContact(.breached)), rows: range,
                                when: .greaterThan, 0, style: .bad)
        }
        return range.upperBound
    }

    /// Every ranked manager, with or without new customers (most first), then the total.
    package static func newCustomerSummaries(_ d: ReportData) -> [NewCustomerSummary] {
        let byManager = Dictionary(uniqueKeysWithValues: d.results.development.newByManager.map { ($0.managerID, $0) })
        let ids = Set(d.results.managers.map(\.managerID)).union(byManager.keys)
        var rows = ids.map { byManager[$0] ?? NewCustomerSummary(managerID: $0) }
            .sorted { (-$0.count, $0.managerID) < (-$1.count, $1.managerID) }
        var total = NewCustomerSummary(managerID: "")
        for s in rows {
            total.count += s.count; total.met += s.met; total.breached += s.breached; total.pending += s.pending
        }
        rows.append(total)
        return rows
    }

    /// The new customers under a heading at `row`; returns the row of the next heading.
    package static func writeNewCustomers(_ d: ReportData, _ sheet: XLSXSheet, at row: Int) throws -> Int {
        let L = d.labels
        let noVisits = d.results.absent.contains(.visits)
        let newCustomers = d.results.development.newCustomers
        try heading(sheet, row, L(.newCustomers))
        let newColumns: [Column<NewCustomer>] = [
            Column(L(.customerID)) { .text($0.customerID, .plain) },
            Column(L(.customerName)) { .text(d.customerName($0.customerID), .plain) },
            Column(L(.managerName)) { .text(d.managerName($0.managerID), .plain) },
            Column(L(.firstActivity)) { when($0.firstActivity, d, day: true) },
            Column(L(.firstContact)) { noVisits ? .text("–", .center) : .text(L.firstContact($0.firstContact), .center) },
        ]
        if let range = try table(sheet, at: row + 1, newColumns, newCustomers, main: false) {
            let status = columnIndex(newColumns, L(.firstContact))
            try sheet.highlight(column: status, rows: range, equals: L.firstContact(.breached), style: .bad)
            try sheet.highlight(column: status, rows: range, equals: L.firstContact(.pending), style: .warn)
        }
        return row + newCustomers.count + 4
    }

    /// The customers left behind, by team and then each, under headings from `start`;
    /// returns the row of the next heading.
    package static func writeLeftBehind(_ d: ReportData, _ sheet: XLSXSheet, at start: Int) throws -> Int {
        let L = d.labels
        let dev = d.results.development
        var row = start
        try heading(sheet, row, d.config.language == .en ? "\(L(.leftBehind)), \(L(.byTeam).lowercased())" : "\(L(.leftBehind))（\(L(.byTeam))）")
        let teamColumns: [Column<(team: String, customers: Int)>] = [
            Column(L(.team)) { .text($0.team, .plain) },
            Column(L(.customerCount)) { .number(Double($0.customers), .integer) },
        ]
        try table(sheet, at: row + 1, teamColumns, dev.leftBehindByTeam, main: false)
        row += dev.leftBehindByTeam.count + 4
        try heading(sheet, row, L(.leftBehind))
        let leftColumns: [Column<LeftBehindCustomer>] = [
            Column(L(.customerID)) { .text($0.customerID, .plain) },
            Column(L(.customerName)) { .text(d.customerName($0.customerID), .plain) },
            Column(L(.managerName)) { .text(d.managerName($0.managerID), .plain) },
            Column(L(.team)) { .text($0.team ?? "", .plain) },
            Column(L(.grade)) { .text($0.grade.rawValue, .center) },
            Column(L(.sales12m)) { .number($0.sales12m, .money) },
            Column(L(.lastVisit)) { $0.lastVisit == nil ? .text(L(.never), .center) : when($0.lastVisit, d) },
        ]
        try table(sheet, at: row + 1, leftColumns, dev.leftBehind, main: false)
        return row + dev.leftBehind.count + 4
    }

    /// Survey reach under a heading at `row`: one row per manager (the total first), all
    /// grades and each grade side by side.
    package static func writeSurveyReach(_ d: ReportData, _ sheet: XLSXSheet, at row: Int) throws {
        let L = d.labels
        let dev = d.results.development
        try heading(sheet, row, L(.surveyReach))
        let of = dev.reach
        var reachColumns: [Column<String>] = managerColumns(d) { $0 } + [
            Column(L(.customerCount)) { .number(Double(of($0, nil)?.customers ?? 0), .integer) },
            Column(L(.surveyed)) { .number(Double(of($0, nil)?.surveyed ?? 0), .integer) },
            Column(L(.reach)) { .number(of($0, nil)?.reach, .rate) },
        ]
        for g in Grade.allCases {
            // Empty where the manager has no customers of the grade.
            reachColumns.append(Column(d.config.language == .en ? "\(L(.reach)) \(g.rawValue)" : "\(g.rawValue)级\(L(.reach))") {
                .number(of($0, g)?.reach, .rate)
            })
        }
        // No highlight: the rule (every customer surveyed once a year) is 100 %, which nearly every cell misses.
        let managers = Set(dev.surveyReach.map(\.managerID)).subtracting([""]).sorted() + [""]
        try table(sheet, at: row + 1, reachColumns, dev.surveyReach.isEmpty ? [] : managers, main: false)
    }

    /// Light amber for the youngest bucket to dark red for the oldest.
    package static func severity(_ i: Int, of n: Int) -> UInt32 {
        let from = (r: 0xFF, g: 0xD9, b: 0x66), to = (r: 0xA5, g: 0x00, b: 0x21)
        let t = n > 1 ? Double(i) / Double(n - 1) : 1
        func mix(_ a: Int, _ b: Int) -> UInt32 { UInt32((Double(a) + (Double(b) - Double(a)) * t).rounded()) }
        return mix(from.r, to.r) << 16 | mix(from.g, to.g) << 8 | mix(from.b, to.b)
    }

    /// Manager ID (合计 on the total row, whose id is ""), name with leavers marked, and team.
    package static func managerColumns<Row>(_ d: ReportData, team: Bool = true, _ id: @escaping (Row) -> String) -> [Column<Row>] {
        let L = d.labels
        let columns: [Column<Row>] = [
            Column(L(.managerID)) { id($0).isEmpty ? .text(L(.total), .bold) : .text(id($0), .plain) },
            Column(L(.managerName)) { .text(d.managerName(id($0)), .plain) },
        ]
        return team ? columns + [Column(L(.team)) { .text(d.managers[id($0)]?.team ?? "", .plain) }] : columns
    }

    /// A stacked bar chart over table columns already on the sheet (one series per
    /// column, the header as its name); returns the first row below it.
    package static func stackedChart(_ book: XLSXWorkbook, _ sheet: XLSXSheet, title: String, categoryColumn: Int, seriesColumns: Range<Int>,
                             headerRow: Int, rows: ClosedRange<Int>, at row: Int) throws -> Int {
        let c = try book.addChart(.stackedBar)
        for col in seriesColumns {
            let s = try c.addSeries(on: sheet, categories: .init(rows: rows, columns: categoryColumn...categoryColumn),
                                    values: .init(rows: rows, columns: col...col))
            s.setName(from: sheet, row: headerRow, column: col)
            s.setFill(severity(col - seriesColumns.lowerBound, of: seriesColumns.count))
        }
        c.setTitle(title)
        c.setLegend(.bottom)
        c.valueAxis?.setNumberFormat("#,##0")
        if let categories = c.categoryAxis {
            categories.reverse()
            categories.setIntervalUnit(1)
        }
        let height = Swift.max(288, 110 + 24 * rows.count)
        try sheet.insert(c, row: row, column: 0, xScale: 1.5, yScale: Double(height) / 288)
        return row + height / 20 + 2
    }
}
