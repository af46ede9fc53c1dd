import Foundation

/// One column of a sheet table: its header and how a row fills it.
struct Column<Row> {
    let title: String
    let cell: (Row) -> Cell

    init(_ title: String, _ cell: @escaping (Row) -> Cell) {
        self.title = title
        self.cell = cell
    }
}

/// The supervisors' workbook (SPEC §4.1): its sheets in the report language.
/// The first table of each sheet (but the summary, a page) has a frozen header and an
/// autofilter; later tables on a sheet are Excel tables, except in a streamed workbook. Missed targets are
/// highlighted by conditional formats, so they stay right when a user edits a value.
enum WorkbookReport {
    /// Where a big workbook changes how it is written (tests set smaller numbers).
    struct Layout: Sendable {
        /// Rows per sheet before a table goes on to the next (Excel's limit).
        var rowLimit = XLSXSheet.excelRows
        /// From this many rows in all, the workbook streams (libxlsxwriter's constant-memory
        /// mode): a 1.1 M-customer workbook held 1.5 GB of cells. Streaming writes no Excel
        /// table, so a big workbook's later tables have no filter (issue 10 accepts this; SPEC
        /// §4.1 asks for one). Measured on the 100 000-customer set: peak 437 MiB held, 243 MiB
        /// streamed, against the 384 — so from 100 000 rows.
        var streamingFromRows = 100_000
        /// From this many rows a table's cells are prepared on a second thread (`PreparedRows`).
        var preparedAlongsideFromRows = 50_000
    }

    /// - Parameter sheetsWritten: called once every sheet is written, before the file is
    ///   zipped (a third of a big workbook's time, on one core).
    static func write(_ data: ReportData, to path: String, layout: Layout = Layout(), sheetsWritten: () -> Void = {}) throws {
        let L = data.labels
        let rows = estimatedRows(data)
        let book = try XLSXWorkbook(path: path, created: data.results.asOf, title: "\(L(.reportTitle)) \(L.period(data.period))",
                                    streaming: rows.values.reduce(0, +) >= layout.streamingFromRows)
        // Every printed page: the report and period at the top, page n of m at the foot (SPEC §4.1.1).
        book.pageHeader = "\(L(.reportTitle))  \(L.period(data.period))"
        book.pageFooter = L(.pageFooter)
        book.preparesAlongsideFromRows = layout.preparedAlongsideFromRows
        func sheet(_ label: Label) throws -> XLSXSheet {
            // A tenth more than counted, so a sheet never runs past its last page (hidden when unused).
            try book.addSheet(L(label), continuations: XLSXSheet.continuations(rows: (rows[label] ?? 120) * 11 / 10, rowLimit: layout.rowLimit),
                              rowLimit: layout.rowLimit)
        }
        let summary = try sheet(.sheetSummary)
        let managers = try sheet(.sheetManagers)
        let teams = try sheet(.sheetTeams)
        let trend = try sheet(.sheetTrend)
        let customers = try sheet(.sheetCustomers)
        let complaints = try sheet(.sheetComplaints)
        let satisfaction = try sheet(.sheetSatisfaction)
        let visits = try sheet(.sheetVisits)
        let receivables = try sheet(.sheetReceivables)
        let development = try sheet(.sheetDevelopment)
        let service = try sheet(.sheetService)
        let pages = try sheet(.sheetManagerPages)
        let quality = try sheet(.sheetDataQuality)
        // The charts' data on a hidden sheet of its own: it neither prints nor crowds the summary (issue 15).
        let chartData = try sheet(.chartData)
        chartData.hide()
        try writeManagers(data, managers)
        try writeTeams(data, teams)
        try writeTrend(data, trend, book: book)
        try writeCustomers(data, customers)
        // An absent export's sheet says there is no data (SPEC §2.7), not empty tables.
        for (entity, sheet, write) in [(Entity.complaints, complaints, writeComplaints), (.surveys, satisfaction, writeSatisfaction),
                                       (.visits, visits, writeVisits)] as [(Entity, XLSXSheet, (ReportData, XLSXSheet) throws -> Void)] {
            if data.results.absent.contains(entity), let text = data.labels.absent(entity) {
                try note(sheet, 0, text, style: .bold)
                try sheet.printSetup(headerRow: nil)
            } else {
                try write(data, sheet)
            }
        }
        try writeReceivables(data, receivables, book: book)
        try writeDevelopment(data, development)
        try writeService(data, service)
        try writeManagerPages(data, pages)
        try writeDataQuality(data, quality)
        try writeSummary(data, summary, chartData: chartData, book: book)
        for sheet in [summary, managers, teams, trend, customers, complaints, satisfaction, visits, receivables, development, service, pages, quality] {
            try sheet.fitColumns()
            try sheet.finishPrint()
        }
        sheetsWritten()
        try book.close()
    }

