import Foundation
import ScorecardModel


/// The supervisors' workbook (SPEC §4.1): its sheets in the report language.
/// The first table of each sheet (but the summary, a page) has a frozen header and an
/// autofilter; later tables on a sheet are Excel tables, except in a streamed workbook. Missed targets are
/// highlighted by conditional formats, so they stay right when a user edits a value.
package enum WorkbookReport {
    /// Where a big workbook changes how it is written (tests set smaller numbers).
    package struct Layout: Sendable {
        /// Rows per sheet before a table goes on to the next (Excel's limit).
        package var rowLimit: Int = XLSXSheet.excelRows
        /// From this many rows in all, the workbook streams (libxlsxwriter's constant-memory
        /// mode): a 1.1 M-customer workbook held 1.5 GB of cells. Streaming writes no Excel
        /// table, so a big workbook's later tables have no filter (issue 10 accepts this; SPEC
        /// §4.1 asks for one). Measured on the 100 000-customer set: peak 437 MiB held, 243 MiB
        /// streamed, against the 384 — so from 100 000 rows.
        package var streamingFromRows = 100_000
        /// From this many rows a table's cells are prepared on a second thread (`PreparedRows`).
        package var preparedAlongsideFromRows = 50_000

        package init(rowLimit: Int = XLSXSheet.excelRows, streamingFromRows: Int = 100_000, preparedAlongsideFromRows: Int = 50_000) {
            self.rowLimit = rowLimit
            self.streamingFromRows = streamingFromRows
            self.preparedAlongsideFromRows = preparedAlongsideFromRows
        }
    }

    /// The complaints, satisfaction and visits sheets; an absent export's says there is no data
    /// (SPEC §2.7), not empty tables.
    private static func writeActivity(_ data: ReportData, complaints: XLSXSheet, satisfaction: XLSXSheet, visits: XLSXSheet) throws {
        for (entity, sheet, write) in [(Entity.complaints, complaints, writeComplaints), (.surveys, satisfaction, writeSatisfaction),
                                       (.visits, visits, writeVisits)] as [(Entity, XLSXSheet, (ReportData, XLSXSheet) throws -> Void)] {
            if data.results.absent.contains(entity), let text = data.labels.absent(entity) {
                try note(sheet, 0, text, style: .bold)
                try sheet.printSetup(headerRow: nil)
            } else {
                try write(data, sheet)
            }
        }
    }

    /// Writes `data`'s workbook to `path`.
    package static func write(_ data: ReportData, to path: String, layout: Layout = Layout()) throws {
        try writeSheets(data, to: path, layout: layout).close()
    }

    /// Writes every sheet of `data`'s workbook; the workbook returned is zipped to `path` when it
    /// is closed (a third of a big workbook's time, on one core), on any one thread.
    package static func writeSheets(_ data: ReportData, to path: String, layout: Layout = Layout()) throws -> XLSXWorkbook {
        let L = data.labels
        let rows = estimatedRows(data)
        let book = try XLSXWorkbook(path: path, created: data.results.asOf, title: data.title,
                                    streaming: rows.values.reduce(0, +) >= layout.streamingFromRows)
        // Every printed page: the report and period at the top, page n of m at the foot (SPEC §4.1.1).
        book.pageHeader = "\(L(.reportTitle))  \(L.period(data.period))" + (data.teamName.map { " · " + $0 } ?? "")
        book.pageFooter = L(.pageFooter)
        book.preparesAlongsideFromRows = layout.preparedAlongsideFromRows
        // The language alone, not the report: a team's workbook zipping beside the next team's
        // sheets would otherwise keep the team's whole cut.
        let language = data.config.language
        book.countSuffix = { Fmt.countSuffix($0, language) }
        func sheet(_ label: Label) throws -> XLSXSheet {
            // A tenth more than counted, so a sheet never runs past its last page (hidden when unused).
            try book.addSheet(L(label), continuations: XLSXSheet.continuations(rows: (rows[label] ?? 120) * 11 / 10, rowLimit: layout.rowLimit),
                              rowLimit: layout.rowLimit)
        }
        let summary = try sheet(.sheetSummary)
        let managers = try sheet(.sheetManagers)
        let teams = try sheet(.sheetTeams)
        let trend = try sheet(.sheetTrend)
        // Long lists on sheets of their own, each under its own repeated header (issue 30 item 1).
        let trendDetail = try sheet(.sheetTrendDetail)
        let customers = try sheet(.sheetCustomers)
        let complaints = try sheet(.sheetComplaints)
        let satisfaction = try sheet(.sheetSatisfaction)
        let visits = try sheet(.sheetVisits)
        let receivables = try sheet(.sheetReceivables)
        let chase = try sheet(.sheetChase)
        let development = try sheet(.sheetDevelopment)
        let service = try sheet(.sheetService)
        let serviceList = try sheet(.sheetServiceList)
        // SPEC §3.11, §3.12: written work, the ledger, targets (written as they are added).
        let handbooks = try handbookSheets(data, book, layout)
        let pages = try sheet(.sheetManagerPages)
        let quality = try sheet(.sheetDataQuality)
        let rejects = try sheet(.sheetRejects)
        // The charts' data on a hidden sheet of its own: it neither prints nor crowds the summary (issue 15).
        let chartData = try sheet(.chartData)
        chartData.hide()
        try writeManagers(data, managers)
        try writeTeams(data, teams)
        try writeTrend(data, trend, detail: trendDetail, book: book)
        try writeCustomers(data, customers)
        try writeActivity(data, complaints: complaints, satisfaction: satisfaction, visits: visits)
        try writeReceivables(data, receivables, chase: chase, book: book)
        try writeDevelopment(data, development)
        try writeService(data, service, list: serviceList)
        try writeManagerPages(data, pages)
        try writeDataQuality(data, quality, rejects: rejects)
        try writeSummary(data, summary, chartData: chartData, book: book)
        for sheet in [summary, managers, teams, trend, trendDetail, customers, complaints, satisfaction, visits, receivables, chase, development, service,
                      serviceList] + handbooks + [pages, quality, rejects] {
            try sheet.fitColumns()
            try sheet.finishPrint()
        }
        return book
    }

    /// The most rows one of the 上交情况, 奖惩台账 and 目标达成 sheets will hold.
    package static func estimatedHandbookRows(_ d: ReportData) -> Int {
        let r = d.results
        return 60 + max(r.submissions.summaries.count + r.submissions.items.count, r.ledger.totals.count + r.ledger.teams.count + r.ledger.lines.count,
                        r.targets.rows.count)
    }

    /// The rows each sheet will hold, counted from its lists (their headings,
    /// notes and gaps included): the further sheets are added up front, and the total decides
    /// whether the workbook streams.
    package static func estimatedRows(_ d: ReportData) -> [Label: Int] {
        let r = d.results
        let gaps = 60
        return [
            .sheetSummary: 200, .chartData: 200,
            .sheetManagers: r.managers.count + gaps,
            .sheetTeams: r.teams.count + gaps,
            .sheetTrend: Set(d.trend.points.keys).union(r.managers.map(\.managerID)).count + gaps,
            .sheetTrendDetail: (Set(d.trend.points.keys).union(r.managers.map(\.managerID)).count) * d.trend.periods.count + gaps,
            .sheetCustomers: r.grades.tally.customers + gaps,
            .sheetComplaints: r.complaints.complaints.count + r.complaints.groups.count + r.complaints.repeats.count
                + r.complaints.unescalatedMajors.count + gaps,
            .sheetSatisfaction: r.satisfaction.groups.count * 8 + r.satisfaction.corrective.count + gaps,
            .sheetVisits: r.visits.managers.count * 3 + r.visits.uncovered.count + gaps,
            .sheetReceivables: r.receivables.managers.count + gaps,
            .sheetChase: r.receivables.chaseList.count + gaps,
            .sheetDevelopment: r.development.newCustomers.count + r.development.leftBehind.count + r.development.surveyReach.count
                + r.development.leftBehindByTeam.count + gaps,
            .sheetService: r.service.groups.count + gaps,
            .sheetServiceList: r.service.followUps.count + gaps,
            .sheetManagerPages: r.managers.count * 90,  // a page: title, KPIs, five lists of up to nine rows, targets, ledger lines
            .sheetDataQuality: d.load.files.count + gaps,
            .sheetRejects: min(d.load.rejects.count, 10_000) + gaps,
        ]
    }
}
