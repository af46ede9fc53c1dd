import ScorecardMetrics

/// The 趋势 Trend sheet (SPEC §4.1.1): each manager's score over the last periods of the
/// same kind, a line chart of the first and last five, then every KPI by period.
extension WorkbookReport {
    package static func writeTrend(_ d: ReportData, _ sheet: XLSXSheet, detail detailSheet: XLSXSheet, book: XLSXWorkbook) throws {
        let L = d.labels
        let t = d.trend
        let periods = Array(t.periods.enumerated())
        // Managers in this period's order, then those ranked only earlier.
        let current = d.results.managers.map(\.managerID)
        let earlier = Set(t.points.keys).subtracting(current).sorted()
        let managers = current + earlier
        var columns: [Column<String>] = [
            Column(L(.managerID)) { .text($0, .plain) },
            Column(L(.managerName)) { .text(d.managerName($0), .plain) },
        ]
        for (i, period) in periods {
            columns.append(Column(L.period(period)) { .number(t.points[$0]?[i]?.score, .decimal) })
        }
        guard let rows = try table(sheet, at: 0, columns, managers, main: true) else { return }
        var row = rows.upperBound + 2
        // The line chart: the first five and the last five of this period.
        let shown = d.trendChartPositions
        if !shown.isEmpty {
            sheet.breakPage(before: row)
            row = try lineChart(book, sheet, title: L.trendTitle(everyone: shown.count == current.count), rows: shown.map { $0 + 1 },
                                firstValueColumn: 2, periods: periods.count, at: row)
        }
        try note(sheet, row, "\(L(.byPeriod))\(L.language == .en ? ": see the sheet " : "：见工作表“")\(L(.sheetTrendDetail))\(L.language == .en ? "" : "”")")
        struct Line { var manager: String; var period: Int; var point: ManagerTrend.Point }
        let lines = managers.flatMap { m in periods.compactMap { i, _ in t.points[m]?[i].map { Line(manager: m, period: i, point: $0) } } }
        let detail: [Column<Line>] = [
            Column(L(.managerName)) { .text(d.managerName($0.manager), .plain) },
            Column(L(.period)) { .text(L.period(t.periods[$0.period]), .plain) },
            Column(L(.rank)) { .number(Double($0.point.rank), .integer) },
            Column(L(.score)) { .number($0.point.score, .decimal) },
            Column(L(.sales)) { .number($0.point.sales, .money) },
            Column(L(.coverageRate)) { .number($0.point.coverageRate, .rate) },
            Column(L(.slaRate)) { .number($0.point.slaRate, .rate) },
            Column(L(.adjustedSatisfaction)) { .number($0.point.adjustedSatisfaction, .score) },
        ]
        try table(detailSheet, at: 0, detail, lines, main: true)
    }

    /// A line per table row (its name in column 1), over `periods` value columns from
    /// `firstValueColumn`, the header row giving the periods; returns the first row below.
    package static func lineChart(_ book: XLSXWorkbook, _ sheet: XLSXSheet, title: String, rows: [Int], firstValueColumn: Int, periods: Int,
                          at row: Int) throws -> Int {
        let c = try book.addChart(.line)
        let columns = firstValueColumn...(firstValueColumn + periods - 1)
        for (i, r) in rows.enumerated() {
            let s = try c.addSeries(on: sheet, categories: .init(rows: 0...0, columns: columns), values: .init(rows: r...r, columns: columns))
            s.setName(from: sheet, row: r, column: 1)
            s.setAutomaticMarkers()
            s.setLineColour(ChartPalette.line(i))  // one clearly different colour each (issue 30 item 10)
        }
        c.setTitle(title)
        c.setLegend(.right)
        if let values = c.valueAxis {
            values.setMin(0)
            values.setMax(100)
        }
        try sheet.insert(c, row: row, column: 0, xScale: 1.5, yScale: 1.2)
        return row + Int(288 * 1.2) / 20 + 2
    }
}
