import ScorecardMetrics
import ScorecardModel
import ScorecardWarehouse

/// The 客户分级 Customers sheet (SPEC §4.1.1): every customer's grade, why, and its coverage.
extension WorkbookReport {
    package static func writeCustomers(_ d: ReportData, _ sheet: XLSXSheet) throws {
        let L = d.labels
        let anyDue = !d.results.visits.managers.isEmpty
        let separator = d.config.language == .en ? "; " : "；"
        let columns: [Column<StoredGradeRow>] = [
            Column(L(.customerID)) { .text($0.customerID, .plain) },
            Column(L(.customerName)) { .text($0.name ?? $0.customerID, .plain) },
            Column(L(.managerName)) { .text(d.managerName($0.managerID), .plain) },
            Column(L(.region)) { .text(L.region($0.region ?? "urban"), .plain) },
            Column(L(.grade)) { .text($0.grade.rawValue, .bold) },
            Column(L(.provisional)) { .text($0.provisional ? L(.yes) : "", .plain) },
            Column(L(.previousGrade)) { .text($0.previousGrade?.rawValue ?? "", .plain) },
            Column(L(.gradeChange)) { .text(L.change(GradeChange(rawValue: $0.change)!), .plain) },  // checked as read back
            Column(L(.gradeReason)) { g in
                .text(GradeReason.stored(g.reason, averageDaysLate: g.avgDaysLate).map { $0.reason.map(L.reason) ?? String($0.text) }
                    .joined(separator: separator), .plain)
            },
            Column(L(.sales12m)) { .number($0.sales12m, .money) },
            Column(L(.profit12m)) { .number($0.profit12m, .money) },
            Column(L(.avgDaysLate)) { .number($0.avgDaysLate, .decimal) },
            Column(L(.onTimeRate)) { .number($0.onTimeRate, .rate) },
            Column(L(.coverage)) {
                .text(d.results.visits.isUncovered($0.customerID) ? L(.notCovered) : anyDue ? L(.covered) : L(.noCadence), .plain)
            },
        ]
        let range: ClosedRange<Int>?
        if let stored = d.storedGrades {  // read back from the warehouse (the runs: issue 29)
            range = try table(sheet, at: 0, columns, stored, count: stored.count, main: true)
        } else {  // held: sorted by position, not by copying the rows (1.1 M grades were a second 0.2 GB copy, issue 10)
            let grades = d.results.grades
            precondition(grades.holdsAll, "a report without its stored grades holds them all")
            range = try table(sheet, at: 0, columns, grades.positionsByGradeAndSales().lazy.map { d.customerRow(grades[Int($0)]) }, main: true)
        }
        guard let range else { return }
        try sheet.highlight(column: columnIndex(columns, L(.gradeChange)), rows: range, equals: L(.downgrade), style: .bad)
        try sheet.highlight(column: columnIndex(columns, L(.avgDaysLate)), rows: range,
                            when: .greaterThan, d.config.grading.downgradeDaysLate, style: .bad)
        try sheet.highlight(column: columnIndex(columns, L(.coverage)), rows: range, equals: L(.notCovered), style: .warn)
    }
}

extension ReportData {
    /// A held grade as the warehouse gives it back (`StoredGradeRow`), its name and region from the directory.
    package func customerRow(_ g: CustomerGrade) -> StoredGradeRow {
        StoredGradeRow(customerID: g.customerID, managerID: g.managerID, name: customers.name(of: g.customerID),
                       region: customers.region(of: g.customerID), grade: g.grade, provisional: g.provisional, previousGrade: g.previousGrade,
                       change: g.change.rawValue, reason: g.reasons.map(\.description).joined(separator: GradeReason.storedSeparator),
                       sales12m: g.sales12m, profit12m: g.profit12m, avgDaysLate: g.avgDaysLate, onTimeRate: g.onTimeRate)
    }
}
