import CXLSXWriter
import Foundation

/// A libxlsxwriter call failed; names the file (SPEC §4.1).
public enum WorkbookError: LocalizedError, Equatable {
    case cannotCreate(path: String)
    case write(path: String, call: String, message: String)

    public var errorDescription: String? {
        switch self {
        case .cannotCreate(let path): return "Cannot create the workbook \(path)."
        case .write(let path, let call, let message): return "Writing the workbook \(path) failed in \(call): \(message)"
        }
    }
}

/// Owns one `lxw_workbook` (the only type that holds libxlsxwriter handles, with
/// `XLSXSheet`). Every `lxw_error` becomes a `WorkbookError` naming the file.
final class XLSXWorkbook {
    let path: String
    /// Printed at the top and the foot of every page (Excel's header codes: `&P` page, `&N` pages).
    var pageHeader: String?
    var pageFooter: String?
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private var formats: [UnsafeMutablePointer<lxw_format>?] = Array(repeating: nil, count: CellStyle.allCases.count)

    /// - Parameter created: the document's creation time; fixed (as_of) so the same inputs give the same bytes.
    init(path: String, created: Int, title: String) throws {
        self.path = path
        var options = lxw_workbook_options()
        // Not constant-memory mode: it cannot write Excel tables (the later tables of a
        // sheet). Measured: the 100 000-customer workbook adds ~90 MiB, within the run's budget.
        options.constant_memory = 0
        guard let h = path.withCString({ workbook_new_opt($0, &options) }) else { throw WorkbookError.cannotCreate(path: path) }
        handle = h
        try withCStrings(title, "Scorecard") { t, app in
            var properties = lxw_doc_properties()
            properties.title = UnsafeMutablePointer(mutating: t)
            properties.author = UnsafeMutablePointer(mutating: app)
            properties.created = time_t(created)
            try check(workbook_set_properties(h, &properties), "workbook_set_properties")
        }
    }

    deinit {
        // A workbook never closed (an error on the way) is freed without writing a file.
        if let handle { lxw_workbook_free(handle) }
    }

    func addSheet(_ name: String) throws -> XLSXSheet {
        guard let handle, let sheet = name.withCString({ workbook_add_worksheet(handle, $0) }) else {
            throw WorkbookError.write(path: path, call: "workbook_add_worksheet", message: "cannot add sheet '\(name)'")
        }
        return XLSXSheet(workbook: self, handle: sheet, name: name)
    }

    /// The format of `style`; nil (the default) for plain cells. libxlsxwriter caches a
    /// format's index only when the format is new: one equal to an earlier format
    /// (a blank one equals the default) is hashed byte by byte for every cell it is
    /// written with: about a quarter of the 100 000-customer workbook's time (perf;
    /// 2.8–3.0 s → 2.2 s).
    func format(_ style: CellStyle) -> UnsafeMutablePointer<lxw_format>? {
        let style = style.distinct
        if style == .plain { return nil }
        if let f = formats[style.rawValue] { return f }
        guard let handle, let f = workbook_add_format(handle) else { return nil }
        style.apply(to: f)
        formats[style.rawValue] = f
        return f
    }

    func addChart(_ type: Int) throws -> UnsafeMutablePointer<lxw_chart> {
        guard let handle, let chart = workbook_add_chart(handle, UInt8(type)) else {
            throw WorkbookError.write(path: path, call: "workbook_add_chart", message: "cannot add a chart")
        }
        return chart
    }

    /// Writes the file. After this the handle is gone, whatever the outcome.
    func close() throws {
        guard let h = handle else { return }
        handle = nil
        try check(workbook_close(h), "workbook_close")
    }

    func check(_ error: lxw_error, _ call: String) throws {
        guard error == LXW_NO_ERROR else {
            throw WorkbookError.write(path: path, call: call, message: String(cString: lxw_strerror(error)))
        }
    }
}

/// One worksheet of an `XLSXWorkbook`.
final class XLSXSheet {
    unowned let workbook: XLSXWorkbook
    let handle: UnsafeMutablePointer<lxw_worksheet>
    let name: String
    /// Display width of the widest cell per column (CJK characters count double).
    private(set) var widths: [Int] = []
    /// Cells wider than this do not widen their column (set lower for a sheet's later tables,
    /// whose long texts would otherwise stretch the main table's columns).
    var widthLimit = 60

