/// How the sheets write their tables, notes and headings.
extension WorkbookReport {
    /// Writes a header and rows at `start`; returns the data rows' range (empty when no rows).
    @discardableResult
    package static func table<Rows: Collection>(_ sheet: XLSXSheet, at start: Int, _ columns: [Column<Rows.Element>], _ rows: Rows,
                                         main: Bool) throws -> ClosedRange<Int>? {
        sheet.widthLimit = main ? 60 : 30
        defer { sheet.widthLimit = 60 }
        let last = try writeRows(sheet, at: start, columns, rows)
        if main {
            sheet.freezeHeader(row: start)
            try sheet.autofilter(firstRow: start, lastRow: last, columns: columns.count)
            try sheet.printSetup(headerRow: start)
        } else {
            sheet.laterTable(headingRow: start - 1, rows: rows.count)
            if !rows.isEmpty { try sheet.table(firstRow: start, lastRow: last, headers: columns.map(\.title)) }
        }
        return rows.isEmpty ? nil : (start + 1)...last
    }

    /// A header and rows at `start`, nothing more; returns the last row written.
    package static func writeRows<Rows: Collection>(_ sheet: XLSXSheet, at start: Int, _ columns: [Column<Rows.Element>], _ rows: Rows) throws -> Int {
        for (c, column) in columns.enumerated() { try sheet.write(start, c, text: column.title, .header) }
        let headers = columns.map(\.title)
        try PreparedRows.stream(rows, columns, alongside: rows.count >= sheet.workbook.preparesAlongsideFromRows) { run in
            for r in 0..<run.rowCount {
                let at = start + 1 + run.firstRow + r
                // Past Excel's last row: on to the sheet's next page, under the same header (SPEC §4.1.1).
                if sheet.isPastPage(at) { try sheet.continueTable(at: at, headers: headers) }
                try sheet.write(run, row: r, at: at)
            }
        }
        return start + rows.count
    }

    /// A rate cell; from fewer than `min_sample` cases its text with the count, `50.0% (2)`,
    /// which no "less than" rule flags (SPEC §4.1.1: small samples are marked, not flagged).
    package static func sampled(_ v: Double?, n: Int, _ d: ReportData) -> Cell {
        guard let v, n < d.config.minSample else { return .number(v, .rate) }
        return .text(Fmt.rate(v, n: n, minSample: d.config.minSample), .right)
    }

    /// A line of text in column A that runs across the page without widening the column
    /// (rules under tables, the summary's bullets).
    package static func note(_ sheet: XLSXSheet, _ row: Int, _ text: String, style: CellStyle = .subtitle) throws {
        let limit = sheet.widthLimit
        sheet.widthLimit = 0
        defer { sheet.widthLimit = limit }
        try sheet.write(row, 0, text: text, style)
    }

    package static func heading(_ sheet: XLSXSheet, _ row: Int, _ text: String) throws { try sheet.write(row, 0, text: text, .bold) }

    package static func columnIndex<Row>(_ columns: [Column<Row>], _ title: String) -> Int { columns.firstIndex { $0.title == title }! }
}
