import ScorecardMetrics

/// The 满意度 Satisfaction sheet (SPEC §4.1.1): per manager, per grade, and the corrective actions.
extension WorkbookReport {
    package static func writeSatisfaction(_ d: ReportData, _ sheet: XLSXSheet) throws {
        let L = d.labels
        let s = d.results.satisfaction
        let dims = d.config.satisfaction.dimensions
        var columns: [Column<SatisfactionSummary>] = [
            Column(L(.managerID)) { $0.grouping == .overall ? .text(L(.total), .bold) : .text($0.key, .plain) },
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
}
