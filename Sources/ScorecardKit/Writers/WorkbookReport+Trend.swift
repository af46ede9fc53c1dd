import CXLSXWriter

/// The 趋势 Trend sheet (SPEC §4.1.1): each manager's score over the last periods of the
/// same kind, a line chart of the first and last five, then every KPI by period.
extension WorkbookReport {
    static func writeTrend(_ d: ReportData, _ sheet: XLSXSheet, book: XLSXWorkbook) throws {
        let L = d.labels
        let t = d.trend
        let periods = Array(t.periods.enumerated())
        // Managers in this period's order, then those ranked only earlier.
        let current = d.results.managers.map(\.managerID)
        let earlier = Set(t.points.keys).subtracting(current).sorted()
        let managers = current + earlier
        var columns: [Column<String>] = [
            Column(L(.managerID)) { .text($0, .plain) },
            Column(L(.managerName)) { .text(d.managerNameMarkingLeavers($0), .plain) },
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
        try heading(sheet, row, L(.byPeriod))
        struct Line { var manager: String; var period: Int; var point: ManagerTrend.Point }
        let lines = managers.flatMap { m in periods.compactMap { i, _ in t.points[m]?[i].map { Line(manager: m, period: i, point: $0) } } }
        let detail: [Column<Line>] = [
            Column(L(.managerName)) { .text(d.managerNameMarkingLeavers($0.manager), .plain) },
            Column(L(.period)) { .text(L.period(t.periods[$0.period]), .plain) },
            Column(L(.rank)) { .number(Double($0.point.rank), .integer) },
            Column(L(.score)) { .number($0.point.score, .decimal) },
            Column(L(.sales)) { .number($0.point.sales, .money) },
            Column(L(.coverageRate)) { .number($0.point.coverageRate, .rate) },
            Column(L(.slaRate)) { .number($0.point.slaRate, .rate) },
            Column(L(.adjustedSatisfaction)) { .number($0.point.adjustedSatisfaction, .score) },
        ]
        try table(sheet, at: row + 1, detail, lines, main: false)
    }

    /// A line per table row (its name in column 1), over `periods` value columns from
    /// `firstValueColumn`, the header row giving the periods; returns the first row below.
    static func lineChart(_ book: XLSXWorkbook, _ sheet: XLSXSheet, title: String, rows: [Int], firstValueColumn: Int, periods: Int,
                          at row: Int) throws -> Int {
        let c = try book.addChart(Int(LXW_CHART_LINE.rawValue))
        let last = firstValueColumn + periods - 1
        try sheet.name.withCString { name in
            for r in rows {
                guard let s = chart_add_series(c, nil, nil) else {
                    throw WorkbookError.write(path: book.path, call: "chart_add_series", message: "cannot add a series")
                }
                chart_series_set_categories(s, name, 0, lxw_col_t(firstValueColumn), 0, lxw_col_t(last))
                chart_series_set_values(s, name, lxw_row_t(r), lxw_col_t(firstValueColumn), lxw_row_t(r), lxw_col_t(last))
                chart_series_set_name_range(s, name, lxw_row_t(r), 1)
                chart_series_set_marker_type(s, UInt8(LXW_CHART_MARKER_AUTOMATIC.rawValue))
            }
        }
        title.withCString { chart_title_set_name(c, $0) }
        chart_legend_set_position(c, UInt8(LXW_CHART_LEGEND_RIGHT.rawValue))
        if let values = c.pointee.y_axis {
            chart_axis_set_min(values, 0)
            chart_axis_set_max(values, 100)
        }
        var options = lxw_chart_options()
        options.x_scale = 1.5
        options.y_scale = 1.2
        try book.check(worksheet_insert_chart_opt(sheet.handle, lxw_row_t(row), 0, c, &options), "worksheet_insert_chart")
        return row + Int(288 * 1.2) / 20 + 2
    }
}
