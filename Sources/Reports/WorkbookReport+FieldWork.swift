import ScorecardMetrics

/// The 报修回访 Repair follow-ups sheet (SPEC §3.9) and the visit quota and plan tables
/// of the 拜访 Visits sheet (§3.10). Without the optional exports they say so.
extension WorkbookReport {
    package static func writeService(_ d: ReportData, _ sheet: XLSXSheet, list listSheet: XLSXSheet) throws {
        let L = d.labels
        let s = d.results.service
        guard s.hasData else {
            try sheet.write(0, 0, text: L(.noServiceData), .subtitle)
            try sheet.printSetup(headerRow: 0)
            try listSheet.write(0, 0, text: L(.noServiceData), .subtitle)
            try listSheet.printSetup(headerRow: 0)
            return
        }
        // Managers first, the total last; then the classes.
        let managers = s.groups.filter { $0.grouping == .manager }
        let rows = managers + s.groups.filter { $0.grouping == .overall }
        var columns: [Column<ServiceSummary>] = [
            Column(L(.managerID)) { $0.grouping == .overall ? .text(L(.total), .bold) : .text($0.key, .plain) },
            Column(L(.managerName)) { .text($0.grouping == .overall ? "" : d.managerName($0.key), .plain) },
        ]
        columns += summaryColumns(d)
        var row = 0
        if let range = try table(sheet, at: 0, columns, rows, main: true) {
            try highlightRoles(d, sheet, columns, range)
            row = range.upperBound
        }
        row += 2
        try heading(sheet, row, L(.byClass))
        var classColumns: [Column<ServiceSummary>] = [Column(L(.repairClass)) {
            $0.grouping == .overall ? .text(L(.total), .bold) : .text(L.repairClass($0.key), .plain)
        }]
        classColumns += summaryColumns(d)
        // 合计 last, as the Markdown's (issue 30 item 10).
        let classes = s.groups.filter { $0.grouping == .class } + s.groups.filter { $0.grouping == .overall }
        try table(sheet, at: row + 1, classColumns, classes, main: false)
        try note(sheet, row + classes.count + 3, "\(L(.serviceList))\(L.language == .en ? ": see the sheet " : "：见工作表“")\(L(.sheetServiceList))\(L.language == .en ? "" : "”")")
        let list: [Column<ServiceFollowUp>] = [
            Column(L(.requestID)) { .text($0.requestID, .plain) },
            Column(L(.customerName)) { .text(d.customerName($0.customerID), .plain) },
            Column(L(.managerName)) { .text(d.managerName($0.managerID), .plain) },
            Column(L(.repairClass)) { .text(L.repairClass($0.repairClass), .center) },
            Column(L(.completedAt)) { when($0.completedAt, d) },
            Column(L(.completionHours)) { .number($0.completionHours, .hours) },
            Column(L(.followUp)) { .text(L.status($0.followUp), .center) },
            Column(L(.followUpRole)) { .text(L.role($0.followUpRole), .center) },
            Column(L(.notice)) { .text(L.status($0.notice), .center) },
        ]
        if let range = try table(listSheet, at: 0, list, s.followUps, main: true) {
            for title in [L(.followUp), L(.notice)] {
                try listSheet.highlight(column: columnIndex(list, title), rows: range, equals: L(.breached), style: .bad)
                try listSheet.highlight(column: columnIndex(list, title), rows: range, equals: L(.pending), style: .warn)
            }
        }
    }