    init(workbook: XLSXWorkbook, handle: UnsafeMutablePointer<lxw_worksheet>, name: String) {
        self.workbook = workbook
        self.handle = handle
        self.name = name
    }

    /// Excel's cell holds 32 767 characters counted in UTF-16 units (an emoji is two):
    /// longer text is cut there, never inside a surrogate pair. The UTF-8 length bounds
    /// the count, so short text is not counted at all.
    static func clippedToCell(_ text: String) -> String {
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

    /// Text is always a string cell: an export value like `=HYPERLINK(...)` never becomes a formula.
    func write(_ row: Int, _ col: Int, text: String, _ style: CellStyle = .plain) throws {
        let clipped = Self.clippedToCell(MarkupSafety.xml(text))
        try workbook.check(clipped.withCString { worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(col), $0, workbook.format(style)) },
                           "worksheet_write_string")
        note(col, displayWidth(clipped))
    }

    func write(_ row: Int, _ col: Int, number: Double?, _ style: CellStyle) throws {
        guard let number, number.isFinite else {
            try workbook.check(worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(col), workbook.format(style)), "worksheet_write_blank")
            return
        }
        try workbook.check(worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(col), number, workbook.format(style)),
                           "worksheet_write_number")
        note(col, style.width(of: number))
    }

    func write(_ row: Int, _ col: Int, _ cell: Cell) throws {
        switch cell {
        case .text(let s, let style): try write(row, col, text: s, style)
        case .number(let n, let style): try write(row, col, number: n, style)
        }
    }

    private func note(_ col: Int, _ width: Int) {
        if col >= widths.count { widths += Array(repeating: -1, count: col + 1 - widths.count) }
        widths[col] = max(widths[col], min(width, widthLimit))
    }

    /// Sets every written column to fit its widest cell (8–60 characters).
    func fitColumns() throws {
        for (col, width) in widths.enumerated() where width >= 0 {
            try workbook.check(worksheet_set_column(handle, lxw_col_t(col), lxw_col_t(col), Double(min(max(width + 2, 8), 60)), nil),
                               "worksheet_set_column")
        }
    }

    /// Printed on one page, wide and tall (the summary, SPEC §4.1.1).
    func fitOnOnePage() { worksheet_fit_to_pages(handle, 1, 1) }

    func hide() { worksheet_hide(handle) }

    func freezeHeader(row: Int) { worksheet_freeze_panes(handle, lxw_row_t(row + 1), 0) }

    func autofilter(firstRow: Int, lastRow: Int, columns: Int) throws {
        try workbook.check(worksheet_autofilter(handle, lxw_row_t(firstRow), 0, lxw_row_t(max(firstRow, lastRow)), lxw_col_t(columns - 1)),
                           "worksheet_autofilter")
    }

    /// The main table's header row, repeated on every printed page unless later tables follow.
    private var printedHeaderRow: Int?
    /// The heading rows of later long tables: each starts a printed page.
    private var laterTables: [Int] = []

    /// A later table's heading at `row`, `rows` long. Once a sheet has one, the main table's
    /// header is not repeated on its pages (it would stand over the later tables), and a long
    /// later table starts a new page, under its own header (issue 15).
    func laterTable(headingRow row: Int, rows: Int) {
        laterTables.append(rows > 20 ? row : -1)
    }

    /// Applies the print titles and page breaks once every table is written.
    func finishPrint() throws {
        if laterTables.isEmpty, let headerRow = printedHeaderRow {
            try workbook.check(worksheet_repeat_rows(handle, lxw_row_t(headerRow), lxw_row_t(headerRow)), "worksheet_repeat_rows")
        }
        var breaks = laterTables.filter { $0 > 0 }.prefix(1_023).map { lxw_row_t($0) }
        guard !breaks.isEmpty else { return }
        breaks.append(0)  // zero-terminated
        try breaks.withUnsafeMutableBufferPointer {
            try workbook.check(worksheet_set_h_pagebreaks(handle, $0.baseAddress), "worksheet_set_h_pagebreaks")
        }
    }

    /// Landscape, fit to one page wide; the header row (if any) repeated on every page when
    /// it is the sheet's only table (see `finishPrint`).
    func printSetup(headerRow: Int?) throws {
        worksheet_set_landscape(handle)
        worksheet_set_paper(handle, 9)  // A4
        worksheet_fit_to_pages(handle, 1, 0)
        printedHeaderRow = headerRow
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

    /// Highlights cells of `column` in rows `rows` when `criteria value` holds (a missed target).
    /// An empty cell (no data: no rate) is never a miss — Excel would compare it as 0 — so a
    /// "less than" rule is preceded by one that stops at blanks.
    func highlight(column: Int, rows: ClosedRange<Int>, when criteria: Int, _ value: Double, style: CellStyle) throws {
        if criteria == Int(LXW_CONDITIONAL_CRITERIA_LESS_THAN.rawValue) || criteria == Int(LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO.rawValue) {
            var blanks = lxw_conditional_format()
            blanks.type = UInt8(LXW_CONDITIONAL_TYPE_BLANKS.rawValue)
            blanks.stop_if_true = UInt8(LXW_TRUE.rawValue)
            try workbook.check(worksheet_conditional_format_range(handle, lxw_row_t(rows.lowerBound), lxw_col_t(column),
                                                                  lxw_row_t(rows.upperBound), lxw_col_t(column), &blanks),
                               "worksheet_conditional_format_range")
        }
        var cf = lxw_conditional_format()
        cf.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
        cf.criteria = UInt8(criteria)
        cf.value = value
        cf.format = workbook.format(style)
        try workbook.check(worksheet_conditional_format_range(handle, lxw_row_t(rows.lowerBound), lxw_col_t(column),
                                                              lxw_row_t(rows.upperBound), lxw_col_t(column), &cf),
                           "worksheet_conditional_format_range")
    }

    /// A graded colour for a rate column: red at `low` and below, amber at `mid`, white at 100 %
    /// (issue 15: a coverage of 88 % is not coloured like one of 40 %). Blank and text cells
    /// (no data, small samples) get no colour.
    func colourScale(column: Int, rows: ClosedRange<Int>, low: Double, mid: Double) throws {
        var cf = lxw_conditional_format()
        cf.type = UInt8(LXW_CONDITIONAL_3_COLOR_SCALE.rawValue)
        cf.min_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue)
        cf.min_value = low
        cf.min_color = 0xF8_69_6B
        cf.mid_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue)
        cf.mid_value = mid
        cf.mid_color = 0xFF_EB_84
        cf.max_rule_type = UInt8(LXW_CONDITIONAL_RULE_TYPE_NUMBER.rawValue)
        cf.max_value = 1
        cf.max_color = 0xFF_FF_FF
        try workbook.check(worksheet_conditional_format_range(handle, lxw_row_t(rows.lowerBound), lxw_col_t(column),
                                                              lxw_row_t(rows.upperBound), lxw_col_t(column), &cf),
                           "worksheet_conditional_format_range")
    }

    /// Highlights text cells of `column` equal to `text` (e.g. `breached`, `downgrade`).
    func highlight(column: Int, rows: ClosedRange<Int>, equals text: String, style: CellStyle) throws {
        try ("\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"").withCString { quoted in
            var cf = lxw_conditional_format()
            cf.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            cf.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_EQUAL_TO.rawValue)
            cf.value_string = UnsafeMutablePointer(mutating: quoted)
            cf.format = workbook.format(style)
            try workbook.check(worksheet_conditional_format_range(handle, lxw_row_t(rows.lowerBound), lxw_col_t(column),
                                                                  lxw_row_t(rows.upperBound), lxw_col_t(column), &cf),
                               "worksheet_conditional_format_range")
        }
    }

    /// An Excel table over a block already written (for the second and later tables of a sheet).
    func table(firstRow: Int, lastRow: Int, headers: [String]) throws {
        let duplicated = headers.map { strdup($0) }
        defer { duplicated.forEach { free($0) } }
        var columns = duplicated.map { h -> lxw_table_column in
            var c = lxw_table_column()
            c.header = h
            return c
        }
        try columns.withUnsafeMutableBufferPointer { buffer in
            var pointers: [UnsafeMutablePointer<lxw_table_column>?] = (0..<buffer.count).map { buffer.baseAddress! + $0 } + [nil]
            try pointers.withUnsafeMutableBufferPointer { list in
                var options = lxw_table_options()
                options.style_type = UInt8(LXW_TABLE_STYLE_TYPE_LIGHT.rawValue)
                options.style_type_number = 9
                options.columns = list.baseAddress
                try workbook.check(worksheet_add_table(handle, lxw_row_t(firstRow), 0, lxw_row_t(max(lastRow, firstRow + 1)),
                                                       lxw_col_t(headers.count - 1), &options), "worksheet_add_table")
            }
        }
    }

}

