import ScorecardMetrics

/// The 投诉时效 Complaints sheet (SPEC §4.1.1): every complaint's times against its SLA, the
/// groups, repeats and unescalated majors.
extension WorkbookReport {
    package static func writeComplaints(_ d: ReportData, _ sheet: XLSXSheet) throws {
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
            Column(L(.receivedAt)) { when($0.receivedAt, d) },
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
            // The managers' table ends with 合计, as the Markdown's (issue 30 item 10).
            let rows = c.groups.filter { $0.grouping == grouping } + (grouping == .manager ? c.groups.filter { $0.grouping == .overall } : [])
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
            Column(L(.receivedAt)) { when($0.receivedAt, d) },
            Column(L(.escalationStatus)) { .text(L.status($0.escalation), .plain) },
        ]
        try table(sheet, at: row + 1, majorColumns, c.unescalatedMajors, main: false)
    }

    package static func slaColumns(_ d: ReportData, _ grouping: SLAGroup.Grouping) -> [Column<SLAGroup>] {
        let L = d.labels
        let key: Column<SLAGroup> = Column(grouping == .manager ? L(.managerName) : grouping == .grade ? L(.grade) : L(.category)) {
            $0.grouping == .overall ? .text(L(.total), .bold) : .text(grouping == .manager ? d.managerName($0.key) : $0.key, .plain)
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
}
