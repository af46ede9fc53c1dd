import ScorecardMetrics

/// The 客户分级 Customers sheet (SPEC §4.1.1): every customer's grade, why, and its coverage.
extension WorkbookReport {
    package static func writeCustomers(_ d: ReportData, _ sheet: XLSXSheet) throws {
        let L = d.labels
        let anyDue = !d.results.visits.managers.isEmpty
        // Sorted by position, not by copying the rows: 1.1 M grades were a second 0.2 GB copy (issue 10).
        let grades = d.results.grades
        let order = grades.positionsByGradeAndSales()
        let rows = order.lazy.map { grades[Int($0)] }
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
}
