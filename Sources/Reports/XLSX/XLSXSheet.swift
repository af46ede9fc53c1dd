import CXLSXWriter
import Foundation
import ScorecardModel

/// One sheet of an `XLSXWorkbook` as the report sees it: rows numbered without a limit.
/// Past Excel's 1 048 576 rows a table continues on the sheet's further sheets (`客户分级 2`,
/// …), each under the table's header (SPEC §4.1.1: "the run never fails on size"); every
/// write lands on the page holding its row.
package final class XLSXSheet {
    package static let excelRows = 1_048_576

    private struct Page {
        var handle: UnsafeMutablePointer<lxw_worksheet>
        /// The first row (as the report numbers them) on this page, and the page row it is on.
        var firstRow: Int
        var offset: Int
    }

    package unowned let workbook: XLSXWorkbook
    package let name: String
    /// Rows per page: Excel's limit (tests set fewer).
    package let rowLimit: Int
    private var pages: [Page]
    private var spare: [UnsafeMutablePointer<lxw_worksheet>]
    /// The page being written.
    private var handle: UnsafeMutablePointer<lxw_worksheet> { pages[pages.count - 1].handle }
    /// Display width of the widest cell per column (CJK characters count double).
    package private(set) var widths: [Int] = []
    /// Cells wider than this do not widen their column (set lower for a sheet's later tables,
    /// whose long texts would otherwise stretch the main table's columns).
    package var widthLimit = 60
    /// Per column, the rows holding a small sample's rate: no "less than" rule or colour
    /// scale reaches them (SPEC §4.1.1: small samples are marked, not flagged).
    package var sampledRows: [Int: Set<Int>] = [:]

    package init(workbook: XLSXWorkbook, handles: [UnsafeMutablePointer<lxw_worksheet>], name: String, rowLimit: Int) {
        self.workbook = workbook
        self.name = name
        self.rowLimit = rowLimit
        pages = [Page(handle: handles[0], firstRow: 0, offset: 0)]
        spare = Array(handles.dropFirst())
    }

    /// Pages a table of `rows` rows (with its header and what else the sheet shows) needs
    /// beyond the first: the first holds `rowLimit` rows, each further one a header and
    /// `rowLimit − 1` rows.
    package static func continuations(rows: Int, rowLimit: Int = excelRows) -> Int {
        rows <= rowLimit ? 0 : (rows - rowLimit + rowLimit - 2) / (rowLimit - 1)
    }

    /// True when `row` lies past the page being written.
    package func isPastPage(_ row: Int) -> Bool { row - pages[pages.count - 1].offset >= rowLimit }

    /// Goes on to the next page at `row`, under `headers` (a frozen, filtered header row).
    package func continueTable(at row: Int, headers: [String]) throws {
        guard !spare.isEmpty else {
            throw WorkbookError.write(path: workbook.path, call: "sheet '\(name)'",
                                      message: "row \(row + 1) is past the sheet and its \(pages.count - 1) further sheets")
        }
        pages.append(Page(handle: spare.removeFirst(), firstRow: row, offset: row - 1))
        for (c, title) in headers.enumerated() {
            try workbook.check(title.withCString { worksheet_write_string(handle, 0, lxw_col_t(c), $0, workbook.format(.header)) },
                               "worksheet_write_string")
        }
        worksheet_freeze_panes(handle, 1, 0)
    }

    /// The page row of `row` on the page being written; a row past it (a note or a later
    /// table after a table that filled the page) starts the next page.
    private func pageRow(_ row: Int) throws -> lxw_row_t {
        if isPastPage(row), !spare.isEmpty { pages.append(Page(handle: spare.removeFirst(), firstRow: row, offset: row)) }
        let r = row - pages[pages.count - 1].offset
        guard r >= 0, r < rowLimit else {
            throw WorkbookError.write(path: workbook.path, call: "sheet '\(name)'", message: "row \(row + 1) is not on the page being written")
        }
        return lxw_row_t(r)
    }

    /// `rows` cut at the pages they lie on, in page rows.
    package func parts(_ rows: ClosedRange<Int>) -> [(UnsafeMutablePointer<lxw_worksheet>, lxw_row_t, lxw_row_t)] {
        pages.indices.compactMap { i in
            let page = pages[i]
            let last = i + 1 < pages.count ? pages[i + 1].firstRow - 1 : page.offset + rowLimit - 1
            let lo = max(rows.lowerBound, page.firstRow), hi = min(rows.upperBound, last)
            return lo <= hi ? (page.handle, lxw_row_t(lo - page.offset), lxw_row_t(hi - page.offset)) : nil
        }
    }

    private var allHandles: [UnsafeMutablePointer<lxw_worksheet>] { pages.map(\.handle) + spare }

    /// Excel's cell holds 32 767 characters counted in UTF-16 units (an emoji is two):
    /// longer text is cut there, never inside a surrogate pair. The UTF-8 length bounds
    /// the count, so short text is not counted at all.
    package static func clippedToCell(_ text: String) -> String {
        guard text.utf8.count > CellLimit.units, text.utf16.count > CellLimit.units else { return text }
        var units = 0
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            units += scalar.utf16.count
            if units > CellLimit.units { break }
            out.append(scalar)
        }
        return String(out)
    }

    /// A text as a cell holds it: XML-safe, clipped to Excel's cell limit.
    package static func cellText(_ text: String) -> String { clippedToCell(MarkupSafety.xml(text)) }

    /// Text is always a string cell: an export value like `=HYPERLINK(...)` never becomes a formula.
    package func write(_ row: Int, _ col: Int, text: String, _ style: CellStyle = .plain) throws {
        let clipped = Self.cellText(text)
        let r = try pageRow(row)
        try workbook.check(clipped.withCString { worksheet_write_string(handle, r, lxw_col_t(col), $0, workbook.format(style)) },
                           "worksheet_write_string")
        let width = displayWidth(clipped)
        if style == .header || style == .subheader {
            // A header wraps onto two or three lines rather than widening its column: the
            // ranking's "销售额得分（权重40）" made columns 23–33 characters wide (issue 30 item 1).
            headerCells[row, default: []].append((col, width))
            let lines = width <= 6 ? 1 : width <= 12 ? 2 : width <= 18 ? 3 : 4
            note(col, max(min(width, 6), (width + lines - 1) / lines))
        } else {
            // A paragraph cell in a table (a ledger line's fact, a reject's reason) wraps: its
            // row is made as tall as its text needs once the column's width is known.
            if style == .paragraph, row < rowLimit, !workbook.streaming { paragraphCells[row, default: []].append((col, width)) }
            note(col, width)
        }
    }

    /// Per header row, its cells' columns and display widths (for the row's height).
    private var headerCells: [Int: [(Int, Int)]] = [:]
    /// Per row of the first page, its wrapped cells' columns and display widths; none in a streamed
    /// workbook, whose rows cannot change height once written (`fitColumns`): the bank-shaped
    /// set's ledger lines kept 2.9 MB of them for nothing (heaptrack, issue 29).
    private var paragraphCells: [Int: [(Int, Int)]] = [:]

    package func write(_ row: Int, _ col: Int, number: Double?, _ style: CellStyle) throws {
        if style.sampleCount != nil { sampledRows[col, default: []].insert(row) }
        let r = try pageRow(row)
        guard let number, number.isFinite else {
            try workbook.check(worksheet_write_blank(handle, r, lxw_col_t(col), workbook.format(style)), "worksheet_write_blank")
            return
        }
        try workbook.check(worksheet_write_number(handle, r, lxw_col_t(col), number, workbook.format(style)),
                           "worksheet_write_number")
        note(col, style.width(of: number))
    }

    package func write(_ row: Int, _ col: Int, _ cell: Cell) throws {
        switch cell {
        case .text(let s, let style): try write(row, col, text: s, style)
        case .number(let n, let style): try write(row, col, number: n, style)
        }
    }

    /// Writes row `r` of `prepared` at `row`, as `write(_:_:_:)` would write its cells.
    package func write(_ prepared: PreparedRows, row r: Int, at row: Int) throws {
        let page = try pageRow(row)
        let entries = prepared.cells[(r * prepared.columns)..<((r + 1) * prepared.columns)]
        try prepared.text.withUnsafeBufferPointer { text in
            let texts = UnsafeRawPointer(text.baseAddress)?.assumingMemoryBound(to: CChar.self)
            for (c, entry) in zip(0..., entries) {
                let format = workbook.format(entry.style)
                switch entry.kind {
                case .text:
                    guard let texts else { continue }  // only a row without a text has no buffer
                    try workbook.check(worksheet_write_string(handle, page, lxw_col_t(c), texts + Int(entry.textStart), format),
                                       "worksheet_write_string")
                    if entry.style == .paragraph, row < rowLimit, !workbook.streaming { paragraphCells[row, default: []].append((c, Int(entry.width))) }
                case .number:
                    if entry.style.sampleCount != nil { sampledRows[c, default: []].insert(row) }
                    try workbook.check(worksheet_write_number(handle, page, lxw_col_t(c), entry.number, format), "worksheet_write_number")
                case .blank:
                    try workbook.check(worksheet_write_blank(handle, page, lxw_col_t(c), format), "worksheet_write_blank")
                }
                if entry.width >= 0 { note(c, Int(entry.width)) }
            }
        }
    }

    private func note(_ col: Int, _ width: Int) {
        if col >= widths.count { widths += Array(repeating: -1, count: col + 1 - widths.count) }
        widths[col] = max(widths[col], min(width, widthLimit))
    }

    /// Columns set by hand (the summary's), kept by `fitColumns`.
    package var fixedWidths: [Int: Double] = [:]

    /// The width `fitColumns` gives `col`.
    package func columnWidth(_ col: Int) -> Double {
        if let w = fixedWidths[col] { return w }
        return col < widths.count && widths[col] >= 0 ? Double(min(max(widths[col] + 2, 6), 60)) : 8.43
    }

    /// Sets every written column to fit its widest cell (6–60 characters), and each header row
    /// tall enough for its wrapped titles.
    package func fitColumns() throws {
        let columns = Set(widths.indices.filter { widths[$0] >= 0 }).union(fixedWidths.keys)
        for page in pages.map(\.handle) {
            for col in columns.sorted() {
                try workbook.check(worksheet_set_column(page, lxw_col_t(col), lxw_col_t(col), columnWidth(col), nil), "worksheet_set_column")
            }
        }
        guard !workbook.streaming else { return }  // rows already written cannot change height then
        heighten(headerCells.filter { $0.key < rowLimit }, upTo: 4, format: workbook.format(.plain))
        heighten(paragraphCells, upTo: 8, format: nil)
    }

    /// Each row as tall as its wrapped cells need in their columns' widths (at most `upTo` lines).
    private func heighten(_ rows: [Int: [(Int, Int)]], upTo most: Int, format: UnsafeMutablePointer<lxw_format>?) {
        for (row, cells) in rows {
            let lines = cells.map { col, width in Int((Double(width) / max(columnWidth(col) - 1, 1)).rounded(.up)) }.max() ?? 1
            if lines > 1 { worksheet_set_row(pages[0].handle, lxw_row_t(row), Double(15 * min(lines, most) + 2), format) }
        }
    }

    /// A paragraph at `row` across `columns`, wrapped, its row as tall as the text needs
    /// (the summary's bullets and 口径: a line past the page's width was cut in print).
    package func paragraph(_ row: Int, _ text: String, columns: ClosedRange<Int>, style: CellStyle) throws {
        let clipped = Self.cellText(text)
        let r = try pageRow(row)
        let width = columns.reduce(0.0) { $0 + columnWidth($1) }
        let lines = max(1, Int((Double(displayWidth(clipped)) / max(width - 2, 1)).rounded(.up)))
        try workbook.check(worksheet_set_row(handle, r, Double(15 * lines + 2), nil), "worksheet_set_row")
        try workbook.check(clipped.withCString {
            worksheet_merge_range(handle, r, lxw_col_t(columns.lowerBound), r, lxw_col_t(columns.upperBound), $0, workbook.format(style))
        }, "worksheet_merge_range")
    }

    /// A box to write in by hand at `row` across `columns`, `lines` lines tall, `text` its
    /// caption at the top (the manager page's 谈话要点 / 改进计划 / 签字, issue 30 item 9).
    package func box(_ row: Int, _ text: String, columns: ClosedRange<Int>, lines: Int) throws {
        let r = try pageRow(row)
        try workbook.check(worksheet_set_row(handle, r, Double(15 * lines + 2), nil), "worksheet_set_row")
        try workbook.check(Self.cellText(text).withCString {
            worksheet_merge_range(handle, r, lxw_col_t(columns.lowerBound), r, lxw_col_t(columns.upperBound), $0, workbook.format(.box))
        }, "worksheet_merge_range")
    }

    /// Printed on one page, wide and tall (the summary, SPEC §4.1.1).
    package func fitOnOnePage() { worksheet_fit_to_pages(pages[0].handle, 1, 1) }

    /// The sheet the workbook opens on (the page being written).
    package func activate() { worksheet_activate(handle) }

    package func hide() { allHandles.forEach { worksheet_hide($0) } }

    package func freezeHeader(row: Int) { worksheet_freeze_panes(pages[0].handle, lxw_row_t(row + 1), 0) }

    /// The main table's filter, on each page it lies on (a further page: from its header row).
    package func autofilter(firstRow: Int, lastRow: Int, columns: Int) throws {
        for (i, (page, lo, hi)) in parts(firstRow...max(firstRow, lastRow)).enumerated() {
            try workbook.check(worksheet_autofilter(page, i == 0 ? lo : lo - 1, 0, hi, lxw_col_t(columns - 1)), "worksheet_autofilter")
        }
    }

    /// The main table's header row, repeated on every printed page unless later tables follow.
    private var printedHeaderRow: Int?
    /// Rows that start a printed page: headings of later long tables, a chart.
    private var pageBreaks: [Int] = []
    private var hasLaterTables = false

    /// A later table's heading at `row`, `rows` long. Once a sheet has one, the main table's
    /// header is not repeated on its pages (it would stand over the later tables), and a long
    /// later table starts a new page, under its own header (issue 15).
    package func laterTable(headingRow row: Int, rows: Int) {
        hasLaterTables = true
        if rows > 20 { pageBreaks.append(row) }
    }

    /// A printed page starts at `row` (a chart is not cut across two pages).
    package func breakPage(before row: Int) { pageBreaks.append(row) }

    /// Printed pages start at `rows` of the page being written, set at once (a sheet of
    /// its own pages, like the manager pages, rather than `breakPage(before:)`). Excel
    /// keeps at most 1 023 manual breaks.
    package func setPageBreaks(before rows: [Int]) throws {
        var list = rows.prefix(1_023).map { lxw_row_t($0) } + [0]  // zero-terminated
        try list.withUnsafeMutableBufferPointer {
            try workbook.check(worksheet_set_h_pagebreaks(handle, $0.baseAddress), "worksheet_set_h_pagebreaks")
        }
    }

    /// Inserts `chart` with its top left corner at `row`, `column` of the page being written,
    /// scaled from Excel's default 480 × 288 pixels.
    package func insert(_ chart: XLSXChart, row: Int, column: Int, xScale: Double, yScale: Double) throws {
        var options = lxw_chart_options()
        options.x_scale = xScale
        options.y_scale = yScale
        try workbook.check(worksheet_insert_chart_opt(handle, lxw_row_t(row), lxw_col_t(column), chart.handle, &options),
                           "worksheet_insert_chart")
    }

    /// Applies the print titles and page breaks once every table is written.
    package func finishPrint() throws {
        spare.forEach { worksheet_hide($0) }  // further sheets the tables did not reach
        for (i, page) in pages.enumerated() where i > 0 {
            try printSetup(page.handle)
            try workbook.check(worksheet_repeat_rows(page.handle, 0, 0), "worksheet_repeat_rows")
        }
        // The main table's header on every printed page (issue 30 item 1); long lists have
        // sheets of their own, so it never stands over another long table.
        if let headerRow = printedHeaderRow {
            try workbook.check(worksheet_repeat_rows(pages[0].handle, lxw_row_t(headerRow), lxw_row_t(headerRow)), "worksheet_repeat_rows")
        }
        var breaks = pageBreaks.filter { $0 > 0 && $0 < rowLimit }.sorted().prefix(1_023).map { lxw_row_t($0) }
        guard !breaks.isEmpty else { return }
        breaks.append(0)  // zero-terminated
        try breaks.withUnsafeMutableBufferPointer {
            try workbook.check(worksheet_set_h_pagebreaks(pages[0].handle, $0.baseAddress), "worksheet_set_h_pagebreaks")
        }
    }

    /// Landscape, fit to one page wide; the header row (if any) repeated on every page when
    /// it is the sheet's only table (see `finishPrint`).
    package func printSetup(headerRow: Int?) throws {
        printedHeaderRow = headerRow
        try printSetup(pages[0].handle)
    }

    /// Printed upright (after `printSetup`): a form of one page per person (the manager pages).
    package func portrait() { allHandles.forEach { worksheet_set_portrait($0) } }

    private func printSetup(_ handle: UnsafeMutablePointer<lxw_worksheet>) throws {
        worksheet_set_landscape(handle)
        worksheet_set_paper(handle, 9)  // A4
        worksheet_set_margins(handle, 0.25, 0.25, 0.6, 0.6)  // narrow margins: more of the page for the tables (issue 30 item 1)
        worksheet_fit_to_pages(handle, 1, 0)
        if let header = workbook.pageHeader {
            // `&` starts a code in Excel's header text: a literal one is doubled.
            try ("&L" + header.replacingOccurrences(of: "&", with: "&&") + "&R" + name.replacingOccurrences(of: "&", with: "&&")).withCString {
                try workbook.check(worksheet_set_header(handle, $0), "worksheet_set_header")
            }
        }
        if let footer = workbook.pageFooter {
            try ("&C" + footer).withCString { try workbook.check(worksheet_set_footer(handle, $0), "worksheet_set_footer") }
        }
    }
}