/// A value for a cell, with its style.
enum Cell {
    case text(String, CellStyle)
    case number(Double?, CellStyle)
}

/// The cell formats the workbook uses (SPEC §4.1 number formats).
enum CellStyle: Int, CaseIterable {
    case plain, center, right, header, title, subtitle, bold
    case money, rate, hours, decimal, integer, score
    case bad, warn, good
    /// A count among other figures (the summary's values column): right-aligned like them.
    case count

    /// The style with the same look, so that no two formats are equal (see `XLSXWorkbook.format`).
    var distinct: CellStyle { self == .hours ? .decimal : self }

    var numberFormat: String? {
        switch self {
        case .money: return "#,##0.00"
        case .rate: return "0.0%"
        case .hours, .decimal: return "0.0"
        case .integer, .count: return "0"
        case .score: return "0.00"
        default: return nil
        }
    }

    func apply(to f: UnsafeMutablePointer<lxw_format>) {
        if let n = numberFormat { n.withCString { format_set_num_format(f, $0) } }
        switch self {
        case .header:
            format_set_bold(f)
            format_set_bg_color(f, 0xDDEBF7)
            format_set_bottom(f, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_text_wrap(f)
            format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        case .title:
            format_set_bold(f)
            format_set_font_size(f, 16)
        case .subtitle:
            format_set_font_color(f, 0x595959)
        case .bold:
            format_set_bold(f)
        case .right:
            format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue))
        case .center, .integer:
            // Ranks and counts centred: a right-aligned number next to a left-aligned
            // text column otherwise reads as one value ("3 M013").
            format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .bad:
            format_set_bg_color(f, 0xFFC7CE)
            format_set_font_color(f, 0x9C0006)
        case .warn:
            format_set_bg_color(f, 0xFFEB9C)
            format_set_font_color(f, 0x9C5700)
        case .good:
            format_set_bg_color(f, 0xC6EFCE)
            format_set_font_color(f, 0x006100)
        default:
            break
        }
    }

    /// Display width of a number in this format, digits counted rather than formatted:
    /// `String(format:)` per cell, with counting characters and a dictionary of widths,
    /// was a quarter of the 100 000-customer workbook (2.2 s → 1.65 s without them).
    func width(of n: Double) -> Int {
        let sign = n < 0 ? 1 : 0
        func digits(_ v: Double) -> Int {
            var whole = abs(v).rounded(.down), count = 1
            while whole >= 10 { whole /= 10; count += 1 }
            return count
        }
        switch self {
        case .money: let d = digits(n); return sign + d + (d - 1) / 3 + 3  // 1,234.50
        case .rate: return sign + digits(n * 100) + 3                     // 73.5%
        case .integer, .count: return sign + digits(n)
        case .score: return sign + digits(n) + 3                          // 4.25
        default: return sign + digits(n) + 2                              // 12.5
        }
    }
}

/// Characters shown double-width in a spreadsheet (CJK and full-width forms) count 2.
func displayWidth(_ s: String) -> Int {
    if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.utf8.count }
    return s.unicodeScalars.reduce(0) { w, u in
        let v = u.value
        let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v)
        return w + (wide ? 2 : 1)
    }
}

private func withCStrings<T>(_ a: String, _ b: String, _ body: (UnsafePointer<CChar>, UnsafePointer<CChar>) throws -> T) rethrows -> T {
    try a.withCString { pa in try b.withCString { pb in try body(pa, pb) } }
}
