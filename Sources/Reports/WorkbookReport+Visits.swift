import ScorecardMetrics

/// The 拜访 Visits sheet (SPEC §4.1.1): per manager, the A customers not covered, then the
/// quota and plan tables (`writeQuotasAndPlans`).
extension WorkbookReport {
    package static func writeVisits(_ d: ReportData, _ sheet: XLSXSheet) throws {
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
            Column(L(.lastVisit)) { $0.lastVisit == nil ? .text(L(.never), .center) : when($0.lastVisit, d) },
        ]
        try table(sheet, at: row + 1, uncoveredColumns, v.uncoveredA, main: false)
        try writeQuotasAndPlans(d, sheet, at: row + v.uncoveredA.count + 4)
    }
}