    /// The rows each sheet will hold, counted from its lists (their headings,
    /// notes and gaps included): the further sheets are added up front, and the total decides
    /// whether the workbook streams.
    static func estimatedRows(_ d: ReportData) -> [Label: Int] {
        let r = d.results
        let gaps = 60
        return [
            .sheetSummary: 200, .chartData: 200,
            .sheetManagers: r.managers.count + gaps,
            .sheetTeams: r.teams.count + gaps,
            .sheetTrend: (Set(d.trend.points.keys).union(r.managers.map(\.managerID)).count) * (d.trend.periods.count + 1) + gaps,
            .sheetCustomers: r.grades.count + gaps,
            .sheetComplaints: r.complaints.complaints.count + r.complaints.groups.count + r.complaints.repeats.count
                + r.complaints.unescalatedMajors.count + gaps,
            .sheetSatisfaction: r.satisfaction.groups.count * 8 + r.satisfaction.corrective.count + gaps,
            .sheetVisits: r.visits.managers.count * 3 + r.visits.uncovered.count + gaps,
            .sheetReceivables: r.receivables.managers.count + r.receivables.chaseList.count + gaps,
            .sheetDevelopment: r.development.newCustomers.count + r.development.leftBehind.count + r.development.surveyReach.count
                + r.development.leftBehindByTeam.count + gaps,
            .sheetService: r.service.followUps.count + r.service.groups.count + gaps,
            .sheetManagerPages: r.managers.count * 70,  // a page: title, KPIs, five lists of up to nine rows
            .sheetDataQuality: d.load.files.count + min(d.load.rejects.count, 10_000) + gaps,
        ]
    }

    // MARK: Tables

