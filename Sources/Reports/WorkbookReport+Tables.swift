/// How the sheets write their tables, notes and headings.
extension WorkbookReport {
    /// Writes a header and rows at `start`; returns the data rows' range (empty when no rows).
    @discardableResult
    package static func table<Rows: Collection>(_ sheet: XLSXSheet, at start: Int, _ columns: [Column<Rows.Element>], _ rows: Rows,
                                         main: Bool) throws -> ClosedRange<Int>? {
        try table(sheet, at: start, columns, rows, count: rows.count, main: main)
    }

    /// A table of `count` rows read once, in order (the 客户分级 sheet's, from a file).
    @discardableResult
    package static func table<Rows: Sequence>(_ sheet: XLSXSheet, at start: Int, _ columns: [Column<Rows.Element>], _ rows: Rows, count: Int,
                                              main: Bool) throws -> ClosedRange<Int>? {
        sheet.widthLimit = main ? 60 : 30
        defer { sheet.widthLimit = 60 }
        let last = try writeRows(sheet, at: start, columns, rows, count: count, header: main ? .header : .subheader)
        if main {
            sheet.freezeHeader(row: start)
            try sheet.autofilter(firstRow: start, lastRow: last, columns: columns.count)
            try sheet.printSetup(headerRow: start)
        } else {
            sheet.laterTable(headingRow: start - 1, rows: count)
            if count > 0 { try sheet.table(firstRow: start, lastRow: last, headers: columns.map(\.title)) }
        }
        return count == 0 ? nil : (start + 1)...last
    }

    /// A header and rows at `start`, nothing more; returns the last row written.
    package static func writeRows<Rows: Collection>(_ sheet: XLSXSheet, at start: Int, _ columns: [Column<Rows.Element>], _ rows: Rows,
                                                  header: CellStyle = .header) throws -> Int {
        try writeRows(sheet, at: start, columns, rows, count: rows.count, header: header)
    }

    /// `count` rows read once, in order.
    package static func writeRows<Rows: Sequence>(_ sheet: XLSXSheet, at start: Int, _ columns: [Column<Rows.Element>], _ rows: Rows, count: Int,
                                                header: CellStyle = .header) throws -> Int {
        for (c, column) in columns.enumerated() { try sheet.write(start, c, text: column.title, header) }
        let headers = columns.map(\.title)
        var written = 0
        try PreparedRows.stream(rows, columns, alongside: count >= sheet.workbook.preparesAlongsideFromRows) { run in
            written += run.rowCount
            for r in 0..<run.rowCount {
                let at = start + 1 + run.firstRow + r
                // Past Excel's last row: on to the sheet's next page, under the same header (SPEC §4.1.1).
                if sheet.isPastPage(at) { try sheet.continueTable(at: at, headers: headers) }
                try sheet.write(run, row: r, at: at)
            }
        }
        precondition(written == count, "a table's rows are as many as it was told")
        return start + count
    }

    /// A rate cell; from fewer than `min_sample` cases still a number, shown with its count
    /// (`50.0%（2）`, `CellStyle.sampled`), which no "less than" rule flags (SPEC §4.1.1:
    /// small samples are marked, not flagged; issue 30: numbers stay numbers).
    package static func sampled(_ v: Double?, n: Int, _ d: ReportData) -> Cell {
        guard let v, n < d.config.minSample else { return .number(v, .rate) }
        return .number(v, .sampled(n))
    }

    /// A moment as a real Excel date and time in the pipeline's zone (issue 30 item 4: not text),
    /// or a day when `day`; blank when there is none.
    package static func when(_ epoch: Int?, _ d: ReportData, day: Bool = false) -> Cell {
        guard let epoch else { return .number(nil, day ? .date : .dateTime) }
        let serial = Double(d.clock.local(fromEpoch: epoch)) / 86_400 + 25_569  // days since 1899-12-30
        return .number(day ? serial.rounded(.down) : serial, day ? .date : .dateTime)
    }

    /// A line of text under or over the tables (rules under tables, the summary's bullets):
    /// wrapped across the columns written so far, so that it never widens a column nor runs
    /// past the printed page (issue 30 item 1: a rule under the ranking halved its print scale).
    package static func note(_ sheet: XLSXSheet, _ row: Int, _ text: String, style: CellStyle = .subtitle) throws {
        guard style != .title else {
            let limit = sheet.widthLimit
            sheet.widthLimit = 0
            defer { sheet.widthLimit = limit }
            return try sheet.write(row, 0, text: text, style)
        }
        let last = max(3, min(sheet.widths.count - 1, 13))
        let wrapped: CellStyle = style == .bold ? .paragraphBold : style == .subtitle ? .paragraphNote : .paragraph
        try sheet.paragraph(row, text, columns: 0...last, style: wrapped)
    }

    package static func heading(_ sheet: XLSXSheet, _ row: Int, _ text: String) throws { try sheet.write(row, 0, text: text, .bold) }

    package static func columnIndex<Row>(_ columns: [Column<Row>], _ title: String) -> Int { columns.firstIndex { $0.title == title }! }
}
