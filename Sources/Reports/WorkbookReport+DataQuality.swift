import ScorecardIngest
import ScorecardWarehouse

/// The 数据质量 Data quality sheet (SPEC §4.1.1): per file with a 合计 row (as the Markdown's);
/// the rejected rows on a sheet of their own (up to 10 000: a long list under its own repeated
/// header, like the chase list) — reasons wrapped, never cut; a raw line shortened to its
/// column so it does not stretch the printed page (rejects.csv holds it whole; issue 30 item 10).
extension WorkbookReport {
    /// Display width (CJK counts double) of a rejected row's raw line the sheet shows.
    static let rawShown = 56

    package static func writeDataQuality(_ d: ReportData, _ sheet: XLSXSheet, rejects rejectsSheet: XLSXSheet) throws {
        let L = d.labels
        let zh = d.config.language == .zhCN
        let report = DataQualityReport(load: d.load, maxRejectRate: d.config.maxRejectRate)
        let columns: [Column<FileLoadReport>] = [
            Column(L(.entity)) { .text(L.entity($0.entity), .plain) },
            Column(L(.file)) { .text($0.file, .plain) },
            Column(L(.encoding)) { .text($0.encoding, .plain) },
            Column(L(.delimiter)) { .text(L.delimiter($0.delimiter), .plain) },
            Column(L(.rowsRead)) { .number(Double($0.rowsRead), .count) },
            Column(L(.rowsLoaded)) { .number(Double($0.rowsLoaded), .count) },
            Column(L(.rowsRejected)) { .number(Double($0.rowsRejected), .count) },
            Column(L(.rejectedShare)) { .number($0.rejectRate, .rate) },
            Column(L(.topReasons)) { f in
                .text(report.topReasons(of: f.file).map { "\(L.rejectKind($0.0)) ×\($0.1)" }.joined(separator: zh ? "；" : "; "), .paragraph)
            },
        ]
        var row = 0
        if let range = try table(sheet, at: 0, columns, d.load.files, main: true) {
            try sheet.highlight(column: 7, rows: range, when: .greaterThan, d.config.maxRejectRate, style: .bad)
            row = range.upperBound
        }
        // 合计, as the Markdown's data-quality table has it.
        row += 1
        let load = d.load
        try sheet.write(row, 0, text: L(.total), .bold)
        for (c, n) in [(4, load.rowsRead), (5, load.rowsLoaded), (6, load.rowsRejected)] { try sheet.write(row, c, number: Double(n), .count) }
        try sheet.write(row, 7, number: load.rowsRead == 0 ? 0 : Double(load.rowsRejected) / Double(load.rowsRead), .rate)
        // A team's report: counts only (SPEC §4.4), the rows may be another team's.
        guard d.results.team == nil else {
            try note(sheet, row + 2, L(.rejectsElsewhere))
            try note(rejectsSheet, 0, L(.rejectsElsewhere))
            try rejectsSheet.printSetup(headerRow: nil)  // landscape, with the report's header and page numbers
            return
        }
        try note(sheet, row + 2, "\(L(.rejects))\(zh ? "：见工作表“" : ": see the sheet ")\(L(.sheetRejects))\(zh ? "”" : "")")
        let shown = Array(d.load.rejects.prefix(10_000))
        try note(rejectsSheet, 0, (shown.count < d.load.rejects.count ? L(.rejectsTruncated) + (zh ? "" : " ") : "") + String(format: L(.rawShownNote), rawShown))
        let entityOf = Dictionary(d.load.files.map { ($0.file, $0.entity) }, uniquingKeysWith: { a, _ in a })
        let rejectColumns: [Column<RejectedRow>] = [
            Column(L(.file)) { .text($0.file, .plain) },
            Column(L(.line)) { .number(Double($0.line), .integer) },
            Column(L(.column)) { .text(L.column($0.column, of: entityOf[$0.file]), .plain) },
            Column(L(.reason)) { .text(L.rejectReason($0.reason), .paragraph) },
            Column(L(.raw)) { .text(shortened($0.raw), .plain) },
        ]
        try table(rejectsSheet, at: 2, rejectColumns, shown, main: true)
    }

    /// The raw line cut to `rawShown` display columns and `…` (the whole line is in rejects.csv).
    static func shortened(_ raw: String) -> String {
        guard displayWidth(raw) > rawShown else { return raw }
        var out = "", width = 0
        for ch in raw {
            let w = displayWidth(String(ch))
            if width + w > rawShown - 1 { break }
            out.append(ch)
            width += w
        }
        return out + "…"
    }
}
