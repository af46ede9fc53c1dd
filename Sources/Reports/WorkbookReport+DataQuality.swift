import ScorecardIngest
import ScorecardWarehouse

/// The 数据质量 Data quality sheet (SPEC §4.1.1): per file, then the rejected rows.
extension WorkbookReport {
    package static func writeDataQuality(_ d: ReportData, _ sheet: XLSXSheet) throws {
        let L = d.labels
        let report = DataQualityReport(load: d.load, maxRejectRate: d.config.maxRejectRate)
        let columns: [Column<FileLoadReport>] = [
            Column(L(.entity)) { .text(L.entity($0.entity), .plain) },
            Column(L(.file)) { .text($0.file, .plain) },
            Column(L(.encoding)) { .text($0.encoding, .plain) },
            Column(L(.delimiter)) { .text(L.delimiter($0.delimiter), .plain) },
            Column(L(.rowsRead)) { .number(Double($0.rowsRead), .integer) },
            Column(L(.rowsLoaded)) { .number(Double($0.rowsLoaded), .integer) },
            Column(L(.rowsRejected)) { .number(Double($0.rowsRejected), .integer) },
            Column(L(.rejectedShare)) { .number($0.rejectRate, .rate) },
            Column(L(.topReasons)) { f in .text(report.topReasons(of: f.file).map { "\(L.rejectKind($0.0)) ×\($0.1)" }.joined(separator: "; "), .plain) },
        ]
        var row = 0
        if let range = try table(sheet, at: 0, columns, d.load.files, main: true) {
            try sheet.highlight(column: 7, rows: range, when: .greaterThan,
                                d.config.maxRejectRate, style: .bad)
            row = range.upperBound
        }
        row += 2
        try heading(sheet, row, L(.rejects))
        let shown = Array(d.load.rejects.prefix(10_000))
        if shown.count < d.load.rejects.count { try sheet.write(row, 2, text: L(.rejectsTruncated), .subtitle) }
        let entityOf = Dictionary(d.load.files.map { ($0.file, $0.entity) }, uniquingKeysWith: { a, _ in a })
        let rejectColumns: [Column<RejectedRow>] = [
            Column(L(.file)) { .text($0.file, .plain) },
            Column(L(.line)) { .number(Double($0.line), .integer) },
            Column(L(.column)) { .text(L.column($0.column, of: entityOf[$0.file]), .plain) },
            Column(L(.reason)) { .text(L.rejectReason($0.reason), .plain) },
            Column(L(.raw)) { .text($0.raw, .plain) },
        ]
        try table(sheet, at: row + 1, rejectColumns, shown, main: false)
    }
}
