import Foundation
import ScorecardModel

/// The 概览 Summary sheet (SPEC §4.1.1) and its charts.
extension WorkbookReport {
    /// The summary (SPEC §4.1.1): the title, what changed (the Markdown's bullets), the
    /// headline figures with 口径 under them, and the three charts under them. Printed
    /// fit to one page wide at no less than about 90 % (issue 30 item 1: at 41 % it could
    /// not be read): narrow fixed columns, wrapped paragraphs, the charts stacked.
    package static func writeSummary(_ d: ReportData, _ sheet: XLSXSheet, chartData data: XLSXSheet, book: XLSXWorkbook) throws {
        let L = d.labels
        let text = 0...3
        for (col, width) in [30.0, 12, 15, 10].enumerated() { sheet.fixedWidths[col] = width }
        try note(sheet, 0, d.title, style: .title)
        try note(sheet, 1, L.sentence("\(L(.period)): \(d.periodDays)    \(L(.asOf)): \(d.asOfText)"))
        // What an absent export leaves out first (SPEC §2.7), then what changed.
        let bullets = Entity.allCases.filter(d.results.absent.contains).compactMap(L.absent).map { "⚠ " + $0 }
            + MarkdownReport.changes(d).map { "• " + $0.replacingOccurrences(of: "**", with: "") }
        for (i, bullet) in bullets.enumerated() { try sheet.paragraph(3 + i, bullet, columns: text, style: .paragraph) }
        let tableRow = 3 + bullets.count + 1
        let items = Headline.items(d)
        let columns: [Column<Headline.Item>] = [
            Column(L(.headline)) { .text($0.label, .plain) },
            Column(L(.value)) { $0.value },
            Column(Headline.previousHeader(d)) { $0.previous },
            Column(L(.target)) { $0.target },
        ]
        // A page, not a list: no filter, no frozen header (it cut through the charts beside it).
        let range = (tableRow + 1)...(try writeRows(sheet, at: tableRow, columns, items))
        try sheet.printSetup(headerRow: nil)
        for (i, item) in items.enumerated() where item.missed {
            try sheet.highlight(column: 1, rows: (range.lowerBound + i)...(range.lowerBound + i),
                                when: .lessThan, item.targetValue ?? 0, style: .bad)
        }
        // 口径 under the table: how each figure is counted (one text with the Markdown's, `Definitions`).
        let definitions = Definitions.lines(d)
        for (i, line) in definitions.enumerated() {
            try sheet.paragraph(range.upperBound + 2 + i, line, columns: text, style: i == 0 ? .paragraphBold : .paragraphNote)
        }
        // The charts under it all, on pages of their own, none cut across two pages.
        let chartsRow = range.upperBound + 2 + definitions.count + 1
        sheet.breakPage(before: chartsRow)
        try summaryCharts(d, sheet, chartData: data, book: book, at: chartsRow)
        sheet.activate()
    }

    /// The charts' data on the hidden sheet; the charts from `top`, each on a page of its own (the
    /// grades' and the scores' together were taller than a landscape A4 page: the scores' chart
    /// of 20 managers printed across two pages).
    private static func summaryCharts(_ d: ReportData, _ sheet: XLSXSheet, chartData data: XLSXSheet, book: XLSXWorkbook, at top: Int) throws {
        let L = d.labels
        let grades = d.gradeSeries, scores = d.scoreSeries, sla = d.slaSeries
        var row = 0
        let gradeBlock = try block(data, row: row, col: 0, title: (L(.grade), L(.customersByGrade)), grades, .integer)
        row = gradeBlock.last + 2
        let scoreBlock = try block(data, row: row, col: 0, title: (L(.managerName), L(.score)), scores, .decimal)
        row = scoreBlock.last + 2
        let slaBlock = try block(data, row: row, col: 0, title: (L(.managerName), L(.slaRate)), sla, .rate)
        let chartCol = 0
        let below = try chart(book, sheet, data: data, kind: .column, title: L(.customersByGrade), block: gradeBlock, row: top, at: chartCol)
        sheet.breakPage(before: below)
        let next = try chart(book, sheet, data: data, kind: .bar, title: L(.managerScores), block: scoreBlock,
                             row: below, at: chartCol, max: 100, bars: scores.count)
        sheet.breakPage(before: next)
        _ = try chart(book, sheet, data: data, kind: .bar, title: L(.slaByManager), block: slaBlock,
                      row: next, at: chartCol, max: 1, percent: true, bars: sla.count)
    }

    /// A two-column block (label, value) for a chart; returns its first and last data rows.
    package static func block(_ sheet: XLSXSheet, row: Int, col: Int, title: (String, String), _ values: [(String, Double?)],
                      _ style: CellStyle) throws -> (first: Int, last: Int) {
        try sheet.write(row, col, text: title.0, .header)
        try sheet.write(row, col + 1, text: title.1, .header)
        for (i, v) in values.enumerated() {
            try sheet.write(row + 1 + i, col, text: v.0, .plain)
            try sheet.write(row + 1 + i, col + 1, number: v.1, style)
        }
        return (row + 1, row + max(values.count, 1))
    }

    /// Inserts a native chart over a data block at `row`; returns the first row below it.
    package static func chart(_ book: XLSXWorkbook, _ sheet: XLSXSheet, data: XLSXSheet, kind: XLSXChart.Kind, title: String, block: (first: Int, last: Int),
                      col: Int = 0, row: Int, at insertColumn: Int, max: Double? = nil, percent: Bool = false, bars: Int = 0) throws -> Int {
        let c = try book.addChart(kind)
        let rows = block.first...block.last
        let series = try c.addSeries(on: data, categories: .init(rows: rows, columns: col...col), values: .init(rows: rows, columns: (col + 1)...(col + 1)))
        series.showValues()
        c.setTitle(title)
        c.setLegend(.none)
        // In a bar chart the y axis holds the categories: reversed so the first row is on top.
        if kind == .bar, let categories = c.categoryAxis, let values = c.valueAxis {
            categories.reverse()
            categories.setIntervalUnit(1)  // every manager's name, not every other
            values.setMin(0)
            if let max { values.setMax(max) }
            if percent { values.setNumberFormat("0%") }
        }
        let height = Swift.max(288, 60 + 18 * bars)  // pixels; the default chart is 480 × 288
        try sheet.insert(c, row: row, column: insertColumn, xScale: 1.0, yScale: Double(height) / 288)
        return row + height / 20 + 2
    }
}