    /// Writes a header and rows at `start`; returns the data rows' range (empty when no rows).
    @discardableResult
    static func table<Rows: Collection>(_ sheet: XLSXSheet, at start: Int, _ columns: [Column<Rows.Element>], _ rows: Rows,
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
    static func writeRows<Rows: Collection>(_ sheet: XLSXSheet, at start: Int, _ columns: [Column<Rows.Element>], _ rows: Rows) throws -> Int {
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
    static func sampled(_ v: Double?, n: Int, _ d: ReportData) -> Cell {
        guard let v, n < d.config.minSample else { return .number(v, .rate) }
        return .text(Fmt.rate(v, n: n, minSample: d.config.minSample), .right)
    }

    /// A line of text in column A that runs across the page without widening the column
    /// (rules under tables, the summary's bullets).
    static func note(_ sheet: XLSXSheet, _ row: Int, _ text: String, style: CellStyle = .subtitle) throws {
        let limit = sheet.widthLimit
        sheet.widthLimit = 0
        defer { sheet.widthLimit = limit }
        try sheet.write(row, 0, text: text, style)
    }

    static func heading(_ sheet: XLSXSheet, _ row: Int, _ text: String) throws { try sheet.write(row, 0, text: text, .bold) }

    static func columnIndex<Row>(_ columns: [Column<Row>], _ title: String) -> Int { columns.firstIndex { $0.title == title }! }

    // MARK: Sheets

    static func writeManagers(_ d: ReportData, _ sheet: XLSXSheet) throws {
        let L = d.labels
        let targets = d.results.managers.contains { $0.attainment != nil }
        var columns: [Column<ManagerScore>] = [
            Column(L(.rank)) { .number(Double($0.rank), .integer) },
            Column(L(.rankChange)) { .number($0.rankChange.map(Double.init), .integer) },
            Column(L(.managerID)) { .text($0.managerID, .plain) },
            Column(L(.managerName)) { .text(d.managerNameMarkingLeavers($0.managerID), .plain) },
            Column(L(.team)) { .text(d.managers[$0.managerID]?.team ?? "", .plain) },
            Column(L(.score)) { .number($0.score, .decimal) },
        ]
        // The points of each KPI in use, adding up to the score (SPEC §4.1.1).
        for kpi in RankingKPI.inUse(d.config.ranking) {
            let weight = Fmt.decimal(kpi.weight(d.config.ranking), 0)
            let title = d.config.language == .en ? "\(L.kpi(kpi, targets: targets)) \(L(.points)) (w \(weight))"
                : "\(L.kpi(kpi, targets: targets))\(L(.points))（权重\(weight)）"
            columns.append(Column(title) { .number($0.points[kpi], .decimal) })
        }
        columns.append(Column(L(.sales)) { .number($0.sales, .money) })
        if targets { columns.append(Column(L(.attainment)) { .number($0.attainment, .rate) }) }
        columns += [
            Column(L(.coverageRate)) { sampled($0.coverageRate, n: d.results.visits.summary($0.managerID)?.customersDue ?? 0, d) },
            Column(L(.slaRate)) { sampled($0.slaRate, n: d.results.complaints.group(.manager, $0.managerID)?.complaints ?? 0, d) },
            Column(L(.adjustedSatisfaction)) { .number($0.adjustedSatisfaction, .score) },
            Column(L(.previousRank)) { .number($0.previousRank.map(Double.init), .integer) },
            Column(L(.mark)) { .text($0.isFirst ? L(.first) : $0.isLast ? L(.last) : "", .plain) },
        ]
        guard let rows = try table(sheet, at: 0, columns, d.results.managers, main: true) else { return }
        try note(sheet, rows.upperBound + 2, L(.scoreRule))
        let mark = columnIndex(columns, L(.mark))
        try sheet.highlight(column: mark, rows: rows, equals: L(.last), style: .bad)
        try sheet.highlight(column: mark, rows: rows, equals: L(.first), style: .good)
        try sheet.highlight(column: columnIndex(columns, L(.rankChange)), rows: rows,
                            when: .lessThan, 0, style: .bad)
    }

    /// The team rollup (SPEC §4.1.1): sizes, sales, coverage, SLA, satisfaction, mean score, rank.
    static func writeTeams(_ d: ReportData, _ sheet: XLSXSheet) throws {
        let L = d.labels
        let columns: [Column<TeamSummary>] = [
            Column(L(.teamRank)) { .number(Double($0.rank), .integer) },
            Column(L(.team)) { .text($0.team.isEmpty ? L(.noTeam) : $0.team, .plain) },
            Column(L(.managerCount)) { .number(Double($0.managers), .integer) },
            Column(L(.meanScore)) { .number($0.meanScore, .decimal) },
            Column(L(.sales)) { .number($0.sales, .money) },
            Column(L(.coverageRate)) { .number($0.coverageRate, .rate) },
            Column(L(.slaRate)) { .number($0.slaRate, .rate) },
            Column(L(.meanOverall)) { .number($0.meanOverall, .score) },
        ]
        guard let rows = try table(sheet, at: 0, columns, d.results.teams, main: true) else { return }
        try note(sheet, rows.upperBound + 2, L(.teamRule))
        if let worst = d.results.teams.map(\.rank).max(), worst > 1 {
            try sheet.highlight(column: 0, rows: rows, when: .equalTo, 1, style: .good)
            try sheet.highlight(column: 0, rows: rows, when: .equalTo, Double(worst), style: .bad)
        }
    }

    static func writeCustomers(_ d: ReportData, _ sheet: XLSXSheet) throws {
        let L = d.labels
        let anyDue = !d.results.visits.managers.isEmpty
        // Sorted by position, not by copying the rows: 1.1 M grades were a second 0.2 GB copy (issue 10).
        let grades = d.results.grades
        let order = grades.indices.sorted {
            (grades[$0].grade, -grades[$0].sales12m, grades[$0].customerID) < (grades[$1].grade, -grades[$1].sales12m, grades[$1].customerID)
        }
        let rows = order.lazy.map { grades[$0] }
        let columns: [Column<CustomerGrade>] = [
            Column(L(.customerID)) { .text($0.customerID, .plain) },
            Column(L(.customerName)) { .text(d.customerName($0.customerID), .plain) },
            Column(L(.managerName)) { .text(d.managerName($0.managerID), .plain) },
            Column(L(.region)) { .text(L.region(d.customers.region(of: $0.customerID) ?? "urban"), .plain) },
            Column(L(.grade)) { .text($0.grade.rawValue, .bold) },
            Column(L(.provisional)) { .text($0.provisional ? L(.yes) : "", .plain) },
            Column(L(.previousGrade)) { .text($0.previousGrade?.rawValue ?? "", .plain) },
            Column(L(.gradeChange)) { .text(L.change($0.change), .plain) },
            Column(L(.gradeReason)) { g in .text(g.reasons.map(L.reason).joined(separator: d.config.language == .en ? "; " : "；"), .plain) },
            Column(L(.sales12m)) { .number($0.sales12m, .money) },
            Column(L(.profit12m)) { .number($0.profit12m, .money) },
            Column(L(.avgDaysLate)) { .number($0.avgDaysLate, .decimal) },
            Column(L(.onTimeRate)) { .number($0.onTimeRate, .rate) },
            Column(L(.coverage)) {
                .text(d.results.visits.isUncovered($0.customerID) ? L(.notCovered) : anyDue ? L(.covered) : L(.noCadence), .plain)
            },
        ]
        guard let range = try table(sheet, at: 0, columns, rows, main: true) else { return }
        try sheet.highlight(column: columnIndex(columns, L(.gradeChange)), rows: range, equals: L(.downgrade), style: .bad)
        try sheet.highlight(column: columnIndex(columns, L(.avgDaysLate)), rows: range,
                            when: .greaterThan, d.config.grading.downgradeDaysLate, style: .bad)
        try sheet.highlight(column: columnIndex(columns, L(.coverage)), rows: range, equals: L(.notCovered), style: .warn)
    }

    static func writeComplaints(_ d: ReportData, _ sheet: XLSXSheet) throws {
        let L = d.labels
        let c = d.results.complaints
        let repeats = Dictionary(uniqueKeysWithValues: c.repeats.map { ($0.complaintID, $0.previousComplaintID) })
        let columns: [Column<ComplaintSLA>] = [
            Column(L(.complaintID)) { .text($0.complaintID, .plain) },
            Column(L(.customerName)) { .text(d.customerName($0.customerID), .plain) },
            Column(L(.managerName)) { .text(d.managerName($0.managerID), .plain) },
            Column(L(.grade)) { .text($0.grade?.rawValue ?? "", .plain) },
            Column(L(.severity)) { .text($0.major ? L(.major) : L(.normal), .plain) },
            Column(L(.category)) { .text($0.category ?? "", .plain) },
            Column(L(.receivedAt)) { .text(Fmt.time($0.receivedAt, d.clock), .center) },
            Column(L(.firstResponseHours)) { .number($0.firstResponseHours, .hours) },
            Column(L(.firstResponseStatus)) { .text(L.status($0.firstResponse), .center) },
            Column(L(.resolutionHours)) { .number($0.resolutionHours, .hours) },
            Column(L(.resolutionStatus)) { .text(L.status($0.resolution), .center) },
            Column(L(.escalationHours)) { .number($0.escalationHours, .hours) },
            Column(L(.escalationStatus)) { .text(L.status($0.escalation), .center) },
            Column(L(.repeatOf)) { .text(repeats[$0.complaintID] ?? "", .plain) },
        ]
        var row = 0
        if let range = try table(sheet, at: 0, columns, c.complaints, main: true) {
            for title in [L(.firstResponseStatus), L(.resolutionStatus), L(.escalationStatus)] {
                try sheet.highlight(column: columnIndex(columns, title), rows: range, equals: L(.breached), style: .bad)
                try sheet.highlight(column: columnIndex(columns, title), rows: range, equals: L(.pending), style: .warn)
            }
            row = range.upperBound
        }
        row += 2
        let groups: [(Label, SLAGroup.Grouping)] = [(.byManager, .manager), (.byGrade, .grade), (.byCategory, .category)]
        for (label, grouping) in groups {
            try heading(sheet, row, L(label))
            let rows = c.groups.filter { $0.grouping == grouping }
            try table(sheet, at: row + 1, slaColumns(d, grouping), rows, main: false)
            row += rows.count + 4
        }
        try heading(sheet, row, L(.repeatComplaints))
        let repeatColumns: [Column<RepeatComplaint>] = [
            Column(L(.complaintID)) { .text($0.complaintID, .plain) },
            Column(L(.customerName)) { .text(d.customerName($0.customerID), .plain) },
            Column(L(.managerName)) { .text(d.managerName($0.managerID), .plain) },
            Column(L(.previousComplaint)) { .text($0.previousComplaintID, .plain) },
            Column(L(.daysBetween)) { .number($0.daysBetween, .decimal) },
        ]
        try table(sheet, at: row + 1, repeatColumns, c.repeats, main: false)
        row += c.repeats.count + 4
        try heading(sheet, row, L(.unescalatedMajors))
        let majorColumns: [Column<ComplaintSLA>] = [
            Column(L(.complaintID)) { .text($0.complaintID, .plain) },
            Column(L(.customerName)) { .text(d.customerName($0.customerID), .plain) },
            Column(L(.managerName)) { .text(d.managerName($0.managerID), .plain) },
            Column(L(.receivedAt)) { .text(Fmt.time($0.receivedAt, d.clock), .center) },
            Column(L(.escalationStatus)) { .text(L.status($0.escalation), .plain) },
        ]
        try table(sheet, at: row + 1, majorColumns, c.unescalatedMajors, main: false)
    }

    static func slaColumns(_ d: ReportData, _ grouping: SLAGroup.Grouping) -> [Column<SLAGroup>] {
        let L = d.labels
        let key: Column<SLAGroup> = Column(grouping == .manager ? L(.managerName) : grouping == .grade ? L(.grade) : L(.category)) {
            .text(grouping == .manager ? d.managerName($0.key) : $0.key, .plain)
        }
        return [key,
            Column(L(.complaints)) { .number(Double($0.complaints), .integer) },
            Column(L(.open)) { .number(Double($0.open), .integer) },
            Column(L(.medianFirstResponse)) { .number($0.medianFirstResponseHours, .hours) },
            Column(L(.p90FirstResponse)) { .number($0.p90FirstResponseHours, .hours) },
            Column(L(.medianResolution)) { .number($0.medianResolutionHours, .hours) },
            Column(L(.p90Resolution)) { .number($0.p90ResolutionHours, .hours) },
            Column(L(.firstResponseCompliance)) { sampled($0.firstResponseCompliance, n: $0.complaints, d) },
            Column(L(.resolutionCompliance)) { sampled($0.resolutionCompliance, n: $0.complaints, d) },
            Column(L(.escalationCompliance)) { .number($0.escalationCompliance, .rate) },
            Column(L(.slaRate)) { sampled($0.slaRate, n: $0.complaints, d) },
        ]
    }

    static func writeSatisfaction(_ d: ReportData, _ sheet: XLSXSheet) throws {
        let L = d.labels
        let s = d.results.satisfaction
        let dims = d.config.satisfaction.dimensions
        var columns: [Column<SatisfactionSummary>] = [
            Column(L(.managerID)) { .text($0.grouping == .overall ? L(.total) : $0.key, .plain) },
            Column(L(.managerName)) { .text($0.grouping == .overall ? "" : d.managerName($0.key), .plain) },
            Column(L(.responses)) { .number(Double($0.responses), .integer) },
            Column(L(.meanOverall)) { .number($0.meanOverall, .score) },
            Column(L(.csat)) { sampled($0.csat, n: $0.scoredResponses, d) },
            Column(L(.nps)) { .number($0.nps, .decimal) },
        ]
        for dim in dims {
            columns.append(Column(d.config.language == .en ? dim.name : dim.header) { .number($0.dimensions[dim.name], .score) })
        }
        columns.append(Column(L(.adjustedSatisfaction)) { .number($0.adjustedSatisfaction, .score) })
        let rows = s.groups.filter { $0.grouping == .manager } + s.groups.filter { $0.grouping == .overall }
        var row = 0
        if let range = try table(sheet, at: 0, columns, rows, main: true) {
            try sheet.highlight(column: columnIndex(columns, L(.csat)), rows: range,
                                when: .lessThan, d.config.satisfaction.csatTarget, style: .bad)
            row = range.upperBound
        }
        row += 2
        try heading(sheet, row, L(.byGrade))
        var gradeColumns = columns
        gradeColumns[0] = Column(L(.grade)) { .text($0.key, .plain) }
        gradeColumns.remove(at: 1)
        gradeColumns.removeLast()
        let grades = s.groups.filter { $0.grouping == .grade }
        try table(sheet, at: row + 1, gradeColumns, grades, main: false)
        row += grades.count + 4
        try heading(sheet, row, L(.correctiveActions))
        let correctiveColumns: [Column<CorrectiveAction>] = [
            Column(L(.surveyID)) { .text($0.surveyID, .plain) },
            Column(L(.customerName)) { .text(d.customerName($0.customerID), .plain) },
            Column(L(.managerName)) { .text(d.managerName($0.managerID), .plain) },
            Column(L(.overallScore)) { .number(Double($0.overall), .integer) },
            Column(L(.complainedToo)) { .text($0.complained ? L(.yes) : L(.no), .center) },
            Column(L(.comment)) { .text($0.comment ?? "", .plain) },
        ]
        if let range = try table(sheet, at: row + 1, correctiveColumns, s.corrective, main: false) {
            try sheet.highlight(column: 4, rows: range, equals: L(.yes), style: .bad)
        }
    }

    static func writeVisits(_ d: ReportData, _ sheet: XLSXSheet) throws {
        let L = d.labels
        let v = d.results.visits
        let columns: [Column<VisitSummary>] = [
            Column(L(.managerID)) { .text($0.managerID, .plain) },
            Column(L(.managerName)) { .text(d.managerName($0.managerID), .plain) },
            Column(L(.visits)) { .number(Double($0.visits), .integer) },
            Column(L(.customersVisited)) { .number(Double($0.customersVisited), .integer) },
            Column(L(.onSite)) { .number(Double($0.onSite), .integer) },
            Column(L(.phone)) { .number(Double($0.phone), .integer) },
            Column(L(.online)) { .number(Double($0.online), .integer) },
            Column(L(.medianDuration)) { .number($0.medianDurationMinutes, .decimal) },
            Column(L(.shortVisits)) { .number(Double($0.shortVisits), .integer) },
            Column(L(.reportOnTime)) { .number($0.reportOnTimeRate, .rate) },
            Column(L(.customersDue)) { .number(Double($0.customersDue), .integer) },
            Column(L(.customersCovered)) { .number(Double($0.customersCovered), .integer) },
            Column(L(.coverageRate)) { sampled($0.coverageRate, n: $0.customersDue, d) },
        ]
        var row = 0
        if let range = try table(sheet, at: 0, columns, v.managers, main: true) {
            try sheet.highlight(column: columnIndex(columns, L(.shortVisits)), rows: range,
                                when: .greaterThan, 0, style: .warn)
            // Graded, not one colour for everything under 100 %: red at half the due customers, amber at 80 %.
            try sheet.colourScale(column: columnIndex(columns, L(.coverageRate)), rows: range, low: 0.5, mid: 0.8)
            row = range.upperBound
        }
        row += 2
        try heading(sheet, row, L(.aNotCovered))
        let uncoveredColumns: [Column<UncoveredCustomer>] = [
            Column(L(.customerID)) { .text($0.customerID, .plain) },
            Column(L(.customerName)) { .text(d.customerName($0.customerID), .plain) },
            Column(L(.managerName)) { .text(d.managerName($0.managerID), .plain) },
            Column(L(.cadenceMonths)) { .number(Double($0.cadenceMonths), .integer) },
            Column(L(.lastVisit)) { .text($0.lastVisit.map { Fmt.time($0, d.clock) } ?? L(.never), .center) },
        ]
        try table(sheet, at: row + 1, uncoveredColumns, v.uncoveredA, main: false)
        try writeQuotasAndPlans(d, sheet, at: row + v.uncoveredA.count + 4)
    }

    static func writeDataQuality(_ d: ReportData, _ sheet: XLSXSheet) throws {
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

    // MARK: Summary

    /// One printed page (SPEC §4.1.1): the title, what changed (the Markdown's bullets), the
    /// headline figures, and the three charts beside them.
    static func writeSummary(_ d: ReportData, _ sheet: XLSXSheet, chartData data: XLSXSheet, book: XLSXWorkbook) throws {
        let L = d.labels
        // Title, period and bullets run across the page without widening column A.
        try note(sheet, 0, "\(L(.reportTitle)) \(L.period(d.period))", style: .title)
        try note(sheet, 1, "\(L(.period)): \(d.periodDays)    \(L(.asOf)): \(d.asOfText)")
        // What an absent export leaves out first (SPEC §2.7), then what changed.
        let bullets = Entity.allCases.filter(d.results.absent.contains).compactMap(L.absent).map { "⚠ " + $0 }
            + MarkdownReport.changes(d).map { "• " + $0.replacingOccurrences(of: "**", with: "") }
        for (i, bullet) in bullets.enumerated() { try note(sheet, 3 + i, bullet, style: .plain) }
        let tableRow = 3 + bullets.count + 1
        let items = Headline.items(d)
        let columns: [Column<Headline.Item>] = [
            Column(L(.headline)) { .text($0.label, .plain) },
            Column(L(.value)) { $0.value },
            Column(Headline.previousHeader(d)) { $0.previous },
            Column(L(.target)) { $0.target },
        ]
        // A page, not a list: no filter, no frozen header (it cut through the charts beside it).
        let range = (tableRow + 1)...(try writeRows(sheet, at: tableRow, columns, items))
        try sheet.printSetup(headerRow: nil)
        sheet.fitOnOnePage()
        for (i, item) in items.enumerated() where item.missed {
            try sheet.highlight(column: 1, rows: (range.lowerBound + i)...(range.lowerBound + i),
                                when: .lessThan, item.targetValue ?? 0, style: .bad)
        }

        // The charts' data on the hidden sheet; the charts to the right of the headline table,
        // the grade chart above the two bar charts side by side (they grow with the managers).
        let grades = d.gradeSeries, scores = d.scoreSeries, sla = d.slaSeries
        var row = 0
        let gradeBlock = try block(data, row: row, col: 0, title: (L(.grade), L(.customersByGrade)), grades, .integer)
        row = gradeBlock.last + 2
        let scoreBlock = try block(data, row: row, col: 0, title: (L(.managerName), L(.score)), scores, .decimal)
        row = scoreBlock.last + 2
        let slaBlock = try block(data, row: row, col: 0, title: (L(.managerName), L(.slaRate)), sla, .rate)
        let chartCol = 4
        let below = try chart(book, sheet, data: data, kind: .column, title: L(.customersByGrade), block: gradeBlock,
                              row: tableRow, at: chartCol)
        let bottom = try chart(book, sheet, data: data, kind: .bar, title: L(.managerScores), block: scoreBlock,
                               row: below, at: chartCol, max: 100, bars: scores.count)
        _ = try chart(book, sheet, data: data, kind: .bar, title: L(.slaByManager), block: slaBlock,
                      row: below, at: chartCol + 10, max: 1, percent: true, bars: sla.count)
        // 口径 under the table and the charts: how each figure is counted.
        for (i, line) in Definitions.lines(d).enumerated() {
            try note(sheet, max(range.upperBound, bottom) + 1 + i, line, style: i == 0 ? .bold : .subtitle)
        }
        sheet.activate()
    }

    /// A two-column block (label, value) for a chart; returns its first and last data rows.
    static func block(_ sheet: XLSXSheet, row: Int, col: Int, title: (String, String), _ values: [(String, Double?)],
                      _ style: CellStyle) throws -> (first: Int, last: Int) {
        try sheet.write(row, col, text: title.0, .header)
        try sheet.write(row, col + 1, text: title.1, .header)
        for (i, v) in values.enumerated() {
            try sheet.write(row + 1 + i, col, text: v.0, .plain)
            try sheet.write(row + 1 + i, col + 1, number: v.1, style)
        }
        return (row + 1, row + max(values.count, 1))
    }

    /// Inserts a native chart over a data block at `row`; returns the first row below it.
    static func chart(_ book: XLSXWorkbook, _ sheet: XLSXSheet, data: XLSXSheet, kind: XLSXChart.Kind, title: String, block: (first: Int, last: Int),
                      col: Int = 0, row: Int, at insertColumn: Int, max: Double? = nil, percent: Bool = false, bars: Int = 0) throws -> Int {
        let c = try book.addChart(kind)
        let rows = block.first...block.last
        let series = try c.addSeries(on: data, categories: .init(rows: rows, columns: col...col), values: .init(rows: rows, columns: (col + 1)...(col + 1)))
        series.showValues()
        c.setTitle(title)
        c.setLegend(.none)
        // In a bar chart the y axis holds the categories: reversed so the first row is on top.
        if kind == .bar, let categories = c.categoryAxis, let values = c.valueAxis {
            categories.reverse()
            categories.setIntervalUnit(1)  // every manager's name, not every other
            values.setMin(0)
            if let max { values.setMax(max) }
            if percent { values.setNumberFormat("0%") }
        }
        let height = Swift.max(288, 70 + 24 * bars)  // pixels; the default chart is 480 × 288
        try sheet.insert(c, row: row, column: insertColumn, xScale: 1.25, yScale: Double(height) / 288)
        return row + height / 20 + 2
    }
}