    /// Completed, open, compliance, role shares (titled with their targets), notices, completion times.
    package static func summaryColumns(_ d: ReportData) -> [Column<ServiceSummary>] {
        let L = d.labels
        var columns: [Column<ServiceSummary>] = [
            Column(L(.completedCount)) { .number(Double($0.completed), .integer) },
            Column(L(.openRequests)) { .number(Double($0.open), .integer) },
            Column(L(.followUpOnTime)) { .number($0.followUpCompliance, .rate) },
        ]
        for role in ServiceFollowUps.roles {
            let target = d.config.service.roleTargets[role].map { " ≥ \(Fmt.rate($0))" } ?? ""
            // A share of fewer than min_sample completed requests shows its count and is not flagged (SPEC §4.1.1).
            columns.append(Column("\(L.role(role))\(L(.roleShare))\(target)") { sampled($0.roleShares[role], n: $0.completed, d) })
        }
        return columns + [
            Column(L(.noticeOnTime)) { .number($0.noticeCompliance, .rate) },
            Column(L(.medianCompletion)) { .number($0.medianCompletionHours, .hours) },
            Column(L(.p90Completion)) { .number($0.p90CompletionHours, .hours) },
        ]
    }

    /// Role shares below the handbook's targets (director 10 %, administrator 30 %, repair lead 60 %).
    package static func highlightRoles(_ d: ReportData, _ sheet: XLSXSheet, _ columns: [Column<ServiceSummary>], _ range: ClosedRange<Int>) throws {
        let L = d.labels
        for role in ServiceFollowUps.roles {
            guard let target = d.config.service.roleTargets[role], target > 0,
                  let c = columns.firstIndex(where: { $0.title.hasPrefix("\(L.role(role))\(L(.roleShare))") }) else { continue }
            try sheet.highlight(column: c, rows: range, when: .lessThan, target, style: .bad)
        }
    }

    /// Below the visits' tables from `row`: the daily quota and the visit plans (SPEC §3.10).
    package static func writeQuotasAndPlans(_ d: ReportData, _ sheet: XLSXSheet, at start: Int) throws {
        let L = d.labels
        let q = d.results.visitQuotas
        var row = start
        try heading(sheet, row, L(.visitQuota))
        if !q.quotaOn {
            try sheet.write(row + 1, 0, text: L(.quotaOff), .subtitle)
            row += 4
        } else {
            let columns: [Column<VisitQuota>] = [
                Column(L(.managerID)) { .text($0.managerID, .plain) },
                Column(L(.managerName)) { .text(d.managerName($0.managerID), .plain) },
                Column(L(.territory)) { .text(L.territory($0.territory), .center) },
                Column(L(.quota)) { .number(Double($0.quota), .integer) },
                Column(L(.workingDays)) { .number(Double($0.workingDays), .integer) },
                Column(L(.daysAtQuota)) { .number(Double($0.daysAtQuota), .integer) },
                Column(L(.quotaRate)) { .number($0.quotaRate, .rate) },
                Column(L(.meanPerDay)) { .number($0.meanCustomersPerDay, .decimal) },
                Column(L(.daysShort)) { q in
                    .text(q.daysShort.count == q.workingDays && q.workingDays > 1 ? String(format: L(.allDaysShort), q.workingDays)
                          : q.daysShort.map { "\($0.month)/\($0.day)" }.joined(separator: " "), .center)
                },
            ]
            if let range = try table(sheet, at: row + 1, columns, q.quotas, main: false) {
                try sheet.highlight(column: columnIndex(columns, L(.quotaRate)), rows: range, when: .lessThan, 1, style: .warn)
            }
            row += q.quotas.count + 4
        }
        try heading(sheet, row, L(.visitPlans))
        guard q.hasPlans else {
            try sheet.write(row + 1, 0, text: L(.noPlans), .subtitle)
            return
        }
        let plans = q.plans.filter { !$0.managerID.isEmpty } + q.plans.filter { $0.managerID.isEmpty }
        let columns: [Column<VisitPlanSummary>] = managerColumns(d, team: false) { $0.managerID } + [
            Column(L(.plansDue)) { .number(Double($0.plansDue), .integer) },
            Column(L(.plansDone)) { .number(Double($0.plansDone), .integer) },
            Column(L(.planExecution)) { .number($0.planExecutionRate, .rate) },
            Column(L(.planOnTime)) { .number($0.planOnTimeRate, .rate) },
            Column(L(.unplannedShare)) { .number($0.unplannedShare, .rate) },
        ]
        try table(sheet, at: row + 1, columns, plans, main: false)
    }
}
