import CXLSXWriter
import Foundation

/// Conditional formats and Excel tables on an `XLSXSheet`.
extension XLSXSheet {
    /// How `highlight(column:rows:when:_:style:)` compares a cell with its value.
    package enum Criterion {
        case equalTo, greaterThan, lessThan, lessThanOrEqualTo

        package var criteria: UInt8 {
            switch self {
            case .equalTo: return UInt8(LXW_CONDITIONAL_CRITERIA_EQUAL_TO.rawValue)
            case .greaterThan: return UInt8(LXW_CONDITIONAL_CRITERIA_GREATER_THAN.rawValue)
            case .lessThan: return UInt8(LXW_CONDITIONAL_CRITERIA_LESS_THAN.rawValue)
            case .lessThanOrEqualTo: return UInt8(LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO.rawValue)
            }
        }
    }

    /// Highlights cells of `column` in rows `rows` when `criterion value` holds (a missed target).
    /// An empty cell (no data: no rate) is never a miss — Excel would compare it as 0 — so a
    /// "less than" rule is preceded by one that stops at blanks.
    package func highlight(column: Int, rows: ClosedRange<Int>, when criterion: Criterion, _ value: Double, style: CellStyle) throws {
        if criterion == .lessThan || criterion == .lessThanOrEqualTo {
            var blanks = lxw_conditional_format()
            blanks.type = UInt8(LXW_CONDITIONAL_TYPE_BLANKS.rawValue)
            blanks.stop_if_true = UInt8(LXW_TRUE.rawValue)
            try conditional(column, rows, &blanks, skippingSamples: true)
        }
        var cf = lxw_conditional_format()
        cf.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
        cf.criteria = criterion.criteria
        cf.value = value
        cf.format = workbook.format(style)
        try conditional(column, rows, &cf, skippingSamples: criterion == .lessThan || criterion == .lessThanOrEqualTo)
    }

    /// `rows` without `skip`, as the runs of rows left.
    package static func split(_ rows: ClosedRange<Int>, without skip: Set<Int>) -> [ClosedRange<Int>] {
        guard !skip.isEmpty else { return [rows] }
        var runs: [ClosedRange<Int>] = []
        var start: Int?
        for r in rows {
            if skip.contains(r) {
                if let s = start { runs.append(s...(r - 1)); start = nil }
            } else if start == nil { start = r }
        }
        if let s = start { runs.append(s...rows.upperBound) }
        return runs
    }

    /// A graded colour for a rate column: red at `low` and below, amber at `mid`, white at 100 %
    /// (issue 15: a coverage of 88 % is not coloured like one of 40 %). Blank and text cells
    /// (no data, small samples) get no colour.
    package func colourScale(column: Int, rows: ClosedRange<Int>, low: Double, mid: Double) throws {
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
        try conditional(column, rows, &cf, skippingSamples: true)
    }

    /// Highlights text cells of `column` equal to `text` (e.g. `breached`, `downgrade`).
    package func highlight(column: Int, rows: ClosedRange<Int>, equals text: String, style: CellStyle) throws {
        try ("\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"").withCString { quoted in
            var cf = lxw_conditional_format()
            cf.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
            cf.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_EQUAL_TO.rawValue)
            cf.value_string = UnsafeMutablePointer(mutating: quoted)
            cf.format = workbook.format(style)
            try conditional(column, rows, &cf)
        }
    }

    /// A conditional format on `column` over `rows`, on each page they lie on; with
    /// `skippingSamples`, not on the rows holding a small sample's rate.
    private func conditional(_ column: Int, _ rows: ClosedRange<Int>, _ format: inout lxw_conditional_format,
                             skippingSamples: Bool = false) throws {
        let spans = skippingSamples ? Self.split(rows, without: sampledRows[column] ?? []) : [rows]
        for (page, lo, hi) in spans.flatMap(parts) {
            try workbook.check(worksheet_conditional_format_range(page, lo, lxw_col_t(column), hi, lxw_col_t(column), &format),
                               "worksheet_conditional_format_range")
        }
    }

    /// An Excel table over a block already written (for the second and later tables of a sheet);
    /// none when the workbook streams (libxlsxwriter cannot write one then) or the block runs
    /// over two pages.
    package func table(firstRow: Int, lastRow: Int, headers: [String]) throws {
        let spans = parts(firstRow...max(lastRow, firstRow + 1))
        guard !workbook.streaming, spans.count == 1, let (page, first, last) = spans.first else { return }
        let duplicated = headers.map { strdup($0) }
        defer { duplicated.forEach { free($0) } }
        var columns = duplicated.map { h -> lxw_table_column in
            var c = lxw_table_column()
            c.header = h
            c.header_format = workbook.format(.subheader)  // wrapped and centred like the main table's header
            return c
        }
        try columns.withUnsafeMutableBufferPointer { buffer in
            var pointers: [UnsafeMutablePointer<lxw_table_column>?] = (0..<buffer.count).map { buffer.baseAddress! + $0 } + [nil]
            try pointers.withUnsafeMutableBufferPointer { list in
                var options = lxw_table_options()
                options.style_type = UInt8(LXW_TABLE_STYLE_TYPE_LIGHT.rawValue)
                options.style_type_number = 9
                options.columns = list.baseAddress
                try workbook.check(worksheet_add_table(page, first, 0, last,
                                                       lxw_col_t(headers.count - 1), &options), "worksheet_add_table")
            }
        }
    }
}
