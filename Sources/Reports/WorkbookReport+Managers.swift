import ScorecardMetrics

/// The 经理排名 Managers and 小组汇总 Teams sheets (SPEC §4.1.1).
extension WorkbookReport {
    package static func writeManagers(_ d: ReportData, _ sheet: XLSXSheet) throws {
        let L = d.labels
        let targets = d.results.managers.contains { $0.attainment != nil }
        let marks = d.talkMarks
        var columns: [Column<ManagerScore>] = [
            Column(L(.rank)) { .number(Double($0.rank), .integer) },
            Column(L(.rankChange)) { .number($0.rankChange.map(Double.init), .change) },
        ]
        // A team's report: the rank within the team beside the organisation's (SPEC §4.4).
        if d.results.team != nil { columns.append(Column(L(.rankInTeam)) { .number($0.teamRank.map(Double.init), .integer) }) }
        columns += [
            Column(L(.managerName)) { .text(d.managerName($0.managerID), .plain) },
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
            // No 上期排名 column: 名次变化 says it, and the page prints at a readable scale (issue 30 item 1).
            Column(L(.mark)) { .text(d.talkMark($0.managerID, marks), .plain) },
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
    package static func writeTeams(_ d: ReportData, _ sheet: XLSXSheet) throws {
        let L = d.labels
        let columns: [Column<TeamSummary>] = [
            Column(L(.teamRank)) { .number(Double($0.rank), .integer) },
            Column(L(.team)) { .text(d.teamTitle($0), .plain) },
            Column(L(.managerCount)) { .number(Double($0.managers), .integer) },
            Column(L(.customerCount)) { .number(Double($0.customers), .integer) },
            Column(L(.meanScore)) { .number($0.meanScore, .decimal) },
            Column(L(.sales)) { .number($0.sales, .money) },
            Column(L(.coverageRate)) { .number($0.coverageRate, .rate) },
            Column(L(.slaRate)) { .number($0.slaRate, .rate) },
            Column(L(.meanOverall)) { .number($0.meanOverall, .score) },
            Column(L(.adjustedSatisfaction)) { .number($0.adjustedSatisfaction, .score) },
            Column(L(.collectionRate)) { .number($0.collectionRate, .rate) },
        ]
        guard let rows = try table(sheet, at: 0, columns, d.results.teams, main: true) else { return }
        try note(sheet, rows.upperBound + 2, L(.teamRule))
        for (i, line) in d.results.tree.notes.map(L.teamNote).enumerated() { try note(sheet, rows.upperBound + 3 + i, line) }
        // On one level the first and the last stand out; in a tree ranks are among siblings.
        if d.results.teams.allSatisfy({ $0.depth == 0 }), let worst = d.results.teams.map(\.rank).max(), worst > 1 {
            try sheet.highlight(column: 0, rows: rows, when: .equalTo, 1, style: .good)
            try sheet.highlight(column: 0, rows: rows, when: .equalTo, Double(worst), style: .bad)
        }
    }
}
