/// The Markdown's sections for the sheets that explain the ranking (SPEC §4.1.1): teams,
/// the trend, and the briefs of the first and the last manager (the workbook has a page
/// for every manager).
extension MarkdownReport {
    package static func teamsSection(_ d: ReportData) -> String {
        let L = d.labels
        guard !d.results.teams.isEmpty else { return "" }
        var out = "\n## \(L(.sheetTeams))\n\n"
        out += table([L(.teamRank), L(.team), L(.managerCount), L(.meanScore), L(.sales), L(.coverageRate), L(.slaRate), L(.meanOverall)],
                     d.results.teams.map { t in
            [String(t.rank), d.teamTitle(t), String(t.managers), Fmt.decimal(t.meanScore, 2), Fmt.money(t.sales),
             Fmt.rate(t.coverageRate), Fmt.rate(t.slaRate), Fmt.decimal(t.meanOverall)]
        })
        let notes = d.results.tree.notes.map { "\n" + L.teamNote($0) + "\n" }.joined()
        return out + "\n\(L(.teamRule))\n" + notes
    }

    /// Each manager's score over the stored periods, in this period's order (top and bottom).
    package static func trendSection(_ d: ReportData, image: (String, String) -> String) -> String {
        let L = d.labels
        let t = d.trend
        var out = "\n## \(L(.sheetTrend))\n\n"
        let rows = d.results.managers.map { m in
            [String(m.rank), d.managerName(m.managerID)] + t.periods.indices.map { Fmt.decimal(t.points[m.managerID]?[$0]?.score, 1) }
        }
        out += topAndBottom(L, [L(.rank), L(.managerName)] + t.periods.map { L.period($0) }, rows, top: 10, bottom: 5)
        return out + image(L(.sheetTrend), "trend.svg")
    }

    /// The trend chart's series: the first and the last five of this period (all when ten or fewer).
    package static func trendSeries(_ d: ReportData) -> [(label: String, values: [Double?])] {
        return d.trendChartPositions.map { d.results.managers[$0] }.map { m in (d.managerName(m.managerID), d.trend.periods.indices.map { d.trend.points[m.managerID]?[$0]?.score }) }
    }

    /// The first and the last manager's briefs: KPIs with points, then each list (ten items at most).
    package static func briefsSection(_ d: ReportData) -> String {
        let L = d.labels
        let marks = d.talkMarks
        let chosen = d.results.managers.filter { marks.first.contains($0.managerID) || marks.last.contains($0.managerID) }
        guard !chosen.isEmpty else { return "" }
        var out = "\n## \(L(.sheetManagerPages))\n\n"
        for brief in ManagerBrief.make(d, for: chosen) {
            out += "### \(brief.title)\n\n"
            // As on the workbook's page (issue 30 item 9): value, team average, last period, rank on the measure.
            out += table([L(.kpiTitle), L(.value), L(.teamAverage), L(.previousPeriod), L(.rankOnMeasure), L(.weight), L(.points)],
                         brief.measures.map { m in
                [m.label, m.text, m.averageText, m.previousText, m.rank.map { "\($0)/\(m.ranked)" } ?? "–",
                 m.weight.map { Fmt.decimal($0, 0) } ?? "–", Fmt.decimal(m.points, 1)]
            })
            out += "\n"
            for list in brief.lists {
                let colon = L.language == .en ? ": " : "："
                out += "- **\(L(list.label))**\(colon)" + (list.items.isEmpty ? L(.noneThisPeriod) : "\(list.items.count) — "
                    + list.items.prefix(10).map(\.text).joined(separator: L.language == .en ? "; " : "；") + (list.items.count > 10 ? " …" : "")) + "\n"
            }
            out += briefHandbookLines(d, brief.manager.managerID).map { "- \($0)\n" }.joined()
            out += "\n"
        }
        return String(out.dropLast())
    }
}
