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
    private var formats: [UnsafeMutablePointer<lxw_format>?] = Array(repeating: nil, count: CellStyle.namedCount)
    private var sampledFormats: [Int: UnsafeMutablePointer<lxw_format>] = [:]
    /// How a small sample's count is written after its rate (`（3）` in Chinese, ` (3)` in English).
    package var countSuffix: (Int) -> String = { " (\($0))" }

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
        if let n = style.sampleCount {
            if let f = sampledFormats[n] { return f }
            guard let handle, let f = workbook_add_format(handle) else { return nil }
            style.apply(to: f, countSuffix: countSuffix)
            sampledFormats[n] = f
            return f
        }
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
