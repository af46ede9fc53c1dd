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
package final class XLSXWorkbook {
    package let path: String
    /// Printed at the top and the foot of every page (Excel's header codes: `&P` page, `&N` pages).
    package var pageHeader: String?
    package var pageFooter: String?
    /// From this many rows a table's cells are prepared on a second thread (`PreparedRows`).
    package var preparesAlongsideFromRows = 50_000
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    private var formats: [UnsafeMutablePointer<lxw_format>?] = Array(repeating: nil, count: CellStyle.allCases.count)

    /// libxlsxwriter's constant-memory mode: each row goes to a temporary file once the next
    /// begins, so memory does not grow with the rows (issue 10: the bank-sized workbook held
    /// 1.5 GB of cells). It writes no Excel tables, so later tables of a sheet have none.
    package let streaming: Bool

    /// - Parameter created: the document's creation time; fixed (as_of) so the same inputs give the same bytes.
    /// - Parameter streaming: rows are written in order, top to bottom on each sheet (see `streaming`).
    package init(path: String, created: Int, title: String, streaming: Bool = false) throws {
        self.path = path
        self.streaming = streaming
        var options = lxw_workbook_options()
        options.constant_memory = streaming ? 1 : 0
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

    /// A sheet, followed by `continuations` further sheets (`客户分级 2`, …) its tables go on
    /// to past `rowLimit` rows. libxlsxwriter keeps sheets in the order they are added, so
    /// they are added now, beside it.
    package func addSheet(_ name: String, continuations: Int = 0, rowLimit: Int = XLSXSheet.excelRows) throws -> XLSXSheet {
        let names = [name] + (0..<continuations).map { "\(name) \($0 + 2)" }
        let handles = try names.map { n in
            guard let handle, let sheet = n.withCString({ workbook_add_worksheet(handle, $0) }) else {
                throw WorkbookError.write(path: path, call: "workbook_add_worksheet", message: "cannot add sheet '\(n)'")
            }
            return sheet
        }
        return XLSXSheet(workbook: self, handles: handles, name: name, rowLimit: rowLimit)
    }

    /// The format of `style`; nil (the default) for plain cells. libxlsxwriter caches a
    /// format's index only when the format is new: one equal to an earlier format
    /// (a blank one equals the default) is hashed byte by byte for every cell it is
    /// written with: about a quarter of the 100 000-customer workbook's time (perf;
    /// 2.8–3.0 s → 2.2 s).
    package func format(_ style: CellStyle) -> UnsafeMutablePointer<lxw_format>? {
        let style = style.distinct
        if style == .plain { return nil }
        if let f = formats[style.rawValue] { return f }
        guard let handle, let f = workbook_add_format(handle) else { return nil }
        style.apply(to: f)
        formats[style.rawValue] = f
        return f
    }

    /// A new chart, placed on a sheet by `XLSXSheet.insert(_:row:column:xScale:yScale:)`.
    package func addChart(_ kind: XLSXChart.Kind) throws -> XLSXChart {
        guard let handle, let chart = workbook_add_chart(handle, kind.type) else {
            throw WorkbookError.write(path: path, call: "workbook_add_chart", message: "cannot add a chart")
        }
        return XLSXChart(workbook: self, kind: kind, handle: chart)
    }

    /// Writes the file. After this the handle is gone, whatever the outcome.
    package func close() throws {
        guard let h = handle else { return }
        handle = nil
        try check(workbook_close(h), "workbook_close")
    }

    package func check(_ error: lxw_error, _ call: String) throws {
        guard error == LXW_NO_ERROR else {
            throw WorkbookError.write(path: path, call: call, message: String(cString: lxw_strerror(error)))
        }
    }
}

/// A value for a cell, with its style.
package enum Cell {
    case text(String, CellStyle)
    case number(Double?, CellStyle)
}

/// The cell formats the workbook uses (SPEC §4.1 number formats).
package enum CellStyle: Int, CaseIterable {
    case plain, center, right, header, title, subtitle, bold
    case money, rate, hours, decimal, integer, score
    case bad, warn, good
    /// A count among other figures (the summary's values column): right-aligned like them.
    case count

    /// The style with the same look, so that no two formats are equal (see `XLSXWorkbook.format`).
    package var distinct: CellStyle { self == .hours ? .decimal : self }

    package var numberFormat: String? {
        switch self {
        case .money: return "#,##0.00"
        case .rate: return "0.0%"
        case .hours, .decimal: return "0.0"
        case .integer, .count: return "0"
        case .score: return "0.00"
        default: return nil
        }
    }

    package func apply(to f: UnsafeMutablePointer<lxw_format>) {
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
    package func width(of n: Double) -> Int {
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
package func displayWidth(_ s: String) -> Int {
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
